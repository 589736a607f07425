"""The dashboard of the company, a unit or a person in a cycle: every read model in one call."""
from datetime import date

from models.org import User
from models.snapshot import Snapshot
from services import cycles
from services.access import Access, require_active
from services.dashboards import adoption, health, history, scope, warnings
from services.dashboards.data import CycleData, KeyResultRow, Numbers, can_view, cycle_data, week_days
from services.dashboards.views import Dashboard, Link, Scope
from services.errors import Invalid, NotFound

MAX_ID = 2 ** 63 - 1  # SQLite's largest integer


def parse_id(value: str | None, field: str) -> int | None:
    """An id from a query parameter; None when absent."""
    if value is None or value == '':
        return None
    if not value.isdigit() or int(value) > MAX_ID:
        raise Invalid('"{value}" is not a valid number.', field=field, value=value[:40])
    return int(value)


async def default_cycle_id(actor: User) -> int:
    current = await cycles.current_cycle(actor)
    if current is None:
        raise NotFound('There is no cycle yet.')
    return current.id


async def dashboard(actor: User, *, cycle_id: int | None = None, team_id: int | None = None,
                    person_id: int | None = None) -> Dashboard:
    """The dashboard for the company (no team, no person), a team or a person; private objectives stay hidden."""
    require_active(actor)
    data = await cycle_data(cycle_id if cycle_id is not None else await default_cycle_id(actor))
    access = data.org.access(actor)
    where = scope.resolve(data, team_id, person_id)
    subjects = scope.parts(data, where)
    if where.level == 'person':
        heatmap = history.heatmap(data, *await _key_result_weeks(data, access, where))
    else:
        heatmap = history.heatmap(data, subjects)
    focus = _focus(where)
    healths = [health.health(data, subject) for subject in _health_subjects(where, focus, subjects)]
    return Dashboard(
        scope=where, as_of=_as_of(data), heatmap=heatmap,
        trend=history.trend(data, focus, await _objective_lines(data, access, where)),
        health=tuple(item for item in healths if item is not None),
        warnings=warnings.warnings(data, access, where), adoption=adoption.adoption(data, access, where),
        stats=history.stats(data, subjects if where.level != 'person' else [focus]), report_month=_report_month(data))


def _report_month(data: CycleData) -> str | None:
    """The month of the health report that shows this cycle: today's, or its last month once it is over."""
    if data.cycle.start > data.today:
        return None
    return data.last_day.strftime('%Y-%m')


def _focus(where: Scope) -> Link:
    return Link('person' if where.level == 'person' else 'team', where.id or 0, where.name)


def _health_subjects(where: Scope, focus: Link, subjects: list[Link]) -> list[Link]:
    return [focus] if where.level == 'person' else [focus, *subjects]


def _as_of(data: CycleData) -> date | None:
    days = [day for (cycle_id, _, _, day) in data.snapshots if cycle_id == data.cycle.id]
    return max(days) if days else None


def _scope_key_results(data: CycleData, access: Access, where: Scope) -> list[KeyResultRow]:
    return [kr for kr in data.krs if can_view(access, kr.objective) and scope.covers_key_result(data, where, kr)]


async def _key_result_weeks(data: CycleData, access: Access,
                            where: Scope) -> tuple[list[Link], dict[tuple[str, int, date], Numbers]]:
    """A person's heatmap has a row per key result, read from the key results' own snapshots (one query)."""
    krs = _scope_key_results(data, access, where)
    days = week_days(data.cycle, data.today)
    rows = await (Snapshot.filter(cycle_id=data.cycle.id, kind='key_result', subject_id__in=[kr.id for kr in krs],
                                  day__in=days).values_list('subject_id', 'day', 'progress', 'expected'))
    links = [Link('key_result', kr.id, kr.title, kr.objective.id) for kr in krs]
    return links, {('key_result', kr_id, day): Numbers(progress, expected) for kr_id, day, progress, expected in rows}


async def _objective_lines(data: CycleData, access: Access, where: Scope) -> list[tuple[Link, dict[date, float]]]:
    """A team's or a person's own objectives, each as a line of its weekly progress (one query)."""
    if where.level == 'company':
        return []
    owned = [objective for objective in data.objectives if can_view(access, objective)
             and (objective.owner_id == where.id if where.level == 'person' else objective.team_id == where.id)]
    owned = owned[:history.MAX_OBJECTIVE_LINES]
    if not owned:
        return []
    rows = await (Snapshot.filter(cycle_id=data.cycle.id, kind='objective', subject_id__in=[o.id for o in owned],
                                  day__in=week_days(data.cycle, data.today))
                  .values_list('subject_id', 'day', 'progress'))
    lines: dict[int, dict[date, float]] = {objective.id: {} for objective in owned}
    for objective_id, day, progress in rows:
        lines[objective_id][day] = progress
    return [(Link('objective', objective.id, objective.title), lines[objective.id]) for objective in owned]
