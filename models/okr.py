"""Objectives, key results and what hangs off them."""
from tortoise import fields
from tortoise.models import Model


class Objective(Model):
    id = fields.IntField(primary_key=True)
    cycle: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Cycle', related_name='objectives',
                                                              on_delete=fields.RESTRICT)
    level = fields.CharField(max_length=20, default='team')  # company, team, person
    team: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Team', related_name='objectives', null=True, on_delete=fields.SET_NULL)
    owner: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='objectives', null=True, on_delete=fields.SET_NULL)
    title = fields.CharField(max_length=500)
    description = fields.TextField(default='')
    priority = fields.CharField(max_length=10, default='')
    kind = fields.CharField(max_length=20, default='committed')  # committed, aspirational
    tags = fields.JSONField(default=list)
    due = fields.DateField(null=True)
    status = fields.CharField(max_length=20, default='active')
    visibility = fields.CharField(max_length=20, default='company')  # company, private
    ref = fields.CharField(max_length=100, null=True, db_index=True)  # identity in imported files
    copied_from = fields.IntField(null=True, db_index=True)  # the objective this was copied from (next cycle)
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'objective'


class ObjectiveLink(Model):
    id = fields.IntField(primary_key=True)
    objective: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Objective', related_name='links',
                                                                  on_delete=fields.CASCADE)
    title = fields.CharField(max_length=300)
    url = fields.CharField(max_length=2000)
    kind = fields.CharField(max_length=20, default='document')  # document, meeting, reference

    class Meta:
        table = 'objective_link'


class Alignment(Model):
    """An objective contributes to a parent objective or key result, in any team or cycle."""
    id = fields.IntField(primary_key=True)
    objective: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Objective', related_name='alignments',
                                                                  on_delete=fields.CASCADE)
    parent_objective: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Objective', related_name='aligned_children', null=True, on_delete=fields.CASCADE)
    parent_key_result: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.KeyResult', related_name='aligned_children', null=True, on_delete=fields.CASCADE)

    class Meta:
        table = 'alignment'


class KeyResult(Model):
    id = fields.IntField(primary_key=True)
    objective: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Objective', related_name='key_results',
                                                                  on_delete=fields.CASCADE)
    title = fields.CharField(max_length=500)
    owner: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='key_results', null=True, on_delete=fields.SET_NULL)
    kind = fields.CharField(max_length=20, default='number')  # number, percent, currency, boolean, milestone
    start = fields.FloatField(default=0)
    target = fields.FloatField(null=True)  # None: no measurable target yet
    current = fields.FloatField(default=0)
    unit = fields.CharField(max_length=30, default='')
    direction = fields.CharField(max_length=10, default='increase')  # increase, decrease
    weight = fields.FloatField(default=1)
    due = fields.DateField(null=True)
    confidence = fields.IntField(null=True)
    status_override = fields.CharField(max_length=20, null=True)
    status_reason = fields.TextField(default='')
    score = fields.FloatField(null=True)
    version = fields.IntField(default=0)  # bumped by every check-in, for conflict detection
    position = fields.IntField(default=0)
    ref = fields.CharField(max_length=100, null=True, db_index=True)
    copied_from = fields.IntField(null=True)  # the key result this was copied from (next cycle)
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'key_result'
        ordering = ['position', 'id']


class Milestone(Model):
    """A step of a milestone key result. Its value counts the steps done, in order."""
    id = fields.IntField(primary_key=True)
    key_result: fields.ForeignKeyRelation = fields.ForeignKeyField('models.KeyResult', related_name='milestones',
                                                                   on_delete=fields.CASCADE)
    title = fields.CharField(max_length=300)
    weight = fields.FloatField(default=1)
    position = fields.IntField(default=0)

    class Meta:
        table = 'milestone'
        ordering = ['position', 'id']


class Task(Model):
    """An item of the action plan of a key result."""
    id = fields.IntField(primary_key=True)
    key_result: fields.ForeignKeyRelation = fields.ForeignKeyField('models.KeyResult', related_name='tasks',
                                                                   on_delete=fields.CASCADE)
    title = fields.CharField(max_length=300)
    owner: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='tasks', null=True, on_delete=fields.SET_NULL)
    due = fields.DateField(null=True)
    done = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'task'
