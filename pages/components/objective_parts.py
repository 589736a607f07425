"""Parts of the objective page: header, warnings, links and alignments."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages import theme
from pages.components import format as fmt
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.components.objective_form import KIND_LABELS, LEVEL_LABELS
from pages.i18n import N_, _, error_text
from pages.session import acting
from services import objective_views, objectives
from services.errors import Invalid, ServiceError
from services.objective_views import AlignedItem, ObjectiveDetail

LINK_KINDS = {'document': N_('Document'), 'meeting': N_('Meeting notes'), 'reference': N_('Reference')}
LINK_ICONS = {'document': 'description', 'meeting': 'groups', 'reference': 'bookmark'}
Changed = Callable[[], Awaitable[None]]


def progress_bar(progress: float, status: str | None) -> None:
    color = theme.STATUS_COLOR.get(status or '', 'grey-5')
    ui.linear_progress(value=round(progress, 3), show_value=False, size='10px', color=color) \
        .props('rounded').classes('my-1')


def objective_header(detail: ObjectiveDetail) -> None:
    with ui.card().classes(theme.CARD).props('flat bordered'):
        where = detail.team_name if detail.level == 'team' else detail.owner_name if detail.level == 'person' else ''
        ui.label(' · '.join(filter(None, [_(LEVEL_LABELS[detail.level]) if detail.level in LEVEL_LABELS else '',
                                          where, detail.cycle_name]))).classes('text-xs text-grey-7 break-words')
        ui.label(detail.title).classes(f'{theme.TITLE} break-words w-full').props('data-testid=objective-heading')
        progress_bar(detail.progress, detail.status if detail.key_results else None)
        with ui.row().classes('w-full items-center gap-x-3 gap-y-1 text-sm'):
            ui.label(fmt.percent(detail.progress)).classes('font-medium')
            if detail.key_results:
                ui.badge(fmt.status_label(detail.status), color=theme.STATUS_COLOR[detail.status])
            ui.label(_(KIND_LABELS.get(detail.kind, detail.kind))).classes('text-grey-8')
            if detail.priority:
                ui.badge(detail.priority, color='secondary').props('outline')
            if detail.due:
                ui.label(_('due {date}', date=detail.due.isoformat())).classes('text-grey-7')
            if detail.owner_name and detail.level != 'person':
                ui.label(_('owner {name}', name=detail.owner_name)).classes('text-grey-7')
            if detail.visibility == 'private':
                with ui.row().classes('items-center gap-1 text-grey-8').props('data-testid=objective-private'):
                    ui.icon('lock', size='xs')
                    ui.label(_('Private'))
            if detail.locked:
                ui.icon('lock_clock').classes('text-grey-6').tooltip(_('This cycle is locked'))
        if detail.description:
            ui.label(detail.description).classes('text-sm whitespace-pre-wrap break-words w-full')
        if detail.tags:
            with ui.row().classes('gap-1'):
                for tag in detail.tags:
                    ui.chip(tag).props('dense outline')


def warnings_banner(detail: ObjectiveDetail) -> None:
    """Nudges towards good key results; nothing here blocks saving."""
    if not detail.warnings:
        return
    with ui.row().classes('w-full items-start no-wrap gap-2 bg-amber-1 text-amber-10 rounded p-2') \
            .props('role=status data-testid=objective-warnings'):
        ui.icon('lightbulb').classes('text-amber-8')
        with ui.column().classes('gap-0 min-w-0'):
            for warning in detail.warnings:
                ui.label(_(warning.message, **dict(warning.params))).classes('text-sm break-words')


def links_section(detail: ObjectiveDetail, slot: DialogSlot, can_change: bool, on_changed: Changed) -> None:
    async def remove(link_id: int) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await objectives.remove_link(actor, link_id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        await on_changed()

    with ui.row().classes('w-full items-center'):
        ui.label(_('Links')).classes('font-medium')
        ui.space()
        if can_change:
            ui.button(_('Add link'), icon='add_link', on_click=lambda: open_link_dialog(slot, detail.id, on_changed)) \
                .props('flat no-caps data-testid=link-add').classes(theme.TOUCH)
    if not detail.links:
        ui.label(_('No links yet.')).classes(theme.MUTED)
    for link in detail.links:
        with ui.row().classes('w-full items-center no-wrap gap-2').props('data-testid=objective-link'):
            ui.icon(LINK_ICONS.get(link.kind, 'link')).classes('text-grey-7')
            with ui.column().classes('gap-0 min-w-0 flex-1'):
                if is_web_address(link.url):
                    ui.link(link.title, link.url, new_tab=True).props('rel="noopener noreferrer"') \
                        .classes('break-words')
                else:
                    ui.label(link.title).classes('break-words')
                ui.label(_(LINK_KINDS.get(link.kind, link.kind))).classes('text-xs text-grey-7')
            if can_change:
                ui.button(icon='link_off', on_click=lambda link_id=link.id: remove(link_id)) \
                    .props(f'flat round dense aria-label="{_("Remove link")}" data-testid=link-remove '
                           f'data-link-id={link.id}').classes(theme.TOUCH)


def is_web_address(url: str) -> bool:
    try:
        objectives.clean_url(url)
    except Invalid:
        return False
    return True


def open_link_dialog(slot: DialogSlot, objective_id: int, on_changed: Changed) -> None:
    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await objectives.add_link(actor, objective_id, title=title.value or '', url=url.value or '',
                                      kind=kind.value)
        except ServiceError as error:
            show_error(error, {'title': title, 'url': url, 'kind': kind}, problem)
            return
        await on_changed()
        slot.close()  # last: it deletes the dialog this handler runs in

    with slot.open(_('Add link')) as dialog:
        url = ui.input(_('Web address'), placeholder='https://').props('outlined data-testid=link-url') \
            .classes('w-full')
        title = ui.input(_('Title')).props('outlined data-testid=link-title').classes('w-full')
        kind = ui.select({key: _(label) for key, label in LINK_KINDS.items()}, label=_('Kind'), value='document') \
            .props('outlined data-testid=link-kind').classes('w-full')
        problem = error_line()
        actions(dialog, _('Save'), save, 'link-save')


def aligned_row(item: AlignedItem, testid: str) -> None:
    with ui.card().classes(f'{theme.CARD} cursor-pointer').props(
            f'flat bordered data-testid={testid} data-objective-id={item.objective_id}') as row:
        row.on('click', lambda: ui.navigate.to(f'/objective/{item.objective_id}'))
        ui.label(item.context).classes('text-xs text-grey-7 break-words')
        with ui.row().classes('w-full items-center no-wrap gap-2'):
            if item.kind == 'key_result':
                ui.icon('subdirectory_arrow_right').classes('text-grey-7')
            ui.label(item.title).classes('break-words min-w-0 flex-1')
            ui.label(fmt.percent(item.progress)).classes('text-sm')
        progress_bar(item.progress, item.status)


def alignments_section(detail: ObjectiveDetail, slot: DialogSlot, can_change: bool, on_changed: Changed) -> None:
    with ui.row().classes('w-full items-center'):
        ui.label(_('Aligns to')).classes('font-medium')
        ui.space()
        if can_change:
            ui.button(_('Change'), icon='call_merge', on_click=lambda: open_alignment_dialog(slot, detail.id,
                                                                                              on_changed)) \
                .props('flat no-caps data-testid=align-edit').classes(theme.TOUCH)
    if not detail.parents:
        ui.label(_('Not aligned to anything yet.')).classes(theme.MUTED)
    for item in detail.parents:
        aligned_row(item, 'aligned-parent')
    ui.label(_('Contributing objectives')).classes('font-medium pt-2')
    if not detail.children:
        ui.label(_('No objective aligns to this one yet.')).classes(theme.MUTED)
    for item in detail.children:
        aligned_row(item, 'aligned-child')


async def open_alignment_dialog(slot: DialogSlot, objective_id: int, on_changed: Changed) -> None:
    """Pick parents among objectives and key results of every team and cycle (loops are not offered)."""
    actor = await acting()
    if actor is None:
        return
    choices = await objective_views.alignment_choices(actor, objective_id)

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        keys = [str(key) for key in picker.value or []]
        try:
            await objectives.set_alignments(
                actor, objective_id, [int(k.split(':')[1]) for k in keys if k.startswith('objective:')],
                [int(k.split(':')[1]) for k in keys if k.startswith('key_result:')])
        except ServiceError as error:
            show_error(error, {'parents': picker}, problem)
            return
        await on_changed()
        slot.close()

    with slot.open(_('Aligns to')) as dialog:
        ui.label(_('Choose objectives or key results above this one, in any team or cycle.')).classes(theme.MUTED)
        picker = ui.select(dict(choices.options), multiple=True, with_input=True, value=list(choices.chosen),
                           label=_('Objectives and key results')) \
            .props('outlined use-chips data-testid=align-select').classes('w-full')
        problem = error_line()
        actions(dialog, _('Save'), save, 'align-save')
