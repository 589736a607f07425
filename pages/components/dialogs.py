"""Form dialogs for admin actions: one open at a time, built outside refreshable sections, phone friendly."""
import inspect
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from nicegui import context, ui

from pages import theme
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services.errors import ServiceError

if TYPE_CHECKING:
    from models.org import User


class DialogSlot:
    """Where a page's form dialogs live; opening one removes the last, so test handles stay unique."""

    def __init__(self) -> None:
        self.client = context.client  # kept: a handler's own slot may be gone once its dialog closes
        self.current: ui.dialog | None = None

    @contextmanager
    def open(self, title: str) -> Iterator[ui.dialog]:
        """Build and open a dialog; the previous one goes last, as the running handler may sit inside it."""
        previous = self.current
        with self.client.layout, ui.dialog() as dialog, ui.card().classes('w-full max-w-md p-4 gap-3'):
            ui.label(title).classes(f'{theme.TITLE} break-words w-full')
            yield dialog
        self.current = dialog
        dialog.open()
        _remove(previous)

    def close(self) -> None:
        """Close and remove the open dialog; a handler inside it may only refresh sections afterwards."""
        _remove(self.current)
        self.current = None


def _remove(dialog: ui.dialog | None) -> None:
    if dialog is not None and not dialog.is_deleted:
        dialog.close()
        dialog.delete()


def actions(dialog: ui.dialog, save_label: str, on_save: Callable[[], Awaitable[None]],
            testid: str, *, color: str = 'primary') -> ui.button:
    """Cancel and save buttons, full width on phones."""
    with ui.row().classes('w-full justify-end gap-2 pt-2'):
        ui.button(_('Cancel'), on_click=dialog.close).props('flat').classes(theme.TOUCH)
        return ui.button(save_label, on_click=on_save).props(f'unelevated color={color} data-testid={testid}') \
            .classes(f'{theme.TOUCH} flex-1 sm:flex-none')


def error_line() -> ui.label:
    """A line for messages that concern no single field (a refusal, a missing record)."""
    return ui.label().classes('text-negative text-sm break-words w-full').props('data-testid=dialog-error')


def show_error(error: ServiceError, fields: dict[str, ui.element], line: ui.label) -> None:
    """Clear old messages, then show this one at the field it names, else on the dialog's error line."""
    for element in fields.values():
        field_error(element, None)
    line.set_text('')
    if error.field in fields:
        field_error(fields[error.field], error_text(error))
    else:
        line.set_text(error_text(error))


def confirm(slot: DialogSlot, title: str, explanation: str, button: str, testid: str,
            change: Callable[['User'], Awaitable[Any]], after: Callable[[Any], Awaitable[None] | None] | None = None,
            *, color: str = 'primary') -> None:
    """Ask before a change; make it as the signed-in person, show a refusal in the dialog, else close and follow up.

    `after` gets what `change` returned (a new secret to show, say) and refreshes what the change touched.
    """
    with slot.open(title) as dialog:
        ui.label(explanation).classes('text-sm break-words w-full')
        line = error_line()

        async def run() -> None:
            actor = await acting()
            if actor is None:
                return
            try:
                result = await change(actor)
            except ServiceError as error:
                show_error(error, {}, line)
                return
            slot.close()
            if after is not None and inspect.isawaitable(followed := after(result)):
                await followed
        actions(dialog, button, run, testid, color=color)
