"""Everything a cycle's dashboards need, loaded in a fixed number of queries and shared by every viewer."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple, cast

from tortoise import connections
from tortoise.functions import Max
from tortoise.queryset import ValuesListQuery

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User
from models.snapshot import Snapshot
from services import clock, key_results, snapshots
from services.access import Access, Org, load_org
from services.errors import NotFound
from services.shared import Shared

RECENT = timedelta(days=7)  # "this week": the check-in cadence
STALL_DAYS = 14  # two check-in periods
CLOSED_CYCLES = 4  # score distributions shown for the latest closed cycles


class ObjectiveRow(NamedTuple):  # a tuple: thousands are built per load
    """The fields of an objective the dashboards read (what Access.can_view reads among them)."""
    id: int
    cycle_id: int
    level: str
    team_id: int | None
    owner_id: int | None
    title: str
    visibility: str
    due: date | None


class KeyResultRow(NamedTuple):  # a tuple: thousands are built per load
    """The fields of a key result the dashboards read, among them all that key_results.numbers reads."""
    id: int
    objective: ObjectiveRow
    owner_id: int | None
    title: str
    kind: str
    start: float
    target: float | None
    current: float
    direction: str
    weight: float
    due: date | None
    confidence: int | None
    status_override: str | None
    score: float | None
    created_at: datetime | None  # when it was added: one added mid-cycle is judged from then

    @property
    def objective_id(self) -> int:
        return self.objective.id


class Step(NamedTuple):  # a tuple: thousands are built per load
    weight: float


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    kind: str
    parent_id: int | None


class Numbers(NamedTuple):  # a tuple: thousands are built per load
    """A stored snapshot's numbers."""
    progress: float
    expected: float
    confidence: int | None = None
    periods_due: int = 0
    periods_checked: int = 0
    tasks_done: int | None = None
    tasks_total: int | None = None


@dataclass(frozen=True)
class CycleData:
    cycle: Cycle
    previous: Cycle | None  # the cycle of the same cadence just before
    year_before: Cycle | None  # the same cycle a year earlier
    today: date
    org: Org
    teams: dict[int, TeamRow]
    people: dict[int, tuple[str, int | None]]  # active person id -> (name, team id)
    objectives: list[ObjectiveRow]  # of this cycle
    krs: list[KeyResultRow]  # of this cycle
    steps: dict[int, list[Step]]
    last_checkin: dict[int, datetime]  # key result -> its latest check-in
    recent: list[tuple[int, int | None, int | None]]  # (key result, confidence, author) this week, oldest first
    aligned: frozenset[int]  # objectives aligned to a parent
    snapshots: dict[tuple[int, str, int, date], Numbers]  # (cycle, kind, subject, day) -> numbers
    closed: list[tuple[Cycle, list[KeyResultRow], dict[int, list[Step]]]]  # the latest closed cycles' key results
    live: dict[int, tuple[float, float, str]]  # key result -> (progress, expected, status) now

    def weeks(self, cycle: Cycle, upto: date | None = None) -> list[date]:
        return week_days(cycle, upto)

    def numbers(self, cycle_id: int, kind: str, subject_id: int, day: date) -> Numbers | None:
        return self.snapshots.get((cycle_id, kind, subject_id, day))

    def latest(self, kind: str, subject_id: int) -> Numbers | None:
        """This cycle's numbers today, else yesterday (before today's job has run)."""
        day = self.last_day
        return (self.numbers(self.cycle.id, kind, subject_id, day)
                or self.numbers(self.cycle.id, kind, subject_id, day - timedelta(days=1)))

    @property
    def finished(self) -> bool:
        """Closed, or past its end: nothing is owed any more."""
        return self.cycle.state == 'closed' or self.today > self.cycle.end

    @property
    def last_day(self) -> date:
        """The day the cycle's numbers stand for: today, or the cycle's end once it is over."""
        return min(self.today, self.cycle.end)

    def unit_of(self, objective: ObjectiveRow) -> int | None:
        if objective.team_id:
            return objective.team_id
        owner = self.people.get(objective.owner_id) if objective.owner_id else None
        return owner[1] if owner and owner[1] else self.root_id

    @property
    def root_id(self) -> int | None:
        return next((team.id for team in self.teams.values() if team.parent_id is None), None)

    @cached_property
    def key_results_latest(self) -> dict[int, Numbers]:
        """Each key result's latest stored numbers (today's, else yesterday's)."""
        found = {kr.id: self.latest('key_result', kr.id) for kr in self.krs}
        return {kr_id: numbers for kr_id, numbers in found.items() if numbers is not None}

    @cached_property
    def updated(self) -> frozenset[int]:
        """Key results with a check-in in the last seven days."""
        return frozenset(kr_id for kr_id, *_ in self.recent)

    @cached_property
    def parent_of(self) -> dict[int, int | None]:
        return {team.id: team.parent_id for team in self.teams.values()}

    @cached_property
    def units(self) -> dict[int, frozenset[int]]:
        """Each objective of the cycle -> its unit and every unit above."""
        return {objective.id: frozenset(self.lineage(self.unit_of(objective))) for objective in self.objectives}

    def lineage(self, team_id: int | None) -> list[int]:
        return snapshots.lineage(team_id, self.parent_of)

    def units_of(self, objective: ObjectiveRow) -> frozenset[int]:
        return self.units.get(objective.id) or frozenset(self.lineage(self.unit_of(objective)))

    def owner_of(self, kr: KeyResultRow) -> int | None:
        return kr.owner_id or kr.objective.owner_id


def week_days(cycle: Cycle, upto: date | None = None) -> list[date]:
    """The day each week of the cycle is read at: its last day, or `upto` for the week still running."""
    days = []
    start = cycle.start
    while start <= cycle.end and (upto is None or start <= upto):
        end = min(start + timedelta(days=6), cycle.end)
        days.append(min(end, upto) if upto else end)
        start += timedelta(days=7)
    return days


def related_cycles(cycle: Cycle, cycles: list[Cycle]) -> tuple[Cycle | None, Cycle | None]:
    """The previous cycle of the same cadence and the one a year earlier (within two weeks), when they exist."""
    same = [other for other in cycles if other.cadence == cycle.cadence and other.id != cycle.id]
    before = [other for other in same if other.end < cycle.start]
    previous = max(before, key=lambda other: other.start, default=None)
    a_year_ago = cycle.start - timedelta(days=365)
    near = [other for other in same if abs((other.start - a_year_ago).days) <= 14]
    return previous, min(near, key=lambda other: abs((other.start - a_year_ago).days), default=None)


_shared: Shared[CycleData] = Shared(max_age=300)


async def cycle_data(cycle_id: int) -> CycleData:
    """The cycle's data, loaded once for every open dashboard until the next change on the bus."""
    return await _shared.get((cycle_id, clock.today()), lambda: load(cycle_id))


def live_numbers(kr: KeyResultRow, cycle: Cycle, steps: list[Step], on: date) -> tuple[float, float, str]:
    """(progress, expected, status) on a day, through key_results.numbers, which reads only fields the row has."""
    return key_results.numbers(cast(KeyResult, kr), cycle, cast(list[Milestone], steps), on)


def can_view(access: Access, objective: ObjectiveRow) -> bool:
    return access.can_view(cast(Objective, objective))  # reads visibility, owner_id and team_id, which rows have


async def fetch(query: ValuesListQuery) -> list[tuple]:
    """The rows of a values_list query without the ORM's per-value conversion, ten times faster on big reads.

    The SQL holds only ids, names of kinds and dates this module put in; the query builder quotes them.
    """
    _, rows = await connections.get('default').execute_query(query.sql(params_inline=True))
    return [tuple(row) for row in rows]


def as_date(value: date | str | None) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def as_moment(value: datetime | str) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


OBJECTIVE_FIELDS = ('id', 'cycle_id', 'level', 'team_id', 'owner_id', 'title', 'visibility', 'due')
KEY_RESULT_FIELDS = ('id', 'objective_id', 'owner_id', 'title', 'kind', 'start', 'target', 'current', 'direction',
                     'weight', 'due', 'confidence', 'status_override', 'score', 'created_at')


async def _objectives(cycle_ids: list[int]) -> dict[int, ObjectiveRow]:
    rows = await fetch(Objective.filter(cycle_id__in=cycle_ids, deleted_at=None).order_by('id')
                       .values_list(*OBJECTIVE_FIELDS))
    return {row[0]: ObjectiveRow(*row[:7], as_date(row[7])) for row in rows}


async def _key_results(objectives: dict[int, ObjectiveRow]) -> list[KeyResultRow]:
    rows = await fetch(KeyResult.filter(objective_id__in=list(objectives), deleted_at=None)
                       .order_by('objective_id', 'position', 'id').values_list(*KEY_RESULT_FIELDS))
    return [KeyResultRow(row[0], objectives[row[1]], *row[2:10], as_date(row[10]), *row[11:14], as_moment(row[14]))
            for row in rows]


async def _steps(cycle_ids: list[int]) -> dict[int, list[Step]]:
    steps: dict[int, list[Step]] = {}
    for kr_id, weight in await fetch(Milestone.filter(key_result__objective__cycle_id__in=cycle_ids)
                                     .order_by('key_result_id', 'position', 'id')
                                     .values_list('key_result_id', 'weight')):
        steps.setdefault(kr_id, []).append(Step(weight))
    return steps


async def load(cycle_id: int) -> CycleData:
    cycles = await Cycle.all()
    cycle = next((one for one in cycles if one.id == cycle_id), None)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    previous, year_before = related_cycles(cycle, cycles)
    today = clock.today()
    closed = sorted((one for one in cycles if one.state == 'closed' or one.id == cycle.id and one.end < today),
                    key=lambda one: one.end, reverse=True)[:CLOSED_CYCLES]  # the viewed cycle too, once over
    teams = {row[0]: TeamRow(*row) for row in
             await Team.filter(archived=False).values_list('id', 'name', 'kind', 'parent_id')}
    people = {person_id: (name, team_id) for person_id, name, team_id in
              await User.filter(active=True).values_list('id', 'name', 'team_id')}
    cycle_ids = list(dict.fromkeys([cycle.id] + [one.id for one in closed]))
    objectives = await _objectives(cycle_ids)
    krs = await _key_results(objectives)
    steps = await _steps(cycle_ids)
    current = [kr for kr in krs if kr.objective.cycle_id == cycle.id]
    last = await fetch(CheckIn.filter(key_result_id__in=[kr.id for kr in current]).annotate(last=Max('at'))
                       .group_by('key_result_id').values_list('key_result_id', 'last'))
    recent = await (CheckIn.filter(key_result__objective__cycle_id=cycle.id, at__gt=clock.now() - RECENT)
                    .order_by('at', 'id').values_list('key_result_id', 'confidence', 'author_id'))
    aligned = await Alignment.filter(objective__cycle_id=cycle.id).distinct().values_list('objective_id', flat=True)
    return CycleData(cycle=cycle, previous=previous, year_before=year_before, today=today, org=await load_org(),
                     teams=teams, people=people,
                     objectives=[objective for objective in objectives.values() if objective.cycle_id == cycle.id],
                     krs=current, steps=steps,
                     live={kr.id: live_numbers(kr, cycle, steps.get(kr.id, []), today) for kr in current},
                     last_checkin={row[0]: as_moment(row[-1]) for row in last}, recent=recent,
                     aligned=frozenset(aligned), snapshots=await _snapshots(cycle, previous, year_before, today),
                     closed=[(one, [kr for kr in krs if kr.objective.cycle_id == one.id], steps) for one in closed])


async def _snapshots(cycle: Cycle, previous: Cycle | None, year_before: Cycle | None,
                     today: date) -> dict[tuple[int, str, int, date], Numbers]:
    """Units and people at each week's end of the three cycles; key results today, a week and two weeks ago."""
    unit_days = {(cycle.id, day) for day in week_days(cycle, today)}
    last_day = min(today, cycle.end)  # a finished cycle is read at its last day
    unit_days |= {(cycle.id, last_day - timedelta(days=n)) for n in (0, 1, 2, 7, 8)}
    for other in (previous, year_before):
        unit_days |= {(other.id, day) for day in week_days(other)} if other else set()
    rows = await fetch(Snapshot.filter(cycle_id__in={cycle_id for cycle_id, _ in unit_days},
                                       day__in=sorted({day for _, day in unit_days}), kind__in=('team', 'person'))
                       .values_list('cycle_id', 'kind', 'subject_id', 'day', 'progress', 'expected', 'confidence',
                                    'periods_due', 'periods_checked', 'tasks_done', 'tasks_total'))
    result: dict[tuple[int, str, int, date], Numbers] = {}
    days: dict[object, date | None] = {}
    for cycle_id, kind, subject, stored_day, *numbers in rows:
        day = days.get(stored_day) or days.setdefault(stored_day, as_date(stored_day))
        if (cycle_id, day) in unit_days:
            result[(cycle_id, kind, subject, day)] = Numbers(*numbers)
    # Key results: the latest day stored (today, else yesterday), a week and two weeks before today.
    latest = last_day if any(key[0] == cycle.id and key[3] == last_day for key in result) \
        else last_day - timedelta(days=1)
    kr_days = [latest, today - timedelta(days=7), today - timedelta(days=STALL_DAYS)]
    for subject, stored_day, progress, confidence, due, checked in await fetch(
            Snapshot.filter(cycle_id=cycle.id, day__in=kr_days, kind='key_result')
            .values_list('subject_id', 'day', 'progress', 'confidence', 'periods_due', 'periods_checked')):
        day = days.get(stored_day) or days.setdefault(stored_day, as_date(stored_day))
        result[(cycle.id, 'key_result', subject, day)] = Numbers(progress, 0.0, confidence, due, checked)
    return result
