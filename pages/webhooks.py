"""Admins register webhooks, test them, rotate their secrets and read what was delivered to each."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.components.dialogs import DialogSlot, confirm
from pages.i18n import N_, _, error_text
from pages.layout import field_error, frame
from pages.session import acting, login_redirect, open_session
from services import webhooks
from services.errors import ServiceError
from services.webhooks import DeliveryView, WebhookView

router = APIRouter()

EVENT_LABELS = {'checkin.recorded': N_('Check-in recorded'), 'objective.changed': N_('Objective changed'),
                'key_result.changed': N_('Key result changed'), 'comment.changed': N_('Comment written or changed'),
                'cycle.changed': N_('Cycle changed (state, dates)'), 'ping': N_('Test')}
STATUS_LABELS = {'pending': N_('Sending'), 'delivered': N_('Delivered'), 'failed': N_('Failed'),
                 'gave_up': N_('Failed, gave up')}
STATUS_CLASSES = {'delivered': 'text-positive', 'failed': 'text-negative', 'gave_up': 'text-negative'}


def event_label(event: str) -> str:
    return _(EVENT_LABELS[event]) if event in EVENT_LABELS else event


def delivery_line(row: DeliveryView) -> None:
    tz = settings().tz
    with ui.column().classes('w-full gap-0 border-b py-1').props(f'data-testid=webhook-delivery data-id={row.id}'):
        ui.label(' · '.join([fmt.when(row.created_at, tz), event_label(row.event),
                             _('attempt {n}', n=row.attempt)])).classes('text-sm break-words w-full')
        outcome = [_(STATUS_LABELS.get(row.status, row.status))]
        if row.http_status is not None:
            outcome.append(_('HTTP {status}', status=row.http_status))
        if row.next_attempt_at is not None and row.status == 'failed':
            outcome.append(_('next try {time}', time=fmt.when(row.next_attempt_at, tz)))
        ui.label(' · '.join(outcome)).classes(f'text-sm break-words w-full {STATUS_CLASSES.get(row.status, "")}')
        if row.reason:
            ui.label(row.reason).classes('text-xs text-grey-7 break-all w-full')


@router.page('/admin/webhooks')
async def webhooks_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    if not person.is_admin:
        with frame(_('Webhooks'), person):
            ui.label(_('Only admins may do this.')).classes(theme.MUTED)
        return None
    dialogs = DialogSlot()
    editing: dict[str, int | None] = {'id': None}

    def edit(view: WebhookView | None) -> None:
        editing['id'] = view.id if view else None
        url.value = view.url if view else ''
        for event, box in boxes.items():
            box.value = event in view.events if view else True
        active.value = view.active if view else True
        form_title.set_text(_('Change webhook') if view else _('Add a webhook'))
        field_error(url, None)
        events_error.set_text('')

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        field_error(url, None)
        events_error.set_text('')
        chosen = [event for event, box in boxes.items() if box.value]
        try:
            if editing['id'] is None:
                created = await webhooks.register_webhook(actor, url=url.value or '', events=chosen,
                                                          active=bool(active.value))
                show_secret(created.secret)
            else:
                await webhooks.update_webhook(actor, editing['id'], url=url.value or '', events=chosen,
                                              active=bool(active.value))
        except ServiceError as error:
            if error.field == 'events':
                events_error.set_text(error_text(error))
            else:
                field_error(url, error_text(error))
            return
        ui.notify(_('Webhook saved'), type='positive')
        edit(None)
        await webhook_list.refresh()

    def show_secret(secret: str) -> None:
        reveal.clear()
        with reveal:
            ui.label(_('Copy this signing secret now: it is shown only once.')) \
                .classes('text-sm font-medium break-words w-full')
            ui.input(value=secret).props('outlined readonly data-testid=webhook-secret').classes('w-full')
            ui.button(_('Copy'), icon='content_copy', on_click=lambda: copy(secret)) \
                .props('unelevated data-testid=webhook-secret-copy').classes(f'w-full sm:w-auto {theme.TOUCH}')
        reveal.set_visibility(True)

    def copy(secret: str) -> None:
        ui.clipboard.write(secret)
        ui.notify(_('Secret copied.'))

    def confirm_rotate(view: WebhookView) -> None:
        confirm(dialogs, _('Give this webhook a new secret?'),
                _('The old secret stops working at once: give the receiver the new one.'), _('New secret'),
                'webhook-rotate-confirm', lambda actor: webhooks.rotate_secret(actor, view.id),
                lambda rotated: show_secret(rotated.secret))

    async def test(webhook_id: int, result: ui.label) -> None:
        actor = await acting()
        if actor is None:
            return
        result.set_text(_('Sending…'))
        try:
            delivery = await webhooks.send_test(actor, webhook_id)
        except ServiceError as error:
            result.set_text(error_text(error))
            return
        arrived = delivery.status == 'delivered'
        result.set_text(_('Test delivered.') if arrived else _('Failed: {error}', error=delivery.reason))
        result.classes(replace='text-sm break-all ' + ('text-positive' if arrived else 'text-negative'))
        await delivery_list.refresh()

    def confirm_delete(view: WebhookView) -> None:
        async def deleted(_result: object) -> None:
            if editing['id'] == view.id:
                edit(None)
            await webhook_list.refresh()
        confirm(dialogs, _('Delete this webhook?'), _('It stops receiving events, and its delivery list is deleted.'),
                _('Delete'), 'webhook-delete-confirm', lambda actor: webhooks.delete_webhook(actor, view.id), deleted,
                color='negative')

    @ui.refreshable
    async def delivery_list(webhook_id: int) -> None:
        actor = await acting()
        rows = await webhooks.list_deliveries(actor, webhook_id, limit=100) if actor else []  # all that are kept
        if not rows:
            ui.label(_('Nothing sent yet.')).classes(theme.MUTED)
        for row in rows:
            delivery_line(row)

    async def webhook_card(view: WebhookView) -> None:
        with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=webhook data-id={view.id}'):
            ui.label(view.url).classes('font-medium break-all w-full')
            state = _('On') if view.active else _('Off')
            ui.label(f'{state} · ' + ', '.join(event_label(event) for event in view.events)) \
                .classes(f'{theme.MUTED} break-words w-full')
            result = ui.label().classes('text-sm break-all').props(f'data-testid=webhook-test-result-{view.id}')
            with ui.row().classes('gap-1'):
                ui.button(_('Send test'), on_click=lambda r=result: test(view.id, r)) \
                    .props(f'flat data-testid=webhook-test-{view.id}').classes(theme.TOUCH)
                ui.button(_('Edit'), on_click=lambda: edit(view)) \
                    .props(f'flat data-testid=webhook-edit-{view.id}').classes(theme.TOUCH)
                ui.button(_('New secret'), on_click=lambda: confirm_rotate(view)) \
                    .props(f'flat data-testid=webhook-rotate-{view.id}').classes(theme.TOUCH)
                ui.button(_('Delete'), on_click=lambda: confirm_delete(view)) \
                    .props(f'flat color=negative data-testid=webhook-delete-{view.id}').classes(theme.TOUCH)
            with ui.expansion(_('Deliveries')).classes('w-full').props(f'data-testid=webhook-deliveries-{view.id}'):
                ui.button(_('Refresh'), icon='refresh', on_click=lambda: delivery_list.refresh()) \
                    .props(f'flat dense data-testid=webhook-refresh-{view.id}').classes(theme.TOUCH)
                await delivery_list(view.id)

    @ui.refreshable
    async def webhook_list() -> None:
        actor = await acting()
        views = await webhooks.list_webhooks(actor) if actor else []
        if not views:
            ui.label(_('No webhooks yet.')).classes(theme.MUTED)
        for view in views:
            await webhook_card(view)

    with frame(_('Webhooks'), person):
        ui.label(_('okrboard posts signed JSON to these addresses when the chosen events happen; failed '
                   'deliveries are retried for about 15 hours.')).classes(f'{theme.MUTED} break-words w-full')
        with ui.column().classes('w-full gap-2'):
            await webhook_list()
        reveal = ui.column().classes('w-full gap-2').props('data-testid=webhook-reveal')
        reveal.set_visibility(False)
        with ui.card().classes(f'{theme.CARD} gap-2').props('flat bordered'):
            form_title = ui.label(_('Add a webhook')).classes('text-subtitle1 font-medium')
            url = ui.input(_('Address (URL)'), placeholder='https://').props('outlined data-testid=webhook-url') \
                .classes('w-full')
            ui.label(_('Events')).classes('text-sm font-medium')
            boxes = {event: ui.checkbox(_(EVENT_LABELS[event]), value=True)
                     .props(f'data-testid=webhook-event-{event}').classes(theme.TOUCH) for event in webhooks.EVENTS}
            events_error = ui.label().classes('text-negative text-sm break-words w-full') \
                .props('data-testid=webhook-events-error')
            active = ui.switch(_('On'), value=True).props('data-testid=webhook-active')
            with ui.row().classes('gap-2'):
                ui.button(_('Save'), on_click=save).props('unelevated data-testid=webhook-save').classes(theme.TOUCH)
                ui.button(_('Cancel'), on_click=lambda: edit(None)).props('flat').classes(theme.TOUCH)
    return None
