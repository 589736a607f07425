"""Cards of the reviews page: a key result to self-assess, and a report's key result to review beside their words."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages import theme
from pages.components.dialogs import error_line, show_error
from pages.i18n import N_, _
from pages.layout import field_error
from pages.session import acting
from services import reviews
from services.errors import ServiceError
from services.reviews import ReviewItem

ROUNDS = {'mid': N_('Mid-cycle'), 'end': N_('End of cycle')}


def _score_text(score: float | None) -> str:
    return '–' if score is None else f'{score:.1f}'


def _heading(item: ReviewItem) -> None:
    with ui.row().classes('w-full items-center gap-2'):
        ui.label(item.title).classes('text-base font-medium break-words min-w-0 flex-1')
        ui.badge(_(ROUNDS[item.round]), color='accent' if item.round == 'end' else 'grey-7').props('outline')
    ui.label(f'{item.objective_title} · {item.cycle_name}').classes(f'{theme.MUTED} break-words w-full')
    ui.label(_('Progress {percent} %', percent=round(item.progress * 100))).classes(theme.MUTED)


def _final_line(item: ReviewItem, testid: str) -> None:
    """The blended score; at the mid-cycle round it only informs, the end round gives the final one."""
    if item.final is None:
        return
    text = (_('Final score {score}', score=_score_text(item.final)) if item.round == 'end'
            else _('Blended (mid-cycle, not final) {score}', score=_score_text(item.final)))
    ui.label(text).classes('text-sm font-medium').props(f'data-testid={testid} data-kr-id={item.key_result_id}')


def _score_slider(value: float, testid: str, item: ReviewItem) -> ui.slider:
    """0.0 to 1.0 in steps of 0.1, big enough for a thumb."""
    ui.label(_('Your score')).classes('text-sm font-medium pt-2')
    return ui.slider(min=0, max=1, step=0.1, value=value) \
        .props(f'label-always markers snap data-testid={testid} data-kr-id={item.key_result_id}') \
        .classes('w-full px-3 pt-8 pb-2')


def _text_box(label: str, value: str, testid: str, item: ReviewItem) -> ui.textarea:
    return ui.textarea(label, value=value).props(f'outlined autogrow maxlength={reviews.MAX_TEXT} '
                                                 f'data-testid={testid} data-kr-id={item.key_result_id}') \
        .classes('w-full')


async def _submit(send: Callable[..., Awaitable[object]], saved: str, fields: dict[str, ui.element],
                  line: ui.label, **values: object) -> None:
    """Send a score; a refusal shows at its text box, or on the card's line (a score, a permission)."""
    actor = await acting()
    if actor is None:
        return
    try:
        await send(actor, **values)
    except ServiceError as error:
        show_error(error, fields, line)
        return
    for element in fields.values():
        field_error(element, None)
    line.set_text('')
    ui.notify(saved, type='positive')


def assess_card(item: ReviewItem) -> None:
    """The owner's score and reflection on their key result."""
    with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=assess-card data-kr-id={item.key_result_id}'):
        _heading(item)
        if item.manager_score is not None:
            ui.label(_('Your manager: {score} – {comment}', score=_score_text(item.manager_score),
                       comment=item.manager_comment)).classes('text-sm break-words w-full')
        if item.manager_score is not None:
            _final_line(item, 'assess-final')
        score = _score_slider(item.self_score if item.self_score is not None else item.suggested,
                              'assess-score', item)
        reflection = _text_box(_('What did you learn?'), item.reflection, 'assess-reflection', item)
        line = error_line()
        ui.button(_('Save self-assessment'), on_click=lambda: _submit(
            reviews.submit_self_assessment, _('Self-assessment saved'), {'reflection': reflection},
            line, key_result_id=item.key_result_id, score=score.value, reflection=reflection.value or '')) \
            .props(f'unelevated data-testid=assess-save data-kr-id={item.key_result_id}') \
            .classes(f'{theme.TOUCH} w-full sm:w-auto')


def review_card(item: ReviewItem) -> None:
    """The manager's score and comment, beside the owner's own score and reflection."""
    with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=review-card data-kr-id={item.key_result_id}'):
        ui.label(item.owner_name).classes('text-sm font-medium text-primary')
        _heading(item)
        with ui.column().classes('w-full gap-0 bg-grey-2 rounded p-2'):
            if item.self_score is None:
                ui.label(_('Not self-assessed yet.')).classes(theme.MUTED)
            else:
                ui.label(_('Self score {score}', score=_score_text(item.self_score))).classes('text-sm font-medium')
                ui.label(item.reflection).classes('text-sm break-words w-full whitespace-pre-line')
        start = next(score for score in (item.manager_score, item.self_score, item.suggested) if score is not None)
        score = _score_slider(start, 'review-score', item)
        comment = _text_box(_('Your comment'), item.manager_comment, 'review-comment', item)
        _final_line(item, 'review-final')
        line = error_line()
        ui.button(_('Save review'), on_click=lambda: _submit(
            reviews.submit_manager_review, _('Review saved'), {'comment': comment}, line,
            key_result_id=item.key_result_id, score=score.value, comment=comment.value or '')) \
            .props(f'unelevated data-testid=review-save data-kr-id={item.key_result_id}') \
            .classes(f'{theme.TOUCH} w-full sm:w-auto')
