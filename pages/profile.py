"""The profile: who I am in the org, my password and my language."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from pages import theme
from pages.components.api_tokens import api_tokens
from pages.components.notify_prefs import reminder_preferences
from pages.i18n import _, error_text
from pages.layout import field_error, frame
from pages.session import acting, login_redirect, open_session
from services import accounts, people
from services.errors import ServiceError

router = APIRouter()

BROWSER = 'browser'
LANGUAGES = {'zh_CN': '简体中文', 'en': 'English'}  # each language named in itself, never translated


@router.page('/profile')
async def profile_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    me = await people.profile(person)

    async def save_password() -> None:
        actor = await acting()
        if actor is None:
            return
        for element in (current, new, repeat):
            field_error(element, None)
        if (new.value or '') != (repeat.value or ''):
            field_error(repeat, _('The two passwords differ.'))
            return
        try:
            await accounts.change_password(actor, current=current.value or '', new=new.value or '')
        except ServiceError as error:
            field_error(current if error.field == 'current' else new, error_text(error))
            return
        current.value = new.value = repeat.value = ''
        ui.notify(_('Password changed.'), type='positive')

    async def save_language() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await accounts.set_locale(actor, None if language.value == BROWSER else language.value)
        except ServiceError as error:
            field_error(language, error_text(error))
            return
        ui.navigate.reload()

    with frame(_('Profile'), person):
        with ui.card().classes(theme.CARD).props('flat bordered'):
            ui.label(me.name).classes(f'{theme.TITLE} break-words w-full')
            if me.email:
                ui.label(me.email).classes(f'{theme.MUTED} break-all')
            details = [_('Admin') if me.role == 'admin' else _('Member'), me.team_name or _('No team')]
            if me.manager_name:
                details.append(_('Manager: {name}', name=me.manager_name))
            ui.label(' · '.join(details)).classes(f'{theme.MUTED} break-words')

        with ui.card().classes(f'{theme.CARD} gap-3').props('flat bordered'):
            ui.label(_('Password')).classes('text-subtitle1 font-medium')
            current = ui.input(_('Current password'), password=True, password_toggle_button=True) \
                .props('outlined autocomplete=current-password data-testid=profile-password-current') \
                .classes('w-full')
            new = ui.input(_('New password'), password=True, password_toggle_button=True) \
                .props('outlined autocomplete=new-password data-testid=profile-password-new').classes('w-full')
            repeat = ui.input(_('Repeat the new password'), password=True) \
                .props('outlined autocomplete=new-password data-testid=profile-password-repeat').classes('w-full')
            ui.button(_('Change password'), on_click=save_password) \
                .props('unelevated data-testid=profile-password-save').classes(f'w-full sm:w-auto {theme.TOUCH}')

        with ui.card().classes(f'{theme.CARD} gap-3').props('flat bordered'):
            ui.label(_('Language')).classes('text-subtitle1 font-medium')
            language = ui.select({BROWSER: _('Browser default'), **LANGUAGES}, value=person.locale or BROWSER,
                                 label=_('Language')).props('outlined data-testid=profile-language') \
                .classes('w-full')
            ui.button(_('Save language'), on_click=save_language) \
                .props('unelevated data-testid=profile-language-save').classes(f'w-full sm:w-auto {theme.TOUCH}')
        await reminder_preferences(person)
        await api_tokens(person)
    return None
