"""The comments section of the objective page, through simulated browsers: write, reply, edit, delete, live, safe."""
import asyncio
from collections.abc import Callable

from nicegui import ui
from nicegui.testing import User

from models.social import Comment
from services import checkins, comments
from tests import factories
from tests.factories_org import wait_for
from tests.factories_social import Talk, talk
from tests.helpers import by_testid, find_testid, sign_in

HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))',
           'javascript:alert(1)']


async def open_objective(user: User, email: str, t: Talk) -> None:
    await sign_in(user, email)
    await user.open(f'/objective/{t.objective.id}')
    await user.should_see('Comments', retries=30)


async def write(user: User, thread: str, text: str) -> None:
    by_testid(user, 'comment-input', thread=thread).type(text)
    by_testid(user, 'comment-submit', thread=thread).click()


def comment_texts(user: User) -> list[str]:
    """The text of every comment shown, as a reader sees it (the write box does not count)."""
    return [''.join(getattr(part, 'text', '') for part in body.descendants() if part is not body)
            for body in find_testid(user, 'comment-body')]


async def shows_comment(user: User, text: str) -> None:
    for _ in range(40):
        if text in comment_texts(user):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f'{text!r} not among {comment_texts(user)}')


async def test_a_comment_written_on_the_objective_is_shown(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)

    await write(user, 'objective', 'Why the north?')

    await shows_comment(user, 'Why the north?')
    assert await Comment.filter(author_id=t.company.cara.id).count() == 1


async def test_an_empty_comment_shows_a_message_and_writes_nothing(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)

    by_testid(user, 'comment-submit', thread='objective').click()

    await user.should_see('Write a comment first.', retries=30)
    assert await Comment.all().count() == 0


async def test_an_over_long_comment_shows_a_message_and_writes_nothing(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)

    by_testid(user, 'comment-input', thread='objective').elements.pop().value = 'x' * 5001
    by_testid(user, 'comment-submit', thread='objective').click()

    await user.should_see('Use at most 5000 characters.', retries=30)
    assert await Comment.all().count() == 0


async def test_a_reply_appears_under_its_comment(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)
    await write(user, 'objective', 'First question')
    await shows_comment(user, 'First question')
    first = await wait_for(user, 'comment')
    comment_id = first.elements.pop().props['data-comment-id']

    by_testid(user, 'comment-reply', comment_id=comment_id).click()
    await user.should_see('Replying to Cara', retries=30)
    await write(user, 'objective', 'A follow-up')

    await shows_comment(user, 'A follow-up')
    reply = await Comment.get(body='A follow-up')
    assert reply.parent_id == int(comment_id)


async def test_the_author_edits_and_deletes_a_comment_and_the_thread_stays(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)
    await write(user, 'objective', 'Frist')
    await shows_comment(user, 'Frist')
    (comment,) = find_testid(user, 'comment')
    comment_id = comment.props['data-comment-id']

    by_testid(user, 'comment-edit', comment_id=comment_id).click()
    edit = await wait_for(user, 'comment-edit-input')
    edit.clear().type('First')
    by_testid(user, 'comment-edit-save').click()
    await user.should_see('edited', retries=30)
    by_testid(user, 'comment-delete', comment_id=comment_id).click()
    await user.should_see('Delete this comment?')
    assert await Comment.filter(id=comment_id, deleted_at=None).exists()  # not before the confirmation
    (await wait_for(user, 'comment-delete-confirm')).click()

    await user.should_see('Comment deleted', retries=30)
    assert find_testid(user, 'comment', comment_id=comment_id)


async def test_others_see_no_edit_or_delete_on_a_comment(user: User) -> None:
    t = await talk()
    await comments.add_comment(t.company.ben, objective_id=t.objective.id, body='Ben speaks')
    await open_objective(user, 'cara@acme.test', t)

    await shows_comment(user, 'Ben speaks')

    assert find_testid(user, 'comment-reply') and not find_testid(user, 'comment-edit')
    assert not find_testid(user, 'comment-delete')


async def test_two_people_commenting_on_one_key_result_both_see_both(user: User,
                                                                      create_user: Callable[[], User]) -> None:
    other = create_user()
    t = await talk()
    thread = f'kr-{t.key_result.id}'
    await open_objective(user, 'cara@acme.test', t)
    await open_objective(other, 'lena@acme.test', t)

    await write(user, thread, 'Cara was here')
    await write(other, thread, 'Lena was here')

    for browser in (user, other):
        await shows_comment(browser, 'Cara was here')
        await shows_comment(browser, 'Lena was here')
        await browser.should_see('Comments (2)', retries=40)


async def test_hostile_text_is_shown_as_text_and_links_are_only_web_addresses(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)

    for text in HOSTILE:
        await write(user, 'objective', text)
        await shows_comment(user, text)
    await write(user, 'objective', 'see https://example.com/a?b=1. and **bold** *soft*')
    await shows_comment(user, 'see https://example.com/a?b=1. and bold soft')

    assert not [e for e in user.client.layout.descendants() if isinstance(e, (ui.html, ui.markdown))]
    links = [e for e in user.client.layout.descendants() if isinstance(e, ui.link)
             and e.props.get('rel') == 'noopener noreferrer']
    assert [link.props['href'] for link in links] == ['https://example.com/a?b=1']
    assert all(link.props.get('target') == '_blank' for link in links)
    bold = [e for e in user.client.layout.descendants() if isinstance(e, ui.label) and e.text == 'bold']
    assert 'font-bold' in bold[0].classes


async def test_following_a_key_result_from_the_page_is_remembered(user: User) -> None:
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)

    by_testid(user, 'follow-toggle', thread=f'kr-{t.key_result.id}').click()

    await user.should_see('Following', retries=30)
    await user.open(f'/objective/{t.objective.id}')
    await user.should_see('Comments', retries=30)
    (toggle,) = find_testid(user, 'follow-toggle', thread=f'kr-{t.key_result.id}')
    assert toggle.props['data-following'] == 'true'


async def test_a_deleted_key_result_leaves_the_comments_section_at_once(user: User) -> None:
    from services import key_result_edits
    from tests.factories_org import wait_gone
    t = await talk()
    await open_objective(user, 'cara@acme.test', t)
    assert find_testid(user, 'comments-toggle', thread=f'kr-{t.key_result.id}')

    await key_result_edits.delete_key_result(t.company.ben, t.key_result.id)

    await wait_gone(user, 'comments-toggle', thread=f'kr-{t.key_result.id}')


async def test_a_check_in_gets_its_own_thread_in_the_history(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    objective = await factories.objective(await factories.cycle(), 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    checkin = await checkins.record_checkin(ben, key_result_id=kr.id, value=5, confidence=7, note='Two demos',
                                            next_step='')
    await sign_in(user, 'ben@acme.test')
    by_testid(user, 'kr-card', kr_id=kr.id).click()
    by_testid(user, 'checkin-history').click()
    await user.should_see('Two demos', retries=20)

    by_testid(user, 'comments-toggle', thread=f'checkin-{checkin.id}').click()
    await wait_for(user, 'comment-input', thread=f'checkin-{checkin.id}')
    await write(user, f'checkin-{checkin.id}', 'Which customers?')

    await shows_comment(user, 'Which customers?')
    stored = await Comment.get(body='Which customers?')
    assert (stored.checkin_id, stored.key_result_id) == (checkin.id, kr.id)
    assert (await comments.comment_counts(ben, objective.id)).get(kr.id, 0) == 0  # not in the key result's thread
    assert await comments.checkin_comment_counts(ben, kr.id) == {checkin.id: 1}
