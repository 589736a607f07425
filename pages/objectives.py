"""Objectives: the list of a cycle with filters, the create form, and the objective page."""
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import format as fmt
from pages.components import objective_parts as parts
from pages.components.adjustment import adjustments_section
from pages.components.comments import comments_section
from pages.components.cycle_picker import cycle_picker
from pages.components.dialogs import DialogSlot, actions
from pages.components.history_chart import history_options
from pages.components.kr_block import key_result_block
from pages.components.kr_editor import open_key_result_dialog
from pages.components.lesson_button import objective_lesson_button
from pages.components.objective_form import LEVEL_LABELS, ObjectiveForm
from pages.components.undo import offer_undo
from pages.i18n import _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import cycles, events, objective_views, objectives
from services.errors import ServiceError
from services.objective_views import Choices, ObjectiveDetail
from services.objectives import ObjectiveRow

router = APIRouter()


@router.page('/objectives')
async def objectives_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    chosen = await cycles.current_cycle(person)
    choices = await objective_views.form_choices(person)
    filters: dict[str, Any] = {'team_id': None, 'owner_id': None, 'level': None, 'text': ''}
    state: dict[str, Any] = {'cycle_id': chosen.id if chosen else None, 'ticket': 0}

    async def reload() -> None:
        state['ticket'] += 1
        ticket = state['ticket']
        actor = await acting()
        if actor is None or state['cycle_id'] is None:
            return
        found = await objectives.list_objectives(actor, state['cycle_id'], **filters)
        if ticket == state['ticket'] and not client.is_deleted:
            rows.refresh(found)

    async def set_filter(name: str, value: Any) -> None:
        filters[name] = value if value not in ('', None) or name == 'text' else None
        await reload()

    @ui.refreshable
    def rows(found: list[ObjectiveRow]) -> None:
        if state['cycle_id'] is None:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
            return
        if not found:
            ui.label(_('No objectives match.')).classes(theme.MUTED)
        for row in found:
            objective_row(row)

    async def on_change(change: events.Change) -> None:
        if change.cycle_id in (None, state['cycle_id']):
            await reload()

    client = context.client
    with frame(_('Objectives'), person):
        with ui.row().classes('w-full items-center gap-2'):
            cycle_picker(dict(choices.cycles), state, reload).classes('flex-1 min-w-[10rem]')
            ui.button(_('New objective'), icon='add', on_click=lambda: ui.navigate.to('/objectives/new')) \
                .props('unelevated data-testid=objective-create').classes(theme.TOUCH)
        ui.input(_('Search titles'), on_change=lambda e: set_filter('text', e.value or '')) \
            .props('outlined dense clearable data-testid=objective-search').classes('w-full')
        with ui.row().classes('w-full gap-2'):
            ui.select({'': _('All levels'), **{k: _(v) for k, v in LEVEL_LABELS.items()}}, value='',
                      label=_('Level'), on_change=lambda e: set_filter('level', e.value)) \
                .props('outlined dense data-testid=filter-level').classes('flex-1 min-w-[8rem]')
            ui.select({'': _('All teams'), **dict(choices.teams)}, value='', label=_('Team'), with_input=True,
                      on_change=lambda e: set_filter('team_id', e.value)) \
                .props('outlined dense data-testid=filter-team').classes('flex-1 min-w-[8rem]')
            ui.select({'': _('Everyone'), **dict(choices.people)}, value='', label=_('Owner'), with_input=True,
                      on_change=lambda e: set_filter('owner_id', e.value)) \
                .props('outlined dense data-testid=filter-owner').classes('flex-1 min-w-[8rem]')
        with ui.column().classes('w-full gap-2'):
            rows(await objectives.list_objectives(person, state['cycle_id'], **filters) if state['cycle_id'] else [])
    events.okr_changed.subscribe(on_change)
    events.checkin_recorded.subscribe(on_change)
    return None


def objective_row(row: ObjectiveRow) -> None:
    with ui.card().classes(f'{theme.CARD} cursor-pointer') \
            .props(f'flat bordered data-testid=objective-row data-objective-id={row.id}') as element:
        element.on('click', lambda: ui.navigate.to(f'/objective/{row.id}'))
        where = row.team_name if row.level == 'team' else row.owner_name if row.level == 'person' else ''
        ui.label(' · '.join(filter(None, [_(LEVEL_LABELS.get(row.level, row.level)), where]))) \
            .classes('text-xs text-grey-7 truncate w-full')
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            ui.label(row.title).classes('font-medium break-words min-w-0 flex-1')
            if row.visibility == 'private':
                ui.icon('lock', size='xs').classes('text-grey-7').tooltip(_('Private'))
            if row.priority:
                ui.badge(row.priority, color='secondary').props('outline')
        parts.progress_bar(row.progress, row.status if row.key_results else None)
        with ui.row().classes('w-full items-center gap-x-3 text-sm'):
            ui.label(fmt.percent(row.progress))
            if row.key_results:
                ui.badge(fmt.status_label(row.status), color=theme.STATUS_COLOR[row.status])
            ui.label(_('1 key result') if row.key_results == 1 else _('{n} key results', n=row.key_results)) \
                .classes('text-grey-7')


@router.page('/objectives/new')
async def new_objective_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    chosen = await cycles.current_cycle(person)
    choices = await objective_views.form_choices(person)
    initial: dict[str, Any] = {'cycle_id': chosen.id if chosen else None, 'level': 'person', 'owner_id': person.id,
                               'team_id': person.team_id}
    team = request.query_params.get('team', '')
    if team.isdigit():
        initial.update(level='team', team_id=int(team))

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        values = form.values()
        if values is None:
            return
        try:
            objective = await objectives.create_objective(actor, **values)
        except ServiceError as error:
            form.show_error(error)
            return
        ui.navigate.to(f'/objective/{objective.id}')

    with frame(_('New objective'), person):
        with ui.card().classes(f'{theme.CARD} gap-3').props('flat bordered'):
            form = ObjectiveForm(choices, initial)
            with ui.row().classes('w-full justify-end gap-2'):
                ui.button(_('Cancel'), on_click=lambda: ui.navigate.to('/objectives')).props('flat') \
                    .classes(theme.TOUCH)
                ui.button(_('Save'), on_click=save).props('unelevated data-testid=objective-save') \
                    .classes(f'{theme.TOUCH} flex-1 sm:flex-none')
    return None


@router.page('/objective/{objective_id}')
async def objective_page(request: Request, objective_id: int) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    choices = await objective_views.form_choices(person)
    people = dict(choices.people)
    slot = DialogSlot()
    state: dict[str, Any] = {'ticket': 0, 'deleted': False}
    shown: set[int] = {objective_id}

    async def load() -> ObjectiveDetail | ServiceError | None:
        actor = await acting()
        if actor is None:
            return None
        try:
            return await objective_views.objective_detail(actor, objective_id)
        except ServiceError as error:
            return error

    async def reload() -> None:
        state['ticket'] += 1
        ticket = state['ticket']
        found = await load()
        if found is not None and ticket == state['ticket'] and not client.is_deleted:
            view.refresh(found)

    async def set_deleted(deleted: bool) -> None:
        """Soft-delete the objective (offering Undo) or bring it back."""
        actor = await acting()
        if actor is None:
            return
        change = objectives.delete_objective if deleted else objectives.restore_objective
        try:
            await change(actor, objective_id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        state['deleted'] = deleted
        if deleted:
            offer_undo(_('Objective deleted'), lambda: set_deleted(False))
        await reload()

    @ui.refreshable
    def view(found: ObjectiveDetail | ServiceError) -> None:
        if state['deleted'] or isinstance(found, ServiceError):
            message = _('This objective was deleted.') if state['deleted'] else error_text(found)
            ui.label(message).classes(theme.MUTED).props('data-testid=objective-missing')
            ui.button(_('All objectives'), on_click=lambda: ui.navigate.to('/objectives')).props('flat')
            return
        shown.clear()
        shown.update({found.id, *(item.objective_id for item in found.parents + found.children)})
        objective_view(found)

    def objective_view(detail: ObjectiveDetail) -> None:
        may_edit = detail.can_edit and not detail.locked
        parts.objective_header(detail)
        if may_edit:
            with ui.row().classes('w-full gap-2'):
                ui.button(_('Edit'), icon='edit', on_click=lambda: open_edit_dialog(detail)) \
                    .props('outline data-testid=objective-edit').classes(theme.TOUCH)
                ui.button(_('Delete'), icon='delete_outline', on_click=lambda: set_deleted(True)) \
                    .props('flat color=negative data-testid=objective-delete').classes(theme.TOUCH)
        parts.warnings_banner(detail)
        objective_lesson_button(slot, detail)
        with ui.row().classes('w-full items-center'):
            ui.label(_('Key results')).classes(theme.TITLE)
            ui.space()
            if may_edit:
                ui.button(_('Add key result'), icon='add',
                          on_click=lambda: open_key_result_dialog(slot, detail.id, people, reload)) \
                    .props('unelevated data-testid=kr-add').classes(theme.TOUCH)
        if not detail.key_results:
            ui.label(_('No key results yet.')).classes(theme.MUTED)
        for kr in detail.key_results:
            key_result_block(detail, kr, slot, people, reload)
        adjustments_section(detail.id, slot, may_edit, reload)
        if detail.key_results:
            ui.label(_('Progress over time')).classes('font-medium pt-2')
            ui.echart(history_options([(series.title, series.points) for series in detail.history])) \
                .classes('w-full h-64').props('data-testid=objective-history')
        parts.links_section(detail, slot, may_edit, reload)
        parts.alignments_section(detail, slot, may_edit, reload)

    def open_edit_dialog(detail: ObjectiveDetail) -> None:
        async def save() -> None:
            actor = await acting()
            if actor is None:
                return
            values = form.values()
            if values is None:
                return
            try:
                await objectives.update_objective(actor, detail.id, **values)
            except ServiceError as error:
                form.show_error(error)
                return
            ui.notify(_('Objective saved'), type='positive')
            await reload()
            slot.close()  # last: it deletes the dialog this handler runs in

        with slot.open(_('Edit objective')) as dialog:
            form = ObjectiveForm(editable_choices(choices, detail), detail_values(detail))
            actions(dialog, _('Save'), save, 'objective-save')

    async def on_change(change: events.Change) -> None:
        if change.objective_id in shown or (change.kind == 'objective' and change.id in shown):
            await reload()

    client = context.client
    with frame(_('Objective'), person):
        found = await load()
        if found is None:
            return None
        view(found)
        await comments_section(objective_id)
    events.okr_changed.subscribe(on_change)
    events.checkin_recorded.subscribe(on_change)
    return None


def detail_values(detail: ObjectiveDetail) -> dict[str, Any]:
    return {'cycle_id': detail.cycle_id, 'level': detail.level, 'team_id': detail.team_id,
            'owner_id': detail.owner_id, 'title': detail.title, 'description': detail.description,
            'kind': detail.kind, 'priority': detail.priority, 'tags': detail.tags, 'due': detail.due,
            'visibility': detail.visibility}


def editable_choices(choices: Choices, detail: ObjectiveDetail) -> Choices:
    """Keep the objective's own team and owner selectable even when archived or inactive."""
    teams = choices.teams if detail.team_id is None or detail.team_id in dict(choices.teams) \
        else (*choices.teams, (detail.team_id, detail.team_name))
    people = choices.people if detail.owner_id is None or detail.owner_id in dict(choices.people) \
        else (*choices.people, (detail.owner_id, detail.owner_name))
    return Choices(choices.cycles, teams, people)
