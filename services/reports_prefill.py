"""The progress section of a report, written in advance from the check-ins of the period."""
from datetime import datetime, time, timedelta

from tortoise.expressions import Q

from config import settings
from models.checkin import CheckIn
from models.okr import KeyResult
from services.reports_periods import Period


def period_moments(period: Period) -> tuple[datetime, datetime]:
    """The first moment of the period and the first moment after it, in the company's time zone."""
    tz = settings().tz
    return (datetime.combine(period.start, time.min, tzinfo=tz),
            datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=tz))


def _number(value: float, unit: str) -> str:
    return f'{value:g}{" " + unit if unit else ""}'


async def progress_lines(person_id: int, period: Period) -> str:
    """One line per check-in of the person's key results in the period: key result, old -> new value, note."""
    krs = {kr.id: kr for kr in await KeyResult.filter(
        Q(owner_id=person_id) | Q(owner_id=None, objective__owner_id=person_id),
        deleted_at=None, objective__deleted_at=None)}
    if not krs:
        return ''
    since, until = period_moments(period)
    checkins = await CheckIn.filter(key_result_id__in=list(krs), at__lt=until).order_by('at', 'id')
    last_value = {kr.id: kr.start for kr in krs.values()}
    lines = []
    for checkin in checkins:
        old = last_value[checkin.key_result_id]
        last_value[checkin.key_result_id] = checkin.value
        if checkin.at < since:
            continue
        kr = krs[checkin.key_result_id]
        line = f'- {kr.title}: {_number(old, kr.unit)} → {_number(checkin.value, kr.unit)}'
        note = ' '.join(checkin.note.split())
        lines.append(f'{line} ({note})' if note else line)
    return '\n'.join(lines)
