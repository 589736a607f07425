"""OKR Star pages through simulated browsers: nominate, pick, the winner on the dashboard and board, kudos."""
from nicegui.testing import User

from models.recognition import Kudos, Nomination
from services import recognition
from tests.factories_org import wait_for
from tests.factories_recognition import MONTH, comment_by, star_team
from tests.helpers import by_testid, find_testid, sign_in


async def test_a_manager_nominates_with_a_reason(user: User) -> None:
    t = await star_team()
    await sign_in(user, 'mia@acme.test')
    await user.open('/stars')
    await user.should_see('Candidates', retries=30)

    by_testid(user, 'star-nominate', person_id=t.ben.id).click()
    by_testid(user, 'star-reason').type('Closed the biggest deal')
    by_testid(user, 'star-save').click()

    await user.should_see('Nominated by Mia: Closed the biggest deal', retries=30)
    assert await Nomination.filter(person_id=t.ben.id, nominated_by_id=t.mia.id).count() == 1


async def test_a_nomination_without_a_reason_shows_a_message_and_saves_nothing(user: User) -> None:
    t = await star_team()
    await sign_in(user, 'mia@acme.test')
    await user.open('/stars')
    await user.should_see('Candidates', retries=30)

    by_testid(user, 'star-nominate', person_id=t.ben.id).click()
    by_testid(user, 'star-save').click()

    await user.should_see('Say why this person deserves it.', retries=30)
    assert await Nomination.all().count() == 0


async def test_a_too_long_reason_shows_a_message_and_saves_nothing(user: User) -> None:
    t = await star_team()
    await sign_in(user, 'mia@acme.test')
    await user.open('/stars')
    await user.should_see('Candidates', retries=30)

    by_testid(user, 'star-nominate', person_id=t.cara.id).click()
    by_testid(user, 'star-reason').type('x' * 1001)
    by_testid(user, 'star-save').click()

    await user.should_see('Use at most 1000 characters.', retries=30)
    assert await Nomination.all().count() == 0


async def test_members_see_past_stars_but_no_candidates(user: User) -> None:
    t = await star_team()
    await recognition.pick_star(t.admin, month=MONTH, person_id=t.cara.id, reason='Most helpful')
    await sign_in(user, 'ben@acme.test')

    await user.open('/stars')

    await user.should_see('Past stars', retries=30)
    assert find_testid(user, 'star-history', month=MONTH)
    assert not find_testid(user, 'star-candidate')


async def test_the_picked_star_shows_on_the_dashboard_and_the_board(user: User) -> None:
    t = await star_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/stars')
    await user.should_see('Candidates', retries=30)

    by_testid(user, 'star-pick', person_id=t.ben.id).click()
    by_testid(user, 'star-reason').type('Biggest deal of the year')
    by_testid(user, 'star-save').click()
    await user.should_see('OKR Star of 2026-11: Ben', retries=30)

    await user.open('/dashboard')
    await user.should_see('OKR Star of 2026-11: Ben', retries=30)
    await user.open(f'/board?team={t.root.id}&cycle={t.cycle.id}')
    await user.should_see('OKR Star of 2026-11: Ben', retries=30)
    await user.should_see('Biggest deal of the year')


async def test_kudos_on_someone_elses_comment_toggle(user: User) -> None:
    t = await star_team()
    comment = await comment_by(t.cara, t.cara_kr)
    await sign_in(user, 'ben@acme.test')
    await user.open(f'/objective/{t.cara_kr.objective_id}')
    await user.should_see('Comments', retries=30)

    (await wait_for(user, 'kudos-toggle', comment_id=comment.id)).click()

    await wait_for(user, 'kudos-toggle', comment_id=comment.id, given='true')
    assert await Kudos.filter(comment_id=comment.id, receiver_id=t.cara.id).count() == 1
    (await wait_for(user, 'kudos-toggle', comment_id=comment.id)).click()
    await wait_for(user, 'kudos-toggle', comment_id=comment.id, given='false')
    assert await Kudos.all().count() == 0


async def test_no_kudos_button_on_ones_own_comment(user: User) -> None:
    t = await star_team()
    comment = await comment_by(t.cara, t.cara_kr)
    await sign_in(user, 'cara@acme.test')
    await user.open(f'/objective/{t.cara_kr.objective_id}')
    await user.should_see('Comments', retries=30)

    await user.should_see('Nice work', retries=30)

    assert not find_testid(user, 'kudos-toggle', comment_id=comment.id)
