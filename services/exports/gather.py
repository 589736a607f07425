"""One read of a cycle for an export: its objectives, key results, check-ins and org, as the actor may see them."""
from dataclasses import dataclass, replace
from datetime import date, datetime

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Objective
from models.org import Team, User
from services import key_results, metrics, retrospective
from services.access import Access, load_access, require_active
from services.errors import NotFound
from services.retrospective_types import Retrospective

SCORE_BUCKETS = metrics.SCORE_BANDS


@dataclass(frozen=True)
class CheckInLine:
    at: datetime
    value: float
    confidence: int | None
    note: str
    next_step: str
    author_email: str


@dataclass(frozen=True)
class KeyResultLine:
    ref: str
    title: str
    owner_name: str
    owner_email: str
    kind: str
    start: float
    target: float | None
    current: float
    unit: str
    direction: str
    weight: float
    due: date | None
    confidence: int | None
    recorded_score: float | None  # the reviewed score, None while it defaults to progress
    steps: tuple[str, ...]
    progress: float
    status: str
    score: float
    checkins: tuple[CheckInLine, ...]


@dataclass(frozen=True)
class ObjectiveLine:
    ref: str
    title: str
    description: str
    level: str
    team_name: str
    owner_name: str
    owner_email: str
    priority: str
    kind: str
    status: str
    aligns_to: tuple[str, ...]  # refs of exported parent objectives and key results
    visibility: str
    progress: float
    health_status: str  # the worst status of its key results
    score: float
    key_results: tuple[KeyResultLine, ...]


@dataclass(frozen=True)
class TeamLine:
    name: str
    parent: str
    kind: str


@dataclass(frozen=True)
class PersonLine:
    email: str
    name: str
    team: str
    manager_email: str
    role: str


@dataclass(frozen=True)
class CycleLine:
    name: str
    start: date
    end: date
    cadence: str
    state: str = 'active'

    @property
    def scored(self) -> bool:
        """Scores exist only once a cycle is in review or closed; before, a document shows progress only."""
        return self.state in ('review', 'closed')


@dataclass(frozen=True)
class CycleExport:
    cycle: CycleLine
    team_id: int | None  # None: the whole company
    team_name: str
    teams: tuple[TeamLine, ...]  # parents before children
    people: tuple[PersonLine, ...]
    objectives: tuple[ObjectiveLine, ...]
    progress: float  # the average of the objectives' progress
    score_buckets: tuple[tuple[str, int], ...]
    retrospective: Retrospective | None = None

    def with_retrospective(self, retrospective: Retrospective | None) -> 'CycleExport':
        return replace(self, retrospective=retrospective)

    @property
    def key_result_count(self) -> int:
        return sum(len(objective.key_results) for objective in self.objectives)


async def retrospective_for(actor: User, cycle_id: int, team_id: int | None) -> Retrospective | None:
    """The retrospective the actor may read (published, or theirs to edit); None when there is none for them."""
    try:
        return await retrospective.retrospective(actor, cycle_id, team_id)
    except NotFound:
        return None


def objective_ref(objective: Objective) -> str:
    return objective.ref or f'O{objective.id}'


def key_result_ref(kr: KeyResult) -> str:
    return kr.ref or f'KR{kr.id}'


async def gather(actor: User, cycle_id: int, team_id: int | None = None) -> CycleExport:
    """A cycle's OKRs (of one team and the teams below it, when given); others' private objectives left out."""
    access = await load_access(require_active(actor))
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    teams = {team.id: team for team in await Team.all().order_by('id')}
    if team_id is not None and team_id not in teams:
        raise NotFound('This team does not exist.')
    people = {person.id: person for person in await User.all().order_by('id')}
    scope = _subtree(teams, team_id) if team_id is not None else set(teams)
    objectives = await _objectives(access, cycle, scope, people, whole_company=team_id is None)
    lines = await _objective_lines(cycle, objectives, people, teams)
    chosen_teams = [teams[i] for i in _tree_order(teams) if i in scope]
    progress = metrics.average(line.progress for line in lines)
    return CycleExport(
        cycle=CycleLine(cycle.name, cycle.start, cycle.end, cycle.cadence, cycle.state), team_id=team_id,
        team_name=teams[team_id].name if team_id is not None else '',
        teams=tuple(TeamLine(team.name, teams[team.parent_id].name if team.parent_id in scope else '', team.kind)
                    for team in chosen_teams),
        people=_people_lines(people, teams, scope, lines, whole_company=team_id is None),
        objectives=tuple(lines), progress=progress, score_buckets=_buckets(lines))


def _subtree(teams: dict[int, Team], root_id: int) -> set[int]:
    found, frontier = {root_id}, [root_id]
    while frontier:
        parent = frontier.pop()
        for team in teams.values():
            if team.parent_id == parent and team.id not in found:
                found.add(team.id)
                frontier.append(team.id)
    return found


def _tree_order(teams: dict[int, Team]) -> list[int]:
    """Team ids with every parent before its children (the import resolves parents by name)."""
    ordered: list[int] = []
    placed: set[int] = set()
    level = [team.id for team in teams.values() if team.parent_id not in teams]
    while level:
        ordered.extend(level)
        placed.update(level)
        level = [team.id for team in teams.values() if team.parent_id in placed and team.id not in placed]
    return ordered


async def _objectives(access: Access, cycle: Cycle, scope: set[int], people: dict[int, User], *,
                      whole_company: bool) -> list[Objective]:
    found = []
    for objective in await Objective.filter(cycle_id=cycle.id, deleted_at=None).order_by('id'):
        objective.cycle = cycle
        owner = people.get(objective.owner_id) if objective.owner_id is not None else None
        in_scope = whole_company or objective.team_id in scope or (owner is not None and owner.team_id in scope)
        if in_scope and access.can_view(objective):
            found.append(objective)
    return found


async def _objective_lines(cycle: Cycle, objectives: list[Objective], people: dict[int, User],
                          teams: dict[int, Team]) -> list[ObjectiveLine]:
    ids = [objective.id for objective in objectives]
    krs = await KeyResult.filter(objective_id__in=ids, deleted_at=None).order_by('objective_id', 'position', 'id')
    steps = await key_results.steps_by_key_result([kr.id for kr in krs])
    checkins: dict[int, list[CheckInLine]] = {kr.id: [] for kr in krs}
    for row in await CheckIn.filter(key_result_id__in=list(checkins)).order_by('at', 'id'):
        author = people.get(row.author_id) if row.author_id is not None else None
        checkins[row.key_result_id].append(CheckInLine(row.at, row.value, row.confidence, row.note, row.next_step,
                                                       _email(author)))
    by_objective: dict[int, list[KeyResultLine]] = {objective_id: [] for objective_id in ids}
    kr_refs = {kr.id: key_result_ref(kr) for kr in krs}
    for kr in krs:
        by_objective[kr.objective_id].append(_kr_line(kr, cycle, steps[kr.id], people, checkins[kr.id]))
    parents = await _alignments(ids, {objective.id: objective_ref(objective) for objective in objectives}, kr_refs)
    lines = []
    for objective in objectives:
        kr_lines = by_objective[objective.id]
        owner = people.get(objective.owner_id) if objective.owner_id is not None else None
        team = teams.get(objective.team_id) if objective.team_id is not None else None
        lines.append(ObjectiveLine(
            ref=objective_ref(objective), title=objective.title, description=objective.description,
            level=objective.level, team_name=team.name if team else '', owner_name=owner.name if owner else '',
            owner_email=_email(owner), priority=objective.priority, kind=objective.kind, status=objective.status,
            aligns_to=tuple(parents.get(objective.id, ())), visibility=objective.visibility,
            progress=metrics.weighted_progress([(kr.progress, kr.weight) for kr in kr_lines]),
            health_status=metrics.worst_status(line.status for line in kr_lines),
            score=metrics.score(None, metrics.weighted_progress([(kr.score, kr.weight) for kr in kr_lines])),
            key_results=tuple(kr_lines)))
    return lines


def _kr_line(kr: KeyResult, cycle: Cycle, steps: list, people: dict[int, User],
             checkins: list[CheckInLine]) -> KeyResultLine:
    progress, _, status = key_results.numbers(kr, cycle, steps)
    owner = people.get(kr.owner_id) if kr.owner_id is not None else None
    return KeyResultLine(
        ref=key_result_ref(kr), title=kr.title, owner_name=owner.name if owner else '', owner_email=_email(owner),
        kind=kr.kind, start=kr.start, target=kr.target, current=kr.current, unit=kr.unit, direction=kr.direction,
        weight=kr.weight, due=kr.due, confidence=kr.confidence, recorded_score=kr.score,
        steps=tuple(step.title for step in steps), progress=progress, status=status,
        score=metrics.score(kr.score, progress), checkins=tuple(checkins))


async def _alignments(ids: list[int], objective_refs: dict[int, str], kr_refs: dict[int, str]) -> dict[int, list[str]]:
    """Parents by ref; a parent outside the export is left out, or the file would not import on its own."""
    parents: dict[int, list[str]] = {}
    rows = await Alignment.filter(objective_id__in=ids).order_by('id').values_list(
        'objective_id', 'parent_objective_id', 'parent_key_result_id')
    for objective_id, parent_objective, parent_kr in rows:
        ref = objective_refs.get(parent_objective) if parent_objective else kr_refs.get(parent_kr)
        if ref is not None:
            parents.setdefault(objective_id, []).append(ref)
    return parents


def _people_lines(people: dict[int, User], teams: dict[int, Team], scope: set[int],
                  lines: list[ObjectiveLine], *, whole_company: bool) -> tuple[PersonLine, ...]:
    """Everyone (company) or the team's members, plus everyone an exported row names, plus their managers."""
    named = {line.owner_email for line in lines} | {kr.owner_email for line in lines for kr in line.key_results} \
        | {c.author_email for line in lines for kr in line.key_results for c in kr.checkins}
    chosen = [p for p in people.values() if whole_company or p.team_id in scope or (p.email and p.email in named)]
    wanted = {person.id for person in chosen}
    for person in list(chosen):
        manager_id = person.manager_id
        while manager_id is not None and manager_id in people and manager_id not in wanted:
            wanted.add(manager_id)
            manager_id = people[manager_id].manager_id
    result = []
    for person in sorted((people[i] for i in wanted), key=lambda p: p.id):
        manager = people.get(person.manager_id) if person.manager_id is not None else None
        result.append(PersonLine(_email(person), person.name,
                                 teams[person.team_id].name if person.team_id in scope else '',
                                 _email(manager), person.role))
    return tuple(result)


def _email(person: User | None) -> str:
    return person.email or '' if person is not None else ''


def _buckets(lines: list[ObjectiveLine]) -> tuple[tuple[str, int], ...]:
    counts = [0, 0, 0]
    for kr in (kr for line in lines for kr in line.key_results):
        counts[0 if kr.score <= metrics.LOW_SCORE else 2 if kr.score >= metrics.GOOD_SCORE else 1] += 1
    return tuple(zip(SCORE_BUCKETS, counts, strict=True))
