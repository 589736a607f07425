"""My key results follows what others do, redrawing only the cards concerned."""
from nicegui.testing import User

from services import checkins, key_result_edits, objectives
from tests import factories
from tests.factories_okrs import org
from tests.factories_org import wait_for
from tests.helpers import by_testid, find_testid, sign_in


async def test_a_managers_check_in_redraws_that_card_alone(user: User) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    first = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10, current=4)
    second = await factories.key_result(objective, 'Visit 20 shops', owner=company.ben, target=20, current=5)
    await sign_in(user, 'ben@acme.test')
    (untouched,) = find_testid(user, 'kr-card', kr_id=second.id)

    await checkins.record_checkin(company.lena, key_result_id=first.id, value=6, confidence=7)

    await user.should_see('6 / 10', retries=30)
    assert find_testid(user, 'kr-card', kr_id=second.id) == [untouched]  # the same element, not rebuilt


async def test_a_key_result_given_to_me_appears_and_a_renamed_objective_follows(user: User) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.lena)
    await sign_in(user, 'ben@acme.test')
    await user.should_see('You have no key results in this cycle.')

    added = await key_result_edits.add_key_result(company.lena, objective.id, title='Open two branches', target=2,
                                                  owner_id=company.ben.id)
    await wait_for(user, 'kr-card', kr_id=added.id)
    await objectives.update_objective(company.lena, objective.id, title='Grow in the north')

    await user.should_see('Grow in the north', retries=30)
    by_testid(user, 'kr-card', kr_id=added.id)
