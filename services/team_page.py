"""The team page read model: leads, members, sub-teams and the team's objectives with rolled-up progress."""
from dataclasses import dataclass

from tortoise.expressions import Q

from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.org import Team, User
from services import key_results, metrics
from services.access import load_access, require_active
from services.errors import NotFound
from services.teams import PersonRef, member_counts


@dataclass(frozen=True)
class TeamRef:
    id: int
    name: str
    kind: str
    member_count: int


@dataclass(frozen=True)
class ObjectiveProgress:
    id: int
    title: str
    owner_name: str
    progress: float
    status: str
    key_result_count: int


@dataclass(frozen=True)
class TeamPage:
    id: int
    name: str
    kind: str
    archived: bool
    path: tuple[TeamRef, ...]  # the teams above it, company first
    leads: tuple[PersonRef, ...]
    members: tuple[PersonRef, ...]
    sub_teams: tuple[TeamRef, ...]
    cycle_id: int | None
    objectives: tuple[ObjectiveProgress, ...]
    progress: float  # the average of its objectives' progress


async def team_page(actor: User, team_id: int, cycle_id: int | None) -> TeamPage:
    """Everything the team page shows, for one cycle (objectives are empty without one)."""
    access = await load_access(require_active(actor))
    team = await Team.get_or_none(id=team_id).prefetch_related('leads')
    if team is None:
        raise NotFound('This team does not exist.')
    counts = await member_counts()
    path = await _path_above(team, counts)
    members = await User.filter(team_id=team.id, active=True).order_by('name').values_list('id', 'name')
    sub_teams = await Team.filter(parent_id=team.id, archived=False).order_by('name')
    cycle = await Cycle.get_or_none(id=cycle_id) if cycle_id is not None else None
    objectives = [objective for objective in await _objectives_of(team, cycle) if access.can_view(objective)]
    progress = await _objective_progress(objectives, cycle) if cycle else []
    return TeamPage(
        id=team.id, name=team.name, kind=team.kind, archived=team.archived, path=path,
        leads=tuple(PersonRef(lead.id, lead.name) for lead in sorted(team.leads, key=lambda lead: lead.name)),
        members=tuple(PersonRef(*row) for row in members),
        sub_teams=tuple(TeamRef(sub.id, sub.name, sub.kind, counts.get(sub.id, 0)) for sub in sub_teams),
        cycle_id=cycle.id if cycle else None, objectives=tuple(progress),
        progress=metrics.average(item.progress for item in progress))


async def _path_above(team: Team, counts: dict[int, int]) -> tuple[TeamRef, ...]:
    by_id = {row.id: row for row in await Team.all()}
    path: list[TeamRef] = []
    current = by_id.get(team.parent_id) if team.parent_id is not None else None
    while current is not None and all(ref.id != current.id for ref in path):
        path.insert(0, TeamRef(current.id, current.name, current.kind, counts.get(current.id, 0)))
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return tuple(path)


async def _objectives_of(team: Team, cycle: Cycle | None) -> list[Objective]:
    """The team's own objectives; the company's page also shows the company-level ones."""
    if cycle is None:
        return []
    owned = Q(team_id=team.id, level__in=('team', 'company'))
    if team.parent_id is None:
        owned |= Q(level='company')
    return await (Objective.filter(owned, cycle_id=cycle.id, deleted_at=None)
                  .select_related('owner').order_by('id'))


async def _objective_progress(objectives: list[Objective], cycle: Cycle) -> list[ObjectiveProgress]:
    krs = await KeyResult.filter(objective_id__in=[o.id for o in objectives], deleted_at=None).order_by('position')
    steps = await key_results.steps_by_key_result([kr.id for kr in krs])
    by_objective: dict[int, list[tuple[float, float, str]]] = {}
    for kr in krs:
        progress, _, status = key_results.numbers(kr, cycle, steps[kr.id])
        by_objective.setdefault(kr.objective_id, []).append((progress, kr.weight, status))
    result = []
    for objective in objectives:
        parts = by_objective.get(objective.id, [])
        result.append(ObjectiveProgress(
            id=objective.id, title=objective.title, owner_name=objective.owner.name if objective.owner else '',
            progress=metrics.weighted_progress([(p, weight) for p, weight, _ in parts]),
            status=metrics.worst_status(status for _, _, status in parts), key_result_count=len(parts)))
    return result
