"""The team page's sections: path, progress, objectives, leads, members, sub-teams, stand-up minutes."""
from typing import TYPE_CHECKING

from nicegui import ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.i18n import N_, _
from services.team_page import ObjectiveProgress, TeamPage

if TYPE_CHECKING:
    from services.standups import Minutes

KIND_LABELS = {'company': N_('Company'), 'department': N_('Department'), 'team': N_('Team')}


def people_count(n: int) -> str:
    return _('1 person') if n == 1 else _('{n} people', n=n)


def _section(title: str) -> ui.column:
    ui.label(title).classes('text-subtitle1 font-medium pt-2')
    return ui.column().classes('w-full gap-1')


def _objective_card(item: ObjectiveProgress) -> None:
    color = theme.STATUS_COLOR.get(item.status, 'primary')
    with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=team-objective data-objective-id={item.id}'):
        ui.link(item.title, f'/objective/{item.id}').classes('text-base font-medium break-words w-full')
        ui.linear_progress(value=round(item.progress, 3), show_value=False, size='10px', color=color) \
            .props('rounded').classes('my-1')
        with ui.row().classes('w-full items-center gap-x-3 gap-y-1 text-sm'):
            ui.label(fmt.percent(item.progress)).classes('font-medium').props('data-testid=objective-progress')
            ui.badge(fmt.status_label(item.status), color=color)
            ui.label(_('{n} key results', n=item.key_result_count)).classes('text-grey-7')
            if item.owner_name:
                ui.label(item.owner_name).classes('text-grey-7 truncate')


def _people(names: list[str], empty: str) -> None:
    if not names:
        ui.label(empty).classes(theme.MUTED)
        return
    with ui.row().classes('w-full gap-1'):
        for name in names:
            ui.chip(name, icon='person').props('outline dense')


def render_team(page: TeamPage) -> None:
    if page.path:
        with ui.row().classes('w-full items-center gap-1 text-sm').props('data-testid=team-path'):
            for ref in page.path:
                ui.link(ref.name, f'/team/{ref.id}').classes('truncate max-w-[40vw]')
                ui.icon('chevron_right').classes('text-grey-6')
    with ui.row().classes('w-full items-center gap-2'):
        ui.label(page.name).classes(f'{theme.TITLE} break-words min-w-0').props('data-testid=team-name-title')
        ui.badge(_(KIND_LABELS.get(page.kind, 'Team')), color='secondary')
        if page.archived:
            ui.badge(_('archived'), color='grey')
    with ui.card().classes(theme.CARD).props('flat bordered'):
        with ui.row().classes('w-full items-baseline gap-2'):
            ui.label(_('Progress')).classes(theme.MUTED)
            ui.label(fmt.percent(page.progress)).classes('text-h5 font-medium').props('data-testid=team-progress')
        ui.linear_progress(value=round(page.progress, 3), show_value=False, size='12px').props('rounded')
        ui.label(_("The average of this team's own objectives. The dashboard also counts its sub-teams' and "
                   "members' objectives.")).classes(f'{theme.MUTED} text-xs')
    with _section(_('Objectives')):
        if page.cycle_id is None:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
        elif not page.objectives:
            ui.label(_('This team has no objectives in this cycle.')).classes(theme.MUTED)
        for item in page.objectives:
            _objective_card(item)
    with _section(_('Leads')):
        _people([lead.name for lead in page.leads], _('No leads yet.'))
    with _section(_('Members')):
        _people([member.name for member in page.members], _('No members yet.'))
    if page.sub_teams:
        with _section(_('Sub-teams')):
            for sub in page.sub_teams:
                with ui.row().classes(f'w-full items-center no-wrap gap-2 border-b {theme.TOUCH}'):
                    ui.link(sub.name, f'/team/{sub.id}').classes('flex-1 min-w-0 truncate')
                    ui.label(people_count(sub.member_count)).classes(theme.MUTED)


def render_minutes(minutes: 'list[Minutes]', board_link: str | None) -> None:
    """The team's last stand-ups, newest first: when, who ended it, and the notes taken."""
    with ui.row().classes('w-full items-center gap-2 pt-2'):
        ui.label(_('Stand-up minutes')).classes('text-subtitle1 font-medium flex-1')
        if board_link:
            ui.link(_('Open the stand-up board'), board_link).props('data-testid=team-board-link')
    with ui.column().classes('w-full gap-2').props('data-testid=team-minutes'):
        if not minutes:
            ui.label(_('No stand-up has been ended on the board yet.')).classes(theme.MUTED)
        for entry in minutes:
            with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=team-minutes-entry '
                                                     f'data-standup-id={entry.id}'):
                heading = _('{when} · {cycle}', when=fmt.when(entry.ended_at, settings().tz), cycle=entry.cycle_name)
                if entry.ended_by:
                    heading += ' · ' + _('ended by {name}', name=entry.ended_by)
                ui.label(heading).classes(theme.MUTED)
                _minutes_text(entry.notes)


SHORT_MINUTES = 400  # characters shown before "Show all"


def _minutes_text(notes: str) -> None:
    if not notes:
        ui.label(_('No notes were taken.')).classes(theme.MUTED)
        return
    text = ui.label(notes if len(notes) <= SHORT_MINUTES else notes[:SHORT_MINUTES] + '…') \
        .classes('whitespace-pre-wrap break-words w-full').props('data-testid=team-minutes-notes')
    if len(notes) > SHORT_MINUTES:
        def show_all() -> None:
            text.set_text(notes)
            button.delete()
        button = ui.button(_('Show all'), on_click=show_all).props('flat dense data-testid=team-minutes-more')
