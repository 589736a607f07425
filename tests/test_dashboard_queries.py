"""The dashboard costs a fixed number of queries whatever the company's size; it runs on real-looking data."""
from datetime import UTC, datetime

import pytest

from models.cycle import Cycle
from models.org import User
from services import clock, demo, importing, shared, snapshots
from services.dashboards.dashboard import dashboard
from tests import factories
from tests.factories_dashboard import checkin, company
from tests.factories_import import PUZZLE, needs_data
from tests.helpers import QueryCount

pytestmark = pytest.mark.usefixtures('database')


async def grow(acme, teams: int) -> None:
    """More units, people, objectives, key results and check-ins in the same cycle."""
    for number in range(teams):
        team = await factories.team(f'Team {number}', acme.root)
        member = await factories.person(f'Member {number}', team=team)
        objective = await factories.objective(acme.cycle, f'Goal {number}', team_=team)
        for kr_number in range(3):
            kr = await factories.key_result(objective, f'Result {number}.{kr_number}', owner=member)
            await checkin(kr, datetime(2026, 10, 9).date(), 10 * kr_number, 6, member)


async def queries(actor: User, **scope: int) -> int:
    shared.forget_all()
    with QueryCount() as counter:
        await dashboard(actor, **scope)
    return counter.count


@pytest.mark.parametrize('level', ['company', 'team', 'person'])
async def test_dashboard_queries_do_not_grow_with_the_company(level: str) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    scope = {'company': {}, 'team': {'team_id': acme.sales.id}, 'person': {'person_id': acme.sam.id}}[level]
    small = await queries(acme.admin, cycle_id=acme.cycle.id, **scope)

    await grow(acme, 12)
    await snapshots.take_snapshots()
    bigger = await queries(acme.admin, cycle_id=acme.cycle.id, **scope)

    assert small == bigger
    assert bigger <= 20


async def test_open_dashboards_share_one_load_until_something_changes() -> None:
    acme = await company()
    await queries(acme.admin, cycle_id=acme.cycle.id)

    with QueryCount() as counter:
        await dashboard(acme.sam, cycle_id=acme.cycle.id)

    assert counter.count == 0


async def test_every_dashboard_runs_on_the_demo_company() -> None:
    accounts = await demo.ensure_demo()
    await snapshots.take_snapshots()
    admin = await User.get(email=accounts.admin_email)

    board = await dashboard(admin)

    assert board.heatmap.rows and board.adoption.teams and board.health
    assert all(0 <= item.score <= 100 for item in board.health)
    assert all(-1 <= cell <= 1 for row in board.heatmap.rows for cell in row.cells if cell is not None)
    for link in [row.subject for row in board.heatmap.rows]:
        below = await dashboard(admin, cycle_id=board.scope.cycle_id, **{f'{link.kind}_id': link.id})
        assert below.scope.id == link.id
    employee = await User.get(email=accounts.employee_email)
    assert (await dashboard(employee, person_id=employee.id)).scope.level == 'person'


@needs_data
async def test_dashboards_run_on_the_imported_puzzle_data() -> None:
    report = await importing.import_path(PUZZLE)
    assert report.ok
    admin = await factories.person('Ada Admin', role='admin')
    latest = await Cycle.all().order_by('-end').first()
    clock.set_now(datetime.combine(latest.end, datetime.min.time(), tzinfo=UTC))
    await snapshots.take_snapshots()

    board = await dashboard(admin, cycle_id=latest.id)

    assert board.heatmap.rows and board.trend.series[0].points
    assert all(0 <= item.score <= 100 for item in board.health)
    assert sum(sum(counts) for _, counts in board.adoption.scores) >= 0
