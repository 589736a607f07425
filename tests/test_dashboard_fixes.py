"""Dashboard defects found in testing: finished key results, finished cycles, the report's month, stale caches."""
from datetime import UTC, date, datetime

import pytest

from models.okr import KeyResult
from models.snapshot import Snapshot
from services import clock, events, shared, snapshots
from services.dashboards.dashboard import dashboard
from services.dashboards.report import health_report
from services.errors import NotFound
from tests import factories
from tests.factories_dashboard import Company, company

pytestmark = pytest.mark.usefixtures('database')
AFTER_THE_CYCLE = datetime(2027, 1, 5, 4, tzinfo=UTC)


def health_of(board, title: str):
    return next(item for item in board.health if item.subject.title == title)


def part(item, name: str):
    return next(one for one in item.parts if one.name == name)


async def finished_key_result(acme: Company) -> KeyResult:
    """Done at once and never checked in, there since the cycle's start."""
    done = await factories.key_result(acme.sales_objective, 'Hire a rep', owner=acme.sam, target=1, current=1)
    done.created_at = datetime(2026, 9, 30, tzinfo=UTC)
    await done.save()
    shared.forget_all()
    return done


async def test_a_finished_key_result_neither_lowers_timeliness_and_contribution_nor_is_listed() -> None:
    acme = await company()
    await snapshots.take_snapshots()
    before = health_of(await dashboard(acme.admin, cycle_id=acme.cycle.id), 'Sales')
    done = await finished_key_result(acme)
    await snapshots.take_snapshots()

    after = health_of(await dashboard(acme.admin, cycle_id=acme.cycle.id), 'Sales')

    for name in ('timeliness', 'contribution'):
        assert part(after, name).value == pytest.approx(part(before, name).value), name
    assert all(link.id != done.id for one in after.parts for link in one.lowered_by)


async def test_a_part_at_full_marks_lists_nothing_that_lowers_it() -> None:
    acme = await company()
    behind = await factories.key_result(acme.sales_objective, 'Open offices', owner=acme.sam)  # 0% at day 14
    await snapshots.take_snapshots()

    sales = health_of(await dashboard(acme.admin, cycle_id=acme.cycle.id), 'Sales')

    completion = part(sales, 'completion')
    assert completion.value == 1 and completion.lowered_by == ()
    assert any(link.id == behind.id for link in part(sales, 'contribution').lowered_by)


async def over_cycle(acme: Company, state: str) -> None:
    await snapshots.take_snapshots()
    clock.set_now(AFTER_THE_CYCLE)
    acme.cycle.state = state
    await acme.cycle.save()
    await snapshots.take_snapshots()


@pytest.mark.parametrize('state', ['closed', 'active'])
async def test_a_finished_cycle_has_no_pace_or_check_in_warnings_and_no_weekly_adoption(state: str) -> None:
    acme = await company()
    await over_cycle(acme, state)

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    assert not {'behind_pace', 'stalled', 'no_checkin'} & {warning.reason for warning in board.warnings}
    assert board.adoption.finished and board.adoption.teams == () and board.adoption.silent == ()
    assert '2026 Q4' in [name for name, _ in board.adoption.scores]


async def test_a_finished_cycle_shows_the_statistics_of_its_last_day() -> None:
    acme = await company()
    await over_cycle(acme, 'closed')

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    assert {row.subject.title for row in board.stats} == {'Dev', 'Sales'}
    assert board.as_of == date(2026, 12, 31) and board.report_month == '2026-12'


async def test_a_past_month_counts_only_key_results_that_existed_by_its_last_day() -> None:
    acme = await company()
    clock.set_now(datetime(2026, 12, 2, 4, tzinfo=UTC))
    late = await factories.key_result(acme.sales_objective, 'New market', owner=acme.sam)
    late.created_at = datetime(2026, 12, 1, 4, tzinfo=UTC)
    await late.save()
    await snapshots.take_snapshots()

    november = {unit.unit.title: unit for unit in (await health_report(acme.sam, month='2026-11')).units}

    assert november['Sales'].key_results == 2
    december = {unit.unit.title: unit for unit in (await health_report(acme.sam, month='2026-12')).units}
    assert december['Sales'].key_results == 3


async def test_the_current_month_report_has_the_dashboards_health_of_today() -> None:
    acme = await company()
    await snapshots.take_snapshots()
    await factories.key_result(acme.dev_objective, 'Fix flaky tests', owner=acme.dora)  # not yet in a snapshot

    report = await health_report(acme.sam, month='2026-10')
    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    shown = {item.subject.id: item.score for item in board.health}
    assert {unit.unit.id: unit.score for unit in report.units} == shown


async def test_taking_snapshots_tells_the_bus_so_a_shared_dashboard_shows_them() -> None:
    acme = await company()
    assert (await dashboard(acme.admin, cycle_id=acme.cycle.id)).as_of is None
    heard: list[events.Change] = []
    events.okr_changed.subscribe(heard.append)

    await snapshots.take_snapshots()

    assert [change.kind for change in heard] == ['snapshots']
    assert (await dashboard(acme.admin, cycle_id=acme.cycle.id)).as_of == date(2026, 10, 15)


async def test_cycle_zero_is_a_cycle_that_does_not_exist() -> None:
    acme = await company()

    with pytest.raises(NotFound) as missing:
        await dashboard(acme.admin, cycle_id=0)

    assert missing.value.message == 'This cycle does not exist.'


async def test_loading_the_demo_takes_the_snapshots() -> None:
    from services import demo
    await demo.ensure_demo(snapshot=True)  # as `python main.py --demo` does

    assert await Snapshot.filter(kind='team').exists()
