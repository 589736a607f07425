"""Daily progress snapshots: what every key result, objective, unit and person stood at on each day of a cycle."""
from tortoise import fields
from tortoise.models import Model

SUBJECTS = ('key_result', 'objective', 'team', 'person')  # a 'team' subject may be the company, a department or a team


class Snapshot(Model):
    """The numbers of one subject at the end of one day. Unit and person rows count only company-visible objectives."""
    id = fields.IntField(primary_key=True)
    cycle: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Cycle', related_name='snapshots',
                                                              on_delete=fields.CASCADE)
    day = fields.DateField()
    kind = fields.CharField(max_length=20)  # one of SUBJECTS
    subject_id = fields.IntField()
    progress = fields.FloatField()
    expected = fields.FloatField()
    confidence = fields.IntField(null=True)  # key results: the confidence of the last check-in up to that day
    periods_due = fields.IntField(default=0)  # check-in periods elapsed in the cycle by that day
    periods_checked = fields.IntField(default=0)  # of those, the periods with at least one check-in
    tasks_done = fields.IntField(null=True)  # only known for the days the job ran: tasks carry no completion date
    tasks_total = fields.IntField(null=True)

    class Meta:
        table = 'snapshot'
        unique_together = (('cycle_id', 'kind', 'subject_id', 'day'),)
        indexes = (('cycle_id', 'kind', 'day'),)
