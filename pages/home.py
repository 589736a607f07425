"""My key results: the phone home page, where a check-in takes three taps."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import live
from pages.components.checkin_sheet import open_checkin
from pages.components.cycle_picker import cycle_picker
from pages.components.kr_card import kr_card
from pages.i18n import _
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import accounts, cycles, events, key_results

router = APIRouter()


@router.page('/')
async def home_page(request: Request) -> RedirectResponse | None:
    if await accounts.is_setup_needed():
        return RedirectResponse('/setup', status_code=303)
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    chosen = await cycles.current_cycle(person)
    all_cycles = await cycles.list_cycles()
    shown: set[int] = set()

    @ui.refreshable
    async def key_result_list() -> None:
        actor = await acting()
        if actor is None or state['cycle_id'] is None:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
            return
        cards = await key_results.my_key_results(actor, state['cycle_id'])
        shown.clear()
        shown.update(card.id for card in cards)
        if not cards:
            ui.label(_('You have no key results in this cycle.')).classes(theme.MUTED)
            ui.button(_('Write an objective'), icon='add', on_click=lambda: ui.navigate.to('/objectives/new')) \
                .props('unelevated').classes(theme.TOUCH)
            return
        for card in sorted(cards, key=lambda c: (c.status == 'done', -c.progress + c.expected)):
            kr_card(card, (lambda card=card: open_checkin(card, lambda: live.refresh(key_result_list, client)))
                    if card.can_checkin and not card.locked else None)

    async def on_checkin(change: events.Change) -> None:
        if change.id in shown:
            await live.refresh(key_result_list, client)

    client = context.client
    state: dict[str, int | None] = {'cycle_id': chosen.id if chosen else None}
    with frame(_('My key results'), person):
        if all_cycles:
            cycle_picker({c.id: c.name for c in all_cycles}, state, lambda: live.refresh(key_result_list, client)) \
                .classes('w-full sm:w-64')
        with ui.column().classes('w-full gap-2'):
            await key_result_list()
    events.checkin_recorded.subscribe(on_checkin)
    return None
