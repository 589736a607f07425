"""The live stand-up board: a team's key results for a TV across the room, a laptop or a phone."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, Client, context, ui

from pages import theme
from pages.components import board_parts as parts
from pages.components.standup import MeetingControls, add_scripts
from pages.components.star_banner import star_banner
from pages.i18n import _, error_text
from pages.layout import frame
from pages.session import login_redirect, open_session
from services import board as board_service
from services import cycles, events, teams
from services.dashboards.dashboard import MAX_ID
from services.errors import ServiceError

router = APIRouter()


class BoardView:
    """One client's board of a team in a cycle: it redraws the parts a change concerns, nothing else."""

    def __init__(self, viewer, client: Client, team_id: int, cycle_id: int) -> None:
        # A board only reads: the viewer checked at page load stays valid until the bus says the session ended.
        self.viewer = viewer
        self.client = client
        self.team_id = team_id
        self.cycle_id = cycle_id
        self.shown: board_service.Board | None = None
        self.kr_rows: dict[int, parts.KeyResultRow] = {}
        self.objective_rows: dict[int, parts.ObjectiveRow] = {}
        self.drawn_presenter: int | None = None  # whom the people section shows large
        self.meeting = MeetingControls(team_id, cycle_id, self.order)

    def order(self) -> list[int]:
        return [member.id for member in self.shown.people] if self.shown else []

    async def load(self) -> bool:
        try:
            self.shown = await board_service.shared_board(self.viewer, team_id=self.team_id, cycle_id=self.cycle_id)
            if self.meeting.state is None:
                await self.meeting.load(self.viewer)
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative').props('data-testid=board-error')
            return False
        return True

    @ui.refreshable_method
    def missing(self) -> None:
        if self.shown is not None:
            parts.missing(self.shown.missing)

    @ui.refreshable_method
    def people(self) -> None:
        self.kr_rows = {}
        self.drawn_presenter = self.meeting.presenter_id
        if self.shown is None:
            return
        presented = next((member for member in self.shown.people if member.id == self.meeting.presenter_id), None)
        if presented is None:
            with ui.element('div').classes(parts.PEOPLE_COLUMNS):
                for member in self.shown.people:
                    parts.person(member, self.kr_rows)
            return
        with ui.row().classes('w-full gap-2').props('data-testid=board-presenting'):
            for member in self.shown.people:
                ui.chip(member.name, icon='person', selected=member.id == presented.id,
                        color='primary' if member.id == presented.id else None,
                        on_click=lambda member=member: self.meeting.present(member.id)) \
                    .props('data-testid=board-person-chip').classes('text-base 2xl:text-lg')
        parts.person(presented, self.kr_rows, large=True, current=True)

    @ui.refreshable_method
    def objectives(self) -> None:
        self.objective_rows = {}
        if self.shown is not None:
            parts.objectives(self.shown.objectives, self.objective_rows)

    async def redraw(self) -> None:
        """Load the board again (shared with every other viewer); update what changed, in place when it can."""
        old = self.shown
        new = await board_service.shared_board(self.viewer, team_id=self.team_id, cycle_id=self.cycle_id)
        if self.client.is_deleted:
            return
        self.shown = new
        rearranged = old is None or _layout(old) != _layout(new) or self.kr_rows.keys() != new.key_result_ids
        if rearranged:
            self.people.refresh()
        else:
            for member in new.people:
                for kr in member.key_results:
                    if self.kr_rows[kr.id].kr != kr:
                        self.kr_rows[kr.id].show(kr)
        if old is None or old.missing != new.missing:
            self.missing.refresh()
        if old is None or _objective_layout(old) != _objective_layout(new):
            self.objectives.refresh()
        else:
            for objective in new.objectives:
                if self.objective_rows[objective.id].objective != objective:
                    self.objective_rows[objective.id].show(objective)
        if rearranged:
            self.meeting.show_presenter()  # next / previous follow the new order

    def concerns(self, change: events.Change) -> bool:
        shown_krs = self.shown.key_result_ids if self.shown else frozenset()
        shown_objectives = self.shown.objective_ids if self.shown else frozenset()
        return (change.team_id == self.team_id or change.cycle_id == self.cycle_id or change.id in shown_krs
                or change.objective_id in shown_objectives)

    async def on_change(self, change: events.Change) -> None:
        if self.concerns(change):
            await self.redraw()

    async def on_person_or_team(self, change: events.Change) -> None:
        if change.kind in ('person', 'team') or self.concerns(change):
            await self.redraw()

    async def on_standup(self, change: events.Change) -> None:
        if change.team_id != self.team_id or change.cycle_id != self.cycle_id or self.client.is_deleted:
            return
        await self.meeting.load(self.viewer)
        self.meeting.show(self.meeting.state)
        if change.kind == 'standup_ended':
            self.meeting.ended_elsewhere()
            await self.redraw()  # "since the last stand-up" now means since this one
        if self.meeting.presenter_id != self.drawn_presenter:
            self.people.refresh()

    async def on_reconnect(self) -> None:
        """After a lost connection, show the current state whatever was missed."""
        await self.meeting.load(self.viewer)
        self.meeting.show(self.meeting.state)
        await self.redraw()

    def subscribe(self) -> None:
        events.checkin_recorded.subscribe(self.on_change)
        events.okr_changed.subscribe(self.on_change)
        events.org_changed.subscribe(self.on_person_or_team)
        events.standup_changed.subscribe(self.on_standup)
        connected_once = False

        async def connected() -> None:
            nonlocal connected_once
            if connected_once:
                await self.on_reconnect()
            connected_once = True
        self.client.on_connect(connected)


def _layout(shown: board_service.Board) -> tuple:
    """What decides the board's arrangement; a change in anything else is drawn in place."""
    return tuple((member.id, member.name, tuple((kr.id, kr.title, kr.objective_title) for kr in member.key_results))
                 for member in shown.people)


def _objective_layout(shown: board_service.Board) -> tuple:
    return tuple((objective.id, objective.title, objective.aligned_to) for objective in shown.objectives)


def _query_id(value: str | None) -> int | None:
    """An id from the address: None when absent, 0 (which names nothing) when it is not a usable id."""
    if value is None or value == '':
        return None
    return int(value) if value.isdigit() and int(value) <= MAX_ID else 0


@router.page('/board')
async def board_page(request: Request, team: str | None = None, cycle: str | None = None) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    team_options = {choice.id: choice.name for choice in await teams.team_choices(person)}
    cycle_options = {info.id: info.name for info in await cycles.list_cycles()}
    team_id, cycle_id = _query_id(team), _query_id(cycle)
    if cycle_id is None:
        current = await cycles.current_cycle(person)
        cycle_id = current.id if current else None
    team_id = team_id if team_id is not None else person.team_id
    if team_id is not None and cycle_id is not None and (team, cycle) != (str(team_id), str(cycle_id)):
        ui.navigate.history.replace(f'/board?team={team_id}&cycle={cycle_id}')  # a TV can bookmark what it shows
    team, cycle = team_id, cycle_id

    def choose(team_id: int | None, cycle_id: int | None) -> None:
        ui.navigate.to(f'/board?team={team_id or ""}&cycle={cycle_id or ""}')

    with frame(_('Stand-up board'), person, screen=True):
        add_scripts()
        view = BoardView(person, context.client, team, cycle) if team is not None and cycle is not None else None
        with ui.row().classes('w-full items-center gap-x-4 gap-y-2'):
            ui.select(team_options, value=team if team in team_options else None, label=_('Team'),
                      on_change=lambda e: choose(e.value, cycle)) \
                .props('outlined dense data-testid=board-team').classes('w-full sm:w-56')
            ui.select(cycle_options, value=cycle if cycle in cycle_options else None, label=_('Cycle'),
                      on_change=lambda e: choose(team, e.value)) \
                .props('outlined dense data-testid=board-cycle').classes('w-full sm:w-56')
            ready = view is not None and await view.load()
            if ready:
                view.meeting.timer()
                view.meeting.presenter()
        await star_banner()
        if view is None:
            ui.label(_('Choose a team and a cycle.')).classes(theme.MUTED)
        if not ready:
            return None
        # Phone: one column, who is missing first. TV: the people on the left, everything else on the right.
        with ui.element('div').classes('w-full grid grid-cols-1 xl:grid-cols-[minmax(0,1fr)_24rem] '
                                       'xl:grid-rows-[auto_auto_1fr] gap-3 items-start'):
            with ui.column().classes('w-full min-w-0 xl:col-start-2 xl:row-start-1'):
                view.missing()
            with ui.column().classes('w-full min-w-0 gap-3 xl:col-start-1 xl:row-start-1 xl:row-span-3'):
                view.people()
            with ui.column().classes('w-full min-w-0 gap-3 xl:col-start-2 xl:row-start-2'):
                view.objectives()
            with ui.column().classes('w-full min-w-0 gap-3 xl:col-start-2 xl:row-start-3'):
                view.meeting.notes_panel()
    view.subscribe()
    return None
