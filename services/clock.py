"""The one clock. Tests move it with `set_now`; everything else calls `now()` or `today()`."""
from datetime import UTC, date, datetime, timedelta

from config import settings

_offset = timedelta(0)


def now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC) + _offset


def today() -> date:
    """Today's date in the company's time zone."""
    return now().astimezone(settings().tz).date()


def set_now(moment: datetime | None) -> None:
    """Pretend the current time is `moment` (None goes back to the real time)."""
    global _offset
    _offset = timedelta(0) if moment is None else moment - datetime.now(UTC)
