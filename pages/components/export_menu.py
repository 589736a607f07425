"""The Export menu of the cycle and team pages: PDF, PPTX or XLSX, made off the event loop, then downloaded."""
from collections.abc import Callable

from nicegui import run, ui

from pages import theme
from pages.i18n import N_, _, error_text, locale
from pages.session import acting
from services import exports
from services.errors import ServiceError

FORMAT_LABELS = {'pdf': N_('PDF report'), 'pptx': N_('PowerPoint slides'), 'xlsx': N_('Excel workbook (import format)')}
FORMAT_ICONS = {'pdf': 'picture_as_pdf', 'pptx': 'slideshow', 'xlsx': 'table_view'}
MEDIA_TYPES = {'pdf': 'application/pdf',
               'pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
               'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}


def export_menu(cycle_id: Callable[[], int | None], team_id: int | None = None, *, data: str = '') -> None:
    """A menu button; `cycle_id` is read when a format is chosen, so it follows the page's cycle picker.

    `data` adds data-* props to the test handles, for pages that show several menus.
    """
    async def export(file_format: str) -> None:
        actor = await acting()
        if actor is None:
            return
        chosen = cycle_id()
        if chosen is None:
            message.set_text(_('Choose a cycle first.'))
            message.set_visibility(True)
            return
        menu.disable()
        busy.set_visibility(True)
        try:
            prepared = await exports.prepare_export(actor, chosen, file_format, team_id=team_id)
            content = await run.io_bound(exports.render, prepared, file_format, locale())
        except ServiceError as error:
            message.set_text(error_text(error))
            message.set_visibility(True)
            return
        finally:
            menu.enable()
            busy.set_visibility(False)
        message.set_visibility(False)
        ui.download.content(content, exports.file_name(prepared, file_format), MEDIA_TYPES[file_format])

    with ui.column().classes('gap-1 min-w-0'):
        with ui.row().classes('items-center gap-2 no-wrap'):
            with ui.dropdown_button(_('Export'), icon='download', auto_close=True) \
                    .props(f'outline data-testid=export-menu {data}').classes(theme.TOUCH) as menu:
                for file_format, label in FORMAT_LABELS.items():
                    with ui.item(on_click=lambda f=file_format: export(f)) \
                            .props(f'data-testid=export-{file_format} {data}').classes(theme.TOUCH):
                        with ui.item_section().props('avatar'):
                            ui.icon(FORMAT_ICONS[file_format])
                        with ui.item_section():
                            ui.label(_(label))
            with ui.row().classes('items-center gap-1 no-wrap') as busy:
                ui.spinner(size='sm')
                ui.label(_('Preparing the export…')).classes(theme.MUTED)
            busy.props(f'data-testid=export-busy {data}')
            busy.set_visibility(False)
        message = ui.label().classes('text-negative break-words').props(f'data-testid=export-error {data}')
        message.set_visibility(False)
