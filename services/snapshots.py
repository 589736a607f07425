"""Daily progress snapshots, back-filled from check-in history: the cheap past that trends and comparisons read.

A run stores every day from the first day some key result lacks up to today, and rewrites today (today is
"as of now"); re-running it on unchanged data writes the same numbers. Unit and person rows count only
company-visible objectives, so they may be shown to everyone.
"""
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.functions import Max
from tortoise.transactions import in_transaction

from config import settings
from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Milestone, Objective
from models.org import Team, User
from models.snapshot import Snapshot
from services import clock, events, key_results, metrics

log = logging.getLogger(__name__)

PERIOD_DAYS = 7  # the check-in cadence: one check-in a week


@dataclass(frozen=True)
class Checked:
    at: datetime
    value: float
    confidence: int | None


@dataclass
class _Totals:
    """What one subject sums up on one day."""
    progress: list[tuple[float, float]]
    expected: list[tuple[float, float]]
    periods_due: int = 0
    periods_checked: int = 0
    tasks_done: int = 0
    tasks_total: int = 0


def _totals() -> _Totals:
    return _Totals([], [])


def periods_elapsed(cycle_start: date, day: date) -> int:
    """Check-in periods of the cycle finished by the end of `day`."""
    return max(0, (day - cycle_start).days + 1) // PERIOD_DAYS


def period_of(cycle_start: date, day: date) -> int:
    return (day - cycle_start).days // PERIOD_DAYS


def local_day(moment: datetime) -> date:
    return moment.astimezone(settings().tz).date()


def end_of(day: date) -> datetime:
    return key_results.start_moment(day + timedelta(days=1)) - timedelta(microseconds=1)


FIRST_RUN_DELAY = timedelta(minutes=1)  # back-fill soon after the server starts, once it serves


def first_run() -> datetime:
    """When the scheduler first runs the job: shortly after start, so imported history is snapshotted."""
    return clock.now() + FIRST_RUN_DELAY


async def take_snapshots() -> int:
    """The daily job: snapshot every started cycle up to today; returns the number of rows written."""
    written = 0
    for cycle in await Cycle.filter(start__lte=clock.today()).order_by('start', 'id'):
        written += await snapshot_cycle(cycle)
    log.info('snapshots wrote %d rows', written)
    if written:  # shared dashboard loads and open dashboards read the new days
        events.okr_changed.emit(events.Change('snapshots', 0))
    return written


async def snapshot_cycle(cycle: Cycle) -> int:
    """Store the days of one cycle that are missing (and today); returns the number of rows written."""
    today = clock.today()
    last_day = min(today, cycle.end)
    krs = await (KeyResult.filter(objective__cycle_id=cycle.id, deleted_at=None, objective__deleted_at=None)
                 .select_related('objective'))
    stored = dict(await Snapshot.filter(cycle_id=cycle.id, kind='key_result').annotate(last=Max('day'))
                  .group_by('subject_id').values_list('subject_id', 'last'))
    first_day = min([stored[kr.id] + timedelta(days=1) if kr.id in stored else cycle.start for kr in krs]
                    or [cycle.start])
    if cycle.end >= today:
        first_day = min(first_day, today)  # today is rewritten on every run
    if first_day > last_day:
        return 0
    rows = await _rows(cycle, krs, first_day, last_day)
    async with in_transaction():
        await Snapshot.filter(cycle_id=cycle.id, day__gte=first_day).delete()
        await Snapshot.bulk_create(rows, batch_size=2000)
    return len(rows)


async def _rows(cycle: Cycle, krs: list[KeyResult], first_day: date, last_day: date) -> list[Snapshot]:
    today = clock.today()
    kr_ids = [kr.id for kr in krs]
    steps = await key_results.steps_by_key_result(kr_ids)
    histories = await _histories(kr_ids)
    tasks = await key_results.task_counts(kr_ids)
    objectives = await Objective.filter(cycle_id=cycle.id, deleted_at=None)
    units = await _units_of(objectives)
    rows: list[Snapshot] = []
    day = first_day
    while day <= last_day:
        rows += _day_rows(cycle, krs, objectives, units, steps, histories, tasks, day, day == today)
        day += timedelta(days=1)
    return rows


def _day_rows(cycle: Cycle, krs: list[KeyResult], objectives: list[Objective], units: dict[int, list[int]],
              steps: dict[int, list[Milestone]], histories: dict[int, list[Checked]],
              tasks: dict[int, tuple[int, int]], day: date, is_today: bool) -> list[Snapshot]:
    rows: list[Snapshot] = []
    by_objective: dict[int, _Totals] = defaultdict(_totals)
    by_person: dict[int, _Totals] = defaultdict(_totals)
    for kr in krs:
        first_day = first_day_of(cycle, kr, histories[kr.id])
        if day < first_day:  # added mid-cycle: it has no history before then
            continue
        row = _key_result_row(cycle, kr, steps[kr.id], histories[kr.id], day, is_today, tasks, first_day)
        rows.append(row)
        _add(by_objective[kr.objective_id], row, kr.weight)
        person = kr.owner_id or kr.objective.owner_id
        if person and kr.objective.visibility != 'private':
            _add(by_person[person], row, 1)
    by_unit: dict[int, _Totals] = defaultdict(_totals)
    for objective in objectives:
        totals = by_objective.get(objective.id) or _Totals(
            [(0.0, 1)], [(metrics.expected_progress(cycle.start, objective.due or cycle.end, day), 1)])
        row = _row(cycle, 'objective', objective.id, day, totals, is_today, weighted=True)
        rows.append(row)
        if objective.visibility != 'private':
            for team_id in units[objective.id]:
                _add(by_unit[team_id], row, 1)
    rows += [_row(cycle, 'team', team_id, day, totals, is_today) for team_id, totals in by_unit.items()]
    rows += [_row(cycle, 'person', person, day, totals, is_today) for person, totals in by_person.items()]
    return rows


def _add(totals: _Totals, row: Snapshot, weight: float) -> None:
    totals.progress.append((row.progress, weight))
    totals.expected.append((row.expected, weight))
    totals.periods_due += row.periods_due
    totals.periods_checked += row.periods_checked
    totals.tasks_done += row.tasks_done or 0
    totals.tasks_total += row.tasks_total or 0


def _row(cycle: Cycle, kind: str, subject_id: int, day: date, totals: _Totals, is_today: bool,
         weighted: bool = False) -> Snapshot:
    """Objectives weight their key results; units and people take the plain average of their parts."""
    def combine(parts: list[tuple[float, float]]) -> float:
        return metrics.weighted_progress(parts) if weighted else metrics.average(p for p, _ in parts)
    return Snapshot(cycle_id=cycle.id, day=day, kind=kind, subject_id=subject_id,
                    progress=combine(totals.progress), expected=combine(totals.expected),
                    periods_due=totals.periods_due, periods_checked=totals.periods_checked,
                    tasks_done=totals.tasks_done if is_today else None,
                    tasks_total=totals.tasks_total if is_today else None)


async def _histories(kr_ids: list[int]) -> dict[int, list[Checked]]:
    histories: dict[int, list[Checked]] = {kr_id: [] for kr_id in kr_ids}
    if kr_ids:
        rows = await (CheckIn.filter(key_result_id__in=kr_ids).order_by('at', 'id')
                      .values_list('key_result_id', 'at', 'value', 'confidence'))
        for kr_id, at, value, confidence in rows:
            histories[kr_id].append(Checked(at, value, confidence))
    return histories


async def _units_of(objectives: list[Objective]) -> dict[int, list[int]]:
    """The units each objective counts in: its own team (or its owner's, or the company's) and every team above."""
    parent_of = dict(await Team.all().values_list('id', 'parent_id'))
    root = next((team_id for team_id, parent in sorted(parent_of.items()) if parent is None), None)
    owners = [objective.owner_id for objective in objectives if objective.owner_id]
    team_of = dict(await User.filter(id__in=owners).values_list('id', 'team_id'))
    result = {}
    for objective in objectives:
        unit = objective.team_id or team_of.get(objective.owner_id) or root
        result[objective.id] = lineage(unit, parent_of)
    return result


def lineage(team_id: int | None, parent_of: dict[int, int | None]) -> list[int]:
    """A team and every team above it, nearest first."""
    chain: list[int] = []
    while team_id is not None and team_id not in chain:
        chain.append(team_id)
        team_id = parent_of.get(team_id)
    return chain


def first_day_of(cycle: Cycle, kr: KeyResult, history: list[Checked]) -> date:
    """The first day a key result has numbers: the cycle's start, or the day one added mid-cycle was added."""
    return local_day(key_results.tracking_start(kr, cycle.start, [(c.at, c.value) for c in history]))


def _key_result_row(cycle: Cycle, kr: KeyResult, steps: list[Milestone], history: list[Checked], day: date,
                    is_today: bool, tasks: dict[int, tuple[int, int]], first_day: date) -> Snapshot:
    moment = end_of(day)
    upto = [checked for checked in history if checked.at <= moment]
    value = kr.current if is_today else metrics.value_at([(c.at, c.value) for c in upto], moment, kr.start)
    since = period_of(cycle.start, first_day)  # periods before it was added are not owed
    due = max(0, periods_elapsed(cycle.start, day) - since)
    checked_periods = {period_of(cycle.start, local_day(c.at)) - since for c in upto}
    confidences = [c.confidence for c in upto if c.confidence is not None]
    done, total = tasks.get(kr.id, (0, 0)) if is_today else (None, None)
    return Snapshot(cycle_id=cycle.id, day=day, kind='key_result', subject_id=kr.id,
                    progress=metrics.progress(key_results.measure_of(kr, steps), value),
                    expected=metrics.expected_progress(*key_results.window_of(kr, cycle), day),
                    confidence=kr.confidence if is_today else (confidences[-1] if confidences else None),
                    periods_due=due, periods_checked=len([p for p in checked_periods if 0 <= p < due]),
                    tasks_done=done, tasks_total=total)
