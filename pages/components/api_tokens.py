"""The profile's API section: create a personal access token (its secret shown once), list and revoke tokens."""
from typing import TYPE_CHECKING

from nicegui import ui

from config import settings
from pages import theme
from pages.components.dialogs import DialogSlot, confirm
from pages.components.format import when
from pages.i18n import N_, _, error_text
from pages.layout import field_error
from pages.session import acting
from services import tokens
from services.errors import ServiceError

if TYPE_CHECKING:
    from models.org import User

SCOPE_LABELS = {'read': N_('Read only'), 'read-write': N_('Read and write')}


async def api_tokens(person: 'User') -> None:
    async def create() -> None:
        actor = await acting()
        if actor is None:
            return
        field_error(name, None)
        try:
            created = await tokens.create_token(actor, name=name.value or '', scope=scope.value or '')
        except ServiceError as error:
            field_error(scope if error.field == 'scope' else name, error_text(error))
            return
        name.value = ''
        show_secret(created.secret)
        await token_list.refresh()

    def show_secret(secret: str) -> None:
        reveal.clear()
        with reveal:
            ui.label(_('Copy this token now: it is shown only once.')).classes('text-sm font-medium break-words')
            ui.input(value=secret).props('outlined readonly data-testid=token-secret').classes('w-full')
            ui.button(_('Copy'), icon='content_copy', on_click=lambda: copy(secret)) \
                .props('unelevated data-testid=token-copy').classes(f'w-full sm:w-auto {theme.TOUCH}')
        reveal.set_visibility(True)

    def copy(secret: str) -> None:
        ui.clipboard.write(secret)
        ui.notify(_('Token copied.'))

    dialogs = DialogSlot()

    def confirm_revoke(token_id: int, token_name: str) -> None:
        async def revoked(_result: object) -> None:
            reveal.set_visibility(False)
            await token_list.refresh()
        confirm(dialogs, _('Revoke {name}?', name=token_name),
                _('Systems that use this token are turned away at once.'), _('Revoke'), 'token-revoke-confirm',
                lambda actor: tokens.revoke_token(actor, token_id), revoked, color='negative')

    @ui.refreshable
    async def token_list() -> None:
        actor = await acting()
        rows = await tokens.list_tokens(actor) if actor else []
        if not rows:
            ui.label(_('You have no API tokens.')).classes(theme.MUTED)
        for row in rows:
            row_props = f'data-testid=token-row data-token-id={row.id}'
            with ui.row().classes('w-full items-center no-wrap gap-2').props(row_props):
                with ui.column().classes('gap-0 min-w-0 flex-1'):
                    ui.label(row.name).classes('font-medium break-words w-full')
                    used = when(row.last_used_at, settings().tz) if row.last_used_at else _('never')
                    ui.label(_('{scope} · created {created} · last used {used}', scope=_(SCOPE_LABELS[row.scope]),
                               created=when(row.created_at, settings().tz), used=used)) \
                        .classes(f'{theme.MUTED} text-sm break-words w-full')
                ui.button(_('Revoke'), on_click=lambda token_id=row.id, token_name=row.name:
                          confirm_revoke(token_id, token_name)) \
                    .props(f'flat color=negative data-testid=token-revoke data-token-id={row.id}').classes(theme.TOUCH)

    with ui.card().classes(f'{theme.CARD} gap-3').props('flat bordered'):
        ui.label(_('API tokens')).classes('text-subtitle1 font-medium')
        ui.label(_('Other systems use a token to read and update your OKRs through the API at /api/v1 '
                   '(documentation at /api/docs).')).classes(f'{theme.MUTED} text-sm break-words w-full')
        name = ui.input(_('Token name')).props('outlined data-testid=token-name').classes('w-full')
        scope = ui.select({key: _(label) for key, label in SCOPE_LABELS.items()}, value='read',
                          label=_('Access')).props('outlined data-testid=token-scope').classes('w-full')
        ui.button(_('Create token'), on_click=create) \
            .props('unelevated data-testid=token-create').classes(f'w-full sm:w-auto {theme.TOUCH}')
        reveal = ui.column().classes('w-full gap-2').props('data-testid=token-reveal')
        reveal.set_visibility(False)
        await token_list()
