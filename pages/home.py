"""My key results: the phone home page, where a check-in takes three taps."""
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import live
from pages.components.checkin_sheet import open_checkin
from pages.components.cycle_picker import cycle_picker
from pages.components.kr_card import kr_card
from pages.i18n import N_, _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import accounts, cycles, events, key_results
from services.errors import ServiceError

if TYPE_CHECKING:
    from models.org import User as Person

router = APIRouter()
LOCKED = N_('This cycle is locked: check-ins are closed.')


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
    shown_objectives: set[int] = set()
    slots: dict[int, ui.element] = {}  # key result id -> the element its card is drawn in

    def draw(card: key_results.KeyResultCard) -> None:
        if card.locked:
            kr_card(card, lambda: ui.notify(_(LOCKED), type='warning'))
            return
        kr_card(card, (lambda: open_checkin(card))  # the bus redraws the card once it is saved
                if card.can_checkin else None)

    @ui.refreshable
    async def key_result_list() -> None:
        actor = await acting()
        if actor is None or state['cycle_id'] is None:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
            return
        cards = await key_results.my_key_results(actor, state['cycle_id'])
        shown.clear()
        shown.update(card.id for card in cards)
        shown_objectives.clear()
        shown_objectives.update(card.objective_id for card in cards)
        slots.clear()
        if not cards:
            ui.label(_('You have no key results in this cycle.')).classes(theme.MUTED)
            ui.button(_('Write an objective'), icon='add', on_click=lambda: ui.navigate.to('/objectives/new')) \
                .props('unelevated').classes(theme.TOUCH)
            return
        for card in sorted(cards, key=lambda c: (c.status == 'done', -c.progress + c.expected)):
            with ui.element('div').classes('w-full') as slots[card.id]:
                draw(card)

    async def redraw_card(kr_id: int) -> None:
        """A check-in changes one card: draw that one again, where it stands."""
        actor = await acting()
        if actor is None:
            return
        try:
            card = await key_results.card(actor, kr_id)
        except ServiceError:
            await live.refresh(key_result_list, client)
            return
        slot = slots.get(kr_id)
        if slot is None or slot.is_deleted or client.is_deleted:
            return
        slot.clear()
        with slot:
            draw(card)

    async def on_checkin(change: events.Change) -> None:
        if change.id in shown:
            await redraw_card(change.id)

    async def on_okr_change(change: events.Change) -> None:
        """Edits can add, remove or rename key results in the list: draw it again when they concern it."""
        mine = person.id in change.people and change.cycle_id == state['cycle_id']
        if mine or (change.kind == 'key_result' and change.id in shown) or change.objective_id in shown_objectives:
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
    events.okr_changed.subscribe(on_okr_change)
    await open_linked_checkin(person, request.query_params.get('checkin', ''))
    return None


async def open_linked_checkin(person: 'Person', kr_id: str) -> None:
    """A reminder's link `/?checkin=ID` opens the check-in sheet of that key result."""
    if not kr_id.isdigit():
        return
    try:
        card = await key_results.card(person, int(kr_id))
    except ServiceError as error:
        ui.notify(error_text(error), type='warning')
        return
    if card.locked:
        ui.notify(_(LOCKED), type='warning')
    elif not card.can_checkin:
        ui.notify(_('You may not check in on this key result.'), type='warning')
    else:
        open_checkin(card)
