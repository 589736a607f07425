"""A key result's data source: link it to a Jira query or a Trello board, sync it, see the last sync or failure."""
from nicegui import app, background_tasks, context, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.components.data_source_form import MEASURES, open_link_dialog
from pages.components.dialogs import DialogSlot
from pages.i18n import N_, _, error_text
from pages.session import acting
from services.errors import ServiceError
from services.integrations import links, sync
from services.integrations.links import LinkView
from services.key_results import KeyResultCard

PROVIDER_LABELS = {'jira': N_('Jira'), 'trello': N_('Trello')}


def data_source(card: KeyResultCard, can_change: bool, slot: DialogSlot) -> None:
    """The section under a key result; it loads by itself so the objective page is not held up by it.

    Changes are published on the bus (okr_changed, or checkin_recorded), and the objective page rebuilds
    its key results from there, this section included: so the handlers here refresh nothing themselves.
    """
    client = context.client
    kr_id = card.id
    can_link = can_change and card.kind in links.LINKABLE_KINDS
    opened = app.storage.client.setdefault('open_data_sources', [])  # stays open when the page is rebuilt

    def set_open(is_open: bool) -> None:
        if is_open and kr_id not in opened:
            opened.append(kr_id)
        elif not is_open and kr_id in opened:
            opened.remove(kr_id)

    async def sync_now(button: ui.button) -> None:
        actor = await acting()
        if actor is None:
            return
        button.props('loading')
        try:
            await sync.sync_now(actor, kr_id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        finally:
            if not button.is_deleted:  # the objective page may have been rebuilt meanwhile
                button.props(remove='loading')

    def confirm_unlink(view: LinkView) -> None:
        async def unlink() -> None:
            actor = await acting()
            if actor is None:
                return
            try:
                await links.unlink_key_result(actor, kr_id)
            except ServiceError as error:
                ui.notify(error_text(error), type='negative')
            slot.close()

        with slot.open(_('Unlink from {provider}?', provider=_(PROVIDER_LABELS[view.provider]))) as dialog:
            ui.label(_('The value will no longer be synced. Check-ins made so far stay.')).classes(theme.MUTED)
            with ui.row().classes('w-full justify-end gap-2 pt-2'):
                ui.button(_('Cancel'), on_click=dialog.close).props('flat').classes(theme.TOUCH)
                ui.button(_('Unlink'), on_click=unlink) \
                    .props('unelevated color=negative data-testid=ds-unlink-confirm').classes(theme.TOUCH)

    async def build() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            view = await links.link_view(actor, kr_id)
        except ServiceError:
            return  # the key result went away; the objective page says so itself
        if view is None:
            if can_link:
                ui.button(_('Take the value from Jira or Trello'), icon='sync',
                          on_click=lambda: open_link_dialog(slot, card, None)) \
                    .props(f'flat dense no-caps data-testid=ds-link data-kr-id={kr_id}') \
                    .classes(f'{theme.TOUCH} text-sm')
            return
        linked(view)

    def linked(view: LinkView) -> None:
        if view.last_error:
            ui.label(_('Sync failed: {reason}', reason=_(view.last_error, **view.last_error_params))) \
                .classes('text-negative text-sm break-words w-full px-1') \
                .props(f'data-testid=ds-error data-kr-id={kr_id}')
        with ui.expansion(_('Data source: {provider}', provider=_(PROVIDER_LABELS[view.provider])), icon='sync',
                          caption=last_sync(view), value=kr_id in opened,
                          on_value_change=lambda e: set_open(e.value)) \
                .props(f'dense data-testid=ds-section data-kr-id={kr_id}').classes('w-full text-sm'):
            ui.label(_(MEASURES[view.provider][view.measure])).classes('font-medium')
            where = view.jql if view.provider == 'jira' else _('Board {board}', board=view.board_id)
            ui.label(where).classes('text-xs text-grey-8 break-all w-full')
            ui.label(view.base_url).classes('text-xs text-grey-7 break-all w-full')
            if view.set_up_by:
                ui.label(_('Check-ins are made in the name of {name}.', name=view.set_up_by)).classes(theme.MUTED)
            if view.can_change:
                with ui.row().classes('w-full gap-2'):
                    button = ui.button(_('Sync now'), icon='refresh').props(
                        f'unelevated dense data-testid=ds-sync data-kr-id={kr_id}').classes(theme.TOUCH)
                    button.on_click(lambda: sync_now(button))
                    ui.button(_('Edit'), on_click=lambda: open_link_dialog(slot, card, view)) \
                        .props(f'flat dense data-testid=ds-edit data-kr-id={kr_id}').classes(theme.TOUCH)
                    ui.button(_('Unlink'), on_click=lambda: confirm_unlink(view)) \
                        .props(f'flat dense color=negative data-testid=ds-unlink data-kr-id={kr_id}') \
                        .classes(theme.TOUCH)

    async def fill() -> None:
        try:
            await build()
        except RuntimeError:
            if not (client.is_deleted or holder.is_deleted):  # else the page was rebuilt or closed meanwhile
                raise

    holder = ui.column().classes('w-full gap-0')
    background_tasks.create(fill(), name=f'data source of key result {kr_id}', context=holder)


def last_sync(view: LinkView) -> str:
    if view.last_synced_at is None:
        return _('Not synced yet')
    moment = fmt.when(view.last_synced_at, settings().tz)
    if view.last_value is None:
        return _('Last sync {moment}', moment=moment)
    return _('Last sync {moment} · value {value}', moment=moment, value=fmt.number(view.last_value))
