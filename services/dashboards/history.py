"""Heatmap, trend lines and daily/weekly statistics: read from the stored snapshots (company-visible objectives)."""
from datetime import date, timedelta

from models.cycle import Cycle
from services import metrics
from services.dashboards.data import CycleData, Numbers, week_days
from services.dashboards.views import Heatmap, HeatRow, Link, StatRow, Trend, TrendSeries

MAX_OBJECTIVE_LINES = 5


def subject_kind(subject: Link) -> str:
    return 'person' if subject.kind == 'person' else 'team'


def _at(data: CycleData, cycle: Cycle, kind: str, subject_id: int, day: date) -> Numbers | None:
    found = data.numbers(cycle.id, kind, subject_id, day)
    if found is None and day == data.today:  # today's job has not run yet
        found = data.numbers(cycle.id, kind, subject_id, day - timedelta(days=1))
    return found


def heatmap(data: CycleData, subjects: list[Link],
            weekly: dict[tuple[str, int, date], Numbers] | None = None) -> Heatmap:
    """Rows of subjects, a column per week of the cycle: progress minus expected progress at the week's end."""
    weeks = week_days(data.cycle)
    read = week_days(data.cycle, data.today)
    rows = []
    for subject in subjects:
        cells: list[float | None] = []
        for index in range(len(weeks)):
            numbers = None
            if index < len(read):
                numbers = (weekly.get((subject.kind, subject.id, read[index])) if weekly is not None
                           else _at(data, data.cycle, subject_kind(subject), subject.id, read[index]))
            cells.append(numbers.progress - numbers.expected if numbers else None)
        if any(cell is not None for cell in cells):  # a unit or person with nothing to show this cycle
            rows.append(HeatRow(subject, tuple(cells)))
    return Heatmap(tuple(read[i] if i < len(read) else weeks[i] for i in range(len(weeks))), tuple(rows))


def trend(data: CycleData, subject: Link, objective_lines: list[tuple[Link, dict[date, float]]]) -> Trend:
    """The subject's progress per week in this cycle, the previous one and a year earlier, and its objectives."""
    kind = subject_kind(subject)
    weeks = week_days(data.cycle)
    series = [TrendSeries('This cycle', data.cycle.name, _points(data, data.cycle, kind, subject.id, data.today))]
    for label, other in (('Previous cycle', data.previous), ('A year earlier', data.year_before)):
        if other is not None:
            points = _points(data, other, kind, subject.id, None)
            if any(point is not None for point in points):
                series.append(TrendSeries(label, other.name, points))
    for objective, by_day in objective_lines[:MAX_OBJECTIVE_LINES]:
        read = week_days(data.cycle, data.today)
        series.append(TrendSeries(objective.title, data.cycle.name, tuple(by_day.get(day) for day in read),
                                  translate=False))
    expected = tuple(metrics.expected_progress(data.cycle.start, data.cycle.end, day) for day in weeks)
    return Trend(len(weeks), expected, tuple(series))


def _points(data: CycleData, cycle: Cycle, kind: str, subject_id: int, upto: date | None) -> tuple[float | None, ...]:
    values = []
    for day in week_days(cycle, upto):
        numbers = _at(data, cycle, kind, subject_id, day)
        values.append(numbers.progress if numbers else None)
    return tuple(values)


def stats(data: CycleData, subjects: list[Link]) -> tuple[StatRow, ...]:
    """Each subject's progress now, its change over a day and a week, and its action-plan task completion."""
    rows = []
    for subject in subjects:
        kind = subject_kind(subject)
        last = data.last_day  # a finished cycle is read at its last day
        today = data.numbers(data.cycle.id, kind, subject.id, last)
        shift = 0 if today else 1
        now = today or data.numbers(data.cycle.id, kind, subject.id, last - timedelta(days=1))
        if now is None:
            continue
        day_before = data.numbers(data.cycle.id, kind, subject.id, last - timedelta(days=1 + shift))
        week_before = data.numbers(data.cycle.id, kind, subject.id, last - timedelta(days=7 + shift))
        rows.append(StatRow(subject, now.progress, now.progress - day_before.progress if day_before else None,
                            now.progress - week_before.progress if week_before else None,
                            now.tasks_done, now.tasks_total))
    return tuple(rows)
