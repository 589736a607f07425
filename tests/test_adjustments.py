from datetime import UTC, date, datetime

import pytest

from models.adjustments import Adjustment
from models.notify import Notification
from models.okr import KeyResult
from services import adjustments, clock
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_okrs import Org, org

IN_WINDOW = datetime(2026, 11, 20, 9, tzinfo=UTC)  # the review is on 15 November
TOO_EARLY = datetime(2026, 10, 20, 9, tzinfo=UTC)


@pytest.fixture
async def acme(database) -> Org:
    acme = await org()
    acme.cycle.review_date = date(2026, 11, 15)
    await acme.cycle.save()
    return acme


@pytest.fixture
async def revenue(acme: Org) -> KeyResult:
    objective = await factories.objective(acme.cycle, 'Win the north', owner=acme.ben)
    return await factories.key_result(objective, 'Revenue', owner=acme.ben, target=100, current=30)


async def test_owner_lowers_a_target_in_the_window_and_both_values_are_kept(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    await adjustments.adjust_key_result(acme.ben, revenue.id, target=80, reason='Market shrank')

    assert (await KeyResult.get(id=revenue.id)).target == 80
    shown = await adjustments.adjustments_of(acme.ben, revenue.objective_id)
    assert [(row.kind, row.before, row.after, row.reason, row.author_name) for row in shown] == [
        ('change_target', {'target': 100}, {'target': 80}, 'Market shrank', 'Ben')]


async def test_renaming_and_retargeting_at_once_records_both(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    await adjustments.adjust_key_result(acme.ben, revenue.id, title='Net revenue', target=80, reason='Clearer')

    rows = await Adjustment.filter(key_result_id=revenue.id).order_by('id')
    assert [(row.kind, row.before, row.after) for row in rows] == [
        ('rename', {'title': 'Revenue'}, {'title': 'Net revenue'}), ('change_target', {'target': 100}, {'target': 80})]


async def test_the_owners_manager_is_notified_with_a_link(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    await adjustments.adjust_key_result(acme.ben, revenue.id, target=80, reason='Market shrank')

    note = await Notification.get(recipient_id=acme.lena.id)
    assert note.title == 'Ben adjusted Revenue at the mid-cycle review'
    assert (note.body, note.link) == ('Market shrank', f'/objective/{revenue.objective_id}')
    assert not await Notification.exists(recipient_id=acme.ben.id)


@pytest.mark.parametrize(('reason', 'message'), [
    ('   ', 'Give the reason for this adjustment.'),
    ('x' * 1001, 'Use at most {n} characters.'),
])
async def test_a_reason_is_required_and_nothing_is_written_without(acme: Org, revenue: KeyResult, reason: str,
                                                                   message: str) -> None:
    clock.set_now(IN_WINDOW)

    with pytest.raises(Invalid) as refused:
        await adjustments.adjust_key_result(acme.ben, revenue.id, target=80, reason=reason)

    assert (refused.value.message, refused.value.field) == (message, 'reason')
    assert (await KeyResult.get(id=revenue.id)).target == 100
    assert not await Adjustment.exists()
    assert not await Notification.exists()


async def test_a_bad_target_is_refused_and_nothing_is_written(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    with pytest.raises(Invalid) as refused:
        await adjustments.adjust_key_result(acme.ben, revenue.id, target=-5, reason='Oops')

    assert refused.value.field == 'target'
    assert (await KeyResult.get(id=revenue.id)).target == 100
    assert not await Adjustment.exists()


async def test_outside_the_window_an_owner_cannot_adjust(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(TOO_EARLY)

    with pytest.raises(Forbidden) as refused:
        await adjustments.adjust_key_result(acme.ben, revenue.id, target=80, reason='Market shrank')

    assert refused.value.params == {'start': '2026-11-08', 'end': '2026-11-29'}
    assert not await Adjustment.exists()


async def test_an_admin_may_adjust_any_time(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(TOO_EARLY)

    await adjustments.adjust_key_result(acme.admin, revenue.id, target=80, reason='Board decision')

    assert (await KeyResult.get(id=revenue.id)).target == 80


async def test_window_is_reported_for_the_actor(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(TOO_EARLY)

    ben = await adjustments.adjustment_window(acme.ben, revenue.objective_id)
    admin = await adjustments.adjustment_window(acme.admin, revenue.objective_id)

    assert (ben.start, ben.end, ben.open, admin.open) == (date(2026, 11, 8), date(2026, 11, 29), False, True)


async def test_dropping_hides_the_key_result_and_keeps_it_listed_with_the_reason(acme: Org,
                                                                                 revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    await adjustments.drop_key_result(acme.ben, revenue.id, reason='No longer relevant')

    assert (await KeyResult.get(id=revenue.id)).deleted_at is not None
    shown = await adjustments.adjustments_of(acme.ben, revenue.objective_id)
    assert [(row.kind, row.before, row.reason) for row in shown] == [
        ('drop', {'title': 'Revenue', 'target': 100, 'current': 30}, 'No longer relevant')]
    assert await Notification.exists(recipient_id=acme.lena.id)


async def test_adding_a_key_result_records_the_reason(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    row = await adjustments.add_key_result(acme.ben, revenue.objective_id, title='Referrals', target=20,
                                           reason='New channel')

    added = await KeyResult.get(id=row.key_result_id)
    assert (added.title, added.target, added.objective_id) == ('Referrals', 20, revenue.objective_id)
    assert (row.kind, row.after, row.reason) == ('add', {'title': 'Referrals', 'target': 20, 'start': 0},
                                                 'New channel')


async def test_adding_without_a_title_writes_nothing(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    with pytest.raises(Invalid) as refused:
        await adjustments.add_key_result(acme.ben, revenue.objective_id, title=' ', target=20, reason='New channel')

    assert refused.value.field == 'title'
    assert await KeyResult.all().count() == 1
    assert not await Adjustment.exists()


async def test_someone_who_cannot_edit_cannot_adjust(acme: Org, revenue: KeyResult) -> None:
    clock.set_now(IN_WINDOW)

    with pytest.raises(Forbidden):
        await adjustments.adjust_key_result(acme.cara, revenue.id, target=80, reason='Mine now')

    assert not await Adjustment.exists()
