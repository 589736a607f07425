"""POST and PATCH under /api/v1: check-ins (how other systems push a value), objectives and key results."""
from typing import Annotated

from fastapi import APIRouter, Path

from api.v1 import convert, schemas
from api.v1.auth import Writer
from api.v1.errors import RESPONSES, ApiRoute
from services import api_reads, checkins, key_result_edits, objective_views, objectives
from services.key_results import CheckInRow

router = APIRouter(route_class=ApiRoute, responses=RESPONSES)

IdPath = Annotated[int, Path(ge=1, le=schemas.MAX_ID)]


@router.post('/key-results/{key_result_id}/check-ins', status_code=201, tags=['check-ins'])
async def create_checkin(actor: Writer, key_result_id: IdPath, body: schemas.CheckInCreate) -> schemas.CheckIn:
    """Record a value (and confidence, note) on a key result, as a check-in with source "api"."""
    checkin = await checkins.record_checkin(actor, key_result_id=key_result_id, value=body.value,
                                            confidence=body.confidence, note=body.note, next_step=body.next_step,
                                            expected_version=body.expected_version, source='api')
    row = CheckInRow(checkin.id, checkin.at, checkin.value, checkin.confidence, checkin.note, checkin.next_step,
                     actor.name, checkin.source)
    return convert.checkin(row, key_result_id)


@router.post('/objectives', status_code=201, tags=['objectives'])
async def create_objective(actor: Writer, body: schemas.ObjectiveCreate) -> schemas.ObjectiveDetail:
    objective = await objectives.create_objective(actor, **body.model_dump())
    return convert.objective_detail(await objective_views.objective_detail(actor, objective.id))


@router.patch('/objectives/{objective_id}', tags=['objectives'])
async def change_objective(actor: Writer, objective_id: IdPath,
                           body: schemas.ObjectiveChange) -> schemas.ObjectiveDetail:
    """Change the fields sent; the others stay as they are."""
    await objectives.update_objective(actor, objective_id, **body.model_dump(exclude_unset=True))
    return convert.objective_detail(await objective_views.objective_detail(actor, objective_id))


@router.post('/objectives/{objective_id}/key-results', status_code=201, tags=['key results'])
async def create_key_result(actor: Writer, objective_id: IdPath, body: schemas.KeyResultCreate) -> schemas.KeyResult:
    kr = await key_result_edits.add_key_result(actor, objective_id, **body.model_dump())
    return convert.key_result(await api_reads.key_result(actor, kr.id))


@router.patch('/key-results/{key_result_id}', tags=['key results'])
async def change_key_result(actor: Writer, key_result_id: IdPath, body: schemas.KeyResultChange) -> schemas.KeyResult:
    """Change the fields sent; the value itself moves only through check-ins."""
    await key_result_edits.update_key_result(actor, key_result_id, **body.model_dump(exclude_unset=True))
    return convert.key_result(await api_reads.key_result(actor, key_result_id))
