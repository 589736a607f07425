from datetime import UTC, date, datetime

import pytest
from nicegui.testing import User

from models.cycle import Cycle
from models.org import User as Person
from services import checkins, clock, cycles
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_org import choose, wait_for, wait_gone
from tests.helpers import by_testid, sign_in


def test_presets_fill_names_and_dates() -> None:
    assert cycles.preset_name('quarter', 2026, 3) == '2026 Q3'
    assert cycles.preset_dates('quarter', 2026, 3) == (date(2026, 7, 1), date(2026, 9, 30))
    assert cycles.preset_name('half', 2026, 2) == '2026 H2'
    assert cycles.preset_dates('half', 2026, 2) == (date(2026, 7, 1), date(2026, 12, 31))
    assert cycles.preset_name('year', 2027) == '2027'
    assert cycles.preset_dates('year', 2027) == (date(2027, 1, 1), date(2027, 12, 31))


async def test_admin_creates_a_cycle_in_planning_with_a_mid_cycle_review(database) -> None:
    _, admin = await factories.company()

    cycle = await cycles.create_cycle(admin, name=' 2027  Q1 ', cadence='quarter', start='2027-01-01',
                                      end='2027-03-31', checkin_weekday=4)

    assert (cycle.name, cycle.state, cycle.checkin_weekday) == ('2027 Q1', 'planning', 4)
    assert cycle.review_date == date(2027, 2, 14)


@pytest.mark.parametrize(('changes', 'message'), [
    ({'name': '  '}, 'Give the cycle a name.'),
    ({'name': 'x' * 101}, 'Use at most 100 characters.'),
    ({'cadence': 'fortnight'}, 'Choose quarter, half-year, year or custom.'),
    ({'start': '2027-02-30'}, 'Enter a date as YYYY-MM-DD.'),
    ({'end': "'; DROP TABLE cycle; --"}, 'Enter a date as YYYY-MM-DD.'),
    ({'end': '2027-01-01'}, 'The end must come after the start.'),
    ({'checkin_weekday': 7}, 'Choose a weekday.'),
    ({'review_date': '2028-01-01'}, 'The review date must lie within the cycle.'),
    ({'name': '2026 q4'}, 'A cycle with this name already exists.'),
])
async def test_bad_cycle_input_is_refused_and_nothing_is_written(database, changes: dict, message: str) -> None:
    _, admin = await factories.company()
    await factories.cycle('2026 Q4')
    values = {'name': '2027 Q1', 'cadence': 'quarter', 'start': '2027-01-01', 'end': '2027-03-31',
              'checkin_weekday': 0, 'review_date': None} | changes

    with pytest.raises(Invalid) as refused:
        await cycles.create_cycle(admin, **values)

    assert str(refused.value) == message
    assert await Cycle.all().count() == 1


async def test_states_move_forward_one_step_at_a_time(database) -> None:
    _, admin = await factories.company()
    cycle = await factories.cycle(state='planning')

    with pytest.raises(Invalid, match='one step at a time'):
        await cycles.set_state(admin, cycle.id, 'review')
    for state in ('active', 'review', 'closed'):
        assert (await cycles.set_state(admin, cycle.id, state)).state == state
    with pytest.raises(Invalid, match='one step at a time'):
        await cycles.set_state(admin, cycle.id, 'planning')
    assert (await cycles.set_state(admin, cycle.id, 'review')).state == 'review'


async def test_key_results_stay_updatable_after_the_cycle_ends_until_locked(database) -> None:
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle(state='review')
    kr = await factories.key_result(await factories.objective(cycle, owner=ben), owner=ben, target=10)
    await cycles.set_state(admin, cycle.id, 'closed')

    await checkins.record_checkin(ben, key_result_id=kr.id, value=3, confidence=7)
    await cycles.set_locked(admin, cycle.id, True)

    with pytest.raises(Forbidden, match='This cycle is locked'):
        await checkins.record_checkin(ben, key_result_id=kr.id, value=4, confidence=7)


async def test_members_cannot_create_change_or_lock_cycles(database) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle(state='planning')

    for attempt in (cycles.create_cycle(ben, name='Mine', cadence='custom', start='2027-01-01', end='2027-02-01'),
                    cycles.update_cycle(ben, cycle.id, name='Mine', cadence='custom', start='2027-01-01',
                                        end='2027-02-01'),
                    cycles.set_state(ben, cycle.id, 'active'), cycles.set_locked(ben, cycle.id, True)):
        with pytest.raises(Forbidden):
            await attempt
    assert await Cycle.filter(id=cycle.id, name='2026 Q4', state='planning', locked=False).exists()


async def test_chosen_cycle_is_remembered(database) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await factories.cycle('2026 Q4')
    older = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30))

    await cycles.choose_cycle(ben, older.id)

    assert (await cycles.current_cycle(await Person.get(id=ben.id))).name == '2026 Q3'


async def test_admin_creates_a_half_year_from_the_preset(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'cycle-create').click()
    await wait_for(user, 'cycle-cadence')
    choose(user, 'cycle-cadence', 'Half-year')
    by_testid(user, 'cycle-year').elements.pop().value = 2027
    choose(user, 'cycle-part', 'H2')
    by_testid(user, 'cycle-save').click()

    await wait_gone(user, 'cycle-save')
    created = await Cycle.get(name='2027 H2')
    assert (created.start, created.end, created.cadence) == (date(2027, 7, 1), date(2027, 12, 31), 'half')


async def test_custom_cycle_with_end_before_start_says_so_and_writes_nothing(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'cycle-create').click()
    await wait_for(user, 'cycle-cadence')
    choose(user, 'cycle-cadence', 'Custom')
    by_testid(user, 'cycle-name').elements.pop().value = 'Launch sprint'
    by_testid(user, 'cycle-start').elements.pop().value = '2027-05-01'
    by_testid(user, 'cycle-end').elements.pop().value = '2027-04-01'
    by_testid(user, 'cycle-save').click()

    await user.should_see('The end must come after the start.', retries=20)
    assert not await Cycle.exists()


async def test_admin_starts_and_locks_a_cycle_from_its_card(user: User) -> None:
    await factories.company()
    cycle = await factories.cycle(state='planning')
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'cycle-state', cycle_id=cycle.id).click()
    await user.should_see('Check-ins open for everyone, and reminders start.')
    assert await Cycle.filter(id=cycle.id, state='planning').exists()  # not before the confirmation
    by_testid(user, 'cycle-state-confirm').click()
    await user.should_see('Begin the review', retries=20)
    by_testid(user, 'cycle-lock', cycle_id=cycle.id).click()
    await user.should_see('Unlock', retries=20)

    assert await Cycle.filter(id=cycle.id, state='active', locked=True).exists()


async def test_member_picks_a_cycle_and_it_is_remembered(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await factories.cycle('2026 Q4')
    older = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30))
    await sign_in(user, 'ben@acme.test')
    await user.open('/cycles')
    await user.should_not_see('New cycle')

    by_testid(user, 'cycle-choose', cycle_id=older.id).click()

    await wait_gone(user, 'cycle-choose', cycle_id=older.id)
    assert (await Person.get(id=ben.id)).current_cycle_id == older.id


async def test_editing_a_cycle_to_a_taken_name_says_so_and_keeps_it(user: User) -> None:
    await factories.company()
    await factories.cycle('2026 Q4')
    older = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30))
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'cycle-edit', cycle_id=older.id).click()
    (await wait_for(user, 'cycle-name')).elements.pop().value = '2026 Q4'
    by_testid(user, 'cycle-save').click()

    await user.should_see('A cycle with this name already exists.', retries=20)
    assert (await Cycle.get(id=older.id)).name == '2026 Q3'


async def test_admin_moves_the_review_date_of_a_cycle(user: User) -> None:
    await factories.company()
    cycle = await factories.cycle('2026 Q4')
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'cycle-edit', cycle_id=cycle.id).click()
    (await wait_for(user, 'cycle-review')).elements.pop().value = '2026-11-20'
    by_testid(user, 'cycle-save').click()

    await wait_gone(user, 'cycle-save')
    assert (await Cycle.get(id=cycle.id)).review_date == date(2026, 11, 20)


async def test_current_cycle_prefers_the_quarter_over_the_year_that_ends_with_it(database) -> None:
    await factories.cycle('2026', date(2026, 1, 1), date(2026, 12, 31))
    quarter = await factories.cycle('2026 Q4', date(2026, 10, 1), date(2026, 12, 31))
    clock.set_now(datetime(2026, 11, 20, 12, tzinfo=UTC))

    assert (await cycles.current_cycle()).id == quarter.id
