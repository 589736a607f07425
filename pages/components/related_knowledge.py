"""Lessons related to an objective while its title is typed, shown under the title field."""
import asyncio

from nicegui import background_tasks, ui
from nicegui.events import ValueChangeEventArguments

from pages import theme
from pages.i18n import _
from pages.session import acting
from services import knowledge_search
from services.knowledge import KnowledgeView

DEBOUNCE = 0.4  # seconds of quiet typing before searching
MIN_LENGTH = 2  # two Chinese characters already make a word


class RelatedKnowledge:
    """A quiet panel: empty until the title shares words with saved lessons."""

    def __init__(self, title: ui.input) -> None:
        self.task: asyncio.Task | None = None
        self.panel = ui.column().classes('w-full gap-1').props('data-testid=related-knowledge')
        self.panel.set_visibility(False)
        title.on_value_change(self.typed)

    def typed(self, event: ValueChangeEventArguments) -> None:
        text = event.value or ''
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = background_tasks.create(self.show_later(text), name='related knowledge')

    async def show_later(self, text: str) -> None:
        await asyncio.sleep(DEBOUNCE)
        if self.panel.is_deleted or self.panel.client.is_deleted:
            return
        with self.panel:  # the client's context, for the session check
            actor = await acting()
            found = (await knowledge_search.related(actor, text)
                     if actor is not None and len(text.strip()) >= MIN_LENGTH else [])
        if not self.panel.is_deleted and not self.panel.client.is_deleted:
            self.show(found)

    def show(self, found: list[KnowledgeView]) -> None:
        self.panel.clear()
        self.panel.set_visibility(bool(found))
        with self.panel:
            ui.label(_('Related lessons')).classes('text-sm font-medium')
            for item in found:
                with ui.row().classes('w-full items-center gap-1 no-wrap'):
                    ui.icon('lightbulb', size='xs').classes('text-amber-8')
                    ui.link(item.title, f'/knowledge/{item.id}', new_tab=True) \
                        .classes(f'{theme.MUTED} truncate min-w-0').props(f'data-testid=related-lesson '
                                                                         f'data-item-id={item.id}')


def related_knowledge(title: ui.input) -> RelatedKnowledge:
    """Place the panel here and feed it from the title input."""
    return RelatedKnowledge(title)
