from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from nicegui import ui
from nicegui.testing import User

from services import board, checkins, clock
from tests import factories
from tests.factories_okrs import Org, org
from tests.helpers import QueryCount, by_testid, find_testid, sign_in

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)  # the default last stand-up is a week before: 8 November, noon


async def sales_board(actor_name: str = 'lena') -> tuple[Org, board.Board]:
    company = await org()
    return company, await board.board(getattr(company, actor_name), team_id=company.sales.id,
                                      cycle_id=company.cycle.id)


@pytest.fixture
def november() -> None:
    clock.set_now(NOW)


async def test_change_and_confidence_trend_are_measured_from_the_last_stand_up(database, november) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10)
    await checkins.record_checkin(company.ben, key_result_id=kr.id, value=2, confidence=7,
                                  at=datetime(2026, 11, 1, tzinfo=UTC))
    await checkins.record_checkin(company.ben, key_result_id=kr.id, value=5, confidence=5,
                                  at=datetime(2026, 11, 12, tzinfo=UTC))

    shown = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    ben = next(person for person in shown.people if person.id == company.ben.id)
    (card,) = ben.key_results
    assert card.progress == pytest.approx(0.5)
    assert card.progress_then == pytest.approx(0.2)
    assert card.change == pytest.approx(0.3)
    assert (card.confidence, card.confidence_then, card.confidence_trend) == (5, 7, -2)


async def test_key_result_without_check_in_since_shows_no_change(database, november) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10, current=4)

    shown = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    (card,) = next(person for person in shown.people if person.id == company.ben.id).key_results
    assert card.change == 0


async def test_members_without_a_check_in_since_the_stand_up_are_missing(database, november) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    bens = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10)
    await factories.key_result(objective, 'Ship the app', owner=company.lena, target=100)
    await checkins.record_checkin(company.ben, key_result_id=bens.id, value=3, confidence=6,
                                  at=datetime(2026, 11, 14, tzinfo=UTC))
    await checkins.record_checkin(company.lena, key_result_id=bens.id, value=1, confidence=6,
                                  at=datetime(2026, 11, 2, tzinfo=UTC))

    shown = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    assert [person.name for person in shown.missing] == ['Lena']


async def test_people_and_key_results_at_risk_come_first(database, november) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    await factories.key_result(objective, 'Ahead of plan', owner=company.ben, target=10, current=9)
    await factories.key_result(objective, 'Behind plan', owner=company.ben, target=10, current=0)
    await factories.key_result(objective, 'Lena on plan', owner=company.lena, target=10, current=8)

    shown = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    assert [person.name for person in shown.people] == ['Ben', 'Lena']
    assert [kr.title for kr in shown.people[0].key_results] == ['Behind plan', 'Ahead of plan']
    assert shown.people[0].key_results[0].status == 'off_track'


async def test_private_objectives_stay_off_the_shared_screen_whoever_looks(database, november) -> None:
    company = await org()
    private = await factories.objective(company.cycle, 'Secret', owner=company.ben, visibility='private')
    await factories.key_result(private, 'Secret key result', owner=company.ben)

    for_cara = await board.board(company.cara, team_id=company.sales.id, cycle_id=company.cycle.id)
    for_manager = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    assert not for_cara.key_result_ids
    assert not for_manager.key_result_ids  # the manager may see it elsewhere, but the board is on the wall


async def test_team_objectives_roll_up_progress_and_show_their_alignment(database, november) -> None:
    from models.okr import Alignment
    company = await org()
    company_goal = await factories.objective(company.cycle, 'Win the market', level='company')
    team_goal = await factories.objective(company.cycle, 'Sell more', team_=company.sales)
    await factories.key_result(team_goal, 'Deals', target=10, current=2)
    await factories.key_result(team_goal, 'Demos', target=10, current=6)
    await Alignment.create(objective=team_goal, parent_objective=company_goal)

    shown = await board.board(company.ben, team_id=company.sales.id, cycle_id=company.cycle.id)

    (objective,) = shown.objectives
    assert objective.progress == pytest.approx(0.4)
    assert objective.aligned_to == ('Win the market',)


async def test_board_needs_the_same_queries_for_a_bigger_team(database, november) -> None:
    company = await org()

    async def queries_for_board() -> int:
        with QueryCount() as queries:
            await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)
        return queries.count

    async def add_member(name: str) -> None:
        member = await factories.person(name, team=company.sales)
        objective = await factories.objective(company.cycle, f'{name} grows', owner=member)
        kr = await factories.key_result(objective, f'{name} sells', owner=member, target=10)
        await checkins.record_checkin(member, key_result_id=kr.id, value=1, confidence=5)

    await add_member('Dan')
    small = await queries_for_board()
    assert small > 5
    for name in ('Eve', 'Finn', 'Gus'):
        await add_member(name)

    assert await queries_for_board() == small


async def test_board_shows_each_members_key_results_and_who_is_missing(user: User) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10, current=4)
    await sign_in(user, 'lena@acme.test')

    await user.open(f'/board?team={company.sales.id}&cycle={company.cycle.id}')

    await user.should_see('Sign 10 customers', retries=20)
    assert by_testid(user, 'board-kr-value').elements.pop().text == '4 / 10'
    assert find_testid(user, 'board-kr', kr_id=kr.id)
    assert find_testid(user, 'board-kr-progress')
    (missing,) = find_testid(user, 'board-missing')
    assert [chip.text for chip in missing.descendants() if isinstance(chip, ui.chip)] == ['Ben']


async def test_board_opens_on_the_viewers_team_and_current_cycle(user: User) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10, current=4)
    await sign_in(user, 'ben@acme.test')

    await user.open('/board')

    await user.should_see('Sign 10 customers', retries=20)


async def test_unknown_team_shows_a_message_not_a_traceback(user: User) -> None:
    company = await org()
    await sign_in(user, 'ben@acme.test')

    await user.open(f'/board?team=999&cycle={company.cycle.id}')

    await user.should_see('This team does not exist.', retries=20)


async def test_board_follows_a_check_in_made_in_another_browser(user: User,
                                                                create_user: Callable[[], User]) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10, current=4)
    ben = create_user()
    await sign_in(user, 'lena@acme.test')
    await user.open(f'/board?team={company.sales.id}&cycle={company.cycle.id}')
    await user.should_see('4 / 10', retries=20)
    await sign_in(ben, 'ben@acme.test')

    by_testid(ben, 'kr-card', kr_id=kr.id).click()
    await ben.should_see('Now: 4 / 10', retries=20)
    by_testid(ben, 'checkin-plus').click()
    by_testid(ben, 'checkin-save').click()
    await ben.should_see('Check-in saved', retries=30)

    await user.should_see('5 / 10', retries=30)
    assert by_testid(user, 'board-kr-value').elements.pop().text == '5 / 10'


async def test_choosing_a_team_puts_it_in_the_address(user: User) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Build', owner=company.cara)
    await factories.key_result(objective, 'Ship the API', owner=company.cara, target=10, current=4)
    await sign_in(user, 'ben@acme.test')
    await user.open('/board')

    by_testid(user, 'board-team').elements.pop().set_value(company.engineering.id)

    await user.should_see('Ship the API', retries=20)
    assert user.back_history[-1] == f'/board?team={company.engineering.id}&cycle={company.cycle.id}'


async def test_someone_whose_key_results_are_all_done_is_not_missing(database, november) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10, current=10)

    shown = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    assert shown.missing == ()


@pytest.mark.parametrize('address', ['team=abc', 'team=7.5', 'team=-3', 'team=99999999999999999999999', 'cycle=abc'])
async def test_a_bad_address_shows_a_message_not_an_error(user: User, address: str) -> None:
    await org()
    await sign_in(user, 'ben@acme.test')

    await user.open(f'/board?{address}')

    await user.should_see('does not exist', retries=20)
