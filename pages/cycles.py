"""Cycles: everyone picks the cycle they work in; admins create them from presets, move their state, lock them."""
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import live
from pages.components.close_panel import open_close_panel
from pages.components.dialogs import DialogSlot, actions, confirm, error_line, show_error
from pages.components.export_menu import export_menu
from pages.components.next_cycle import open_copy_dialog
from pages.i18n import N_, _, error_text
from pages.layout import frame
from pages.retrospectives import retrospective_button
from pages.session import acting, login_redirect, open_session
from services import clock, cycles, events
from services.cycles import CycleInfo
from services.errors import ServiceError

if TYPE_CHECKING:
    from models.org import User as Person

router = APIRouter()

STATE_LABELS = {'planning': N_('Planning'), 'active': N_('Active'), 'review': N_('Review'), 'closed': N_('Closed')}
STATE_COLORS = {'planning': 'grey-7', 'active': 'primary', 'review': 'warning', 'closed': 'positive'}
STATE_ACTIONS = {'planning': N_('Start the cycle'), 'active': N_('Begin the review'), 'review': N_('Close the cycle'),
                 'closed': N_('Reopen for review')}
STATE_CONFIRMATIONS = {  # what moving on from a state means, said before it happens
    'planning': N_('Check-ins open for everyone, and reminders start.'),
    'active': N_('The end-of-cycle round of self-assessments and reviews opens; the final scores follow from it.'),
    'closed': N_('The cycle goes back to review: scores can change again.'),
}
CADENCE_LABELS = {'quarter': N_('Quarter'), 'half': N_('Half-year'), 'year': N_('Year'), 'custom': N_('Custom')}
WEEKDAYS = (N_('Monday'), N_('Tuesday'), N_('Wednesday'), N_('Thursday'), N_('Friday'), N_('Saturday'),
            N_('Sunday'))
PARTS = {'quarter': {1: 'Q1', 2: 'Q2', 3: 'Q3', 4: 'Q4'}, 'half': {1: 'H1', 2: 'H2'}}


def _next_state(state: str) -> str:
    return cycles.NEXT_STATE.get(state, 'review')


def _free_quarter(taken: set[str], today: date) -> tuple[int, int]:
    """The first quarter from today's on whose preset name no cycle uses yet."""
    year, part = today.year, (today.month - 1) // 3 + 1
    for _step in range(40):
        if cycles.preset_name('quarter', year, part).casefold() not in taken:
            break
        year, part = (year + 1, 1) if part == 4 else (year, part + 1)
    return year, part


def _cycle_form(dialogs: DialogSlot, cycle: CycleInfo | None, on_saved: Callable[[], Awaitable[None]],
                taken: set[str] | None = None) -> None:
    """The create and edit form; presets fill the name and dates, custom leaves them to the admin."""
    around = cycle.start if cycle else clock.today()  # presets start from the cycle's own year and part
    first_year, first_part = (around.year, (around.month - 1) // 3 + 1) if cycle else \
        _free_quarter(taken or set(), around)
    with dialogs.open(_('Edit {name}', name=cycle.name) if cycle else _('New cycle')) as dialog:
        cadence = ui.select({key: _(label) for key, label in CADENCE_LABELS.items()},
                            value=cycle.cadence if cycle else 'quarter', label=_('Cadence')) \
            .props('outlined data-testid=cycle-cadence').classes('w-full')
        with ui.row().classes('w-full no-wrap gap-2') as preset_row:
            year = ui.number(_('Year'), value=first_year, min=2000, max=2100, step=1, format='%d') \
                .props('outlined data-testid=cycle-year').classes('flex-1')
            part = ui.select(PARTS['quarter'], value=first_part, label=_('Part')) \
                .props('outlined data-testid=cycle-part').classes('flex-1')
        name = ui.input(_('Name'), value=cycle.name if cycle else '').props('outlined data-testid=cycle-name') \
            .classes('w-full')
        with ui.row().classes('w-full gap-2'):
            start = ui.input(_('Start'), value=cycle.start.isoformat() if cycle else '') \
                .props('outlined type=date data-testid=cycle-start').classes('flex-1 min-w-[9rem]')
            end = ui.input(_('End'), value=cycle.end.isoformat() if cycle else '') \
                .props('outlined type=date data-testid=cycle-end').classes('flex-1 min-w-[9rem]')
        weekday = ui.select({index: _(label) for index, label in enumerate(WEEKDAYS)},
                            value=cycle.checkin_weekday if cycle else 0, label=_('Check-in day')) \
            .props('outlined data-testid=cycle-weekday').classes('w-full')
        review = ui.input(_('Mid-cycle review'), value=cycle.review_date.isoformat() if cycle and cycle.review_date
                          else '').props('outlined type=date clearable data-testid=cycle-review').classes('w-full')
        ui.label(_('Left empty, the review falls in the middle of the cycle.')).classes(theme.MUTED)
        line = error_line()

        def fill() -> None:
            preset_row.set_visibility(cadence.value != 'custom')
            part.set_visibility(cadence.value in PARTS)
            if cadence.value in PARTS:
                part.set_options(PARTS[cadence.value], value=min(part.value or 1, len(PARTS[cadence.value])))
            if cadence.value == 'custom' or not year.value or not 2000 <= year.value <= 2100:
                return
            chosen = int(year.value), int(part.value or 1)
            name.value = cycles.preset_name(cadence.value, *chosen)
            first, last = cycles.preset_dates(cadence.value, *chosen)
            start.value, end.value, review.value = first.isoformat(), last.isoformat(), ''

        async def save() -> None:
            actor = await acting()
            if actor is None:
                return
            values = dict(name=name.value or '', cadence=cadence.value, start=start.value or '',
                          end=end.value or '', checkin_weekday=weekday.value, review_date=review.value or None)
            try:
                if cycle:
                    await cycles.update_cycle(actor, cycle.id, **values)
                else:
                    await cycles.create_cycle(actor, **values)
            except ServiceError as error:
                show_error(error, {'name': name, 'cadence': cadence, 'start': start, 'end': end,
                                   'checkin_weekday': weekday, 'review_date': review}, line)
                return
            dialogs.close()
            await on_saved()

        if cycle:
            preset_row.set_visibility(cycle.cadence != 'custom')
            part.set_visibility(cycle.cadence in PARTS)
            if cycle.cadence == 'half':
                part.set_options(PARTS['half'], value=(around.month - 1) // 6 + 1)
        else:
            fill()
        for control in (cadence, year, part):
            control.on_value_change(fill)
        actions(dialog, _('Save') if cycle else _('Create'), save, 'cycle-save')


def _cycle_card(cycle: CycleInfo, current_id: int | None, is_admin: bool,
                handlers: dict[str, Callable[[Any], Awaitable[None] | None]]) -> None:
    with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=cycle-card data-cycle-id={cycle.id}'):
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(cycle.name).classes('text-base font-medium break-words min-w-0')
            ui.badge(_(STATE_LABELS.get(cycle.state, cycle.state)), color=STATE_COLORS.get(cycle.state, 'grey')) \
                .props(f'data-testid=cycle-state-chip data-cycle-id={cycle.id}')
            if cycle.locked:
                ui.icon('lock').classes('text-grey-7').tooltip(_('Locked: no more check-ins'))
            if cycle.id == current_id:
                ui.badge(_('Your cycle'), color='accent').props('outline')
        ui.label(f'{cycle.start.isoformat()} – {cycle.end.isoformat()}').classes(theme.MUTED)
        details = [_(CADENCE_LABELS.get(cycle.cadence, cycle.cadence)),
                   _('check-ins on {day}', day=_(WEEKDAYS[cycle.checkin_weekday % 7]))]
        if cycle.review_date:
            details.append(_('review on {date}', date=cycle.review_date.isoformat()))
        ui.label(' · '.join(details)).classes(theme.MUTED)
        with ui.row().classes('w-full gap-2 pt-1'):
            export_menu(lambda: cycle.id, data=f'data-cycle-id={cycle.id}')
            retrospective_button(lambda: cycle.id)
            if cycle.id != current_id:
                ui.button(_('Work in this cycle'), on_click=lambda: handlers['choose'](cycle.id)) \
                    .props(f'outline data-testid=cycle-choose data-cycle-id={cycle.id}').classes(theme.TOUCH)
            ui.button(_('Copy to next cycle'), icon='content_copy', on_click=lambda: handlers['copy'](cycle)) \
                .props(f'flat no-caps data-testid=cycle-copy data-cycle-id={cycle.id}').classes(theme.TOUCH)
            if is_admin:
                ui.button(_(STATE_ACTIONS[cycle.state]), on_click=lambda: handlers['state'](cycle)) \
                    .props(f'unelevated data-testid=cycle-state data-cycle-id={cycle.id}').classes(theme.TOUCH)
                ui.button(_('Unlock') if cycle.locked else _('Lock'),
                          icon='lock_open' if cycle.locked else 'lock', on_click=lambda: handlers['lock'](cycle)) \
                    .props(f'flat data-testid=cycle-lock data-cycle-id={cycle.id}').classes(theme.TOUCH)
                ui.button(_('Edit'), icon='edit', on_click=lambda: handlers['edit'](cycle)) \
                    .props(f'flat data-testid=cycle-edit data-cycle-id={cycle.id}').classes(theme.TOUCH)


@router.page('/cycles')
async def cycles_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    dialogs = DialogSlot()

    async def run(change: Callable[['Person'], Awaitable[object]]) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await change(actor)
        except ServiceError as error:
            message.set_text(error_text(error))
            message.set_visibility(True)
            return
        message.set_visibility(False)
        await cycle_list.refresh()

    def confirm_state(cycle: CycleInfo) -> None:
        confirm(dialogs, f'{_(STATE_ACTIONS[cycle.state])}: {cycle.name}?', _(STATE_CONFIRMATIONS[cycle.state]),
                _(STATE_ACTIONS[cycle.state]), 'cycle-state-confirm',
                lambda actor: cycles.set_state(actor, cycle.id, _next_state(cycle.state)),
                lambda _result: cycle_list.refresh())

    async def new_cycle() -> None:
        taken = {cycle.name.casefold() for cycle in await cycles.list_cycles()}
        _cycle_form(dialogs, None, cycle_list.refresh, taken)

    handlers = {
        'choose': lambda cycle_id: run(lambda actor: cycles.choose_cycle(actor, cycle_id)),
        'state': lambda cycle: open_close_panel(dialogs, cycle, cycle_list.refresh) if cycle.state == 'review'
        else confirm_state(cycle),
        'lock': lambda cycle: run(lambda actor: cycles.set_locked(actor, cycle.id, not cycle.locked)),
        'edit': lambda cycle: _cycle_form(dialogs, cycle, cycle_list.refresh),
        'copy': lambda cycle: open_copy_dialog(dialogs, cycle),
    }

    @ui.refreshable
    async def cycle_list() -> None:
        actor = await acting()
        if actor is None:
            return
        all_cycles = await cycles.list_cycles()
        current = await cycles.current_cycle(actor)
        if not all_cycles:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
        for cycle in all_cycles:
            _cycle_card(cycle, current.id if current else None, actor.is_admin, handlers)

    async def on_org_change(change: events.Change) -> None:
        if change.kind == 'cycle':
            await live.refresh(cycle_list, client)

    with frame(_('Cycles'), person):
        if person.is_admin:
            ui.button(_('New cycle'), icon='add', on_click=new_cycle) \
                .props('unelevated data-testid=cycle-create').classes(theme.TOUCH)
        message = ui.label().classes('text-negative break-words w-full').props('data-testid=cycle-error')
        message.set_visibility(False)
        with ui.column().classes('w-full gap-2'):
            await cycle_list()
    events.org_changed.subscribe(on_org_change)
    return None
