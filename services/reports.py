"""Weekly and monthly reports: writing my own, saving drafts with a version check, submitting."""
import logging
from dataclasses import dataclass
from datetime import date, datetime

from tortoise.exceptions import IntegrityError

from models.org import User
from models.reports import Report, ReportComment
from services import clock, events
from services.access import Access, load_access, require_active
from services.errors import Conflict, Forbidden, Invalid, NotFound
from services.reports_periods import Period, current_period, is_future, parse_period
from services.reports_prefill import progress_lines
from services.reports_templates import PROGRESS, Section, sections_of

log = logging.getLogger(__name__)

MAX_ANSWER = 5000


@dataclass(frozen=True)
class CommentView:
    id: int
    author_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ReportView:
    """A report as its readers see it: its sections in the template's order, with their answers."""
    id: int
    person_id: int
    person_name: str
    kind: str
    period: str
    period_start: date
    period_end: date
    sections: tuple[tuple[Section, str], ...]
    status: str
    submitted_at: datetime | None
    version: int
    locked: bool  # someone else commented: the author can no longer change it
    comments: tuple[CommentView, ...]

    @property
    def submitted(self) -> bool:
        return self.status == 'submitted'


def may_read(access: Access, person_id: int) -> bool:
    """The author, anyone above them in the management line, and admins read a person's reports."""
    return access.actor.id == person_id or access.is_admin or access.manages(person_id)


async def report_view(report: Report, person_name: str) -> ReportView:
    """The view of a report; comments come with their authors."""
    comments = await ReportComment.filter(report_id=report.id).select_related('author')
    return view_of(report, person_name, list(comments), await sections_of(report.kind))


def view_of(report: Report, person_name: str, comments: list[ReportComment],
            sections: tuple[Section, ...]) -> ReportView:
    """The view of a report from its comments (authors loaded) and its kind's sections, for lists loaded at once."""
    return ReportView(
        id=report.id, person_id=report.person_id, person_name=person_name, kind=report.kind, period=report.period,
        period_start=report.period_start, period_end=report.period_end,
        sections=tuple((section, (report.answers or {}).get(section.key, '')) for section in sections),
        status=report.status, submitted_at=report.submitted_at, version=report.version,
        locked=any(comment.author_id != report.person_id for comment in comments),
        comments=tuple(CommentView(comment.id, comment.author.name if comment.author else '', comment.text,
                                   comment.created_at) for comment in comments))


async def my_report(actor: User, *, kind: str, period: str | None = None) -> ReportView:
    """My report of this period (the current one when not given), made on first visit with progress filled in."""
    require_active(actor)
    chosen = parse_period(kind, period) if period else current_period(kind)
    if is_future(chosen):
        raise Invalid('{period} has not started yet.', field='period', period=chosen.key)
    report = await Report.filter(person_id=actor.id, kind=kind, period=chosen.key).first()
    if report is None:
        report = await _new_report(actor, chosen)
    return await report_view(report, actor.name)


async def _new_report(actor: User, period: Period) -> Report:
    answers = {}
    if any(section.key == PROGRESS for section in await sections_of(period.kind)):
        answers[PROGRESS] = await progress_lines(actor.id, period)
    try:
        report = await Report.create(person_id=actor.id, kind=period.kind, period=period.key,
                                     period_start=period.start, period_end=period.end, answers=answers)
    except IntegrityError:  # another tab made it first
        return await Report.get(person_id=actor.id, kind=period.kind, period=period.key)
    log.info('report %d (%s %s) started by user %d', report.id, period.kind, period.key, actor.id)
    return report


def _check_answers(sections: tuple[Section, ...], answers: dict[str, str]) -> dict[str, str]:
    checked = {}
    for section in sections:
        text = (answers.get(section.key) or '').strip()
        if len(text) > MAX_ANSWER:
            raise Invalid('Use at most {n} characters.', field=section.key, n=MAX_ANSWER)
        checked[section.key] = text
    return checked


async def _own_report(actor: User, report_id: int) -> Report:
    report = await Report.filter(id=report_id).first()
    if report is None or report.person_id != require_active(actor).id:
        raise NotFound('This report does not exist.')
    others = await ReportComment.filter(report_id=report.id).exclude(author_id=actor.id).exists()
    if others:
        raise Forbidden('This report has comments now, so it can no longer be changed.')
    return report


async def save_report(actor: User, *, report_id: int, answers: dict[str, str], expected_version: int,
                      submit: bool = False) -> ReportView:
    """Save my report's answers (and submit it); refused with Conflict when it changed since I loaded it.

    The author may change a report, submitted or not, until someone else (their manager) has commented on it.
    """
    report = await _own_report(actor, report_id)
    checked = _check_answers(await sections_of(report.kind), answers)
    if submit and report.status == 'submitted':
        raise Conflict('This report was submitted already.')
    if submit and not any(checked.values()):
        raise Invalid('Write at least one section before you submit.')
    values: dict[str, object] = {'answers': {**(report.answers or {}), **checked}, 'version': expected_version + 1,
                                 'updated_at': clock.now()}
    if submit:
        values.update(status='submitted', submitted_at=clock.now())
    if not await Report.filter(id=report.id, version=expected_version).update(**values):
        raise Conflict('This report was changed in another window meanwhile. Reload it to see that version.')
    saved = await Report.get(id=report.id)
    _publish(saved, actor)
    log.info('report %d %s by user %d (version %d)', saved.id, 'submitted' if submit else 'saved', actor.id,
             saved.version)
    return await report_view(saved, actor.name)


def _publish(report: Report, author: User) -> None:
    events.report_changed.emit(events.Change('report', report.id, people=events.owners(
        report.person_id, author.manager_id)))


async def readable_report(actor: User, report_id: int) -> tuple[Report, User, Access]:
    """The report with its author if the actor may read it (drafts: the author only); NotFound otherwise."""
    access = await load_access(require_active(actor))
    report = await Report.filter(id=report_id).select_related('person').first()
    if report is None or not may_read(access, report.person_id) or (
            report.status != 'submitted' and report.person_id != actor.id):
        raise NotFound('This report does not exist.')
    return report, report.person, access


async def read_report(actor: User, *, report_id: int) -> ReportView:
    """A report for its author, their managers and admins."""
    report, person, _ = await readable_report(actor, report_id)
    return await report_view(report, person.name)


async def fresh_progress(actor: User, *, report_id: int) -> str:
    """The progress lines of my report's period as the check-ins stand now, to put in the form again."""
    report = await Report.filter(id=report_id, person_id=require_active(actor).id).first()
    if report is None:
        raise NotFound('This report does not exist.')
    return await progress_lines(actor.id, parse_period(report.kind, report.period))
