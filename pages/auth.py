"""Signing in and out, first setup and invitations: the pages open to everyone."""
from urllib.parse import quote
from uuid import uuid4

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from config import settings
from pages import theme
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import COOKIE, client_address, open_session, safe_redirect
from pages.sso import login_options
from services import accounts, sso
from services.errors import ServiceError, Throttled

router = APIRouter()


def _card(title: str) -> ui.card:
    theme.apply()
    ui.page_title(f'{title} · okrboard')
    with ui.column().classes('w-full items-center p-4'):
        card = ui.card().classes('w-full max-w-sm p-5 gap-3')
    with card:
        ui.label('okrboard').classes('text-primary text-sm font-bold tracking-wide')
        ui.label(title).classes('text-h5')
    return card


def _handoff(code: str, redirect_to: str = '/') -> None:
    ui.navigate.to(f'/auth/complete?code={quote(code)}&redirect_to={quote(safe_redirect(redirect_to), safe="")}')


def _show(error: ServiceError, fields: dict[str, ui.element], fallback: ui.element) -> None:
    for element in fields.values():
        field_error(element, None)
    field_error(fields.get(error.field or '', fallback), error_text(error))


@router.page('/login')
async def login_page(request: Request, redirect_to: str = '/', sso_error: str = '') -> RedirectResponse | None:
    if await accounts.is_setup_needed():
        return RedirectResponse('/setup', status_code=303)
    if await open_session(request) is not None:
        return RedirectResponse(safe_redirect(redirect_to), status_code=303)

    async def submit() -> None:
        button.props('loading')
        try:
            person = await accounts.authenticate(email=email.value or '', password=password.value or '',
                                                 address=client_address())
            sso.check_local_login(person)
            _handoff(await accounts.start_session(person), redirect_to)
        except Throttled as error:
            _show(error, {}, password)
        except ServiceError as error:
            _show(error, {'email': email, 'password': password}, password)
        finally:
            button.props(remove='loading')

    with _card(_('Sign in')):
        email = ui.input(_('E-mail')).props('type=email autocomplete=username outlined data-testid=login-email') \
            .classes('w-full')
        password = ui.input(_('Password'), password=True, password_toggle_button=True) \
            .props('autocomplete=current-password outlined data-testid=login-password').classes('w-full') \
            .on('keydown.enter', submit)
        button = ui.button(_('Sign in'), on_click=submit).props('unelevated data-testid=login-submit') \
            .classes(f'w-full {theme.TOUCH}')
        login_options(redirect_to, sso_error)
    return None


@router.page('/setup')
async def setup_page() -> RedirectResponse | None:
    if not await accounts.is_setup_needed():
        return RedirectResponse('/login', status_code=303)

    async def submit() -> None:
        try:
            admin = await accounts.setup_company(company=company.value or '', name=name.value or '',
                                                 email=email.value or '', password=password.value or '')
            _handoff(await accounts.start_session(admin))
        except ServiceError as error:
            _show(error, {'company': company, 'name': name, 'email': email, 'password': password}, password)

    with _card(_('Set up okrboard')):
        ui.label(_('Create your company and its first admin.')).classes(theme.MUTED)
        company = ui.input(_('Company name')).props('outlined data-testid=setup-company').classes('w-full')
        name = ui.input(_('Your name')).props('outlined data-testid=setup-name').classes('w-full')
        email = ui.input(_('E-mail')).props('type=email outlined data-testid=setup-email').classes('w-full')
        password = ui.input(_('Password'), password=True, password_toggle_button=True) \
            .props('outlined autocomplete=new-password data-testid=setup-password').classes('w-full')
        ui.button(_('Create'), on_click=submit).props('unelevated data-testid=setup-submit') \
            .classes(f'w-full {theme.TOUCH}')
    return None


@router.page('/invite/{token}')
async def invite_page(token: str) -> None:
    person = await accounts.invited_person(token)

    async def submit() -> None:
        if (password.value or '') != (repeat.value or ''):
            field_error(repeat, _('The two passwords differ.'))
            return
        try:
            accepted = await accounts.accept_invite(token, password.value or '')
            _handoff(await accounts.start_session(accepted))
        except ServiceError as error:
            _show(error, {'password': password}, password)

    with _card(_('Welcome to okrboard')):
        if person is None:
            ui.label(_('This invitation link has expired or was already used.')).classes('text-negative')
            ui.link(_('Go to sign in'), '/login')
            return
        if not sso.local_login_allowed(person):
            ui.label(_('Please sign in with {name}.', name=sso.button_name())).props('data-testid=invite-use-sso')
            ui.link(_('Go to sign in'), '/login')
            return
        ui.label(_('Hello {name}, choose your password.', name=person.name)).classes(theme.MUTED)
        password = ui.input(_('Password'), password=True, password_toggle_button=True) \
            .props('outlined autocomplete=new-password data-testid=invite-password').classes('w-full')
        repeat = ui.input(_('Repeat the password'), password=True) \
            .props('outlined autocomplete=new-password data-testid=invite-repeat').classes('w-full')
        ui.button(_('Get started'), on_click=submit).props('unelevated data-testid=invite-submit') \
            .classes(f'w-full {theme.TOUCH}')


@router.get('/auth/complete', include_in_schema=False)
async def complete_sign_in(request: Request, code: str = '', redirect_to: str = '/') -> RedirectResponse:
    """Turn a one-time code into the session cookie; a fresh session id at every sign-in."""
    token = await accounts.finish_session(code)
    if token is None:
        return RedirectResponse('/login', status_code=303)
    request.session['id'] = str(uuid4())  # NiceGUI's own browser id rotates too
    response = RedirectResponse(safe_redirect(redirect_to), status_code=303)
    response.set_cookie(COOKIE, token, max_age=settings().session_hours * 3600, httponly=True,
                        samesite='lax', secure=settings().https, path='/')
    return response


@router.get('/auth/clear', include_in_schema=False)
async def clear_session(request: Request) -> RedirectResponse:
    """Forget the browser's session cookie after a sign-out (the session itself is already ended)."""
    request.session['id'] = str(uuid4())
    response = RedirectResponse('/login', status_code=303)
    response.delete_cookie(COOKIE, path='/')
    return response

