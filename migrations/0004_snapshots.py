from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_notifications')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Snapshot',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('cycle', fields.ForeignKeyField('models.Cycle', source_field='cycle_id', db_constraint=True, to_field='id', related_name='snapshots', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('kind', fields.CharField(max_length=20)),
                ('subject_id', fields.IntField()),
                ('progress', fields.FloatField()),
                ('expected', fields.FloatField()),
                ('confidence', fields.IntField(null=True)),
                ('periods_due', fields.IntField(default=0)),
                ('periods_checked', fields.IntField(default=0)),
                ('tasks_done', fields.IntField(null=True)),
                ('tasks_total', fields.IntField(null=True)),
            ],
            options={'table': 'snapshot', 'app': 'models', 'unique_together': (('cycle_id', 'kind', 'subject_id', 'day'),), 'indexes': [Index(fields=['cycle_id', 'kind', 'day'])], 'pk_attr': 'id', 'table_description': 'The numbers of one subject at the end of one day. Unit and person rows count only company-visible objectives.'},
            bases=['Model'],
        ),
    ]
