"""Mid-cycle adjustment: around the review date owners change a key result's target or wording, drop or add one.

Every adjustment needs a reason and is kept as a row with the values before and after, so both stay visible.
The owner's manager is notified. Outside the window only admins adjust; the normal editor is unchanged.
"""
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from models.adjustments import Adjustment
from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.org import User
from services import clock, events, key_result_edits
from services.access import Access, load_access, require_active
from services.cycles import default_review_date
from services.errors import Forbidden, Invalid, NotFound
from services.follows import Target, tell
from services.key_result_edits import clean_number, key_result_for
from services.objectives import clean_title, editable_objective

log = logging.getLogger(__name__)

# The review meeting is prepared in the week before the review date, and its outcome written down within two weeks.
WINDOW_BEFORE = timedelta(days=7)
WINDOW_AFTER = timedelta(days=14)
MAX_REASON = 1000
FIXED_TARGET = ('boolean', 'milestone')  # their target follows from the type or from the steps


@dataclass(frozen=True)
class AdjustmentWindow:
    start: date
    end: date
    open: bool  # the actor may adjust today: inside the window, or an admin


@dataclass(frozen=True)
class AdjustmentView:
    id: int
    key_result_id: int
    kind: str  # change_target, rename, drop, add
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    author_name: str
    at: datetime


def window_of(cycle: Cycle) -> tuple[date, date]:
    review = cycle.review_date or default_review_date(cycle.start, cycle.end)
    return review - WINDOW_BEFORE, review + WINDOW_AFTER


def window_for(access: Access, cycle: Cycle) -> AdjustmentWindow:
    start, end = window_of(cycle)
    return AdjustmentWindow(start, end, access.is_admin or start <= clock.today() <= end)


def _require_window(access: Access, cycle: Cycle) -> None:
    window = window_for(access, cycle)
    if not window.open:
        raise Forbidden('Adjustments are open from {start} to {end}, around the mid-cycle review.',
                        start=window.start.isoformat(), end=window.end.isoformat())


def clean_reason(reason: str | None) -> str:
    reason = (reason or '').strip()
    if not reason:
        raise Invalid('Give the reason for this adjustment.', field='reason')
    if len(reason) > MAX_REASON:
        raise Invalid('Use at most {n} characters.', field='reason', n=MAX_REASON)
    return reason


async def adjustment_window(actor: User, objective_id: int) -> AdjustmentWindow:
    """When the key results of this objective may be adjusted, and whether the actor may do so today."""
    access = await load_access(require_active(actor))
    objective = await Objective.get_or_none(id=objective_id, deleted_at=None).select_related('cycle')
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    access.require_view(objective)
    return window_for(access, objective.cycle)


def _record(kr_id: int, kind: str, before: dict[str, Any], after: dict[str, Any], reason: str,
            actor: User) -> Adjustment:
    return Adjustment(key_result_id=kr_id, kind=kind, before=before, after=after, reason=reason, author_id=actor.id,
                      at=clock.now())


async def adjust_key_result(actor: User, kr_id: int, *, reason: str, title: str | None = None,
                            target: float | None = None) -> list[Adjustment]:
    """Change a key result's target and/or wording at the mid-cycle review, with a reason."""
    kr, access = await key_result_for(actor, kr_id)
    _require_window(access, kr.objective.cycle)
    reason = clean_reason(reason)
    rows: list[Adjustment] = []
    changes: dict[str, Any] = {}
    if title is not None and clean_title(title) != kr.title:
        changes['title'] = clean_title(title)
        rows.append(_record(kr.id, 'rename', {'title': kr.title}, {'title': changes['title']}, reason, actor))
    if target is not None and clean_number(target, 'target') != kr.target:
        if kr.kind in FIXED_TARGET:
            raise Invalid('The target of this type of key result cannot be adjusted.', field='target')
        changes['target'] = clean_number(target, 'target')
        rows.append(_record(kr.id, 'change_target', {'target': kr.target}, {'target': changes['target']}, reason,
                            actor))
    if not rows:
        raise Invalid('Change the target or the wording.', field='target' if title is None else 'title')
    async with in_transaction():
        await key_result_edits.update_key_result(actor, kr.id, **changes)
        for row in rows:
            await row.save()
    await _after(actor, kr, rows[0], 'adjusted')
    return rows


async def drop_key_result(actor: User, kr_id: int, *, reason: str) -> Adjustment:
    """Drop a key result at the mid-cycle review (a soft delete), with a reason; it stays listed as dropped."""
    kr, access = await key_result_for(actor, kr_id)
    _require_window(access, kr.objective.cycle)
    row = _record(kr.id, 'drop', {'title': kr.title, 'target': kr.target, 'current': kr.current}, {},
                  clean_reason(reason), actor)
    async with in_transaction():
        await key_result_edits.delete_key_result(actor, kr.id)
        await row.save()
    await _after(actor, kr, row, 'dropped')
    return row


async def add_key_result(actor: User, objective_id: int, *, reason: str, title: str, target: float | None,
                         kind: str = 'number', start: float = 0, unit: str = '',
                         direction: str = 'increase') -> Adjustment:
    """Add a key result at the mid-cycle review, with a reason."""
    objective, access = await editable_objective(actor, objective_id)
    _require_window(access, objective.cycle)
    reason = clean_reason(reason)
    async with in_transaction():
        kr = await key_result_edits.add_key_result(actor, objective.id, title=title, target=target, kind=kind,
                                                   start=start, unit=unit, direction=direction)
        row = _record(kr.id, 'add', {}, {'title': kr.title, 'target': kr.target, 'start': kr.start}, reason, actor)
        await row.save()
    kr.objective = objective
    await _after(actor, kr, row, 'added')
    return row


async def _after(actor: User, kr: KeyResult, row: Adjustment, what: str) -> None:
    """Publish the change, tell the owner's manager, log it: after the transaction committed."""
    objective = kr.objective
    events.okr_changed.emit(events.Change('key_result', kr.id, objective_id=objective.id, team_id=objective.team_id,
                                          cycle_id=objective.cycle_id,
                                          people=events.owners(kr.owner_id, objective.owner_id)))
    owner = await User.get_or_none(id=kr.owner_id or objective.owner_id or actor.id)
    managers = {owner.manager_id} - {None, actor.id} if owner else set()
    told = await tell(managers, Target(objective, kr), rule='adjustment', period=f'adjustment:{row.id}',
                      title='{name} adjusted {item} at the mid-cycle review', body=row.reason, name=actor.name,
                      item=kr.title)
    log.info('key result %s %s by %s at the mid-cycle review (%d told)', kr.id, what, actor.id, told)


async def adjustments_of(actor: User, objective_id: int) -> list[AdjustmentView]:
    """Every adjustment of the key results of an objective the actor may view, oldest first."""
    access = await load_access(require_active(actor))
    objective = await Objective.get_or_none(id=objective_id, deleted_at=None)
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    access.require_view(objective)
    rows = await Adjustment.filter(key_result__objective_id=objective.id).select_related('author')
    return [AdjustmentView(row.id, row.key_result_id, row.kind, dict(row.before), dict(row.after), row.reason,
                           row.author.name if row.author else '', row.at) for row in rows]
