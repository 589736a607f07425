"""The monthly health report: health, progress and adoption per unit, open to everyone in the company."""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from models.checkin import CheckIn
from models.cycle import Cycle
from models.org import User
from models.snapshot import Snapshot
from services import clock, key_results
from services.access import require_active
from services.dashboards import health
from services.dashboards.data import CycleData, TeamRow, cycle_data
from services.dashboards.views import Link
from services.errors import Invalid

MONTH = re.compile(r'^(\d{4})-(\d{2})$')


@dataclass(frozen=True)
class UnitReport:
    unit: Link
    kind: str  # company, department, team
    depth: int
    score: int
    completion: float
    timeliness: float
    contribution: float
    progress: float
    expected: float
    key_results: int
    updated: int  # key results with a check-in during the month

    @property
    def adoption(self) -> float:
        return self.updated / self.key_results if self.key_results else 0.0


@dataclass(frozen=True)
class HealthReport:
    month: str
    previous: str
    next: str | None  # None for the current month
    day: date  # the day the numbers stand for: the month's last day, or today
    cycle_name: str | None  # None when no cycle covers the month
    units: tuple[UnitReport, ...]
    cycle_id: int | None = None


FIRST_YEAR = 2000


def parse_month(text: str | None) -> date:
    """The first day of a 'YYYY-MM' month; the current month when empty."""
    if not text:
        return clock.today().replace(day=1)
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise Invalid('Give the month as YYYY-MM, for example {example}.', field='month',
                      example=clock.today().strftime('%Y-%m'))
    first = date(int(match[1]), int(match[2]), 1)
    if first.year < FIRST_YEAR:  # also keeps "the month before" inside what dates can hold
        raise Invalid('There is no report before {year}.', field='month', year=FIRST_YEAR)
    if first > clock.today():
        raise Invalid('This month has not started yet.', field='month')
    return first


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


async def health_report(actor: User, *, month: str | None) -> HealthReport:
    """Every unit's health, progress and check-in adoption at the end of a month (company-visible objectives)."""
    require_active(actor)
    first = parse_month(month)
    following = _next_month(first)
    day = min(following - timedelta(days=1), clock.today())
    previous = (first - timedelta(days=1)).strftime('%Y-%m')
    upcoming = following.strftime('%Y-%m') if following <= clock.today() else None
    covering = await Cycle.filter(start__lte=day, end__gte=first).order_by('start', 'id')
    if not covering:
        return HealthReport(first.strftime('%Y-%m'), previous, upcoming, day, None, ())
    cycle = min(covering, key=lambda one: ((one.end - one.start).days, one.id))  # the most specific cycle
    data = await cycle_data(cycle.id)
    in_month = CheckIn.filter(key_result__objective__cycle_id=cycle.id, at__gte=key_results.start_moment(first),
                              at__lt=key_results.start_moment(following))
    updated = set(await in_month.distinct().values_list('key_result_id', flat=True))
    if day == clock.today() and cycle.end >= day:  # the month still running: the dashboard's numbers of today
        units = _units_today(data, updated)
    else:
        units = await _units_on(data, min(day, cycle.end), updated)
    return HealthReport(first.strftime('%Y-%m'), previous, upcoming, day, cycle.name, tuple(units), cycle.id)


def _units_today(data: CycleData, updated: set[int]) -> list[UnitReport]:
    """Each unit's health exactly as the dashboard shows it now; only the check-in count covers the month."""
    units = []
    public = [kr for kr in data.krs if kr.objective.visibility != 'private']
    for team_id, depth in _tree(data):
        team = data.teams[team_id]
        found = health.health(data, Link('team', team_id, team.name))
        if found is None:
            continue
        own = [kr for kr in public if team_id in data.units_of(kr.objective)]
        parts = {part.name: part.value for part in found.parts}
        units.append(UnitReport(found.subject, team.kind, depth, found.score, parts['completion'],
                                parts['timeliness'], parts['contribution'], *health.progress_of(data, found.subject),
                                len(own), len([kr for kr in own if kr.id in updated])))
    return units


async def _units_on(data: CycleData, day: date, updated: set[int]) -> list[UnitReport]:
    """Each unit's health from the snapshots of a past day, counting only key results that existed by then."""
    cycle_id = data.cycle.id
    stored = {subject: (progress, expected, due, checked) for subject, progress, expected, due, checked in
              await Snapshot.filter(cycle_id=cycle_id, kind='team', day=day)
              .values_list('subject_id', 'progress', 'expected', 'periods_due', 'periods_checked')}
    # a key result's snapshots start on the day its clock starts, so these are the ones that existed by then
    existing = set(await Snapshot.filter(cycle_id=cycle_id, kind='key_result', day=day)
                   .values_list('subject_id', flat=True))
    public = [kr for kr in data.krs if kr.objective.visibility != 'private' and kr.id in existing]
    units = []
    for team_id, depth in _tree(data):
        own = [kr for kr in public if team_id in data.units_of(kr.objective)]
        if team_id not in stored or not own:
            continue
        progress, expected, due, checked = stored[team_id]
        objectives = {kr.objective.id: kr.objective for kr in own}.values()
        alignable = [objective for objective in objectives if objective.level != 'company']
        checked_in = len([kr for kr in own if kr.id in updated])
        parts = (health.completion(progress, expected), health.timeliness(checked, due),
                 health.contribution(checked_in, len(own), len([o for o in alignable if o.id in data.aligned]),
                                     len(alignable)))
        team = data.teams[team_id]
        units.append(UnitReport(Link('team', team_id, team.name), team.kind, depth, health.health_score(*parts),
                                *parts, progress, expected, len(own), checked_in))
    return units


def _tree(data: CycleData) -> list[tuple[int, int]]:
    """(team id, depth) of every unit, each parent before its children, siblings by name."""
    children: dict[int | None, list[TeamRow]] = {}
    for team in data.teams.values():
        children.setdefault(team.parent_id, []).append(team)
    ordered: list[tuple[int, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for team in sorted(children.get(parent, []), key=lambda team: team.name.lower()):
            if all(team.id != seen for seen, _ in ordered):
                ordered.append((team.id, depth))
                walk(team.id, depth + 1)
    walk(None, 0)
    return ordered
