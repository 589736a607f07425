"""Anonymous feedback: stored without its author, shown to admins by whole weeks, answered in public.

Never log the text, and never store anything of the author (no id, address, user agent, session or time of day).
"""
import logging
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import F
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from models.org import User
from models.social import Feedback, FeedbackQuota
from services import clock
from services.access import load_access, require_active
from services.errors import Invalid, NotFound, Throttled

log = logging.getLogger(__name__)

CATEGORIES = ('process', 'tool', 'other')
STATUSES = ('new', 'discussion', 'changed', 'declined')
DAILY_LIMIT = 3
MAX_TEXT = 2000
WEEK_MINIMUM = 3  # fewer entries in a week would let their timing point at someone


class _HideFeedbackSql(logging.Filter):
    """Drop the database drivers' debug lines about the feedback table: they carry the text as a parameter."""

    def filter(self, record: logging.LogRecord) -> bool:
        return '"feedback"' not in record.getMessage() and "'feedback'" not in record.getMessage()


for _driver in ('tortoise.db_client', 'aiosqlite', 'tortoise'):
    logging.getLogger(_driver).addFilter(_HideFeedbackSql())


@dataclass(frozen=True)
class FeedbackView:
    id: int
    category: str
    text: str
    week: str
    status: str
    answer: str
    answered_on: date | None


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f'{year}-W{week:02d}'


def _check(category: str, text: str) -> str:
    if category not in CATEGORIES:
        raise Invalid('Choose a category.', field='category')
    text = (text or '').strip()
    if not text:
        raise Invalid('Write your feedback first.', field='text')
    if len(text) > MAX_TEXT:
        raise Invalid('Use at most {n} characters.', field='text', n=MAX_TEXT)
    return text


async def submit_feedback(actor: User, *, category: str, text: str) -> None:
    """Store one anonymous entry, within the person's daily limit; returns nothing that could be traced back."""
    actor = require_active(actor)
    text = _check(category, text)
    today = clock.today()
    async with in_transaction():
        await FeedbackQuota.filter(day__lt=today).delete()  # yesterday's counts could only help tie entries to people
        quota, _ = await FeedbackQuota.get_or_create(person_id=actor.id, day=today)
        if quota.count >= DAILY_LIMIT:
            raise Throttled('You can send at most {n} feedback entries a day.', n=DAILY_LIMIT)
        await FeedbackQuota.filter(id=quota.id).update(count=F('count') + 1)
        await Feedback.create(category=category, text=text, day=today, week=week_of(today))
    log.info('anonymous feedback received')  # no id, no author, no text: the log must not narrow it down


def _view(row: Feedback) -> FeedbackView:
    return FeedbackView(row.id, row.category, row.text, row.week, row.status, row.answer, row.answered_on)


async def _open_weeks() -> list[str]:
    rows = await Feedback.annotate(entries=Count('id')).group_by('week').values_list('week', 'entries')
    return [week for week, entries in rows if entries >= WEEK_MINIMUM]


async def list_feedback(actor: User) -> list[FeedbackView]:
    """For admins: every entry of the weeks with enough entries, newest week first."""
    (await load_access(require_active(actor))).require_admin()
    rows = await Feedback.filter(week__in=await _open_weeks()).order_by('-week', 'category', 'text')
    return [_view(row) for row in rows]


async def answered_feedback(actor: User) -> list[FeedbackView]:
    """For everyone: the answered entries (of weeks with enough entries), newest answer first."""
    require_active(actor)
    rows = await Feedback.filter(week__in=await _open_weeks()).exclude(answer='').order_by('-answered_on', '-week')
    return [_view(row) for row in rows]


async def answer_feedback(actor: User, feedback_id: int, *, answer: str, status: str) -> FeedbackView:
    """An admin answers an entry in public and sets its status."""
    (await load_access(require_active(actor))).require_admin()
    if status not in STATUSES:
        raise Invalid('Choose a status.', field='status')
    answer = (answer or '').strip()
    if len(answer) > MAX_TEXT:
        raise Invalid('Use at most {n} characters.', field='answer', n=MAX_TEXT)
    row = await Feedback.filter(id=feedback_id, week__in=await _open_weeks()).first()
    if row is None:
        raise NotFound('This feedback does not exist.')
    row.answer, row.status, row.answered_on = answer, status, clock.today() if answer else None
    await row.save(update_fields=['answer', 'status', 'answered_on'])
    log.info('feedback %d answered by admin %d', row.id, actor.id)
    return _view(row)
