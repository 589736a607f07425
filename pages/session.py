"""Who is asking: the session cookie on page loads, and a re-check on every data-changing event."""
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, context, ui

from config import settings
from locales import negotiate
from services import accounts, events

if TYPE_CHECKING:
    from models.org import User as Person

COOKIE = 'okrboard_session'


def safe_redirect(target: str | None) -> str:
    """Only local paths: '/x' but never '//host', 'https://host' or '/<tab>/host' (browsers drop the tab)."""
    if (not target or not target.startswith('/') or target.startswith('//') or '\\' in target
            or any(ord(char) < 0x20 or ord(char) == 0x7f for char in target)):
        return '/'
    return target


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f'?{request.url.query}' if request.url.query else '')
    return RedirectResponse(f'/login?redirect_to={quote(target, safe="")}', status_code=303)


def browser_locale(request: Request) -> str:
    return negotiate(request.headers.get('accept-language'), settings().default_locale)


async def open_session(request: Request) -> 'Person | None':
    """The signed-in person for this page load, remembered for the client's later events."""
    found = await accounts.session_user(request.cookies.get(COOKIE))
    storage = app.storage.client
    if found is None:
        storage['locale'] = browser_locale(request)
        return None
    person, session_hash = found
    storage['user_id'] = person.id
    storage['session_hash'] = session_hash
    storage['locale'] = person.locale or browser_locale(request)

    def end_if_mine(end: events.SessionEnd) -> None:
        if end.user_id == person.id and end.session_hash in (None, session_hash):
            storage['session_hash'] = None
            ui.navigate.to('/login')
    events.sessions_ended.subscribe(end_if_mine)
    return person


async def acting() -> 'Person | None':
    """The person behind this client, checked again now; None (and off to login) if their session ended."""
    session_hash = app.storage.client.get('session_hash')
    found = await accounts.user_for_session_hash(session_hash) if session_hash else None
    if found is None:
        ui.navigate.to('/login')
        return None
    return found[0]


def client_address() -> str:
    return context.client.ip or 'unknown'
