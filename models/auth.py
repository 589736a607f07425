"""Sessions, invitations and login attempts."""
from tortoise import fields
from tortoise.models import Model


class Session(Model):
    """A signed-in browser. Only the hash of its cookie token is stored."""
    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='sessions',
                                                             on_delete=fields.CASCADE)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    handoff_hash = fields.CharField(max_length=64, null=True, unique=True)
    handoff_expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = 'session'


class Invite(Model):
    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='invites',
                                                             on_delete=fields.CASCADE)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = 'invite'


class LoginFailure(Model):
    """One failed login, counted per account and per client address for throttling."""
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=300, db_index=True)
    at = fields.DatetimeField(db_index=True)

    class Meta:
        table = 'login_failure'
