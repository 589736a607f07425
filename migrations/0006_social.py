from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0005_api_tokens')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Comment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('objective', fields.ForeignKeyField('models.Objective', source_field='objective_id', db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.CASCADE)),
                ('key_result', fields.ForeignKeyField('models.KeyResult', source_field='key_result_id', null=True, db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.CASCADE)),
                ('checkin', fields.ForeignKeyField('models.CheckIn', source_field='checkin_id', null=True, db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.CASCADE)),
                ('parent', fields.ForeignKeyField('models.Comment', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='replies', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.SET_NULL)),
                ('body', fields.TextField(unique=False)),
                ('mentions', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('edited_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('deleted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'comment', 'app': 'models', 'indexes': [Index(fields=['objective_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A comment on an objective, or on one of its key results or check-ins. A `parent` makes it a reply.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Feedback',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('category', fields.CharField(max_length=20)),
                ('text', fields.TextField(unique=False)),
                ('day', fields.DateField()),
                ('week', fields.CharField(db_index=True, max_length=8)),
                ('status', fields.CharField(default='new', max_length=20)),
                ('answer', fields.TextField(default='', unique=False)),
                ('answered_on', fields.DateField(null=True)),
            ],
            options={'table': 'feedback', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Anonymous feedback about the OKR process or this tool: nothing here points at its author, on purpose.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FeedbackQuota',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.User', source_field='person_id', db_constraint=True, to_field='id', related_name='feedback_quotas', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('count', fields.IntField(default=0)),
            ],
            options={'table': 'feedback_quota', 'app': 'models', 'unique_together': (('person_id', 'day'),), 'pk_attr': 'id', 'table_description': 'How many feedback entries a person sent on a day, deliberately without any link to the entries.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Follow',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.User', source_field='person_id', db_constraint=True, to_field='id', related_name='follows', on_delete=OnDelete.CASCADE)),
                ('objective', fields.ForeignKeyField('models.Objective', source_field='objective_id', db_constraint=True, to_field='id', related_name='follows', on_delete=OnDelete.CASCADE)),
                ('key_result', fields.ForeignKeyField('models.KeyResult', source_field='key_result_id', null=True, db_constraint=True, to_field='id', related_name='follows', on_delete=OnDelete.CASCADE)),
                ('subject', fields.CharField(max_length=40)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'follow', 'app': 'models', 'unique_together': (('person_id', 'subject'),), 'pk_attr': 'id', 'table_description': 'A person follows an objective, or one of its key results, to hear of its check-ins and comments.'},
            bases=['Model'],
        ),
    ]
