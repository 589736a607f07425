"""The header bell: the number of unread notifications, kept live by the event bus."""
from typing import TYPE_CHECKING

from nicegui import background_tasks, ui

from pages.i18n import _
from services import events, notifications

if TYPE_CHECKING:
    from models.org import User


def bell(person: 'User') -> None:
    """A button to the notification list with a badge counting the unread ones."""
    with ui.button(icon='notifications', on_click=lambda: ui.navigate.to('/notifications')).props(
            f'flat round color=white aria-label="{_("Notifications")}" data-testid=nav-bell'):
        badge = ui.badge('', color='negative').props('floating data-testid=bell-count')
    badge.set_visibility(False)

    async def show_count() -> None:
        count = await notifications.unread_count(person)
        if badge.is_deleted:
            return
        badge.set_text(str(count) if count < 100 else '99+')
        badge.set_visibility(count > 0)

    async def on_change(change: events.Change) -> None:
        if person.id in change.people:
            await show_count()

    background_tasks.create(show_count(), name='bell count')
    events.notification_created.subscribe(on_change)
