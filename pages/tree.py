"""The alignment tree: company → teams → people, with rolled-up progress and folds."""
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import format as fmt
from pages.components.cycle_picker import cycle_picker
from pages.components.objective_parts import progress_bar
from pages.i18n import _
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import cycles, events, tree
from services.tree import AlignmentTree, TreeNode, TreeObjective

router = APIRouter()

ICONS = {'company': 'apartment', 'department': 'account_tree', 'team': 'groups', 'person': 'person'}
OPEN_DEPTH = 1  # the company and its first level start unfolded


@router.page('/tree')
async def tree_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    chosen = await cycles.current_cycle(person)
    all_cycles = await cycles.list_cycles()
    state: dict[str, Any] = {'cycle_id': chosen.id if chosen else None, 'ticket': 0}

    async def load() -> AlignmentTree | None:
        actor = await acting()
        if actor is None or state['cycle_id'] is None:
            return None
        return await tree.alignment_tree(actor, state['cycle_id'])

    async def reload() -> None:
        state['ticket'] += 1
        ticket = state['ticket']
        found = await load()
        if ticket == state['ticket'] and not client.is_deleted:
            view.refresh(found)

    @ui.refreshable
    def view(found: AlignmentTree | None) -> None:
        if found is None:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
            return
        for root in found.roots:
            node_view(root, 0)

    async def on_change(change: events.Change) -> None:
        if change.kind in ('team', 'person', 'cycle') or change.cycle_id in (None, state['cycle_id']):
            await reload()

    client = context.client
    with frame(_('Alignment'), person):
        if all_cycles:
            cycle_picker({c.id: c.name for c in all_cycles}, state, reload).classes('w-full sm:w-64')
        with ui.column().classes('w-full gap-1'):
            view(await load())
    events.okr_changed.subscribe(on_change)
    events.checkin_recorded.subscribe(on_change)
    events.org_changed.subscribe(on_change)
    return None


def node_view(node: TreeNode, depth: int) -> None:
    """A fold per node; its header carries the rolled-up progress of everything below it."""
    with ui.expansion(value=depth < OPEN_DEPTH).props(
            f'dense header-class="px-1" data-testid=tree-node data-node-kind={node.kind} data-node-id={node.id}') \
            .classes('w-full') as fold:
        with fold.add_slot('header'):
            with ui.column().classes('w-full gap-0 min-w-0 py-1'):
                with ui.row().classes('w-full items-center no-wrap gap-2'):
                    ui.icon(ICONS.get(node.kind, 'folder')).classes('text-grey-7')
                    ui.label(node.name).classes('font-medium truncate min-w-0 flex-1')
                    ui.label(fmt.percent(node.progress) if node.objective_count else '—') \
                        .classes('text-sm shrink-0').props('data-testid=tree-node-progress')
                progress_bar(node.progress, node.status)
                count = node.objective_count
                ui.label(_('1 objective') if count == 1 else _('{n} objectives', n=count)).classes(theme.MUTED)
        with ui.column().classes('w-full gap-1 pl-2 border-l'):
            for objective in node.objectives:
                objective_line(objective)
            for child in node.children:
                node_view(child, depth + 1)


def objective_line(objective: TreeObjective) -> None:
    with ui.row().classes(f'w-full items-center no-wrap gap-2 cursor-pointer rounded px-1 {theme.TOUCH}') \
            .props(f'data-testid=tree-objective data-objective-id={objective.id}') as line:
        line.on('click', lambda: ui.navigate.to(f'/objective/{objective.id}'))
        ui.icon('flag', size='xs').classes('text-grey-7 shrink-0')
        with ui.column().classes('gap-0 min-w-0 flex-1'):
            ui.label(objective.title).classes('text-sm break-words')
            progress_bar(objective.progress, objective.status if objective.key_results else None)
        ui.label(fmt.percent(objective.progress)).classes('text-sm shrink-0')
