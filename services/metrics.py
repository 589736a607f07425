"""Progress, expected progress, pace, status, stall and roll-up: the one place these numbers are computed."""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

AT_RISK_PACE = -0.2
OFF_TRACK_PACE = -0.4
LOW_CONFIDENCE = 3
STATUS_ORDER = ('done', 'on_track', 'at_risk', 'off_track')  # best to worst


@dataclass(frozen=True)
class Measure:
    """The numbers of a key result needed to compute its progress."""
    kind: str
    start: float
    target: float | None
    direction: str = 'increase'
    step_weights: tuple[float, ...] = ()


def progress(measure: Measure, value: float) -> float:
    """Share of the way from start to target reached by `value`, in [0, 1]."""
    if measure.kind == 'boolean':
        return 1.0 if value >= 1 else 0.0
    if measure.kind == 'milestone':
        return _milestone_progress(measure, value)
    if measure.target is None:
        return 0.0
    if measure.target == measure.start:  # "stay at or above / below the target"
        on_right_side = value <= measure.target if measure.direction == 'decrease' else value >= measure.target
        return 1.0 if on_right_side else 0.0
    return _clamp((value - measure.start) / (measure.target - measure.start))


def _milestone_progress(measure: Measure, value: float) -> float:
    steps_done = max(0, int(value + 1e-9))
    if measure.step_weights:
        total = sum(measure.step_weights)
        return _clamp(sum(measure.step_weights[:steps_done]) / total) if total > 0 else 0.0
    if not measure.target:
        return 0.0
    return _clamp(steps_done / measure.target)


def expected_progress(window_start: date, window_end: date, on: date) -> float:
    """Elapsed share of the window on day `on`: 0 on its first day, 1 on its last."""
    if window_end <= window_start:
        return 1.0 if on >= window_end else 0.0
    return _clamp((on - window_start).days / (window_end - window_start).days)


def status(progress_: float, expected: float, confidence: int | None, override: str | None = None) -> str:
    """done, on_track, at_risk or off_track; an owner's override wins."""
    if override in STATUS_ORDER:
        return override
    if progress_ >= 1:
        return 'done'
    pace = progress_ - expected
    if pace < OFF_TRACK_PACE:
        return 'off_track'
    if pace < AT_RISK_PACE or (confidence is not None and confidence <= LOW_CONFIDENCE):
        return 'at_risk'
    return 'on_track'


def worst_status(statuses: Iterable[str]) -> str:
    """An objective takes the status of its worst key result."""
    statuses = list(statuses)
    if not statuses:
        return 'on_track'
    return max(statuses, key=STATUS_ORDER.index)


def is_at_risk(status_: str) -> bool:
    return status_ in ('at_risk', 'off_track')


def weighted_progress(parts: Sequence[tuple[float, float]]) -> float:
    """Weight-averaged progress of (progress, weight) pairs; an objective's progress from its key results."""
    total = sum(max(weight, 0) for _, weight in parts)
    if total <= 0:
        return average(p for p, _ in parts)
    return sum(p * max(weight, 0) for p, weight in parts) / total


def average(values: Iterable[float]) -> float:
    """A team's or the company's progress: the plain average of its objectives' progress."""
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def value_at(history: Sequence[tuple[datetime, float]], moment: datetime, default: float) -> float:
    """The value as of `moment`, from a check-in history sorted by time."""
    value = default
    for at, checked in history:
        if at > moment:
            break
        value = checked
    return value


def is_stalled(measure: Measure, history: Sequence[tuple[datetime, float]], now: datetime,
               window_start: datetime, period: timedelta = timedelta(days=7), periods: int = 2) -> bool:
    """No increase in progress over the last `periods` check-in periods (never for a finished key result)."""
    then = now - period * periods
    if then < window_start:
        return False
    current = value_at(history, now, measure.start)
    if progress(measure, current) >= 1:
        return False
    before = value_at(history, then, measure.start)
    return progress(measure, current) <= progress(measure, before)


GOOD_SCORE = 0.7  # Google-style: 0.7 is a good end-of-cycle score
LOW_SCORE = 0.3
SCORE_BANDS = ('0–0.3', '0.3–0.7', '0.7–1.0')  # the one set of band labels: LOW_SCORE or less, between, GOOD_SCORE+


def score_band(score_: float) -> int:
    """Which of SCORE_BANDS a score falls in: 0.3 or less, between, 0.7 or more."""
    return 0 if score_ <= LOW_SCORE else 2 if score_ >= GOOD_SCORE else 1


def score(recorded: float | None, progress_: float) -> float:
    """A key result's end-of-cycle score: the recorded (reviewed) score, else its progress, rounded to 0.1 steps."""
    value = progress_ if recorded is None else recorded
    return round(_clamp(value), 1)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
