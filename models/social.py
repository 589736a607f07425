"""Conversation around OKRs (comments with threads and mentions, follows) and anonymous feedback."""
from tortoise import fields
from tortoise.models import Model


class Comment(Model):
    """A comment on an objective, or on one of its key results or check-ins. A `parent` makes it a reply."""
    id = fields.IntField(primary_key=True)
    objective: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Objective', related_name='comments',
                                                                  on_delete=fields.CASCADE)
    key_result: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.KeyResult', related_name='comments', null=True, on_delete=fields.CASCADE)
    checkin: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.CheckIn', related_name='comments', null=True, on_delete=fields.CASCADE)
    parent: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Comment', related_name='replies', null=True, on_delete=fields.CASCADE)
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='comments', null=True, on_delete=fields.SET_NULL)
    body = fields.TextField()
    mentions = fields.JSONField(default=list)  # ids of the people it mentions
    created_at = fields.DatetimeField()
    edited_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)  # soft delete: the thread stays, the text goes

    class Meta:
        table = 'comment'
        ordering = ['created_at', 'id']
        indexes = (('objective_id', 'created_at'),)


class Follow(Model):
    """A person follows an objective, or one of its key results, to hear of its check-ins and comments."""
    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='follows',
                                                               on_delete=fields.CASCADE)
    objective: fields.ForeignKeyRelation = fields.ForeignKeyField('models.Objective', related_name='follows',
                                                                  on_delete=fields.CASCADE)
    key_result: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.KeyResult', related_name='follows', null=True, on_delete=fields.CASCADE)
    subject = fields.CharField(max_length=40)  # 'objective:3' or 'kr:12', unique per person
    created_at = fields.DatetimeField()

    class Meta:
        table = 'follow'
        unique_together = (('person_id', 'subject'),)


class Feedback(Model):
    """Anonymous feedback about the OKR process or this tool: nothing here points at its author, on purpose."""
    id = fields.IntField(primary_key=True)
    category = fields.CharField(max_length=20)
    text = fields.TextField()
    day = fields.DateField()  # the date only, never the time
    week = fields.CharField(max_length=8, db_index=True)  # ISO week '2026-W49': shown once it holds enough entries
    status = fields.CharField(max_length=20, default='new')  # new, discussion, changed, declined
    answer = fields.TextField(default='')
    answered_on = fields.DateField(null=True)

    class Meta:
        table = 'feedback'


class FeedbackQuota(Model):
    """How many feedback entries a person sent on a day, deliberately without any link to the entries."""
    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation = fields.ForeignKeyField('models.User', related_name='feedback_quotas',
                                                               on_delete=fields.CASCADE)
    day = fields.DateField()
    count = fields.IntField(default=0)

    class Meta:
        table = 'feedback_quota'
        unique_together = (('person_id', 'day'),)
