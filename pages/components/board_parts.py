"""What the stand-up board shows: people with their key results, who is missing, the team's objectives.

Sized for a 1920x1080 screen read from across the room: a team of eight fits without scrolling,
one compact row per key result; presenting one person shows their key results in large type.
"""
from typing import TYPE_CHECKING

from nicegui import ui

from pages import theme
from pages.components import format as fmt
from pages.i18n import _

if TYPE_CHECKING:
    from services.board import BoardKeyResult, BoardObjective, BoardPerson
    from services.teams import PersonRef

# Columns fill top to bottom like a newspaper, so short and long lists of key results pack without gaps.
PEOPLE_COLUMNS = 'w-full columns-1 md:columns-2 xl:columns-3 2xl:columns-4 gap-3'
OBJECTIVE_GRID = 'w-full grid grid-cols-1 md:grid-cols-2 xl:grid-cols-1 gap-2'


def signed_percent(change: float) -> str:
    points = round(change * 100)
    return f'+{points}%' if points > 0 else f'−{-points}%' if points < 0 else '±0%'


def _change_class(change: float) -> str:
    return 'text-positive' if change > 0.0005 else 'text-negative' if change < -0.0005 else 'text-grey-7'


class KeyResultRow:
    """One key result: title and status on the first line; bar, value, change and confidence on the second.

    A check-in updates the row in place, so fifty open boards each send a handful of changed values
    rather than rebuilding the board.
    """

    def __init__(self, kr: 'BoardKeyResult', *, large: bool = False) -> None:
        self.kr = kr
        title_size = 'text-xl sm:text-2xl lg:text-3xl' if large else 'text-lg 2xl:text-xl'
        self.figures_size = 'text-lg sm:text-xl lg:text-2xl' if large else 'text-base 2xl:text-lg'
        with ui.column().classes('w-full gap-0 py-1 border-t').props(f'data-testid=board-kr data-kr-id={kr.id}'):
            if large:
                ui.label(kr.objective_title).classes('text-lg text-grey-7 break-words w-full')
            with ui.row().classes('w-full items-start gap-2 no-wrap'):
                title = ui.label(kr.title).classes(f'{title_size} font-medium leading-tight min-w-0 flex-1 '
                                                   + ('break-words' if large else 'line-clamp-2 break-words'))
                if not large:
                    title.tooltip(f'{kr.objective_title} · {kr.title}')
                self.status = ui.badge().classes(self.figures_size).props('data-testid=board-kr-status')
            # Large type wraps on a phone rather than running off the screen.
            wrap = 'flex-wrap sm:flex-nowrap' if large else 'no-wrap'
            with ui.row().classes(f'w-full items-center gap-x-3 gap-y-0 {wrap} {self.figures_size}'):
                self.progress = ui.linear_progress(show_value=False, size='24px' if large else '12px') \
                    .props('rounded data-testid=board-kr-progress').classes('flex-1 min-w-[3rem]')
                self.stalled = ui.badge(_('Stalled'), color='grey-7').props('outline').classes('text-sm 2xl:text-base')
                self.value = ui.label().classes('font-medium whitespace-nowrap').props('data-testid=board-kr-value')
                self.change = ui.label().props('data-testid=board-kr-change') \
                    .tooltip(_('Change since the last stand-up'))
                with ui.row().classes('items-center gap-0 no-wrap whitespace-nowrap') \
                        .props('data-testid=board-kr-confidence') as self.confidence_row:
                    ui.icon('speed').classes('text-grey-7').tooltip(_('Confidence'))
                    self.confidence = ui.label()
        self.show(kr)

    def show(self, kr: 'BoardKeyResult') -> None:
        """Bring the row to these numbers (the title and the objective do not change without a rebuild)."""
        self.kr = kr
        color = theme.STATUS_COLOR[kr.status]
        self.stalled.set_visibility(kr.stalled)
        self.status.set_text(fmt.status_label(kr.status))
        self.status.props(f'color={color}')
        self.progress.set_value(round(kr.progress, 3))
        self.progress.props(f'color={color}')
        self.value.set_text(fmt.kr_value(kr.kind, kr.current, kr.target, kr.unit, kr.steps))
        self.change.set_text(signed_percent(kr.change))
        self.change.classes(replace=f'whitespace-nowrap {_change_class(kr.change)}')
        self.confidence_row.set_visibility(kr.confidence is not None)
        trend = kr.confidence_trend
        arrow = '' if not trend else '↑' if trend > 0 else '↓'
        self.confidence.set_text(f'{kr.confidence}{arrow}' if kr.confidence is not None else '')
        self.confidence.classes(replace=_change_class(trend or 0))


def person(member: 'BoardPerson', rows: dict[int, KeyResultRow], *, large: bool = False,
           current: bool = False) -> None:
    """A member's card; each key result row is kept in `rows` so later check-ins update it in place."""
    ring = ' ring-4 ring-primary' if current else ''
    with ui.card().classes(f'{theme.CARD} min-w-0 break-inside-avoid mb-3{ring}').props(
            f'flat bordered data-testid=board-person data-person-id={member.id}'):
        ui.label(member.name).classes(('text-3xl lg:text-4xl' if large else 'text-xl 2xl:text-2xl')
                                      + ' font-bold break-words w-full')
        if not member.key_results:
            ui.label(_('No key results in this cycle.')).classes(theme.MUTED)
        with ui.element('div').classes('w-full grid grid-cols-1 gap-x-6' + (' lg:grid-cols-2' if large else '')):
            for kr in member.key_results:
                rows[kr.id] = KeyResultRow(kr, large=large)


def missing(people: 'tuple[PersonRef, ...]') -> None:
    with ui.row().classes('w-full items-center gap-2 p-2 rounded bg-orange-1').props('data-testid=board-missing'):
        ui.label(_('Not checked in since the last stand-up:')).classes('text-lg 2xl:text-xl font-medium')
        if not people:
            ui.label(_('everyone has checked in')).classes('text-lg 2xl:text-xl')
        for someone in people:
            ui.chip(someone.name, icon='person').classes('text-base 2xl:text-lg')


class ObjectiveRow:
    """A team objective with its rolled-up progress, updated in place like the key result rows."""

    def __init__(self, objective: 'BoardObjective') -> None:
        with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=board-objective '
                                                 f'data-objective-id={objective.id}'):
            ui.label(objective.title).classes('text-lg 2xl:text-xl font-medium break-words w-full')
            with ui.row().classes('w-full items-center gap-3 no-wrap text-base 2xl:text-lg'):
                self.progress = ui.linear_progress(show_value=False, size='12px').props('rounded').classes('flex-1')
                self.percent = ui.label().classes('font-medium')
            for title in objective.aligned_to:
                ui.label(_('Contributes to: {title}', title=title)).classes(f'{theme.MUTED} break-words w-full')
        self.show(objective)

    def show(self, objective: 'BoardObjective') -> None:
        self.objective = objective
        self.progress.set_value(round(objective.progress, 3))
        self.progress.props(f'color={theme.STATUS_COLOR[objective.status]}')
        self.percent.set_text(fmt.percent(objective.progress))


def objectives(shown: 'tuple[BoardObjective, ...]', rows: dict[int, ObjectiveRow]) -> None:
    if not shown:
        return
    ui.label(_('Team objectives')).classes('text-xl 2xl:text-2xl font-medium')
    with ui.element('div').classes(OBJECTIVE_GRID):
        for objective in shown:
            rows[objective.id] = ObjectiveRow(objective)
