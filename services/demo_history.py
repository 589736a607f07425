"""How a demo key result's weekly check-ins go: believable, varied and the same on every run."""
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services import metrics
from services.demo_content import NEXT_STEPS, NOTES, KeyResultSpec, Text

PROFILE_WEIGHTS = {'steady': 60, 'done': 12, 'at_risk': 12, 'stalled': 8, 'off_track': 4, 'low_confidence': 4}
FINAL_CONFIDENCE = {'steady': (6, 8), 'done': (9, 10), 'at_risk': (3, 4), 'off_track': (1, 3), 'stalled': (4, 5),
                    'low_confidence': (2, 3)}
AT_RISK_GAP = (0.26, 0.32)  # how far behind the expected progress: inside metrics' at-risk band
OFF_TRACK_GAP = (0.5, 0.6)
STALL_DAYS = (21, 27)  # a stalled key result last moved this long ago: over two check-in periods


@dataclass(frozen=True)
class Window:
    """A cycle's dates as its check-ins see them, up to `now` (or the cycle's end once it is over)."""
    start: date
    end: date
    weekday: int
    now: datetime
    tz: ZoneInfo

    @property
    def today(self) -> date:
        return min(self.now.astimezone(self.tz).date(), self.end)

    def share(self, day: date) -> float:
        return metrics.expected_progress(self.start, self.end, day)

    def checkin_days(self) -> list[date]:
        """The check-in weekdays from the cycle's second week up to today."""
        day = self.start + timedelta(days=(self.weekday - self.start.weekday()) % 7)
        if (day - self.start).days < 4:
            day += timedelta(weeks=1)
        days = []
        while day <= self.today:
            days.append(day)
            day += timedelta(weeks=1)
        return days


@dataclass(frozen=True)
class Point:
    at: datetime
    value: float
    confidence: int
    note: Text
    next_step: Text


def draw_profile(spec: KeyResultSpec, rng: random.Random) -> str:
    if spec.profile:
        return spec.profile
    if spec.start == spec.target and spec.kind not in ('boolean', 'milestone'):
        return 'steady'
    if spec.kind == 'boolean':
        return rng.choice(('done', 'done', 'done', 'steady', 'at_risk'))
    return rng.choices(list(PROFILE_WEIGHTS), weights=list(PROFILE_WEIGHTS.values()))[0]


def history(spec: KeyResultSpec, profile: str, window: Window, rng: random.Random) -> list[Point]:
    """The check-ins of one key result, oldest first; none for a 'silent' one."""
    moments = [datetime.combine(day, time(9 + rng.randrange(3), rng.randrange(60)), tzinfo=window.tz)
               for day in window.checkin_days()]
    moments = [moment for moment in moments if moment <= window.now]
    if profile == 'silent' or not moments:
        return []
    stall = window.today - timedelta(days=rng.randint(*STALL_DAYS))
    if profile == 'stalled' and sum(moment.date() <= stall for moment in moments) < 2:
        profile = 'at_risk'  # too early in the cycle to have stalled
    if profile not in ('stalled', 'done'):
        moments = [moment for i, moment in enumerate(moments) if i == len(moments) - 1 or rng.random() > 0.1]
    path = _progress_path(profile, [moment.date() for moment in moments], window, stall, rng)
    if profile == 'done' and 1.0 in path:
        moments = moments[:path.index(1.0) + 1 + rng.randint(0, 2)]  # some owners stop checking in once done
    first_confidence, last_confidence = rng.randint(6, 8), rng.randint(*FINAL_CONFIDENCE[profile])
    points = []
    for i, (moment, progress) in enumerate(zip(moments, path, strict=False)):
        last = i == len(moments) - 1
        mood = _mood(profile, progress, i / len(moments), moment.date() > stall)
        confidence = last_confidence if last else _drift(first_confidence, last_confidence, i, len(moments), rng)
        points.append(Point(
            at=moment.astimezone(UTC), value=_value(spec, progress, rng, bad_week=not last and rng.random() < 0.1),
            confidence=10 if progress >= 1 else confidence,
            note=rng.choice(NOTES[mood]) if last or rng.random() < 0.6 else ('', ''),
            next_step=rng.choice(NEXT_STEPS) if progress < 1 and rng.random() < 0.35 else ('', '')))
    return points


def _progress_path(profile: str, days: list[date], window: Window, stall: date, rng: random.Random) -> list[float]:
    """Progress at each check-in, ending where the profile says it stands today."""
    if profile == 'done':
        finish = max(1, round(len(days) * rng.uniform(0.6, 0.9)))
        return [min(1.0, (i + 1) / finish) for i in range(len(days))]
    shares = [window.share(day) for day in days]
    if profile == 'stalled':
        pace = rng.uniform(0.9, 1.05)
        plateau = min(0.95, max(share * pace for day, share in zip(days, shares, strict=True) if day <= stall))
        return [min(plateau, share * pace) if day <= stall else plateau
                for day, share in zip(days, shares, strict=True)]
    expected_now = window.share(window.today)
    final = {
        'steady': min(rng.uniform(0.85, 0.97), expected_now * rng.uniform(1.0, 1.15)),
        'low_confidence': min(0.95, expected_now * rng.uniform(0.95, 1.05)),
        'at_risk': expected_now - rng.uniform(*AT_RISK_GAP),
        'off_track': expected_now - rng.uniform(*OFF_TRACK_GAP),
    }[profile]
    final = max(0.0, final)
    scale = final / shares[-1] if shares[-1] > 0 else 0.0
    path, reached = [], 0.0
    for share in shares[:-1]:
        reached = max(reached, min(final, share * scale * (1 + rng.gauss(0, 0.03))))
        path.append(reached)
    return [*path, final]


def _value(spec: KeyResultSpec, progress: float, rng: random.Random, bad_week: bool) -> float:
    """The value a check-in reports for a progress, in the key result's own terms."""
    if spec.kind == 'boolean':
        return 1.0 if progress >= 1 else 0.0
    if spec.kind == 'milestone':
        steps = len(spec.steps)
        return float(steps if progress >= 1 else min(steps - 1, round(progress * steps)))
    if spec.start == spec.target:
        return _kept_value(spec, rng, bad_week)
    if progress >= 1:
        return spec.target
    value = round(spec.start + progress * (spec.target - spec.start), spec.decimals)
    if value == spec.target:  # rounding must not finish what is not finished
        value = round(value - (1 if spec.target > spec.start else -1) * 10 ** -spec.decimals, spec.decimals)
    return value


def _kept_value(spec: KeyResultSpec, rng: random.Random, bad_week: bool) -> float:
    """A "stay at or above" value: on the good side of the target, now and then a bad week."""
    good = -1 if spec.direction == 'decrease' else 1
    if bad_week:
        return round(spec.target - good * spec.slack * rng.uniform(0.1, 0.3), spec.decimals)
    return round(spec.target + good * spec.slack * rng.uniform(0.1, 1.0), spec.decimals)


def _drift(first: int, last: int, i: int, count: int, rng: random.Random) -> int:
    planned = first + (last - first) * i / max(1, count - 1)
    return max(0, min(10, round(planned + rng.gauss(0, 0.6))))


def _mood(profile: str, progress: float, elapsed: float, after_stall: bool) -> str:
    if progress >= 1:
        return 'done'
    if profile == 'stalled' and after_stall:
        return 'stuck'
    if profile in ('at_risk', 'off_track') and elapsed >= 0.5:
        return 'behind'
    if profile == 'low_confidence' and elapsed >= 0.6:
        return 'unsure'
    return 'steady'
