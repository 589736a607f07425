"""The admin's editor of report sections: rename, add, remove and reorder, then save the whole list."""
from nicegui import ui

from pages import theme
from pages.components.dialogs import error_line
from pages.components.report_card import section_title
from pages.i18n import _, error_text
from pages.session import acting
from services import reports_templates
from services.errors import ServiceError
from services.reports_templates import MAX_SECTIONS, MAX_TITLE, Section


def template_editor(kind: str, sections: tuple[Section, ...]) -> None:
    """Edit one kind's sections; nothing is stored until Save, and a refused save changes nothing."""
    # a default title is shown translated; saved unchanged, it stays the English default that every reader translates
    rows = [{'key': section.key, 'title': section_title(section), 'shown': section_title(section),
             'original': section.title} for section in sections]

    def move(index: int, step: int) -> None:
        target = index + step
        if 0 <= target < len(rows):
            rows[index], rows[target] = rows[target], rows[index]
            section_rows.refresh()

    def remove(index: int) -> None:
        rows.pop(index)
        section_rows.refresh()

    def add() -> None:
        rows.append({'key': '', 'title': ''})
        section_rows.refresh()

    async def save() -> None:
        actor = await acting()
        if actor is None:
            return
        line.set_text('')
        try:
            await reports_templates.save_sections(actor, kind=kind, sections=[_saved(row) for row in rows])
        except ServiceError as error:
            line.set_text(error_text(error))
            return
        ui.notify(_('Sections saved'), type='positive')

    @ui.refreshable
    def section_rows() -> None:
        for index, row in enumerate(rows):
            with ui.row().classes('w-full items-center gap-1 no-wrap'):
                ui.input(_('Section {n}', n=index + 1)).bind_value(row, 'title') \
                    .props(f'outlined dense maxlength={MAX_TITLE + 20} data-testid=template-title data-kind={kind} '
                           f'data-index={index}') \
                    .classes('flex-1 min-w-0')
                for icon, label, action in (('arrow_upward', _('Move up'), lambda i=index: move(i, -1)),
                                            ('arrow_downward', _('Move down'), lambda i=index: move(i, 1)),
                                            ('delete', _('Remove'), lambda i=index: remove(i))):
                    ui.button(icon=icon, on_click=action).classes(theme.TOUCH) \
                        .props(f'flat round aria-label="{label}" data-testid=template-{icon} data-kind={kind} '
                               f'data-index={index}')

    with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=template-editor data-kind={kind}'):
        ui.label(_('Sections of the weekly report') if kind == 'weekly' else _('Sections of the monthly report')) \
            .classes(theme.TITLE)
        ui.label(_('From 1 to {n} sections, titles of up to {max} characters. The progress section is filled in '
                   'from check-ins, also when renamed.', n=MAX_SECTIONS, max=MAX_TITLE)) \
            .classes(f'{theme.MUTED} break-words w-full')
        with ui.column().classes('w-full gap-1'):
            section_rows()
        line = error_line()
        with ui.row().classes('w-full gap-2'):
            ui.button(_('Add section'), icon='add', on_click=add).classes(f'{theme.TOUCH} flex-1 sm:flex-none') \
                .props(f'outline data-testid=template-add data-kind={kind}')
            ui.button(_('Save'), on_click=save).props(f'unelevated data-testid=template-save data-kind={kind}') \
                .classes(f'{theme.TOUCH} flex-1 sm:flex-none')


def _saved(row: dict) -> dict:
    title = row['original'] if row.get('shown') and row['title'] == row['shown'] else row['title']
    return {'key': row['key'], 'title': title}
