"""Report periods: ISO weeks ('2026-W49') and calendar months ('2026-12') in the company's time zone."""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from services import clock
from services.errors import Invalid

KINDS = ('weekly', 'monthly')
_WEEK = re.compile(r'^(\d{4})-W(\d{2})$')
_MONTH = re.compile(r'^(\d{4})-(\d{2})$')


@dataclass(frozen=True)
class Period:
    kind: str
    key: str
    start: date
    end: date  # the last day, included


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise Invalid('Choose a weekly or a monthly report.', field='kind')
    return kind


def week_of(day: date) -> Period:
    year, week, _ = day.isocalendar()
    start = day - timedelta(days=day.weekday())
    return Period('weekly', f'{year}-W{week:02d}', start, start + timedelta(days=6))


def month_of(day: date) -> Period:
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return Period('monthly', f'{day.year}-{day.month:02d}', start, following - timedelta(days=1))


def period_of(kind: str, day: date) -> Period:
    """The week or month that holds `day`."""
    return week_of(day) if check_kind(kind) == 'weekly' else month_of(day)


def current_period(kind: str) -> Period:
    """This week or this month, by the company's calendar."""
    return period_of(kind, clock.today())


def parse_period(kind: str, key: str) -> Period:
    """The period named by `key` ('2026-W49' for weekly, '2026-12' for monthly); Invalid when it names none."""
    check_kind(kind)
    text = (key or '').strip().upper()
    if kind == 'weekly':
        found = _WEEK.match(text)
        try:
            return week_of(date.fromisocalendar(int(found[1]), int(found[2]), 1)) if found else _bad(kind, key)
        except ValueError:
            return _bad(kind, key)
    found = _MONTH.match(text)
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1:
        return _bad(kind, key)
    return month_of(date(int(found[1]), int(found[2]), 1))


def _bad(kind: str, key: str) -> Period:
    if kind == 'weekly':
        raise Invalid('"{period}" is not a week; use the form 2026-W49.', field='period', period=key[:20])
    raise Invalid('"{period}" is not a month; use the form 2026-12.', field='period', period=key[:20])


def is_future(period: Period) -> bool:
    return period.start > clock.today()


def shift(period: Period, steps: int) -> Period:
    """The period `steps` weeks or months before (negative) or after this one."""
    if period.kind == 'weekly':
        return week_of(period.start + timedelta(days=7 * steps))
    moved = period
    for _ in range(abs(steps)):
        moved = month_of(moved.start - timedelta(days=1) if steps < 0 else moved.end + timedelta(days=1))
    return moved
