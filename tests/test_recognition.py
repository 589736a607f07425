"""OKR Star of the month: candidates ranked from the data, nominations, the admins' pick, kudos."""
import pytest

from models.okr import Alignment
from models.recognition import Award, Kudos, Nomination
from services import comments, recognition
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_recognition import MONTH, check_in, comment_by, star_team


async def ranking(actor) -> list[str]:
    return [candidate.name for candidate in await recognition.candidates(actor, MONTH)]


async def test_equal_people_rank_by_name(database) -> None:
    t = await star_team()

    assert await ranking(t.mia) == ['Ben', 'Cara']


async def test_timely_check_ins_move_a_person_up(database) -> None:
    t = await star_team()

    for day in (2, 9, 16):
        await check_in(t.cara_kr, day, t.cara)

    assert await ranking(t.mia) == ['Cara', 'Ben']
    cara = (await recognition.candidates(t.mia, MONTH))[0]
    assert cara.timeliness == 1.0  # three weeks of November so far, a check-in in each


async def test_progress_ahead_of_pace_moves_a_person_up(database) -> None:
    t = await star_team()

    t.cara_kr.current = 90
    await t.cara_kr.save()

    assert await ranking(t.mia) == ['Cara', 'Ben']


async def test_alignment_to_a_parent_objective_moves_a_person_up(database) -> None:
    t = await star_team()
    company = await factories.objective(t.cycle, 'Company goal', level='company')

    await Alignment.create(objective_id=t.cara_kr.objective_id, parent_objective_id=company.id)

    assert await ranking(t.mia) == ['Cara', 'Ben']


async def test_kudos_received_move_a_person_up(database) -> None:
    t = await star_team()
    comment = await comment_by(t.cara, t.cara_kr)

    await recognition.toggle_kudos(t.ben, comment.id)

    assert await ranking(t.mia) == ['Cara', 'Ben']
    assert (await recognition.candidates(t.mia, MONTH))[0].kudos == 1


async def test_kudos_on_a_comment_deleted_since_no_longer_count(database) -> None:
    t = await star_team()
    comment = await comment_by(t.cara, t.cara_kr)
    await recognition.toggle_kudos(t.ben, comment.id)

    await comments.delete_comment(t.cara, comment.id)

    assert (await recognition.candidates(t.mia, MONTH))[0].kudos == 0


async def test_managers_see_only_their_people_and_members_none(database) -> None:
    t = await star_team()
    await factories.key_result(await factories.objective(t.cycle, 'Dan sells', owner=t.dan), owner=t.dan)

    assert await ranking(t.mia) == ['Ben', 'Cara']
    assert 'Dan' in await ranking(t.admin)
    with pytest.raises(Forbidden):
        await recognition.candidates(t.ben, MONTH)


async def test_a_manager_nominates_one_of_their_people_with_a_reason(database) -> None:
    t = await star_team()

    await recognition.nominate(t.mia, month=MONTH, person_id=t.ben.id, reason='Closed the biggest deal')

    [candidate] = [c for c in await recognition.candidates(t.admin, MONTH) if c.name == 'Ben']
    assert [(n.by_name, n.reason) for n in candidate.nominations] == [('Mia', 'Closed the biggest deal')]


@pytest.mark.parametrize(('reason', 'message'), [
    ('', 'Say why this person deserves it.'),
    ('   ', 'Say why this person deserves it.'),
    ('x' * 1001, 'Use at most {n} characters.'),
])
async def test_a_nomination_without_a_fitting_reason_is_refused(database, reason: str, message: str) -> None:
    t = await star_team()

    with pytest.raises(Invalid) as refused:
        await recognition.nominate(t.mia, month=MONTH, person_id=t.ben.id, reason=reason)

    assert (refused.value.field, refused.value.message) == ('reason', message)
    assert await Nomination.all().count() == 0


async def test_nominating_someone_who_is_not_theirs_is_refused(database) -> None:
    t = await star_team()

    for actor, person in ((t.mia, t.dan), (t.ben, t.cara), (t.mia, t.mia)):
        with pytest.raises(Invalid) as refused:
            await recognition.nominate(actor, month=MONTH, person_id=person.id, reason='Great')
        assert refused.value.message == 'Nominate someone you manage or whose team you lead.'
    assert await Nomination.all().count() == 0


async def test_a_closed_month_can_no_longer_be_nominated(database) -> None:
    t = await star_team()

    with pytest.raises(Invalid) as refused:
        await recognition.nominate(t.mia, month='2026-09', person_id=t.ben.id, reason='Great')

    assert refused.value.field == 'month'
    assert await Nomination.all().count() == 0


async def test_an_admin_picks_the_star_and_may_change_it_within_the_month(database) -> None:
    t = await star_team()

    await recognition.pick_star(t.admin, month=MONTH, person_id=t.ben.id, reason='Biggest deal')
    await recognition.pick_star(t.admin, month=MONTH, person_id=t.cara.id, reason='Most helpful')

    [award] = await Award.all()
    assert (award.person_id, award.reason) == (t.cara.id, 'Most helpful')
    star = await recognition.current_star()
    assert (star.name, star.month) == ('Cara', MONTH)
    assert [(s.month, s.name) for s in await recognition.history()] == [(MONTH, 'Cara')]


async def test_last_months_star_can_be_changed_for_seven_days_only(database) -> None:
    from datetime import UTC, datetime

    from services import clock
    t = await star_team()
    await recognition.pick_star(t.admin, month=MONTH, person_id=t.ben.id, reason='Biggest deal')

    clock.set_now(datetime(2026, 12, 7, 10, tzinfo=UTC))
    await recognition.pick_star(t.admin, month=MONTH, person_id=t.cara.id, reason='Most helpful')
    clock.set_now(datetime(2026, 12, 8, 10, tzinfo=UTC))
    with pytest.raises(Invalid):
        await recognition.pick_star(t.admin, month=MONTH, person_id=t.ben.id, reason='Changed my mind')

    assert (await Award.get(month=MONTH)).person_id == t.cara.id


async def test_only_admins_pick_the_star(database) -> None:
    t = await star_team()

    with pytest.raises(Forbidden):
        await recognition.pick_star(t.mia, month=MONTH, person_id=t.ben.id, reason='Biggest deal')

    assert await Award.all().count() == 0


async def test_kudos_toggle_on_and_off(database) -> None:
    t = await star_team()
    comment = await comment_by(t.cara, t.cara_kr)

    given = await recognition.toggle_kudos(t.ben, comment.id)
    taken_back = await recognition.toggle_kudos(t.ben, comment.id)

    assert (given.count, given.given, taken_back.count, taken_back.given) == (1, True, 0, False)
    assert await Kudos.all().count() == 0


async def test_no_kudos_for_ones_own_comment(database) -> None:
    t = await star_team()
    comment = await comment_by(t.cara, t.cara_kr)

    with pytest.raises(Forbidden):
        await recognition.toggle_kudos(t.cara, comment.id)

    assert await Kudos.all().count() == 0
    assert not (await recognition.kudos_state(t.cara, comment.id)).allowed


async def test_a_threads_kudos_load_at_once_with_each_comments_own_count(database) -> None:
    t = await star_team()
    first = await comment_by(t.cara, t.cara_kr)
    second = await comment_by(t.cara, t.cara_kr)
    mine = await comment_by(t.ben, t.cara_kr)
    await recognition.toggle_kudos(t.ben, first.id)

    states = await recognition.kudos_states(t.ben, [first.id, second.id, mine.id, 999_999])

    assert {comment_id: (state.count, state.given, state.allowed) for comment_id, state in states.items()} == {
        first.id: (1, True, True), second.id: (0, False, True), mine.id: (0, False, False)}
