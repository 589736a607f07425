"""The cycle picker of the pages that show one cycle; each person's choice is remembered."""
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from pages.i18n import _, error_text
from pages.session import acting
from services import cycles
from services.errors import ServiceError


def cycle_picker(options: dict[int, str], state: dict[str, Any],
                 on_chosen: Callable[[], Awaitable[None]]) -> ui.select:
    """A select bound to `state['cycle_id']`; after a choice is saved, `on_chosen` redraws the page's part."""
    async def choose(cycle_id: int) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await cycles.choose_cycle(actor, cycle_id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        state['cycle_id'] = cycle_id
        await on_chosen()

    return ui.select(options, value=state['cycle_id'], label=_('Cycle'), on_change=lambda e: choose(e.value)) \
        .props('outlined dense data-testid=cycle-select')
