"""Mid-cycle adjustments: each change of a key result's target or wording, drop or addition, with its reason."""
from tortoise import fields
from tortoise.models import Model


class Adjustment(Model):
    """One adjustment of one key result. Its before and after values keep both versions visible for good."""
    id = fields.IntField(primary_key=True)
    key_result: fields.ForeignKeyRelation = fields.ForeignKeyField('models.KeyResult', related_name='adjustments',
                                                                   on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=20)  # change_target, rename, drop, add
    before = fields.JSONField(default=dict)
    after = fields.JSONField(default=dict)
    reason = fields.TextField()
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='adjustments', null=True, on_delete=fields.SET_NULL)
    at = fields.DatetimeField(db_index=True)

    class Meta:
        table = 'adjustment'
        ordering = ['at', 'id']
