"""Recording check-ins: the one path by which a key result's value changes."""
import logging
import math
from datetime import datetime

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from models.checkin import CheckIn
from models.okr import KeyResult, Milestone
from models.org import User
from services import clock, events, follows, key_results
from services.errors import Conflict, Forbidden, Invalid

log = logging.getLogger(__name__)

MAX_TEXT = 2000


def check_value(kind: str, value: float, steps: int) -> float:
    if value is None or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Invalid('Enter a number.', field='value')
    if abs(value) > 1e15:
        raise Invalid('This number is too large.', field='value')
    if kind == 'boolean' and value not in (0, 1):
        raise Invalid('Choose done or not done.', field='value')
    if kind == 'milestone' and (value != int(value) or not 0 <= value <= steps):
        raise Invalid('Choose how many of the {n} steps are done.', field='value', n=steps)
    return float(value)


def check_confidence(confidence: int | None) -> int | None:
    if confidence is None:
        return None
    if not isinstance(confidence, (int, float)) or confidence != int(confidence) or not 0 <= confidence <= 10:
        raise Invalid('Confidence is a whole number from 0 to 10.', field='confidence')
    return int(confidence)


def check_text(text: str, field: str) -> str:
    text = (text or '').strip()
    if len(text) > MAX_TEXT:
        raise Invalid('Use at most {n} characters.', field=field, n=MAX_TEXT)
    return text


async def record_checkin(actor: User, *, key_result_id: int, value: float, confidence: int | None,
                         note: str = '', next_step: str = '', expected_version: int | None = None,
                         source: str = 'web', at: datetime | None = None) -> CheckIn:
    """Append a check-in and move the key result's value, in one transaction.

    With `expected_version`, the save is refused (Conflict) when someone else checked in since.
    """
    kr, access = await key_results.visible_key_result(actor, key_result_id)
    if not access.can_checkin(kr, kr.objective):
        raise Forbidden('You may not check in on this key result.')
    if kr.objective.cycle.locked:
        raise Forbidden('This cycle is locked; an admin can reopen it on the Cycles page.')
    steps = await Milestone.filter(key_result_id=kr.id).count() if kr.kind == 'milestone' else 0
    value = check_value(kr.kind, value, steps or int(kr.target or 0))
    confidence = check_confidence(confidence)
    note, next_step = check_text(note, 'note'), check_text(next_step, 'next_step')
    async with in_transaction():
        query = KeyResult.filter(id=kr.id)
        if expected_version is not None:
            query = query.filter(version=expected_version)
        changed = await query.update(current=value, confidence=confidence, version=F('version') + 1,
                                     updated_at=clock.now())
        if not changed:
            fresh = await KeyResult.get(id=kr.id)
            raise Conflict('Someone else saved this key result since you opened it: the value is now {value}.',
                           current=fresh.current, value=f'{fresh.current:g}')
        checkin = await CheckIn.create(key_result_id=kr.id, value=value, confidence=confidence, note=note,
                                       next_step=next_step, author=actor, at=at or clock.now(), source=source)
    log.info('check-in %s recorded on key result %s by %s', checkin.id, kr.id, actor.id)
    events.checkin_recorded.emit(events.Change('key_result', kr.id, objective_id=kr.objective_id,
                                               team_id=kr.objective.team_id, cycle_id=kr.objective.cycle_id,
                                               people=events.owners(kr.owner_id, kr.objective.owner_id)))
    await follows.checkin_recorded(actor, kr, checkin.id)
    return checkin
