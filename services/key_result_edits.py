"""Writing key results: add (two fields suffice), edit, order, soft delete, status override, milestone steps."""
import logging
import math
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Milestone, Task
from models.org import User
from services import audit, clock, events, metrics
from services.access import Access, load_access, require_active
from services.checkins import check_confidence, check_text
from services.errors import Forbidden, Invalid, NotFound
from services.objectives import check_due, check_person, clean_choice, clean_title, editable_objective, require_open

log = logging.getLogger(__name__)

KINDS = ('number', 'percent', 'currency', 'boolean', 'milestone')
DIRECTIONS = ('increase', 'decrease')
MAX_NUMBER = 1e15
MAX_WEIGHT = 100
MAX_STEPS = 30
MAX_UNIT = 30
EDITABLE = ('title', 'kind', 'start', 'target', 'unit', 'direction', 'weight', 'owner_id', 'due', 'confidence')
OVERRIDE = ('status_override', 'status_reason')


def clean_number(value: Any, field: str, *, required: bool = True) -> float | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Invalid('Enter a number.', field=field)
    if abs(value) > MAX_NUMBER:
        raise Invalid('This number is too large.', field=field)
    return float(value)


def clean_steps(steps: list[str] | None) -> list[str]:
    titles = [clean_title(step, 'steps', 300) for step in steps or [] if (step or '').strip()]
    if not titles:
        raise Invalid('List at least one step.', field='steps')
    if len(titles) > MAX_STEPS:
        raise Invalid('Use at most {n} steps.', field='steps', n=MAX_STEPS)
    return titles


def _clean(values: dict[str, Any], cycle: Cycle) -> dict[str, Any]:
    """The fields of a key result checked and made consistent with its type."""
    kind = clean_choice(values['kind'], KINDS, 'kind')
    direction = clean_choice(values['direction'], DIRECTIONS, 'direction')
    start = clean_number(values['start'] if values['start'] is not None else 0, 'start')
    target = clean_number(values['target'], 'target', required=False)
    unit = ' '.join((values['unit'] or '').split())
    if len(unit) > MAX_UNIT:
        raise Invalid('Use at most {n} characters.', field='unit', n=MAX_UNIT)
    if kind in ('boolean', 'milestone'):
        start, target, direction, unit = 0.0, 1.0 if kind == 'boolean' else target, 'increase', ''
    elif target is not None and direction == 'increase' and target < start:
        raise Invalid('The target is below the start: choose "decrease" or swap them.', field='target')
    elif target is not None and direction == 'decrease' and target > start:
        raise Invalid('The target is above the start: choose "increase" or swap them.', field='target')
    if kind == 'percent' and not unit:
        unit = '%'
    weight = clean_number(values['weight'], 'weight')
    if not 0 < weight <= MAX_WEIGHT:
        raise Invalid('Weight is a number above 0 and at most {n}.', field='weight', n=MAX_WEIGHT)
    return {'title': clean_title(values['title']), 'kind': kind, 'start': start, 'target': target, 'unit': unit,
            'direction': direction, 'weight': weight, 'owner_id': values['owner_id'],
            'due': check_due(values['due'], cycle), 'confidence': check_confidence(values['confidence'])}


def _changed(kr: KeyResult) -> events.Change:
    objective = kr.objective
    return events.Change('key_result', kr.id, objective_id=objective.id, team_id=objective.team_id,
                         cycle_id=objective.cycle_id, people=events.owners(kr.owner_id, objective.owner_id))


async def add_key_result(actor: User, objective_id: int, *, title: str, target: float | None, kind: str = 'number',
                         start: float = 0, unit: str = '', direction: str = 'increase', weight: float = 1,
                         owner_id: int | None = None, due: date | None = None, confidence: int | None = None,
                         steps: list[str] | None = None) -> KeyResult:
    """A new key result at the end of an objective's list, owned by the objective's owner unless told otherwise."""
    objective, _ = await editable_objective(actor, objective_id)
    owner_id = await check_person(owner_id) or objective.owner_id or actor.id
    values = _clean(dict(title=title, kind=kind, start=start, target=target, unit=unit, direction=direction,
                         weight=weight, owner_id=owner_id, due=due, confidence=confidence), objective.cycle)
    titles = clean_steps(steps) if values['kind'] == 'milestone' else []
    if titles:
        values['target'] = float(len(titles))
    last = await KeyResult.filter(objective_id=objective.id).order_by('-position').first()
    async with in_transaction():
        kr = await KeyResult.create(objective=objective, position=last.position + 1 if last else 0, **values)
        await audit.record(actor, 'create', 'key_result', kr.id, kr.title, {}, audit.snapshot(kr, EDITABLE))
        await Milestone.bulk_create([Milestone(key_result_id=kr.id, title=step, position=index)
                                     for index, step in enumerate(titles)])
    log.info('key result %s added to objective %s by %s', kr.id, objective.id, actor.id)
    events.okr_changed.emit(_changed(kr))
    return kr


async def key_result_for(actor: User, kr_id: int, *, edit: bool = True,
                         deleted: bool = False) -> tuple[KeyResult, Access]:
    """A key result whose objective the actor may change (`edit`), or that the actor may check in on."""
    access = await load_access(require_active(actor))
    kr = await KeyResult.get_or_none(id=kr_id, deleted_at__isnull=not deleted, objective__deleted_at=None) \
        .select_related('objective', 'objective__cycle')
    if kr is None:
        raise NotFound('This key result does not exist.')
    access.require_view(kr.objective)
    if edit:
        access.require_edit(kr.objective)
    elif not access.can_checkin(kr, kr.objective):
        raise Forbidden('You may not change this key result.')
    require_open(kr.objective.cycle)
    return kr, access


async def update_key_result(actor: User, kr_id: int, *, steps: list[str] | None = None, **changes: Any) -> KeyResult:
    """Change fields (any of EDITABLE, and a milestone's steps); the value itself moves only by check-in."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f'not editable: {", ".join(sorted(unknown))}')
    kr, _ = await key_result_for(actor, kr_id)
    if 'owner_id' in changes:
        await check_person(changes['owner_id'])
    values = _clean({name: changes.get(name, getattr(kr, name)) for name in EDITABLE}, kr.objective.cycle)
    if values['kind'] != kr.kind and await CheckIn.exists(key_result_id=kr.id):
        raise Invalid('The type cannot change after the first check-in.', field='kind')
    titles = clean_steps(steps) if values['kind'] == 'milestone' and (steps is not None or kr.kind != 'milestone') \
        else None
    if titles is not None:
        if len(titles) < kr.current:
            raise Invalid('{n} steps are already done: keep at least that many.', field='steps', n=int(kr.current))
        values['target'] = float(len(titles))
    before = audit.snapshot(kr, EDITABLE)
    kr.update_from_dict(values)
    async with in_transaction():
        await kr.save()
        await audit.record(actor, 'update', 'key_result', kr.id, kr.title, before, audit.snapshot(kr, EDITABLE))
        if titles is not None:
            await _replace_steps(kr, titles)
    log.info('key result %s updated by %s', kr.id, actor.id)
    events.okr_changed.emit(_changed(kr))
    return kr


async def _replace_steps(kr: KeyResult, titles: list[str]) -> None:
    """Rename steps in place (keeping their weights), add new ones at the end, drop the rest."""
    existing = await Milestone.filter(key_result_id=kr.id).order_by('position', 'id')
    for index, title in enumerate(titles):
        if index < len(existing):
            existing[index].title, existing[index].position = title, index
            await existing[index].save(update_fields=['title', 'position'])
        else:
            await Milestone.create(key_result_id=kr.id, title=title, position=index)
    await Milestone.filter(id__in=[step.id for step in existing[len(titles):]]).delete()


async def delete_key_result(actor: User, kr_id: int) -> None:
    """Hide a key result; `restore_key_result` brings it back with its history."""
    kr, _ = await key_result_for(actor, kr_id)
    kr.deleted_at = clock.now()
    await kr.save(update_fields=['deleted_at', 'updated_at'])
    await audit.record(actor, 'delete', 'key_result', kr.id, kr.title, {'deleted_at': None},
                       audit.snapshot(kr, ['deleted_at']))
    log.info('key result %s deleted by %s', kr.id, actor.id)
    events.okr_changed.emit(_changed(kr))


async def restore_key_result(actor: User, kr_id: int) -> KeyResult:
    kr, _ = await key_result_for(actor, kr_id, deleted=True)
    deleted = audit.snapshot(kr, ['deleted_at'])
    kr.deleted_at = None
    await kr.save(update_fields=['deleted_at', 'updated_at'])
    await audit.record(actor, 'restore', 'key_result', kr.id, kr.title, deleted, {'deleted_at': None})
    log.info('key result %s restored by %s', kr.id, actor.id)
    events.okr_changed.emit(_changed(kr))
    return kr


async def reorder_key_results(actor: User, objective_id: int, kr_ids: list[int]) -> None:
    """Put an objective's key results in the given order (all of them, each once)."""
    objective, _ = await editable_objective(actor, objective_id)
    live = await KeyResult.filter(objective_id=objective.id, deleted_at=None).values_list('id', flat=True)
    if sorted(kr_ids) != sorted(live):
        raise Invalid('List every key result of this objective once.', field='order')
    async with in_transaction():
        for position, kr_id in enumerate(kr_ids):
            await KeyResult.filter(id=kr_id).update(position=position)
    log.info('key results of objective %s reordered by %s', objective.id, actor.id)
    events.okr_changed.emit(events.Change('objective', objective.id, objective_id=objective.id,
                                          team_id=objective.team_id, cycle_id=objective.cycle_id))


async def set_status_override(actor: User, kr_id: int, status: str | None, reason: str = '') -> KeyResult:
    """Override the computed status (with a reason), or go back to it with None."""
    kr, _ = await key_result_for(actor, kr_id, edit=False)
    if status is not None:
        clean_choice(status, metrics.STATUS_ORDER, 'status')
        reason = check_text(reason, 'reason')
        if not reason:
            raise Invalid('Say why the status differs from the computed one.', field='reason')
    before = audit.snapshot(kr, OVERRIDE)
    kr.status_override, kr.status_reason = status, reason.strip() if status else ''
    await kr.save(update_fields=['status_override', 'status_reason', 'updated_at'])
    await audit.record(actor, 'update', 'key_result', kr.id, kr.title, before, audit.snapshot(kr, OVERRIDE))
    log.info('key result %s status override %s by %s', kr.id, status or 'cleared', actor.id)
    events.okr_changed.emit(_changed(kr))
    return kr


async def _task(actor: User, task_id: int) -> tuple[Task, KeyResult, Access]:
    task = await Task.get_or_none(id=task_id)
    if task is None:
        raise NotFound('This task does not exist.')
    kr, access = await key_result_for(actor, task.key_result_id, edit=False)
    return task, kr, access


async def add_task(actor: User, kr_id: int, *, title: str, owner_id: int | None = None,
                   due: date | None = None) -> Task:
    """A new item of a key result's action plan."""
    kr, _ = await key_result_for(actor, kr_id, edit=False)
    task = await Task.create(key_result_id=kr.id, title=clean_title(title, limit=300),
                             owner_id=await check_person(owner_id), due=_task_due(due))
    log.info('task %s added to key result %s by %s', task.id, kr.id, actor.id)
    events.okr_changed.emit(_changed(kr))
    return task


def _task_due(due: date | None) -> date | None:
    if due is not None and not isinstance(due, date):
        raise Invalid('Enter a date.', field='due')
    return due


async def update_task(actor: User, task_id: int, **changes: Any) -> Task:
    """Change a task's title, owner, due date or done flag."""
    unknown = set(changes) - {'title', 'owner_id', 'due', 'done'}
    if unknown:
        raise TypeError(f'not editable: {", ".join(sorted(unknown))}')
    task, kr, _ = await _task(actor, task_id)
    if 'title' in changes:
        task.title = clean_title(changes['title'], limit=300)
    if 'owner_id' in changes:
        task.owner_id = await check_person(changes['owner_id'])
    if 'due' in changes:
        task.due = _task_due(changes['due'])
    if 'done' in changes:
        task.done = bool(changes['done'])
    await task.save()
    log.info('task %s updated by %s', task.id, actor.id)
    events.okr_changed.emit(_changed(kr))
    return task


async def set_task_done(actor: User, task_id: int, done: bool) -> Task:
    return await update_task(actor, task_id, done=done)


async def delete_task(actor: User, task_id: int) -> None:
    task, kr, _ = await _task(actor, task_id)
    await task.delete()
    log.info('task %s deleted by %s', task_id, actor.id)
    events.okr_changed.emit(_changed(kr))
