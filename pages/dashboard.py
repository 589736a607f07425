"""The dashboard: the company, a unit or a person in a cycle, with drill-down from each level to the next."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import dashboard_sections as sections
from pages.components import live
from pages.components.star_banner import star_banner
from pages.i18n import _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import cycles, events
from services.dashboards.dashboard import dashboard, default_cycle_id, parse_id
from services.dashboards.views import Dashboard, Link
from services.errors import ServiceError

router = APIRouter()
# While a live update rebuilds the sections the page keeps its height, so the viewer keeps their place on it.
PIN_HEIGHT = '{const e = getElement(ID); if (e) e.style.minHeight = e.offsetHeight + "px";}'
RELEASE_HEIGHT = 'requestAnimationFrame(() => {const e = getElement(ID); if (e) e.style.minHeight = "";})'


def _breadcrumbs(board: Dashboard) -> None:
    scope = board.scope
    with ui.row().classes('w-full items-center gap-x-2 gap-y-0 text-sm'):
        ui.link(_('Company'), f'/dashboard?cycle={scope.cycle_id}').classes(theme.TOUCH + ' flex items-center') \
            .props('data-testid=dash-up-company')
        if scope.parent_team_id is not None and scope.level != 'company':
            sections.link_to(Link('team', scope.parent_team_id, _('One level up')), scope.cycle_id, 'dash-up')
        if scope.level != 'company':
            ui.label(scope.name).classes('font-medium break-words')
        if board.as_of:
            ui.label(_('Snapshots as of {day}', day=board.as_of.isoformat())).classes(theme.MUTED)
        month = f'?month={board.report_month}' if board.report_month else ''
        ui.link(_('Monthly health report'), f'/reports/health{month}').classes(theme.TOUCH + ' flex items-center') \
            .props('data-testid=dash-report')


@router.page('/dashboard')
async def dashboard_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    query = request.query_params
    state: dict = {'cycle_id': None, 'team_id': None, 'person_id': None, 'error': None, 'board': None}
    opened: dict[str, bool] = {}  # warning groups and health rows the viewer opened or closed
    try:
        state['team_id'] = parse_id(query.get('team'), 'team')
        state['person_id'] = parse_id(query.get('person'), 'person')
        chosen = parse_id(query.get('cycle'), 'cycle')  # cycle=0 is a cycle that does not exist, not the default
        state['cycle_id'] = chosen if chosen is not None else await default_cycle_id(person)
    except ServiceError as error:
        state['error'] = error_text(error)
    animation = query.get('animation') != 'off'  # screenshots and tests ask for still pictures
    cycle_options = {info.id: info.name for info in await cycles.list_cycles()}

    def choose_cycle(cycle_id: int) -> None:
        scope = f'&team={state["team_id"]}' if state['team_id'] else ''
        scope += f'&person={state["person_id"]}' if state['person_id'] else ''
        ui.navigate.to(f'/dashboard?cycle={cycle_id}{scope}')

    async def load() -> None:
        """Read the board before touching the page, so a rebuild never leaves it empty while waiting."""
        actor = await acting()
        if actor is None or state['error']:
            return
        try:
            state['board'] = await dashboard(actor, cycle_id=state['cycle_id'], team_id=state['team_id'],
                                             person_id=state['person_id'])
        except ServiceError as error:
            state['board'], state['error'] = None, error_text(error)

    @ui.refreshable
    def content() -> None:
        board: Dashboard | None = state.get('board')
        if state['error'] or board is None:
            ui.label(state['error'] or '').classes('text-negative').props('data-testid=dash-error')
            return
        _breadcrumbs(board)
        with ui.element('div').classes('w-full grid grid-cols-1 lg:grid-cols-2 gap-3 items-start'):
            sections.heatmap(board, animation)
            sections.trend(board, animation)
            sections.health(board, animation, opened)
            sections.warnings(board, opened)
            sections.adoption(board, animation)
            sections.stats(board, animation)

    async def on_change(change: events.Change) -> None:
        if change.cycle_id in (None, state['cycle_id']) and not client.is_deleted:
            client.run_javascript(PIN_HEIGHT.replace('ID', str(holder.id)))
            await load()
            await live.refresh(content, client)
            client.run_javascript(RELEASE_HEIGHT.replace('ID', str(holder.id)))

    client = context.client
    with frame(_('Dashboard'), person, wide=True):
        if cycle_options and state['cycle_id'] in cycle_options:
            ui.select(cycle_options, value=state['cycle_id'], label=_('Cycle'),
                      on_change=lambda e: choose_cycle(e.value)) \
                .props('outlined dense data-testid=dash-cycle').classes('w-full sm:w-64')
        await star_banner()
        await load()
        with ui.element('div').classes('w-full') as holder:
            content()
    for topic in (events.checkin_recorded, events.okr_changed, events.org_changed):
        topic.subscribe(on_change)
    return None
