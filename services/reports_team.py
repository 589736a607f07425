"""Reading reports: a manager's team side by side, a person's history, and comments on a report."""
import logging
from dataclasses import dataclass
from datetime import date, datetime

from models.org import User
from models.reports import Report, ReportComment
from services import clock, events, reminders
from services.access import load_access, require_active
from services.errors import Invalid, NotFound
from services.reports import CommentView, ReportView, may_read, readable_report, view_of
from services.reports_periods import Period, current_period, parse_period
from services.reports_templates import sections_of

log = logging.getLogger(__name__)

MAX_COMMENT = 2000


@dataclass(frozen=True)
class TeamEntry:
    person_id: int
    person_name: str
    report: ReportView | None  # None: nothing submitted for the period


@dataclass(frozen=True)
class TeamReports:
    period: Period
    entries: tuple[TeamEntry, ...]

    @property
    def missing(self) -> tuple[TeamEntry, ...]:
        return tuple(entry for entry in self.entries if entry.report is None)


@dataclass(frozen=True)
class ReportSummary:
    id: int
    kind: str
    period: str
    period_start: date
    status: str
    submitted_at: datetime | None
    comments: int


async def has_reports(actor: User) -> bool:
    """Someone active has the actor as their manager."""
    return await User.filter(manager_id=actor.id, active=True).exists()


async def team_reports(actor: User, *, kind: str, period: str | None = None) -> TeamReports:
    """The submitted reports of the actor's direct reports for one period; those without one are listed missing."""
    require_active(actor)
    chosen = parse_period(kind, period) if period else current_period(kind)
    people = await User.filter(manager_id=actor.id, active=True).order_by('name', 'id')
    reports = {report.person_id: report for report in await Report.filter(
        person_id__in=[person.id for person in people], kind=kind, period=chosen.key, status='submitted')}
    sections = await sections_of(kind)
    comments: dict[int, list[ReportComment]] = {}
    for comment in await ReportComment.filter(report_id__in=[report.id for report in reports.values()]) \
            .select_related('author'):  # the model's order: oldest first
        comments.setdefault(comment.report_id, []).append(comment)
    return TeamReports(chosen, tuple(
        TeamEntry(person.id, person.name, view_of(report, person.name, comments.get(report.id, []), sections)
                  if (report := reports.get(person.id)) else None) for person in people))


async def history(actor: User, *, person_id: int) -> tuple[str, tuple[ReportSummary, ...]]:
    """A person's name and reports, newest first: drafts for the author only, submitted ones for their readers."""
    access = await load_access(require_active(actor))
    person = await User.filter(id=person_id).first()
    if person is None or not may_read(access, person_id):
        raise NotFound('This person does not exist.')
    query = Report.filter(person_id=person_id).order_by('-period_start', 'kind', '-id')
    if person_id != actor.id:
        query = query.filter(status='submitted')
    rows = await query
    counts: dict[int, int] = {}
    for report_id in await ReportComment.filter(report_id__in=[row.id for row in rows]).values_list('report_id',
                                                                                                     flat=True):
        counts[report_id] = counts.get(report_id, 0) + 1
    return person.name, tuple(ReportSummary(row.id, row.kind, row.period, row.period_start, row.status,
                                            row.submitted_at, counts.get(row.id, 0)) for row in rows)


async def add_comment(actor: User, *, report_id: int, text: str) -> CommentView:
    """Comment on a report one may read; the author hears of a comment by someone else, the manager of a reply."""
    report, person, _ = await readable_report(actor, report_id)
    text = (text or '').strip()
    if not text:
        raise Invalid('Write a comment first.', field='text')
    if len(text) > MAX_COMMENT:
        raise Invalid('Use at most {n} characters.', field='text', n=MAX_COMMENT)
    if report.status != 'submitted':
        raise Invalid('This report is still a draft.', field='text')
    comment = await ReportComment.create(report_id=report.id, author_id=actor.id, text=text, created_at=clock.now())
    events.report_changed.emit(events.Change('report', report.id, people=events.owners(
        person.id, person.manager_id, actor.id)))
    log.info('comment %d on report %d by user %d', comment.id, report.id, actor.id)
    await _tell(actor, report, person, comment)
    return CommentView(comment.id, actor.name, comment.text, comment.created_at)


async def _tell(actor: User, report: Report, person: User, comment: ReportComment) -> None:
    if actor.id != person.id:
        recipient, link = person, f'/my-reports/{report.kind}/{report.period}'
    elif person.manager_id is not None:
        recipient, link = await User.filter(id=person.manager_id, active=True).first(), f'/report/{report.id}'
    else:
        return
    if recipient is None or not recipient.active:
        return
    await reminders.notify(recipient, rule='report-comment', period=f'comment:{comment.id}',
                           subject=f'report:{report.id}', link=link, body=comment.text[:500],
                           title=reminders.text_for(recipient, '{name} commented on the report {period}',
                                                    name=actor.name, period=report.period))
