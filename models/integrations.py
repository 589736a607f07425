"""Key results driven by Jira or Trello: the link, and its credential kept in a table of its own."""
from tortoise import fields
from tortoise.models import Model


class DataLink(Model):
    """Where a key result takes its value from. Holds no secret: those live in LinkCredential."""
    id = fields.IntField(primary_key=True)
    key_result: fields.OneToOneRelation = fields.OneToOneField('models.KeyResult', related_name='data_link',
                                                               on_delete=fields.CASCADE)
    provider = fields.CharField(max_length=10)  # jira, trello
    base_url = fields.CharField(max_length=500)
    jql = fields.TextField(default='')
    board_id = fields.CharField(max_length=40, default='')
    done_list_id = fields.CharField(max_length=40, default='')
    measure = fields.CharField(max_length=20)  # done_count, done_share, story_points (jira only)
    points_field = fields.CharField(max_length=64, default='customfield_10016')
    created_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='data_links', null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField()
    last_synced_at = fields.DatetimeField(null=True)
    last_value = fields.FloatField(null=True)
    last_error = fields.CharField(max_length=300, default='')  # an English source text, translated when shown
    last_error_params = fields.JSONField(default=dict)

    class Meta:
        table = 'data_link'


class LinkCredential(Model):
    """The secret half of a link: Jira user and API token (or a bearer token alone), or Trello key and token."""
    # TODO: secrets are stored as typed, not encrypted — whoever can read the database file can use them
    id = fields.IntField(primary_key=True)
    link: fields.OneToOneRelation = fields.OneToOneField('models.DataLink', related_name='credential',
                                                         on_delete=fields.CASCADE)
    user = fields.CharField(max_length=200, default='')
    key = fields.CharField(max_length=200, default='')
    token = fields.CharField(max_length=1000)

    class Meta:
        table = 'link_credential'

    def __repr__(self) -> str:  # never the secret, should one end up in a log or a traceback
        return f'<LinkCredential {self.id}>'
