"""A report as its readers see it, with its comments; everything a person typed is shown as plain text."""
from nicegui import context, ui

from config import settings
from pages import theme
from pages.components.format import when
from pages.i18n import N_, _, error_text
from pages.layout import field_error
from pages.session import acting
from services import reports_team
from services.errors import ServiceError
from services.reports import ReportView
from services.reports_templates import Section

KINDS = {'weekly': N_('Weekly'), 'monthly': N_('Monthly')}


def section_title(section: Section) -> str:
    """Default titles in the reader's language; an admin's own titles as typed."""
    return _(section.title) if section.default else section.title


def status_text(view: ReportView) -> str:
    if view.submitted and view.submitted_at is not None:
        return _('Submitted {when}', when=when(view.submitted_at, settings().tz))
    return _('Draft')


def answers(view: ReportView) -> None:
    for section, text in view.sections:
        ui.label(section_title(section)).classes('font-medium break-words w-full pt-1')
        ui.label(text or _('(empty)')) \
            .classes(f'whitespace-pre-wrap break-words w-full {"" if text else theme.MUTED}') \
            .props(f'data-testid=report-text data-key={section.key} data-report={view.id}')


def comment_list(view: ReportView) -> None:
    for comment in view.comments:
        with ui.column().classes('w-full gap-0 border-l-4 border-primary pl-2').props('data-testid=report-comment'):
            ui.label(f'{comment.author_name} · {when(comment.created_at, settings().tz)}').classes(theme.MUTED)
            ui.label(comment.text).classes('whitespace-pre-wrap break-words w-full')


def comment_form(report_id: int) -> None:
    """A field to comment on a submitted report; the service decides who may."""
    client = context.client

    async def send() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            await reports_team.add_comment(actor, report_id=report_id, text=text.value or '')
        except ServiceError as error:
            field_error(text, error_text(error))
            return
        if not text.is_deleted:  # the live update may have rebuilt the section, comment included, meanwhile
            field_error(text, None)
            text.set_value('')
        with client.layout:
            ui.notify(_('Comment added'), type='positive')

    text = ui.textarea(_('Comment')).classes('w-full') \
        .props(f'outlined autogrow data-testid=report-comment-input data-report={report_id}')
    ui.button(_('Add comment'), on_click=send).classes(f'{theme.TOUCH} w-full sm:w-auto') \
        .props(f'unelevated data-testid=report-comment-send data-report={report_id}')


def report_card(view: ReportView, *, commenting: bool, title: str | None = None) -> None:
    """One report in a card: who, which period, its answers, its comments, and a comment field when allowed."""
    with ui.card().classes(f'{theme.CARD} min-w-0') \
            .props(f'flat bordered data-testid=report-card data-report={view.id}'):
        ui.label(title or f'{view.person_name} · {view.period}').classes(f'{theme.TITLE} break-words w-full')
        ui.label(f'{_(KINDS[view.kind])} · {view.period_start.isoformat()} – {view.period_end.isoformat()} · '
                 f'{status_text(view)}').classes(f'{theme.MUTED} break-words w-full')
        answers(view)
        if view.comments:
            ui.label(_('Comments')).classes('font-medium pt-2')
            comment_list(view)
        if commenting and view.submitted:
            comment_form(view.id)
