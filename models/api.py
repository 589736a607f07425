"""Personal access tokens for the REST API."""
from tortoise import fields
from tortoise.models import Model


class ApiToken(Model):
    """A bearer token of one person, kept only as the sha256 of its secret."""
    id = fields.IntField(primary_key=True)
    owner: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='api_tokens',
                                                              on_delete=fields.CASCADE)
    name = fields.CharField(max_length=100)
    token_hash = fields.CharField(max_length=64, unique=True)
    scope = fields.CharField(max_length=20, default='read')  # read, read-write
    created_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = 'api_token'
        ordering = ['-created_at', '-id']
