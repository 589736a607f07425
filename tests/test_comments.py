"""Comments through the services: who may read and write, threads, mentions, edit and delete."""
import pytest

from models.notify import Delivery, Notification
from models.social import Comment
from services import channel_config, comments
from services.errors import Forbidden, Invalid, NotFound
from tests.factories_notify import http_receiver
from tests.factories_social import talk


async def test_a_comment_and_its_reply_form_one_thread(database: None) -> None:
    t = await talk()
    first = await comments.add_comment(t.company.cara, objective_id=t.objective.id, key_result_id=t.key_result.id,
                                       body='Which customers?')

    reply = await comments.add_comment(t.company.ben, objective_id=t.objective.id, key_result_id=t.key_result.id,
                                       parent_id=first.id, body='The two from the fair')

    thread = await comments.list_comments(t.company.lena, objective_id=t.objective.id, key_result_id=t.key_result.id)
    assert [(c.body, c.depth, c.parent_id) for c in thread] == [('Which customers?', 0, None),
                                                                ('The two from the fair', 1, first.id)]
    assert reply.parent_id == first.id
    assert await comments.list_comments(t.company.lena, objective_id=t.objective.id) == []


async def test_a_reply_to_a_reply_joins_the_same_thread(database: None) -> None:
    t = await talk()
    first = await comments.add_comment(t.company.cara, objective_id=t.objective.id, body='Why north?')
    reply = await comments.add_comment(t.company.ben, objective_id=t.objective.id, parent_id=first.id, body='Demand')

    again = await comments.add_comment(t.company.cara, objective_id=t.objective.id, parent_id=reply.id, body='Ok')

    assert again.parent_id == first.id


async def test_private_objective_comments_are_hidden_from_those_who_may_not_view_it(database: None) -> None:
    t = await talk(visibility='private')

    with pytest.raises(NotFound):
        await comments.add_comment(t.company.cara, objective_id=t.objective.id, body='Peek')
    with pytest.raises(NotFound):
        await comments.list_comments(t.company.cara, objective_id=t.objective.id)
    await comments.add_comment(t.company.lena, objective_id=t.objective.id, body='As your manager: good')
    assert await Comment.all().count() == 1


@pytest.mark.parametrize('body', ['', '   ', 'x' * 5001])
async def test_empty_or_over_long_comment_is_refused_and_nothing_is_written(database: None, body: str) -> None:
    t = await talk()

    with pytest.raises(Invalid) as refused:
        await comments.add_comment(t.company.ben, objective_id=t.objective.id, body=body)

    assert refused.value.field == 'body'
    assert refused.value.message in ('Write a comment first.', 'Use at most {n} characters.')
    assert await Comment.all().count() == 0


async def test_a_comment_of_exactly_the_limit_is_kept(database: None) -> None:
    t = await talk()

    await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='x' * comments.MAX_COMMENT)

    assert await Comment.all().count() == 1


async def test_only_the_author_may_edit_or_delete_a_comment(database: None) -> None:
    t = await talk()
    comment = await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Mine')

    with pytest.raises(Forbidden):
        await comments.edit_comment(t.company.lena, comment.id, body='Changed by my manager')
    with pytest.raises(Forbidden):
        await comments.delete_comment(t.company.admin, comment.id)

    assert (await Comment.get(id=comment.id)).body == 'Mine'


async def test_editing_with_empty_text_is_refused_and_keeps_the_old_text(database: None) -> None:
    t = await talk()
    comment = await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Mine')

    with pytest.raises(Invalid):
        await comments.edit_comment(t.company.ben, comment.id, body=' ')

    assert (await Comment.get(id=comment.id)).body == 'Mine'


async def test_edited_comment_is_marked_edited(database: None) -> None:
    t = await talk()
    comment = await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Frist')

    await comments.edit_comment(t.company.ben, comment.id, body='First')

    (shown,) = await comments.list_comments(t.company.cara, objective_id=t.objective.id)
    assert shown.body == 'First' and shown.edited and not shown.mine


async def test_deleting_keeps_the_thread_but_drops_the_text(database: None) -> None:
    t = await talk()
    first = await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Secret plan')
    await comments.add_comment(t.company.cara, objective_id=t.objective.id, parent_id=first.id, body='Nice')

    await comments.delete_comment(t.company.ben, first.id)

    gone, reply = await comments.list_comments(t.company.cara, objective_id=t.objective.id)
    assert gone.deleted and gone.body == '' and reply.body == 'Nice'
    assert (await Comment.get(id=first.id)).body == ''
    assert await comments.comment_counts(t.company.cara, t.objective.id) == {None: 1}


async def test_mentions_by_name_or_email_notify_those_people(database: None) -> None:
    t = await talk()

    comment = await comments.add_comment(t.company.ben, objective_id=t.objective.id, key_result_id=t.key_result.id,
                                         body='@Lena and @cara@acme.test, please look. Not @Nobody.')

    assert sorted(comment.mentions) == sorted([t.company.lena.id, t.company.cara.id])
    told = await Notification.filter(rule='mention').order_by('recipient_id')
    assert [n.recipient_id for n in told] == sorted([t.company.lena.id, t.company.cara.id])
    assert told[0].title == 'Ben mentioned you in a comment on Sign 10 customers'
    assert told[0].link == f'/objective/{t.objective.id}'


async def test_mentioning_oneself_sends_nothing(database: None) -> None:
    t = await talk()

    comment = await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Note to @Ben')

    assert comment.mentions == []
    assert await Notification.all().count() == 0


async def test_a_mentioned_person_who_may_not_view_a_private_objective_is_not_told(database: None) -> None:
    t = await talk(visibility='private')

    await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='@Cara see this')

    assert await Notification.all().count() == 0


async def test_a_mention_is_delivered_through_the_persons_channels(database: None) -> None:
    t = await talk()
    with http_receiver() as hook:
        await channel_config.save_channel(t.company.admin, channel_id=None, kind='webhook', name='Hook',
                                          values={'url': hook.url})

        await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='@Lena have a look')

        assert await Delivery.filter(status='sent').count() == 1
        assert hook.requests and 'Ben mentioned you' in str(hook.requests[0]['body'])


async def test_commenting_on_a_check_in_keeps_its_own_thread(database: None) -> None:
    from services import checkins
    t = await talk()
    checkin = await checkins.record_checkin(t.company.ben, key_result_id=t.key_result.id, value=3, confidence=7)

    await comments.add_comment(t.company.lena, objective_id=t.objective.id, checkin_id=checkin.id, body='Great')

    shown = await comments.list_comments(t.company.cara, objective_id=t.objective.id, checkin_id=checkin.id)
    assert [c.body for c in shown] == ['Great']
    assert await comments.list_comments(t.company.cara, objective_id=t.objective.id,
                                        key_result_id=t.key_result.id) == []


async def test_a_comment_on_a_key_result_of_another_objective_is_refused(database: None) -> None:
    t = await talk()
    from tests import factories
    other = await factories.objective(t.company.cycle, 'Other')

    with pytest.raises(NotFound):
        await comments.add_comment(t.company.ben, objective_id=other.id, key_result_id=t.key_result.id, body='Hi')

    assert await Comment.all().count() == 0
