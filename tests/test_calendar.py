from datetime import date

import pytest

from models.okr import Task
from services import calendar
from services.errors import Invalid
from tests import factories
from tests.factories_calendar import quarter

pytestmark = pytest.mark.usefixtures('database')
NOVEMBER = {'start': date(2026, 11, 1), 'end': date(2026, 11, 30)}


def days_of(view: calendar.CalendarView, kind: str) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    for item in view.items:
        if item.kind == kind:
            found.setdefault(item.title, []).append(item.day)
    return found


async def test_each_kind_of_date_appears_on_its_day() -> None:
    q = await quarter()

    view = await calendar.calendar(q.ben, start=date(2026, 10, 1), end=date(2026, 12, 31))

    krs = {item.title: (item.day, item.due_source) for item in view.items if item.kind == 'key_result'}
    assert krs == {'Sign 10 customers': (date(2026, 11, 20), 'key_result'),
                   'Raise NPS': (date(2026, 12, 15), 'objective'),
                   'Cut churn': (date(2026, 12, 31), 'cycle')}
    assert days_of(view, 'objective') == {'Grow revenue': [date(2026, 12, 15)]}
    assert days_of(view, 'task') == {'Call the leads': [date(2026, 11, 20)]}
    assert days_of(view, 'review') == {'2026 Q4': [date(2026, 11, 16)]}
    assert days_of(view, 'cycle_end') == {'2026 Q4': [date(2026, 12, 31)]}
    checkins = days_of(view, 'checkin')['2026 Q4']
    assert checkins[0] == date(2026, 10, 5) and checkins[-1] == date(2026, 12, 28) and len(checkins) == 13
    assert all(day.weekday() == 0 for day in checkins)


async def test_stand_ups_show_the_held_ones_and_the_check_in_days_to_come() -> None:
    q = await quarter()

    view = await calendar.calendar(q.ben, **NOVEMBER)

    standups = [item for item in view.items if item.kind == 'standup']
    assert [item.day for item in standups] == [date(2026, 11, 2), date(2026, 11, 16), date(2026, 11, 23),
                                               date(2026, 11, 30)]
    assert standups[0].uid == f'standup-{q.standup.id}'
    assert standups[1].link == f'/board?team={q.root.id}&cycle={q.cycle.id}'


async def test_a_person_with_two_things_due_on_one_day_has_a_conflict() -> None:
    q = await quarter()

    view = await calendar.calendar(q.ben, **NOVEMBER)

    assert [(c.day, c.person_name, c.count) for c in view.conflicts] == [(date(2026, 11, 20), 'Ben', 2)]
    assert view.conflicts_on(date(2026, 11, 20)) and not view.conflicts_on(date(2026, 11, 16))


async def test_a_done_task_is_no_longer_due_and_ends_the_conflict() -> None:
    q = await quarter()
    await Task.filter(id=q.task.id).update(done=True)

    view = await calendar.calendar(q.ben, **NOVEMBER)

    assert not days_of(view, 'task') and not view.conflicts


async def test_team_scope_shows_colleagues_due_items_with_their_names() -> None:
    q = await quarter()
    await Task.create(key_result=q.kr_own_due, title='Draft the offer', owner=q.cleo, due=date(2026, 11, 20))

    mine = await calendar.calendar(q.cleo, **NOVEMBER)
    team = await calendar.calendar(q.cleo, scope='team', **NOVEMBER)

    assert 'Call the leads' not in days_of(mine, 'task')
    assert {item.person_name for item in team.items if item.kind == 'task'} == {'Ben', 'Cleo'}
    assert [c.person_name for c in team.conflicts] == ['Ben']


async def test_another_persons_private_objective_stays_hidden() -> None:
    q = await quarter()
    secret = await factories.objective(q.cycle, 'Secret plan', owner=q.ben, visibility='private')
    secret.due = date(2026, 11, 25)
    await secret.save()
    kr = await factories.key_result(secret, 'Secret result', owner=q.ben)
    await Task.create(key_result=kr, title='Secret task', owner=q.ben, due=date(2026, 11, 26))

    own = await calendar.calendar(q.ben, **NOVEMBER)
    colleague = await calendar.calendar(q.cleo, scope='team', **NOVEMBER)

    assert {'Secret plan', 'Secret task'} <= {item.title for item in own.items}
    assert not {'Secret plan', 'Secret result', 'Secret task'} & {item.title for item in colleague.items}


async def test_deleted_key_results_leave_the_calendar() -> None:
    q = await quarter()
    from services import clock
    q.kr_own_due.deleted_at = clock.now()
    await q.kr_own_due.save()

    view = await calendar.calendar(q.ben, **NOVEMBER)

    assert 'Sign 10 customers' not in days_of(view, 'key_result')
    assert not days_of(view, 'task')


async def test_a_range_too_long_or_backwards_is_refused() -> None:
    q = await quarter()

    with pytest.raises(Invalid, match='at most 400 days'):
        await calendar.calendar(q.ben, start=date(2026, 1, 1), end=date(2027, 6, 1))
    with pytest.raises(Invalid):
        await calendar.calendar(q.ben, start=date(2026, 2, 1), end=date(2026, 1, 1))


def test_month_view_covers_whole_weeks_and_week_view_starts_on_monday() -> None:
    assert calendar.period('month', date(2026, 11, 10)) == (date(2026, 10, 26), date(2026, 12, 6))
    assert calendar.period('week', date(2026, 11, 12)) == (date(2026, 11, 9), date(2026, 11, 15))
    assert calendar.shift('month', date(2026, 12, 31), 1) == date(2027, 1, 1)
    assert calendar.shift('month', date(2026, 1, 15), -1) == date(2025, 12, 1)
    assert calendar.shift('week', date(2026, 11, 12), -1) == date(2026, 11, 5)


def test_a_bad_date_in_the_address_is_refused_with_an_example() -> None:
    with pytest.raises(Invalid, match='2026-12-31'):
        calendar.parse_day('2026-13-40')
    with pytest.raises(Invalid, match='from 2000-01-01 to 2099-12-31'):
        calendar.parse_day('9999-12-31')
    assert calendar.parse_day(' 2026-02-03 ') == date(2026, 2, 3)
