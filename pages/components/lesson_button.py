"""The lesson form: a dialog to save a new lesson (from a retrospective, an objective, or blank) or edit one."""
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from nicegui import ui

from pages import theme
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.i18n import N_, _
from pages.session import acting
from services import knowledge
from services.errors import ServiceError
from services.objective_views import ObjectiveDetail

KIND_LABELS = {'lesson': N_('Lesson'), 'practice': N_('Practice')}
Saved = Callable[[int], Awaitable[None] | None]


@dataclass(frozen=True)
class LessonDraft:
    """What the form starts with, and where the lesson comes from (an edit names the item instead)."""
    title: str = ''
    body: str = ''
    tags: tuple[str, ...] = ()
    kind: str = 'lesson'
    source_kind: str | None = None
    source_id: int | None = None
    item_id: int | None = None


def open_lesson_form(dialogs: DialogSlot, draft: LessonDraft, on_saved: Saved | None = None) -> None:
    """Open the form; after a save it closes, says so and calls `on_saved` with the item's id."""
    with dialogs.open(_('Edit lesson') if draft.item_id else _('Save as lesson')) as dialog:
        kind = ui.toggle({key: _(label) for key, label in KIND_LABELS.items()}, value=draft.kind) \
            .props('spread no-caps data-testid=lesson-kind').classes('w-full')
        title = ui.input(_('Title'), value=draft.title[:knowledge.MAX_TITLE]) \
            .props(f'outlined maxlength={knowledge.MAX_TITLE} data-testid=lesson-title').classes('w-full')
        body = ui.textarea(_('What we learned'), value=draft.body[:knowledge.MAX_BODY]) \
            .props(f'outlined autogrow maxlength={knowledge.MAX_BODY} data-testid=lesson-body').classes('w-full')
        tags = ui.input_chips(_('Tags'), value=list(draft.tags), new_value_mode='add-unique') \
            .props('outlined data-testid=lesson-tags').classes('w-full')
        line = error_line()
        fields = {'title': title, 'body': body, 'tags': tags, 'kind': kind}

        async def save() -> None:
            actor = await acting()
            if actor is None:
                return
            values = {'title': title.value or '', 'body': body.value or '', 'tags': list(tags.value or []),
                      'kind': kind.value or 'lesson'}
            try:
                if draft.item_id:
                    item = await knowledge.edit_item(actor, draft.item_id, **values)
                else:
                    item = await knowledge.save_item(actor, source_kind=draft.source_kind,
                                                     source_id=draft.source_id, **values)
            except ServiceError as error:
                show_error(error, {name: element for name, element in fields.items() if name != 'kind'}, line)
                return
            if on_saved is not None:
                result = on_saved(item.id)
                if result is not None:
                    await result
            ui.notify(_('Lesson saved'), type='positive')
            dialogs.close()  # last: it deletes the dialog this handler runs in
        actions(dialog, _('Save'), save, 'lesson-save')


def lesson_button(dialogs: DialogSlot, draft: LessonDraft, *, testid: str = 'lesson-from',
                  **data: object) -> ui.button:
    """A small "Save as lesson" button that opens the form with `draft` filled in."""
    attributes = ' '.join(f'data-{key.replace("_", "-")}={value}' for key, value in data.items())
    return ui.button(_('Save as lesson'), icon='lightbulb', on_click=lambda: open_lesson_form(dialogs, draft)) \
        .props(f'flat dense no-caps data-testid={testid} {attributes}').classes(f'{theme.TOUCH} text-sm')


def objective_lesson_button(dialogs: DialogSlot, detail: ObjectiveDetail) -> ui.button:
    """"Save as lesson" on an objective's page, starting from its title, description and tags."""
    draft = LessonDraft(detail.title, detail.description, detail.tags, source_kind='objective', source_id=detail.id)
    return lesson_button(dialogs, draft, objective_id=detail.id)
