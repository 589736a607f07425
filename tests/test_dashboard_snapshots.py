"""Daily snapshots: back-filled from check-in history, idempotent, public aggregates only."""
from datetime import UTC, date, datetime

import pytest

from models.okr import Task
from models.snapshot import Snapshot
from services import clock, jobs, snapshots
from tests import factories
from tests.factories_dashboard import company

pytestmark = pytest.mark.usefixtures('database')


async def stored(kind: str, subject_id: int, day: date) -> Snapshot:
    return await Snapshot.get(kind=kind, subject_id=subject_id, day=day)


async def everything() -> list[tuple]:
    return await Snapshot.all().order_by('cycle_id', 'kind', 'subject_id', 'day').values_list(
        'cycle_id', 'kind', 'subject_id', 'day', 'progress', 'expected', 'confidence', 'periods_due',
        'periods_checked', 'tasks_done', 'tasks_total')


async def test_back_fill_follows_the_check_in_history_of_each_key_result() -> None:
    acme = await company()

    await snapshots.take_snapshots()

    assert (await stored('key_result', acme.rise.id, date(2026, 10, 2))).progress == 0
    assert (await stored('key_result', acme.rise.id, date(2026, 10, 3))).progress == pytest.approx(0.2)
    assert (await stored('key_result', acme.rise.id, date(2026, 10, 9))).progress == pytest.approx(0.2)
    assert (await stored('key_result', acme.rise.id, date(2026, 10, 15))).progress == pytest.approx(0.5)
    assert await Snapshot.filter(kind='key_result', subject_id=acme.rise.id).count() == 15


async def test_decreasing_and_milestone_key_results_are_snapshotted_with_their_own_progress() -> None:
    acme = await company()

    await snapshots.take_snapshots()

    assert (await stored('key_result', acme.fall.id, date(2026, 10, 4))).progress == 0
    assert (await stored('key_result', acme.fall.id, date(2026, 10, 5))).progress == pytest.approx(0.4)
    assert (await stored('key_result', acme.steps.id, date(2026, 10, 3))).progress == 0
    assert (await stored('key_result', acme.steps.id, date(2026, 10, 4))).progress == pytest.approx(0.5)


async def test_expected_progress_is_the_elapsed_share_of_the_window() -> None:
    acme = await company()

    await snapshots.take_snapshots()

    assert (await stored('key_result', acme.rise.id, date(2026, 10, 15))).expected == pytest.approx(14 / 91)
    assert (await stored('objective', acme.sales_objective.id, date(2026, 10, 15))).expected == pytest.approx(14 / 91)


async def test_objectives_units_and_people_roll_up_without_private_objectives() -> None:
    acme = await company()

    await snapshots.take_snapshots()

    today = date(2026, 10, 15)
    assert (await stored('objective', acme.sales_objective.id, today)).progress == pytest.approx(0.45)
    assert (await stored('objective', acme.secret.id, today)).progress == 1
    assert (await stored('team', acme.sales.id, today)).progress == pytest.approx(0.45)
    assert (await stored('team', acme.dev.id, today)).progress == pytest.approx(0.5)
    assert (await stored('team', acme.root.id, today)).progress == pytest.approx(0.475)
    assert (await stored('person', acme.sam.id, today)).progress == pytest.approx(0.45)
    assert (await stored('person', acme.dora.id, today)).progress == pytest.approx(0.5)


async def test_check_in_periods_count_the_weeks_with_a_check_in() -> None:
    acme = await company()

    await snapshots.take_snapshots()

    rise = await stored('key_result', acme.rise.id, date(2026, 10, 15))
    fall = await stored('key_result', acme.fall.id, date(2026, 10, 15))
    assert (rise.periods_due, rise.periods_checked, rise.confidence) == (2, 2, 4)
    assert (fall.periods_due, fall.periods_checked) == (2, 1)
    assert (await stored('key_result', acme.rise.id, date(2026, 10, 6))).confidence == 7


async def test_tasks_are_counted_on_the_day_the_job_runs_only() -> None:
    acme = await company()
    await Task.create(key_result=acme.rise, title='Call', done=True)
    await Task.create(key_result=acme.rise, title='Mail')

    await snapshots.take_snapshots()

    today = await stored('team', acme.sales.id, date(2026, 10, 15))
    assert (today.tasks_done, today.tasks_total) == (1, 2)
    assert (await stored('team', acme.sales.id, date(2026, 10, 14))).tasks_total is None


async def test_running_the_job_again_changes_nothing() -> None:
    await company()
    await snapshots.take_snapshots()
    before = await everything()

    await snapshots.take_snapshots()

    assert await everything() == before


async def test_the_next_day_adds_one_day_and_keeps_the_past() -> None:
    acme = await company()
    await snapshots.take_snapshots()
    clock.set_now(datetime(2026, 10, 16, 4, tzinfo=UTC))

    await snapshots.take_snapshots()

    assert await Snapshot.filter(kind='key_result', subject_id=acme.rise.id).count() == 16


async def test_a_key_result_added_later_back_fills_its_whole_cycle() -> None:
    acme = await company()
    await snapshots.take_snapshots()
    late = await factories.key_result(acme.dev_objective, 'Late addition')

    await snapshots.take_snapshots()

    assert await Snapshot.filter(kind='key_result', subject_id=late.id).count() == 15


async def test_a_finished_cycle_is_not_written_twice() -> None:
    acme = await company()
    clock.set_now(datetime(2027, 1, 10, tzinfo=UTC))
    first = await snapshots.take_snapshots()

    again = await snapshots.take_snapshots()

    assert first > 0 and again == 0
    assert await Snapshot.filter(kind='key_result', subject_id=acme.rise.id).count() == 92


async def test_an_empty_company_stores_nothing() -> None:
    await factories.company()

    assert await snapshots.take_snapshots() == 0


def test_the_snapshot_job_is_in_the_table_of_jobs() -> None:
    assert jobs.find('snapshots').run is snapshots.take_snapshots
