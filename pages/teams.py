"""The org tree with folds and the admin's actions on it; the team page with progress in a chosen cycle."""
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import live
from pages.components.cycle_picker import cycle_picker
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.components.export_menu import export_menu
from pages.components.team_sections import KIND_LABELS, people_count, render_minutes, render_team
from pages.i18n import _, error_text
from pages.layout import frame
from pages.retrospectives import retrospective_button
from pages.session import acting, login_redirect, open_session
from services import cycles, events, people, standups, teams
from services.errors import ServiceError
from services.team_page import team_page
from services.teams import TeamChoice, TeamNode

if TYPE_CHECKING:
    from models.org import User as Person

router = APIRouter()

KIND_ICONS = {'company': 'business', 'department': 'corporate_fare', 'team': 'groups'}
INDENT_PX = 14
MAX_INDENT = 5  # deeper levels stop indenting so a phone never scrolls sideways


def picker_options(choices: list[TeamChoice], *, leave_out: set[int] = frozenset()) -> dict[int, str]:
    """Teams in tree order, indented with dots by depth."""
    return {choice.id: '· ' * choice.depth + choice.name for choice in choices if choice.id not in leave_out}


def _descendants(node: TeamNode) -> set[int]:
    found = {node.id}
    for child in node.children:
        found |= _descendants(child)
    return found


@router.page('/teams')
async def teams_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    dialogs = DialogSlot()
    state: dict[str, bool] = {'archived': False}
    unfolded: set[int] = set()

    async def save_with(fields: dict[str, ui.element], line: ui.label,
                        write: Callable[['Person'], Awaitable[object]]) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await write(actor)
        except ServiceError as error:
            show_error(error, fields, line)
            return
        dialogs.close()
        await tree_section.refresh()

    async def open_create(parent_id: int | None = None) -> None:
        actor = await acting()
        if actor is None:
            return
        choices = await teams.team_choices(actor)
        with dialogs.open(_('New team')) as dialog:
            name = ui.input(_('Name')).props('outlined autofocus data-testid=team-name').classes('w-full')
            kind = ui.select({key: _(KIND_LABELS[key]) for key in ('department', 'team')}, value='team',
                             label=_('Kind')).props('outlined data-testid=team-kind').classes('w-full')
            parent = ui.select(picker_options(choices), value=parent_id or (choices[0].id if choices else None),
                               label=_('Belongs to')).props('outlined data-testid=team-parent').classes('w-full')
            line = error_line()
            fields = {'name': name, 'kind': kind, 'parent': parent}
            actions(dialog, _('Create'), lambda: save_with(fields, line, lambda actor: teams.create_team(
                actor, name=name.value or '', parent_id=parent.value, kind=kind.value)), 'team-save')

    def open_rename(node: TeamNode) -> None:
        with dialogs.open(_('Rename team')) as dialog:
            name = ui.input(_('Name'), value=node.name).props('outlined autofocus data-testid=team-name') \
                .classes('w-full')
            line = error_line()
            actions(dialog, _('Save'), lambda: save_with({'name': name}, line, lambda actor: teams.rename_team(
                actor, node.id, name.value or '')), 'team-save')

    async def open_move(node: TeamNode) -> None:
        actor = await acting()
        if actor is None:
            return
        choices = picker_options(await teams.team_choices(actor), leave_out=_descendants(node))
        with dialogs.open(_('Move {name}', name=node.name)) as dialog:
            ui.label(_('Its sub-teams and people move with it.')).classes(theme.MUTED)
            parent = ui.select(choices, value=node.parent_id if node.parent_id in choices else None,
                               label=_('Belongs to')).props('outlined data-testid=team-parent').classes('w-full')
            line = error_line()
            actions(dialog, _('Move'), lambda: save_with({'parent': parent}, line,
                                                         lambda actor: teams.move_team(actor, node.id, parent.value)),
                    'team-save')

    async def open_leads(node: TeamNode) -> None:
        actor = await acting()
        if actor is None:
            return
        options = {choice.id: choice.name for choice in await people.person_choices(actor)}
        with dialogs.open(_('Leads of {name}', name=node.name)) as dialog:
            leads = ui.select(options, value=[lead.id for lead in node.leads if lead.id in options], multiple=True,
                              label=_('Leads'), with_input=True).props('outlined use-chips data-testid=team-leads') \
                .classes('w-full')
            line = error_line()
            actions(dialog, _('Save'), lambda: save_with({'leads': leads}, line, lambda actor: teams.set_leads(
                actor, node.id, list(leads.value or []))), 'team-save')

    def open_archive(node: TeamNode) -> None:
        title = _('Restore {name}?', name=node.name) if node.archived else _('Archive {name}?', name=node.name)
        with dialogs.open(title) as dialog:
            ui.label(_('It comes back with its sub-teams and appears in pickers again.') if node.archived else
                     _('It and its sub-teams disappear from pickers. People and objectives stay.')) \
                .classes('text-sm break-words w-full')
            line = error_line()
            change = teams.unarchive_team if node.archived else teams.archive_team
            actions(dialog, _('Restore') if node.archived else _('Archive'),
                    lambda: save_with({}, line, lambda actor: change(actor, node.id)), 'team-save',
                    color='primary' if node.archived else 'negative')

    def toggle_fold(node_id: int, children: ui.column, button: ui.button) -> None:
        unfolded.symmetric_difference_update({node_id})
        children.set_visibility(node_id in unfolded)
        button.props(f'icon={"expand_more" if node_id in unfolded else "chevron_right"}')

    def admin_menu(node: TeamNode) -> None:
        with ui.button(icon='more_vert').props(f'flat round aria-label="{_("Actions")}" '
                                               f'data-testid=team-menu data-team-id={node.id}').classes(theme.TOUCH):
            with ui.menu():
                entries = [('add', _('Add a sub-team'), 'team-add-child', lambda: open_create(node.id)),
                           ('edit', _('Rename'), 'team-rename', lambda: open_rename(node)),
                           ('star', _('Leads'), 'team-leads-open', lambda: open_leads(node))]
                if node.parent_id is not None:
                    entries.insert(2, ('drive_file_move', _('Move'), 'team-move', lambda: open_move(node)))
                    entries.append(('unarchive' if node.archived else 'archive',
                                    _('Restore') if node.archived else _('Archive'), 'team-archive',
                                    lambda: open_archive(node)))
                if node.archived:
                    entries = [entry for entry in entries if entry[2] in ('team-archive', 'team-rename')]
                for icon, label, testid, handler in entries:
                    with ui.menu_item(on_click=handler).props(f'data-testid={testid} data-team-id={node.id}') \
                            .classes(theme.TOUCH):
                        with ui.row().classes('items-center gap-3 no-wrap'):
                            ui.icon(icon)
                            ui.label(label)

    def render(node: TeamNode, depth: int, is_admin: bool) -> None:
        with ui.row().classes('w-full items-center no-wrap gap-1 py-1 border-b') \
                .style(f'padding-left: {min(depth, MAX_INDENT) * INDENT_PX}px') \
                .props(f'data-testid=team-node data-team-id={node.id}'):
            if node.children:
                fold = ui.button(icon='expand_more' if node.id in unfolded else 'chevron_right') \
                    .props(f'flat round dense aria-label="{_("Fold")}" data-testid=team-fold data-team-id={node.id}') \
                    .classes(theme.TOUCH)
            else:
                ui.element('div').classes('w-8 shrink-0')
            ui.icon(KIND_ICONS.get(node.kind, 'groups')).classes('text-grey-7 shrink-0')
            with ui.column().classes('gap-0 min-w-0 flex-1'):
                ui.link(node.name, f'/team/{node.id}').classes(
                    'font-medium truncate w-full ' + ('text-grey-6 line-through' if node.archived else ''))
                details = [_(KIND_LABELS.get(node.kind, 'Team')), people_count(node.member_count)]
                if node.leads:
                    details.append(_('Leads: {names}', names=', '.join(lead.name for lead in node.leads)))
                if node.archived:
                    details.append(_('archived'))
                ui.label(' · '.join(details)).classes(f'{theme.MUTED} truncate w-full')
            if is_admin:
                admin_menu(node)
        if node.children:
            with ui.column().classes('w-full gap-0') as children:
                for child in node.children:
                    render(child, depth + 1, is_admin)
            children.set_visibility(node.id in unfolded)
            fold.on_click(lambda node_id=node.id, children=children, fold=fold: toggle_fold(node_id, children, fold))

    @ui.refreshable
    async def tree_section() -> None:
        actor = await acting()
        if actor is None:
            return
        nodes = await teams.org_tree(actor, include_archived=state['archived'] and actor.is_admin)
        if not unfolded:  # first view: the company and its departments open
            unfolded.update(node.id for root in nodes for node in (root, *root.children) if node.children)
        with ui.column().classes('w-full gap-0').props('data-testid=team-tree'):
            for root in nodes:
                render(root, 0, actor.is_admin)

    async def show_archived(value: bool) -> None:
        state['archived'] = value
        await tree_section.refresh()

    async def on_org_change(change: events.Change) -> None:
        if change.kind in ('team', 'person'):
            await live.refresh(tree_section, client)

    with frame(_('Teams'), person):
        if person.is_admin:
            with ui.row().classes('w-full items-center gap-2'):
                ui.button(_('New team'), icon='add', on_click=lambda: open_create()) \
                    .props('unelevated data-testid=team-create').classes(theme.TOUCH)
                ui.space()
                ui.switch(_('Show archived'), on_change=lambda e: show_archived(e.value)) \
                    .props('data-testid=teams-show-archived')
        await tree_section()
    events.org_changed.subscribe(on_org_change)
    return None


@router.page('/team/{team_id}')
async def team_view_page(request: Request, team_id: int) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    chosen = await cycles.current_cycle(person)
    state: dict[str, int | None] = {'cycle_id': chosen.id if chosen else None}
    shown: set[int] = set()

    @ui.refreshable
    async def team_section() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            page = await team_page(actor, team_id, state['cycle_id'])
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative').props('data-testid=team-missing')
            return
        shown.clear()
        shown.update(item.id for item in page.objectives)
        render_team(page)

    @ui.refreshable
    async def minutes_section() -> None:
        actor = await acting()
        if actor is None:
            return
        cycle_id = state['cycle_id']
        render_minutes(await standups.minutes(actor, team_id),
                       f'/board?team={team_id}&cycle={cycle_id}' if cycle_id else None)

    async def on_okr_change(change: events.Change) -> None:
        if change.team_id == team_id or change.objective_id in shown or change.kind in ('team', 'person'):
            await live.refresh(team_section, client)

    async def on_standup(change: events.Change) -> None:
        if change.kind == 'standup_ended' and change.team_id == team_id:
            await live.refresh(minutes_section, client)

    async def cycle_chosen() -> None:
        await live.refresh(team_section, client)
        await live.refresh(minutes_section, client)

    with frame(_('Team'), person):
        all_cycles = await cycles.list_cycles()
        if all_cycles:
            cycle_picker({c.id: c.name for c in all_cycles}, state, cycle_chosen).classes('w-full sm:w-64')
            export_menu(lambda: state['cycle_id'], team_id)
        retrospective_button(lambda: state['cycle_id'], team_id)
        await team_section()
        await minutes_section()
    for event in (events.okr_changed, events.checkin_recorded, events.org_changed):
        event.subscribe(on_okr_change)
    events.standup_changed.subscribe(on_standup)
    return None
