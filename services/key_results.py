"""Read models of key results: the numbers people see, computed through services.metrics."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from tortoise.expressions import Q
from tortoise.functions import Count

from config import settings
from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Milestone, Objective, Task
from models.org import User
from services import clock, metrics
from services.access import Access, load_access, require_active
from services.errors import NotFound


@dataclass(frozen=True)
class KeyResultCard:
    id: int
    title: str
    objective_id: int
    objective_title: str
    kind: str
    unit: str
    start: float
    target: float | None
    current: float
    direction: str
    progress: float
    expected: float
    status: str
    confidence: int | None
    due: date | None
    version: int
    steps: tuple[str, ...]
    tasks_done: int
    tasks_total: int
    owner_name: str
    can_checkin: bool
    locked: bool
    stalled: bool = False


def measure_of(kr: KeyResult, steps: list[Milestone]) -> metrics.Measure:
    return metrics.Measure(kind=kr.kind, start=kr.start, target=kr.target, direction=kr.direction,
                           step_weights=tuple(step.weight for step in steps))


def window_of(kr: KeyResult, cycle: Cycle) -> tuple[date, date]:
    """A key result's window runs from its cycle's start to its due date (else the cycle's end)."""
    return cycle.start, kr.due or cycle.end


def start_moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=settings().tz)


def numbers(kr: KeyResult, cycle: Cycle, steps: list[Milestone], on: date | None = None) -> tuple[float, float, str]:
    """(progress, expected progress, status) of a key result today or on a given day."""
    on = on or clock.today()
    progress = metrics.progress(measure_of(kr, steps), kr.current)
    expected = metrics.expected_progress(*window_of(kr, cycle), on)
    return progress, expected, metrics.status(progress, expected, kr.confidence, kr.status_override)


async def steps_by_key_result(kr_ids: list[int]) -> dict[int, list[Milestone]]:
    steps: dict[int, list[Milestone]] = {kr_id: [] for kr_id in kr_ids}
    if kr_ids:
        for step in await Milestone.filter(key_result_id__in=kr_ids).order_by('position', 'id'):
            steps[step.key_result_id].append(step)
    return steps


async def task_counts(kr_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(done, total) action-plan tasks per key result."""
    counts: dict[int, tuple[int, int]] = {}
    if kr_ids:
        rows = await (Task.filter(key_result_id__in=kr_ids).annotate(n=Count('id'))
                      .group_by('key_result_id', 'done').values_list('key_result_id', 'done', 'n'))
        for kr_id, done, n in rows:
            finished, total = counts.get(kr_id, (0, 0))
            counts[kr_id] = (finished + (n if done else 0), total + n)
    return counts


async def histories_of(kr_ids: list[int]) -> dict[int, list[tuple[datetime, float]]]:
    """(time, value) of every check-in per key result, oldest first, in one query."""
    histories: dict[int, list[tuple[datetime, float]]] = {kr_id: [] for kr_id in kr_ids}
    if kr_ids:
        rows = await (CheckIn.filter(key_result_id__in=kr_ids).order_by('at', 'id')
                      .values_list('key_result_id', 'at', 'value'))
        for kr_id, at, value in rows:
            histories[kr_id].append((at, value))
    return histories


async def cards(actor: User, krs: list[KeyResult],
                histories: dict[int, list[tuple[datetime, float]]] | None = None) -> list[KeyResultCard]:
    """Cards for key results loaded with objective, objective__cycle and owner; a fixed number of queries."""
    access = await load_access(actor)
    krs = [kr for kr in krs if access.can_view(kr.objective)]  # owning a key result does not open a private objective
    ids = [kr.id for kr in krs]
    if histories is None:
        histories = await histories_of(ids)
    return build_cards(access, krs, await steps_by_key_result(ids), await task_counts(ids), histories)


def build_cards(access: Access, krs: list[KeyResult], steps: dict[int, list[Milestone]],
                tasks: dict[int, tuple[int, int]],
                histories: dict[int, list[tuple[datetime, float]]]) -> list[KeyResultCard]:
    """Cards from data already loaded, for the key results this actor may see."""
    result = []
    for kr in krs:
        objective = kr.objective
        if not access.can_view(objective):
            continue
        progress, expected, status = numbers(kr, objective.cycle, steps[kr.id])
        done, total = tasks.get(kr.id, (0, 0))
        result.append(KeyResultCard(
            id=kr.id, title=kr.title, objective_id=objective.id, objective_title=objective.title, kind=kr.kind,
            unit=kr.unit, start=kr.start, target=kr.target, current=kr.current, direction=kr.direction,
            progress=progress, expected=expected, status=status, confidence=kr.confidence, due=kr.due,
            version=kr.version, steps=tuple(step.title for step in steps[kr.id]), tasks_done=done,
            tasks_total=total, owner_name=kr.owner.name if kr.owner else '',
            can_checkin=access.can_checkin(kr, objective) and not objective.cycle.locked,
            locked=objective.cycle.locked,
            stalled=is_stalled(kr, steps[kr.id], histories[kr.id])))
    return result


def tracking_start(kr: KeyResult, cycle_start: date, history: Sequence[tuple[datetime, float]]) -> datetime:
    """When a key result's clock starts: the cycle's start, or, for one added mid-cycle, when it was added.

    A creation time is trusted only when it lies inside the cycle so far and no check-in predates it: imported
    key results are created after their history, and belong to the cycle from its start.
    """
    start = start_moment(cycle_start)
    added = kr.created_at
    if added is None or not start < added <= clock.now() or (history and history[0][0] < added):
        return start
    return added


def is_stalled(kr: KeyResult, steps: list[Milestone], history: list[tuple[datetime, float]]) -> bool:
    """No progress over the last two check-in periods, for a key result loaded with objective__cycle."""
    return metrics.is_stalled(measure_of(kr, steps), history, clock.now(),
                              tracking_start(kr, kr.objective.cycle.start, history))


async def my_key_results(actor: User, cycle_id: int) -> list[KeyResultCard]:
    """The signed-in person's key results in a cycle: theirs, and unowned ones of their objectives."""
    krs = await (KeyResult.filter(Q(owner_id=actor.id) | Q(owner_id=None, objective__owner_id=actor.id),
                                  objective__cycle_id=cycle_id, deleted_at=None, objective__deleted_at=None)
                 .select_related('objective', 'objective__cycle', 'owner').order_by('objective_id', 'position', 'id'))
    return await cards(actor, krs)


async def visible_key_result(actor: User, kr_id: int) -> tuple[KeyResult, Access]:
    """A key result that is not deleted, with its objective and cycle, and the actor's access; refused unless they
    may view it."""
    require_active(actor)
    kr = await (KeyResult.filter(id=kr_id, deleted_at=None, objective__deleted_at=None)
                .select_related('objective', 'objective__cycle').first())
    if kr is None:
        raise NotFound('This key result does not exist.')
    access = await load_access(actor)
    access.require_view(kr.objective)
    return kr, access


async def card(actor: User, kr_id: int) -> KeyResultCard:
    kr = await (KeyResult.filter(id=kr_id, deleted_at=None, objective__deleted_at=None)
                .select_related('objective', 'objective__cycle', 'owner').first())
    if kr is None:
        raise NotFound('This key result does not exist.')
    (await load_access(actor)).require_view(kr.objective)
    return (await cards(actor, [kr]))[0]


@dataclass(frozen=True)
class CheckInRow:
    id: int
    at: datetime
    value: float
    confidence: int | None
    note: str
    next_step: str
    author_name: str
    source: str


async def history(actor: User, kr_id: int) -> list[CheckInRow]:
    """Every check-in of a key result, newest first."""
    kr = await KeyResult.filter(id=kr_id).select_related('objective').first()
    if kr is None:
        raise NotFound('This key result does not exist.')
    (await load_access(actor)).require_view(kr.objective)
    rows = await CheckIn.filter(key_result_id=kr_id).select_related('author').order_by('-at', '-id')
    return [CheckInRow(row.id, row.at, row.value, row.confidence, row.note, row.next_step,
                       row.author.name if row.author else '', row.source) for row in rows]


async def objective_of(kr_id: int) -> Objective | None:
    kr = await KeyResult.filter(id=kr_id).select_related('objective').first()
    return kr.objective if kr else None


@dataclass(frozen=True)
class ObjectiveNumbers:
    progress: float
    status: str
    key_results: int


async def objective_numbers(objectives: list[Objective]) -> dict[int, ObjectiveNumbers]:
    """Progress (weighted over live key results) and worst status of objectives loaded with their cycle."""
    ids = [objective.id for objective in objectives]
    krs = await KeyResult.filter(objective_id__in=ids, deleted_at=None) if ids else []
    steps = await steps_by_key_result([kr.id for kr in krs])
    by_objective: dict[int, list[KeyResult]] = {}
    for kr in krs:
        by_objective.setdefault(kr.objective_id, []).append(kr)
    result = {}
    for objective in objectives:
        parts, statuses = [], []
        for kr in by_objective.get(objective.id, []):
            progress, _, status = numbers(kr, objective.cycle, steps[kr.id])
            parts.append((progress, kr.weight))
            statuses.append(status)
        result[objective.id] = ObjectiveNumbers(metrics.weighted_progress(parts), metrics.worst_status(statuses),
                                                len(parts))
    return result
