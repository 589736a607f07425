"""The manager's performance export and the admin's review settings, on the reviews page."""
from nicegui import ui

from pages import theme
from pages.components.dialogs import error_line, show_error
from pages.i18n import _, error_text, locale
from pages.layout import field_error
from pages.session import acting
from services import cycles, performance, review_settings
from services.errors import ServiceError
from services.review_settings import ReviewConfig


async def export_panel(people: list[performance.PersonChoice], cycle_id: int | None) -> None:
    """Pick a person and a cycle, download their summary as CSV or XLSX."""
    all_cycles = await cycles.list_cycles()
    if not people or not all_cycles:
        return

    async def export(kind: str) -> None:
        actor = await acting()
        if actor is None:
            return
        line.set_text('')
        try:
            exported = await performance.export_summary(actor, person_id=person.value, cycle_id=cycle.value,
                                                        kind=kind, locale=locale())
        except ServiceError as error:
            line.set_text(error_text(error))
            return
        ui.download.content(exported.content, exported.filename, exported.media_type)

    with ui.card().classes(theme.CARD).props('flat bordered data-testid=performance-panel'):
        ui.label(_('Performance summary')).classes(theme.TITLE)
        ui.label(_('Download a person\'s key results with their self, manager and final scores.')) \
            .classes(f'{theme.MUTED} break-words w-full')
        person = ui.select({choice.id: choice.name for choice in people}, value=people[0].id, label=_('Employee'),
                           with_input=True).props('outlined data-testid=performance-person').classes('w-full')
        known = {item.id for item in all_cycles}
        cycle = ui.select({item.id: item.name for item in all_cycles},
                          value=cycle_id if cycle_id in known else all_cycles[0].id, label=_('Cycle')) \
            .props('outlined data-testid=performance-cycle').classes('w-full')
        line = error_line()
        with ui.row().classes('w-full gap-2'):
            for kind, label in (('csv', _('Download CSV')), ('xlsx', _('Download XLSX'))):
                ui.button(label, icon='download', on_click=lambda kind=kind: export(kind)) \
                    .props(f'outline data-testid=performance-{kind}').classes(f'{theme.TOUCH} flex-1')


def settings_panel(config: ReviewConfig) -> None:
    """How self and manager scores blend, and how much OKRs weigh in a performance summary; admins only."""
    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            saved = await review_settings.set_review_settings(actor, self_percent=share.value,
                                                              okr_weight=weight.value)
        except ServiceError as error:
            show_error(error, fields, line)
            return
        for element in fields.values():
            field_error(element, None)
        line.set_text('')
        ui.notify(_('Review settings saved: {own} % self-assessment, {manager} % manager review.',
                    own=saved.self_percent, manager=100 - saved.self_percent), type='positive')

    # no min/max on the fields: NiceGUI would clamp 120 to 100 on blur, and the service must refuse it instead
    with ui.card().classes(theme.CARD).props('flat bordered data-testid=review-settings'):
        ui.label(_('Review settings')).classes(theme.TITLE)
        share = ui.number(_('Self-assessment share (%)'), value=config.self_percent, step=5) \
            .props('outlined data-testid=settings-self-share').classes('w-full')
        ui.label(_('The manager review makes up the rest of the final score.')).classes(theme.MUTED)
        weight = ui.number(_('Weight of OKRs in performance (%)'), value=config.okr_weight, step=5) \
            .props('outlined clearable data-testid=settings-okr-weight').classes('w-full')
        ui.label(_('From 10 to 30 %; leave it empty to keep OKRs out of performance.')).classes(theme.MUTED)
        fields = {'self_share': share, 'okr_weight': weight}
        line = error_line()
        ui.button(_('Save'), on_click=save).props('unelevated data-testid=settings-save') \
            .classes(f'{theme.TOUCH} w-full sm:w-auto')
