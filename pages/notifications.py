"""The notification list: newest first, each opens where to act; mark one or all read."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.components import live
from pages.components.comments import segments
from pages.i18n import _
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import events, notifications

router = APIRouter()


@router.page('/notifications')
async def notifications_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)

    async def open_item(item: notifications.NotificationView) -> None:
        actor = await acting()
        if actor is None:
            return
        await notifications.mark_read(actor, item.id)
        ui.navigate.to(item.link or '/')

    async def mark_all() -> None:
        actor = await acting()
        if actor is None:
            return
        await notifications.mark_read(actor)
        await live.refresh(notification_list, client)

    @ui.refreshable
    async def notification_list() -> None:
        actor = await acting()
        if actor is None:
            return
        items = await notifications.list_notifications(actor)
        if not items:
            ui.label(_('No notifications yet.')).classes(theme.MUTED)
        for item in items:
            with ui.card().classes(f'{theme.CARD} cursor-pointer {theme.TOUCH}').props(
                    f'flat bordered data-testid=notification data-id={item.id} data-read={int(item.read)}') \
                    .on('click', lambda item=item: open_item(item)):
                with ui.row().classes('w-full items-start no-wrap gap-2'):
                    ui.icon('circle' if not item.read else 'radio_button_unchecked', size='xs') \
                        .classes('text-primary mt-1' if not item.read else 'text-grey-5 mt-1')
                    with ui.column().classes('gap-0 min-w-0 flex-1'):
                        ui.label(item.title).classes('font-medium break-words w-full')
                        if item.body:
                            plain = ''.join(segment.text for segment in segments(item.body))  # no ** or * marks
                            ui.label(plain).classes('text-sm whitespace-pre-wrap break-words w-full')
                        ui.label(fmt.when(item.created_at, settings().tz)).classes('text-xs text-grey-6')

    async def on_change(change: events.Change) -> None:
        if person.id in change.people:
            await live.refresh(notification_list, client)

    client = context.client
    with frame(_('Notifications'), person):
        ui.button(_('Mark all as read'), icon='done_all', on_click=mark_all) \
            .props('flat data-testid=notifications-read-all').classes(theme.TOUCH)
        with ui.column().classes('w-full gap-2'):
            await notification_list()
    events.notification_created.subscribe(on_change)
    return None
