from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0011_audit_recognition')]

    initial = False

    operations = [
        ops.CreateModel(
            name='KnowledgeItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=200)),
                ('body', fields.TextField(default='', unique=False)),
                ('tags', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('kind', fields.CharField(default='lesson', max_length=20)),
                ('source_kind', fields.CharField(null=True, max_length=20)),
                ('source_id', fields.IntField(null=True)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', null=True, db_constraint=True, to_field='id', related_name='knowledge_items', on_delete=OnDelete.SET_NULL)),
                ('team', fields.ForeignKeyField('models.Team', source_field='team_id', null=True, db_constraint=True, to_field='id', related_name='knowledge_items', on_delete=OnDelete.SET_NULL)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='knowledge_items', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'knowledge_item', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One lesson or practice. Its title, body and tags are mirrored into the full-text table knowledge_fts.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Retrospective',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='retrospectives', on_delete=OnDelete.CASCADE)),
                ('team', fields.ForeignKeyField('models.Team', source_field='team_id', null=True, db_constraint=True, to_field='id', related_name='retrospectives', on_delete=OnDelete.CASCADE)),
                ('gains', fields.TextField(default='', unique=False)),
                ('problems', fields.TextField(default='', unique=False)),
                ('plan', fields.TextField(default='', unique=False)),
                ('published', fields.BooleanField(default=False)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('edited_by', fields.ForeignKeyField('models.User', source_field='edited_by_id', null=True, db_constraint=True, to_field='id', related_name='edited_retrospectives', on_delete=OnDelete.SET_NULL)),
                ('version', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'retrospective', 'app': 'models', 'unique_together': (('cycle_id', 'team_id'),), 'pk_attr': 'id', 'table_description': 'Gains, problems and the plan for the next cycle. Without a team it is the whole company.'},
            bases=['Model'],
        ),
    ]
