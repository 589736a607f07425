"""Weekly and monthly reports: the company's templates, each person's reports, and comments on them."""
from tortoise import fields
from tortoise.models import Model


class ReportTemplate(Model):
    """The sections of one kind of report (without a row, the default sections)."""
    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=10, unique=True)  # weekly, monthly
    sections = fields.JSONField(default=list)  # [{'key': 'progress', 'title': 'Progress this period'}, ...]
    updated_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='report_templates', null=True, on_delete=fields.SET_NULL)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'report_template'


class Report(Model):
    """The report of one person for one period: answers by section key, a draft until submitted."""
    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='reports_written',
                                                               on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=10)  # weekly, monthly
    period = fields.CharField(max_length=10)  # '2026-W49', '2026-12'
    period_start = fields.DateField()
    period_end = fields.DateField()
    answers = fields.JSONField(default=dict)  # section key -> text
    status = fields.CharField(max_length=10, default='draft')  # draft, submitted
    submitted_at = fields.DatetimeField(null=True)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'report'
        unique_together = (('person', 'kind', 'period'),)
        ordering = ['-period_start', '-id']


class ReportComment(Model):
    id = fields.IntField(primary_key=True)
    report: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Report', related_name='comments',
                                                               on_delete=fields.CASCADE)
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='report_comments', null=True, on_delete=fields.SET_NULL)
    text = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = 'report_comment'
        ordering = ['created_at', 'id']
