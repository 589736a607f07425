import pytest
from nicegui.testing import User

from models.checkin import CheckIn
from services import checkins, key_results
from services.errors import Forbidden
from tests import factories
from tests.helpers import by_testid, find_testid, sign_in


async def locked_key_result():
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    cycle.locked = True
    await cycle.save()
    return admin, ben, cycle, kr


async def test_a_key_result_of_a_locked_cycle_offers_no_check_in(database) -> None:
    _, ben, cycle, kr = await locked_key_result()

    [card] = await key_results.my_key_results(ben, cycle.id)

    assert card.locked and not card.can_checkin


async def test_the_locked_message_does_not_send_an_admin_to_an_admin(database) -> None:
    admin, _, _, kr = await locked_key_result()

    with pytest.raises(Forbidden) as refused:
        await checkins.record_checkin(admin, key_result_id=kr.id, value=5, confidence=7)

    assert 'ask an admin' not in str(refused.value.message) and 'Cycles page' in str(refused.value.message)
    assert not await CheckIn.filter(key_result_id=kr.id).exists()


async def test_tapping_a_key_result_of_a_locked_cycle_says_check_ins_are_closed(user: User) -> None:
    _, _, _, kr = await locked_key_result()
    await sign_in(user, 'ben@acme.test')

    by_testid(user, 'kr-card', kr_id=kr.id).click()

    await user.should_see('This cycle is locked: check-ins are closed.', retries=20)
    assert not find_testid(user, 'checkin-save')
    assert not await CheckIn.filter(key_result_id=kr.id).exists()
