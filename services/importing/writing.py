"""Writing a checked plan: bulk inserts in chunks, parents before children. Call inside one transaction."""
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from tortoise.models import Model

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User
from services.importing.lookups import CHUNK
from services.importing.plan import NewTeam, Plan, ident

BATCH = 500
STEPS = ('teams', 'people', 'cycles', 'objectives', 'key_results', 'checkins', 'alignments', 'updates')


async def _last_id(model: type[Model]) -> int:
    found = await model.all().order_by('-id').limit(1).values_list('id', flat=True)
    return found[0] if found else 0


async def _insert(model: type[Model], planned: Sequence[Any], build: Callable[[Any], Model],
                  key_fields: tuple[str, ...], key_of: Callable[[Any], tuple]) -> None:
    """Insert rows in bulk, then give each planned row its new id, matched by its key fields."""
    if not planned:
        return
    before = await _last_id(model)
    await model.bulk_create([build(item) for item in planned], batch_size=BATCH)
    ids: dict[tuple, list[int]] = defaultdict(list)
    for found in await model.filter(id__gt=before).order_by('id').values_list('id', *key_fields):
        ids[tuple(found[1:])].append(found[0])
    for item in planned:
        item.id = ids[key_of(item)].pop(0)


async def _teams(plan: Plan) -> None:
    remaining = list(plan.teams)
    while remaining:  # a level at a time: parents get their ids before their children are built
        ready = [team for team in remaining if not isinstance(team.parent, NewTeam) or team.parent.id is not None]
        await _insert(Team, ready, lambda team: Team(name=team.name, kind=team.kind, parent_id=ident(team.parent)),
                      ('name', 'parent_id'), lambda team: (team.name, ident(team.parent)))
        remaining = [team for team in remaining if team.id is None]


async def _people(plan: Plan) -> None:
    await _insert(User, plan.people, lambda person: User(
        email=person.email, name=person.name, role=person.role, team_id=ident(person.team), password_hash=None),
        ('email', 'name'), lambda person: (person.email, person.name))
    managed = {person.id: ident(person.manager) for person in plan.people if person.manager is not None}
    for chunk in _chunks(list(managed)):
        people = await User.filter(id__in=chunk)
        for person in people:
            person.manager_id = managed[person.id]
        await User.bulk_update(people, fields=['manager_id'], batch_size=BATCH)


async def _cycles(plan: Plan) -> None:
    await _insert(Cycle, plan.cycles, lambda cycle: Cycle(
        name=cycle.name, start=cycle.start, end=cycle.end, cadence=cycle.cadence, state=cycle.state,
        review_date=cycle.review_date), ('name',), lambda cycle: (cycle.name,))


async def _objectives(plan: Plan) -> None:
    await _insert(Objective, plan.objectives, lambda objective: Objective(
        ref=objective.ref, cycle_id=ident(objective.cycle), title=objective.title, level=objective.level,
        team_id=ident(objective.team), owner_id=ident(objective.owner), description=objective.description,
        priority=objective.priority, kind=objective.kind, status=objective.status, visibility=objective.visibility),
        ('ref', 'cycle_id', 'team_id', 'title'),
        lambda objective: (objective.ref, ident(objective.cycle), ident(objective.team), objective.title))


async def _key_results(plan: Plan) -> None:
    await _insert(KeyResult, plan.key_results, lambda kr: KeyResult(
        ref=kr.ref, objective_id=ident(kr.objective), title=kr.title, owner_id=ident(kr.owner), kind=kr.kind,
        start=kr.start, target=kr.target, current=kr.current, unit=kr.unit, direction=kr.direction,
        weight=kr.weight, due=kr.due, confidence=kr.confidence, score=kr.score, position=kr.position),
        ('ref', 'objective_id', 'title'), lambda kr: (kr.ref, ident(kr.objective), kr.title))
    steps = [Milestone(key_result_id=kr.id, title=title, position=position)
             for kr in plan.key_results for position, title in enumerate(kr.steps)]
    await Milestone.bulk_create(steps, batch_size=BATCH)


async def _checkins(plan: Plan) -> None:
    await CheckIn.bulk_create([CheckIn(
        key_result_id=ident(checkin.key_result), at=checkin.at, value=checkin.value, confidence=checkin.confidence,
        note=checkin.note, next_step=checkin.next_step, author_id=ident(checkin.author), source='import')
        for checkin in plan.checkins], batch_size=BATCH)


async def _alignments(plan: Plan) -> None:
    await Alignment.bulk_create([Alignment(
        objective_id=ident(alignment.objective), parent_objective_id=ident(alignment.parent_objective),
        parent_key_result_id=ident(alignment.parent_key_result)) for alignment in plan.alignments], batch_size=BATCH)


async def _updates(plan: Plan) -> None:
    """Existing key results take the value of their newest check-in, and a new version so open forms notice."""
    updates = {update.key_result_id: update for update in plan.updates}
    for chunk in _chunks(list(updates)):
        key_results = await KeyResult.filter(id__in=chunk)
        for kr in key_results:
            kr.current = updates[kr.id].current
            kr.confidence = updates[kr.id].confidence
            kr.version += 1
        await KeyResult.bulk_update(key_results, fields=['current', 'confidence', 'version'], batch_size=BATCH)


def _chunks(values: list) -> list[list]:
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


async def write(plan: Plan, progress: Callable[[str, int, int], Any] | None = None) -> None:
    steps = (_teams, _people, _cycles, _objectives, _key_results, _checkins, _alignments, _updates)
    for done, step in enumerate(steps):
        if progress is not None:
            progress('writing', done, len(steps))
        await step(plan)


async def touched_cycles(plan: Plan) -> set[int]:
    """Cycles whose objectives, key results or check-ins changed, for the live pages to refresh."""
    cycles = {ident(objective.cycle) for objective in plan.objectives}
    kr_ids = [ident(checkin.key_result) for checkin in plan.checkins]
    objective_ids = [ident(kr.objective) for kr in plan.key_results]
    for chunk in _chunks(list(set(kr_ids))):
        cycles.update(await KeyResult.filter(id__in=chunk).values_list('objective__cycle_id', flat=True))
    for chunk in _chunks(list(set(objective_ids))):
        cycles.update(await Objective.filter(id__in=chunk).values_list('cycle_id', flat=True))
    return {cycle for cycle in cycles if cycle is not None}
