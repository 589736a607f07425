"""The knowledge base: save, edit, delete and read lessons and practices (search lives in knowledge_search)."""
import logging
from dataclasses import dataclass
from datetime import datetime

from models.knowledge import KINDS, SOURCE_KINDS, KnowledgeItem
from models.okr import KeyResult, Objective
from models.org import User
from services import retrospective
from services.access import load_access, require_active
from services.errors import Forbidden, Invalid, NotFound

log = logging.getLogger(__name__)

MAX_TITLE = 200
MAX_BODY = 10_000
MAX_TAGS = 10
MAX_TAG = 30


@dataclass(frozen=True)
class KnowledgeView:
    id: int
    title: str
    body: str
    tags: tuple[str, ...]
    kind: str  # lesson, practice
    source_kind: str | None
    source_id: int | None
    cycle_name: str
    team_name: str
    author_name: str
    updated_at: datetime
    can_edit: bool
    snippet: str = ''  # the part of the body that matched a search


@dataclass(frozen=True)
class Source:
    """Where a lesson comes from, and the cycle and team it belongs to."""
    kind: str
    id: int
    cycle_id: int | None
    team_id: int | None


def clean_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Trimmed, without '#', without repeats (case-insensitive), in the order given."""
    result: list[str] = []
    for tag in tags:
        tag = ' '.join(str(tag).split()).lstrip('#')
        if tag and tag.lower() not in {kept.lower() for kept in result}:
            result.append(tag)
    return result


def checked_fields(title: str, body: str, tags: list[str] | tuple[str, ...], kind: str) -> tuple[str, str, list[str]]:
    """The cleaned title, body and tags, or Invalid at the first field that is wrong."""
    title, body, tags = ' '.join(title.split()), body.strip(), clean_tags(tags)
    if not title:
        raise Invalid('Give the lesson a title.', field='title')
    if len(title) > MAX_TITLE:
        raise Invalid('A title has at most {n} characters.', field='title', n=MAX_TITLE)
    if len(body) > MAX_BODY:
        raise Invalid('The text has at most {n} characters.', field='body', n=MAX_BODY)
    if len(tags) > MAX_TAGS:
        raise Invalid('At most {n} tags.', field='tags', n=MAX_TAGS)
    too_long = next((tag for tag in tags if len(tag) > MAX_TAG), None)
    if too_long is not None:
        raise Invalid('A tag has at most {n} characters.', field='tags', n=MAX_TAG)
    if kind not in KINDS:
        raise Invalid('Choose lesson or practice.', field='kind')
    return title, body, tags


async def resolve_source(actor: User, kind: str | None, source_id: int | None) -> Source | None:
    """The source the actor saves from, which they must be able to see."""
    if kind is None:
        return None
    if kind not in SOURCE_KINDS or source_id is None:
        raise Invalid('This source cannot hold lessons.', field='source')
    if kind == 'retrospective':
        cycle_id, team_id = await retrospective.visible_source(actor, source_id)
        return Source(kind, source_id, cycle_id, team_id)
    if kind == 'key_result':
        kr = await (KeyResult.filter(id=source_id, deleted_at=None, objective__deleted_at=None)
                    .select_related('objective').first())
        objective = kr.objective if kr else None
    else:
        objective = await Objective.filter(id=source_id, deleted_at=None).first()
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    (await load_access(actor)).require_view(objective)
    return Source(kind, source_id, objective.cycle_id, objective.team_id)


async def save_item(actor: User, *, title: str, body: str = '', tags: list[str] | tuple[str, ...] = (),
                    kind: str = 'lesson', source_kind: str | None = None,
                    source_id: int | None = None) -> KnowledgeItem:
    """Keep a new lesson or practice, from a retrospective, an objective, a key result or from scratch."""
    require_active(actor)
    title, body, cleaned = checked_fields(title, body, tags, kind)
    source = await resolve_source(actor, source_kind, source_id)
    item = await KnowledgeItem.create(
        title=title, body=body, tags=cleaned, kind=kind, author_id=actor.id,
        source_kind=source.kind if source else None, source_id=source.id if source else None,
        cycle_id=source.cycle_id if source else None, team_id=source.team_id if source else None)
    log.info('knowledge item %d saved by %d', item.id, actor.id)
    return item


async def _editable(actor: User, item_id: int) -> KnowledgeItem:
    require_active(actor)
    item = await KnowledgeItem.filter(id=item_id).first()
    if item is None:
        raise NotFound('This lesson does not exist.')
    if item.author_id != actor.id and not actor.is_admin:
        raise Forbidden('Only its author or an admin may change this lesson.')
    return item


async def edit_item(actor: User, item_id: int, *, title: str, body: str, tags: list[str] | tuple[str, ...],
                    kind: str) -> KnowledgeItem:
    """Change a lesson's text, tags or kind (its author or an admin)."""
    item = await _editable(actor, item_id)
    item.title, item.body, item.tags = checked_fields(title, body, tags, kind)
    item.kind = kind
    await item.save()  # the index's triggers rewrite its full-text row in the same statement
    log.info('knowledge item %d edited by %d', item.id, actor.id)
    return item


async def delete_item(actor: User, item_id: int) -> None:
    """Remove a lesson for good (its author or an admin)."""
    item = await _editable(actor, item_id)
    await item.delete()
    log.info('knowledge item %d deleted by %d', item_id, actor.id)


def view_of(actor: User, item: KnowledgeItem, snippet: str = '') -> KnowledgeView:
    """A read model of an item loaded with cycle, team and author."""
    return KnowledgeView(
        id=item.id, title=item.title, body=item.body, tags=tuple(item.tags or ()), kind=item.kind,
        source_kind=item.source_kind, source_id=item.source_id, cycle_name=item.cycle.name if item.cycle else '',
        team_name=item.team.name if item.team else '', author_name=item.author.name if item.author else '',
        updated_at=item.updated_at, can_edit=actor.is_admin or item.author_id == actor.id, snippet=snippet)


async def get_item(actor: User, item_id: int) -> KnowledgeView:
    require_active(actor)
    item = await KnowledgeItem.filter(id=item_id).select_related('cycle', 'team', 'author').first()
    if item is None:
        raise NotFound('This lesson does not exist.')
    return view_of(actor, item)


async def views(actor: User, ids: list[int], snippets: dict[int, str] | None = None) -> list[KnowledgeView]:
    """Items in the order of `ids`, in one query."""
    found = {item.id: item for item in
             await KnowledgeItem.filter(id__in=ids).select_related('cycle', 'team', 'author')} if ids else {}
    return [view_of(actor, found[item_id], (snippets or {}).get(item_id, '')) for item_id in ids if item_id in found]
