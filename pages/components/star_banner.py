"""The OKR Star of the month as a small card, for the dashboard and the board; live when an admin picks."""
from nicegui import context, ui

from pages import theme
from pages.components import live
from pages.i18n import _
from services import events, recognition


async def star_banner() -> None:
    """The current star with the reason, or nothing when no star is picked for this month or the last."""
    client = context.client

    @ui.refreshable
    async def banner() -> None:
        star = await recognition.current_star()
        if star is None:
            return
        with ui.row().classes('w-full items-center no-wrap gap-2 p-2 rounded border bg-amber-1') \
                .props(f'data-testid=star-banner data-person-id={star.person_id}'):
            ui.icon('star', size='md').classes('text-amber-8')
            with ui.column().classes('gap-0 min-w-0 flex-1'):
                ui.label(_('OKR Star of {month}: {name}', month=star.month, name=star.name)) \
                    .classes('font-medium break-words w-full')
                ui.label(star.reason).classes(f'{theme.MUTED} break-words w-full line-clamp-2')
            ui.link(_('All stars'), '/stars').classes(f'{theme.TOUCH} flex items-center text-sm shrink-0')

    async def on_change(change: events.Change) -> None:
        if change.kind == 'award':
            await live.refresh(banner, client)

    await banner()
    events.org_changed.subscribe(on_change)
