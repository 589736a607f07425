"""The sections of a cycle's retrospective that a team (or the company) writes itself."""
from tortoise import fields
from tortoise.models import Model


class Retrospective(Model):
    """Gains, problems and the plan for the next cycle. Without a team it is the whole company."""
    id = fields.IntField(primary_key=True)
    cycle: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Cycle', related_name='retrospectives',
                                                              on_delete=fields.CASCADE)
    team: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Team', related_name='retrospectives', null=True, on_delete=fields.CASCADE)
    gains = fields.TextField(default='')
    problems = fields.TextField(default='')
    plan = fields.TextField(default='')
    published = fields.BooleanField(default=False)
    published_at = fields.DatetimeField(null=True)
    edited_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='edited_retrospectives', null=True, on_delete=fields.SET_NULL)
    generated = fields.JSONField(null=True)  # numbers and items frozen when published, so readers all see the same
    version = fields.IntField(default=0)  # bumped by every save, for conflict detection
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'retrospective'
        unique_together = (('cycle_id', 'team_id'),)
