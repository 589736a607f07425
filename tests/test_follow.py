"""Following objectives and key results: followers hear of check-ins and comments, never of their own."""
import pytest

from models.notify import Notification
from models.social import Follow
from services import checkins, comments, follows
from services.errors import NotFound
from tests.factories_social import talk


async def test_following_twice_keeps_one_follow_and_unfollowing_removes_it(database: None) -> None:
    t = await talk()

    await follows.set_following(t.company.cara, objective_id=t.objective.id, following=True)
    await follows.set_following(t.company.cara, objective_id=t.objective.id, following=True)
    assert await follows.followed_subjects(t.company.cara, t.objective.id) == {f'objective:{t.objective.id}'}

    await follows.set_following(t.company.cara, objective_id=t.objective.id, following=False)
    assert await Follow.all().count() == 0


async def test_a_key_result_follower_hears_of_each_check_in_with_a_link(database: None) -> None:
    t = await talk()
    await follows.set_following(t.company.cara, objective_id=t.objective.id, key_result_id=t.key_result.id,
                                following=True)

    await checkins.record_checkin(t.company.ben, key_result_id=t.key_result.id, value=3, confidence=7)
    await checkins.record_checkin(t.company.ben, key_result_id=t.key_result.id, value=4, confidence=7)

    told = await Notification.filter(recipient_id=t.company.cara.id, rule='follow_checkin')
    assert len(told) == 2
    assert told[0].title == 'Ben checked in on Sign 10 customers'
    assert told[0].link == f'/objective/{t.objective.id}'


async def test_an_objective_follower_hears_of_comments_on_its_key_results(database: None) -> None:
    t = await talk()
    await follows.set_following(t.company.cara, objective_id=t.objective.id, following=True)

    await comments.add_comment(t.company.lena, objective_id=t.objective.id, key_result_id=t.key_result.id,
                               body='Keep going')

    (told,) = await Notification.filter(recipient_id=t.company.cara.id)
    assert told.rule == 'follow_comment' and told.title == 'Lena commented on Sign 10 customers'


async def test_followers_are_not_told_of_their_own_check_ins_and_comments(database: None) -> None:
    t = await talk()
    await follows.set_following(t.company.ben, objective_id=t.objective.id, following=True)

    await checkins.record_checkin(t.company.ben, key_result_id=t.key_result.id, value=3, confidence=7)
    await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Progress!')

    assert await Notification.all().count() == 0


async def test_a_mentioned_follower_gets_one_notification_not_two(database: None) -> None:
    t = await talk()
    await follows.set_following(t.company.cara, objective_id=t.objective.id, following=True)

    await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='@Cara thoughts?')

    assert [n.rule for n in await Notification.filter(recipient_id=t.company.cara.id)] == ['mention']


async def test_a_private_objective_cannot_be_followed_by_those_who_may_not_view_it(database: None) -> None:
    t = await talk(visibility='private')

    with pytest.raises(NotFound):
        await follows.set_following(t.company.cara, objective_id=t.objective.id, following=True)

    assert await Follow.all().count() == 0


async def test_a_follower_who_lost_sight_of_an_objective_is_no_longer_told(database: None) -> None:
    t = await talk()
    await follows.set_following(t.company.cara, objective_id=t.objective.id, following=True)
    t.objective.visibility = 'private'
    await t.objective.save()

    await checkins.record_checkin(t.company.ben, key_result_id=t.key_result.id, value=3, confidence=7)

    assert await Notification.all().count() == 0
