"""Warnings: key results that slip, objectives without key results, teams without objectives."""
from datetime import timedelta

from services import clock, key_results
from services.access import Access
from services.dashboards import scope
from services.dashboards.adoption import not_started
from services.dashboards.data import RECENT, STALL_DAYS, CycleData, KeyResultRow, can_view
from services.dashboards.views import Link, Scope, Warning

BEHIND_PACE = 0.2  # expected minus actual progress, as a share (20 points)
CONFIDENCE_DROP = 3
ORDER = ('behind_pace', 'stalled', 'confidence_drop', 'no_checkin', 'no_key_results', 'no_objectives')


def warnings(data: CycleData, access: Access, where: Scope) -> tuple[Warning, ...]:
    """Every warning in the scope that this viewer may see, worst kind first."""
    found: list[Warning] = []
    visible = [kr for kr in data.krs if can_view(access, kr.objective) and scope.covers_key_result(data, where, kr)]
    by_kr = _recent_confidences(data)
    if not data.finished and not not_started(data):  # no pace to keep and no check-ins to owe
        for kr in visible:
            found += _key_result_warnings(data, kr, by_kr.get(kr.id, []))
    with_krs = {kr.objective_id for kr in data.krs}
    for objective in data.objectives:
        if (objective.id not in with_krs and can_view(access, objective)
                and scope.covers_objective(data, where, objective)):
            found.append(Warning('no_key_results', Link('objective', objective.id, objective.title)))
    if not data.finished and where.level != 'person':
        found += _teams_without_objectives(data, where)
    return tuple(sorted(found, key=lambda warning: ORDER.index(warning.reason)))


def _recent_confidences(data: CycleData) -> dict[int, list[int]]:
    confidences: dict[int, list[int]] = {}
    for kr_id, confidence, _ in data.recent:
        if confidence is not None:
            confidences.setdefault(kr_id, []).append(confidence)
    return confidences


def _key_result_warnings(data: CycleData, kr: KeyResultRow, confidences: list[int]) -> list[Warning]:
    link = Link('key_result', kr.id, kr.title, kr.objective_id)
    progress, expected, _ = data.live[kr.id]
    found = []
    if progress < 1 and expected - progress > BEHIND_PACE:
        found.append(Warning('behind_pace', link, round((expected - progress) * 100)))
    then = data.numbers(data.cycle.id, 'key_result', kr.id, data.today - timedelta(days=STALL_DAYS))
    if then is not None and progress < 1 and progress <= then.progress:  # DESIGN: no increase over two periods
        found.append(Warning('stalled', link))
    drop = _confidence_drop(data, kr, confidences)
    if drop >= CONFIDENCE_DROP:
        found.append(Warning('confidence_drop', link, drop))
    since = data.last_checkin.get(kr.id) or key_results.tracking_start(kr, data.cycle.start, ())
    silent = clock.now() - since
    if silent > RECENT and data.today <= data.cycle.end and progress < 1:  # a finished one needs no check-in
        found.append(Warning('no_checkin', link, silent.days))
    return found


def _confidence_drop(data: CycleData, kr: KeyResultRow, confidences: list[int]) -> int:
    """Confidence lost at the latest check-in this week, against the check-in before it."""
    if not confidences:
        return 0
    if len(confidences) >= 2:
        before = confidences[-2]
    else:
        week_ago = data.numbers(data.cycle.id, 'key_result', kr.id, data.today - timedelta(days=7))
        before = week_ago.confidence if week_ago else None
    return 0 if before is None else before - confidences[-1]


def _teams_without_objectives(data: CycleData, where: Scope) -> list[Warning]:
    owning = {objective.team_id for objective in data.objectives if objective.team_id}
    teams = scope.subtree(data, where.id) if where.level == 'team' else set(data.teams)
    return [Warning('no_objectives', Link('team', team.id, team.name))
            for team in sorted(data.teams.values(), key=lambda team: team.name.lower())
            if team.id in teams and team.kind == 'team' and team.id not in owning]
