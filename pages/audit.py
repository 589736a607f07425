"""Admins browse the audit log: who changed what and when, before and after, filtered and newest first."""
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.i18n import N_, _, error_text
from pages.layout import field_error, frame
from pages.session import acting, login_redirect, open_session
from services import audit
from services.audit import AuditRow, FieldChange
from services.errors import ServiceError

router = APIRouter()

KIND_LABELS = {'objective': N_('Objective'), 'key_result': N_('Key result'), 'cycle': N_('Cycle'),
               'channel': N_('Channel'), 'webhook': N_('Webhook'), 'setting': N_('Setting')}
ACTION_LABELS = {'create': N_('created'), 'update': N_('changed'), 'delete': N_('deleted'),
                 'restore': N_('restored'), 'score': N_('scored'), 'setting': N_('changed')}


def value_text(value: Any) -> str:
    if value is None or value == '' or value == []:
        return '—'
    if isinstance(value, list):
        return ', '.join(str(item) for item in value)
    if isinstance(value, float):
        return fmt.number(value)
    return str(value)


def field_line(change: FieldChange) -> None:
    if change.secret:
        text = _('{field}: secret changed', field=change.name)
    else:
        text = _('{field}: {before} → {after}', field=change.name, before=value_text(change.before),
                 after=value_text(change.after))
    ui.label(text).classes('text-sm break-words w-full').props('data-testid=audit-field')


def entry_card(row: AuditRow) -> None:
    kind = _(KIND_LABELS[row.kind]) if row.kind in KIND_LABELS else row.kind
    action = _(ACTION_LABELS[row.action]) if row.action in ACTION_LABELS else row.action
    with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=audit-entry data-id={row.id}'):
        ui.label(' · '.join([fmt.when(row.at, settings().tz), row.actor_name or _('System')])) \
            .classes(f'{theme.MUTED} break-words w-full')
        subject = f'{kind} #{row.subject_id}' if row.subject_id is not None else kind
        ui.label(_('{subject} {action}: {title}', subject=subject, action=action, title=row.title)) \
            .classes('font-medium break-words w-full')
        for change in row.fields:
            field_line(change)


@router.page('/admin/audit')
async def audit_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    if not person.is_admin:
        with frame(_('Audit log'), person):
            ui.label(_('Only admins may do this.')).classes(theme.MUTED).props('data-testid=audit-refused')
        return None
    state: dict[str, Any] = {'where': audit.AuditFilter(), 'limit': audit.PAGE_SIZE}

    async def apply() -> None:
        actor = await acting()
        if actor is None:
            return
        for element in inputs.values():
            field_error(element, None)
        try:
            state['where'] = audit.parse_filter(kind=kind.value, actor_id=who.value, start=start.value,
                                                end=end.value, text=search.value)
            await audit.browse(actor, state['where'], limit=1)  # checks the filter before the list changes
        except ServiceError as error:
            field_error(inputs.get(error.field or '', search), error_text(error))
            return
        state['limit'] = audit.PAGE_SIZE
        await entries.refresh()

    async def show_more() -> None:
        state['limit'] += audit.PAGE_SIZE
        await entries.refresh()

    @ui.refreshable
    async def entries() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            page = await audit.browse(actor, state['where'], limit=state['limit'])
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative')
            return
        if not page.rows:
            ui.label(_('No entries match.')).classes(theme.MUTED).props('data-testid=audit-empty')
        for row in page.rows:
            entry_card(row)
        if page.more:
            ui.button(_('Show more'), on_click=show_more).props('flat no-caps data-testid=audit-more') \
                .classes(theme.TOUCH)

    people = dict(await audit.actors(person))
    with frame(_('Audit log'), person):
        with ui.element('div').classes('w-full grid grid-cols-1 sm:grid-cols-2 gap-2'):
            kind = ui.select({'': _('Everything'), **{key: _(label) for key, label in KIND_LABELS.items()}},
                             value='', label=_('What')).props('outlined dense data-testid=audit-kind')
            who = ui.select({None: _('Anyone'), **people}, value=None, label=_('Who')) \
                .props('outlined dense data-testid=audit-actor')
            start = ui.input(_('From')).props('outlined dense type=date data-testid=audit-start')
            end = ui.input(_('To')).props('outlined dense type=date data-testid=audit-end')
        search = ui.input(_('Title or id')).props('outlined dense clearable data-testid=audit-search') \
            .classes('w-full')
        inputs = {'kind': kind, 'start': start, 'end': end, 'text': search}
        ui.button(_('Filter'), icon='filter_list', on_click=apply) \
            .props('unelevated data-testid=audit-apply').classes(f'{theme.TOUCH} w-full sm:w-auto')
        with ui.column().classes('w-full gap-2').props('data-testid=audit-list'):
            await entries()
    return None
