from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_adjustments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CalendarFeed',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.User', source_field='person_id', db_constraint=True, to_field='id', related_name='calendar_feeds', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('nonce', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'calendar_feed', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The ICS feed of one person. Its token is never stored, only the sha256 of it and the nonce it comes from.'},
            bases=['Model'],
        ),
    ]
