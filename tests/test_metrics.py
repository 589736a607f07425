from datetime import UTC, date, datetime, timedelta

import pytest

from services import metrics
from services.metrics import Measure


def at(day: int) -> datetime:
    return datetime(2026, 10, 1, tzinfo=UTC) + timedelta(days=day)


@pytest.mark.parametrize(('value', 'expected'), [(0, 0.0), (50, 0.5), (100, 1.0), (130, 1.0), (-5, 0.0)])
def test_increasing_metric_progress_is_clamped_share_of_the_way(value: float, expected: float) -> None:
    assert metrics.progress(Measure('number', 0, 100), value) == expected


@pytest.mark.parametrize(('value', 'expected'), [(20, 0.0), (15, 0.5), (10, 1.0), (5, 1.0), (25, 0.0)])
def test_decreasing_metric_uses_same_formula_with_start_above_target(value: float, expected: float) -> None:
    assert metrics.progress(Measure('number', 20, 10, 'decrease'), value) == expected


def test_missing_start_counts_as_zero() -> None:
    assert metrics.progress(Measure('number', 0, 40), 10) == 0.25


@pytest.mark.parametrize(('direction', 'value', 'expected'), [
    ('increase', 99.9, 1.0), ('increase', 99.95, 1.0), ('increase', 99.8, 0.0),
    ('decrease', 2, 1.0), ('decrease', 3, 0.0),
])
def test_start_equal_to_target_is_all_or_nothing_by_side(direction: str, value: float, expected: float) -> None:
    target = 99.9 if direction == 'increase' else 2
    assert metrics.progress(Measure('number', target, target, direction), value) == expected


def test_boolean_is_zero_or_one() -> None:
    assert metrics.progress(Measure('boolean', 0, 1), 0) == 0.0
    assert metrics.progress(Measure('boolean', 0, 1), 1) == 1.0


def test_weighted_milestones_count_the_weight_of_steps_done() -> None:
    measure = Measure('milestone', 0, 3, step_weights=(1, 1, 2))

    assert metrics.progress(measure, 0) == 0.0
    assert metrics.progress(measure, 2) == 0.5
    assert metrics.progress(measure, 3) == 1.0


def test_milestones_without_weights_are_steps_done_over_all_steps() -> None:
    assert metrics.progress(Measure('milestone', 0, 3, step_weights=(1, 1, 1)), 1) == pytest.approx(1 / 3)


def test_key_result_without_target_has_no_progress() -> None:
    assert metrics.progress(Measure('number', 0, None), 50) == 0.0


def test_expected_progress_is_zero_on_first_day_and_one_on_last_day() -> None:
    start, end = date(2026, 10, 1), date(2026, 12, 31)

    assert metrics.expected_progress(start, end, start) == 0.0
    assert metrics.expected_progress(start, end, end) == 1.0
    assert metrics.expected_progress(start, end, date(2026, 9, 1)) == 0.0
    assert metrics.expected_progress(start, end, date(2027, 2, 1)) == 1.0
    assert metrics.expected_progress(start, end, date(2026, 11, 15)) == pytest.approx(45 / 91)


@pytest.mark.parametrize(('progress', 'expected', 'confidence', 'status'), [
    (1.0, 0.9, 2, 'done'),
    (0.5, 0.5, 7, 'on_track'),
    (0.5, 0.75, 7, 'at_risk'),
    (0.5, 0.95, 7, 'off_track'),
    (0.5, 0.5, 3, 'at_risk'),
    (0.5, 0.5, None, 'on_track'),
])
def test_status_comes_from_pace_and_confidence(progress: float, expected: float, confidence: int | None,
                                               status: str) -> None:
    assert metrics.status(progress, expected, confidence) == status


def test_owner_override_wins_over_computed_status() -> None:
    assert metrics.status(0.1, 0.9, 9, override='on_track') == 'on_track'


def test_objective_takes_the_status_of_its_worst_key_result() -> None:
    assert metrics.worst_status(['done', 'at_risk', 'on_track']) == 'at_risk'
    assert metrics.worst_status(['done', 'off_track', 'at_risk']) == 'off_track'


def test_objective_progress_is_weighted_and_team_progress_a_plain_average() -> None:
    assert metrics.weighted_progress([(1.0, 3), (0.0, 1)]) == 0.75
    assert metrics.average([0.75, 0.25]) == 0.5
    assert metrics.average([]) == 0.0


def test_stalled_when_no_progress_over_two_periods() -> None:
    measure = Measure('number', 0, 100)
    history = [(at(1), 10), (at(8), 30), (at(15), 30), (at(22), 30)]

    assert metrics.is_stalled(measure, history, now=at(23), window_start=at(0))
    assert not metrics.is_stalled(measure, history[:2], now=at(9), window_start=at(0))


def test_stalled_for_decreasing_metric_that_does_not_fall() -> None:
    measure = Measure('number', 20, 5, 'decrease')
    history = [(at(1), 18), (at(8), 18), (at(15), 19)]

    assert metrics.is_stalled(measure, history, now=at(16), window_start=at(0))


def test_not_stalled_when_finished_or_too_early_in_the_cycle() -> None:
    measure = Measure('number', 0, 10)

    assert not metrics.is_stalled(measure, [(at(1), 10)], now=at(30), window_start=at(0))
    assert not metrics.is_stalled(measure, [], now=at(10), window_start=at(0))


def test_checkins_before_the_cycle_count_as_the_value_it_starts_from() -> None:
    history = [(at(-20), 40), (at(5), 45)]

    assert metrics.value_at(history, at(0), default=0) == 40
    assert metrics.value_at(history, at(6), default=0) == 45
