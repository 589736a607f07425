"""Reminders and their delivery: channels, notifications, and the log of every delivery attempt."""
from tortoise import fields
from tortoise.models import Model


class Channel(Model):
    """A way out configured by an admin: an SMTP server, a chat robot, an Apprise URL or a webhook."""
    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=20)  # email, dingtalk, wecom, feishu, slack, apprise, webhook
    name = fields.CharField(max_length=200)
    settings = fields.JSONField(default=dict)  # shown back to admins
    secrets = fields.JSONField(default=dict)  # stored, never sent back to a browser
    enabled = fields.BooleanField(default=True)
    from_environment = fields.BooleanField(default=False)  # the e-mail channel of OKRBOARD_SMTP_URL
    teams: fields.ManyToManyRelation = fields.ManyToManyField(
        'models.Team', related_name='channels', through='channel_team')  # none chosen: serves everyone
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = 'channel'
        ordering = ['name', 'id']


class Notification(Model):
    """One reminder for one person: (rule, period, recipient, subject) makes it happen once."""
    id = fields.IntField(primary_key=True)
    recipient: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='notifications',
                                                                  on_delete=fields.CASCADE)
    rule = fields.CharField(max_length=40)
    period = fields.CharField(max_length=40)
    subject = fields.CharField(max_length=80)  # what it is about, e.g. 'kr:12' or 'person:3'
    title = fields.CharField(max_length=300)
    body = fields.TextField(default='')
    link = fields.CharField(max_length=2000, default='')
    dispatched = fields.BooleanField(default=False)  # its deliveries were queued
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = 'notification'
        unique_together = (('rule', 'period', 'recipient_id', 'subject'),)
        indexes = (('recipient_id', 'read_at'),)


class Delivery(Model):
    """One attempt to send a notification (or a test message) through a channel: the admin delivery log."""
    id = fields.IntField(primary_key=True)
    notification: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Notification', related_name='deliveries', null=True, on_delete=fields.CASCADE)
    channel: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Channel', related_name='deliveries',
                                                                on_delete=fields.CASCADE)
    attempt = fields.IntField(default=1)
    status = fields.CharField(max_length=20)  # sent, failed, postponed, gave_up, retried
    error = fields.TextField(default='')
    next_try_at = fields.DatetimeField(null=True, db_index=True)  # set while a retry is owed
    at = fields.DatetimeField(db_index=True)

    class Meta:
        table = 'delivery'
        ordering = ['-at', '-id']
