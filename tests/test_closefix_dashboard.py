from datetime import UTC, date, datetime

from nicegui.testing import User

from services import clock, shared
from services.dashboards.dashboard import dashboard
from tests import factories
from tests.factories_dashboard import Company, company
from tests.helpers import find_testid, sign_in

BEFORE_THE_CYCLE = datetime(2026, 9, 20, 4, tzinfo=UTC)


async def cycle_not_started(acme: Company):
    upcoming = await factories.cycle('2027 Q1', date(2027, 1, 1), date(2027, 3, 31), state='planning')
    objective = await factories.objective(upcoming, 'Plan ahead', owner=acme.sam)
    await factories.key_result(objective, 'Draft the plan', owner=acme.sam)
    shared.forget_all()
    return upcoming


async def test_a_cycle_not_started_has_no_pace_or_check_in_warnings_and_no_weekly_adoption(database) -> None:
    acme = await company()
    upcoming = await cycle_not_started(acme)

    board = await dashboard(acme.admin, cycle_id=upcoming.id)

    assert not {'behind_pace', 'stalled', 'no_checkin'} & {warning.reason for warning in board.warnings}
    assert board.adoption.not_started and not board.adoption.finished
    assert board.adoption.teams == () and board.adoption.silent == ()


async def test_a_cycle_that_started_today_still_counts_weekly_check_ins(database) -> None:
    acme = await company()
    clock.set_now(BEFORE_THE_CYCLE)
    acme.cycle.start = BEFORE_THE_CYCLE.date()
    await acme.cycle.save()
    shared.forget_all()

    board = await dashboard(acme.admin, cycle_id=acme.cycle.id)

    assert not board.adoption.not_started and board.adoption.teams


async def test_the_dashboard_of_a_cycle_not_started_says_so(user: User) -> None:
    acme = await company()
    upcoming = await cycle_not_started(acme)
    await sign_in(user, 'admin@acme.test')

    await user.open(f'/dashboard?animation=off&cycle={upcoming.id}')

    await user.should_see('This cycle has not started yet.', retries=30)
    assert not find_testid(user, 'dash-silent-title')
