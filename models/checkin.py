"""Check-ins: the append-only history of every key result."""
from tortoise import fields
from tortoise.models import Model


class CheckIn(Model):
    id = fields.IntField(primary_key=True)
    key_result: fields.ForeignKeyRelation = fields.ForeignKeyField('models.KeyResult', related_name='checkins',
                                                                   on_delete=fields.CASCADE)
    value = fields.FloatField()
    confidence = fields.IntField(null=True)
    note = fields.TextField(default='')  # what changed
    next_step = fields.TextField(default='')
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='checkins', null=True, on_delete=fields.SET_NULL)
    at = fields.DatetimeField(db_index=True)
    source = fields.CharField(max_length=20, default='web')  # web, api, jira, trello, import

    class Meta:
        table = 'checkin'
        ordering = ['at', 'id']
        indexes = (('key_result_id', 'at'),)
