"""Objectives: create, edit, soft delete and restore, links, alignments, and the lists people browse."""
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Objective, ObjectiveLink
from models.org import Team, User
from services import audit, clock, events
from services.access import Access, load_access, require_active
from services.errors import Forbidden, Invalid, NotFound
from services.key_results import objective_numbers

log = logging.getLogger(__name__)

LEVELS = ('company', 'team', 'person')
KINDS = ('committed', 'aspirational')
VISIBILITIES = ('company', 'private')
LINK_KINDS = ('document', 'meeting', 'reference')
MAX_TITLE = 500
MAX_DESCRIPTION = 5000
MAX_TAGS = 10
MAX_TAG = 30
MAX_PRIORITY = 10
MAX_PARENTS = 20
EDITABLE = ('cycle_id', 'level', 'team_id', 'owner_id', 'title', 'description', 'kind', 'priority', 'tags', 'due',
            'visibility')


def clean_title(title: str | None, field: str = 'title', limit: int = MAX_TITLE) -> str:
    title = ' '.join((title or '').split())
    if not title:
        raise Invalid('This field is required.', field=field)
    if len(title) > limit:
        raise Invalid('Use at most {n} characters.', field=field, n=limit)
    return title


def clean_choice(value: str | None, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise Invalid('Choose one of the options.', field=field)
    return value


def check_due(due: date | None, cycle: Cycle, field: str = 'due') -> date | None:
    if due is not None and not (isinstance(due, date) and cycle.start <= due <= cycle.end):
        raise Invalid('Choose a due date inside the cycle ({start} to {end}).', field=field,
                      start=cycle.start.isoformat(), end=cycle.end.isoformat())
    return due


async def check_person(person_id: int | None, field: str = 'owner') -> int | None:
    if person_id is not None and not await User.exists(id=person_id, active=True):
        raise Invalid('Choose an active person.', field=field)
    return person_id


def require_open(cycle: Cycle) -> None:
    if cycle.locked:
        raise Forbidden('This cycle is locked; an admin can reopen it on the Cycles page.')


def _clean_tags(tags: list[str] | None) -> list[str]:
    cleaned: list[str] = []
    for tag in tags or []:
        tag = ' '.join(str(tag).split())
        if len(tag) > MAX_TAG:
            raise Invalid('A tag has at most {n} characters.', field='tags', n=MAX_TAG)
        if tag and tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise Invalid('Use at most {n} tags.', field='tags', n=MAX_TAGS)
    return cleaned


async def _clean(values: dict[str, Any], current: Objective | None = None) -> dict[str, Any]:
    """Every field of an objective checked; the placement (level, team, owner) made consistent.

    An owner who has left, or a team since archived, may stay where `current` already has them: editing the title
    of such an objective must not force choosing someone else.
    """
    cycle = await Cycle.get_or_none(id=values['cycle_id']) if values['cycle_id'] is not None else None
    if cycle is None:
        raise Invalid('Choose a cycle.', field='cycle')
    require_open(cycle)
    level = clean_choice(values['level'], LEVELS, 'level')
    team_id, owner_id = values['team_id'], values['owner_id']
    if current is None or owner_id != current.owner_id:
        await check_person(owner_id)
    kept_team = current is not None and team_id == current.team_id and team_id is not None
    if level == 'team' and not kept_team and (team_id is None or not await Team.exists(id=team_id, archived=False)):
        raise Invalid('Choose a team.', field='team')
    if level == 'person' and owner_id is None:
        raise Invalid('Choose the person this objective belongs to.', field='owner')
    description = (values['description'] or '').strip()
    if len(description) > MAX_DESCRIPTION:
        raise Invalid('Use at most {n} characters.', field='description', n=MAX_DESCRIPTION)
    priority = ' '.join((values['priority'] or '').split())
    if len(priority) > MAX_PRIORITY:
        raise Invalid('Use at most {n} characters.', field='priority', n=MAX_PRIORITY)
    return {'cycle_id': cycle.id, 'level': level, 'team_id': team_id if level == 'team' else None,
            'owner_id': owner_id, 'title': clean_title(values['title']), 'description': description,
            'kind': clean_choice(values['kind'], KINDS, 'kind'), 'priority': priority,
            'tags': _clean_tags(values['tags']), 'due': check_due(values['due'], cycle),
            'visibility': clean_choice(values['visibility'], VISIBILITIES, 'visibility')}


def _changed(objective: Objective) -> events.Change:
    return events.Change('objective', objective.id, objective_id=objective.id, team_id=objective.team_id,
                         cycle_id=objective.cycle_id, people=events.owners(objective.owner_id))


async def create_objective(actor: User, *, cycle_id: int | None, level: str, team_id: int | None = None,
                           owner_id: int | None = None, title: str, description: str = '',
                           kind: str = 'committed', priority: str = '', tags: list[str] | None = None,
                           due: date | None = None, visibility: str = 'company') -> Objective:
    """A new objective at the company, a team or a person, if the actor may set one there."""
    access = await load_access(require_active(actor))
    values = await _clean(dict(cycle_id=cycle_id, level=level, team_id=team_id, owner_id=owner_id, title=title,
                               description=description, kind=kind, priority=priority, tags=tags, due=due,
                               visibility=visibility))
    if not access.can_create(values['level'], values['team_id'], values['owner_id']):
        raise Forbidden('You may not set an objective here.')
    objective = await Objective.create(**values)
    await audit.record(actor, 'create', 'objective', objective.id, objective.title, {},
                       audit.snapshot(objective, EDITABLE))
    log.info('objective %s created by %s', objective.id, actor.id)
    events.okr_changed.emit(_changed(objective))
    return objective


async def editable_objective(actor: User, objective_id: int, *, deleted: bool = False) -> tuple[Objective, Access]:
    """An objective the actor may change (a soft-deleted one when `deleted`), with the actor's access."""
    access = await load_access(require_active(actor))
    objective = await Objective.get_or_none(id=objective_id, deleted_at__isnull=not deleted) \
        .select_related('cycle')
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    access.require_edit(objective)
    require_open(objective.cycle)
    return objective, access


async def update_objective(actor: User, objective_id: int, **changes: Any) -> Objective:
    """Change some fields of an objective (any of EDITABLE); a new placement must be one the actor may create."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f'not editable: {", ".join(sorted(unknown))}')
    objective, access = await editable_objective(actor, objective_id)
    values = await _clean({name: changes.get(name, getattr(objective, name)) for name in EDITABLE}, objective)
    placement = (values['level'], values['team_id'], values['owner_id'])
    moved = placement != (objective.level, objective.team_id, objective.owner_id)
    if moved and not access.can_create(*placement):
        raise Forbidden('You may not set an objective here.')
    before = audit.snapshot(objective, EDITABLE)
    objective.update_from_dict(values)
    await objective.save()
    await audit.record(actor, 'update', 'objective', objective.id, objective.title, before,
                       audit.snapshot(objective, EDITABLE))
    log.info('objective %s updated by %s', objective.id, actor.id)
    events.okr_changed.emit(_changed(objective))
    return objective


async def delete_objective(actor: User, objective_id: int) -> None:
    """Hide an objective and its key results; `restore_objective` brings it back."""
    objective, _ = await editable_objective(actor, objective_id)
    objective.deleted_at = clock.now()
    await objective.save(update_fields=['deleted_at', 'updated_at'])
    await audit.record(actor, 'delete', 'objective', objective.id, objective.title, {'deleted_at': None},
                       audit.snapshot(objective, ['deleted_at']))
    log.info('objective %s deleted by %s', objective.id, actor.id)
    events.okr_changed.emit(_changed(objective))


async def restore_objective(actor: User, objective_id: int) -> Objective:
    objective, _ = await editable_objective(actor, objective_id, deleted=True)
    deleted = audit.snapshot(objective, ['deleted_at'])
    objective.deleted_at = None
    await objective.save(update_fields=['deleted_at', 'updated_at'])
    await audit.record(actor, 'restore', 'objective', objective.id, objective.title, deleted, {'deleted_at': None})
    log.info('objective %s restored by %s', objective.id, actor.id)
    events.okr_changed.emit(_changed(objective))
    return objective


def clean_url(url: str | None) -> str:
    """An absolute http(s) address; anything a browser would run (javascript:, data:) is refused."""
    url = (url or '').strip()
    if not url:
        raise Invalid('This field is required.', field='url')
    parts = urlsplit(url)
    if len(url) > 2000 or parts.scheme.lower() not in ('http', 'https') or not parts.hostname \
            or any(char.isspace() or ord(char) < 32 for char in url):
        raise Invalid('Enter a web address that starts with http:// or https://.', field='url')
    return url


async def add_link(actor: User, objective_id: int, *, title: str, url: str, kind: str = 'document') -> ObjectiveLink:
    """Attach a document, meeting notes or a reference to an objective."""
    objective, _ = await editable_objective(actor, objective_id)
    url = clean_url(url)
    title = clean_title(title or urlsplit(url).hostname, limit=300)
    link = await ObjectiveLink.create(objective=objective, title=title, url=url,
                                      kind=clean_choice(kind, LINK_KINDS, 'kind'))
    log.info('link %s added to objective %s by %s', link.id, objective.id, actor.id)
    events.okr_changed.emit(_changed(objective))
    return link


async def remove_link(actor: User, link_id: int) -> None:
    link = await ObjectiveLink.get_or_none(id=link_id)
    if link is None:
        raise NotFound('This link does not exist.')
    objective, _ = await editable_objective(actor, link.objective_id)
    await link.delete()
    log.info('link %s removed from objective %s by %s', link_id, objective.id, actor.id)
    events.okr_changed.emit(_changed(objective))


async def alignment_graph() -> dict[int, set[int]]:
    """Objective id -> ids of the objectives it contributes to (directly or through one of their key results)."""
    rows = await Alignment.all().values_list('objective_id', 'parent_objective_id', 'parent_key_result_id')
    kr_ids = {kr_id for _, _, kr_id in rows if kr_id is not None}
    objective_of = dict(await KeyResult.filter(id__in=kr_ids).values_list('id', 'objective_id')) if kr_ids else {}
    graph: dict[int, set[int]] = {}
    for child, parent, kr_id in rows:
        target = parent if parent is not None else objective_of.get(kr_id)
        if target is not None:
            graph.setdefault(child, set()).add(target)
    return graph


def above(graph: dict[int, set[int]], start: set[int]) -> set[int]:
    """`start` and every objective reachable upwards from it."""
    seen, todo = set(), list(start)
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph.get(current, ()))
    return seen


async def set_alignments(actor: User, objective_id: int, parent_objective_ids: list[int],
                         parent_key_result_ids: list[int]) -> None:
    """Replace what an objective aligns to: objectives or key results in any team or cycle, never in a loop."""
    objective, access = await editable_objective(actor, objective_id)
    objective_ids, kr_ids = list(dict.fromkeys(parent_objective_ids)), list(dict.fromkeys(parent_key_result_ids))
    if len(objective_ids) + len(kr_ids) > MAX_PARENTS:
        raise Invalid('Align to at most {n} objectives and key results.', field='parents', n=MAX_PARENTS)
    parents = await Objective.filter(id__in=objective_ids, deleted_at=None)
    krs = await KeyResult.filter(id__in=kr_ids, deleted_at=None, objective__deleted_at=None) \
        .select_related('objective')
    visible = [p for p in parents if access.can_view(p)] + [kr.objective for kr in krs if access.can_view(kr.objective)]
    if len(visible) != len(objective_ids) + len(kr_ids):
        raise Invalid('Choose objectives and key results that exist and that you can see.', field='parents')
    targets = {parent.id for parent in visible}
    if objective.id in targets:
        raise Invalid('An objective cannot align to itself or to its own key results.', field='parents')
    graph = await alignment_graph()
    graph.pop(objective.id, None)  # its current alignments are being replaced
    if objective.id in above(graph, targets):
        raise Invalid('This alignment would make a loop: that objective already contributes to this one.',
                      field='parents')
    async with in_transaction():
        before = await audit.alignment_refs(objective.id)
        await Alignment.filter(objective_id=objective.id).delete()
        await Alignment.bulk_create([Alignment(objective_id=objective.id, parent_objective_id=parent_id)
                                     for parent_id in objective_ids]
                                    + [Alignment(objective_id=objective.id, parent_key_result_id=kr_id)
                                       for kr_id in kr_ids])
        await audit.record(actor, 'update', 'objective', objective.id, objective.title, {'aligns_to': before},
                           {'aligns_to': await audit.alignment_refs(objective.id)})
    log.info('objective %s aligned to %d parents by %s', objective.id, len(targets), actor.id)
    events.okr_changed.emit(_changed(objective))


@dataclass(frozen=True)
class ObjectiveRow:
    id: int
    title: str
    level: str
    cycle_id: int
    team_name: str
    owner_name: str
    kind: str
    priority: str
    tags: tuple[str, ...]
    visibility: str
    progress: float
    status: str
    key_results: int


async def list_objectives(actor: User, cycle_id: int, *, team_id: int | None = None, owner_id: int | None = None,
                          level: str | None = None, text: str = '') -> list[ObjectiveRow]:
    """The objectives of a cycle that the actor may see, filtered; private ones of others stay hidden."""
    access = await load_access(require_active(actor))
    query = Objective.filter(cycle_id=cycle_id, deleted_at=None)
    if team_id is not None:
        query = query.filter(Q(team_id=team_id) | Q(level='person', owner__team_id=team_id))
    if owner_id is not None:
        query = query.filter(owner_id=owner_id)
    if level:
        query = query.filter(level=level)
    if text.strip():
        query = query.filter(title__icontains=text.strip())
    found = [o for o in await query.select_related('cycle', 'team', 'owner') if access.can_view(o)]
    numbers = await objective_numbers(found)
    found.sort(key=lambda o: (LEVELS.index(o.level) if o.level in LEVELS else 9, o.priority or '~', o.title.lower()))
    return [ObjectiveRow(o.id, o.title, o.level, o.cycle_id, o.team.name if o.team else '',
                         o.owner.name if o.owner else '', o.kind, o.priority, tuple(o.tags or ()), o.visibility,
                         numbers[o.id].progress, numbers[o.id].status, numbers[o.id].key_results) for o in found]
