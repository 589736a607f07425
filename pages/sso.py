"""Single sign-on routes: off to the provider, and back to a session exactly like a password sign-in's."""
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from config import settings
from pages import theme
from pages.i18n import _
from pages.session import safe_redirect
from services import accounts, sso, sso_errors
from services.sso_errors import SsoRefused

router = APIRouter()

STATE_COOKIE = 'okrboard_sso_state'
STATE_COOKIE_PATH = '/auth/sso'


def callback_url(request: Request) -> str:
    """Where the provider sends people back; OKRBOARD_BASE_URL wins, so a forged Host header cannot move it."""
    base = settings().base_url.rstrip('/') or str(request.base_url).rstrip('/')
    return f'{base}/auth/sso/callback'


def _to_login(reason: str) -> RedirectResponse:
    response = RedirectResponse(f'/login?sso_error={quote(reason)}', status_code=303)
    response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH)
    return response


@router.get('/auth/sso/start', include_in_schema=False)
async def start_sso(request: Request, redirect_to: str = '/') -> RedirectResponse:
    if not sso.is_configured():
        return RedirectResponse('/login', status_code=303)
    try:
        started = await sso.begin(redirect_uri=callback_url(request), redirect_to=safe_redirect(redirect_to))
    except SsoRefused as error:
        return _to_login(error.reason)
    response = RedirectResponse(started.url, status_code=303)
    # binds the sign-in to this browser: a callback link forged by someone else finds no matching cookie
    response.set_cookie(STATE_COOKIE, started.state, max_age=int(sso.PENDING_TTL.total_seconds()), httponly=True,
                        samesite='lax', secure=settings().https, path=STATE_COOKIE_PATH)
    return response


@router.get('/auth/sso/callback', include_in_schema=False)
async def finish_sso(request: Request, state: str = '', code: str = '', error: str = '') -> RedirectResponse:
    if not sso.is_configured():
        return RedirectResponse('/login', status_code=303)
    try:
        signed_in = await sso.finish(state=state, browser_state=request.cookies.get(STATE_COOKIE, ''), code=code,
                                     error=error)
    except SsoRefused as refusal:
        return _to_login(refusal.reason)
    handoff = await accounts.start_session(signed_in.person)
    target = quote(safe_redirect(signed_in.redirect_to), safe='')
    response = RedirectResponse(f'/auth/complete?code={quote(handoff)}&redirect_to={target}', status_code=303)
    response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH)
    return response


def login_options(redirect_to: str, sso_error: str) -> None:
    """On the login page: why the last single sign-on failed, and the button that starts one."""
    message = sso_errors.message_for(sso_error)
    if message is not None:
        ui.label(_(message)).classes('text-negative text-sm').props('role=alert data-testid=sso-error')
    if not sso.is_configured():
        return
    with ui.row().classes('w-full items-center gap-2 no-wrap'):
        ui.separator().classes('flex-1')
        ui.label(_('or')).classes(theme.MUTED)
        ui.separator().classes('flex-1')
    target = f'/auth/sso/start?redirect_to={quote(safe_redirect(redirect_to), safe="")}'
    ui.button(_('Sign in with {name}', name=sso.button_name()), icon='login',
              on_click=lambda: ui.navigate.to(target)) \
        .props('outline no-caps data-testid=sso-start').classes(f'w-full {theme.TOUCH}')
