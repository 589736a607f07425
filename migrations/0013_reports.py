from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0012_retrospectives_knowledge')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Report',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.User', source_field='person_id', db_constraint=True, to_field='id', related_name='reports_written', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=10)),
                ('period', fields.CharField(max_length=10)),
                ('period_start', fields.DateField()),
                ('period_end', fields.DateField()),
                ('answers', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('status', fields.CharField(default='draft', max_length=10)),
                ('submitted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('version', fields.IntField(default=1)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'report', 'app': 'models', 'unique_together': (('person', 'kind', 'period'),), 'pk_attr': 'id', 'table_description': 'The report of one person for one period: answers by section key, a draft until submitted.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportComment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('report', fields.ForeignKeyField('models.Report', source_field='report_id', db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='report_comments', on_delete=OnDelete.SET_NULL)),
                ('text', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'report_comment', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportTemplate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(unique=True, max_length=10)),
                ('sections', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('updated_by', fields.ForeignKeyField('models.User', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='report_templates', on_delete=OnDelete.SET_NULL)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'report_template', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The sections of one kind of report (without a row, the default sections).'},
            bases=['Model'],
        ),
    ]
