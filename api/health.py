"""GET /healthz: 200 once the database and scheduler are up, 503 otherwise."""
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from services import system

router = APIRouter()


@router.get('/healthz', include_in_schema=False)
async def healthz() -> JSONResponse:
    report = await system.health()
    return JSONResponse(report, status_code=200 if report['status'] == 'ok' else 503)
