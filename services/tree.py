"""The alignment tree of a cycle: company → departments and teams → people, each with rolled-up progress.

Everything is loaded in a fixed number of queries, whatever the size of the company, and assembled here.
"""
from dataclasses import dataclass, field

from models.cycle import Cycle
from models.okr import Objective
from models.org import Team, User
from services import metrics
from services.access import load_access, require_active
from services.errors import NotFound
from services.key_results import objective_numbers


@dataclass(frozen=True)
class TreeObjective:
    id: int
    title: str
    level: str
    owner_name: str
    progress: float
    status: str
    key_results: int


@dataclass(frozen=True)
class TreeNode:
    """A team (kind company, department or team) or a person; progress and status cover the whole subtree."""
    kind: str
    id: int
    name: str
    progress: float
    status: str | None  # None: no objective below this node
    objective_count: int
    objectives: tuple[TreeObjective, ...]
    children: tuple['TreeNode', ...]


@dataclass(frozen=True)
class AlignmentTree:
    cycle_id: int
    cycle_name: str
    roots: tuple[TreeNode, ...]


@dataclass
class _Draft:
    kind: str
    id: int
    name: str
    objectives: list[TreeObjective] = field(default_factory=list)
    children: list['_Draft'] = field(default_factory=list)


async def alignment_tree(actor: User, cycle_id: int) -> AlignmentTree:
    """The tree of a cycle as the actor may see it: private objectives they may not view are left out, roll-ups too."""
    access = await load_access(require_active(actor))
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    teams = await Team.all().order_by('name', 'id')
    people = await User.all().order_by('name', 'id').values_list('id', 'name', 'team_id')
    objectives = [o for o in await Objective.filter(cycle_id=cycle.id, deleted_at=None).order_by('id')
                  if access.can_view(o)]
    for objective in objectives:
        objective.cycle = cycle  # every objective here belongs to this cycle: spare the join
    numbers = await objective_numbers(objectives)
    names = {person_id: name for person_id, name, _ in people}

    team_nodes = {team.id: _Draft(team.kind, team.id, team.name) for team in teams}
    roots = [team_nodes[team.id] for team in teams if team.parent_id is None or team.parent_id not in team_nodes]
    if not roots:
        roots = [_Draft('company', 0, '')]
    company = next((root for root in roots if root.kind == 'company'), roots[0])
    for team in teams:
        if team_nodes[team.id] not in roots:
            team_nodes[team.parent_id].children.append(team_nodes[team.id])
    team_of = {person_id: team_id for person_id, _, team_id in people}
    person_nodes: dict[int, _Draft] = {}

    def place(objective: Objective) -> _Draft:
        if objective.level == 'person' and objective.owner_id in names:
            if objective.owner_id not in person_nodes:
                person_nodes[objective.owner_id] = _Draft('person', objective.owner_id, names[objective.owner_id])
                home = team_nodes.get(team_of.get(objective.owner_id), company)
                home.children.append(person_nodes[objective.owner_id])
            return person_nodes[objective.owner_id]
        if objective.level != 'company' and objective.team_id in team_nodes:
            return team_nodes[objective.team_id]
        return company

    for objective in objectives:
        found = numbers[objective.id]
        place(objective).objectives.append(TreeObjective(
            objective.id, objective.title, objective.level, names.get(objective.owner_id, ''), found.progress,
            found.status, found.key_results))
    archived = {team.id for team in teams if team.archived}
    built = [_finish(root, archived) for root in roots]
    return AlignmentTree(cycle.id, cycle.name, tuple(node for node in built if node is not None))


def _finish(draft: _Draft, archived: set[int]) -> TreeNode | None:
    """Freeze a node with its subtree's roll-up; archived teams with nothing in them disappear."""
    children = [child for child in (_finish(child, archived) for child in _ordered(draft.children))
                if child is not None]
    progresses = [o.progress for o in draft.objectives]
    statuses = [o.status for o in draft.objectives]
    count = len(draft.objectives)
    for child in children:
        if child.objective_count:
            progresses.extend([child.progress] * child.objective_count)  # weigh each objective below once
            statuses.append(child.status or 'on_track')
            count += child.objective_count
    if draft.kind != 'person' and draft.id in archived and not count:
        return None
    return TreeNode(draft.kind, draft.id, draft.name, metrics.average(progresses),
                    metrics.worst_status(statuses) if count else None, count, tuple(draft.objectives),
                    tuple(children))


def _ordered(children: list[_Draft]) -> list[_Draft]:
    """Teams first, then people, each by name."""
    return sorted(children, key=lambda node: (node.kind == 'person', node.name.lower()))
