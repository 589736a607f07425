"""The phone check-in sheet: starts from the last value; control by key-result type; refuses stale saves."""
from collections.abc import Awaitable, Callable

from nicegui import context, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.components.comments import checkin_comments
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services import checkins, key_results
from services.errors import Conflict, ServiceError
from services.key_results import KeyResultCard


def _value_control(card: KeyResultCard) -> tuple[ui.element, Callable[[], float | None]]:
    """The input that suits the type, and a function that reads its value."""
    if card.kind == 'boolean':
        toggle = ui.toggle({0: _('not done'), 1: _('done')}, value=1 if card.current >= 1 else 0) \
            .props('spread no-caps toggle-color=positive data-testid=checkin-value').classes('w-full')
        return toggle, lambda: toggle.value
    if card.kind == 'milestone':
        total = len(card.steps) or int(card.target or 0)
        options = {0: _('No step done yet')}
        for index in range(1, total + 1):
            title = card.steps[index - 1] if index <= len(card.steps) else _('Step {n}', n=index)
            options[index] = f'{index}. {title}'
        radio = ui.radio(options, value=min(int(card.current), total)).props('data-testid=checkin-value')
        return radio, lambda: radio.value
    with ui.row().classes('w-full items-center no-wrap gap-2'):
        step = 1 if card.target is None or abs(card.target - card.start) >= 10 or card.kind == 'percent' else 0.1
        number = ui.number(_('New value'), value=card.current, suffix=card.unit or None) \
            .props('outlined inputmode=decimal data-testid=checkin-value').classes('flex-1 text-lg')

        def bump(delta: float) -> None:
            number.value = round((number.value or 0) + delta, 6)
        ui.button(icon='remove', on_click=lambda: bump(-step)).props(
            f'round outline aria-label="{_("Decrease")}" data-testid=checkin-minus').classes(theme.TOUCH)
        ui.button(icon='add', on_click=lambda: bump(step)).props(
            f'round unelevated aria-label="{_("Increase")}" data-testid=checkin-plus').classes(theme.TOUCH)
    return number, lambda: number.value


async def open_history(kr_id: int) -> None:
    actor = await acting()
    if actor is None:
        return
    rows = await key_results.history(actor, kr_id)
    threads = await checkin_comments(kr_id)
    with context.client.layout, ui.dialog().props('position=bottom') as dialog, \
            ui.card().classes('w-full max-w-xl p-3 gap-2'):
        with ui.row().classes('w-full items-center'):
            ui.label(_('History')).classes(theme.TITLE)
            ui.space()
            ui.button(icon='close', on_click=dialog.close).props(f'flat round aria-label="{_("Close")}"')
        if not rows:
            ui.label(_('No check-ins yet.')).classes(theme.MUTED)
        with ui.column().classes('w-full gap-1 max-h-[60vh] overflow-auto').props('data-testid=kr-history'):
            for row in rows:
                with ui.column().classes('w-full gap-0 border-b py-1'):
                    with ui.row().classes('w-full items-baseline gap-2'):
                        ui.label(fmt.number(row.value)).classes('font-medium')
                        if row.confidence is not None:
                            ui.label(_('confidence {n}', n=row.confidence)).classes(theme.MUTED)
                        ui.space()
                        ui.label(fmt.when(row.at, settings().tz)).classes('text-xs text-grey-7')
                    if row.note:
                        ui.label(row.note).classes('text-sm whitespace-pre-wrap break-words')
                    if row.next_step:
                        ui.label(_('Next: {text}', text=row.next_step)).classes('text-sm text-grey-8 break-words')
                    byline = ' · '.join(filter(None, [row.author_name, fmt.source_label(row.source)]))
                    ui.label(byline).classes('text-xs text-grey-6')
                    if threads is not None:
                        threads.under(row.id)
    if threads is not None:
        threads.follow_while_open(dialog)
    dialog.open()


def open_checkin(card: KeyResultCard, on_saved: Callable[[], Awaitable[None] | None] | None = None) -> None:
    """Open the sheet for one key result. `card.version` is what the sheet was opened on.

    `on_saved` is for pages that do not follow check-ins on the bus.
    """
    opened_version = {'version': card.version}

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        save_button.props('loading')
        try:
            await checkins.record_checkin(actor, key_result_id=card.id, value=read_value(),
                                          confidence=int(confidence.value) if confidence.value is not None else None,
                                          note=note.value or '', next_step=next_step.value or '',
                                          expected_version=opened_version['version'])
        except Conflict:
            fresh = await key_results.card(actor, card.id)
            opened_version['version'] = fresh.version
            conflict.set_text(_('Someone else saved this key result since you opened it: the value is now {value}. '
                                'Save again to replace it.', value=fmt.kr_value(fresh.kind, fresh.current,
                                                                                fresh.target, fresh.unit,
                                                                                len(fresh.steps))))
            conflict.set_visibility(True)
            return
        except ServiceError as error:
            field_error({'value': value_input, 'confidence': confidence, 'note': note,
                         'next_step': next_step}.get(error.field or '', note), error_text(error))
            return
        finally:
            save_button.props(remove='loading')
        dialog.close()
        ui.notify(_('Check-in saved'), type='positive')
        result = on_saved() if on_saved else None
        if result is not None:
            await result

    # in the page's layout, not in the tapped card: a live refresh of the list must not close the sheet
    with context.client.layout, ui.dialog().props('position=bottom') as dialog, \
            ui.card().classes('w-full max-w-xl p-4 gap-3'):
        with ui.row().classes('w-full items-start no-wrap'):
            with ui.column().classes('gap-0 min-w-0 flex-1'):
                ui.label(card.objective_title).classes('text-xs text-grey-7 truncate w-full')
                ui.label(card.title).classes('text-base font-medium break-words')
            ui.button(icon='history', on_click=lambda: open_history(card.id)).props(
                f'flat round aria-label="{_("History")}" data-testid=checkin-history').classes(theme.TOUCH)
        ui.label(_('Now: {value}', value=fmt.kr_value(card.kind, card.current, card.target, card.unit,
                                                       len(card.steps)))).classes(theme.MUTED)
        value_input, read_value = _value_control(card)
        with ui.column().classes('w-full gap-0'):
            confidence_label = ui.label().classes('text-sm')
            confidence = ui.slider(min=0, max=10, step=1, value=card.confidence if card.confidence is not None else 5) \
                .props('markers label data-testid=checkin-confidence').classes('w-full px-2')
            confidence_label.bind_text_from(confidence, 'value', lambda v: _('Confidence: {n} / 10', n=v))
        note = ui.textarea(_('What changed?')).props('outlined autogrow rows=2 data-testid=checkin-note') \
            .classes('w-full')
        next_step = ui.textarea(_('Next step')).props('outlined autogrow rows=1 data-testid=checkin-next') \
            .classes('w-full')
        conflict = ui.label().classes('w-full text-negative bg-red-1 rounded p-2 text-sm') \
            .props('role=alert data-testid=checkin-conflict')
        conflict.set_visibility(False)
        with ui.row().classes('w-full no-wrap gap-2'):
            ui.button(_('Cancel'), on_click=dialog.close).props('flat').classes(theme.TOUCH)
            save_button = ui.button(_('Save'), on_click=save).props('unelevated data-testid=checkin-save') \
                .classes(f'flex-1 {theme.TOUCH}')
    dialog.open()
