"""The frozen read models the dashboard and the monthly report show."""
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Link:
    """Something a number points at: a key result, an objective, a team or a person."""
    kind: str  # key_result, objective, team, person
    id: int
    title: str
    objective_id: int | None = None  # where a key result is shown


@dataclass(frozen=True)
class Scope:
    """Whose dashboard: the company, one unit (department or team) or one person, in one cycle."""
    cycle_id: int
    cycle_name: str
    level: str  # company, team, person
    id: int | None
    name: str
    parent_team_id: int | None = None  # one level up, for the way back


@dataclass(frozen=True)
class HeatRow:
    subject: Link  # a team or a person; clicking it drills down
    cells: tuple[float | None, ...]  # progress minus expected progress at each week's end, None for weeks to come


@dataclass(frozen=True)
class Heatmap:
    weeks: tuple[date, ...]  # the day each column stands for (the week's last day, or today)
    rows: tuple[HeatRow, ...]


@dataclass(frozen=True)
class TrendSeries:
    name: str  # English label of the line: this cycle, previous cycle, a year earlier, or an objective's title
    cycle_name: str
    points: tuple[float | None, ...]  # progress per week of the cycle (week 1 first)
    translate: bool = True  # objective titles are user text, not translated


@dataclass(frozen=True)
class Trend:
    weeks: int
    expected: tuple[float, ...]  # expected progress at the end of each week of this cycle
    series: tuple[TrendSeries, ...]


@dataclass(frozen=True)
class HealthPart:
    name: str  # completion, timeliness, contribution
    value: float  # 0..1
    weight: float
    lowered_by: tuple[Link, ...]  # what lowers this part most, to go and fix


@dataclass(frozen=True)
class Health:
    subject: Link
    score: int  # 0..100
    parts: tuple[HealthPart, ...]


@dataclass(frozen=True)
class Warning:
    reason: str  # stalled, behind_pace, no_checkin, confidence_drop, no_key_results, no_objectives
    subject: Link
    value: float | None = None  # points behind, days without a check-in, or the confidence lost


@dataclass(frozen=True)
class TeamAdoption:
    team: Link
    key_results: int
    updated: int  # key results with a check-in in the last seven days

    @property
    def share(self) -> float:
        return self.updated / self.key_results if self.key_results else 0.0


@dataclass(frozen=True)
class Adoption:
    teams: tuple[TeamAdoption, ...]
    silent: tuple[Link, ...]  # people with key results and no check-in in the last seven days
    scores: tuple[tuple[str, tuple[int, int, int]], ...]  # closed cycle -> counts scored 0-0.3, 0.3-0.7, 0.7-1
    finished: bool = False  # the cycle is over: no weekly check-ins are owed, so teams and silent stay empty
    not_started: bool = False  # the cycle starts after today: no check-ins are owed yet either


@dataclass(frozen=True)
class StatRow:
    subject: Link
    progress: float
    day_change: float | None  # progress gained since yesterday
    week_change: float | None  # progress gained since a week ago
    tasks_done: int | None
    tasks_total: int | None

    @property
    def task_rate(self) -> float | None:
        return self.tasks_done / self.tasks_total if self.tasks_total else None


@dataclass(frozen=True)
class Dashboard:
    scope: Scope
    as_of: date | None  # the day of the latest snapshot; None before the first one
    heatmap: Heatmap
    trend: Trend
    health: tuple[Health, ...]
    warnings: tuple[Warning, ...]
    adoption: Adoption
    stats: tuple[StatRow, ...]
    report_month: str | None = None  # YYYY-MM of the monthly health report that covers this cycle
