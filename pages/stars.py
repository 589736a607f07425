"""OKR Star of the month: candidates from the data, managers' nominations, the admins' pick, and past stars."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.components import format as fmt
from pages.components import live
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.components.star_banner import star_banner
from pages.i18n import _
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import events, recognition, star_candidates
from services.errors import ServiceError
from services.recognition import Candidate

router = APIRouter()


def score_explained() -> str:
    return _('The score adds timeliness ({timeliness}%), pace against the plan ({pace}%), alignment to parent '
             'objectives ({alignment}%) and kudos received on comments ({kudos}%, full at {full}).',
             timeliness=round(100 * star_candidates.TIMELINESS_WEIGHT), pace=round(100 * star_candidates.PACE_WEIGHT),
             alignment=round(100 * star_candidates.ALIGNMENT_WEIGHT),
             kudos=round(100 * star_candidates.KUDOS_WEIGHT), full=star_candidates.KUDOS_FOR_FULL)


def parts_text(candidate: Candidate) -> str:
    return _('Timeliness {timeliness} · Pace {pace} · Alignment {alignment} · Kudos {kudos}',
             timeliness=fmt.percent(candidate.timeliness), pace=fmt.percent(candidate.pace),
             alignment=fmt.percent(candidate.alignment), kudos=candidate.kudos)


@router.page('/stars')
async def stars_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    choosing = await recognition.may_choose(person)
    months = recognition.open_months()
    state = {'month': months[0]}
    dialogs = DialogSlot()
    client = context.client

    def open_form(candidate: Candidate, pick: bool) -> None:
        async def save() -> None:
            actor = await acting()
            if actor is None:
                return
            chosen = recognition.pick_star if pick else recognition.nominate
            try:
                await chosen(actor, month=state['month'], person_id=candidate.person_id, reason=reason.value or '')
            except ServiceError as error:
                show_error(error, {'reason': reason}, line)
                return
            ui.notify(_('OKR Star saved') if pick else _('Nomination saved'), type='positive')
            await live.refresh(candidates, client)
            dialogs.close()  # last: it deletes the dialog this handler runs in

        title = _('Pick {name} as star of {month}', name=candidate.name, month=state['month']) if pick \
            else _('Nominate {name} for {month}', name=candidate.name, month=state['month'])
        with dialogs.open(title) as dialog:
            reason = ui.textarea(_('Why?')).props('outlined autogrow data-testid=star-reason').classes('w-full')
            line = error_line()
            actions(dialog, _('Save'), save, 'star-save')

    def candidate_card(candidate: Candidate, is_admin: bool) -> None:
        with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=star-candidate '
                                                 f'data-person-id={candidate.person_id}'):
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                ui.label(candidate.name).classes('font-medium break-words min-w-0 flex-1')
                ui.label(fmt.percent(candidate.score)).classes('text-lg font-medium').props('data-testid=star-score')
            ui.label(parts_text(candidate)).classes(f'{theme.MUTED} break-words w-full')
            for nomination in candidate.nominations:
                ui.label(_('Nominated by {name}: {reason}', name=nomination.by_name, reason=nomination.reason)) \
                    .classes('text-sm break-words w-full').props('data-testid=star-nomination')
            with ui.row().classes('w-full gap-2'):
                if candidate.can_nominate:
                    ui.button(_('Nominate'), icon='how_to_vote', on_click=lambda: open_form(candidate, False)) \
                        .props(f'flat no-caps data-testid=star-nominate data-person-id={candidate.person_id}') \
                        .classes(theme.TOUCH)
                if is_admin:
                    ui.button(_('Pick as star'), icon='star', on_click=lambda: open_form(candidate, True)) \
                        .props(f'flat no-caps data-testid=star-pick data-person-id={candidate.person_id}') \
                        .classes(theme.TOUCH)

    @ui.refreshable
    async def candidates() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            ranked = await recognition.candidates(actor, state['month'])
        except ServiceError:
            return
        if not ranked:
            ui.label(_('No candidates yet this month.')).classes(theme.MUTED)
        for candidate in ranked:
            candidate_card(candidate, actor.is_admin)

    @ui.refreshable
    async def past_stars() -> None:
        stars = await recognition.history()
        if not stars:
            ui.label(_('No star has been picked yet.')).classes(theme.MUTED)
        for star in stars:
            with ui.column().classes('w-full gap-0 border-b py-2').props(f'data-testid=star-history '
                                                                          f'data-month={star.month}'):
                ui.label(f'{star.month} · {star.name}').classes('font-medium break-words w-full')
                ui.label(star.reason).classes(f'{theme.MUTED} break-words w-full')

    async def choose_month(month: str) -> None:
        state['month'] = month
        await live.refresh(candidates, client)

    async def on_change(change: events.Change) -> None:
        if change.kind == 'award':
            await live.refresh(past_stars, client)
        if choosing and change.kind in ('award', 'nomination'):
            await live.refresh(candidates, client)

    with frame(_('OKR Star'), person):
        await star_banner()
        if choosing:
            with ui.row().classes('w-full items-center gap-2'):
                ui.label(_('Candidates')).classes(f'{theme.TITLE} flex-1')
                ui.select(months, value=state['month'], label=_('Month'),
                          on_change=lambda e: choose_month(e.value)) \
                    .props('outlined dense data-testid=star-month').classes('w-40')
            ui.label(score_explained()).classes(f'{theme.MUTED} break-words w-full')
            with ui.column().classes('w-full gap-2').props('data-testid=star-candidates'):
                await candidates()
        ui.label(_('Past stars')).classes(theme.TITLE)
        with ui.column().classes('w-full gap-0'):
            await past_stars()
    events.org_changed.subscribe(on_change)
    return None
