"""The stand-up run on the board: the shared timer, presenter mode, notes, minutes, and who may run it."""
from datetime import UTC, datetime, timedelta

import pytest

from models.standup import Standup
from services import board, checkins, clock, key_result_edits, standups
from services.errors import Conflict, Forbidden, Invalid
from tests import factories
from tests.factories_okrs import org
from tests.helpers import QueryCount

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


@pytest.fixture
def morning() -> None:
    clock.set_now(NOW)


def later(**elapsed: float) -> None:
    clock.set_now(NOW + timedelta(**elapsed))


def near(moment: datetime | None, expected: datetime) -> bool:
    """The test clock keeps running from where it was set: allow it a second."""
    return moment is not None and abs(moment - expected) < timedelta(seconds=1)


async def test_timer_counts_while_running_and_keeps_its_place_when_paused(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id
    fresh = await standups.meeting(company.ben, team, cycle)
    assert (fresh.timer.remaining, fresh.timer.running) == (15 * 60, False)

    await standups.start_timer(company.ben, team, cycle)
    later(seconds=90)
    assert (await standups.meeting(company.lena, team, cycle)).timer.remaining == pytest.approx(810, abs=1)
    later(seconds=120)
    paused = await standups.pause_timer(company.lena, team, cycle)
    later(seconds=500)
    assert (await standups.meeting(company.ben, team, cycle)).timer == paused.timer
    assert paused.timer.remaining == pytest.approx(780, abs=1) and not paused.timer.running

    await standups.start_timer(company.ben, team, cycle)
    later(seconds=560)
    assert (await standups.meeting(company.ben, team, cycle)).timer.remaining == pytest.approx(720, abs=1)
    reset = await standups.reset_timer(company.ben, team, cycle)
    assert (reset.timer.remaining, reset.timer.running) == (15 * 60, False)


async def test_a_meeting_that_runs_over_shows_negative_time_left(database, morning) -> None:
    company = await org()
    await standups.start_timer(company.ben, company.sales.id, company.cycle.id)
    later(minutes=16)

    timer = (await standups.meeting(company.ben, company.sales.id, company.cycle.id)).timer

    assert timer.remaining == pytest.approx(-60, abs=1)


async def test_presenter_is_a_member_of_the_team(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id
    chosen = await standups.present(company.lena, team, cycle, company.ben.id)
    assert chosen.presenter_id == company.ben.id

    with pytest.raises(Invalid) as refused:
        await standups.present(company.lena, team, cycle, company.cara.id)

    assert refused.value.field == 'presenter'
    assert (await standups.meeting(company.ben, team, cycle)).presenter_id == company.ben.id
    assert (await standups.present(company.lena, team, cycle, None)).presenter_id is None


async def test_only_the_team_its_leads_and_admins_run_the_meeting(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id

    with pytest.raises(Forbidden):
        await standups.start_timer(company.cara, team, cycle)
    with pytest.raises(Forbidden):
        await standups.end_meeting(company.cara, team, cycle, 'Taken over')

    assert await Standup.all().count() == 0
    assert not (await standups.meeting(company.cara, team, cycle)).can_run
    assert (await standups.meeting(company.admin, team, cycle)).can_run
    lead_above = await factories.person('Rita', team=company.root)
    await company.sales.leads.add(lead_above)
    assert (await standups.meeting(lead_above, team, cycle)).can_run


async def test_too_long_notes_are_refused_and_the_saved_ones_kept(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id
    await standups.save_notes(company.ben, team, cycle, 'Blocker: the CRM export')

    with pytest.raises(Invalid) as refused:
        await standups.save_notes(company.ben, team, cycle, 'x' * (standups.NOTES_LIMIT + 1))
    with pytest.raises(Invalid):
        await standups.end_meeting(company.ben, team, cycle, 'x' * (standups.NOTES_LIMIT + 1))

    assert refused.value.field == 'notes'
    assert (await standups.meeting(company.ben, team, cycle)).notes == 'Blocker: the CRM export'
    assert await Standup.filter(ended_at__not_isnull=True).count() == 0


async def test_ending_the_meeting_keeps_the_minutes_and_starts_afresh(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id
    await standups.start_timer(company.ben, team, cycle)
    await standups.present(company.ben, team, cycle, company.lena.id)
    later(minutes=12)

    ended = await standups.end_meeting(company.lena, team, cycle, '  Decision: call ACME on Monday  ')

    assert (ended.notes, ended.ended_by) == ('Decision: call ACME on Monday', 'Lena')
    assert near(ended.ended_at, NOW + timedelta(minutes=12))
    assert near(await standups.last_ended(team, cycle), NOW + timedelta(minutes=12))
    fresh = await standups.meeting(company.ben, team, cycle)
    assert (fresh.notes, fresh.presenter_id, fresh.timer.remaining, fresh.timer.running) == ('', None, 900, False)
    (kept,) = await standups.minutes(company.cara, team)
    assert (kept.notes, kept.cycle_name) == ('Decision: call ACME on Monday', '2026 Q4')


async def test_minutes_are_listed_newest_first_across_cycles(database, morning) -> None:
    company = await org()
    earlier = await factories.cycle('2026 Q3', start=datetime(2026, 7, 1).date(), end=datetime(2026, 9, 30).date())
    await standups.end_meeting(company.ben, company.sales.id, earlier.id, 'First')
    later(days=7)
    await standups.end_meeting(company.ben, company.sales.id, company.cycle.id, 'Second')
    await standups.end_meeting(company.cara, company.engineering.id, company.cycle.id, 'Elsewhere')

    listed = await standups.minutes(company.ben, company.sales.id)

    assert [(entry.notes, entry.cycle_name) for entry in listed] == [('Second', '2026 Q4'), ('First', '2026 Q3')]


async def test_board_compares_with_the_last_ended_stand_up(database, morning) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10)
    await checkins.record_checkin(company.ben, key_result_id=kr.id, value=2, confidence=6,
                                  at=NOW - timedelta(days=2))
    later(hours=1)
    await standups.end_meeting(company.lena, company.sales.id, company.cycle.id, '')
    later(hours=2)
    await checkins.record_checkin(company.ben, key_result_id=kr.id, value=3, confidence=6)

    shown = await board.board(company.lena, team_id=company.sales.id, cycle_id=company.cycle.id)

    (card,) = next(person for person in shown.people if person.id == company.ben.id).key_results
    assert card.change == pytest.approx(0.1)  # only what moved after the stand-up ended
    assert near(shown.since, NOW + timedelta(hours=1))


async def test_all_viewers_of_a_board_share_one_load_until_something_changes(database, morning) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10)
    viewers = [company.lena, company.ben, company.admin] + [
        await factories.person(f'Viewer {n}', team=company.sales) for n in range(7)]

    async def every_viewer_loads() -> int:
        with QueryCount() as queries:
            for viewer in viewers:
                await board.shared_board(viewer, team_id=company.sales.id, cycle_id=company.cycle.id)
        return queries.count

    first = await every_viewer_loads()
    assert await every_viewer_loads() == 0
    await checkins.record_checkin(company.ben, key_result_id=kr.id, value=4, confidence=7)
    after_check_in = await every_viewer_loads()
    viewers = viewers[:1]
    await checkins.record_checkin(company.ben, key_result_id=kr.id, value=5, confidence=7)

    assert 0 < after_check_in < first  # a check-in reloads only what it touched
    assert await every_viewer_loads() == after_check_in  # the same with one viewer or ten


async def test_a_board_brought_up_to_date_by_check_ins_equals_a_fresh_load(database, morning) -> None:
    company = await org()
    team_objective = await factories.objective(company.cycle, 'Sell more', team_=company.sales)
    bens = await factories.key_result(team_objective, 'Sign 10 customers', owner=company.ben, target=10)
    lenas = await factories.key_result(team_objective, 'Hire two sellers', owner=company.lena, target=2)
    elsewhere = await factories.objective(company.cycle, 'Build', owner=company.cara)
    caras = await factories.key_result(elsewhere, 'Ship the API', owner=company.cara, target=10)
    team, cycle = company.sales.id, company.cycle.id
    await board.shared_board(company.lena, team_id=team, cycle_id=cycle)

    await checkins.record_checkin(company.ben, key_result_id=bens.id, value=6, confidence=4)
    await checkins.record_checkin(company.lena, key_result_id=lenas.id, value=1, confidence=8)
    await checkins.record_checkin(company.cara, key_result_id=caras.id, value=3, confidence=5)
    shared = await board.shared_board(company.lena, team_id=team, cycle_id=cycle)

    assert shared == await board.board(company.lena, team_id=team, cycle_id=cycle, since=shared.since)
    assert shared.missing == ()
    assert shared.objectives[0].progress == pytest.approx(0.55)


async def test_a_shared_board_is_loaded_whole_after_edits_and_after_the_stand_up_ends(database, morning) -> None:
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow', owner=company.ben)
    team, cycle = company.sales.id, company.cycle.id
    before = await board.shared_board(company.lena, team_id=team, cycle_id=cycle)

    added = await key_result_edits.add_key_result(company.ben, objective.id, title='Visit 20 shops', target=20)
    with_new = await board.shared_board(company.lena, team_id=team, cycle_id=cycle)
    later(hours=1)
    await standups.end_meeting(company.lena, team, cycle, '')
    after_meeting = await board.shared_board(company.lena, team_id=team, cycle_id=cycle)

    assert before.key_result_ids == frozenset() and with_new.key_result_ids == {added.id}
    assert near(after_meeting.since, NOW + timedelta(hours=1))


async def test_notes_saved_by_someone_else_meanwhile_are_not_overwritten(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id
    await standups.save_notes(company.lena, team, cycle, 'Lena: blocker B', base='')

    with pytest.raises(Conflict) as refused:
        await standups.save_notes(company.ben, team, cycle, 'Ben: decision A', base='')

    assert refused.value.params['notes'] == 'Lena: blocker B'
    assert (await standups.meeting(company.ben, team, cycle)).notes == 'Lena: blocker B'
    both = 'Lena: blocker B\nBen: decision A'
    assert (await standups.save_notes(company.ben, team, cycle, both, base='Lena: blocker B')).notes == both


async def test_a_stand_up_is_ended_once_however_often_end_is_pressed(database, morning) -> None:
    company = await org()
    team, cycle = company.sales.id, company.cycle.id
    seen = await standups.meeting(company.ben, team, cycle)

    await standups.end_meeting(company.ben, team, cycle, 'Kept once', previous_end=seen.previous_end)
    with pytest.raises(Conflict):
        await standups.end_meeting(company.lena, team, cycle, 'Kept once', previous_end=seen.previous_end)

    assert [entry.notes for entry in await standups.minutes(company.ben, team)] == ['Kept once']
