"""The calendar page, as a person uses it."""
from nicegui.testing import User

from models.calendar_feeds import CalendarFeed
from tests.factories_calendar import quarter
from tests.helpers import by_testid, find_testid, sign_in


async def open_calendar(user: User, path: str = '/calendar') -> None:
    await sign_in(user, 'ben@acme.test')
    await user.open(path)
    await user.should_see('Subscribe', retries=30)


async def test_month_view_shows_dots_and_the_chosen_days_list(user: User) -> None:
    await quarter()
    await open_calendar(user)

    await user.should_see('November 2026')
    assert len(find_testid(user, 'calendar-day')) == 42
    by_testid(user, 'calendar-day', day='2026-11-20').click()

    await user.should_see('Key result due: Sign 10 customers', retries=20)
    await user.should_see('Task due: Call the leads')
    await user.should_see('Conflict: Ben has 2 things due this day.')
    assert find_testid(user, 'calendar-day-conflict')


async def test_week_view_lists_each_day_and_says_where_a_due_date_comes_from(user: User) -> None:
    await quarter()
    await open_calendar(user, '/calendar?view=week&day=2026-12-31')

    await user.should_see('Week of 2026-12-28')
    await user.should_see('Key result due: Cut churn')
    await user.should_see('End of the cycle (no due date set)')
    await user.should_see('Cycle ends: 2026 Q4')


async def test_previous_next_and_today_move_through_months(user: User) -> None:
    await quarter()
    await open_calendar(user)

    by_testid(user, 'calendar-next').click()
    await user.should_see('December 2026', retries=30)
    by_testid(user, 'calendar-prev').click()
    await user.should_see('November 2026', retries=30)
    by_testid(user, 'calendar-prev').click()
    await user.should_see('October 2026', retries=30)
    by_testid(user, 'calendar-today').click()
    await user.should_see('November 2026', retries=30)


async def test_switching_to_week_view_keeps_the_day(user: User) -> None:
    await quarter()
    await open_calendar(user, '/calendar?day=2026-11-20')

    by_testid(user, 'calendar-view-week').click()
    await user.should_see('Week of 2026-11-16', retries=30)


async def test_a_bad_date_in_the_address_gives_a_message_and_shows_today(user: User) -> None:
    await quarter()
    await open_calendar(user, '/calendar?day=2026-02-30&view=sideways&scope=everyone')

    await user.should_see('This is not a date: use the form 2026-12-31.')
    await user.should_see('November 2026')
    assert len(find_testid(user, 'calendar-day')) == 42


async def test_a_date_beyond_the_calendars_reach_gives_a_message(user: User) -> None:
    await quarter()
    await open_calendar(user, '/calendar?view=week&day=9999-12-31')

    await user.should_see('Choose a date from 2000-01-01 to 2099-12-31.')
    await user.should_see('Week of 2026-11-09')


async def test_clicking_an_item_opens_it(user: User) -> None:
    q = await quarter()
    await open_calendar(user, '/calendar?view=week&day=2026-11-20')

    by_testid(user, 'calendar-item', uid=f'key-result-{q.kr_own_due.id}').click()

    await user.should_see('Grow revenue', retries=30)
    assert not find_testid(user, 'calendar-subscribe')


async def test_subscribe_creates_rotates_and_revokes_the_link(user: User) -> None:
    q = await quarter()
    await open_calendar(user)

    by_testid(user, 'calendar-feed-create').click()
    await user.should_see('Your calendar link is ready.', retries=30)
    first = by_testid(user, 'calendar-feed-url').elements.pop().value
    assert first.startswith('http') and first.endswith('.ics')

    by_testid(user, 'calendar-feed-rotate').click()
    by_testid(user, 'calendar-feed-rotate-confirm').click()
    await user.should_see('Your calendar has a new link.', retries=30)
    second = by_testid(user, 'calendar-feed-url').elements.pop().value
    assert second != first

    by_testid(user, 'calendar-feed-revoke').click()
    by_testid(user, 'calendar-feed-revoke-confirm').click()
    await user.should_see('Calendar link revoked.', retries=30)
    assert find_testid(user, 'calendar-feed-create')
    assert await CalendarFeed.filter(person_id=q.ben.id, revoked_at=None).count() == 0
    assert await CalendarFeed.filter(person_id=q.ben.id).count() == 2


async def test_my_team_shows_a_colleagues_due_items_with_their_name(user: User) -> None:
    await quarter()
    await sign_in(user, 'cleo@acme.test')
    await user.open('/calendar?view=week&day=2026-11-20')
    await user.should_see('Subscribe', retries=30)
    assert not find_testid(user, 'calendar-conflict')

    by_testid(user, 'calendar-scope-team').click()

    await user.should_see('Conflict: Ben has 2 things due this day.', retries=30)
    await user.should_see('Task due: Call the leads')


async def test_the_calendar_updates_when_a_task_is_done_elsewhere(user: User) -> None:
    q = await quarter()
    await open_calendar(user, '/calendar?view=week&day=2026-11-20')
    await user.should_see('Conflict: Ben has 2 things due this day.')

    from services import key_result_edits
    await key_result_edits.set_task_done(q.ben, q.task.id, True)

    await user.should_not_see('Conflict: Ben has 2 things due this day.', retries=30)
    await user.should_not_see('Task due: Call the leads')


async def test_revoking_a_link_already_revoked_in_another_tab_says_so(user: User) -> None:
    q = await quarter()
    from services import calendar_feeds
    await calendar_feeds.create_feed(q.ben)
    await open_calendar(user)
    await calendar_feeds.revoke_feed(q.ben)

    by_testid(user, 'calendar-feed-revoke').click()
    by_testid(user, 'calendar-feed-revoke-confirm').click()

    await user.should_see('You have no calendar feed to revoke.', retries=30)
    assert await CalendarFeed.filter(person_id=q.ben.id).count() == 1
    assert find_testid(user, 'calendar-feed-create')
