from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_social')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Assessment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key_result', fields.ForeignKeyField('models.KeyResult', source_field='key_result_id', db_constraint=True, to_field='id', related_name='assessments', on_delete=OnDelete.CASCADE)),
                ('round', fields.CharField(max_length=10)),
                ('self_score', fields.FloatField(null=True)),
                ('reflection', fields.TextField(default='', unique=False)),
                ('self_by', fields.ForeignKeyField('models.User', source_field='self_by_id', null=True, db_constraint=True, to_field='id', related_name='self_assessments', on_delete=OnDelete.SET_NULL)),
                ('self_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('manager_score', fields.FloatField(null=True)),
                ('manager_comment', fields.TextField(default='', unique=False)),
                ('manager_by', fields.ForeignKeyField('models.User', source_field='manager_by_id', null=True, db_constraint=True, to_field='id', related_name='manager_reviews', on_delete=OnDelete.SET_NULL)),
                ('manager_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'assessment', 'app': 'models', 'unique_together': (('key_result', 'round'),), 'pk_attr': 'id', 'table_description': 'One key result in one round (mid or end): the owner score and reflection, the manager score and comment.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReviewSettings',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('self_share', fields.FloatField(default=0.3)),
                ('okr_weight', fields.IntField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'review_settings', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The one row of company settings: how self and manager scores blend, and the weight of OKRs in performance.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Webhook',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('url', fields.CharField(max_length=2000)),
                ('events', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('secret', fields.CharField(max_length=100)),
                ('active', fields.BooleanField(default=True)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='webhooks', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'webhook', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An address that receives the chosen events as signed JSON.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('webhook', fields.ForeignKeyField('models.Webhook', source_field='webhook_id', db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('event', fields.CharField(max_length=40)),
                ('delivery_id', fields.CharField(unique=True, max_length=36)),
                ('payload', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('attempt', fields.IntField(default=0)),
                ('status', fields.CharField(default='pending', max_length=20)),
                ('http_status', fields.IntField(null=True)),
                ('reason', fields.CharField(default='', max_length=300)),
                ('next_attempt_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attempted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'webhook_delivery', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One event for one webhook, with the outcome of its latest attempt and when the next one is due.'},
            bases=['Model'],
        ),
    ]
