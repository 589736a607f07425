"""The plain note every page that shows scores carries: OKR scores are for learning, not pay."""
from nicegui import ui

from pages import theme
from pages.i18n import _


def score_note() -> ui.row:
    with ui.row().classes('w-full items-center no-wrap gap-2').props('data-testid=score-note') as note:
        ui.icon('school').classes('text-grey-7')
        ui.label(_('OKR scores are for learning, not pay.')).classes(f'{theme.MUTED} break-words min-w-0')
    return note
