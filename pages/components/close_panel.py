"""The admin's close panel of a cycle in review: what is still to do, then close it, locked or open to late updates."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages import theme
from pages.components.dialogs import DialogSlot, error_line
from pages.i18n import _, error_text
from pages.session import acting
from services import closing
from services.closing import Checklist
from services.cycles import CycleInfo
from services.errors import ServiceError


def _checklist(checklist: Checklist) -> None:
    ui.label(_('Self-assessed: {done} of {total} key results', done=checklist.self_assessed,
               total=checklist.key_results)).props('data-testid=close-self-assessed')
    ui.label(_('Reviewed by managers: {done} of {total} key results', done=checklist.reviewed,
               total=checklist.key_results)).props('data-testid=close-reviewed')
    if checklist.without_owner:
        ui.label(_('{n} key results have no owner: their progress stands as their score.',
                   n=checklist.without_owner)).classes(f'{theme.MUTED} break-words w-full')
    if checklist.without_manager:
        ui.label(_('{n} key results belong to people without a manager: an admin reviews them on the reviews page.',
                   n=checklist.without_manager)).classes(f'{theme.MUTED} break-words w-full')
    if checklist.complete:
        ui.label(_('Everyone is done.')).classes('text-positive').props('data-testid=close-complete')
        return
    with ui.column().classes('w-full gap-0').props('data-testid=close-people'):
        ui.label(_('Still to do:')).classes('text-sm font-medium')
        for todo in checklist.people:
            ui.label(_('{name}: {assess} to self-assess, {review} to review', name=todo.name,
                       assess=todo.to_assess, review=todo.to_review)).classes('text-sm break-words w-full')


async def open_close_panel(dialogs: DialogSlot, cycle: CycleInfo, on_closed: Callable[[], Awaitable[None]]) -> None:
    """Show the checklist; closing asks no more than this: the panel is the confirmation."""
    actor = await acting()
    if actor is None:
        return
    try:
        checklist = await closing.checklist(actor, cycle.id)
    except ServiceError as error:
        ui.notify(error_text(error), type='negative')
        return

    async def close(allow_late: bool) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await closing.close_cycle(actor, cycle.id, allow_late=allow_late)
        except ServiceError as error:
            line.set_text(error_text(error))
            return
        dialogs.close()
        await on_closed()

    with dialogs.open(_('Close {name}', name=cycle.name)) as dialog:
        _checklist(checklist)
        ui.label(_('Closing locks the cycle: no more check-ins, edits or assessments. '
                   'Allow late updates to keep them open after closing.')).classes(f'{theme.MUTED} break-words w-full')
        line = error_line()
        with ui.column().classes('w-full gap-2 pt-2'):
            ui.button(_('Close and lock'), icon='lock', on_click=lambda: close(False)) \
                .props('unelevated data-testid=close-cycle').classes(f'{theme.TOUCH} w-full')
            ui.button(_('Close and allow late updates'), icon='lock_open', on_click=lambda: close(True)) \
                .props('outline data-testid=close-cycle-late').classes(f'{theme.TOUCH} w-full')
            ui.button(_('Cancel'), on_click=dialog.close).props('flat').classes(f'{theme.TOUCH} w-full')
