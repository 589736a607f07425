from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Standup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('team', fields.ForeignKeyField('models.Team', source_field='team_id', db_constraint=True, to_field='id', related_name='standups', on_delete=OnDelete.CASCADE)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='standups', on_delete=OnDelete.CASCADE)),
                ('notes', fields.TextField(default='', unique=False)),
                ('timer_seconds', fields.IntField(default=900)),
                ('timer_elapsed', fields.FloatField(default=0)),
                ('timer_started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('presenter_id', fields.IntField(null=True)),
                ('ended_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('ended_by', fields.ForeignKeyField('models.User', source_field='ended_by_id', null=True, db_constraint=True, to_field='id', related_name='standups_ended', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'standup', 'app': 'models', 'indexes': [Index(fields=['team_id', 'cycle_id', 'ended_at'])], 'pk_attr': 'id', 'table_description': 'One meeting of a team in a cycle. The open one has no end, and ended ones are the minutes.'},
            bases=['Model'],
        ),
    ]
