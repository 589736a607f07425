"""Cycles: presets, states, locking and each person's chosen cycle."""
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from models.cycle import Cycle
from models.org import User
from services import clock

log = logging.getLogger(__name__)

STATES = ('planning', 'active', 'review', 'closed')
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
    around = await Cycle.filter(state='active', start__lte=today, end__gte=today).order_by('end', 'start').first()
    if around is not None:
        return info(around)
    newest = await Cycle.filter(state='active').first() or await Cycle.all().first()
    return info(newest) if newest else None
