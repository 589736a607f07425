from datetime import date

from icalendar import Calendar
from nicegui.testing import User

from config import settings
from services import calendar, calendar_feeds
from tests import factories
from tests.factories_api import api_client
from tests.factories_calendar import quarter

DECEMBER = {'start': date(2026, 12, 1), 'end': date(2026, 12, 31)}
NOVEMBER = {'start': date(2026, 11, 1), 'end': date(2026, 11, 30)}


async def test_key_results_inheriting_the_objectives_date_count_once_with_it(database) -> None:
    q = await quarter()
    for title in ('Raise NPS again', 'Ship the app', 'Open Berlin'):
        await factories.key_result(q.objective, title, owner=q.ben)

    view = await calendar.calendar(q.ben, **DECEMBER)

    assert not view.conflicts_on(date(2026, 12, 15))


async def test_key_results_inheriting_the_cycle_end_count_once(database) -> None:
    q = await quarter()
    await factories.key_result(q.objective, 'Other churn', owner=q.ben)
    other = await factories.objective(q.cycle, 'Another plain one', owner=q.ben)
    await factories.key_result(other, 'Keep churn low', owner=q.ben)

    view = await calendar.calendar(q.ben, **DECEMBER)

    assert not view.conflicts_on(date(2026, 12, 31))


async def test_a_finished_key_result_no_longer_makes_a_conflict(database) -> None:
    q = await quarter()
    q.kr_own_due.current = 100
    await q.kr_own_due.save()

    view = await calendar.calendar(q.ben, **NOVEMBER)

    assert not view.conflicts_on(date(2026, 11, 20))


async def test_feed_links_are_absolute_without_a_configured_base_url(user: User, monkeypatch) -> None:
    monkeypatch.setattr(settings(), 'base_url', '')
    q = await quarter()
    feed = await calendar_feeds.create_feed(q.ben)

    async with api_client() as client:
        body = (await client.get(feed.path)).content

    uid = f'objective-{q.objective.id}@okrboard'
    event = next(event for event in Calendar.from_ical(body).walk('VEVENT') if event['UID'] == uid)
    link = f'http://127.0.0.1:{settings().port}/objective/{q.objective.id}'
    assert str(event['DESCRIPTION']).endswith(link) and str(event['URL']) == link
