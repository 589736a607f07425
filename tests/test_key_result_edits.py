import math
from datetime import date

import pytest

from models.okr import KeyResult, Milestone, Objective, Task
from services import checkins, key_result_edits, key_results, objective_views, objectives
from services.errors import Forbidden, Invalid
from tests.factories_okrs import Org, org


@pytest.fixture
async def acme(database) -> Org:
    return await org()


@pytest.fixture
async def objective(acme: Org) -> Objective:
    return await objectives.create_objective(acme.ben, cycle_id=acme.cycle.id, level='person', owner_id=acme.ben.id,
                                             title='Win the north')


async def test_quick_add_needs_only_a_title_and_a_target(acme: Org, objective: Objective) -> None:
    first = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign 10 customers', target=10)
    second = await key_result_edits.add_key_result(acme.ben, objective.id, title='Hire 2 people', target=2)

    assert (first.kind, first.start, first.target, first.direction, first.weight) == ('number', 0, 10, 'increase', 1)
    assert (first.owner_id, first.current) == (acme.ben.id, 0)
    assert second.position > first.position


async def test_every_field_of_a_key_result_is_kept(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(
        acme.ben, objective.id, title='Cut churn', kind='percent', start=8, target=5, direction='decrease',
        weight=2, owner_id=acme.lena.id, due=date(2026, 11, 30), confidence=7)

    stored = await KeyResult.get(id=kr.id)
    assert (stored.kind, stored.start, stored.target, stored.unit, stored.direction) == ('percent', 8, 5, '%',
                                                                                        'decrease')
    assert (stored.weight, stored.owner_id, stored.due, stored.confidence) == (2, acme.lena.id, date(2026, 11, 30), 7)


async def test_boolean_key_result_runs_from_zero_to_one(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Launch', kind='boolean', target=None,
                                               unit='x', start=5)

    assert (kr.start, kr.target, kr.unit) == (0, 1, '')


async def test_milestone_key_result_gets_its_steps(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Open office', kind='milestone',
                                               target=None, steps=['Lease', '', 'Furnish', 'Move in'])

    assert kr.target == 3
    assert await Milestone.filter(key_result_id=kr.id).values_list('title', flat=True) == ['Lease', 'Furnish',
                                                                                           'Move in']


@pytest.mark.parametrize(('changes', 'field', 'message'), [
    ({'title': ''}, 'title', 'This field is required.'),
    ({'kind': 'vibes'}, 'kind', 'Choose one of the options.'),
    ({'target': math.nan}, 'target', 'Enter a number.'),
    ({'target': 1e16}, 'target', 'This number is too large.'),
    ({'start': 'ten'}, 'start', 'Enter a number.'),
    ({'target': -5}, 'target', 'The target is below the start: choose "decrease" or swap them.'),
    ({'direction': 'decrease'}, 'target', 'The target is above the start: choose "increase" or swap them.'),
    ({'direction': 'sideways'}, 'direction', 'Choose one of the options.'),
    ({'weight': 0}, 'weight', 'Weight is a number above 0 and at most {n}.'),
    ({'weight': None}, 'weight', 'Enter a number.'),
    ({'confidence': 11}, 'confidence', 'Confidence is a whole number from 0 to 10.'),
    ({'owner_id': 9999}, 'owner', 'Choose an active person.'),
    ({'due': date(2027, 1, 5)}, 'due', 'Choose a due date inside the cycle ({start} to {end}).'),
    ({'unit': 'u' * 31}, 'unit', 'Use at most {n} characters.'),
    ({'kind': 'milestone', 'steps': ['  ']}, 'steps', 'List at least one step.'),
])
async def test_bad_key_result_input_names_the_field_and_writes_nothing(acme: Org, objective: Objective,
                                                                       changes: dict, field: str,
                                                                       message: str) -> None:
    values = {'title': 'Sign customers', 'target': 10} | changes

    with pytest.raises(Invalid) as caught:
        await key_result_edits.add_key_result(acme.ben, objective.id, **values)

    assert (caught.value.field, caught.value.message) == (field, message)
    assert not await KeyResult.exists()


async def test_employee_cannot_add_a_key_result_to_another_teams_objective(acme: Org) -> None:
    theirs = await objectives.create_objective(acme.cara, cycle_id=acme.cycle.id, level='team',
                                               team_id=acme.engineering.id, title='Ship it')

    with pytest.raises(Forbidden):
        await key_result_edits.add_key_result(acme.ben, theirs.id, title='Mine', target=1)

    assert not await KeyResult.exists()


async def test_edit_changes_fields_but_never_the_value(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)
    await checkins.record_checkin(acme.ben, key_result_id=kr.id, value=4, confidence=6)

    await key_result_edits.update_key_result(acme.ben, kr.id, title='Sign 12 customers', target=12, unit='deals')

    stored = await KeyResult.get(id=kr.id)
    assert (stored.title, stored.target, stored.unit, stored.current) == ('Sign 12 customers', 12, 'deals', 4)


async def test_type_cannot_change_after_the_first_check_in(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)
    await checkins.record_checkin(acme.ben, key_result_id=kr.id, value=4, confidence=6)

    with pytest.raises(Invalid) as caught:
        await key_result_edits.update_key_result(acme.ben, kr.id, kind='boolean')

    assert caught.value.field == 'kind'
    assert (await KeyResult.get(id=kr.id)).kind == 'number'


async def test_milestone_steps_can_be_renamed_and_added_but_not_cut_below_those_done(acme: Org,
                                                                                      objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Open office', kind='milestone',
                                               target=None, steps=['Lease', 'Furnish', 'Move in'])
    await checkins.record_checkin(acme.ben, key_result_id=kr.id, value=2, confidence=6)

    await key_result_edits.update_key_result(acme.ben, kr.id, steps=['Sign lease', 'Furnish', 'Move in', 'Party'])
    with pytest.raises(Invalid) as caught:
        await key_result_edits.update_key_result(acme.ben, kr.id, steps=['Sign lease'])

    assert caught.value.field == 'steps'
    steps = await Milestone.filter(key_result_id=kr.id).values_list('title', flat=True)
    assert steps == ['Sign lease', 'Furnish', 'Move in', 'Party']
    assert (await KeyResult.get(id=kr.id)).target == 4


async def test_deleted_key_result_leaves_every_list_until_restored(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)

    await key_result_edits.delete_key_result(acme.ben, kr.id)
    assert (await objective_views.objective_detail(acme.ben, objective.id)).key_results == ()
    assert await key_results.my_key_results(acme.ben, acme.cycle.id) == []

    await key_result_edits.restore_key_result(acme.ben, kr.id)
    assert [d.card.id for d in (await objective_views.objective_detail(acme.ben, objective.id)).key_results] == [
        kr.id]


async def test_key_results_can_be_put_in_a_new_order(acme: Org, objective: Objective) -> None:
    first = await key_result_edits.add_key_result(acme.ben, objective.id, title='First', target=1)
    second = await key_result_edits.add_key_result(acme.ben, objective.id, title='Second', target=1)

    await key_result_edits.reorder_key_results(acme.ben, objective.id, [second.id, first.id])
    with pytest.raises(Invalid):
        await key_result_edits.reorder_key_results(acme.ben, objective.id, [second.id])

    detail = await objective_views.objective_detail(acme.ben, objective.id)
    assert [d.card.title for d in detail.key_results] == ['Second', 'First']


async def test_status_override_needs_a_reason_and_wins_over_the_computed_status(acme: Org,
                                                                                 objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)

    with pytest.raises(Invalid) as caught:
        await key_result_edits.set_status_override(acme.ben, kr.id, 'at_risk', '  ')
    assert caught.value.field == 'reason'
    assert (await KeyResult.get(id=kr.id)).status_override is None

    await key_result_edits.set_status_override(acme.ben, kr.id, 'done', 'Signed off by the customer')
    assert (await key_results.card(acme.ben, kr.id)).status == 'done'

    await key_result_edits.set_status_override(acme.ben, kr.id, None)
    stored = await KeyResult.get(id=kr.id)
    assert (stored.status_override, stored.status_reason) == (None, '')


async def test_unknown_status_override_is_refused(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)

    with pytest.raises(Invalid) as caught:
        await key_result_edits.set_status_override(acme.ben, kr.id, 'great', 'because')

    assert caught.value.field == 'status'


async def test_colleague_cannot_override_status(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)

    with pytest.raises(Forbidden):
        await key_result_edits.set_status_override(acme.cara, kr.id, 'done', 'I say so')

    assert (await KeyResult.get(id=kr.id)).status_override is None


async def test_action_plan_completion_shows_beside_the_key_result(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)
    call = await key_result_edits.add_task(acme.ben, kr.id, title='Call 20 leads', owner_id=acme.lena.id,
                                           due=date(2026, 10, 15))
    await key_result_edits.add_task(acme.ben, kr.id, title='Send offers')

    await key_result_edits.set_task_done(acme.ben, call.id, True)

    card = await key_results.card(acme.ben, kr.id)
    assert (card.tasks_done, card.tasks_total, card.progress) == (1, 2, 0)
    detail = await objective_views.objective_detail(acme.ben, objective.id)
    assert [(t.title, t.owner_name, t.done) for t in detail.key_results[0].tasks] == [
        ('Call 20 leads', 'Lena', True), ('Send offers', '', False)]


async def test_tasks_can_be_renamed_and_deleted(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)
    task = await key_result_edits.add_task(acme.ben, kr.id, title='Call leads')

    await key_result_edits.update_task(acme.ben, task.id, title='Call 30 leads', due=date(2026, 11, 1))
    assert (await Task.get(id=task.id)).title == 'Call 30 leads'

    await key_result_edits.delete_task(acme.ben, task.id)
    assert not await Task.exists()


@pytest.mark.parametrize(('changes', 'field'), [({'title': ''}, 'title'), ({'owner_id': 9999}, 'owner'),
                                                ({'due': 'soon'}, 'due')])
async def test_bad_task_input_is_refused_and_nothing_written(acme: Org, objective: Objective, changes: dict,
                                                             field: str) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)

    with pytest.raises(Invalid) as caught:
        await key_result_edits.add_task(acme.ben, kr.id, **({'title': 'Call leads'} | changes))

    assert caught.value.field == field
    assert not await Task.exists()


async def test_colleague_cannot_tick_off_tasks(acme: Org, objective: Objective) -> None:
    kr = await key_result_edits.add_key_result(acme.ben, objective.id, title='Sign customers', target=10)
    task = await key_result_edits.add_task(acme.ben, kr.id, title='Call leads')

    with pytest.raises(Forbidden):
        await key_result_edits.set_task_done(acme.cara, task.id, True)

    assert not (await Task.get(id=task.id)).done
