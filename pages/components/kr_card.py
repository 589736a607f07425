"""A key result as a tappable card: progress bar in its status colour, value, confidence, tasks."""
from collections.abc import Callable

from nicegui import ui

from pages import theme
from pages.components import format as fmt
from pages.i18n import _
from services.key_results import KeyResultCard


def kr_card(card: KeyResultCard, on_open: Callable[[], None] | None) -> ui.card:
    color = theme.STATUS_COLOR[card.status]
    with ui.card().classes(f'{theme.CARD} cursor-pointer' if on_open else theme.CARD) \
            .props(f'flat bordered data-kr-id={card.id} data-testid=kr-card') as element:
        if on_open:
            element.on('click', on_open)
        ui.label(card.objective_title).classes('text-xs text-grey-7 truncate w-full')
        ui.label(card.title).classes('text-base font-medium leading-snug break-words w-full')
        ui.linear_progress(value=round(card.progress, 3), show_value=False, size='10px', color=color) \
            .props('rounded').classes('my-1')
        with ui.row().classes('w-full items-center gap-x-3 gap-y-1 text-sm'):
            ui.label(fmt.kr_value(card.kind, card.current, card.target, card.unit, len(card.steps))) \
                .classes('font-medium').props('data-testid=kr-value')
            ui.label(fmt.percent(card.progress)).classes('text-grey-8')
            ui.badge(fmt.status_label(card.status), color=color).props('data-testid=kr-status')
            if card.stalled:
                ui.badge(_('Stalled'), color='grey-7').props('data-testid=kr-stalled') \
                    .tooltip(_('No progress over the last two check-in periods'))
            if card.confidence is not None:
                ui.label(_('confidence {n}', n=card.confidence)).classes('text-grey-7')
            if card.tasks_total:
                ui.label(_('{done}/{total} tasks', done=card.tasks_done, total=card.tasks_total)).classes('text-grey-7')
            if card.locked:
                ui.icon('lock').classes('text-grey-6').tooltip(_('This cycle is locked'))
    return element
