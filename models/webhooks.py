"""Outgoing webhooks: the addresses admins register and the log of what was sent to them."""
from tortoise import fields
from tortoise.models import Model


class Webhook(Model):
    """An address that receives the chosen events as signed JSON."""
    id = fields.IntField(primary_key=True)
    url = fields.CharField(max_length=2000)
    events = fields.JSONField(default=list)  # names from services.webhooks.EVENTS
    secret = fields.CharField(max_length=100)  # kept in clear: every delivery is signed with it; never shown again
    active = fields.BooleanField(default=True)
    created_by: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='webhooks', null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField()

    class Meta:
        table = 'webhook'
        ordering = ['id']


class WebhookDelivery(Model):
    """One event for one webhook, with the outcome of its latest attempt and when the next one is due."""
    id = fields.IntField(primary_key=True)
    webhook: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Webhook', related_name='deliveries',
                                                                on_delete=fields.CASCADE)
    event = fields.CharField(max_length=40)
    delivery_id = fields.CharField(max_length=36, unique=True)  # X-Okrboard-Delivery: the receiver's idempotency key
    payload = fields.JSONField()
    attempt = fields.IntField(default=0)  # attempts made so far
    status = fields.CharField(max_length=20, default='pending')  # pending, delivered, failed, gave_up
    http_status = fields.IntField(null=True)
    reason = fields.CharField(max_length=300, default='')
    next_attempt_at = fields.DatetimeField(null=True, db_index=True)  # set while an attempt is owed
    created_at = fields.DatetimeField()
    attempted_at = fields.DatetimeField(null=True)

    class Meta:
        table = 'webhook_delivery'
        ordering = ['-created_at', '-id']
