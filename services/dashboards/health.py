"""Health 0-100 of a unit or a person, from completion, timeliness and contribution (DESIGN.md, Definitions)."""
import heapq
from dataclasses import replace

from services import metrics
from services.dashboards import scope
from services.dashboards.data import CycleData, KeyResultRow, ObjectiveRow
from services.dashboards.views import Health, HealthPart, Link

COMPLETION_WEIGHT = 0.5  # progress against expected progress, capped at 1
TIMELINESS_WEIGHT = 0.3  # share of the weekly check-ins due so far that were made in their week
CONTRIBUTION_WEIGHT = 0.2  # half: key results checked in this week; half: objectives aligned to a parent
CHECKED_IN_SHARE = 0.5
SHOWN = 3  # what lowers a part: the few worst items


def health_score(completion: float, timeliness: float, contribution: float) -> int:
    """The one formula: a weighted sum of the three parts (each 0..1), as 0-100."""
    total = COMPLETION_WEIGHT * completion + TIMELINESS_WEIGHT * timeliness + CONTRIBUTION_WEIGHT * contribution
    return round(100 * total)


def completion(progress: float, expected: float) -> float:
    return 1.0 if expected <= 0 else min(1.0, progress / expected)


def timeliness(periods_checked: int, periods_due: int) -> float:
    return 1.0 if periods_due <= 0 else min(1.0, periods_checked / periods_due)


def contribution(checked_in: int, key_results: int, aligned: int, alignable: int) -> float:
    checked = checked_in / key_results if key_results else 1.0
    alignment = aligned / alignable if alignable else 1.0
    return CHECKED_IN_SHARE * checked + (1 - CHECKED_IN_SHARE) * alignment


def health(data: CycleData, subject: Link) -> Health | None:
    """The subject's health from its company-visible key results; None when it has none this cycle."""
    krs = [kr for kr in data.krs if kr.objective.visibility != 'private' and scope.in_subject(data, subject, kr)]
    if not krs:
        return None
    objectives = _objectives(krs)
    progress, expected = _progress(data, subject, krs, objectives)
    owing = [kr for kr in krs if data.live[kr.id][2] != 'done']  # finished key results owe no check-ins
    due = checked = 0
    late: list[tuple[int, KeyResultRow]] = []
    for kr in owing:
        numbers = data.key_results_latest.get(kr.id)
        if numbers:
            due, checked = due + numbers.periods_due, checked + numbers.periods_checked
            if numbers.periods_checked < numbers.periods_due:
                late.append((numbers.periods_due - numbers.periods_checked, kr))
    silent = [kr for kr in owing if kr.id not in data.updated]
    alignable = [objective for objective in objectives if objective.level != 'company']
    unaligned = [objective for objective in alignable if objective.id not in data.aligned]
    behind = heapq.nlargest(SHOWN, ((data.live[kr.id][1] - data.live[kr.id][0], kr) for kr in owing),
                            key=lambda item: item[0])
    parts = (
        HealthPart('completion', completion(progress, expected), COMPLETION_WEIGHT,
                   tuple(_link(kr) for gap, kr in behind if gap > 0)),
        HealthPart('timeliness', timeliness(checked, due), TIMELINESS_WEIGHT,
                   tuple(_link(kr) for _, kr in heapq.nlargest(SHOWN, late, key=lambda item: item[0]))),
        HealthPart('contribution', contribution(len(owing) - len(silent), len(owing), len(alignable) - len(unaligned),
                                                len(alignable)), CONTRIBUTION_WEIGHT,
                   tuple([_link(kr) for kr in silent[:SHOWN]]
                         + [Link('objective', objective.id, objective.title) for objective in unaligned[:SHOWN]])),
    )
    parts = tuple(part if part.value < 1 else replace(part, lowered_by=()) for part in parts)  # nothing to fix
    return Health(subject, health_score(*(part.value for part in parts)), parts)


def progress_of(data: CycleData, subject: Link) -> tuple[float, float]:
    """The subject's (progress, expected) now, as its health's completion reads them."""
    krs = [kr for kr in data.krs if kr.objective.visibility != 'private' and scope.in_subject(data, subject, kr)]
    return _progress(data, subject, krs, _objectives(krs)) if krs else (0.0, 0.0)


def _objectives(krs: list[KeyResultRow]) -> list[ObjectiveRow]:
    return list({kr.objective.id: kr.objective for kr in krs}.values())


def _progress(data: CycleData, subject: Link, krs: list[KeyResultRow],
              objectives: list[ObjectiveRow]) -> tuple[float, float]:
    """A person's progress is the average of their key results'; a unit's, the average of its objectives'."""
    if subject.kind == 'person':
        return (metrics.average(data.live[kr.id][0] for kr in krs),
                metrics.average(data.live[kr.id][1] for kr in krs))
    by_objective: dict[int, list[KeyResultRow]] = {}
    for kr in krs:
        by_objective.setdefault(kr.objective.id, []).append(kr)
    progress, expected = [], []
    for objective in objectives:
        own = by_objective[objective.id]
        progress.append(metrics.weighted_progress([(data.live[kr.id][0], kr.weight) for kr in own]))
        expected.append(metrics.weighted_progress([(data.live[kr.id][1], kr.weight) for kr in own]))
    return metrics.average(progress), metrics.average(expected)


def _link(kr: KeyResultRow) -> Link:
    return Link('key_result', kr.id, kr.title, kr.objective_id)
