"""The form of my own report: one text area per section, save as draft or submit, with the version it started from."""
from nicegui import ui

from pages import theme
from pages.components.dialogs import error_line
from pages.components.report_card import section_title, status_text
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services import reports
from services.errors import Conflict, ServiceError
from services.reports import MAX_ANSWER, ReportView


def report_form(view: ReportView) -> None:
    """Edit my report; a save from an older version (another tab) is refused with a message and a reload button."""
    state = {'version': view.version}

    async def save(submit: bool) -> None:
        actor = await acting()
        if actor is None:
            return
        for element in fields.values():
            field_error(element, None)
        line.set_text('')
        try:
            saved = await reports.save_report(actor, report_id=view.id, expected_version=state['version'],
                                              answers={key: element.value or '' for key, element in fields.items()},
                                              submit=submit)
        except Conflict as error:
            line.set_text(error_text(error))
            reload.set_visibility(True)
            return
        except ServiceError as error:
            if error.field in fields:
                field_error(fields[error.field], error_text(error))
            else:
                line.set_text(error_text(error))
            return
        state['version'] = saved.version
        status.set_text(status_text(saved))
        submit_button.set_visibility(not saved.submitted)
        save_button.set_text(_('Save changes') if saved.submitted else _('Save draft'))
        ui.notify(_('Report submitted') if submit else _('Report saved'), type='positive')

    async def refill(element: ui.textarea) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            element.set_value(await reports.fresh_progress(actor, report_id=view.id))
        except ServiceError as error:
            line.set_text(error_text(error))

    status = ui.label(status_text(view)).classes(theme.MUTED).props('data-testid=report-status')
    if view.locked:
        ui.label(_('Your manager has commented, so this report can no longer be changed.')) \
            .classes(f'{theme.MUTED} break-words w-full').props('data-testid=report-locked')
    elif view.submitted:
        ui.label(_('You may still change it until your manager comments.')).classes(f'{theme.MUTED} break-words w-full')
    fields: dict[str, ui.textarea] = {}
    for section, text in view.sections:
        hint = _('Filled in from your check-ins; edit freely.') if section.prefilled else None
        fields[section.key] = ui.textarea(section_title(section), value=text) \
            .props(f'outlined autogrow maxlength={MAX_ANSWER} counter data-testid=report-answer data-key={section.key}'
                   + (' readonly' if view.locked else '')).classes('w-full')
        if hint:
            fields[section.key].props['hint'] = hint
            if not view.locked:
                ui.button(_('Fill in from check-ins again'), icon='refresh',
                          on_click=lambda element=fields[section.key]: refill(element)) \
                    .props('flat dense no-caps data-testid=report-refill').classes(theme.TOUCH)
    line = error_line()
    reload = ui.button(_('Reload'), icon='refresh', on_click=lambda: ui.navigate.reload()) \
        .props('outline data-testid=report-reload').classes(theme.TOUCH)
    reload.set_visibility(False)
    if view.locked:
        return
    with ui.row().classes('w-full gap-2'):
        save_label = _('Save changes') if view.submitted else _('Save draft')
        save_button = ui.button(save_label, on_click=lambda: save(False)) \
            .props('outline data-testid=report-save').classes(f'{theme.TOUCH} flex-1 sm:flex-none')
        submit_button = ui.button(_('Submit'), on_click=lambda: save(True)) \
            .props('unelevated data-testid=report-submit').classes(f'{theme.TOUCH} flex-1 sm:flex-none')
        submit_button.set_visibility(not view.submitted)
