"""GET /api/v1/...: cycles, teams, people, objectives, key results, alignments and check-ins, as the UI shows them."""
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.v1 import convert, schemas
from api.v1.auth import Reader
from api.v1.errors import RESPONSES, ApiRoute
from services import api_reads, cycles, key_results, objective_views, people, teams
from services.access import load_access

router = APIRouter(route_class=ApiRoute, responses=RESPONSES)

IdPath = Annotated[int, Path(ge=1, le=schemas.MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=schemas.MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=200, description='How many items at most')]
Offset = Annotated[int, Query(ge=0, le=schemas.MAX_ID, description='How many items to skip')]
CycleQuery = Annotated[int | None, Query(ge=1, le=schemas.MAX_ID, description='Default: your current cycle')]


@router.get('/cycles', tags=['org'])
async def list_cycles(actor: Reader) -> list[schemas.Cycle]:
    return [schemas.Cycle(**vars(cycle)) for cycle in await cycles.list_cycles()]


@router.get('/teams', tags=['org'])
async def list_teams(actor: Reader) -> list[schemas.Team]:
    found: list[schemas.Team] = []
    todo = list(await teams.org_tree(actor))
    while todo:
        node = todo.pop(0)
        found.append(schemas.Team(id=node.id, name=node.name, kind=node.kind, parent_id=node.parent_id,
                                  member_count=node.member_count, lead_ids=[lead.id for lead in node.leads]))
        todo.extend(node.children)
    return found


@router.get('/people', tags=['org'])
async def list_people(actor: Reader) -> list[schemas.Person]:
    if not (await load_access(actor)).is_admin:
        return [schemas.Person(id=person.id, name=person.name) for person in await people.person_choices(actor)]
    return [schemas.Person(id=row.id, name=row.name, email=row.email, role=row.role, team_id=row.team_id,
                           manager_id=row.manager_id, active=row.active) for row in await people.list_people(actor)]


@router.get('/objectives', tags=['objectives'])
async def list_objectives(actor: Reader, cycle_id: CycleQuery = None, team_id: IdQuery = None,
                          owner_id: IdQuery = None, limit: Limit = 50, offset: Offset = 0) -> schemas.ObjectivePage:
    total, items = await api_reads.objective_page(actor, cycle_id=cycle_id, team_id=team_id, owner_id=owner_id,
                                                  level=None, limit=limit, offset=offset)
    return schemas.ObjectivePage(total=total, limit=limit, offset=offset,
                                 items=[convert.objective_summary(item) for item in items])


@router.get('/objectives/{objective_id}', tags=['objectives'])
async def get_objective(actor: Reader, objective_id: IdPath) -> schemas.ObjectiveDetail:
    return convert.objective_detail(await objective_views.objective_detail(actor, objective_id))


@router.get('/key-results', tags=['key results'])
async def list_key_results(actor: Reader, cycle_id: CycleQuery = None, objective_id: IdQuery = None,
                           team_id: IdQuery = None, owner_id: IdQuery = None, limit: Limit = 50,
                           offset: Offset = 0) -> schemas.KeyResultPage:
    items = await api_reads.list_key_results(actor, cycle_id=cycle_id, objective_id=objective_id,
                                             owner_id=owner_id, team_id=team_id)
    return schemas.KeyResultPage(total=len(items), limit=limit, offset=offset,
                                 items=[convert.key_result(item) for item in items[offset:offset + limit]])


@router.get('/key-results/{key_result_id}', tags=['key results'])
async def get_key_result(actor: Reader, key_result_id: IdPath) -> schemas.KeyResult:
    return convert.key_result(await api_reads.key_result(actor, key_result_id))


@router.get('/key-results/{key_result_id}/check-ins', tags=['check-ins'])
async def list_checkins(actor: Reader, key_result_id: IdPath) -> list[schemas.CheckIn]:
    """Every check-in of a key result, newest first."""
    return [convert.checkin(row, key_result_id) for row in await key_results.history(actor, key_result_id)]


@router.get('/alignments', tags=['objectives'])
async def list_alignments(actor: Reader, cycle_id: CycleQuery = None) -> list[schemas.Alignment]:
    return [schemas.Alignment(**vars(item)) for item in await api_reads.list_alignments(actor, cycle_id=cycle_id)]
