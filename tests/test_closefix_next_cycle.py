from datetime import UTC, date, datetime

from nicegui.testing import User

from models.cycle import Cycle
from services import clock, next_cycle
from tests import factories
from tests.factories_okrs import Org, org
from tests.factories_org import wait_for
from tests.helpers import by_testid, find_testid, sign_in


async def year_cycle(name: str, year: int, state: str = 'active') -> Cycle:
    return await Cycle.create(name=name, start=date(year, 1, 1), end=date(year, 12, 31), state=state, cadence='year')


async def test_previous_quarter_is_found_although_longer_cycles_overlap_it(database) -> None:
    acme = await org()
    await year_cycle('2026', 2026)
    await Cycle.create(name='2026 H2', start=date(2026, 7, 1), end=date(2026, 12, 31), cadence='half')
    third = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30), state='closed')

    previous = await next_cycle.previous_cycle(acme.cycle.id)

    assert previous is not None and previous.id == third.id


async def test_team_unfinished_objectives_of_the_previous_quarter_are_offered(database) -> None:
    acme = await org()
    await year_cycle('2027', 2027)
    first = await factories.cycle('2027 Q1', date(2027, 1, 1), date(2027, 3, 31))
    second = await factories.cycle('2027 Q2', date(2027, 4, 1), date(2027, 6, 30), state='planning')
    for title in ('Faster deploys', 'Fewer incidents'):
        objective = await factories.objective(first, title, team_=acme.sales)
        await factories.key_result(objective, current=30)
    await factories.objective(first, 'Not ours', team_=acme.engineering)

    previous, found = await next_cycle.unfinished_before(acme.lena, second.id, team_id=acme.sales.id, owner_id=None)

    assert previous is not None and previous.id == first.id
    assert [candidate.title for candidate in found] == ['Faster deploys', 'Fewer incidents']


async def test_yearly_cycle_that_began_earlier_is_not_offered_as_the_next_one(database) -> None:
    acme = await org()
    await year_cycle('2026', 2026)
    await year_cycle('2027', 2027, state='planning')
    next_quarter = await factories.cycle('2027 Q1', date(2027, 1, 1), date(2027, 3, 31), state='planning')

    targets = await next_cycle.open_targets(acme.cycle.id)

    assert [cycle.name for cycle in targets] == [next_quarter.name, '2027']


async def test_new_cycle_form_prefills_the_next_free_quarter(user: User) -> None:
    clock.set_now(datetime(2026, 11, 20, 9, tzinfo=UTC))
    await factories.company()
    await factories.cycle('2026 Q4', date(2026, 10, 1), date(2026, 12, 31))
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'cycle-create').click()
    await wait_for(user, 'cycle-name')

    assert find_testid(user, 'cycle-name')[0].value == '2027 Q1'
    assert find_testid(user, 'cycle-start')[0].value == '2027-01-01'


async def test_new_objective_form_offers_a_teams_unfinished_objectives(user: User) -> None:
    clock.set_now(datetime(2026, 11, 20, 9, tzinfo=UTC))
    acme: Org = await org()
    await Cycle.create(name='2026 H2', start=date(2026, 7, 1), end=date(2026, 12, 31), cadence='half')
    third = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30), state='closed')
    move = await factories.objective(third, 'Prepare the move to the new cluster', team_=acme.sales)
    await factories.key_result(move, current=81)
    await sign_in(user, 'lena@acme.test')

    await user.open(f'/objectives/new?team={acme.sales.id}')

    await wait_for(user, 'unfinished-objective', objective_id=move.id)
