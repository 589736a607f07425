import asyncio
from datetime import date

from nicegui.testing import User

from models.okr import KeyResult, Objective
from tests import factories
from tests.factories_okrs import Org, org
from tests.helpers import by_testid, find_testid, sign_in


async def two_quarters() -> tuple[Org, Objective, Objective]:
    """Ben's unfinished and finished objectives in 2026 Q4, and an empty 2027 Q1 in planning."""
    acme = await org()
    await factories.cycle('2027 Q1', date(2027, 1, 1), date(2027, 3, 31), state='planning')
    unfinished = await factories.objective(acme.cycle, 'Win the north', owner=acme.ben)
    await factories.key_result(unfinished, 'Revenue', current=40)
    await factories.key_result(unfinished, 'Referrals', current=5)
    finished = await factories.objective(acme.cycle, 'Hire a designer', owner=acme.ben)
    await factories.key_result(finished, 'Hired', current=100)
    return acme, unfinished, finished


async def wait_for(user: User, name: str, **data: object) -> None:
    """Until a handler that reads the database has built the element with data-testid=`name`."""
    for _ in range(60):
        if find_testid(user, name, **data):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'no element with data-testid={name}')


async def open_copy_dialog(user: User, acme: Org) -> None:
    await sign_in(user, 'ben@acme.test')
    await user.open('/cycles')
    await user.should_see('2026 Q4', retries=20)
    by_testid(user, 'cycle-copy', cycle_id=acme.cycle.id).click()
    await wait_for(user, 'copy-objective')


async def test_unfinished_objectives_are_ticked_and_copied_to_the_next_cycle(user: User) -> None:
    acme, unfinished, finished = await two_quarters()
    await open_copy_dialog(user, acme)

    await user.should_see('1 objectives and 2 key results will be copied.', retries=20)
    by_testid(user, 'copy-confirm').click()

    await user.should_see('1 objectives and 2 key results copied.', retries=30)
    copy = await Objective.get(copied_from=unfinished.id)
    assert await KeyResult.filter(objective_id=copy.id).values_list('title', 'start') == [('Revenue', 40),
                                                                                        ('Referrals', 5)]
    assert not await Objective.exists(copied_from=finished.id)


async def test_ticking_a_finished_objective_adds_it_to_the_count(user: User) -> None:
    acme, _, finished = await two_quarters()
    await open_copy_dialog(user, acme)

    by_testid(user, 'copy-objective', objective_id=finished.id).click()

    await user.should_see('2 objectives and 3 key results will be copied.', retries=20)


async def test_copying_nothing_says_so_and_writes_nothing(user: User) -> None:
    acme, unfinished, _ = await two_quarters()
    await open_copy_dialog(user, acme)

    by_testid(user, 'copy-objective', objective_id=unfinished.id).click()
    by_testid(user, 'copy-confirm').click()

    await user.should_see('Choose at least one objective.', retries=30)
    assert await Objective.all().count() == 2


async def test_without_an_open_cycle_the_dialog_says_there_is_none(user: User) -> None:
    acme = await org()
    await factories.objective(acme.cycle, 'Win the north', owner=acme.ben)
    await sign_in(user, 'ben@acme.test')
    await user.open('/cycles')
    await user.should_see('2026 Q4', retries=20)

    by_testid(user, 'cycle-copy', cycle_id=acme.cycle.id).click()

    await user.should_see('There is no open cycle to copy into.', retries=30)


async def test_new_objective_form_offers_the_previous_cycles_unfinished_objectives(user: User) -> None:
    acme, unfinished, _ = await two_quarters()
    acme.ben.current_cycle_id = (await factories.Cycle.get(name='2027 Q1')).id
    await acme.ben.save()
    await sign_in(user, 'ben@acme.test')

    await user.open('/objectives/new')
    await wait_for(user, 'unfinished-copy', objective_id=unfinished.id)
    await user.should_see('Unfinished in 2026 Q4')
    assert not find_testid(user, 'unfinished-objective', objective_id=unfinished.id + 1)  # finished: not offered
    by_testid(user, 'unfinished-copy', objective_id=unfinished.id).click()

    await user.should_see('Revenue', retries=30)
    copy = await Objective.get(copied_from=unfinished.id)
    assert copy.cycle_id == acme.ben.current_cycle_id
