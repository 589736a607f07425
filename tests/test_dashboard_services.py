"""Dashboard read models against numbers worked out by hand for the small company of factories_dashboard."""
from datetime import UTC, date, datetime

import pytest

from models.snapshot import Snapshot
from services import clock, shared, snapshots
from services.dashboards import health
from services.dashboards.dashboard import dashboard
from services.errors import NotFound
from tests import factories
from tests.factories_dashboard import company

pytestmark = pytest.mark.usefixtures('database')


async def built(**scope: int):
    acme = await company()
    await snapshots.take_snapshots()
    return acme, await dashboard(acme.admin, cycle_id=acme.cycle.id, **scope)


def row(board, title: str):
    return next(row for row in board.heatmap.rows if row.subject.title == title)


async def test_company_heatmap_has_a_row_per_unit_and_progress_minus_expected_per_week() -> None:
    _, board = await built()

    assert [row.subject.title for row in board.heatmap.rows] == ['Dev', 'Sales']
    assert board.heatmap.weeks[:3] == (date(2026, 10, 7), date(2026, 10, 14), date(2026, 10, 15))
    sales = row(board, 'Sales').cells
    assert sales[0] == pytest.approx(0.3 - 6 / 91)
    assert sales[1] == pytest.approx(0.45 - 13 / 91)
    assert sales[2] == pytest.approx(0.45 - 14 / 91)
    assert sales[3:] == (None,) * 11
    assert row(board, 'Dev').cells[0] == pytest.approx(0.5 - 6 / 91)


async def test_team_heatmap_drills_down_to_its_people() -> None:
    acme = await company()
    await snapshots.take_snapshots()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id, team_id=acme.sales.id)

    assert [(row.subject.kind, row.subject.title) for row in board.heatmap.rows] == [('person', 'Sam Sales')]
    assert board.scope.level == 'team' and board.scope.parent_team_id == acme.root.id


async def test_person_heatmap_has_a_row_per_key_result() -> None:
    acme = await company()
    await snapshots.take_snapshots()

    board = await dashboard(acme.sam, cycle_id=acme.cycle.id, person_id=acme.sam.id)

    rows = {row.subject.title: row.cells for row in board.heatmap.rows}
    assert set(rows) == {'Close deals', 'Cut churn'}
    assert rows['Cut churn'][1] == pytest.approx(0.4 - 13 / 91)
    assert {row.subject.objective_id for row in board.heatmap.rows} == {acme.sales_objective.id}


async def test_company_trend_follows_the_average_of_the_units_objectives() -> None:
    _, board = await built()

    this_cycle = board.trend.series[0]
    assert this_cycle.name == 'This cycle'
    assert this_cycle.points == pytest.approx((0.4, 0.475, 0.475))
    assert board.trend.expected[0] == pytest.approx(6 / 91)
    assert len(board.trend.series) == 1


async def test_trend_overlays_the_previous_cycle_and_the_year_before() -> None:
    acme = await company()
    earlier = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30), state='closed')
    year_ago = await factories.cycle('2025 Q4', date(2025, 10, 1), date(2025, 12, 31), state='closed')
    for old in (earlier, year_ago):
        objective = await factories.objective(old, 'Old goal', team_=acme.sales)
        await factories.key_result(objective, 'Old number', current=30)
    await snapshots.take_snapshots()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    names = [(series.name, series.cycle_name) for series in board.trend.series]
    assert names == [('This cycle', '2026 Q4'), ('Previous cycle', '2026 Q3'), ('A year earlier', '2025 Q4')]
    assert board.trend.series[1].points[0] == 0  # no check-ins: the past starts where the key result started


async def test_health_of_a_unit_weighs_its_three_parts() -> None:
    acme, board = await built()

    sales = next(item for item in board.health if item.subject.title == 'Sales')
    parts = {part.name: part for part in sales.parts}
    assert parts['completion'].value == 1
    assert parts['timeliness'].value == pytest.approx(3 / 4)
    assert parts['contribution'].value == pytest.approx(0.5 * 1 / 2 + 0.5 * 0)
    assert sales.score == health.health_score(1, 3 / 4, 0.25)
    assert [link.id for link in parts['timeliness'].lowered_by] == [acme.fall.id]
    assert [(link.kind, link.id) for link in parts['contribution'].lowered_by] == [
        ('key_result', acme.fall.id), ('objective', acme.sales_objective.id)]


def test_health_score_formula_uses_its_named_weights() -> None:
    assert health.health_score(1, 1, 1) == 100
    assert health.health_score(0, 0, 0) == 0
    assert health.health_score(0.5, 1, 0) == round(100 * (health.COMPLETION_WEIGHT * 0.5 + health.TIMELINESS_WEIGHT))
    assert health.completion(0.1, 0.4) == pytest.approx(0.25)
    assert health.completion(0.9, 0.4) == 1


async def test_warnings_name_each_slipping_key_result_with_its_reason() -> None:
    acme, board = await built()

    found = {(warning.reason, warning.subject.id, warning.value) for warning in board.warnings}
    assert found == {('confidence_drop', acme.rise.id, 3), ('no_checkin', acme.fall.id, 10),
                     ('no_checkin', acme.steps.id, 11)}  # 'Hidden number' is done: it needs no more check-ins


async def test_private_key_results_stay_out_of_what_others_see() -> None:
    acme = await company()
    slipping = await factories.key_result(acme.secret, 'Hidden slip', owner=acme.dora, target=100)
    slipping.created_at = datetime(2026, 10, 1, tzinfo=UTC)  # there since the cycle began, never checked in
    await slipping.save(update_fields=['created_at'])
    await snapshots.take_snapshots()

    admin_view = await dashboard(acme.admin, cycle_id=acme.cycle.id, team_id=acme.dev.id)
    sam_view = await dashboard(acme.sam, cycle_id=acme.cycle.id, team_id=acme.dev.id)

    assert 'Hidden slip' not in {warning.subject.title for warning in sam_view.warnings}
    assert 'Hidden slip' in {warning.subject.title for warning in admin_view.warnings}
    assert sam_view.heatmap == admin_view.heatmap and sam_view.trend == admin_view.trend
    assert sam_view.health == admin_view.health
    dora = next(item for item in sam_view.stats if item.subject.title == 'Dora Dev')
    assert dora.progress == pytest.approx(0.5)  # the private key result at 100% is not counted


async def test_behind_pace_and_stalled_key_results_are_warned() -> None:
    acme = await company()
    clock.set_now(datetime(2026, 12, 10, 4, tzinfo=UTC))
    await snapshots.take_snapshots()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id, team_id=acme.sales.id)

    reasons = {(warning.reason, warning.subject.id) for warning in board.warnings}
    assert ('behind_pace', acme.fall.id) in reasons and ('stalled', acme.fall.id) in reasons
    behind = next(w for w in board.warnings if w.reason == 'behind_pace' and w.subject.id == acme.fall.id)
    assert behind.value == round((70 / 91 - 0.4) * 100)


async def test_objectives_without_key_results_and_teams_without_objectives_are_warned() -> None:
    acme = await company()
    ops = await factories.team('Ops', acme.root)
    empty = await factories.objective(acme.cycle, 'Plan later', team_=acme.dev)
    await snapshots.take_snapshots()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    reasons = {(warning.reason, warning.subject.kind, warning.subject.id) for warning in board.warnings}
    assert ('no_key_results', 'objective', empty.id) in reasons
    assert ('no_objectives', 'team', ops.id) in reasons


async def test_adoption_counts_updates_this_week_and_who_is_silent() -> None:
    acme, board = await built()

    teams = {team.team.title: (team.key_results, team.updated) for team in board.adoption.teams}
    assert teams == {'Dev': (1, 0), 'Sales': (2, 1)}
    assert [link.title for link in board.adoption.silent] == ['Dora Dev']


async def test_score_distribution_of_closed_cycles_counts_every_kind_of_key_result() -> None:
    acme = await company()
    old = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30), state='closed')
    objective = await factories.objective(old, 'Old goal', team_=acme.sales)
    await factories.key_result(objective, 'Numbers', current=20)  # 0.2
    await factories.key_result(objective, 'Falling', start=10, target=0, direction='decrease', current=5)  # 0.5
    await factories.key_result(objective, 'Yes or no', kind='boolean', target=1, current=1)  # 1.0
    await factories.key_result(objective, 'Steps', kind='milestone', target=3, current=1, steps=['a', 'b', 'c'])
    scored = await factories.key_result(objective, 'Scored', current=100)
    scored.score = 0.6
    await scored.save()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    assert board.adoption.scores == (('2026 Q3', (2, 2, 1)),)  # a step of three scores 0.3: low, as 0.3 or less is


async def test_statistics_show_progress_and_its_daily_and_weekly_change() -> None:
    acme, board = await built()

    sales = next(item for item in board.stats if item.subject.title == 'Sales')
    assert sales.progress == pytest.approx(0.45)
    assert sales.day_change == pytest.approx(0)
    assert sales.week_change == pytest.approx(0.45 - 0.3)


async def test_a_cycle_without_check_ins_shows_zero_progress_and_silence() -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)
    ann = await factories.person('Ann', team=sales)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Quiet', team_=sales)
    await factories.key_result(objective, 'Nothing yet', owner=ann)
    clock.set_now(datetime(2026, 10, 15, 4, tzinfo=UTC))
    await snapshots.take_snapshots()

    board = await dashboard(admin, cycle_id=cycle.id)

    assert board.heatmap.rows[0].cells[1] == pytest.approx(-13 / 91)
    assert [warning.reason for warning in board.warnings] == ['stalled', 'no_checkin']  # two weeks at zero
    assert [link.title for link in board.adoption.silent] == ['Ann']


async def test_an_empty_company_has_an_empty_dashboard() -> None:
    _, admin = await factories.company()
    cycle = await factories.cycle()

    board = await dashboard(admin, cycle_id=cycle.id)

    assert board.heatmap.rows == () and board.health == () and board.warnings == () and board.stats == ()
    assert board.as_of is None


async def test_unknown_team_person_or_cycle_is_not_found() -> None:
    acme = await company()

    for scope in ({'team_id': 999}, {'person_id': 999}, {'cycle_id': 999}):
        shared.forget_all()
        with pytest.raises(NotFound):
            await dashboard(acme.admin, **{'cycle_id': acme.cycle.id, **scope})


async def test_a_team_trend_adds_a_line_per_objective_of_the_team() -> None:
    acme = await company()
    await snapshots.take_snapshots()

    board = await dashboard(acme.sam, cycle_id=acme.cycle.id, team_id=acme.sales.id)

    line = next(series for series in board.trend.series if series.name == 'Grow revenue')
    assert not line.translate
    assert line.points == pytest.approx((0.3, 0.45, 0.45))


async def test_a_private_objective_line_is_shown_only_to_who_may_see_it() -> None:
    acme = await company()
    await snapshots.take_snapshots()

    seen_by_sam = await dashboard(acme.sam, cycle_id=acme.cycle.id, person_id=acme.dora.id)
    seen_by_admin = await dashboard(acme.admin, cycle_id=acme.cycle.id, person_id=acme.dora.id)

    assert 'Secret plan' not in {series.name for series in seen_by_sam.trend.series}
    assert 'Secret plan' in {series.name for series in seen_by_admin.trend.series}
    assert 'Hidden number' not in {row.subject.title for row in seen_by_sam.heatmap.rows}


async def test_a_key_result_added_mid_cycle_has_no_history_or_warnings_from_before() -> None:
    acme = await company()  # today is 15 October
    late = await factories.key_result(acme.sales_objective, 'Added yesterday', owner=acme.sam, target=10)
    late.created_at = datetime(2026, 10, 14, 4, tzinfo=UTC)
    await late.save(update_fields=['created_at'])

    await snapshots.take_snapshots()
    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    assert not await Snapshot.exists(kind='key_result', subject_id=late.id, day=date(2026, 10, 13))
    assert await Snapshot.exists(kind='key_result', subject_id=late.id, day=date(2026, 10, 14))
    assert {warning.reason for warning in board.warnings if warning.subject.id == late.id} <= {'behind_pace'}


async def test_people_whose_key_results_are_all_done_are_not_silent() -> None:
    acme = await company()
    acme.steps.current = 2  # both steps: Dora's only company-visible key result is done
    await acme.steps.save()
    await snapshots.take_snapshots()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    assert 'Dora Dev' not in [link.title for link in board.adoption.silent]
    assert 'Dev' not in {team.team.title for team in board.adoption.teams}
