from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_webhooks_reviews')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Adjustment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key_result', fields.ForeignKeyField('models.KeyResult', source_field='key_result_id', db_constraint=True, to_field='id', related_name='adjustments', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=20)),
                ('before', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('after', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('reason', fields.TextField(unique=False)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='adjustments', on_delete=OnDelete.SET_NULL)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'adjustment', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One adjustment of one key result. Its before and after values keep both versions visible for good.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='KeyResult',
            name='copied_from',
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name='Objective',
            name='copied_from',
            field=fields.IntField(null=True, db_index=True),
        ),
    ]
