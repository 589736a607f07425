"""A key result's action plan: tasks with owner, due date and done flag, and how many are done."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages import theme
from pages.components import format as fmt
from pages.components.objective_form import parse_date
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services import key_result_edits
from services.errors import ServiceError
from services.objective_views import KeyResultDetail, TaskRow


def completion_label(tasks: tuple[TaskRow, ...]) -> str:
    if not tasks:
        return _('Action plan')
    done = sum(task.done for task in tasks)
    return _('Action plan · {done}/{total} done ({rate})', done=done, total=len(tasks),
             rate=fmt.percent(done / len(tasks)))


def action_plan(kr: KeyResultDetail, people: dict[int, str], can_change: bool,
                on_changed: Callable[[], Awaitable[None]]) -> None:
    """The tasks in a fold under the key result; people who may check in may also change the plan."""
    kr_id = kr.card.id

    async def toggle(task: TaskRow, done: bool) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await key_result_edits.set_task_done(actor, task.id, done)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        await on_changed()

    async def remove(task: TaskRow) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await key_result_edits.delete_task(actor, task.id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        await on_changed()

    async def add() -> None:
        actor = await acting()
        if actor is None:
            return
        for element in (title, due):
            field_error(element, None)
        ok, due_date = parse_date(due.value, due)
        if not ok:
            return
        try:
            await key_result_edits.add_task(actor, kr_id, title=title.value or '', owner_id=owner.value, due=due_date)
        except ServiceError as error:
            field_error({'due': due, 'owner': owner}.get(error.field or '', title), error_text(error))
            return
        await on_changed()

    with ui.expansion(completion_label(kr.tasks), icon='checklist') \
            .props(f'dense data-testid=action-plan data-kr-id={kr_id}').classes('w-full text-sm'):
        for task in kr.tasks:
            with ui.row().classes('w-full items-center no-wrap gap-1'):
                ui.checkbox(value=task.done, on_change=lambda e, task=task: toggle(task, e.value)) \
                    .props(f'data-testid=task-done data-task-id={task.id}').classes(theme.TOUCH) \
                    .set_enabled(can_change)
                with ui.column().classes('gap-0 min-w-0 flex-1'):
                    ui.label(task.title).classes('break-words' + (' line-through text-grey-6' if task.done else ''))
                    meta = ' · '.join(filter(None, [task.owner_name, task.due.isoformat() if task.due else '']))
                    if meta:
                        ui.label(meta).classes('text-xs text-grey-7')
                if can_change:
                    ui.button(icon='delete_outline', on_click=lambda task=task: remove(task)) \
                        .props(f'flat round dense aria-label="{_("Delete task")}" data-testid=task-delete '
                               f'data-task-id={task.id}').classes(theme.TOUCH)
        if not kr.tasks:
            ui.label(_('No tasks yet.')).classes(theme.MUTED)
        if can_change:
            with ui.column().classes('w-full gap-1 pt-1'):
                title = ui.input(_('New task')).props(f'outlined dense data-testid=task-title data-kr-id={kr_id}') \
                    .classes('w-full')
                with ui.row().classes('w-full no-wrap gap-1'):
                    owner = ui.select(people, label=_('Owner'), with_input=True, clearable=True) \
                        .props('outlined dense data-testid=task-owner').classes('flex-1 min-w-0')
                    due = ui.date_input(_('Due date')).props('outlined dense data-testid=task-due') \
                        .classes('flex-1 min-w-0')
                ui.button(_('Add task'), icon='add', on_click=add) \
                    .props(f'outline data-testid=task-add data-kr-id={kr_id}').classes(theme.TOUCH)
