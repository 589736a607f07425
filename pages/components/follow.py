"""The follow toggle of an objective or key result."""
from nicegui import ui

from pages import theme
from pages.i18n import _, error_text
from pages.session import acting
from services import follows
from services.errors import ServiceError


def follow_toggle(objective_id: int, key_result_id: int | None, following: bool) -> ui.button:
    """A button that follows or unfollows; its label says what a click does next."""
    state = {'following': following}

    def show() -> None:
        button.text = _('Following') if state['following'] else _('Follow')
        button.props(f'icon={"notifications_active" if state["following"] else "notifications_none"} '
                     f'data-following={str(state["following"]).lower()}')

    async def toggle() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            state['following'] = await follows.set_following(actor, objective_id=objective_id,
                                                             key_result_id=key_result_id,
                                                             following=not state['following'])
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        show()

    thread = f'kr-{key_result_id}' if key_result_id else 'objective'
    button = ui.button(on_click=toggle).props(f'flat dense no-caps data-testid=follow-toggle data-thread={thread}') \
        .classes(theme.TOUCH)
    show()
    return button
