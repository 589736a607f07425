"""Admins configure the channels reminders go out through, test them, and read the delivery log."""
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
from services import channel_config, channels, delivery, teams
from services.errors import ServiceError

router = APIRouter()

KIND_LABELS = {'email': N_('E-mail (SMTP)'), 'dingtalk': N_('DingTalk robot'), 'wecom': N_('WeCom robot'),
               'feishu': N_('Feishu / Lark bot'), 'slack': N_('Slack webhook'), 'apprise': N_('Apprise URL'),
               'webhook': N_('JSON webhook')}
FIELD_LABELS = (  # the labels of services.channels.FIELDS, marked for translation
    N_('SMTP host'), N_('Port'), N_('Security'), N_('User name'), N_('Password'), N_('Sender address'),
                N_('Webhook URL'), N_('Signing secret'), N_('Apprise URL'))
SECURITY_LABELS = {'none': N_('None'), 'starttls': N_('STARTTLS'), 'tls': N_('TLS')}
LOG_PAGE = 50  # delivery log rows shown at first, and added by "Show more"
STATUS_LABELS = {'sent': N_('Sent'), 'failed': N_('Failed'), 'retried': N_('Failed, retried'),
                 'postponed': N_('Postponed (quiet hours)'), 'dropped': N_('Not sent: turned off since'),
                 'gave_up': N_('Failed, gave up')}


@router.page('/admin/channels')
async def channels_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    if not person.is_admin:
        with frame(_('Channels'), person):
            ui.label(_('Only admins may do this.')).classes(theme.MUTED)
        return None
    team_options = {team.id: '· ' * team.depth + team.name for team in await teams.team_choices(person)}
    form: dict = {'id': None, 'kind': 'email', 'saved': (), 'settings': {}, 'log_rows': LOG_PAGE}
    inputs: dict[str, ui.element] = {}
    dialogs = DialogSlot()

    def edit(view: channel_config.ChannelView | None) -> None:
        form['id'] = view.id if view else None
        form['saved'] = view.saved_secrets if view else ()
        form['settings'] = dict(view.settings) if view else {}
        kind.value = view.kind if view else 'email'
        name.value = view.name if view else ''
        enabled.value = view.enabled if view else True
        served.value = list(view.team_ids) if view else []
        field_section.refresh()
        for element in (kind, name):
            field_error(element, None)
        if view is not None:  # on a phone the form sits below the list: bring it into view
            ui.run_javascript(f'getHtmlElement({form_card.id}).scrollIntoView({{behavior: "smooth"}})')

    @ui.refreshable
    def field_section() -> None:
        inputs.clear()
        saved = form['settings']  # the saved channel's settings while it is being edited, else empty
        for field in channels.FIELDS[kind.value]:
            if field.name == 'security':
                inputs[field.name] = ui.select({key: _(label) for key, label in SECURITY_LABELS.items()},
                                               value=saved.get('security', 'starttls'), label=_(field.label))
            else:
                hint = _('Saved; leave empty to keep it') if field.secret and field.name in form['saved'] else None
                inputs[field.name] = ui.input(_(field.label), password=field.secret, placeholder=hint,
                                              value='' if field.secret else str(saved.get(field.name, '')))
            inputs[field.name].props(f'outlined data-testid=channel-{field.name}').classes('w-full')

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        for element in (kind, name, *inputs.values()):
            field_error(element, None)
        values = {key: str(element.value or '') for key, element in inputs.items()}
        try:
            await channel_config.save_channel(actor, channel_id=form['id'], kind=kind.value, name=name.value or '',
                                              values=values, enabled=bool(enabled.value),
                                              team_ids=list(served.value or []))
        except ServiceError as error:
            field_error({'kind': kind, 'name': name, **inputs}.get(error.field or '', name), error_text(error))
            return
        ui.notify(_('Channel saved'), type='positive')
        edit(None)
        channel_list.refresh()

    def confirm_remove(view: channel_config.ChannelView) -> None:
        def removed(_result: object) -> None:
            if form['id'] == view.id:
                edit(None)
            channel_list.refresh()
            log_section.refresh()
        confirm(dialogs, _('Delete {name}?', name=view.name),
                _('Reminders stop going out through this channel, and its delivery log is deleted.'), _('Delete'),
                'channel-delete-confirm', lambda actor: channel_config.delete_channel(actor, view.id), removed,
                color='negative')

    async def test(channel_id: int, result: ui.label) -> None:
        actor = await acting()
        if actor is None:
            return
        result.set_text(_('Sending…'))
        error = await delivery.send_test_message(actor, channel_id)
        result.set_text(_('Test message sent.') if error is None else _('Failed: {error}', error=error))
        result.classes(replace='text-sm break-all ' + ('text-positive' if error is None else 'text-negative'))
        log_section.refresh()

    @ui.refreshable
    async def channel_list() -> None:
        views = await channel_config.list_channels(person)
        if not views:
            ui.label(_('No channels yet: reminders show only in the app.')).classes(theme.MUTED)
        for view in views:
            with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=channel data-id={view.id}'):
                ui.label(view.name).classes('font-medium break-words w-full')
                served_by = ', '.join(team_options.get(t, '').strip('· ') for t in view.team_ids) or _('Everyone')
                state = _('On') if view.enabled else _('Off')
                ui.label(f'{_(KIND_LABELS[view.kind])} · {state} · {served_by}').classes(f'{theme.MUTED} break-words')
                result = ui.label().classes('text-sm break-all').props(f'data-testid=channel-test-result-{view.id}')
                with ui.row().classes('gap-1'):
                    ui.button(_('Send test message'), on_click=lambda v=view, r=result: test(v.id, r)) \
                        .props(f'flat data-testid=channel-test-{view.id}').classes(theme.TOUCH)
                    if not view.from_environment:
                        ui.button(_('Edit'), on_click=lambda v=view: edit(v)) \
                            .props(f'flat data-testid=channel-edit-{view.id}').classes(theme.TOUCH)
                        ui.button(_('Delete'), on_click=lambda v=view: confirm_remove(v)) \
                            .props(f'flat color=negative data-testid=channel-delete-{view.id}').classes(theme.TOUCH)

    @ui.refreshable
    async def log_section() -> None:
        rows = await delivery.delivery_log(person, limit=form['log_rows'] + 1)
        if not rows:
            ui.label(_('Nothing sent yet.')).classes(theme.MUTED)
        for row in rows[:form['log_rows']]:
            with ui.column().classes('w-full gap-0 border-b py-1').props('data-testid=delivery-row'):
                ui.label(' · '.join(filter(None, [fmt.when(row.at, settings().tz), row.channel_name,
                                                  row.recipient_name or _('Test message'),
                                                  _(STATUS_LABELS.get(row.status, row.status))]))) \
                    .classes('text-sm break-words')
                details = [_('Attempt {n}', n=row.attempt)] if row.attempt else []
                if row.next_try_at is not None:
                    details.append(_('next try {when}', when=fmt.when(row.next_try_at, settings().tz)))
                if details:
                    ui.label(' · '.join(details)).classes(f'{theme.MUTED} text-xs')
                if row.error:
                    ui.label(row.error).classes('text-xs text-negative break-all')
        if len(rows) > form['log_rows']:
            ui.button(_('Show more'), on_click=show_more).props('flat data-testid=delivery-more').classes(theme.TOUCH)

    def show_more() -> None:
        form['log_rows'] += LOG_PAGE
        log_section.refresh()

    with frame(_('Channels'), person):
        with ui.column().classes('w-full gap-2'):
            await channel_list()
        with ui.card().classes(f'{theme.CARD} gap-2').props('flat bordered') as form_card:
            ui.label(_('Add or change a channel')).classes('text-subtitle1 font-medium')
            kind = ui.select({key: _(label) for key, label in KIND_LABELS.items()}, value='email', label=_('Kind'),
                             on_change=lambda: field_section.refresh()).props('outlined data-testid=channel-kind') \
                .classes('w-full')
            name = ui.input(_('Name')).props('outlined data-testid=channel-name').classes('w-full')
            field_section()
            served = ui.select(team_options, multiple=True, value=[], label=_('Teams served (none: everyone)')) \
                .props('outlined use-chips data-testid=channel-teams').classes('w-full')
            enabled = ui.switch(_('On'), value=True).props('data-testid=channel-enabled')
            with ui.row().classes('gap-2'):
                ui.button(_('Save'), on_click=save).props('unelevated data-testid=channel-save').classes(theme.TOUCH)
                ui.button(_('Cancel'), on_click=lambda: edit(None)).props('flat').classes(theme.TOUCH)
        with ui.card().classes(f'{theme.CARD} gap-1').props('flat bordered'):
            ui.label(_('Delivery log')).classes('text-subtitle1 font-medium')
            await log_section()
    return None
