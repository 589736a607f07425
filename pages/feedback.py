"""Anonymous feedback: anyone sends some, admins read whole weeks and answer, everyone reads the answers."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from pages import theme
from pages.i18n import N_, _, error_text
from pages.layout import field_error, frame
from pages.session import acting, login_redirect, open_session
from services import feedback
from services.errors import ServiceError
from services.feedback import FeedbackView

router = APIRouter()

CATEGORY_LABELS = {'process': N_('The OKR process'), 'tool': N_('This tool'), 'other': N_('Something else')}
STATUS_LABELS = {'new': N_('New'), 'discussion': N_('Under discussion'), 'changed': N_('Changed'),
                 'declined': N_('Declined')}


@router.page('/feedback')
async def feedback_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client

    async def send() -> None:
        actor = await acting()
        if actor is None:
            return
        for element in (category, text):
            field_error(element, None)
        try:
            await feedback.submit_feedback(actor, category=category.value or '', text=text.value or '')
        except ServiceError as error:
            field_error(text if error.field != 'category' else category, error_text(error))
            return
        text.value = ''
        ui.notify(_('Thank you. Your feedback was sent without your name.'), type='positive')

    async def save_answer(entry: FeedbackView, answer: ui.textarea, status: ui.select) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await feedback.answer_feedback(actor, entry.id, answer=answer.value or '', status=status.value or '')
        except ServiceError as error:
            field_error(answer, error_text(error))
            return
        field_error(answer, None)
        ui.notify(_('Answer saved'), type='positive')
        if not client.is_deleted:
            await answers.refresh()

    @ui.refreshable
    async def answers() -> None:
        actor = await acting()
        shown = await feedback.answered_feedback(actor) if actor else []
        if not shown:
            ui.label(_('No answers yet.')).classes(theme.MUTED)
        for entry in shown:
            with ui.card().classes(theme.CARD).props('flat bordered data-testid=feedback-answered'):
                ui.label(f'{_(CATEGORY_LABELS[entry.category])} · {_(STATUS_LABELS[entry.status])}') \
                    .classes('text-xs text-grey-7')
                ui.label(entry.text).classes('break-words whitespace-pre-wrap w-full')
                ui.label(entry.answer).classes('break-words whitespace-pre-wrap w-full font-medium')

    def admin_entry(entry: FeedbackView) -> None:
        with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=feedback-entry data-id={entry.id}'):
            ui.label(f'{entry.week} · {_(CATEGORY_LABELS[entry.category])}').classes('text-xs text-grey-7')
            ui.label(entry.text).classes('break-words whitespace-pre-wrap w-full')
            status = ui.select({key: _(label) for key, label in STATUS_LABELS.items()}, value=entry.status,
                               label=_('Status')).props('outlined dense data-testid=feedback-status').classes('w-full')
            answer = ui.textarea(_('Public answer'), value=entry.answer) \
                .props(f'outlined autogrow maxlength={feedback.MAX_TEXT} data-testid=feedback-answer '
                       f'data-id={entry.id}').classes('w-full')
            ui.button(_('Save'), on_click=lambda: save_answer(entry, answer, status)) \
                .props(f'unelevated data-testid=feedback-save data-id={entry.id}').classes(theme.TOUCH)

    with frame(_('Feedback'), person):
        ui.label(_('Tell us what to improve in the OKR process or this tool. Your name is not stored.')) \
            .classes(f'{theme.MUTED} break-words')
        category = ui.select({key: _(label) for key, label in CATEGORY_LABELS.items()}, value='process',
                             label=_('About')).props('outlined dense data-testid=feedback-category').classes('w-full')
        text = ui.textarea(_('Your feedback')) \
            .props(f'outlined autogrow maxlength={feedback.MAX_TEXT} data-testid=feedback-text').classes('w-full')
        ui.button(_('Send anonymously'), icon='send', on_click=send) \
            .props('unelevated data-testid=feedback-send').classes(theme.TOUCH)
        ui.label(_('Answers')).classes(f'{theme.TITLE} pt-2')
        await answers()
        if person.is_admin:
            ui.label(_('Entries')).classes(f'{theme.TITLE} pt-2')
            ui.label(_('A week shows here once it holds at least {n} entries.', n=feedback.WEEK_MINIMUM)) \
                .classes(theme.MUTED)
            for entry in await feedback.list_feedback(person):
                admin_entry(entry)
    return None
