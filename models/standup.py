"""Stand-up meetings held on the board: the shared timer, the presenter, and the minutes."""
from tortoise import fields
from tortoise.models import Model


class Standup(Model):
    """One meeting of a team in a cycle. The open one has no end, and ended ones are the minutes."""
    id = fields.IntField(primary_key=True)
    team: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Team', related_name='standups',
                                                             on_delete=fields.CASCADE)
    cycle: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Cycle', related_name='standups',
                                                              on_delete=fields.CASCADE)
    notes = fields.TextField(default='')  # decisions and blockers typed during the meeting
    timer_seconds = fields.IntField(default=15 * 60)
    timer_elapsed = fields.FloatField(default=0)  # seconds run before the timer was last started
    timer_started_at = fields.DatetimeField(null=True)  # set while the timer runs
    presenter_id = fields.IntField(null=True)  # the person being presented, while presenting
    ended_at = fields.DatetimeField(null=True, db_index=True)
    ended_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='standups_ended', null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'standup'
        indexes = (('team_id', 'cycle_id', 'ended_at'),)
