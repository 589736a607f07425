"""The report-due reminder: on Friday afternoon, people who have not submitted this week's report hear of it."""
import logging
from datetime import datetime, time, timedelta

from config import settings
from models.org import User
from models.reports import Report
from services import clock, delivery, reminders
from services.reports_periods import Period, week_of

log = logging.getLogger(__name__)

DUE_WEEKDAY = 4  # Friday, the last working day of the week
DUE_AT = time(16, 0)  # local time


def due_week() -> Period | None:
    """This week, once its Friday 16:00 has passed (until the week ends, so a server down then catches up)."""
    now = clock.now().astimezone(settings().tz)
    week = week_of(now.date())
    due = datetime.combine(week.start + timedelta(days=DUE_WEEKDAY), DUE_AT, tzinfo=settings().tz)
    return week if now >= due else None


@delivery.in_one_batch
async def report_due() -> int:
    """People who can sign in and have not submitted this week's report get one reminder for the week."""
    week = due_week()
    if week is None:
        log.info('report-due reminders: %d new', 0)
        return 0
    submitted = set(await Report.filter(kind='weekly', period=week.key, status='submitted')
                    .values_list('person_id', flat=True))
    people = await User.filter(active=True, email__not_isnull=True).exclude(id__in=submitted or {0})
    sent = 0
    for person in people:
        sent += await reminders.notify(
            person, rule='report-due', period=week.key, subject=f'person:{person.id}',
            title=reminders.text_for(person, 'Your weekly report for {period} is due', period=week.key),
            body='', link=f'/my-reports/weekly/{week.key}')
    log.info('report-due reminders: %d new', sent)
    return sent
