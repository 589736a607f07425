"""Which teams, people, objectives and key results a dashboard's scope covers."""
from services.dashboards.data import CycleData, KeyResultRow, ObjectiveRow
from services.dashboards.views import Link, Scope
from services.errors import NotFound


def resolve(data: CycleData, team_id: int | None, person_id: int | None) -> Scope:
    cycle = data.cycle
    if person_id is not None:
        if person_id not in data.people:
            raise NotFound('This person does not exist.')
        name, team_id = data.people[person_id]
        return Scope(cycle.id, cycle.name, 'person', person_id, name, team_id)
    if team_id is not None and team_id != data.root_id:
        if team_id not in data.teams:
            raise NotFound('This team does not exist.')
        team = data.teams[team_id]
        return Scope(cycle.id, cycle.name, 'team', team_id, team.name, team.parent_id)
    root = data.teams.get(data.root_id) if data.root_id else None
    return Scope(cycle.id, cycle.name, 'company', data.root_id, root.name if root else '')


def child_teams(data: CycleData, team_id: int | None) -> list[Link]:
    return sorted((Link('team', team.id, team.name) for team in data.teams.values() if team.parent_id == team_id),
                  key=lambda link: (link.title.lower(), link.id))


def members(data: CycleData, team_ids: set[int]) -> list[Link]:
    return sorted((Link('person', person_id, name) for person_id, (name, team) in data.people.items()
                   if team in team_ids), key=lambda link: (link.title.lower(), link.id))


def subtree(data: CycleData, team_id: int | None) -> set[int]:
    return {team.id for team in data.teams.values() if team_id in data.lineage(team.id)}


def parts(data: CycleData, scope: Scope) -> list[Link]:
    """The next level down: units below a unit (else its people); the company's units; a person's self."""
    if scope.level == 'person':
        return [Link('person', scope.id or 0, scope.name)]
    below = child_teams(data, scope.id)
    return below or members(data, subtree(data, scope.id))


def covers_objective(data: CycleData, scope: Scope, objective: ObjectiveRow) -> bool:
    if scope.level == 'company':
        return True
    if scope.level == 'person':
        return objective.owner_id == scope.id
    return scope.id in data.units_of(objective)


def covers_key_result(data: CycleData, scope: Scope, kr: KeyResultRow) -> bool:
    if scope.level == 'person':
        return data.owner_of(kr) == scope.id
    return covers_objective(data, scope, kr.objective)


def in_subject(data: CycleData, subject: Link, kr: KeyResultRow) -> bool:
    """A key result counts for a team through its objective's unit, for a person through its owner."""
    if subject.kind == 'person':
        return data.owner_of(kr) == subject.id
    return subject.id in data.units_of(kr.objective)
