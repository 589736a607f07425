"""The meeting controls of the board, through two simulated browsers: what one does, the other sees."""
import asyncio
from collections.abc import Callable

from nicegui.testing import User

from models.standup import Standup
from services import standups
from tests import factories
from tests.factories_okrs import Org, org
from tests.factories_org import wait_for, wait_gone
from tests.helpers import by_testid, find_testid, sign_in


async def two_boards(user: User, other: User) -> Org:
    company = await org()
    for owner, title in ((company.ben, 'Sign 10 customers'), (company.lena, 'Hire two sellers')):
        objective = await factories.objective(company.cycle, f'{owner.name} grows', owner=owner)
        await factories.key_result(objective, title, owner=owner, target=10, current=4)
    address = f'/board?team={company.sales.id}&cycle={company.cycle.id}'
    for browser, email in ((user, 'lena@acme.test'), (other, 'ben@acme.test')):
        await sign_in(browser, email)
        await browser.open(address)
        await browser.should_see('Sign 10 customers', retries=20)
    return company


async def until(condition: Callable[[], bool], retries: int = 40) -> None:
    """Wait for another simulated browser to receive what the bus sent it."""
    for _ in range(retries):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError('the other board did not follow')


def timer_running(user: User) -> bool:
    (timer,) = find_testid(user, 'board-timer')
    return timer.props.get('data-running') == 'true'


async def test_starting_the_timer_starts_it_on_every_board(user: User, create_user: Callable[[], User]) -> None:
    other = create_user()
    await two_boards(user, other)
    assert by_testid(other, 'board-timer').elements.pop().text == '15:00'

    by_testid(user, 'board-timer-start').click()

    await other.should_see('Pause', retries=30)
    assert timer_running(other) and timer_running(user)
    by_testid(other, 'board-timer-start').click()
    await user.should_see('Start timer', retries=30)
    assert not timer_running(user)


async def test_next_person_is_followed_by_every_board(user: User, create_user: Callable[[], User]) -> None:
    other = create_user()
    company = await two_boards(user, other)

    by_testid(user, 'board-next').click()

    await wait_for(other, 'board-presenting')
    (shown,) = find_testid(other, 'board-person')
    assert int(shown.props['data-person-id']) in (company.ben.id, company.lena.id)
    by_testid(other, 'board-next').click()
    second = ({company.ben.id, company.lena.id} - {int(shown.props['data-person-id'])}).pop()
    await wait_for(user, 'board-person', person_id=second)
    by_testid(user, 'board-stop-presenting').click()
    await wait_gone(other, 'board-presenting')
    assert len(find_testid(other, 'board-person')) == 2


async def test_notes_are_shared_and_ending_keeps_them_as_minutes(user: User, create_user: Callable[[], User]) -> None:
    other = create_user()
    company = await two_boards(user, other)

    by_testid(user, 'board-notes').type('Blocker: the CRM export is late')
    by_testid(user, 'board-notes-save').click()
    await user.should_see('Saved', retries=30)
    await until(lambda: by_testid(other, 'board-notes').elements.pop().value == 'Blocker: the CRM export is late')

    by_testid(other, 'board-end-meeting').click()
    (await wait_for(other, 'board-end-confirm')).click()

    await other.should_see('Stand-up ended; its minutes are on the team page.', retries=30)
    (ended,) = await Standup.filter(ended_at__not_isnull=True)
    assert (ended.notes, ended.ended_by_id) == ('Blocker: the CRM export is late', company.ben.id)
    await user.open(f'/team/{company.sales.id}')
    await user.should_see('Blocker: the CRM export is late', retries=20)
    assert find_testid(user, 'team-minutes-entry', standup_id=ended.id)


async def test_too_long_notes_get_a_message_at_the_field_and_nothing_is_saved(user: User) -> None:
    company = await org()
    await standups.save_notes(company.lena, company.sales.id, company.cycle.id, 'Kept')
    await sign_in(user, 'lena@acme.test')
    await user.open(f'/board?team={company.sales.id}&cycle={company.cycle.id}')
    await wait_for(user, 'board-notes')

    by_testid(user, 'board-notes').elements.pop().set_value('x' * (standups.NOTES_LIMIT + 1))
    by_testid(user, 'board-notes-save').click()

    await user.should_see(f'Notes can be at most {standups.NOTES_LIMIT} characters.', retries=30)
    assert (await standups.meeting(company.lena, company.sales.id, company.cycle.id)).notes == 'Kept'


async def test_someone_from_another_team_watches_but_cannot_run_the_meeting(user: User) -> None:
    company = await org()
    await sign_in(user, 'cara@acme.test')

    await user.open(f'/board?team={company.sales.id}&cycle={company.cycle.id}')

    await wait_for(user, 'board-timer-start')
    for name in ('board-timer-start', 'board-next', 'board-end-meeting', 'board-notes'):
        (element,) = find_testid(user, name)
        assert not element.enabled, name
    assert await Standup.all().count() == 0


async def test_notes_saved_meanwhile_by_another_screen_are_shown_not_overwritten(
        user: User, create_user: Callable[[], User]) -> None:
    other = create_user()
    company = await two_boards(user, other)
    by_testid(user, 'board-notes').type('Decision A')

    by_testid(other, 'board-notes').type('Blocker B')
    by_testid(other, 'board-notes-save').click()
    await other.should_see('Saved', retries=30)
    by_testid(user, 'board-notes-save').click()

    await user.should_see('Someone else saved other notes meanwhile', retries=30)
    assert by_testid(user, 'board-notes').elements.pop().value == 'Decision A'
    assert 'Blocker B' in by_testid(user, 'board-notes-theirs').elements.pop().text
    assert (await standups.meeting(company.lena, company.sales.id, company.cycle.id)).notes == 'Blocker B'
    by_testid(user, 'board-notes').elements.pop().set_value('Blocker B\nDecision A')
    by_testid(user, 'board-notes-save').click()
    await until(lambda: by_testid(user, 'board-notes-status').elements.pop().text == 'Saved')
    assert (await standups.meeting(company.lena, company.sales.id, company.cycle.id)).notes == 'Blocker B\nDecision A'


async def test_a_screen_with_unsaved_notes_hears_that_the_stand_up_ended_elsewhere(
        user: User, create_user: Callable[[], User]) -> None:
    other = create_user()
    await two_boards(user, other)
    by_testid(user, 'board-notes').type('Typed on the TV')

    by_testid(other, 'board-end-meeting').click()
    (await wait_for(other, 'board-end-confirm')).click()

    await user.should_see('The stand-up was ended on another screen without these notes.', retries=30)
    assert by_testid(user, 'board-notes').elements.pop().value == 'Typed on the TV'
