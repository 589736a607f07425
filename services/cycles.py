"""Cycles: presets, states, locking and each person's chosen cycle."""
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from models.cycle import Cycle
from models.org import User
from services import accounts, audit, clock, events
from services.access import load_access, require_active
from services.errors import Invalid, NotFound

log = logging.getLogger(__name__)

STATES = ('planning', 'active', 'review', 'closed')
AUDITED = ('name', 'cadence', 'start', 'end', 'checkin_weekday', 'review_date', 'state', 'locked')
CADENCES = ('quarter', 'half', 'year', 'custom')


@dataclass(frozen=True)
class CycleInfo:
    id: int
    name: str
    start: date
    end: date
    cadence: str
    state: str
    locked: bool
    checkin_weekday: int
    review_date: date | None


def info(cycle: Cycle) -> CycleInfo:
    return CycleInfo(cycle.id, cycle.name, cycle.start, cycle.end, cycle.cadence, cycle.state, cycle.locked,
                     cycle.checkin_weekday, cycle.review_date)


def preset_dates(cadence: str, year: int, part: int = 1) -> tuple[date, date]:
    """First and last day of quarter `part` (1-4), half `part` (1-2) or the whole year."""
    if cadence == 'quarter':
        start = date(year, 3 * (part - 1) + 1, 1)
        months = 3
    elif cadence == 'half':
        start = date(year, 6 * (part - 1) + 1, 1)
        months = 6
    else:
        start, months = date(year, 1, 1), 12
    month_after = start.month + months
    after = date(year + (month_after - 1) // 12, (month_after - 1) % 12 + 1, 1)
    return start, after - timedelta(days=1)


def default_review_date(start: date, end: date) -> date:
    return start + (end - start) / 2


async def list_cycles() -> list[CycleInfo]:
    return [info(cycle) for cycle in await Cycle.all()]


async def get_cycle(cycle_id: int) -> CycleInfo | None:
    cycle = await Cycle.get_or_none(id=cycle_id)
    return info(cycle) if cycle else None


async def current_cycle(actor: User | None = None) -> CycleInfo | None:
    """The person's chosen cycle, else the active one around today, else the newest."""
    if actor is not None and actor.current_cycle_id is not None:
        chosen = await Cycle.get_or_none(id=actor.current_cycle_id)
        if chosen is not None:
            return info(chosen)
    today = clock.today()
    around = await Cycle.filter(state='active', start__lte=today, end__gte=today).order_by('end', '-start').first()
    if around is not None:
        return info(around)
    newest = await Cycle.filter(state='active').first() or await Cycle.all().first()
    return info(newest) if newest else None


NEXT_STATE = {'planning': 'active', 'active': 'review', 'review': 'closed'}
REOPEN = ('closed', 'review')  # the one step back, for an admin who closed too early
MAX_NAME = 100


def preset_name(cadence: str, year: int, part: int = 1) -> str:
    """The name a preset gets: '2026 Q1', '2026 H2' or '2026', as imports read them."""
    if cadence == 'quarter':
        return f'{year} Q{part}'
    if cadence == 'half':
        return f'{year} H{part}'
    return str(year)


def parse_day(value: str | date | None, field: str) -> date:
    """A date from a date or an ISO 'YYYY-MM-DD' text, else Invalid for that field."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or '').strip())
    except ValueError:
        raise Invalid('Enter a date as YYYY-MM-DD.', field=field) from None


@dataclass(frozen=True)
class CycleInput:
    name: str
    cadence: str
    start: date
    end: date
    checkin_weekday: int
    review_date: date


async def _checked(cycle_id: int | None, *, name: str, cadence: str, start: str | date, end: str | date,
                   checkin_weekday: int, review_date: str | date | None) -> CycleInput:
    name = ' '.join((name or '').split())
    if not name:
        raise Invalid('Give the cycle a name.', field='name')
    if len(name) > MAX_NAME:
        raise Invalid('Use at most {n} characters.', field='name', n=MAX_NAME)
    if cadence not in CADENCES:
        raise Invalid('Choose quarter, half-year, year or custom.', field='cadence')
    first, last = parse_day(start, 'start'), parse_day(end, 'end')
    if first >= last:
        raise Invalid('The end must come after the start.', field='end')
    if checkin_weekday not in range(7):
        raise Invalid('Choose a weekday.', field='checkin_weekday')
    review = parse_day(review_date, 'review_date') if review_date else default_review_date(first, last)
    if not first <= review <= last:
        raise Invalid('The review date must lie within the cycle.', field='review_date')
    if await Cycle.filter(name__iexact=name).exclude(id=cycle_id or 0).exists():
        raise Invalid('A cycle with this name already exists.', field='name')
    return CycleInput(name, cadence, first, last, checkin_weekday, review)


async def _admin(actor: User) -> None:
    (await load_access(require_active(actor))).require_admin()


async def _cycle(cycle_id: int) -> Cycle:
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    return cycle


def _announce(cycle: Cycle) -> None:
    events.org_changed.emit(events.Change('cycle', cycle.id, cycle_id=cycle.id))


async def create_cycle(actor: User, *, name: str, cadence: str, start: str | date, end: str | date,
                       checkin_weekday: int = 0, review_date: str | date | None = None) -> CycleInfo:
    """A new cycle in planning; admins only."""
    await _admin(actor)
    checked = await _checked(None, name=name, cadence=cadence, start=start, end=end,
                             checkin_weekday=checkin_weekday, review_date=review_date)
    cycle = await Cycle.create(name=checked.name, cadence=checked.cadence, start=checked.start, end=checked.end,
                               checkin_weekday=checked.checkin_weekday, review_date=checked.review_date)
    await audit.record(actor, 'create', 'cycle', cycle.id, cycle.name, {}, audit.snapshot(cycle, AUDITED))
    log.info('cycle %s created by %s', cycle.id, actor.id)
    _announce(cycle)
    return info(cycle)


async def update_cycle(actor: User, cycle_id: int, *, name: str, cadence: str, start: str | date, end: str | date,
                       checkin_weekday: int = 0, review_date: str | date | None = None) -> CycleInfo:
    """Change a cycle's name, dates, check-in weekday or review date; admins only."""
    await _admin(actor)
    cycle = await _cycle(cycle_id)
    checked = await _checked(cycle.id, name=name, cadence=cadence, start=start, end=end,
                             checkin_weekday=checkin_weekday, review_date=review_date)
    before = audit.snapshot(cycle, AUDITED)
    cycle.name, cycle.cadence, cycle.start, cycle.end = checked.name, checked.cadence, checked.start, checked.end
    cycle.checkin_weekday, cycle.review_date = checked.checkin_weekday, checked.review_date
    await cycle.save()
    await audit.record(actor, 'update', 'cycle', cycle.id, cycle.name, before, audit.snapshot(cycle, AUDITED))
    log.info('cycle %s updated by %s', cycle.id, actor.id)
    _announce(cycle)
    return info(cycle)


async def set_state(actor: User, cycle_id: int, state: str) -> CycleInfo:
    """Move a cycle one step forward (planning → active → review → closed), or reopen a closed one."""
    await _admin(actor)
    cycle = await _cycle(cycle_id)
    if state not in STATES:
        raise Invalid('Unknown cycle state.', field='state')
    if NEXT_STATE.get(cycle.state) != state and (cycle.state, state) != REOPEN:
        raise Invalid('A cycle moves one step at a time: planning, active, review, closed.', field='state')
    previous, cycle.state = cycle.state, state
    await cycle.save(update_fields=['state'])
    await audit.record(actor, 'update', 'cycle', cycle.id, cycle.name, {'state': previous}, {'state': state})
    log.info('cycle %s moved from %s to %s by %s', cycle.id, previous, state, actor.id)
    _announce(cycle)
    return info(cycle)


async def set_locked(actor: User, cycle_id: int, locked: bool) -> CycleInfo:
    """Lock a cycle (no more check-ins on its key results) or unlock it; admins only."""
    await _admin(actor)
    cycle = await _cycle(cycle_id)
    before = audit.snapshot(cycle, ['locked'])
    cycle.locked = bool(locked)
    await cycle.save(update_fields=['locked'])
    await audit.record(actor, 'update', 'cycle', cycle.id, cycle.name, before, audit.snapshot(cycle, ['locked']))
    log.info('cycle %s %s by %s', cycle.id, 'locked' if cycle.locked else 'unlocked', actor.id)
    _announce(cycle)
    return info(cycle)


async def choose_cycle(actor: User, cycle_id: int) -> CycleInfo:
    """Remember the cycle this person works in; every page opens on it."""
    cycle = await _cycle(cycle_id)
    await accounts.set_current_cycle(actor, cycle.id)
    return info(cycle)
