"""The knowledge base: lessons and practices kept from retrospectives and objectives."""
from tortoise import fields
from tortoise.models import Model

KINDS = ('lesson', 'practice')
SOURCE_KINDS = ('retrospective', 'objective', 'key_result')


class KnowledgeItem(Model):
    """One lesson or practice. Its title, body and tags are mirrored into the full-text table knowledge_fts."""
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200)
    body = fields.TextField(default='')
    tags = fields.JSONField(default=list)
    kind = fields.CharField(max_length=20, default='lesson')  # one of KINDS
    source_kind = fields.CharField(max_length=20, null=True)  # one of SOURCE_KINDS
    source_id = fields.IntField(null=True)
    cycle: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Cycle', related_name='knowledge_items', null=True, on_delete=fields.SET_NULL)
    team: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.Team', related_name='knowledge_items', null=True, on_delete=fields.SET_NULL)
    author: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        'models.User', related_name='knowledge_items', null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = 'knowledge_item'
        ordering = ['-updated_at', '-id']
