"""OKR Star of the month: kudos on comments, managers' nominations and the admins' pick."""
from tortoise import fields
from tortoise.models import Model


class Kudos(Model):
    """A thumbs-up one person gives another for a comment they wrote."""
    id = fields.IntField(primary_key=True)
    comment: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Comment', related_name='kudos',
                                                                on_delete=fields.CASCADE)
    giver: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='kudos_given',
                                                              on_delete=fields.CASCADE)
    receiver: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='kudos_received',
                                                                 on_delete=fields.CASCADE)
    at = fields.DatetimeField(db_index=True)

    class Meta:
        table = 'kudos'
        unique_together = (('giver_id', 'comment_id'),)


class Nomination(Model):
    """A manager proposes one of their people as star of the month, with a reason."""
    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, db_index=True)  # 'YYYY-MM'
    person: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='nominations',
                                                               on_delete=fields.CASCADE)
    nominated_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='nominations_made', null=True, on_delete=fields.SET_NULL)
    reason = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = 'nomination'
        unique_together = (('month', 'person_id', 'nominated_by_id'),)


class Award(Model):
    """The OKR Star of a month, picked by an admin: one per month."""
    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, unique=True)
    person: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='awards',
                                                               on_delete=fields.CASCADE)
    picked_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='awards_picked', null=True, on_delete=fields.SET_NULL)
    reason = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = 'award'
        ordering = ['-month']
