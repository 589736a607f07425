import asyncio

from nicegui import ui
from nicegui.testing import User

from models.okr import Alignment, KeyResult, Objective, ObjectiveLink, Task
from services import checkins, key_result_edits, objectives
from tests import factories
from tests.factories_okrs import Org, org
from tests.helpers import by_testid, find_testid, sign_in


async def bens_objective(acme: Org, **fields) -> Objective:
    return await objectives.create_objective(acme.ben, cycle_id=acme.cycle.id, level='person', owner_id=acme.ben.id,
                                             title=fields.pop('title', 'Win the north'), **fields)


async def open_objective(user: User, objective: Objective, email: str = 'ben@acme.test') -> None:
    await sign_in(user, email)
    await user.open(f'/objective/{objective.id}')
    await user.should_see(objective.title, retries=20)


async def wait_for(user: User, name: str, **data: object) -> list[ui.element]:
    """The elements with data-testid=`name` once a handler that hits the database has built them."""
    for _ in range(60):
        if found := find_testid(user, name, **data):
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f'no element with data-testid={name}')


def set_value(user: User, name: str, value: object) -> None:
    for element in find_testid(user, name):
        element.value = value


async def test_quick_add_of_a_key_result_takes_three_steps(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'kr-add').click()
    by_testid(user, 'kr-title').type('Sign 10 customers')
    by_testid(user, 'kr-target').type('10')
    by_testid(user, 'kr-save').click()

    await user.should_see('Key result added', retries=30)
    kr = await KeyResult.get(objective_id=objective.id)
    assert (kr.title, kr.target, kr.owner_id) == ('Sign 10 customers', 10, acme.ben.id)
    await user.should_see('0 / 10', retries=20)


async def test_key_result_without_title_says_so_and_writes_nothing(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'kr-add').click()
    by_testid(user, 'kr-target').type('10')
    by_testid(user, 'kr-save').click()

    await user.should_see('This field is required.', retries=20)
    assert not await KeyResult.exists()


async def test_key_result_with_zero_weight_says_so_and_writes_nothing(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'kr-add').click()
    by_testid(user, 'kr-title').type('Sign customers')
    set_value(user, 'kr-weight', 0)
    by_testid(user, 'kr-save').click()

    await user.should_see('Weight is a number above 0 and at most 100.', retries=20)
    assert not await KeyResult.exists()


async def test_milestone_key_result_is_added_with_its_steps(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'kr-add').click()
    by_testid(user, 'kr-title').type('Open the office')
    set_value(user, 'kr-kind', 'milestone')
    set_value(user, 'kr-steps', 'Lease\nFurnish\nMove in')
    by_testid(user, 'kr-save').click()

    await user.should_see('0 / 3 steps', retries=30)
    assert (await KeyResult.get(objective_id=objective.id)).target == 3


async def test_key_result_is_edited_from_its_menu(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben, target=10)
    await open_objective(user, objective)

    by_testid(user, 'kr-edit', kr_id=kr.id).click()
    set_value(user, 'kr-target', 12)
    set_value(user, 'kr-unit', 'deals')
    by_testid(user, 'kr-save').click()

    await user.should_see('0 / 12 deals', retries=30)
    stored = await KeyResult.get(id=kr.id)
    assert (stored.target, stored.unit) == (12, 'deals')


async def test_objective_is_created_from_the_form(user: User) -> None:
    acme = await org()
    await sign_in(user, 'ben@acme.test')
    await user.open('/objectives')

    by_testid(user, 'objective-create').click()
    await user.should_see('Whose objective is it?', retries=20)
    by_testid(user, 'objective-title').type('Win the north')
    set_value(user, 'objective-visibility', 'private')
    by_testid(user, 'objective-save').click()

    await user.should_see('This objective has fewer than 3 key results.', retries=30)
    created = await Objective.get(title='Win the north')
    assert (created.level, created.owner_id, created.cycle_id, created.visibility) == (
        'person', acme.ben.id, acme.cycle.id, 'private')


async def test_objective_form_without_title_says_so_and_writes_nothing(user: User) -> None:
    await org()
    await sign_in(user, 'ben@acme.test')
    await user.open('/objectives/new')

    by_testid(user, 'objective-save').click()

    await user.should_see('This field is required.', retries=20)
    assert not await Objective.exists()


async def test_objective_form_with_unreadable_date_says_so_and_writes_nothing(user: User) -> None:
    await org()
    await sign_in(user, 'ben@acme.test')
    await user.open('/objectives/new')

    by_testid(user, 'objective-title').type('Win the north')
    set_value(user, 'objective-due', 'next Friday')
    by_testid(user, 'objective-save').click()

    await user.should_see('Enter a date as YYYY-MM-DD.', retries=20)
    assert not await Objective.exists()


async def test_objective_for_another_team_is_refused_on_the_form(user: User) -> None:
    acme = await org()
    await sign_in(user, 'ben@acme.test')
    await user.open('/objectives/new')

    by_testid(user, 'objective-title').type('Ship it')
    set_value(user, 'objective-level', 'team')
    set_value(user, 'objective-team', acme.engineering.id)
    by_testid(user, 'objective-save').click()

    await user.should_see('You may not set an objective here.', retries=20)
    assert not await Objective.exists()


async def test_editing_an_objective_with_an_empty_title_changes_nothing(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'objective-edit').click()
    set_value(user, 'objective-title', '')
    by_testid(user, 'objective-save').click()

    await user.should_see('This field is required.', retries=20)
    assert (await Objective.get(id=objective.id)).title == 'Win the north'


async def test_employee_sees_no_edit_controls_on_another_teams_objective(user: User) -> None:
    acme = await org()
    theirs = await objectives.create_objective(acme.cara, cycle_id=acme.cycle.id, level='team',
                                               team_id=acme.engineering.id, title='Ship the app')
    await open_objective(user, theirs)

    for name in ('objective-edit', 'objective-delete', 'kr-add', 'link-add', 'align-edit'):
        assert not find_testid(user, name), name


async def test_private_objective_page_is_closed_to_a_colleague(user: User) -> None:
    acme = await org()
    secret = await bens_objective(acme, title='Find a new job', visibility='private')
    await sign_in(user, 'cara@acme.test')

    await user.open(f'/objective/{secret.id}')

    await user.should_see('This objective does not exist or is private.', retries=20)
    await user.should_not_see('Find a new job')


async def test_deleted_objective_comes_back_with_undo(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'objective-delete').click()
    await user.should_see('This objective was deleted.', retries=30)
    assert (await Objective.get(id=objective.id)).deleted_at is not None

    by_testid(user, 'undo').click()
    await user.should_see('This objective has fewer than 3 key results.', retries=30)
    assert (await Objective.get(id=objective.id)).deleted_at is None


async def test_deleted_key_result_comes_back_with_undo(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben)
    await open_objective(user, objective)

    by_testid(user, 'kr-delete', kr_id=kr.id).click()
    await user.should_see('Key result deleted', retries=30)
    await user.should_not_see('Sign customers', retries=30)
    assert (await KeyResult.get(id=kr.id)).deleted_at is not None

    by_testid(user, 'undo').click()
    await wait_for(user, 'kr-card', kr_id=kr.id)
    assert (await KeyResult.get(id=kr.id)).deleted_at is None


async def test_javascript_link_is_refused_on_the_page(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'link-add').click()
    by_testid(user, 'link-url').type('javascript:alert(1)')
    by_testid(user, 'link-title').type('Plan')
    by_testid(user, 'link-save').click()

    await user.should_see('Enter a web address that starts with http:// or https://.', retries=20)
    assert not await ObjectiveLink.exists()


async def test_web_link_opens_in_a_new_tab_without_opener(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'link-add').click()
    by_testid(user, 'link-url').type('https://docs.example.com/plan')
    by_testid(user, 'link-title').type('Plan <img src=x onerror=alert(1)>')
    by_testid(user, 'link-save').click()

    await wait_for(user, 'objective-link')
    link = user.find(ui.link).elements.pop()
    assert link.text == 'Plan <img src=x onerror=alert(1)>'
    assert (link.props['href'], link.props['target'], link.props['rel']) == (
        'https://docs.example.com/plan', '_blank', 'noopener noreferrer')


async def test_warnings_show_as_a_banner_but_never_block(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    await factories.key_result(objective, 'Someday', target=None)
    await open_objective(user, objective)

    await user.should_see('This objective has fewer than 3 key results.')
    await user.should_see('The key result "Someday" has no measurable target.')
    assert find_testid(user, 'kr-add')


async def test_tasks_are_added_and_ticked_off_with_their_completion_rate(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben)
    await open_objective(user, objective)

    by_testid(user, 'task-title', kr_id=kr.id).type('Call 20 leads')
    by_testid(user, 'task-add', kr_id=kr.id).click()
    await user.should_see('Action plan · 0/1 done (0%)', retries=30)
    task = await Task.get(key_result_id=kr.id)

    by_testid(user, 'task-done', task_id=task.id).click()
    await user.should_see('Action plan · 1/1 done (100%)', retries=30)
    assert (await Task.get(id=task.id)).done


async def test_task_without_title_says_so_and_writes_nothing(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben)
    await open_objective(user, objective)

    by_testid(user, 'task-add', kr_id=kr.id).click()

    await user.should_see('This field is required.', retries=20)
    assert not await Task.exists()


async def test_status_override_asks_for_a_reason(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben)
    await open_objective(user, objective)

    by_testid(user, 'kr-status', kr_id=kr.id).click()
    set_value(user, 'kr-status-select', 'at_risk')
    by_testid(user, 'kr-status-save').click()
    await user.should_see('Say why the status differs from the computed one.', retries=20)
    assert (await KeyResult.get(id=kr.id)).status_override is None

    by_testid(user, 'kr-status-reason').type('Main customer froze budgets')
    by_testid(user, 'kr-status-save').click()
    await user.should_see('Status set by hand: Main customer froze budgets', retries=30)
    assert (await KeyResult.get(id=kr.id)).status_override == 'at_risk'


async def test_check_in_starts_from_the_objective_page(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben, target=10, current=4)
    await open_objective(user, objective)

    by_testid(user, 'kr-card', kr_id=kr.id).click()
    await user.should_see('Now: 4 / 10', retries=20)
    by_testid(user, 'checkin-plus').click()
    by_testid(user, 'checkin-save').click()

    await user.should_see('Check-in saved', retries=30)
    assert (await KeyResult.get(id=kr.id)).current == 5


async def test_objective_is_aligned_to_a_key_result_of_another_team(user: User) -> None:
    acme = await org()
    theirs = await objectives.create_objective(acme.cara, cycle_id=acme.cycle.id, level='team',
                                               team_id=acme.engineering.id, owner_id=acme.cara.id,
                                               title='Ship the app')
    parent_kr = await key_result_edits.add_key_result(acme.cara, theirs.id, title='Launch on iOS', target=1)
    objective = await bens_objective(acme)
    await open_objective(user, objective)

    by_testid(user, 'align-edit').click()
    await user.should_see('Choose objectives or key results above this one, in any team or cycle.', retries=20)
    set_value(user, 'align-select', [f'key_result:{parent_kr.id}'])
    by_testid(user, 'align-save').click()

    parent = await wait_for(user, 'aligned-parent', objective_id=theirs.id)
    assert 'Launch on iOS' in {label.text for label in parent[0].descendants() if isinstance(label, ui.label)}
    assert await Alignment.filter(objective_id=objective.id).values_list('parent_key_result_id', flat=True) == [
        parent_kr.id]


async def test_objective_list_filters_by_text(user: User) -> None:
    acme = await org()
    await bens_objective(acme, title='Win the north')
    await bens_objective(acme, title='Hire a team')
    await sign_in(user, 'ben@acme.test')
    await user.open('/objectives')
    await user.should_see('Hire a team', retries=20)

    by_testid(user, 'objective-search').type('north')

    await user.should_not_see('Hire a team', retries=30)
    await user.should_see('Win the north')


async def test_tree_hides_a_private_objective_from_a_colleague(user: User) -> None:
    acme = await org()
    await bens_objective(acme, title='Find a new job', visibility='private')
    await bens_objective(acme, title='Win the north')
    await sign_in(user, 'cara@acme.test')

    await user.open('/tree')

    await user.should_see('Win the north', retries=20)
    await user.should_not_see('Find a new job')
    assert find_testid(user, 'tree-node', node_kind='person', node_id=acme.ben.id)


async def test_tree_shows_a_private_objective_to_the_owners_manager(user: User) -> None:
    acme = await org()
    secret = await bens_objective(acme, title='Find a new job', visibility='private')
    await sign_in(user, 'lena@acme.test')

    await user.open('/tree')
    await user.should_see('Find a new job', retries=20)
    by_testid(user, 'tree-objective', objective_id=secret.id).click()

    await user.should_see('This objective has fewer than 3 key results.', retries=20)


async def test_objective_page_follows_check_ins_made_elsewhere(user: User) -> None:
    acme = await org()
    objective = await bens_objective(acme)
    kr = await factories.key_result(objective, 'Sign customers', owner=acme.ben, target=10, current=4)
    await open_objective(user, objective)

    await checkins.record_checkin(acme.lena, key_result_id=kr.id, value=7, confidence=6)

    await user.should_see('7 / 10', retries=30)
