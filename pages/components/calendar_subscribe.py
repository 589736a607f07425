"""The calendar's Subscribe panel: the private feed URL, with copy, rotate and revoke."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from config import settings
from pages import theme
from pages.components.dialogs import DialogSlot, actions
from pages.components.format import when
from pages.i18n import _, error_text
from pages.session import acting
from services import calendar_feeds
from services.errors import ServiceError


def webcal(url: str) -> str:
    """The same address with the scheme phones hand to their calendar app."""
    return 'webcal://' + url.split('://', 1)[-1]


async def subscribe_panel(base: str) -> None:
    """`base` is the address people reach okrboard at: phones need a whole URL."""
    slot = DialogSlot()

    async def act(change: Callable, message: str) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await change(actor)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        else:
            ui.notify(message, type='positive')
        await panel.refresh()
        slot.close()  # last: it deletes the dialog this handler runs in

    def confirm(title: str, text: str, label: str, testid: str, on_yes: Callable[[], Awaitable[None]]) -> None:
        with slot.open(title) as dialog:
            ui.label(text).classes('break-words w-full')
            actions(dialog, label, on_yes, testid, color='negative')

    def ask_rotate() -> None:
        confirm(_('Make a new link?'), _('The current link stops working: calendars subscribed to it must '
                                         'subscribe again with the new one.'), _('New link'),
                'calendar-feed-rotate-confirm',
                lambda: act(calendar_feeds.rotate_feed, _('Your calendar has a new link.')))

    def ask_revoke() -> None:
        confirm(_('Revoke the link?'), _('Calendars subscribed to it stop receiving your dates.'), _('Revoke'),
                'calendar-feed-revoke-confirm', lambda: act(calendar_feeds.revoke_feed, _('Calendar link revoked.')))

    def copy(url: str) -> None:
        ui.clipboard.write(url)
        ui.notify(_('Link copied.'))

    @ui.refreshable
    async def panel() -> None:
        actor = await acting()
        feed = await calendar_feeds.my_feed(actor) if actor else None
        if feed is None:
            ui.label(_('Subscribe from your phone\'s calendar to see your due dates there. The link is private: '
                       'whoever has it sees your calendar.')).classes(f'{theme.MUTED} break-words w-full')
            ui.button(_('Create my calendar link'), icon='add_link',
                      on_click=lambda: act(calendar_feeds.create_feed, _('Your calendar link is ready.'))) \
                .props('unelevated data-testid=calendar-feed-create').classes(f'w-full sm:w-auto {theme.TOUCH}')
            return
        url = base + feed.path
        ui.input(_('Private calendar link'), value=url).props('outlined readonly data-testid=calendar-feed-url') \
            .classes('w-full')
        used = when(feed.last_used_at, settings().tz) if feed.last_used_at else _('never')
        ui.label(_('Created {created} · last read {used}', created=when(feed.created_at, settings().tz), used=used)) \
            .classes(f'{theme.MUTED} break-words w-full')
        with ui.row().classes('w-full gap-2'):
            ui.button(_('Copy'), icon='content_copy', on_click=lambda: copy(url)) \
                .props('unelevated data-testid=calendar-feed-copy').classes(theme.TOUCH)
            ui.link(_('Open in calendar app'), webcal(url)).classes(f'{theme.TOUCH} flex items-center') \
                .props('data-testid=calendar-feed-webcal')
            ui.button(_('New link'), icon='autorenew', on_click=ask_rotate) \
                .props('flat data-testid=calendar-feed-rotate').classes(theme.TOUCH)
            ui.button(_('Revoke'), icon='link_off', on_click=ask_revoke) \
                .props('flat color=negative data-testid=calendar-feed-revoke').classes(theme.TOUCH)

    with ui.card().classes(f'{theme.CARD} gap-3').props('flat bordered data-testid=calendar-subscribe'):
        ui.label(_('Subscribe')).classes('text-subtitle1 font-medium')
        await panel()
