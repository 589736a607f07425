"""Private calendar feeds: one revocable subscription URL per person."""
from tortoise import fields
from tortoise.models import Model


class CalendarFeed(Model):
    """The ICS feed of one person. Its token is never stored, only the sha256 of it and the nonce it comes from."""
    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='calendar_feeds',
                                                               on_delete=fields.CASCADE)
    token_hash = fields.CharField(max_length=64, unique=True)
    nonce = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = 'calendar_feed'
        ordering = ['-created_at', '-id']
