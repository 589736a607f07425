"""The monthly health report: every unit's health, progress and check-ins, for everyone in the company."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from pages import theme
from pages.components.format import percent
from pages.i18n import N_, _, error_text
from pages.layout import frame
from pages.session import login_redirect, open_session
from services.dashboards import health as health_service
from services.dashboards.report import HealthReport, UnitReport, health_report
from services.errors import ServiceError

router = APIRouter()
COLUMNS = (N_('Unit'), N_('Health'), N_('Progress'), N_('Expected'), N_('Updated this month'))


def _unit_row(unit: UnitReport, cycle_id: int | None) -> None:
    ui.link(unit.unit.title, f'/dashboard?team={unit.unit.id}&cycle={cycle_id}') \
        .classes(f'{theme.TOUCH} flex items-center break-words min-w-0') \
        .style(f'padding-left: {unit.depth * 12}px').props(f'data-testid=report-row data-id={unit.unit.id}')
    ui.label(str(unit.score)).props(f'data-testid=report-score data-id={unit.unit.id}')
    ui.label(percent(unit.progress))
    ui.label(percent(unit.expected))
    ui.label(f'{unit.updated} / {unit.key_results}')


def _report(report: HealthReport) -> None:
    with ui.row().classes('w-full items-center justify-between gap-2'):
        ui.link(_('Previous month'), f'/reports/health?month={report.previous}').classes(theme.TOUCH) \
            .props('data-testid=report-previous')
        ui.label(report.month).classes(theme.TITLE)
        if report.next:
            ui.link(_('Next month'), f'/reports/health?month={report.next}').classes(theme.TOUCH) \
                .props('data-testid=report-next')
    if report.cycle_name is None:
        ui.label(_('No cycle covers this month.')).classes(theme.MUTED)
        return
    ui.label(_('Cycle {cycle}, numbers as of {day}.', cycle=report.cycle_name, day=report.day.isoformat())) \
        .classes(theme.MUTED)
    ui.label(_('This month shows the same health as the dashboard today; a past month shows it as of its last day. '
               '"Updated this month" counts the key results checked in during the month.')).classes(theme.MUTED)
    ui.label(_('Health (0–100) = {completion}% completion + {timeliness}% timeliness + {contribution}% '
               'contribution.', completion=round(health_service.COMPLETION_WEIGHT * 100),
               timeliness=round(health_service.TIMELINESS_WEIGHT * 100),
               contribution=round(health_service.CONTRIBUTION_WEIGHT * 100))).classes(theme.MUTED)
    if not report.units:
        ui.label(_('No snapshots for this month.')).classes(theme.MUTED)
        return
    with ui.card().classes(theme.CARD).props('data-testid=report-table'):
        # the unit column gives way first and the gaps stay narrow: five columns fit a 390px phone
        with ui.grid(columns='minmax(4rem,2fr) repeat(4, minmax(min-content,1fr))') \
                .classes('w-full gap-x-2 gap-y-1 text-sm items-center break-words').props('data-testid=report-grid'):
            for column in COLUMNS:
                ui.label(_(column)).classes('font-medium break-normal')
            for unit in report.units:
                _unit_row(unit, report.cycle_id)


@router.page('/reports/health')
async def health_report_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    with frame(_('Monthly health report'), person):
        try:
            report = await health_report(person, month=request.query_params.get('month'))
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative').props('data-testid=report-error')
            ui.link(_('This month'), '/reports/health').classes(theme.TOUCH)
            return None
        _report(report)
    return None
