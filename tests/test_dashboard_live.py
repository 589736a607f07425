"""The dashboard page keeps the viewer's place and choices across live updates, and says what its numbers count."""
from datetime import UTC, datetime

import pytest
from nicegui.testing import User

import pages.dashboard
from services import checkins, clock, snapshots
from tests.factories_dashboard import Company, company
from tests.helpers import by_testid, find_testid, sign_in

AFTER_THE_CYCLE = datetime(2027, 1, 5, 4, tzinfo=UTC)


async def sales_dashboard(user: User) -> Company:
    acme = await company()
    await snapshots.take_snapshots()
    await sign_in(user, 'sam.sales@acme.test')
    await user.open(f'/dashboard?animation=off&cycle={acme.cycle.id}&team={acme.sales.id}')
    await user.should_see('No check-in for 10 days', retries=30)
    return acme


async def check_in_elsewhere(user: User, acme: Company) -> None:
    await checkins.record_checkin(acme.sam, key_result_id=acme.fall.id, value=70, confidence=6)
    await user.should_not_see('No check-in for 10 days', retries=30)


async def test_an_opened_health_row_stays_open_after_a_check_in_elsewhere(user: User) -> None:
    acme = await sales_dashboard(user)
    find_testid(user, 'dash-health-row', kind='team', id=acme.sales.id)[0].set_value(True)

    await check_in_elsewhere(user, acme)

    rows = find_testid(user, 'dash-health-row', kind='team', id=acme.sales.id)
    assert rows and all(row.value for row in rows)


async def test_a_closed_warning_group_stays_closed_after_a_check_in_elsewhere(user: User) -> None:
    acme = await sales_dashboard(user)
    for group in find_testid(user, 'dash-warning-group'):
        group.set_value(False)

    await check_in_elsewhere(user, acme)

    groups = find_testid(user, 'dash-warning-group')
    assert groups and not any(group.value for group in groups)


async def test_a_live_update_keeps_the_sections_on_the_page_while_it_loads(user: User,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    acme = await sales_dashboard(user)
    seen_while_loading: list[bool] = []
    load = pages.dashboard.dashboard

    async def watched(*args: object, **kwargs: object):
        seen_while_loading.append(bool(find_testid(user, 'dash-health')))
        return await load(*args, **kwargs)
    monkeypatch.setattr(pages.dashboard, 'dashboard', watched)

    await check_in_elsewhere(user, acme)

    assert seen_while_loading and all(seen_while_loading)


async def test_adoption_says_the_bars_count_key_results_and_the_list_counts_people(user: User) -> None:
    await sales_dashboard(user)

    await user.should_see('Each bar counts key results: the share of unfinished key results checked in this week.')
    await user.should_see('People without any check-in this week')
    await user.should_not_see('Not checked in this week')


async def test_a_finished_cycle_replaces_the_weekly_adoption_with_a_note(user: User) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    clock.set_now(AFTER_THE_CYCLE)
    await snapshots.take_snapshots()
    await sign_in(user, 'sam.sales@acme.test')

    await user.open(f'/dashboard?animation=off&cycle={acme.cycle.id}')

    await user.should_see('This cycle is over: no weekly check-ins are due any more.', retries=30)
    await user.should_not_see('People without any check-in this week')
    await user.should_not_see('No snapshots yet: numbers appear after the first daily snapshot.')


async def test_cycle_zero_says_the_cycle_does_not_exist(user: User) -> None:
    await company()
    await sign_in(user, 'sam.sales@acme.test')

    await user.open('/dashboard?cycle=0')

    await user.should_see('This cycle does not exist.', retries=30)
    assert not find_testid(user, 'dash-heatmap')


async def test_the_monthly_report_link_keeps_the_month_of_the_cycle_viewed(user: User) -> None:
    acme = await company()
    await sign_in(user, 'sam.sales@acme.test')

    await user.open(f'/dashboard?animation=off&cycle={acme.cycle.id}')
    await user.should_see('Progress against expected, by week', retries=30)

    assert by_testid(user, 'dash-report').elements.pop().props['href'] == '/reports/health?month=2026-10'
