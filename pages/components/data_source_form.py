"""The form linking a key result to Jira or Trello. Credential fields start blank: blank keeps what is stored."""
from nicegui import ui

from pages import theme
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.i18n import N_, _
from pages.session import acting
from services.errors import ServiceError
from services.integrations import links
from services.integrations.links import LinkView
from services.key_results import KeyResultCard

MEASURES = {
    'jira': {'done_count': N_('Issues done'), 'done_share': N_('Share of issues done (%)'),
             'story_points': N_('Story points done')},
    'trello': {'done_count': N_('Cards in the done list'), 'done_share': N_('Share of cards in the done list (%)')},
}


def measure_options(provider: str) -> dict[str, str]:
    return {name: _(label) for name, label in MEASURES[provider].items()}


def open_link_dialog(slot: DialogSlot, card: KeyResultCard, existing: LinkView | None) -> None:
    """Link the key result, or change its link when `existing` is given; the page learns of it from the bus."""
    kr_id = card.id
    first_measure = 'done_share' if card.kind == 'percent' else 'done_count'

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await links.link_key_result(
                actor, key_result_id=kr_id, provider=provider.value, base_url=url.value or '',
                measure=measure.value or '', jql=jql.value or '', points_field=points.value or '',
                board_id=board.value or '', done_list_id=done_list.value or '', user=user.value or '',
                token=token.value or '', key=key.value or '')
        except ServiceError as error:
            show_error(error, fields, problem)
            return
        ui.notify(_('Data source saved'), type='positive')
        slot.close()  # last: it deletes the dialog this handler runs in

    def provider_changed(chosen: str) -> None:
        options = measure_options(chosen)
        measure.set_options(options, value=measure.value if measure.value in options else first_measure)

    keep = existing is not None
    start = existing.provider if existing else 'jira'
    with slot.open(_('Data source') if existing is None else _('Change the data source')) as dialog:
        provider = ui.toggle({'jira': _('Jira'), 'trello': _('Trello')}, value=start,
                             on_change=lambda e: provider_changed(e.value)) \
            .props('no-caps spread data-testid=ds-provider').classes('w-full')
        url = ui.input(_('Server address'), value=existing.base_url if existing else '',
                       placeholder='https://jira.example.com').props('outlined dense data-testid=ds-url') \
            .classes('w-full')
        ui.label(_('Leave blank for Trello itself (https://api.trello.com).')).classes(theme.MUTED) \
            .bind_visibility_from(provider, 'value', value='trello')
        jql = ui.textarea(_('JQL query'), value=existing.jql if existing else '',
                          placeholder='project = OKR AND sprint in openSprints()') \
            .props('outlined dense autogrow data-testid=ds-jql').classes('w-full') \
            .bind_visibility_from(provider, 'value', value='jira')
        board = ui.input(_('Board id or board address'), value=existing.board_id if existing else '') \
            .props('outlined dense data-testid=ds-board').classes('w-full') \
            .bind_visibility_from(provider, 'value', value='trello')
        done_list = ui.input(_('Id of the done list'), value=existing.done_list_id if existing else '') \
            .props('outlined dense data-testid=ds-list').classes('w-full') \
            .bind_visibility_from(provider, 'value', value='trello')
        measure = ui.select(measure_options(start), label=_('Value'),
                            value=existing.measure if existing else first_measure) \
            .props('outlined dense data-testid=ds-measure').classes('w-full')
        points = ui.input(_('Story points field'), value=existing.points_field if existing else 'customfield_10016') \
            .props('outlined dense data-testid=ds-points').classes('w-full') \
            .bind_visibility_from(provider, 'value', value='jira')
        hint = _('Leave blank to keep the stored one.') if keep else ''
        user = secret_input(_('Jira user or e-mail (blank for a bearer token)'), hint, 'ds-user') \
            .bind_visibility_from(provider, 'value', value='jira')
        key = secret_input(_('Trello API key'), hint, 'ds-key') \
            .bind_visibility_from(provider, 'value', value='trello')
        token = secret_input(_('API token'), hint, 'ds-token')
        fields = {'base_url': url, 'jql': jql, 'board_id': board, 'done_list_id': done_list,
                  'measure': measure, 'points_field': points, 'user': user, 'key': key, 'token': token}
        problem = error_line()
        actions(dialog, _('Save'), save, 'ds-save')


def secret_input(label: str, hint: str, testid: str) -> ui.input:
    """Always blank when shown: a stored secret never travels back to the browser."""
    field = ui.input(label, password=True, value='') \
        .props(f'outlined dense autocomplete=new-password data-testid={testid}').classes('w-full')
    if hint:
        field.props['hint'] = hint
    return field
