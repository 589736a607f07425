"""The live stand-up board: a team's key results for a TV across the room, a laptop or a phone."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import format as fmt
from pages.components import live
from pages.i18n import _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import board as board_service
from services import cycles, events, teams
from services.errors import ServiceError

router = APIRouter()
GRID = 'w-full grid grid-cols-1 md:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4 gap-4'


def _signed_percent(change: float) -> str:
    points = round(change * 100)
    return f'+{points}%' if points > 0 else f'−{-points}%' if points < 0 else '±0%'


def _key_result(kr: board_service.BoardKeyResult) -> None:
    color = theme.STATUS_COLOR[kr.status]
    with ui.column().classes('w-full gap-1 py-2 border-t').props(f'data-testid=board-kr data-kr-id={kr.id}'):
        ui.label(kr.objective_title).classes('text-sm lg:text-base text-grey-7 break-words w-full')
        ui.label(kr.title).classes('text-lg lg:text-2xl font-medium leading-snug break-words w-full')
        ui.linear_progress(value=round(kr.progress, 3), show_value=False, size='18px', color=color) \
            .props('rounded data-testid=board-kr-progress')
        with ui.row().classes('w-full items-center gap-x-4 gap-y-1 text-base lg:text-xl'):
            ui.label(fmt.kr_value(kr.kind, kr.current, kr.target, kr.unit, kr.steps)) \
                .classes('font-medium').props('data-testid=board-kr-value')
            ui.label(fmt.percent(kr.progress))
            ui.label(_signed_percent(kr.change)).props('data-testid=board-kr-change') \
                .classes('text-positive' if kr.change > 0 else 'text-negative' if kr.change < 0 else 'text-grey-7') \
                .tooltip(_('Change since the last stand-up'))
            ui.badge(fmt.status_label(kr.status), color=color).classes('text-base')
            if kr.stalled:
                ui.badge(_('Stalled'), color='grey-7').classes('text-base')
            if kr.confidence is not None:
                trend = kr.confidence_trend
                arrow = '' if not trend else ' ↑' if trend > 0 else ' ↓'
                ui.label(_('confidence {n}', n=kr.confidence) + arrow).props('data-testid=board-kr-confidence')


def _objectives(objectives: tuple[board_service.BoardObjective, ...]) -> None:
    if not objectives:
        return
    ui.label(_('Team objectives')).classes('text-xl lg:text-2xl font-medium')
    with ui.element('div').classes(GRID):
        for objective in objectives:
            with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=board-objective '
                                                     f'data-objective-id={objective.id}'):
                ui.label(objective.title).classes('text-lg lg:text-2xl font-medium break-words w-full')
                ui.linear_progress(value=round(objective.progress, 3), show_value=False, size='18px',
                                   color=theme.STATUS_COLOR[objective.status]).props('rounded')
                ui.label(fmt.percent(objective.progress)).classes('text-base lg:text-xl')
                for title in objective.aligned_to:
                    ui.label(_('Contributes to: {title}', title=title)).classes(f'{theme.MUTED} break-words w-full')


def _missing(missing: tuple[teams.PersonRef, ...]) -> None:
    with ui.row().classes('w-full items-center gap-2 p-3 rounded bg-orange-1').props('data-testid=board-missing'):
        ui.label(_('Not checked in since the last stand-up:')).classes('text-lg lg:text-xl font-medium')
        if not missing:
            ui.label(_('everyone has checked in')).classes('text-lg lg:text-xl')
        for person in missing:
            ui.chip(person.name, icon='person').classes('text-base lg:text-lg')


def _person(person: board_service.BoardPerson) -> None:
    with ui.card().classes(f'{theme.CARD} min-w-0').props(f'flat bordered data-testid=board-person '
                                                          f'data-person-id={person.id}'):
        ui.label(person.name).classes('text-xl lg:text-3xl font-bold break-words w-full')
        if not person.key_results:
            ui.label(_('No key results in this cycle.')).classes(theme.MUTED)
        for kr in person.key_results:
            _key_result(kr)


@router.page('/board')
async def board_page(request: Request, team: int | None = None, cycle: int | None = None) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    team_options = {choice.id: choice.name for choice in await teams.team_choices(person)}
    cycle_options = {info.id: info.name for info in await cycles.list_cycles()}
    if cycle is None:
        current = await cycles.current_cycle(person)
        cycle = current.id if current else None
    team = team if team is not None else person.team_id
    shown: dict[str, frozenset[int]] = {'key_results': frozenset(), 'objectives': frozenset()}

    def choose(team_id: int | None, cycle_id: int | None) -> None:
        ui.navigate.to(f'/board?team={team_id or ""}&cycle={cycle_id or ""}')

    @ui.refreshable
    async def board_section() -> None:
        actor = await acting()
        if actor is None:
            return
        if team is None or cycle is None:
            ui.label(_('Choose a team and a cycle.')).classes(theme.MUTED)
            return
        try:
            shown_board = await board_service.board(actor, team_id=team, cycle_id=cycle)
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative').props('data-testid=board-error')
            return
        shown['key_results'] = shown_board.key_result_ids
        shown['objectives'] = shown_board.objective_ids
        _objectives(shown_board.objectives)
        _missing(shown_board.missing)
        with ui.element('div').classes(GRID):
            for member in shown_board.people:
                _person(member)

    async def on_change(change: events.Change) -> None:
        if (change.team_id == team or change.cycle_id == cycle or change.id in shown['key_results']
                or change.objective_id in shown['objectives']):
            await live.refresh(board_section, client)

    async def on_checkin(change: events.Change) -> None:
        if change.team_id == team or change.id in shown['key_results']:
            await live.refresh(board_section, client)

    client = context.client
    with frame(_('Stand-up board'), person, screen=True):
        with ui.row().classes('w-full gap-2'):
            ui.select(team_options, value=team if team in team_options else None, label=_('Team'),
                      on_change=lambda e: choose(e.value, cycle)) \
                .props('outlined dense data-testid=board-team').classes('w-full sm:w-64')
            ui.select(cycle_options, value=cycle if cycle in cycle_options else None, label=_('Cycle'),
                      on_change=lambda e: choose(team, e.value)) \
                .props('outlined dense data-testid=board-cycle').classes('w-full sm:w-64')
        with ui.column().classes('w-full gap-4'):
            await board_section()
    events.checkin_recorded.subscribe(on_checkin)
    events.okr_changed.subscribe(on_change)
    return None
