"""The sections of the dashboard page, each drawn from its read model."""
from nicegui import ui

from pages import theme
from pages.components import charts
from pages.components.format import percent
from pages.components.score_note import score_note
from pages.i18n import N_, _
from services.dashboards import health as health_service
from services.dashboards.views import Adoption, Dashboard, Health, Link, StatRow, Warning

WARNING_TEXT = {
    'behind_pace': N_('{value} points behind pace'),
    'stalled': N_('No progress over two check-in periods'),
    'no_checkin': N_('No check-in for {value} days'),
    'confidence_drop': N_('Confidence dropped by {value}'),
    'no_key_results': N_('Objective without key results'),
    'no_objectives': N_('Team without objectives in this cycle'),
}
REASON_TITLE = {
    'behind_pace': N_('Behind pace'),
    'stalled': N_('Stalled'),
    'no_checkin': N_('No recent check-in'),
    'confidence_drop': N_('Confidence dropped'),
    'no_key_results': N_('Objectives without key results'),
    'no_objectives': N_('Teams without objectives'),
}
PART_HELP = {
    'completion': N_('Progress against expected progress, capped at 100%.'),
    'timeliness': N_('Share of the weekly check-ins due so far that were made in their week.'),
    'contribution': N_('Half: key results checked in this week. Half: objectives aligned to a parent.'),
}
CHART = 'w-full h-72'


def target(link: Link, cycle_id: int) -> str:
    """Where a name, a bar or a warning leads: the next dashboard level, or the objective page."""
    if link.kind == 'team':
        return f'/dashboard?cycle={cycle_id}&team={link.id}'
    if link.kind == 'person':
        return f'/dashboard?cycle={cycle_id}&person={link.id}'
    return f'/objective/{link.objective_id if link.kind == "key_result" else link.id}'


def link_to(link: Link, cycle_id: int, testid: str = 'dash-link') -> ui.link:
    return ui.link(link.title, target(link, cycle_id)).classes(f'{theme.TOUCH} flex items-center break-words') \
        .props(f'data-testid={testid} data-kind={link.kind} data-id={link.id}')


def card(title: str, testid: str) -> ui.card:
    section = ui.card().classes(f'{theme.CARD} min-w-0').props(f'data-testid={testid}')
    with section:
        ui.label(title).classes(theme.TITLE)
    return section


def go(link: Link | None, cycle_id: int) -> None:
    if link is not None and link.kind in ('team', 'person', 'key_result', 'objective'):
        ui.navigate.to(target(link, cycle_id))


def named(links: list[Link], name: str | None) -> Link | None:
    return next((link for link in links if link.title == name), None)


def heatmap(board: Dashboard, animation: bool) -> None:
    cycle_id = board.scope.cycle_id
    rows = [row.subject for row in board.heatmap.rows]
    with card(_('Progress against expected, by week'), 'dash-heatmap'):
        ui.label(_('Each cell: progress minus expected progress at the end of the week, in points. '
                   'The colours follow the status: green ahead, light green on track, amber at risk, red off track; '
                   'empty weeks are still to come.')).classes(theme.MUTED)
        if not rows:
            ui.label(_('No snapshots yet: numbers appear after the first daily snapshot.')).classes(theme.MUTED)
            return
        options = charts.heatmap_options(board.heatmap, _, animation)
        height = max(220, 110 + 30 * len(rows))
        ui.echart(options, on_point_click=lambda e: go(rows[charts.heat_row(board.heatmap, e.data[1])], cycle_id),
                  on_click=lambda e: go(named(rows, e.name), cycle_id)) \
            .classes('w-full').style(f'height: {height}px')
        with ui.row().classes('w-full gap-x-4 gap-y-0'):
            for subject in rows:
                link_to(subject, cycle_id, 'dash-row')


def trend(board: Dashboard, animation: bool) -> None:
    with card(_('Progress over the cycle'), 'dash-trend'):
        ui.label(_('Compared with the previous cycle and the same cycle a year earlier, when they exist.')) \
            .classes(theme.MUTED)
        ui.echart(charts.trend_options(board.trend, _, animation)).classes(CHART)


def health(board: Dashboard, animation: bool, opened: dict[str, bool]) -> None:
    """`opened` remembers the rows the viewer opened, so a live update keeps them open."""
    cycle_id = board.scope.cycle_id
    subjects = [item.subject for item in board.health]
    with card(_('Health'), 'dash-health'):
        ui.label(_('Health (0–100) = {completion}% completion + {timeliness}% timeliness + {contribution}% '
                   'contribution.', completion=round(health_service.COMPLETION_WEIGHT * 100),
                   timeliness=round(health_service.TIMELINESS_WEIGHT * 100),
                   contribution=round(health_service.CONTRIBUTION_WEIGHT * 100))).classes(theme.MUTED)
        for name, text in PART_HELP.items():
            ui.label(f'{_(charts.PART_LABELS[name])}: {_(text)}').classes(theme.MUTED)
        if not board.health:
            ui.label(_('No key results in this cycle yet.')).classes(theme.MUTED)
            return
        ui.echart(charts.health_options(board.health, _, animation),
                  on_click=lambda e: go(named(subjects, e.name), cycle_id)).classes('w-full') \
            .style(f'height: {max(200, 90 + 36 * len(board.health))}px')
        for item in board.health:
            _health_detail(item, cycle_id, opened)


def _health_detail(item: Health, cycle_id: int, opened: dict[str, bool]) -> None:
    key = f'health-{item.subject.kind}-{item.subject.id}'
    with ui.expansion(f'{item.subject.title} · {item.score}', value=opened.get(key, False),
                      on_value_change=lambda e: opened.__setitem__(key, e.value)).classes('w-full') \
            .props(f'dense data-testid=dash-health-row data-kind={item.subject.kind} data-id={item.subject.id}'):
        for part in item.parts:
            ui.label(f'{_(charts.PART_LABELS[part.name])}: {percent(part.value)}').classes('font-medium')
            if part.lowered_by:
                ui.label(_('What lowers it:')).classes(theme.MUTED)
                for link in part.lowered_by:
                    link_to(link, cycle_id, 'dash-lowered')


def warnings(board: Dashboard, opened: dict[str, bool]) -> None:
    """`opened` remembers which groups the viewer opened or closed, so a live update keeps them so."""
    with card(_('Warnings'), 'dash-warnings'):
        if not board.warnings:
            ui.label(_('Nothing to warn about.')).classes(theme.MUTED)
        by_reason: dict[str, list[Warning]] = {}
        for warning in board.warnings:
            by_reason.setdefault(warning.reason, []).append(warning)
        for reason, found in by_reason.items():  # one group per reason, so a long list stays readable
            with ui.expansion(f'{_(REASON_TITLE[reason])} · {len(found)}',
                              value=opened.get(reason, len(board.warnings) <= 8),
                              on_value_change=lambda e, reason=reason: opened.__setitem__(reason, e.value)) \
                    .classes('w-full').props(f'dense data-testid=dash-warning-group data-reason={reason}'):
                for warning in found:
                    _warning(warning, board.scope.cycle_id)


def _warning(warning: Warning, cycle_id: int) -> None:
    with ui.column().classes('w-full gap-0').props(f'data-testid=dash-warning data-reason={warning.reason}'):
        link_to(warning.subject, cycle_id)
        value = round(warning.value) if warning.value is not None else ''
        ui.label(_(WARNING_TEXT[warning.reason], value=value)).classes(theme.MUTED)


def adoption(board: Dashboard, animation: bool) -> None:
    cycle_id = board.scope.cycle_id
    data: Adoption = board.adoption
    teams = [team.team for team in data.teams]
    with card(_('Adoption'), 'dash-adoption'):
        if data.finished:
            ui.label(_('This cycle is over: no weekly check-ins are due any more.')).classes(theme.MUTED) \
                .props('data-testid=dash-adoption-over')
        elif data.not_started:
            ui.label(_('This cycle has not started yet.')).classes(theme.MUTED) \
                .props('data-testid=dash-adoption-not-started')
        else:
            _weekly_adoption(data, teams, cycle_id, animation)
        ui.label(_('Scores of closed cycles')).classes('font-medium')
        ui.label(_('Key results by final score: below 0.3 missed, 0.3 to 0.7 progress made, 0.7 or more achieved.')) \
            .classes(theme.MUTED)
        score_note()
        if data.scores:
            ui.echart(charts.scores_options(data, _, animation)).classes(CHART)
        else:
            ui.label(_('No closed cycle yet.')).classes(theme.MUTED)


def _weekly_adoption(data: Adoption, teams: list[Link], cycle_id: int, animation: bool) -> None:
    ui.label(_('Each bar counts key results: the share of unfinished key results checked in this week.')) \
        .classes(theme.MUTED).props('data-testid=dash-adoption-caption')
    if data.teams:
        ui.echart(charts.adoption_options(data, _, animation),
                  on_point_click=lambda e: go(teams[e.data_index], cycle_id),
                  on_click=lambda e: go(named(teams, e.name), cycle_id)).classes('w-full') \
            .style(f'height: {max(160, 80 + 32 * len(teams))}px')
    ui.label(_('People without any check-in this week')).classes('font-medium') \
        .props('data-testid=dash-silent-title')
    if not data.silent:
        ui.label(_('Everyone with key results has checked in at least once this week.')).classes(theme.MUTED)
    with ui.row().classes('w-full gap-x-4 gap-y-0'):
        for person in data.silent:
            link_to(person, cycle_id, 'dash-silent')


def stats(board: Dashboard, animation: bool) -> None:
    cycle_id = board.scope.cycle_id
    with card(_('Daily and weekly statistics'), 'dash-stats'):
        if not board.stats:
            ui.label(_('No snapshots yet: numbers appear after the first daily snapshot.')).classes(theme.MUTED)
            return
        ui.label(_("A team's numbers cover its own objectives, its sub-teams' and its members' objectives; "
                   'Day and Week are the change in points.')).classes(theme.MUTED)
        subjects = [row.subject for row in board.stats]
        ui.echart(charts.stats_options(board.stats, _, animation),
                  on_click=lambda e: go(named(subjects, e.name), cycle_id)).classes('w-full') \
            .style(f'height: {max(180, 90 + 40 * len(board.stats))}px')
        with ui.element('div').classes('w-full overflow-x-auto'):
            with ui.grid(columns='minmax(6rem,2fr) repeat(4, minmax(min-content,1fr))') \
                    .classes('w-full gap-x-3 gap-y-1 text-sm'):
                for header in (_('Name'), _('Progress'), _('Day'), _('Week'), _('Tasks done')):
                    ui.label(header).classes('font-medium break-normal hyphens-none')
                for row in board.stats:
                    _stat_row(row, cycle_id)


def _stat_row(row: StatRow, cycle_id: int) -> None:
    def change(value: float | None) -> str:
        return '—' if value is None else f'{value * 100:+.0f}'
    link_to(row.subject, cycle_id, 'dash-stat')
    ui.label(percent(row.progress))
    ui.label(change(row.day_change))
    ui.label(change(row.week_change))
    ui.label('—' if row.task_rate is None else percent(row.task_rate))

