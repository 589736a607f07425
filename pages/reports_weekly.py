"""Weekly and monthly reports: my report and history, my team's reports side by side, one report, the templates."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import live
from pages.components.report_card import KINDS, comment_form, comment_list, report_card
from pages.components.report_form import report_form
from pages.components.report_template_editor import template_editor
from pages.i18n import _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import events, reports, reports_team, reports_templates
from services.errors import ServiceError
from services.reports_periods import Period, current_period, is_future, parse_period, shift

router = APIRouter()


def _problem(error: ServiceError, back: str) -> None:
    ui.label(error_text(error)).classes('text-negative break-words w-full').props('data-testid=report-error')
    ui.link(_('Back to my reports'), back).classes(f'{theme.TOUCH} flex items-center')


def _period_bar(period: Period, path: str) -> None:
    """Kind switch and previous / next period, as links so each period has its own address."""
    with ui.row().classes('w-full items-center gap-2'):
        ui.toggle({kind: _(label) for kind, label in KINDS.items()}, value=period.kind,
                  on_change=lambda event: ui.navigate.to(f'{path}/{event.value}/{current_period(event.value).key}'
                                                         if path == '/my-reports' else
                                                         f'{path}?kind={event.value}')) \
            .props('no-caps data-testid=report-kind')
        ui.space()
        earlier = shift(period, -1)
        ui.button(icon='chevron_left', on_click=lambda: ui.navigate.to(_period_link(path, earlier))) \
            .props(f'flat round aria-label="{_("Earlier")}" data-testid=report-earlier').classes(theme.TOUCH)
        ui.label(period.key).classes('font-medium').props('data-testid=report-period')
        later = shift(period, 1)
        if not is_future(later):
            ui.button(icon='chevron_right', on_click=lambda: ui.navigate.to(_period_link(path, later))) \
                .props(f'flat round aria-label="{_("Later")}" data-testid=report-later').classes(theme.TOUCH)


def _period_link(path: str, period: Period) -> str:
    if path == '/my-reports':
        return f'/my-reports/{period.kind}/{period.key}'
    return f'{path}?kind={period.kind}&period={period.key}'


async def _history_list(person_id: int, own: bool, *, heading: bool = False) -> None:
    actor = await acting()
    if actor is None:
        return
    name, rows = await reports_team.history(actor, person_id=person_id)
    if heading:
        ui.label(_('Reports of {name}', name=name)).classes(f'{theme.TITLE} break-words w-full')
    if not rows:
        ui.label(_('No reports yet.')).classes(theme.MUTED).props('data-testid=report-history-empty')
    for row in rows:
        link = f'/my-reports/{row.kind}/{row.period}' if own else f'/report/{row.id}'
        state = _('Submitted') if row.status == 'submitted' else _('Draft')
        text = f'{_(KINDS[row.kind])} {row.period} · {state}'
        if row.comments:
            text += ' · ' + _('Comments: {n}', n=row.comments)
        ui.link(text, link).classes(f'{theme.TOUCH} flex items-center break-words w-full') \
            .props(f'data-testid=report-history-row data-report={row.id}')


@router.page('/my-reports')
async def my_reports_page(request: Request) -> RedirectResponse | None:
    return await _my_report(request, 'weekly', '')


@router.page('/my-reports/{kind}/{period}')
async def my_report_page(request: Request, kind: str, period: str) -> RedirectResponse | None:
    return await _my_report(request, kind, period)


async def _my_report(request: Request, kind: str, period: str) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    with frame(_('My reports'), person):
        try:
            view = await reports.my_report(person, kind=kind, period=period or None)
        except ServiceError as error:
            _problem(error, '/my-reports')
            return None
        _period_bar(parse_period(view.kind, view.period), '/my-reports')
        with ui.card().classes(theme.CARD).props('flat bordered data-testid=my-report'):
            report_form(view)

        @ui.refreshable
        async def comments() -> None:
            actor = await acting()
            if actor is None:
                return
            fresh = await reports.read_report(actor, report_id=view.id)
            if fresh.comments:
                ui.label(_('Comments')).classes(f'{theme.TITLE} pt-2')
                comment_list(fresh)
                comment_form(fresh.id)

        await comments()
        ui.label(_('My history')).classes(f'{theme.TITLE} pt-2')

        @ui.refreshable
        async def history() -> None:
            await _history_list(person.id, own=True)
        with ui.column().classes('w-full gap-0'):
            await history()
        if await reports_team.has_reports(person):
            ui.link(_("My team's reports"), f'/team-reports?kind={view.kind}') \
                .classes(f'{theme.TOUCH} flex items-center').props('data-testid=team-reports-link')
        if person.is_admin:
            ui.link(_('Report templates'), '/admin/report-templates').classes(f'{theme.TOUCH} flex items-center')

    async def on_change(change: events.Change) -> None:
        if change.kind == 'report' and change.id == view.id:
            await live.refresh(comments, client)
            await live.refresh(history, client)  # a submit or a comment changes its line there
    events.report_changed.subscribe(on_change)
    return None


@router.page('/team-reports')
async def team_reports_page(request: Request, kind: str = 'weekly', period: str = '') -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    shown: set[int] = set()

    @ui.refreshable
    async def team() -> None:
        actor = await acting()
        if actor is None:
            return
        seen = await reports_team.team_reports(actor, kind=kind, period=period or None)
        shown.clear()
        shown.update(entry.person_id for entry in seen.entries)
        if not seen.entries:
            ui.label(_('Nobody reports to you.')).classes(theme.MUTED).props('data-testid=team-reports-empty')
        if seen.missing:
            ui.label(_('Not submitted yet: {names}', names=', '.join(e.person_name for e in seen.missing))) \
                .classes('text-warning break-words w-full').props('data-testid=team-reports-missing')
        with ui.element('div').classes('w-full grid grid-cols-1 md:grid-cols-2 xl:grid-cols-3 gap-3 items-start'):
            for entry in seen.entries:
                if entry.report is not None:
                    report_card(entry.report, commenting=True)
        with ui.column().classes('w-full gap-0'):
            for entry in seen.entries:
                ui.link(_('History of {name}', name=entry.person_name), f'/report-history/{entry.person_id}') \
                    .classes(f'{theme.TOUCH} flex items-center').props('data-testid=team-history-link')

    async def on_change(change: events.Change) -> None:
        if change.kind == 'report' and change.people & shown:
            await live.refresh(team, client)

    with frame(_("My team's reports"), person, wide=True):
        try:
            chosen = parse_period(kind, period) if period else current_period(kind)
        except ServiceError as error:
            _problem(error, '/team-reports')
            return None
        _period_bar(chosen, '/team-reports')
        await team()
    events.report_changed.subscribe(on_change)
    return None


@router.page('/report/{report_id}')
async def report_page(request: Request, report_id: int) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client

    @ui.refreshable
    async def report() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            view = await reports.read_report(actor, report_id=report_id)
        except ServiceError as error:
            _problem(error, '/my-reports')
            return
        report_card(view, commenting=True)
        ui.link(_('History of {name}', name=view.person_name), f'/report-history/{view.person_id}') \
            .classes(f'{theme.TOUCH} flex items-center')

    async def on_change(change: events.Change) -> None:
        if change.kind == 'report' and change.id == report_id:
            await live.refresh(report, client)

    with frame(_('Report'), person):
        await report()
    events.report_changed.subscribe(on_change)
    return None


@router.page('/report-history/{person_id}')
async def report_history_page(request: Request, person_id: int) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    with frame(_('Report history'), person):
        try:
            await _history_list(person_id, own=person_id == person.id, heading=True)
        except ServiceError as error:
            _problem(error, '/my-reports')
    return None


@router.page('/admin/report-templates')
async def report_templates_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    with frame(_('Report templates'), person):
        if not person.is_admin:
            ui.label(_('Only admins may do this.')).classes('text-negative').props('data-testid=report-error')
            return None
        for kind in KINDS:
            template_editor(kind, await reports_templates.sections_of(kind))
    return None
