"""One key result on the objective page: its card (tap to check in), action plan and a menu of changes."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages import theme
from pages.components.action_plan import action_plan
from pages.components.adjustment import adjustment_note, open_adjust_dialog
from pages.components.checkin_sheet import open_checkin, open_history
from pages.components.data_source import data_source
from pages.components.dialogs import DialogSlot
from pages.components.kr_card import kr_card
from pages.components.kr_editor import open_key_result_dialog, open_status_dialog
from pages.components.undo import offer_undo
from pages.i18n import _, error_text
from pages.session import acting
from services import key_result_edits
from services.errors import ServiceError
from services.objective_views import KeyResultDetail, ObjectiveDetail

Reload = Callable[[], Awaitable[None]]


def key_result_block(detail: ObjectiveDetail, kr: KeyResultDetail, slot: DialogSlot, people: dict[int, str],
                     reload: Reload) -> None:
    card = kr.card
    may_checkin = card.can_checkin and not card.locked
    may_edit = detail.can_edit and not detail.locked

    async def delete() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await key_result_edits.delete_key_result(actor, card.id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        offer_undo(_('Key result deleted'), restore)
        await reload()

    async def restore() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await key_result_edits.restore_key_result(actor, card.id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        await reload()

    async def move(offset: int) -> None:
        actor = await acting()
        if actor is None:
            return
        order = [other.card.id for other in detail.key_results]
        index = order.index(card.id)
        if not 0 <= index + offset < len(order):
            return
        order[index], order[index + offset] = order[index + offset], order[index]
        try:
            await key_result_edits.reorder_key_results(actor, detail.id, order)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        await reload()

    with ui.column().classes('w-full gap-0').props(f'data-testid=kr-block data-kr-id={card.id}'):
        kr_card(card, (lambda: open_checkin(card, reload)) if may_checkin else None)
        if kr.status_override:
            ui.label(_('Status set by hand: {reason}', reason=kr.status_reason)) \
                .classes('text-xs text-grey-8 break-words px-1').props('data-testid=kr-status-reason-shown')
        adjustment_note(detail.id, card.id)
        with ui.row().classes('w-full items-start no-wrap gap-1'):
            with ui.column().classes('flex-1 min-w-0'):
                action_plan(kr, people, may_checkin, reload)
            with ui.button(icon='more_vert').props(
                    f'flat round aria-label="{_("More")}" data-testid=kr-menu data-kr-id={card.id}') \
                    .classes(theme.TOUCH):
                with ui.menu():
                    ui.menu_item(_('Check-in history'), on_click=lambda: open_history(card.id)) \
                        .props(f'data-testid=kr-history data-kr-id={card.id}')
                    if may_checkin:
                        ui.menu_item(_('Set status'), on_click=lambda: open_status_dialog(slot, kr, reload)) \
                            .props(f'data-testid=kr-status data-kr-id={card.id}')
                    if may_edit:
                        ui.menu_item(_('Edit'), on_click=lambda: open_key_result_dialog(
                            slot, detail.id, people, reload, kr)).props(f'data-testid=kr-edit data-kr-id={card.id}')
                        if detail.adjustable:  # offered only inside the window (to admins at any time)
                            ui.menu_item(_('Mid-cycle adjustment'), on_click=lambda: open_adjust_dialog(
                                slot, detail.id, kr, reload)).props(f'data-testid=kr-adjust data-kr-id={card.id}')
                        ui.menu_item(_('Move up'), on_click=lambda: move(-1)) \
                            .props(f'data-testid=kr-up data-kr-id={card.id}')
                        ui.menu_item(_('Move down'), on_click=lambda: move(1)) \
                            .props(f'data-testid=kr-down data-kr-id={card.id}')
                        ui.menu_item(_('Delete'), on_click=delete) \
                            .props(f'data-testid=kr-delete data-kr-id={card.id}')
        data_source(card, may_checkin, slot)
