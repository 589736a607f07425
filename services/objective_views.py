"""Read models of one objective: its page (key results, plan, links, alignments, history, warnings) and pickers."""
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.expressions import Q

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Objective, ObjectiveLink, Task
from models.org import Team, User
from services import adjustments, metrics
from services.access import Access, load_access, require_active
from services.errors import NotFound
from services.key_results import KeyResultCard, cards, measure_of, objective_numbers, start_moment, steps_by_key_result
from services.objectives import above, alignment_graph

FEWEST_KEY_RESULTS = 3
MOST_KEY_RESULTS = 5


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    owner_id: int | None
    owner_name: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class KeyResultDetail:
    card: KeyResultCard
    weight: float
    owner_id: int | None
    status_override: str | None
    status_reason: str
    tasks: tuple[TaskRow, ...]


@dataclass(frozen=True)
class LinkRow:
    id: int
    title: str
    url: str
    kind: str


@dataclass(frozen=True)
class AlignedItem:
    """An objective or key result this objective aligns to, or an objective aligned to this one."""
    kind: str  # objective, key_result
    id: int
    objective_id: int
    title: str
    context: str  # cycle, and the objective of a key result
    progress: float
    status: str


@dataclass(frozen=True)
class ObjectiveWarning:
    """A nudge, never a block: `message` is an English source string with {placeholders} from `params`."""
    code: str
    message: str
    params: tuple[tuple[str, str | int], ...] = ()


@dataclass(frozen=True)
class HistorySeries:
    kr_id: int
    title: str
    points: tuple[tuple[datetime, float], ...]  # (moment, progress)


@dataclass(frozen=True)
class ObjectiveDetail:
    id: int
    title: str
    description: str
    level: str
    cycle_id: int
    cycle_name: str
    team_id: int | None
    team_name: str
    owner_id: int | None
    owner_name: str
    kind: str
    priority: str
    tags: tuple[str, ...]
    due: date | None
    visibility: str
    progress: float
    status: str
    can_edit: bool
    locked: bool
    key_results: tuple[KeyResultDetail, ...]
    links: tuple[LinkRow, ...]
    parents: tuple[AlignedItem, ...]
    children: tuple[AlignedItem, ...]
    history: tuple[HistorySeries, ...]
    warnings: tuple[ObjectiveWarning, ...]
    adjustable: bool = False  # the mid-cycle adjustment is open to this viewer now


def warnings_for(count: int, unmeasured: list[str]) -> tuple[ObjectiveWarning, ...]:
    """3–5 key results is the norm, and every key result should have a measurable target."""
    found = []
    if count < FEWEST_KEY_RESULTS:
        found.append(ObjectiveWarning('fewer_than_3', 'This objective has fewer than {n} key results.',
                                      (('n', FEWEST_KEY_RESULTS),)))
    elif count > MOST_KEY_RESULTS:
        found.append(ObjectiveWarning('more_than_5', 'This objective has more than {n} key results.',
                                      (('n', MOST_KEY_RESULTS),)))
    found.extend(ObjectiveWarning('no_measurable_target', 'The key result "{title}" has no measurable target.',
                                  (('title', title),)) for title in unmeasured)
    return tuple(found)


def is_measurable(kr: KeyResult, step_count: int) -> bool:
    if kr.kind == 'boolean':
        return True
    if kr.kind == 'milestone':
        return step_count > 0 or bool(kr.target)
    return kr.target is not None


async def objective_detail(actor: User, objective_id: int) -> ObjectiveDetail:
    """Everything the objective page shows, for someone who may see it."""
    access = await load_access(require_active(actor))
    objective = await Objective.get_or_none(id=objective_id, deleted_at=None).select_related('cycle', 'team', 'owner')
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    access.require_view(objective)
    krs = await (KeyResult.filter(objective_id=objective.id, deleted_at=None)
                 .select_related('objective', 'objective__cycle', 'owner').order_by('position', 'id'))
    kr_cards = await cards(actor, krs)
    steps = await steps_by_key_result([kr.id for kr in krs])
    tasks = await _tasks([kr.id for kr in krs])
    details = tuple(KeyResultDetail(card, kr.weight, kr.owner_id, kr.status_override, kr.status_reason,
                                    tasks.get(kr.id, ())) for kr, card in zip(krs, kr_cards, strict=True))
    links = await ObjectiveLink.filter(objective_id=objective.id).order_by('id')
    return ObjectiveDetail(
        id=objective.id, title=objective.title, description=objective.description, level=objective.level,
        cycle_id=objective.cycle_id, cycle_name=objective.cycle.name, team_id=objective.team_id,
        team_name=objective.team.name if objective.team else '', owner_id=objective.owner_id,
        owner_name=objective.owner.name if objective.owner else '', kind=objective.kind,
        priority=objective.priority, tags=tuple(objective.tags or ()), due=objective.due,
        visibility=objective.visibility,
        progress=metrics.weighted_progress([(d.card.progress, d.weight) for d in details]),
        status=metrics.worst_status(card.status for card in kr_cards), can_edit=access.can_edit(objective),
        locked=objective.cycle.locked, key_results=details,
        links=tuple(LinkRow(link.id, link.title, link.url, link.kind) for link in links),
        parents=await _parents(access, objective.id), children=await _children(access, objective.id, krs),
        history=await _history(krs, objective.cycle, steps),
        warnings=warnings_for(len(krs), [kr.title for kr in krs if not is_measurable(kr, len(steps[kr.id]))]),
        adjustable=access.can_edit(objective) and adjustments.window_for(access, objective.cycle).open)


async def _tasks(kr_ids: list[int]) -> dict[int, tuple[TaskRow, ...]]:
    found: dict[int, list[TaskRow]] = {}
    for task in await Task.filter(key_result_id__in=kr_ids).select_related('owner').order_by('id'):
        found.setdefault(task.key_result_id, []).append(
            TaskRow(task.id, task.title, task.owner_id, task.owner.name if task.owner else '', task.due, task.done))
    return {kr_id: tuple(rows) for kr_id, rows in found.items()}


async def _objective_items(access: Access, objectives: list[Objective]) -> list[AlignedItem]:
    visible = [o for o in objectives if o.deleted_at is None and access.can_view(o)]
    numbers = await objective_numbers(visible)
    return [AlignedItem('objective', o.id, o.id, o.title, o.cycle.name, numbers[o.id].progress,
                        numbers[o.id].status) for o in visible]


async def _parents(access: Access, objective_id: int) -> tuple[AlignedItem, ...]:
    rows = await Alignment.filter(objective_id=objective_id).order_by('id')
    parents = await Objective.filter(id__in=[r.parent_objective_id for r in rows if r.parent_objective_id],
                                     deleted_at=None).select_related('cycle')
    items = await _objective_items(access, list(parents))
    krs = await (KeyResult.filter(id__in=[r.parent_key_result_id for r in rows if r.parent_key_result_id],
                                  deleted_at=None, objective__deleted_at=None)
                 .select_related('objective', 'objective__cycle', 'owner'))
    krs = [kr for kr in krs if access.can_view(kr.objective)]
    for kr, card in zip(krs, await cards(access.actor, krs), strict=True):
        items.append(AlignedItem('key_result', kr.id, kr.objective_id, kr.title,
                                 f'{kr.objective.cycle.name} · {kr.objective.title}', card.progress, card.status))
    return tuple(items)


async def _children(access: Access, objective_id: int, krs: list[KeyResult]) -> tuple[AlignedItem, ...]:
    child_ids = await Alignment.filter(Q(parent_objective_id=objective_id)
                                       | Q(parent_key_result_id__in=[kr.id for kr in krs])) \
        .values_list('objective_id', flat=True)
    children = await Objective.filter(id__in=set(child_ids), deleted_at=None).select_related('cycle').order_by('id')
    return tuple(await _objective_items(access, list(children)))


async def _history(krs: list[KeyResult], cycle: Cycle, steps: dict) -> tuple[HistorySeries, ...]:
    """Each key result's progress at every check-in, from its start value at the cycle's first day."""
    points: dict[int, list[tuple[datetime, float]]] = {}
    for kr in krs:
        points[kr.id] = [(start_moment(cycle.start), metrics.progress(measure_of(kr, steps[kr.id]), kr.start))]
    measures = {kr.id: measure_of(kr, steps[kr.id]) for kr in krs}
    rows = await CheckIn.filter(key_result_id__in=list(points)).order_by('at', 'id') \
        .values_list('key_result_id', 'at', 'value')
    for kr_id, at, value in rows:
        points[kr_id].append((at, metrics.progress(measures[kr_id], value)))
    return tuple(HistorySeries(kr.id, kr.title, tuple(points[kr.id])) for kr in krs)


@dataclass(frozen=True)
class Choices:
    """What the objective form offers: (id, name) pairs."""
    cycles: tuple[tuple[int, str], ...]
    teams: tuple[tuple[int, str], ...]
    people: tuple[tuple[int, str], ...]


async def form_choices(actor: User) -> Choices:
    require_active(actor)
    cycles = await Cycle.all().values_list('id', 'name')
    teams = await Team.filter(archived=False).order_by('name').values_list('id', 'name')
    people = await User.filter(active=True).order_by('name').values_list('id', 'name')
    return Choices(tuple(cycles), tuple(teams), tuple(people))


@dataclass(frozen=True)
class AlignmentChoices:
    """Keys are 'objective:ID' or 'key_result:ID'; labels name the cycle and the objective."""
    options: tuple[tuple[str, str], ...]
    chosen: tuple[str, ...]


async def alignment_choices(actor: User, objective_id: int) -> AlignmentChoices:
    """Objectives and key results in any team or cycle this objective may align to without making a loop."""
    access = await load_access(require_active(actor))
    objective = await Objective.get_or_none(id=objective_id, deleted_at=None)
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    access.require_view(objective)
    graph = await alignment_graph()
    reverse: dict[int, set[int]] = {}
    for child, parents in graph.items():
        for parent in parents:
            reverse.setdefault(parent, set()).add(child)
    below = above(reverse, {objective.id})  # everything that already contributes to it
    candidates = [o for o in await Objective.filter(deleted_at=None).select_related('cycle')
                  if o.id != objective.id and o.id not in below and access.can_view(o)]
    candidates.sort(key=lambda o: (-o.cycle.start.toordinal(), o.title.lower()))
    krs: dict[int, list[KeyResult]] = {}
    for kr in await KeyResult.filter(objective_id__in=[o.id for o in candidates], deleted_at=None):
        krs.setdefault(kr.objective_id, []).append(kr)
    options: list[tuple[str, str]] = []
    for candidate in candidates:
        options.append((f'objective:{candidate.id}', f'{candidate.cycle.name} · {candidate.title}'))
        options.extend((f'key_result:{kr.id}', f'{candidate.cycle.name} · {candidate.title} › {kr.title}')
                       for kr in krs.get(candidate.id, []))
    rows = await Alignment.filter(objective_id=objective.id)
    chosen = tuple(f'objective:{row.parent_objective_id}' if row.parent_objective_id
                   else f'key_result:{row.parent_key_result_id}' for row in rows)
    return AlignmentChoices(tuple(options), chosen)
