import pytest

from models.checkin import CheckIn
from models.cycle import Cycle
from services import checkins, closing, cycles, reviews
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_reviews import review_team


async def test_checklist_counts_assessments_reviews_and_who_is_left(database) -> None:
    team = await review_team()
    dan = await factories.person('Dan')  # no manager: an admin reviews him
    team_objective = await factories.objective(team.cycle, 'Be known', level='company')
    await factories.key_result(team_objective, 'Nobody owns this')
    await factories.key_result(team_objective, 'Dan owns this', owner=dan)
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Good run')
    await reviews.submit_manager_review(team.mia, key_result_id=team.other.id, score=1, comment='Shipped')

    checklist = await closing.checklist(team.admin, team.cycle.id)

    assert (checklist.key_results, checklist.self_assessed, checklist.reviewed) == (3, 1, 1)
    assert (checklist.without_owner, checklist.without_manager) == (1, 1)
    assert [(todo.name, todo.to_assess, todo.to_review) for todo in checklist.people] == [
        ('Ben', 1, 0), ('Dan', 1, 0), ('Mia', 0, 1)]
    assert not checklist.complete


async def test_checklist_is_complete_once_everything_is_scored(database) -> None:
    team = await review_team()
    for kr in (team.kr, team.other):
        await reviews.submit_self_assessment(team.ben, key_result_id=kr.id, score=0.6, reflection='Good run')
        await reviews.submit_manager_review(team.mia, key_result_id=kr.id, score=0.7, comment='Agreed')

    checklist = await closing.checklist(team.admin, team.cycle.id)

    assert checklist.complete and checklist.people == ()


async def test_closing_locks_check_ins(database) -> None:
    team = await review_team()

    closed = await closing.close_cycle(team.admin, team.cycle.id)

    assert (closed.state, closed.locked) == ('closed', True)
    with pytest.raises(Forbidden, match='locked'):
        await checkins.record_checkin(team.ben, key_result_id=team.kr.id, value=70, confidence=7)
    assert not await CheckIn.exists()
    with pytest.raises(Invalid, match='not open'):
        await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Late')


async def test_closing_with_late_updates_keeps_check_ins_and_assessments_open(database) -> None:
    team = await review_team()

    closed = await closing.close_cycle(team.admin, team.cycle.id, allow_late=True)
    await checkins.record_checkin(team.ben, key_result_id=team.kr.id, value=70, confidence=7)
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Late')

    assert (closed.state, closed.locked) == ('closed', False)
    assert await CheckIn.filter(key_result_id=team.kr.id).count() == 1


async def test_reopening_a_closed_cycle_goes_back_to_review(database) -> None:
    team = await review_team()
    await closing.close_cycle(team.admin, team.cycle.id)

    reopened = await cycles.set_state(team.admin, team.cycle.id, 'review')

    assert reopened.state == 'review'


async def test_only_a_cycle_in_review_can_be_closed(database) -> None:
    team = await review_team(state='active')

    with pytest.raises(Invalid, match='in review'):
        await closing.close_cycle(team.admin, team.cycle.id)

    assert (await Cycle.get(id=team.cycle.id)).state == 'active'


async def test_members_can_neither_see_the_checklist_nor_close(database) -> None:
    team = await review_team()

    with pytest.raises(Forbidden):
        await closing.checklist(team.mia, team.cycle.id)
    with pytest.raises(Forbidden):
        await closing.close_cycle(team.mia, team.cycle.id)

    assert (await Cycle.get(id=team.cycle.id)).state == 'review'
