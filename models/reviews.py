"""Self-assessments and manager reviews of key results, and the company's review settings."""
from tortoise import fields
from tortoise.models import Model


class Assessment(Model):
    """One key result in one round (mid or end): the owner score and reflection, the manager score and comment."""
    id = fields.IntField(primary_key=True)
    key_result: fields.ForeignKeyRelation = fields.ForeignKeyField('models.KeyResult', related_name='assessments',
                                                                   on_delete=fields.CASCADE)
    round = fields.CharField(max_length=10)  # mid, end
    self_score = fields.FloatField(null=True)
    reflection = fields.TextField(default='')
    self_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='self_assessments', null=True, on_delete=fields.SET_NULL)
    self_at = fields.DatetimeField(null=True)
    manager_score = fields.FloatField(null=True)
    manager_comment = fields.TextField(default='')
    manager_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='manager_reviews', null=True, on_delete=fields.SET_NULL)
    manager_at = fields.DatetimeField(null=True)

    class Meta:
        table = 'assessment'
        unique_together = (('key_result', 'round'),)


class ReviewSettings(Model):
    """The one row of company settings: how self and manager scores blend, and the weight of OKRs in performance."""
    id = fields.IntField(primary_key=True)
    self_share = fields.FloatField(default=0.3)
    okr_weight = fields.IntField(null=True)  # percent of a performance summary, 10-30; None: OKRs not counted
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'review_settings'
