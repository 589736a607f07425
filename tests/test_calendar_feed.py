"""The private ICS feed, fetched over HTTP and read back with icalendar."""
from datetime import date

from icalendar import Calendar
from nicegui.testing import User

from models.calendar_feeds import CalendarFeed
from models.okr import KeyResult
from services import calendar_feeds
from tests.factories_api import api_client
from tests.factories_calendar import quarter


async def fetch(path: str) -> tuple[int, bytes, dict[str, str]]:
    async with api_client() as client:
        response = await client.get(path)
    return response.status_code, response.content, dict(response.headers)


def events_of(body: bytes) -> dict[str, dict[str, object]]:
    feed = Calendar.from_ical(body)
    return {str(event['UID']): {'summary': str(event['SUMMARY']), 'description': str(event['DESCRIPTION']),
                                'start': event.decoded('DTSTART'), 'end': event.decoded('DTEND')}
            for event in feed.walk('VEVENT')}


async def test_feed_lists_all_day_events_with_stable_ids(user: User) -> None:
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)

    status, body, headers = await fetch(feed.path)
    _, again, _ = await fetch(feed.path)

    assert status == 200 and headers['content-type'].startswith('text/calendar')
    assert headers['cache-control'].startswith('private')
    assert Calendar.from_ical(body)['X-WR-CALNAME'] == 'okrboard: Ben'
    events = events_of(body)
    kr = events[f'key-result-{q.kr_own_due.id}@okrboard']
    assert kr['summary'] == 'Key result due: Sign 10 customers'
    assert (kr['start'], kr['end']) == (date(2026, 11, 20), date(2026, 11, 21))
    assert f'/objective/{q.objective.id}' in kr['description']
    assert 'End of the cycle' in events[f'key-result-{q.kr_cycle_end.id}@okrboard']['description']
    assert events[f'review-{q.cycle.id}@okrboard']['start'] == date(2026, 11, 16)
    assert events_of(again).keys() == events.keys()


async def test_commas_semicolons_newlines_and_chinese_round_trip(user: User) -> None:
    q = await quarter()
    title = '增长, 收入; 第二行\n第三行'
    await KeyResult.filter(id=q.kr_own_due.id).update(title=title)
    feed = await calendar_feeds.create_feed(q.ben)

    _, body, _ = await fetch(feed.path)

    assert b'\\,' in body and b'\\;' in body
    assert events_of(body)[f'key-result-{q.kr_own_due.id}@okrboard']['summary'] == f'Key result due: {title}'


async def test_feed_speaks_the_persons_language(user: User) -> None:
    q = await quarter()
    q.ben.locale = 'zh_CN'
    await q.ben.save()
    feed = await calendar_feeds.create_feed(q.ben)

    _, body, _ = await fetch(feed.path)

    assert events_of(body)[f'task-{q.task.id}@okrboard']['summary'] == '任务截止：Call the leads'


async def test_rotated_and_revoked_feeds_answer_not_found(user: User) -> None:
    q = await quarter()
    first = await calendar_feeds.create_feed(q.ben)
    second = await calendar_feeds.rotate_feed(q.ben)

    assert second.path != first.path
    assert (await fetch(first.path))[0] == 404
    assert (await fetch(second.path))[0] == 200
    await calendar_feeds.revoke_feed(q.ben)
    assert (await fetch(second.path))[0] == 404
    assert await calendar_feeds.my_feed(q.ben) is None


async def test_feed_of_a_deactivated_person_answers_not_found(user: User) -> None:
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)
    q.ben.active = False
    await q.ben.save()

    assert (await fetch(feed.path))[0] == 404


async def test_unknown_or_malformed_tokens_answer_not_found(user: User) -> None:
    await quarter()

    for path in ('/calendar/' + 'a' * 43 + '.ics', '/calendar/short.ics', '/calendar/%00%27;drop.ics'):
        assert (await fetch(path))[0] == 404


async def test_the_database_keeps_only_a_hash_of_the_token(user: User) -> None:
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)
    token = feed.path.removeprefix('/calendar/').removesuffix('.ics')

    stored = await CalendarFeed.get(id=feed.id)

    assert token not in (stored.token_hash, stored.nonce)
    assert (await calendar_feeds.create_feed(q.ben)).path == feed.path
    assert await CalendarFeed.all().count() == 1


async def test_reading_the_feed_notes_its_last_use(user: User) -> None:
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)

    await fetch(feed.path)

    assert (await calendar_feeds.my_feed(q.ben)).last_used_at is not None


async def test_links_use_the_configured_base_url(user: User, monkeypatch) -> None:
    from config import settings
    monkeypatch.setattr(settings(), 'base_url', 'https://okr.example.test/')
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)

    _, body, _ = await fetch(feed.path)

    uid = f'objective-{q.objective.id}@okrboard'
    event = next(event for event in Calendar.from_ical(body).walk('VEVENT') if event['UID'] == uid)
    assert str(event['URL']) == f'https://okr.example.test/objective/{q.objective.id}'
    assert str(event['DESCRIPTION']).endswith(f'https://okr.example.test/objective/{q.objective.id}')


async def test_a_calendar_app_may_ask_with_head_first(user: User) -> None:
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)

    async with api_client() as client:
        response = await client.head(feed.path)

    assert response.status_code == 200 and response.headers['content-type'].startswith('text/calendar')
