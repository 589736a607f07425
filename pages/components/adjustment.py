"""Mid-cycle adjustment on the objective page: what was adjusted (original and adjusted values), and the dialogs."""
import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from nicegui import background_tasks, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.i18n import _, error_text
from pages.session import acting
from services import adjustments, clock, events
from services.adjustments import AdjustmentView
from services.errors import ServiceError
from services.objective_views import KeyResultDetail

Reload = Callable[[], Awaitable[None]]
Loaded = TypeVar('Loaded')


def fill_later(container: ui.element, load: Callable[[], Awaitable[Loaded | None]],
               build: Callable[[Loaded], None]) -> None:
    """Fill a part of a section built without awaiting (a refreshable that is not async) once its data is loaded."""
    async def run() -> None:
        with container:  # the acting person is found through the container's client
            found = await load()
        if found is not None and not container.is_deleted:
            with container:
                build(found)
    background_tasks.create(run(), name='fill section')


def describe(row: AdjustmentView) -> str:
    """'adjusted: target 100 → 80 (reason)': the original and the adjusted value side by side."""
    if row.kind == 'change_target':
        return _('adjusted: target {before} → {after} ({reason})', before=fmt.number(row.before.get('target')),
                 after=fmt.number(row.after.get('target')), reason=row.reason)
    if row.kind == 'rename':
        return _('adjusted: "{before}" → "{after}" ({reason})', before=row.before.get('title', ''),
                 after=row.after.get('title', ''), reason=row.reason)
    if row.kind == 'drop':
        return _('dropped: {title}, target {target} ({reason})', title=row.before.get('title', ''),
                 target=fmt.number(row.before.get('target')), reason=row.reason)
    return _('added: {title}, target {target} ({reason})', title=row.after.get('title', ''),
             target=fmt.number(row.after.get('target')), reason=row.reason)


# One load per page render: the notes under each key result and the section share it while it runs.
_loading: dict[tuple[int, int, int], asyncio.Future[list[AdjustmentView]]] = {}


async def _adjustments(objective_id: int) -> list[AdjustmentView] | None:
    actor = await acting()
    if actor is None:
        return None
    key = (actor.id, objective_id, events.generation())
    if key not in _loading:
        _loading[key] = asyncio.ensure_future(adjustments.adjustments_of(actor, objective_id))
        _loading[key].add_done_callback(lambda done: _forget(key, done))
    try:
        return await asyncio.shield(_loading[key])
    except ServiceError:
        return None


def _forget(key: tuple[int, int, int], done: asyncio.Future) -> None:
    _loading.pop(key, None)
    if not done.cancelled():
        done.exception()  # read here too, so a load whose every reader went away is not reported as unhandled


def adjustment_note(objective_id: int, kr_id: int) -> None:
    """Under a key result: each of its adjustments with the original and the adjusted value."""
    def build(rows: list[AdjustmentView]) -> None:
        for row in rows:
            if row.key_result_id == kr_id and row.kind != 'add':
                ui.label(describe(row)).classes('text-xs text-grey-8 break-words px-1') \
                    .props(f'data-testid=kr-adjusted data-kr-id={kr_id}')

    fill_later(ui.column().classes('w-full gap-0'), lambda: _adjustments(objective_id), build)


def adjustments_section(objective_id: int, slot: DialogSlot, may_edit: bool, reload: Reload) -> None:
    """The objective's mid-cycle adjustments, dropped key results included, and adding a key result with a reason."""
    def build(rows: list[AdjustmentView]) -> None:
        if not rows and not may_edit:
            return
        ui.label(_('Mid-cycle adjustments')).classes('font-medium pt-2')
        for row in rows:
            with ui.column().classes('w-full gap-0').props('data-testid=adjustment-row'):
                ui.label(describe(row)).classes('text-sm break-words w-full')
                day = row.at.astimezone(settings().tz).date().isoformat()  # the company's day, as elsewhere
                ui.label(_('{name} on {date}', name=row.author_name, date=day)).classes(theme.MUTED)
        if may_edit:
            ui.button(_('Add a key result with a reason'), icon='playlist_add',
                      on_click=lambda: open_add_dialog(slot, objective_id, reload)) \
                .props('flat no-caps data-testid=adjust-add').classes(theme.TOUCH)

    fill_later(ui.column().classes('w-full gap-1'), lambda: _adjustments(objective_id), build)


async def _window_text(objective_id: int) -> str:
    actor = await acting()
    if actor is None:
        return ''
    try:
        window = await adjustments.adjustment_window(actor, objective_id)
    except ServiceError as error:
        return error_text(error)
    if window.open and not window.start <= clock.today() <= window.end:  # only admins adjust outside the window
        return _('Outside the window ({start} to {end}): as an admin you may adjust at any time.',
                 start=window.start.isoformat(), end=window.end.isoformat())
    return _('Adjustments are open from {start} to {end}, around the mid-cycle review.',
             start=window.start.isoformat(), end=window.end.isoformat())


async def open_adjust_dialog(slot: DialogSlot, objective_id: int, kr: KeyResultDetail, reload: Reload) -> None:
    """Change the target or wording of a key result, or drop it, with a reason."""
    card = kr.card

    async def run(change: Callable[..., Awaitable[object]], **values: object) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await change(actor, card.id, reason=reason.value or '', **values)
        except ServiceError as error:
            show_error(error, {'title': title, 'target': target, 'reason': reason}, problem)
            return
        ui.notify(_('Adjustment saved'), type='positive')
        await reload()
        slot.close()  # last: it deletes the dialog this handler runs in

    window = await _window_text(objective_id)
    with slot.open(_('Mid-cycle adjustment')) as dialog:
        ui.label(window).classes(theme.MUTED).props('data-testid=adjust-window')
        title = ui.input(_('Key result'), value=card.title).props('outlined data-testid=adjust-title') \
            .classes('w-full')
        target = ui.number(_('Target'), value=card.target) \
            .props('outlined inputmode=decimal data-testid=adjust-target').classes('w-full')
        target.set_visibility(card.kind not in adjustments.FIXED_TARGET)
        reason = ui.textarea(_('Reason'), placeholder=_('Why does this key result change?')) \
            .props(f'outlined autogrow maxlength={adjustments.MAX_REASON} data-testid=adjust-reason') \
            .classes('w-full')
        ui.label(_('The original values stay visible beside the adjusted ones, and the owner\'s manager is told.')) \
            .classes(theme.MUTED)
        problem = error_line()
        ui.button(_('Drop this key result'), icon='remove_circle_outline',
                  on_click=lambda: run(adjustments.drop_key_result)) \
            .props('flat color=negative no-caps data-testid=adjust-drop').classes(theme.TOUCH)
        actions(dialog, _('Save adjustment'), lambda: run(adjustments.adjust_key_result, title=title.value,
                                                          target=target.value), 'adjust-save')


async def open_add_dialog(slot: DialogSlot, objective_id: int, reload: Reload) -> None:
    """Add a key result at the mid-cycle review, with a reason."""
    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await adjustments.add_key_result(actor, objective_id, title=title.value or '', target=target.value,
                                             reason=reason.value or '')
        except ServiceError as error:
            show_error(error, {'title': title, 'target': target, 'reason': reason}, problem)
            return
        ui.notify(_('Adjustment saved'), type='positive')
        await reload()
        slot.close()

    window = await _window_text(objective_id)
    with slot.open(_('Add a key result with a reason')) as dialog:
        ui.label(window).classes(theme.MUTED)
        title = ui.input(_('Key result')).props('outlined data-testid=adjust-title').classes('w-full')
        target = ui.number(_('Target')).props('outlined inputmode=decimal data-testid=adjust-target').classes('w-full')
        reason = ui.textarea(_('Reason'), placeholder=_('Why does this key result change?')) \
            .props(f'outlined autogrow maxlength={adjustments.MAX_REASON} data-testid=adjust-reason') \
            .classes('w-full')
        problem = error_line()
        actions(dialog, _('Add key result'), save, 'adjust-save')
