from datetime import date

import pytest

from models.checkin import CheckIn
from models.okr import Alignment, KeyResult, Milestone, Objective, ObjectiveLink, Task
from services import clock, events, next_cycle
from services.errors import Forbidden, Invalid, NotFound
from tests import factories
from tests.factories_okrs import Org, org


@pytest.fixture
async def acme(database) -> Org:
    return await org()


@pytest.fixture
async def next_quarter(acme: Org):
    return await factories.cycle('2027 Q1', date(2027, 1, 1), date(2027, 3, 31), state='planning')


async def full_objective(acme: Org) -> Objective:
    """Ben's objective with every field set, three kinds of key result, tasks and links."""
    objective = await Objective.create(
        cycle=acme.cycle, level='person', owner=acme.ben, title='Win the north', description='Why it matters',
        priority='P1', kind='aspirational', tags=['growth', 'north'], due=date(2026, 12, 31), status='at_risk',
        visibility='private')
    revenue = await KeyResult.create(
        objective=objective, title='Revenue', owner=acme.ben, kind='currency', start=10, target=100, current=40,
        unit='EUR', weight=2, due=date(2026, 11, 15), position=0, confidence=3, status_override='at_risk',
        status_reason='slow', score=0.4)
    await KeyResult.create(
        objective=objective, title='Churn', owner=acme.lena, kind='percent', start=9, target=3, current=6, unit='%',
        direction='decrease', weight=1.5, position=1)
    launch = await KeyResult.create(objective=objective, title='Launch', kind='milestone', target=3, current=2,
                                    position=2)
    for position, (step, weight) in enumerate([('Design', 1), ('Build', 3), ('Ship', 2)]):
        await Milestone.create(key_result=launch, title=step, weight=weight, position=position)
    await CheckIn.create(key_result=revenue, value=40, confidence=3, at=clock.now())
    await Task.create(key_result=revenue, title='Call ten clients', owner=acme.lena, due=date(2026, 12, 20))
    await Task.create(key_result=revenue, title='Already called', done=True)
    await ObjectiveLink.create(objective=objective, title='Plan', url='https://docs.test/plan', kind='document')
    await ObjectiveLink.create(objective=objective, title='Kick-off', url='https://docs.test/kick', kind='meeting')
    return objective


async def copy_of(original: Objective) -> Objective:
    return await Objective.get(copied_from=original.id)


async def test_copy_keeps_every_field_of_the_objective_and_resets_its_status(acme: Org, next_quarter) -> None:
    original = await full_objective(acme)

    result = await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id,
                                              target_cycle_id=next_quarter.id, objective_ids=[original.id])

    copy = await copy_of(original)
    assert (result.objectives, result.key_results, result.skipped) == (1, 3, 0)
    assert copy.cycle_id == next_quarter.id
    assert (copy.level, copy.owner_id, copy.team_id) == ('person', acme.ben.id, None)
    assert (copy.title, copy.description, copy.priority, copy.kind) == ('Win the north', 'Why it matters', 'P1',
                                                                        'aspirational')
    assert (copy.tags, copy.visibility, copy.status) == (['growth', 'north'], 'private', 'active')
    assert copy.due == date(2027, 3, 31)  # Dec 31 + 92 days falls after the cycle: clamped to its end


async def test_copied_key_result_starts_at_the_last_value_with_every_other_field(acme: Org, next_quarter) -> None:
    original = await full_objective(acme)

    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    revenue = await KeyResult.get(objective__cycle_id=next_quarter.id, title='Revenue')
    assert (revenue.objective_id, revenue.owner_id, revenue.kind) == ((await copy_of(original)).id, acme.ben.id,
                                                                      'currency')
    assert (revenue.start, revenue.current, revenue.target, revenue.unit) == (40, 40, 100, 'EUR')
    assert (revenue.direction, revenue.weight, revenue.position) == ('increase', 2, 0)
    assert revenue.due == date(2027, 2, 15)  # shifted by the 92 days between the cycles' starts
    assert (revenue.confidence, revenue.status_override, revenue.status_reason, revenue.score) == (None, None, '',
                                                                                                   None)
    assert not await CheckIn.exists(key_result_id=revenue.id)


async def test_copied_decreasing_key_result_starts_at_its_current_value(acme: Org, next_quarter) -> None:
    await full_objective(acme)

    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    churn = await KeyResult.get(objective__cycle_id=next_quarter.id, title='Churn')
    assert (churn.start, churn.current, churn.target, churn.direction) == (6, 6, 3, 'decrease')
    assert (churn.owner_id, churn.kind, churn.unit, churn.weight, churn.position) == (acme.lena.id, 'percent', '%',
                                                                                      1.5, 1)


async def test_copied_milestones_keep_titles_weights_order_and_done_steps(acme: Org, next_quarter) -> None:
    await full_objective(acme)

    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    launch = await KeyResult.get(objective__cycle_id=next_quarter.id, title='Launch')
    steps = await Milestone.filter(key_result_id=launch.id).order_by('position')
    assert [(step.title, step.weight, step.position) for step in steps] == [('Design', 1, 0), ('Build', 3, 1),
                                                                            ('Ship', 2, 2)]
    assert (launch.kind, launch.start, launch.current, launch.target) == ('milestone', 0, 2, 3)


async def test_only_open_tasks_and_every_link_are_copied(acme: Org, next_quarter) -> None:
    original = await full_objective(acme)

    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    copy = await copy_of(original)
    tasks = await Task.filter(key_result__objective_id=copy.id)
    assert [(task.title, task.owner_id, task.due, task.done) for task in tasks] == [
        ('Call ten clients', acme.lena.id, date(2027, 3, 22), False)]
    links = await ObjectiveLink.filter(objective_id=copy.id).order_by('id')
    assert [(link.title, link.url, link.kind) for link in links] == [('Plan', 'https://docs.test/plan', 'document'),
                                                                     ('Kick-off', 'https://docs.test/kick', 'meeting')]


async def test_alignment_follows_a_parent_copied_in_the_same_run_and_keeps_any_other(acme: Org, next_quarter) -> None:
    company = await factories.objective(acme.cycle, 'Grow', level='company')
    company_kr = await factories.key_result(company, 'Double revenue')
    elsewhere = await factories.objective(acme.cycle, 'Hire well', level='company')
    elsewhere_kr = await factories.key_result(elsewhere, 'Hire five')
    child = await factories.objective(acme.cycle, 'Sell more', owner=acme.ben)
    for parent in ({'parent_objective': company}, {'parent_key_result': company_kr},
                   {'parent_objective': elsewhere}, {'parent_key_result': elsewhere_kr}):
        await Alignment.create(objective=child, **parent)

    await next_cycle.copy_objectives(acme.admin, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                     objective_ids=[company.id, child.id])

    child_copy, company_copy = await copy_of(child), await copy_of(company)
    company_kr_copy = await KeyResult.get(copied_from=company_kr.id)
    rows = await Alignment.filter(objective_id=child_copy.id).order_by('id')
    assert [(row.parent_objective_id, row.parent_key_result_id) for row in rows] == [
        (company_copy.id, None), (None, company_kr_copy.id), (elsewhere.id, None), (None, elsewhere_kr.id)]
    assert await Alignment.filter(objective_id=child.id).count() == 4  # the originals keep theirs


async def test_alignment_follows_a_parent_copied_by_an_earlier_run(acme: Org, next_quarter) -> None:
    company = await factories.objective(acme.cycle, 'Grow', level='company')
    child = await factories.objective(acme.cycle, 'Sell more', owner=acme.ben)
    await Alignment.create(objective=child, parent_objective=company)
    await next_cycle.copy_objectives(acme.admin, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                     objective_ids=[company.id])

    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                     objective_ids=[child.id])

    row = await Alignment.get(objective_id=(await copy_of(child)).id)
    assert row.parent_objective_id == (await copy_of(company)).id


async def test_copying_twice_does_not_duplicate(acme: Org, next_quarter) -> None:
    original = await full_objective(acme)
    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    again = await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id,
                                             target_cycle_id=next_quarter.id, objective_ids=[original.id])

    assert (again.objectives, again.key_results, again.skipped) == (0, 0, 1)
    assert await Objective.filter(cycle_id=next_quarter.id).count() == 1
    assert await KeyResult.filter(objective__cycle_id=next_quarter.id).count() == 3


async def test_a_deleted_copy_may_be_copied_again(acme: Org, next_quarter) -> None:
    original = await factories.objective(acme.cycle, owner=acme.ben)
    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)
    await Objective.filter(copied_from=original.id).update(deleted_at=clock.now())

    again = await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    assert again.objectives == 1


async def test_cannot_copy_into_a_closed_or_locked_cycle(acme: Org, next_quarter) -> None:
    original = await factories.objective(acme.cycle, owner=acme.ben)
    closed = await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30), state='closed')
    next_quarter.locked = True
    await next_quarter.save()

    for target in (closed, next_quarter):
        with pytest.raises(Forbidden, match='closed or locked'):
            await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=target.id,
                                             objective_ids=[original.id])

    assert await Objective.all().count() == 1


async def test_cannot_copy_into_the_same_cycle_or_nothing(acme: Org, next_quarter) -> None:
    await factories.objective(acme.cycle, owner=acme.ben)

    with pytest.raises(Invalid) as same:
        await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=acme.cycle.id)
    with pytest.raises(Invalid) as nothing:
        await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                         objective_ids=[])

    assert (same.value.field, nothing.value.field) == ('target', 'objectives')
    assert await Objective.all().count() == 1


async def test_employee_cannot_copy_an_objective_of_someone_else(acme: Org, next_quarter) -> None:
    caras = await factories.objective(acme.cycle, owner=acme.cara)
    private = await factories.objective(acme.cycle, owner=acme.cara, visibility='private')

    with pytest.raises(Forbidden):
        await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                         objective_ids=[caras.id])
    with pytest.raises(NotFound):
        await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                         objective_ids=[private.id])

    assert not await Objective.exists(cycle_id=next_quarter.id)


async def test_copying_all_takes_only_what_the_actor_may_edit(acme: Org, next_quarter) -> None:
    await factories.objective(acme.cycle, 'Mine', owner=acme.ben)
    await factories.objective(acme.cycle, 'Cara', owner=acme.cara)
    await factories.objective(acme.cycle, 'Sales team', team_=acme.sales)

    await next_cycle.copy_objectives(acme.lena, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    titles = await Objective.filter(cycle_id=next_quarter.id).order_by('title').values_list('title', flat=True)
    assert titles == ['Mine', 'Sales team']  # Lena manages Ben and leads sales


async def test_copying_a_team_takes_only_that_teams_objectives(acme: Org, next_quarter) -> None:
    await factories.objective(acme.cycle, 'Sales team', team_=acme.sales)
    await factories.objective(acme.cycle, 'Engineering team', team_=acme.engineering)

    await next_cycle.copy_objectives(acme.admin, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                     team_id=acme.sales.id)

    assert await Objective.filter(cycle_id=next_quarter.id).values_list('title', flat=True) == ['Sales team']


async def test_copy_is_published_on_the_bus(acme: Org, next_quarter) -> None:
    await factories.objective(acme.cycle, owner=acme.ben)
    before = events.generation()

    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id)

    published = events.changes_between(before, events.generation())
    assert [(change.kind, change.cycle_id) for _, change in published] == [('objective', next_quarter.id)]


async def test_candidates_mark_unfinished_and_already_copied(acme: Org, next_quarter) -> None:
    done = await factories.objective(acme.cycle, 'Done', owner=acme.ben)
    await factories.key_result(done, current=100)
    open_ = await factories.objective(acme.cycle, 'Open', owner=acme.ben)
    await factories.key_result(open_, current=30)
    await next_cycle.copy_objectives(acme.ben, source_cycle_id=acme.cycle.id, target_cycle_id=next_quarter.id,
                                     objective_ids=[done.id])

    found = await next_cycle.copy_candidates(acme.ben, acme.cycle.id, next_quarter.id)

    assert [(c.title, c.unfinished, c.copied) for c in found] == [('Done', False, True), ('Open', True, False)]


async def test_unfinished_of_the_previous_cycle_for_the_owner_being_written_for(acme: Org, next_quarter) -> None:
    open_ = await factories.objective(acme.cycle, 'Open', owner=acme.ben)
    await factories.key_result(open_, current=30)
    await factories.objective(acme.cycle, 'Someone else', owner=acme.cara)

    previous, found = await next_cycle.unfinished_before(acme.ben, next_quarter.id, team_id=None,
                                                         owner_id=acme.ben.id)

    assert previous is not None and previous.id == acme.cycle.id
    assert [candidate.title for candidate in found] == ['Open']


async def test_next_open_cycle_is_offered_first(acme: Org, next_quarter) -> None:
    await factories.cycle('2026 Q3', date(2026, 7, 1), date(2026, 9, 30), state='closed')
    later = await factories.cycle('2027 Q2', date(2027, 4, 1), date(2027, 6, 30), state='planning')

    targets = await next_cycle.open_targets(acme.cycle.id)

    assert [cycle.id for cycle in targets] == [next_quarter.id, later.id]
