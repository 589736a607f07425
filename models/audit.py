"""The audit log: who changed which objective, key result, score or setting, when, and from what to what."""
from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """One change. `before` and `after` hold only the fields that changed, never the value of a secret."""
    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    actor: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='audit_entries', null=True, on_delete=fields.SET_NULL)  # None: system or import
    action = fields.CharField(max_length=20)  # create, update, delete, restore, score, setting
    kind = fields.CharField(max_length=30, db_index=True)  # objective, key_result, cycle, channel, setting, ...
    subject_id = fields.IntField(null=True)
    title = fields.CharField(max_length=500, default='')  # the subject's name when it changed
    before = fields.JSONField(default=dict)
    after = fields.JSONField(default=dict)

    class Meta:
        table = 'audit_entry'
        ordering = ['-at', '-id']
