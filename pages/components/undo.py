"""A short-lived bar at the bottom of the page that offers to undo what was just done."""
from collections.abc import Awaitable, Callable

from nicegui import context, ui

from pages.i18n import _

SHOWN_SECONDS = 10


def offer_undo(message: str, on_undo: Callable[[], Awaitable[None]]) -> None:
    """Show `message` with an Undo button for a few seconds; only the newest offer stays on screen."""
    layout = context.client.layout
    for old in [element for element in layout.default_slot.children if 'undo-bar' in element.classes]:
        old.delete()

    def dismiss() -> None:
        if not bar.is_deleted:
            bar.delete()

    async def undo() -> None:
        bar.set_visibility(False)
        await on_undo()
        dismiss()  # last: it deletes the bar this handler runs in

    with layout, ui.page_sticky(position='bottom', y_offset=16).classes('undo-bar') as bar:
        with ui.row().classes('items-center no-wrap gap-2 bg-grey-9 text-white rounded shadow-lg pl-4 pr-1 py-1 '
                              'max-w-[92vw]').props('role=status data-testid=undo-bar'):
            ui.label(message).classes('break-words min-w-0')
            ui.button(_('Undo'), on_click=undo).props('flat color=amber data-testid=undo').classes('min-h-[44px]')
            ui.button(icon='close', on_click=dismiss).props(f'flat round color=white aria-label="{_("Close")}"')
        ui.timer(SHOWN_SECONDS, dismiss, once=True)
