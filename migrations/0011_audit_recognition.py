from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0010_data_links')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='audit_entries', on_delete=OnDelete.SET_NULL)),
                ('action', fields.CharField(max_length=20)),
                ('kind', fields.CharField(db_index=True, max_length=30)),
                ('subject_id', fields.IntField(null=True)),
                ('title', fields.CharField(default='', max_length=500)),
                ('before', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('after', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'audit_entry', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One change. `before` and `after` hold only the fields that changed, never the value of a secret.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Award',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(unique=True, max_length=7)),
                ('person', fields.ForeignKeyField('models.User', source_field='person_id', db_constraint=True, to_field='id', related_name='awards', on_delete=OnDelete.CASCADE)),
                ('picked_by', fields.ForeignKeyField('models.User', source_field='picked_by_id', null=True, db_constraint=True, to_field='id', related_name='awards_picked', on_delete=OnDelete.SET_NULL)),
                ('reason', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'award', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The OKR Star of a month, picked by an admin: one per month.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Kudos',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('comment', fields.ForeignKeyField('models.Comment', source_field='comment_id', db_constraint=True, to_field='id', related_name='kudos', on_delete=OnDelete.CASCADE)),
                ('giver', fields.ForeignKeyField('models.User', source_field='giver_id', db_constraint=True, to_field='id', related_name='kudos_given', on_delete=OnDelete.CASCADE)),
                ('receiver', fields.ForeignKeyField('models.User', source_field='receiver_id', db_constraint=True, to_field='id', related_name='kudos_received', on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'kudos', 'app': 'models', 'unique_together': (('giver_id', 'comment_id'),), 'pk_attr': 'id', 'table_description': 'A thumbs-up one person gives another for a comment they wrote.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Nomination',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('month', fields.CharField(db_index=True, max_length=7)),
                ('person', fields.ForeignKeyField('models.User', source_field='person_id', db_constraint=True, to_field='id', related_name='nominations', on_delete=OnDelete.CASCADE)),
                ('nominated_by', fields.ForeignKeyField('models.User', source_field='nominated_by_id', null=True, db_constraint=True, to_field='id', related_name='nominations_made', on_delete=OnDelete.SET_NULL)),
                ('reason', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'nomination', 'app': 'models', 'unique_together': (('month', 'person_id', 'nominated_by_id'),), 'pk_attr': 'id', 'table_description': 'A manager proposes one of their people as star of the month, with a reason.'},
            bases=['Model'],
        ),
    ]
