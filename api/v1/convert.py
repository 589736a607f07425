"""Service read models to API shapes."""
from api.v1 import schemas
from services.api_reads import KeyResultItem, ObjectiveItem
from services.key_results import CheckInRow
from services.objective_views import ObjectiveDetail


def key_result(item: KeyResultItem) -> schemas.KeyResult:
    card = item.card
    return schemas.KeyResult(
        id=card.id, objective_id=card.objective_id, cycle_id=item.cycle_id, title=card.title, kind=card.kind,
        unit=card.unit, start=card.start, target=card.target, current=card.current, direction=card.direction,
        progress=card.progress, expected=card.expected, status=card.status, confidence=card.confidence,
        due=card.due, version=card.version, owner_id=item.owner_id, steps=list(card.steps),
        can_checkin=card.can_checkin, locked=card.locked)


def objective_summary(item: ObjectiveItem) -> schemas.ObjectiveSummary:
    row = item.row
    return schemas.ObjectiveSummary(
        id=row.id, title=row.title, level=row.level, cycle_id=row.cycle_id, team_id=item.team_id,
        owner_id=item.owner_id, kind=row.kind, priority=row.priority, tags=list(row.tags),
        visibility=row.visibility, progress=row.progress, status=row.status, key_result_count=row.key_results)


def objective_detail(detail: ObjectiveDetail) -> schemas.ObjectiveDetail:
    return schemas.ObjectiveDetail(
        id=detail.id, title=detail.title, description=detail.description, level=detail.level,
        cycle_id=detail.cycle_id, team_id=detail.team_id, owner_id=detail.owner_id, kind=detail.kind,
        priority=detail.priority, tags=list(detail.tags), due=detail.due, visibility=detail.visibility,
        progress=detail.progress, status=detail.status, can_edit=detail.can_edit, locked=detail.locked,
        key_results=[key_result(KeyResultItem(kr.card, kr.owner_id, detail.cycle_id)) for kr in detail.key_results])


def checkin(row: CheckInRow, key_result_id: int) -> schemas.CheckIn:
    return schemas.CheckIn(id=row.id, key_result_id=key_result_id, at=row.at, value=row.value,
                           confidence=row.confidence, note=row.note, next_step=row.next_step,
                           author_name=row.author_name, source=row.source)
