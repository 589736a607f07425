"""Anonymous feedback, checked from the outside: the rows, the logs and the storage hold nothing of the author."""
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from nicegui import app
from nicegui.testing import User
from tortoise import connections

from models.social import Feedback, FeedbackQuota
from services import clock, feedback
from services.errors import Forbidden, Invalid, NotFound, Throttled
from tests import factories
from tests.factories_okrs import org
from tests.helpers import by_testid, find_testid, sign_in

SECRET = 'The weekly check-in is pure theatre'


def monday() -> None:
    clock.set_now(datetime(2026, 11, 30, 15, 42, tzinfo=UTC))


async def raw_rows(table: str) -> list[dict]:
    return await connections.get('default').execute_query_dict(f'SELECT * FROM {table}')


async def test_a_stored_entry_holds_no_author_no_time_and_the_text_is_never_logged(
        database: None, caplog: pytest.LogCaptureFixture) -> None:
    company = await org()
    monday()
    caplog.set_level(logging.DEBUG)

    result = await feedback.submit_feedback(company.ben, category='process', text=SECRET)

    assert result is None
    (row,) = await raw_rows('feedback')
    assert set(row) == {'id', 'category', 'text', 'day', 'week', 'status', 'answer', 'answered_on'}
    assert str(company.ben.id) not in {str(value) for key, value in row.items() if key != 'id'}
    assert row['day'] == '2026-11-30' and '15:42' not in str(row)
    (quota,) = await raw_rows('feedback_quota')
    assert set(quota) == {'id', 'person_id', 'day', 'count'}
    assert SECRET not in caplog.text and 'Ben' not in caplog.text


async def test_a_week_with_fewer_than_three_entries_stays_hidden_from_admins(database: None) -> None:
    company = await org()
    monday()
    await feedback.submit_feedback(company.ben, category='process', text='One')
    await feedback.submit_feedback(company.cara, category='tool', text='Two')
    assert await feedback.list_feedback(company.admin) == []

    await feedback.submit_feedback(company.lena, category='other', text='Three')

    assert sorted(entry.text for entry in await feedback.list_feedback(company.admin)) == ['One', 'Three', 'Two']


async def test_only_admins_read_and_answer_and_answers_are_visible_to_all(database: None) -> None:
    company = await org()
    monday()
    for person in (company.ben, company.cara, company.lena):
        await feedback.submit_feedback(person, category='process', text=f'From someone {person.id % 1}')
    with pytest.raises(Forbidden):
        await feedback.list_feedback(company.ben)
    entry = (await feedback.list_feedback(company.admin))[0]
    with pytest.raises(Forbidden):
        await feedback.answer_feedback(company.ben, entry.id, answer='Sure', status='changed')

    await feedback.answer_feedback(company.admin, entry.id, answer='We now check in every two weeks.',
                                   status='changed')

    (shown,) = await feedback.answered_feedback(company.cara)
    assert shown.answer == 'We now check in every two weeks.' and shown.status == 'changed'


async def test_an_entry_of_a_hidden_week_cannot_be_answered(database: None) -> None:
    company = await org()
    monday()
    await feedback.submit_feedback(company.ben, category='process', text='Alone this week')
    (row,) = await Feedback.all()

    with pytest.raises(NotFound):
        await feedback.answer_feedback(company.admin, row.id, answer='Hi', status='changed')


async def test_the_daily_limit_refuses_more_and_writes_nothing(database: None) -> None:
    company = await org()
    monday()
    for number in range(feedback.DAILY_LIMIT):
        await feedback.submit_feedback(company.ben, category='tool', text=f'Idea {number}')

    with pytest.raises(Throttled):
        await feedback.submit_feedback(company.ben, category='tool', text='One more')

    assert await Feedback.all().count() == feedback.DAILY_LIMIT
    clock.set_now(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    await feedback.submit_feedback(company.ben, category='tool', text='Next day')
    assert await FeedbackQuota.all().count() == 1  # the day before is forgotten


@pytest.mark.parametrize(('category', 'text', 'field'), [('process', '  ', 'text'), ('process', 'x' * 2001, 'text'),
                                                         ('salary', 'Pay more', 'category')])
async def test_bad_feedback_is_refused_and_nothing_is_written(database: None, category: str, text: str,
                                                              field: str) -> None:
    company = await org()

    with pytest.raises(Invalid) as refused:
        await feedback.submit_feedback(company.ben, category=category, text=text)

    assert refused.value.field == field
    assert await Feedback.all().count() == 0 and await FeedbackQuota.all().count() == 0


async def test_a_bad_status_is_refused(database: None) -> None:
    company = await org()
    monday()
    for person in (company.ben, company.cara, company.lena):
        await feedback.submit_feedback(person, category='process', text='Same')
    entry = (await feedback.list_feedback(company.admin))[0]

    with pytest.raises(Invalid) as refused:
        await feedback.answer_feedback(company.admin, entry.id, answer='Ok', status='done')

    assert refused.value.field == 'status'
    assert (await Feedback.get(id=entry.id)).answer == ''


async def test_sending_feedback_from_the_page_leaves_no_trace_in_storage_or_logs(
        user: User, caplog: pytest.LogCaptureFixture) -> None:
    company = await org()
    await factories.person('Dora', team=company.sales)
    await sign_in(user, 'ben@acme.test')
    await user.open('/feedback')
    caplog.set_level(logging.DEBUG)

    by_testid(user, 'feedback-text').type(SECRET)
    by_testid(user, 'feedback-send').click()

    await user.should_see('Thank you. Your feedback was sent without your name.', retries=30)
    assert await Feedback.filter(text=SECRET).count() == 1
    assert SECRET not in caplog.text
    with user:
        stored = repr(dict(app.storage.general)) + repr(dict(app.storage.user)) + repr(dict(app.storage.client))
    assert SECRET not in stored and 'feedback' not in stored.lower()
    on_disk = Path(os.environ['NICEGUI_STORAGE_PATH'])
    assert not any(SECRET in path.read_text(errors='ignore') for path in on_disk.rglob('*') if path.is_file())


async def test_an_empty_feedback_on_the_page_shows_a_message_and_writes_nothing(user: User) -> None:
    await org()
    await sign_in(user, 'ben@acme.test')
    await user.open('/feedback')

    by_testid(user, 'feedback-send').click()

    await user.should_see('Write your feedback first.', retries=30)
    assert await Feedback.all().count() == 0


async def test_an_admin_answers_on_the_page_and_the_answer_is_listed(user: User) -> None:
    company = await org()
    for person in (company.ben, company.cara, company.lena):
        await feedback.submit_feedback(person, category='tool', text='Make the board faster')
    await sign_in(user, 'admin@acme.test')
    await user.open('/feedback')
    await user.should_see('Entries', retries=30)
    assert len(find_testid(user, 'feedback-entry')) == 3

    entry_id = find_testid(user, 'feedback-entry')[0].props['data-id']

    by_testid(user, 'feedback-answer', id=entry_id).type('Done in the last release.')
    by_testid(user, 'feedback-save', id=entry_id).click()

    await user.should_see('Answer saved', retries=30)
    await user.should_see('Done in the last release.', retries=30)
    assert find_testid(user, 'feedback-answered')
