"""The org tree and the people in it."""
from tortoise import fields
from tortoise.models import Model


class Team(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=20, default='team')  # company, department, team
    parent: fields.ForeignKeyNullableRelation['Team'] = fields.ForeignKeyField(
        'models.Team', related_name='children', null=True, on_delete=fields.RESTRICT)
    archived = fields.BooleanField(default=False)
    leads: fields.ManyToManyRelation['User'] = fields.ManyToManyField(
        'models.User', related_name='led_teams', through='team_lead')
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'team'


class User(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, null=True, unique=True)
    name = fields.CharField(max_length=200)
    password_hash = fields.CharField(max_length=255, null=True)
    role = fields.CharField(max_length=20, default='member')  # admin, member
    team: fields.ForeignKeyNullableRelation[Team] = fields.ForeignKeyField(
        'models.Team', related_name='members', null=True, on_delete=fields.SET_NULL)
    manager: fields.ForeignKeyNullableRelation['User'] = fields.ForeignKeyField(
        'models.User', related_name='reports', null=True, on_delete=fields.SET_NULL)
    locale = fields.CharField(max_length=10, null=True)
    active = fields.BooleanField(default=True)
    current_cycle_id = fields.IntField(null=True)  # the cycle this person last chose
    notification_prefs = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'user'

    @property
    def is_admin(self) -> bool:
        return self.role == 'admin'
