import asyncio
from datetime import UTC, date, datetime

from nicegui.testing import User

from models.adjustments import Adjustment
from models.okr import KeyResult
from services import adjustments, clock
from tests import factories
from tests.factories_okrs import Org, org
from tests.helpers import by_testid, find_testid, sign_in

IN_WINDOW = datetime(2026, 11, 20, 9, tzinfo=UTC)


async def bens_key_result(acme: Org) -> KeyResult:
    acme.cycle.review_date = date(2026, 11, 15)
    await acme.cycle.save()
    objective = await factories.objective(acme.cycle, 'Win the north', owner=acme.ben)
    return await factories.key_result(objective, 'Revenue', owner=acme.ben, target=100, current=30)


async def open_adjustment(user: User, kr: KeyResult) -> None:
    await sign_in(user, 'ben@acme.test')
    await user.open(f'/objective/{kr.objective_id}')
    await user.should_see('Revenue', retries=20)
    by_testid(user, 'kr-adjust', kr_id=kr.id).click()
    await wait_for(user, 'adjust-reason')


async def wait_for(user: User, name: str) -> None:
    """Until a handler that reads the database has built the element with data-testid=`name`."""
    for _ in range(60):
        if find_testid(user, name):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'no element with data-testid={name}')


async def test_owner_lowers_a_target_and_sees_both_values(user: User) -> None:
    clock.set_now(IN_WINDOW)
    kr = await bens_key_result(await org())
    await open_adjustment(user, kr)

    for element in find_testid(user, 'adjust-target'):
        element.value = 80
    by_testid(user, 'adjust-reason').type('Market shrank')
    by_testid(user, 'adjust-save').click()

    await user.should_see('adjusted: target 100 → 80 (Market shrank)', retries=30)
    assert (await KeyResult.get(id=kr.id)).target == 80


async def test_adjustment_without_a_reason_says_so_and_writes_nothing(user: User) -> None:
    clock.set_now(IN_WINDOW)
    kr = await bens_key_result(await org())
    await open_adjustment(user, kr)

    for element in find_testid(user, 'adjust-target'):
        element.value = 80
    by_testid(user, 'adjust-save').click()

    await user.should_see('Give the reason for this adjustment.', retries=30)
    assert (await KeyResult.get(id=kr.id)).target == 100
    assert not await Adjustment.exists()


async def test_dropped_key_result_stays_listed_with_its_reason(user: User) -> None:
    clock.set_now(IN_WINDOW)
    acme = await org()
    kr = await bens_key_result(acme)
    await adjustments.drop_key_result(acme.ben, kr.id, reason='No longer relevant')

    await sign_in(user, 'ben@acme.test')
    await user.open(f'/objective/{kr.objective_id}')

    await user.should_see('dropped: Revenue, target 100 (No longer relevant)', retries=30)


async def test_outside_the_window_a_member_is_not_offered_the_adjustment(user: User) -> None:
    clock.set_now(datetime(2026, 10, 20, 9, tzinfo=UTC))
    kr = await bens_key_result(await org())
    await sign_in(user, 'ben@acme.test')

    await user.open(f'/objective/{kr.objective_id}')
    await user.should_see('Revenue', retries=20)

    assert find_testid(user, 'kr-edit', kr_id=kr.id)  # the menu is there, the adjustment is not
    assert not find_testid(user, 'kr-adjust', kr_id=kr.id)
    assert not await Adjustment.exists()
