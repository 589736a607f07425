"""Dialogs that write key results: quick add (title and target, the rest behind "More options"), edit, status."""
from collections.abc import Awaitable, Callable
from typing import Any

from nicegui import ui

from pages import theme
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.components.format import STATUS_LABELS
from pages.components.objective_form import parse_date
from pages.i18n import N_, _
from pages.layout import field_error
from pages.session import acting
from services import key_result_edits
from services.errors import ServiceError
from services.objective_views import KeyResultDetail

KIND_LABELS = {'number': N_('Number'), 'percent': N_('Percent'), 'currency': N_('Currency'),
               'boolean': N_('Done or not done'), 'milestone': N_('Milestones')}
DIRECTION_LABELS = {'increase': N_('Increase'), 'decrease': N_('Decrease')}
Saved = Callable[[], Awaitable[None]]


def open_key_result_dialog(slot: DialogSlot, objective_id: int, people: dict[int, str], on_saved: Saved,
                           existing: KeyResultDetail | None = None) -> None:
    """Add a key result to an objective (when `existing` is None) or edit one."""
    card = existing.card if existing else None

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        values = read()
        if values is None:
            return
        try:
            if card is None:
                await key_result_edits.add_key_result(actor, objective_id, **values)
            else:
                await key_result_edits.update_key_result(actor, card.id, **values)
        except ServiceError as error:
            show_error(error, fields, problem)
            return
        ui.notify(_('Key result saved') if card else _('Key result added'), type='positive')
        await on_saved()
        slot.close()  # last: it deletes the dialog this handler runs in

    def read() -> dict[str, Any] | None:
        for element in fields.values():
            field_error(element, None)
        problem.set_text('')
        ok, due_date = parse_date(due.value, due)
        if not ok:
            return None
        values = {'title': title.value or '', 'target': target.value, 'kind': kind.value,
                  'start': start.value if start.value is not None else 0, 'unit': unit.value or '',
                  'direction': direction.value, 'weight': weight.value, 'owner_id': owner.value, 'due': due_date,
                  'confidence': int(confidence.value) if confidence.value is not None else None}
        if kind.value == 'milestone':
            values['steps'] = [line for line in (steps.value or '').splitlines() if line.strip()]
        return values

    with slot.open(_('Edit key result') if card else _('Add key result')) as dialog:
        title = ui.input(_('Key result'), value=card.title if card else '',
                         placeholder=_('e.g. Sign 10 new customers')) \
            .props('outlined autofocus data-testid=kr-title').classes('w-full')
        target = ui.number(_('Target'), value=card.target if card else None) \
            .props('outlined inputmode=decimal data-testid=kr-target').classes('w-full')
        with ui.expansion(_('More options'), icon='tune').props('dense data-testid=kr-more').classes('w-full'):
            kind = ui.select({key: _(label) for key, label in KIND_LABELS.items()}, label=_('Type'),
                             value=card.kind if card else 'number') \
                .props('outlined data-testid=kr-kind').classes('w-full')
            steps = ui.textarea(_('Steps, one per line'), value='\n'.join(card.steps) if card else '') \
                .props('outlined autogrow data-testid=kr-steps').classes('w-full')
            steps.bind_visibility_from(kind, 'value', backward=lambda value: value == 'milestone')
            target.bind_visibility_from(kind, 'value', backward=lambda value: value not in ('boolean', 'milestone'))
            with ui.column().classes('w-full gap-2') as measured:
                start = ui.number(_('Start value'), value=card.start if card else 0) \
                    .props('outlined inputmode=decimal data-testid=kr-start').classes('w-full')
                unit = ui.input(_('Unit'), value=card.unit if card else '', placeholder=_('e.g. customers, %, ¥')) \
                    .props('outlined data-testid=kr-unit').classes('w-full')
                direction = ui.toggle({key: _(label) for key, label in DIRECTION_LABELS.items()},
                                      value=card.direction if card else 'increase') \
                    .props('spread no-caps data-testid=kr-direction').classes('w-full')
            measured.bind_visibility_from(kind, 'value', backward=lambda value: value not in ('boolean', 'milestone'))
            weight = ui.number(_('Weight'), value=existing.weight if existing else 1, min=0) \
                .props('outlined data-testid=kr-weight').classes('w-full')
            owner = ui.select(people, label=_('Owner'), value=existing.owner_id if existing else None,
                              with_input=True, clearable=True).props('outlined data-testid=kr-owner').classes('w-full')
            due = ui.date_input(_('Due date'), value=card.due.isoformat() if card and card.due else '') \
                .props('outlined clearable data-testid=kr-due').classes('w-full')
            confidence = ui.number(_('Confidence (0–10)'), value=card.confidence if card else None,
                                   min=0, max=10, step=1).props('outlined data-testid=kr-confidence').classes('w-full')
        problem = error_line()
        fields: dict[str, ui.element] = {
            'title': title, 'target': target, 'kind': kind, 'steps': steps, 'start': start, 'unit': unit,
            'weight': weight, 'owner': owner, 'due': due, 'confidence': confidence}
        actions(dialog, _('Save'), save, 'kr-save')


def open_status_dialog(slot: DialogSlot, existing: KeyResultDetail, on_saved: Saved) -> None:
    """Override the computed status with a reason, or go back to the computed one."""

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await key_result_edits.set_status_override(actor, existing.card.id, status.value or None,
                                                       reason.value or '')
        except ServiceError as error:
            show_error(error, {'status': status, 'reason': reason}, problem)
            return
        ui.notify(_('Status saved'), type='positive')
        await on_saved()
        slot.close()

    with slot.open(_('Status of this key result')) as dialog:
        ui.label(existing.card.title).classes('font-medium break-words w-full')
        options = {'': _('As computed from progress and confidence'),
                   **{key: _(label) for key, label in STATUS_LABELS.items()}}
        status = ui.select(options, label=_('Status'), value=existing.status_override or '') \
            .props('outlined data-testid=kr-status-select').classes('w-full')
        reason = ui.textarea(_('Why?'), value=existing.status_reason) \
            .props('outlined autogrow data-testid=kr-status-reason').classes('w-full')
        reason.bind_visibility_from(status, 'value', backward=bool)
        ui.label(_('The computed status comes back when you choose "as computed".')).classes(theme.MUTED)
        problem = error_line()
        actions(dialog, _('Save'), save, 'kr-status-save')
