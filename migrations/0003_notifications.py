from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_standup')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Channel',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=20)),
                ('name', fields.CharField(max_length=200)),
                ('settings', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('secrets', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('enabled', fields.BooleanField(default=True)),
                ('from_environment', fields.BooleanField(default=False)),
                ('teams', fields.ManyToManyField('models.Team', unique=True, db_constraint=True, through='channel_team', forward_key='team_id', backward_key='channel_id', related_name='channels', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'channel', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A way out configured by an admin: an SMTP server, a chat robot, an Apprise URL or a webhook.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('recipient', fields.ForeignKeyField('models.User', source_field='recipient_id', db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('rule', fields.CharField(max_length=40)),
                ('period', fields.CharField(max_length=40)),
                ('subject', fields.CharField(max_length=80)),
                ('title', fields.CharField(max_length=300)),
                ('body', fields.TextField(default='', unique=False)),
                ('link', fields.CharField(default='', max_length=2000)),
                ('dispatched', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notification', 'app': 'models', 'unique_together': (('rule', 'period', 'recipient_id', 'subject'),), 'indexes': [Index(fields=['recipient_id', 'read_at'])], 'pk_attr': 'id', 'table_description': 'One reminder for one person: (rule, period, recipient, subject) makes it happen once.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Delivery',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('notification', fields.ForeignKeyField('models.Notification', source_field='notification_id', null=True, db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('channel', fields.ForeignKeyField('models.Channel', source_field='channel_id', db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('attempt', fields.IntField(default=1)),
                ('status', fields.CharField(max_length=20)),
                ('error', fields.TextField(default='', unique=False)),
                ('next_try_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'delivery', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One attempt to send a notification (or a test message) through a channel: the admin delivery log.'},
            bases=['Model'],
        ),
    ]
