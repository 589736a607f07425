"""The profile's reminder section: which channels reach me, my quiet hours, my message language."""
from typing import TYPE_CHECKING

from nicegui import ui

from config import settings
from pages import theme
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services import channel_config, notifications
from services.errors import ServiceError

if TYPE_CHECKING:
    from models.org import User

LANGUAGES = {'zh_CN': '简体中文', 'en': 'English'}  # each language named in itself


async def reminder_preferences(person: 'User') -> None:
    prefs = notifications.preferences_of(person)
    offered = await channel_config.my_channels(person)

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        for element in (quiet_start, quiet_end, language):
            field_error(element, None)
        muted = [channel_id for channel_id, box in boxes.items() if not box.value]
        try:
            await notifications.save_preferences(actor, muted_channels=muted, quiet_start=quiet_start.value or '',
                                                 quiet_end=quiet_end.value or '', language=language.value or '',
                                                 outside_app=bool(outside.value))
        except ServiceError as error:
            field_error({'quiet_start': quiet_start, 'quiet_end': quiet_end}.get(error.field or '', language),
                        error_text(error))
            return
        ui.notify(_('Reminder settings saved.'), type='positive')

    with ui.card().classes(f'{theme.CARD} gap-3').props('flat bordered'):
        ui.label(_('Reminders')).classes('text-subtitle1 font-medium')
        boxes = {}
        outside = ui.switch(_('Send me reminders outside the app'), value=prefs.outside_app) \
            .props('data-testid=prefs-outside-app').classes(theme.TOUCH)
        with ui.column().classes('w-full gap-0 pl-2').bind_visibility_from(outside, 'value'):
            if not offered:
                ui.label(_('No channel reaches you yet: reminders show in the app.')).classes(theme.MUTED)
            for channel_id, name in offered:
                boxes[channel_id] = ui.checkbox(name, value=channel_id not in prefs.muted_channels) \
                    .props(f'data-testid=prefs-channel-{channel_id}').classes(theme.TOUCH)
            if offered:
                ui.label(_('Channels an admin adds later reach you too, unless you turn this switch off.')) \
                    .classes(f'{theme.MUTED} text-xs')
        with ui.row().classes('w-full no-wrap gap-2'):
            quiet_start = ui.input(_('Quiet from'), value=prefs.quiet_start, placeholder='22:00') \
                .props('outlined data-testid=prefs-quiet-start').classes('flex-1')
            quiet_end = ui.input(_('Quiet until'), value=prefs.quiet_end, placeholder='08:00') \
                .props('outlined data-testid=prefs-quiet-end').classes('flex-1')
        ui.label(_('Quiet hours are in the company time zone ({zone}).', zone=settings().timezone)) \
            .classes(f'{theme.MUTED} text-xs')
        language = ui.select({'': _('Same as my interface language'), **LANGUAGES}, value=prefs.language,
                             label=_('Message language')).props('outlined data-testid=prefs-language') \
            .classes('w-full')
        ui.button(_('Save reminder settings'), on_click=save) \
            .props('unelevated data-testid=prefs-save').classes(f'w-full sm:w-auto {theme.TOUCH}')
