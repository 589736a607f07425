"""The calendar: due dates, check-in days, stand-ups and cycle milestones of a person or their team."""
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tortoise.expressions import Q

from config import settings
from models.cycle import Cycle
from models.okr import KeyResult, Objective, Task
from models.org import Team, User
from models.standup import Standup
from services import clock
from services.access import Access, load_access, require_active
from services.cycles import default_review_date
from services.errors import Invalid
from services.key_results import numbers, steps_by_key_result


def N_(text: str) -> str:  # noqa: N802 (marks English text that pages and the feed translate when shown)
    return text


SCOPES = ('mine', 'team')
VIEWS = ('month', 'week')
MAX_DAYS = 400  # the longest range one request may ask for: a feed's window, with room to spare
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)  # far from the limits of date arithmetic
CONFLICT_THRESHOLD = 2  # this many due items of one person on one day make a conflict
DUE_KINDS = frozenset({'key_result', 'objective', 'task'})
SUMMARIES = {
    'key_result': N_('Key result due: {title}'),
    'objective': N_('Objective due: {title}'),
    'task': N_('Task due: {title}'),
    'checkin': N_('Check-in day: {title}'),
    'standup': N_('Stand-up: {title}'),
    'review': N_('Mid-cycle review: {title}'),
    'cycle_end': N_('Cycle ends: {title}'),
}
DUE_SOURCES = {  # where a key result's due date comes from
    'key_result': N_('Due date of the key result'),
    'objective': N_('Due date of the objective (the key result has none)'),
    'cycle': N_('End of the cycle (no due date set)'),
}


@dataclass(frozen=True)
class CalendarItem:
    kind: str  # a key of SUMMARIES
    day: date
    title: str  # the item's own text: a title, a cycle's or a team's name
    uid: str  # the same item keeps it across loads, so subscribed calendars update instead of duplicating
    link: str  # a path inside okrboard
    person_id: int | None = None  # whose due item it is
    person_name: str = ''
    due_source: str = ''  # key results only: a key of DUE_SOURCES
    counts_as: str = ''  # the deadline this due item is one of, for conflicts; empty when it is finished

    @property
    def summary(self) -> str:
        return SUMMARIES[self.kind]


@dataclass(frozen=True)
class DayConflict:
    day: date
    person_id: int
    person_name: str
    count: int


@dataclass(frozen=True)
class CalendarView:
    start: date
    end: date
    scope: str
    items: tuple[CalendarItem, ...]
    conflicts: tuple[DayConflict, ...]

    def items_on(self, day: date) -> list[CalendarItem]:
        return [item for item in self.items if item.day == day]

    def conflicts_on(self, day: date) -> list[DayConflict]:
        return [conflict for conflict in self.conflicts if conflict.day == day]


def parse_day(value: str | None) -> date:
    """A day from a page address (YYYY-MM-DD); today when none is given."""
    if not value:
        return clock.today()
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid('This is not a date: use the form {example}.', field='day', example='2026-12-31') from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Invalid('Choose a date from {first} to {last}.', field='day', first=FIRST_DAY.isoformat(),
                      last=LAST_DAY.isoformat())
    return day


def period(view: str, anchor: date) -> tuple[date, date]:
    """The days a month view (whole weeks from Monday) or a week view shows around `anchor`."""
    if view == 'week':
        monday = anchor - timedelta(days=anchor.weekday())
        return monday, monday + timedelta(days=6)
    first = anchor.replace(day=1)
    last = _shift_month(first, 1) - timedelta(days=1)
    return first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday())


def shift(view: str, anchor: date, step: int) -> date:
    """The anchor of the previous (-1) or next (+1) month or week."""
    return anchor + timedelta(days=7 * step) if view == 'week' else _shift_month(anchor.replace(day=1), step)


def _shift_month(first: date, step: int) -> date:
    month = first.month - 1 + step
    return date(first.year + month // 12, month % 12 + 1, 1)


async def calendar(actor: User, *, start: date, end: date, scope: str = 'mine') -> CalendarView:
    """What falls between `start` and `end` for the actor ('mine') or the actor's team ('team')."""
    actor = require_active(actor)
    if scope not in SCOPES:
        raise Invalid('Choose your own calendar or your team\'s.', field='scope')
    if end < start or (end - start).days > MAX_DAYS:
        raise Invalid('Choose a range of at most {days} days.', field='day', days=MAX_DAYS)
    access = await load_access(actor)
    team_id = actor.team_id if scope == 'team' else None
    people = await _people(actor, team_id)
    cycles = await Cycle.filter(start__lte=end, end__gte=start)
    items = [*await _key_result_items(access, people, team_id, cycles),
             *await _objective_items(access, people, team_id, cycles),
             *await _task_items(access, people, start, end),
             *_checkin_items(cycles, start, end),
             *await _standup_items(actor.team_id, cycles, start, end),
             *_cycle_items(cycles)]
    # TODO: weekly report due dates join here once reports exist — until then the calendar does not show them
    items = sorted((item for item in items if start <= item.day <= end), key=lambda item: (item.day, item.kind))
    return CalendarView(start, end, scope, tuple(items), tuple(_conflicts(items, people)))


async def _people(actor: User, team_id: int | None) -> dict[int, str]:
    if team_id is None:
        return {actor.id: actor.name}
    return dict(await User.filter(team_id=team_id, active=True).values_list('id', 'name'))


async def _key_result_items(access: Access, people: dict[int, str], team_id: int | None,
                            cycles: list[Cycle]) -> list[CalendarItem]:
    owned = Q(owner_id__in=list(people)) | Q(owner_id=None, objective__owner_id__in=list(people))
    if team_id is not None:
        owned |= Q(objective__team_id=team_id, objective__level='team')
    by_id = {cycle.id: cycle for cycle in cycles}
    krs = [kr for kr in await KeyResult.filter(owned, deleted_at=None, objective__deleted_at=None,
                                               objective__cycle_id__in=list(by_id)).select_related('objective')
           if access.can_view(kr.objective)]
    steps = await steps_by_key_result([kr.id for kr in krs])
    items = []
    for kr in krs:
        cycle = by_id[kr.objective.cycle_id]
        day, source = ((kr.due, 'key_result') if kr.due else (kr.objective.due, 'objective') if kr.objective.due
                       else (cycle.end, 'cycle'))
        person_id = kr.owner_id or kr.objective.owner_id
        finished = numbers(kr, cycle, steps[kr.id])[0] >= 1
        items.append(CalendarItem('key_result', day, kr.title, f'key-result-{kr.id}', f'/objective/{kr.objective_id}',
                                  person_id, people.get(person_id, ''), source,
                                  '' if finished else _deadline(kr, source)))
    return items


def _deadline(kr: KeyResult, source: str) -> str:
    """A key result that inherits its date shares the deadline of its objective or cycle."""
    if source == 'objective':
        return f'objective-{kr.objective_id}'
    if source == 'cycle':
        return f'cycle-{kr.objective.cycle_id}'
    return f'key-result-{kr.id}'


async def _objective_items(access: Access, people: dict[int, str], team_id: int | None,
                           cycles: list[Cycle]) -> list[CalendarItem]:
    owned = Q(owner_id__in=list(people))
    if team_id is not None:
        owned |= Q(team_id=team_id, level='team')
    objectives = await Objective.filter(owned, deleted_at=None, due__not_isnull=True,
                                        cycle_id__in=[cycle.id for cycle in cycles])
    return [CalendarItem('objective', objective.due, objective.title, f'objective-{objective.id}',
                         f'/objective/{objective.id}', objective.owner_id, people.get(objective.owner_id, ''),
                         counts_as=f'objective-{objective.id}')
            for objective in objectives if access.can_view(objective)]


async def _task_items(access: Access, people: dict[int, str], start: date, end: date) -> list[CalendarItem]:
    tasks = await Task.filter(owner_id__in=list(people), done=False, due__gte=start, due__lte=end,
                              key_result__deleted_at=None, key_result__objective__deleted_at=None) \
        .select_related('key_result__objective')
    return [CalendarItem('task', task.due, task.title, f'task-{task.id}', f'/objective/{task.key_result.objective_id}',
                         task.owner_id, people.get(task.owner_id, ''), counts_as=f'task-{task.id}')
            for task in tasks if access.can_view(task.key_result.objective)]


def _weekdays(cycle: Cycle, start: date, end: date) -> list[date]:
    """The cycle's check-in days between start and end."""
    first = max(cycle.start, start)
    first += timedelta(days=(cycle.checkin_weekday - first.weekday()) % 7)
    days = []
    while first <= min(cycle.end, end):
        days.append(first)
        first += timedelta(days=7)
    return days


def _checkin_items(cycles: list[Cycle], start: date, end: date) -> list[CalendarItem]:
    return [CalendarItem('checkin', day, cycle.name, f'checkin-{cycle.id}-{day.isoformat()}', '/')
            for cycle in cycles if cycle.state == 'active' for day in _weekdays(cycle, start, end)]


async def _standup_items(team_id: int | None, cycles: list[Cycle], start: date, end: date) -> list[CalendarItem]:
    """Stand-ups the team held, then the ones to come: the team meets on its cycles' check-in day."""
    if team_id is None:
        return []
    team = await Team.get_or_none(id=team_id)
    if team is None:
        return []
    zone = settings().tz
    held = await Standup.filter(team_id=team_id, ended_at__gte=datetime.combine(start, time.min, zone),
                                ended_at__lt=datetime.combine(end + timedelta(days=1), time.min, zone))
    items = [CalendarItem('standup', standup.ended_at.astimezone(zone).date(), team.name, f'standup-{standup.id}',
                          f'/board?team={team_id}&cycle={standup.cycle_id}') for standup in held]
    met = {(item.day, standup.cycle_id) for item, standup in zip(items, held, strict=True)}
    today = clock.today()
    items += [CalendarItem('standup', day, team.name, f'standup-{team_id}-{cycle.id}-{day.isoformat()}',
                           f'/board?team={team_id}&cycle={cycle.id}')
              for cycle in cycles if cycle.state == 'active'
              for day in _weekdays(cycle, max(start, today), end) if (day, cycle.id) not in met]
    return items


def _cycle_items(cycles: list[Cycle]) -> list[CalendarItem]:
    items = []
    for cycle in cycles:
        review = cycle.review_date or default_review_date(cycle.start, cycle.end)
        items.append(CalendarItem('review', review, cycle.name, f'review-{cycle.id}', '/cycles'))
        items.append(CalendarItem('cycle_end', cycle.end, cycle.name, f'cycle-end-{cycle.id}', '/cycles'))
    return items


def _conflicts(items: list[CalendarItem], people: dict[int, str]) -> list[DayConflict]:
    deadlines = {(item.day, item.person_id, item.counts_as) for item in items
                 if item.kind in DUE_KINDS and item.person_id in people and item.counts_as}
    counts = Counter((day, person_id) for day, person_id, _deadline in deadlines)
    return [DayConflict(day, person_id, people[person_id], count)
            for (day, person_id), count in sorted(counts.items()) if count >= CONFLICT_THRESHOLD]
