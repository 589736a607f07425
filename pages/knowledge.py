"""The knowledge base: search, tag chips, the list of lessons, one lesson's page, and the lesson form."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, ui

from pages import theme
from pages.components.dialogs import DialogSlot
from pages.components.lesson_button import KIND_LABELS, LessonDraft, open_lesson_form
from pages.i18n import N_, _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import knowledge, knowledge_search
from services.errors import ServiceError
from services.knowledge import KnowledgeView

router = APIRouter()

SOURCE_LABELS = {'retrospective': N_('From a retrospective'), 'objective': N_('From an objective'),
                 'key_result': N_('From a key result')}
SOURCE_LINKS = {'objective': '/objective/{id}'}
SHOWN_TAGS = 20


def item_meta(item: KnowledgeView) -> str:
    parts = [_(KIND_LABELS.get(item.kind, item.kind))]
    if item.source_kind:
        parts.append(_(SOURCE_LABELS.get(item.source_kind, item.source_kind)))
    parts += [name for name in (item.cycle_name, item.team_name, item.author_name) if name]
    return ' · '.join(parts)


def tag_row(tags: tuple[str, ...]) -> None:
    with ui.row().classes('w-full gap-1'):
        for tag in tags:
            ui.label(f'#{tag}').classes('text-xs text-primary break-all')


def item_card(item: KnowledgeView) -> None:
    """One lesson in a list: a link to its page with the part of its text that matters here."""
    with ui.link(target=f'/knowledge/{item.id}').classes('w-full no-underline text-inherit') \
            .props(f'data-testid=knowledge-item data-item-id={item.id}'):
        with ui.card().classes(f'{theme.CARD} {theme.TOUCH}').props('flat bordered'):
            ui.label(item.title).classes('text-base font-medium break-words w-full')
            text = item.snippet or item.body
            if text:
                ui.label(text).classes('text-sm break-words w-full line-clamp-3')
            ui.label(item_meta(item)).classes(f'{theme.MUTED} break-words w-full')
            if item.tags:
                tag_row(item.tags)


@router.page('/knowledge')
async def knowledge_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    dialogs = DialogSlot()
    state: dict[str, str] = {'query': request.query_params.get('q', '')[:knowledge_search.MAX_QUERY],
                             'tag': request.query_params.get('tag', '')[:knowledge.MAX_TAG]}

    async def choose_tag(tag: str) -> None:
        state['tag'] = '' if state['tag'] == tag else tag
        await chips.refresh()
        await results.refresh()

    async def search_now() -> None:
        state['query'] = (query.value or '').strip()
        await results.refresh()

    @ui.refreshable
    async def chips() -> None:
        actor = await acting()
        if actor is None:
            return
        with ui.row().classes('w-full gap-1'):
            for tag, count in (await knowledge_search.tags(actor))[:SHOWN_TAGS]:
                chosen = tag == state['tag']
                ui.chip(f'{tag} ({count})', selectable=True, selected=chosen,
                        on_click=lambda tag=tag: choose_tag(tag)) \
                    .props(f'{"color=primary text-color=white" if chosen else "outline"} data-testid=knowledge-tag '
                           f'data-tag="{tag}"').classes('max-w-full')

    @ui.refreshable
    async def results() -> None:
        actor = await acting()
        if actor is None:
            return
        found = await knowledge_search.search(actor, state['query'], tag=state['tag'] or None)
        if not found:
            ui.label(_('No lessons found.') if state['query'] or state['tag'] else
                     _('No lessons yet. Save one from a retrospective or an objective.')) \
                .classes(f'{theme.MUTED} break-words').props('data-testid=knowledge-empty')
        for item in found:
            item_card(item)

    with frame(_('Knowledge'), person):
        with ui.row().classes('w-full items-center gap-2 no-wrap'):
            query = ui.input(_('Search lessons'), value=state['query']) \
                .props(f'outlined dense clearable debounce=300 maxlength={knowledge_search.MAX_QUERY} '
                       'data-testid=knowledge-search').classes('flex-1 min-w-0')
            query.on('keydown.enter', search_now)
            query.on_value_change(search_now)
            ui.button(icon='add', on_click=lambda: open_lesson_form(dialogs, LessonDraft(), on_saved=saved)) \
                .props(f'unelevated round aria-label="{_("New lesson")}" data-testid=knowledge-new') \
                .classes(theme.TOUCH)
        await chips()
        with ui.column().classes('w-full gap-2'):
            await results()

    async def saved(_item_id: int) -> None:
        await chips.refresh()
        await results.refresh()
    return None


@router.page('/knowledge/{item_id}')
async def knowledge_item_page(request: Request, item_id: int) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    dialogs = DialogSlot()

    async def delete() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await knowledge.delete_item(actor, item_id)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        ui.notify(_('Lesson deleted'))
        ui.navigate.to('/knowledge')

    @ui.refreshable
    async def section() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            item = await knowledge.get_item(actor, item_id)
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative').props('data-testid=knowledge-missing')
            return
        ui.label(item.title).classes(f'{theme.TITLE} break-words w-full').props('data-testid=knowledge-title')
        ui.label(item_meta(item)).classes(f'{theme.MUTED} break-words w-full')
        tag_row(item.tags)
        ui.label(item.body).classes('break-words whitespace-pre-wrap w-full').props('data-testid=knowledge-body')
        link = SOURCE_LINKS.get(item.source_kind or '')
        if link and item.source_id:
            ui.link(_(SOURCE_LABELS[item.source_kind or '']), link.format(id=item.source_id)).classes('text-sm')
        if item.can_edit:
            draft = LessonDraft(item.title, item.body, item.tags, item.kind, item_id=item.id)
            with ui.row().classes('w-full gap-2'):
                ui.button(_('Edit'), icon='edit',
                          on_click=lambda: open_lesson_form(dialogs, draft, lambda _id: section.refresh())) \
                    .props('outline data-testid=knowledge-edit').classes(theme.TOUCH)
                ui.button(_('Delete'), icon='delete_outline', on_click=delete) \
                    .props('flat color=negative data-testid=knowledge-delete').classes(theme.TOUCH)

    with frame(_('Lesson'), person):
        ui.button(_('All lessons'), icon='arrow_back', on_click=lambda: ui.navigate.to('/knowledge')) \
            .props('flat no-caps').classes(theme.TOUCH)
        await section()
    return None
