from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_calendar_feeds')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DataLink',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key_result', fields.OneToOneField('models.KeyResult', source_field='key_result_id', db_constraint=True, to_field='id', related_name='data_link', on_delete=OnDelete.CASCADE)),
                ('provider', fields.CharField(max_length=10)),
                ('base_url', fields.CharField(max_length=500)),
                ('jql', fields.TextField(default='', unique=False)),
                ('board_id', fields.CharField(default='', max_length=40)),
                ('done_list_id', fields.CharField(default='', max_length=40)),
                ('measure', fields.CharField(max_length=20)),
                ('points_field', fields.CharField(default='customfield_10016', max_length=64)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='data_links', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_synced_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_value', fields.FloatField(null=True)),
                ('last_error', fields.CharField(default='', max_length=300)),
                ('last_error_params', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'data_link', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Where a key result takes its value from. Holds no secret: those live in LinkCredential.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LinkCredential',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('link', fields.OneToOneField('models.DataLink', source_field='link_id', db_constraint=True, to_field='id', related_name='credential', on_delete=OnDelete.CASCADE)),
                ('user', fields.CharField(default='', max_length=200)),
                ('key', fields.CharField(default='', max_length=200)),
                ('token', fields.CharField(max_length=1000)),
            ],
            options={'table': 'link_credential', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The secret half of a link: Jira user and API token (or a bearer token alone), or Trello key and token.'},
            bases=['Model'],
        ),
    ]
