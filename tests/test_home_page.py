from nicegui.testing import User

from models.checkin import CheckIn
from models.okr import KeyResult
from tests import factories
from tests.helpers import by_testid, find_testid, sign_in


async def test_employee_checks_in_with_three_taps(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    await sign_in(user, 'ben@acme.test')

    by_testid(user, 'kr-card', kr_id=kr.id).click()
    await user.should_see('Now: 4 / 10', retries=20)
    by_testid(user, 'checkin-plus').click()
    by_testid(user, 'checkin-save').click()

    await user.should_see('Check-in saved', retries=30)
    assert by_testid(user, 'kr-value').elements.pop().text == '5 / 10'
    fresh = await KeyResult.get(id=kr.id)
    assert fresh.current == 5
    assert await CheckIn.filter(key_result_id=kr.id).count() == 1


async def test_stale_sheet_is_refused_and_shows_the_new_value(user: User) -> None:
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    await sign_in(user, 'ben@acme.test')
    by_testid(user, 'kr-card', kr_id=kr.id).click()
    await user.should_see('Now: 4 / 10', retries=20)

    from services import checkins
    await checkins.record_checkin(admin, key_result_id=kr.id, value=7, confidence=6)
    by_testid(user, 'checkin-save').click()

    await user.should_see('the value is now 7 / 10', retries=20)
    assert (await KeyResult.get(id=kr.id)).current == 7
    assert await CheckIn.filter(key_result_id=kr.id).count() == 1
    assert find_testid(user, 'checkin-conflict')


async def test_saving_shows_each_key_result_once(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    objective = await factories.objective(await factories.cycle(), 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    await factories.key_result(objective, 'Ship the app', owner=ben, kind='boolean', target=1)
    await sign_in(user, 'ben@acme.test')

    by_testid(user, 'kr-card', kr_id=kr.id).click()
    await user.should_see('Now: 4 / 10', retries=20)
    by_testid(user, 'checkin-save').click()
    await user.should_see('Check-in saved', retries=30)

    for _ in range(10):  # both the save and the event bus rebuild the list; wait until they are done
        await user.should_see('Ship the app', retries=10)
    assert len(find_testid(user, 'kr-card')) == 2


async def test_history_shows_the_next_step(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    objective = await factories.objective(await factories.cycle(), 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    from services import checkins
    await checkins.record_checkin(ben, key_result_id=kr.id, value=5, confidence=7, note='Two demos',
                                  next_step='Send the offers')
    await sign_in(user, 'ben@acme.test')

    by_testid(user, 'kr-card', kr_id=kr.id).click()
    by_testid(user, 'checkin-history').click()

    await user.should_see('Next: Send the offers', retries=20)
    await user.should_see('Two demos')


async def test_key_result_without_progress_for_two_weeks_is_marked_stalled(user: User) -> None:
    from datetime import UTC, datetime, timedelta

    from models.checkin import CheckIn as Row
    from services import clock
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    objective = await factories.objective(await factories.cycle(), 'Grow', owner=ben)
    stuck = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    moving = await factories.key_result(objective, 'Hire two engineers', owner=ben, target=2, current=1)
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    clock.set_now(now)
    await Row.create(key_result=stuck, value=4, at=now - timedelta(days=20))
    await Row.create(key_result=moving, value=0, at=now - timedelta(days=20))
    await Row.create(key_result=moving, value=1, at=now - timedelta(days=3))
    await sign_in(user, 'ben@acme.test')

    assert find_testid(user, 'kr-stalled') and len(find_testid(user, 'kr-stalled')) == 1
    await user.should_see('Stalled')
