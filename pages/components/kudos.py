"""A thumbs-up under someone else's comment: tap to give kudos, tap again to take it back."""
from nicegui import ui

from pages import theme
from pages.i18n import _, error_text
from pages.session import acting
from services import recognition
from services.errors import ServiceError
from services.recognition import KudosState


def kudos_button(state: KudosState | None) -> None:
    """The kudos of a comment, drawn from the states its thread loaded at once (None: the viewer may not see them)."""
    holder = ui.row().classes('items-center gap-0').props(
        f'data-testid=kudos data-comment-id={state.comment_id if state else ""}')
    if state is not None:
        _draw(holder, state)


def _draw(holder: ui.row, state: KudosState) -> None:
    holder.clear()
    count = str(state.count) if state.count else ''
    with holder:
        if not state.allowed:
            if state.count:
                ui.icon('thumb_up', size='xs').classes('text-grey-7')
                ui.label(count).classes(theme.MUTED).props('data-testid=kudos-count')
            return
        ui.button(count, icon='thumb_up' if state.given else 'thumb_up_off_alt',
                  on_click=lambda: _toggle(holder, state.comment_id)) \
            .props(f'flat dense no-caps aria-label="{_("Kudos")}" data-testid=kudos-toggle '
                   f'data-comment-id={state.comment_id} data-given={str(state.given).lower()}') \
            .classes(theme.TOUCH)


async def _toggle(holder: ui.row, comment_id: int) -> None:
    actor = await acting()
    if actor is None:
        return
    try:
        state = await recognition.toggle_kudos(actor, comment_id)
    except ServiceError as error:
        ui.notify(error_text(error), type='negative')
        return
    if not holder.is_deleted:
        _draw(holder, state)
