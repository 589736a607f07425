"""Adoption: who keeps their key results up to date, and how closed cycles scored."""
from services import metrics
from services.access import Access
from services.dashboards import scope
from services.dashboards.data import CycleData, can_view, live_numbers
from services.dashboards.views import Adoption, Link, Scope, TeamAdoption


def adoption(data: CycleData, access: Access, where: Scope) -> Adoption:
    """Company-visible key results updated this week per team, people without a check-in, closed cycles' scores."""
    if data.finished:
        return Adoption((), (), _scores(data, access, where), finished=True)
    if not_started(data):
        return Adoption((), (), _scores(data, access, where), not_started=True)
    public = [kr for kr in data.krs  # finished key results need no more check-ins
              if kr.objective.visibility != 'private' and scope.covers_key_result(data, where, kr)
              and data.live[kr.id][2] != 'done']
    updated = data.updated
    counted: dict[int, list[int]] = {}  # team -> [key results, updated]
    for kr in public:
        for team_id in data.units_of(kr.objective):
            counts = counted.setdefault(team_id, [0, 0])
            counts[0] += 1
            counts[1] += kr.id in updated
    if where.level == 'person':  # one bar, named after the person whose share it is
        name = data.people[where.id][0] if where.id in data.people else ''
        teams = [TeamAdoption(Link('person', where.id, name), len(public), sum(kr.id in updated for kr in public))
                 ] if public else []
    else:
        teams = [TeamAdoption(team, *counted[team.id]) for team in _teams(data, where) if team.id in counted]
    authors = {author for *_, author in data.recent if author is not None}
    owners = {data.owner_of(kr) for kr in public} - {None}
    checked = authors | {data.owner_of(kr) for kr in public if kr.id in updated}
    silent = sorted((Link('person', person, data.people[person][0]) for person in owners - checked
                     if person in data.people), key=lambda link: (link.title.lower(), link.id))
    return Adoption(tuple(teams), tuple(silent), _scores(data, access, where))


def not_started(data: CycleData) -> bool:
    """The cycle starts after today: nobody owes a check-in or keeps a pace yet."""
    return data.today < data.cycle.start


def _teams(data: CycleData, where: Scope) -> list[Link]:
    within = scope.subtree(data, where.id) if where.level == 'team' else set(data.teams)
    leaves = [team for team in data.teams.values() if team.id in within and team.kind == 'team']
    return sorted((Link('team', team.id, team.name) for team in leaves or
                   [data.teams[team_id] for team_id in within if team_id in data.teams]),
                  key=lambda link: (link.title.lower(), link.id))


def _scores(data: CycleData, access: Access, where: Scope) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """Every key result type counts: a key result without a score counts with its progress."""
    result = []
    for cycle, krs, steps in data.closed:
        counts = [0, 0, 0]
        for kr in krs:
            if not can_view(access, kr.objective) or not scope.covers_key_result(data, where, kr):
                continue
            progress = live_numbers(kr, cycle, steps.get(kr.id, []), data.today)[0]
            counts[metrics.score_band(metrics.score(kr.score, progress))] += 1
        result.append((cycle.name, (counts[0], counts[1], counts[2])))
    return tuple(result)
