"""Reviews: self-assess my key results, review my reports' ones, export summaries, set how scores blend."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import live
from pages.components.review_admin import export_panel, settings_panel
from pages.components.review_cards import assess_card, review_card
from pages.components.score_note import score_note
from pages.i18n import _
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import cycles, events, performance, review_settings, reviews

router = APIRouter()


@router.page('/reviews')
async def reviews_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    shown: set[int] = set()

    @ui.refreshable
    async def task_list() -> None:
        actor = await acting()
        if actor is None:
            return
        tasks = await reviews.review_tasks(actor)
        shown.clear()
        shown.update(item.key_result_id for item in (*tasks.to_assess, *tasks.to_review))
        ui.label(_('Assess my key results')).classes(theme.TITLE)
        if not tasks.to_assess:
            ui.label(_('Nothing to self-assess right now: assessments open at the mid-cycle review date '
                       'and when a cycle moves to review.')).classes(f'{theme.MUTED} break-words w-full') \
                .props('data-testid=assess-empty')
        for item in tasks.to_assess:
            assess_card(item)
        if tasks.to_review:
            ui.label(_('Review my reports\' key results')).classes(f'{theme.TITLE} pt-2')
            for item in tasks.to_review:
                review_card(item)

    async def on_okr_change(change: events.Change) -> None:
        if (change.kind == 'key_result' and change.id in shown) or person.id in change.people:
            await live.refresh(task_list, client)

    async def on_org_change(change: events.Change) -> None:
        if change.kind in ('cycle', 'person'):
            await live.refresh(task_list, client)

    people = await performance.summary_people(person)
    current = await cycles.current_cycle(person)
    with frame(_('Reviews'), person):
        score_note()
        with ui.column().classes('w-full gap-2'):
            await task_list()
        await export_panel(people, current.id if current else None)
        if person.is_admin:
            settings_panel(await review_settings.review_settings())
    events.okr_changed.subscribe(on_okr_change)
    events.org_changed.subscribe(on_org_change)
    return None
