"""POST /internal/changes: the command line's changes, signed with the storage secret, onto the bus."""
import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from services import relay

router = APIRouter()
MAX_BODY = 1_000_000


@router.post(relay.PATH, include_in_schema=False)
async def receive_changes(request: Request) -> Response:
    body = await request.body()
    if len(body) > MAX_BODY:
        return JSONResponse({'detail': 'too many changes in one message'}, status_code=413)
    if not relay.is_signed(body, request.headers.get(relay.SIGNATURE_HEADER)):
        return JSONResponse({'detail': 'not signed with this server\'s secret'}, status_code=403)
    try:
        payload = json.loads(body)
    except ValueError:
        return JSONResponse({'detail': 'the body is not JSON'}, status_code=400)
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        return JSONResponse({'detail': 'expected a list of changes'}, status_code=400)
    relay.publish(payload)
    return Response(status_code=204)
