"""GET /calendar/<token>.ics: a person's private feed. The token is the credential, so no session is needed."""
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response

from services import calendar_feeds

router = APIRouter()


@router.api_route('/calendar/{token}.ics', methods=['GET', 'HEAD'], include_in_schema=False)
async def calendar_feed(token: str) -> Response:
    body = await calendar_feeds.feed_ics(token)
    if body is None:  # unknown, revoked and deactivated look the same, so a guess learns nothing
        return PlainTextResponse('Not found', status_code=404, headers={'Cache-Control': 'no-store'})
    return Response(body, media_type='text/calendar; charset=utf-8',
                    headers={'Cache-Control': 'private, max-age=300',
                             'Content-Disposition': 'inline; filename="okrboard.ics"'})
