import pytest
from nicegui.testing import User

from models.org import Team
from services import team_page, teams
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_org import choose, wait_for, wait_gone
from tests.helpers import by_testid, sign_in


async def test_tree_nests_teams_with_member_counts_and_leads(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, kind='department', lead=admin)
    emea = await factories.team('EMEA', sales)
    await factories.person('Ben', team=emea)
    await factories.person('Cleo', team=emea)

    tree = await teams.org_tree(admin)

    assert [node.name for node in tree] == ['Acme']
    sales_node = tree[0].children[0]
    assert (sales_node.name, [lead.name for lead in sales_node.leads]) == ('Sales', ['Ada Admin'])
    assert (sales_node.children[0].name, sales_node.children[0].member_count) == ('EMEA', 2)


async def test_admin_creates_a_team_under_a_department(database) -> None:
    root, admin = await factories.company()
    sales = await teams.create_team(admin, name='  Sales ', parent_id=root.id, kind='department')

    emea = await teams.create_team(admin, name='EMEA', parent_id=sales.id)

    assert (sales.name, emea.parent_id, emea.kind) == ('Sales', sales.id, 'team')


@pytest.mark.parametrize(('name', 'kind', 'message'), [
    ('', 'team', 'Give the team a name.'),
    ('x' * 201, 'team', 'Use at most 200 characters.'),
    ('Ops', 'company', 'Choose department or team.'),
])
async def test_bad_team_input_is_refused_and_nothing_is_written(database, name: str, kind: str,
                                                                message: str) -> None:
    root, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await teams.create_team(admin, name=name, parent_id=root.id, kind=kind)

    assert str(refused.value) == message
    assert await Team.all().count() == 1


async def test_department_cannot_sit_inside_a_team(database) -> None:
    root, admin = await factories.company()
    squad = await factories.team('Squad', root)

    with pytest.raises(Invalid, match='A department cannot sit inside a team.'):
        await teams.create_team(admin, name='Ops', parent_id=squad.id, kind='department')


async def test_two_siblings_cannot_share_a_name(database) -> None:
    root, admin = await factories.company()
    await factories.team('Sales', root)

    with pytest.raises(Invalid, match='There is already a team with this name here.'):
        await teams.create_team(admin, name='sales', parent_id=root.id)
    assert await Team.all().count() == 2


async def test_moving_a_team_under_its_own_child_is_refused(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    emea = await factories.team('EMEA', sales, kind='department')

    with pytest.raises(Invalid, match='cannot move under itself or one of its sub-teams'):
        await teams.move_team(admin, sales.id, emea.id)
    with pytest.raises(Invalid, match='cannot move under itself'):
        await teams.move_team(admin, sales.id, sales.id)
    assert (await Team.get(id=sales.id)).parent_id == root.id


async def test_the_company_cannot_move_or_be_archived(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)

    with pytest.raises(Invalid, match='The company is the root of the tree and cannot move.'):
        await teams.move_team(admin, root.id, sales.id)
    with pytest.raises(Invalid, match='The company cannot be archived.'):
        await teams.archive_team(admin, root.id)
    assert not (await Team.get(id=root.id)).archived


async def test_team_moves_to_another_department(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    squad = await factories.team('Squad', root)

    await teams.move_team(admin, squad.id, sales.id)

    assert (await Team.get(id=squad.id)).parent_id == sales.id


async def test_archiving_hides_the_branch_from_pickers_until_restored(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    await factories.team('EMEA', sales)

    assert await teams.archive_team(admin, sales.id) == 2
    assert [choice.name for choice in await teams.team_choices(admin)] == ['Acme']
    assert len(teams.flatten(await teams.org_tree(admin, include_archived=True))) == 3

    await teams.unarchive_team(admin, sales.id)
    assert [choice.name for choice in await teams.team_choices(admin)] == ['Acme', 'Sales', 'EMEA']


async def test_a_sub_team_of_an_archived_team_cannot_be_restored_alone(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    emea = await factories.team('EMEA', sales)
    await teams.archive_team(admin, sales.id)

    with pytest.raises(Invalid, match='Restore the team above it first.'):
        await teams.unarchive_team(admin, emea.id)


async def test_leads_are_replaced_and_must_be_active(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, lead=admin)
    ben = await factories.person('Ben', team=sales)
    gone = await factories.person('Gone', team=sales)
    gone.active = False
    await gone.save()

    assert [lead.name for lead in await teams.set_leads(admin, sales.id, [ben.id])] == ['Ben']
    with pytest.raises(Invalid, match='Choose active people as leads.'):
        await teams.set_leads(admin, sales.id, [gone.id])
    assert [lead.id for lead in await sales.leads.all()] == [ben.id]


async def test_members_cannot_change_the_tree(database) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    sales = await factories.team('Sales', root)

    for attempt in (teams.create_team(ben, name='Mine', parent_id=root.id),
                    teams.rename_team(ben, sales.id, 'Mine'), teams.move_team(ben, sales.id, root.id),
                    teams.archive_team(ben, sales.id), teams.set_leads(ben, sales.id, [ben.id])):
        with pytest.raises(Forbidden):
            await attempt
    assert (await Team.get(id=sales.id)).name == 'Sales'


async def test_team_progress_is_the_average_of_weighted_objective_progress(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, lead=admin)
    cycle = await factories.cycle()
    first = await factories.objective(cycle, 'Grow', team_=sales)
    await factories.key_result(first, 'Half way', target=100, current=50, weight=1)
    await factories.key_result(first, 'Done', target=10, current=10, weight=3)
    second = await factories.objective(cycle, 'Hire', team_=sales)
    await factories.key_result(second, 'Nothing yet', target=5, current=0)
    await factories.objective(cycle, 'Someone else', team_=root)

    page = await team_page.team_page(admin, sales.id, cycle.id)

    assert [(o.title, round(o.progress, 3)) for o in page.objectives] == [('Grow', 0.875), ('Hire', 0.0)]
    assert round(page.progress, 4) == 0.4375
    assert [ref.name for ref in page.path] == ['Acme']


async def test_team_page_hides_private_objectives_from_outsiders(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle()
    await factories.objective(cycle, 'Secret', team_=sales, visibility='private')

    page = await team_page.team_page(ben, sales.id, cycle.id)

    assert page.objectives == ()


async def test_admin_creates_a_team_from_the_tree_page(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-create').click()
    (await wait_for(user, 'team-name')).type('Marketing')
    choose(user, 'team-kind', 'Department')
    by_testid(user, 'team-save').click()

    await wait_gone(user, 'team-save')
    await user.should_see('Marketing')
    created = await Team.get(name='Marketing')
    assert created.kind == 'department'


async def test_team_form_without_a_name_says_so_and_writes_nothing(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-create').click()
    (await wait_for(user, 'team-save')).click()

    await user.should_see('Give the team a name.', retries=20)
    assert await Team.all().count() == 1


async def test_move_dialog_offers_no_team_inside_the_moving_one(user: User) -> None:
    root, _ = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    emea = await factories.team('EMEA', sales, kind='department')
    await factories.team('Inner', emea)
    squad = await factories.team('Squad', root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-move', team_id=emea.id).click()
    parent = await wait_for(user, 'team-parent')

    assert set(parent.elements.pop().options) == {root.id, sales.id, squad.id}


async def test_admin_moves_a_team_from_the_page(user: User) -> None:
    root, _ = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    squad = await factories.team('Squad', root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-move', team_id=squad.id).click()
    await wait_for(user, 'team-parent')
    choose(user, 'team-parent', '· Sales')
    by_testid(user, 'team-save').click()

    await wait_gone(user, 'team-save')
    assert (await Team.get(id=squad.id)).parent_id == sales.id


async def test_member_sees_the_tree_without_admin_actions(user: User) -> None:
    root, _ = await factories.company()
    await factories.team('Sales', root)
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await user.open('/teams')

    await user.should_see('Sales')
    await user.should_not_see('New team')


async def test_team_page_shows_leads_members_and_objective_progress(user: User) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, lead=admin)
    await factories.person('Ben', team=sales)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow revenue', team_=sales)
    await factories.key_result(objective, 'Deals', target=10, current=5)
    await sign_in(user, 'ben@acme.test')

    await user.open(f'/team/{sales.id}')

    await user.should_see('Grow revenue')
    await user.should_see('Ben')
    await user.should_see('Ada Admin')
    await user.should_see('50%')


async def test_renaming_to_an_empty_name_says_so_and_keeps_the_old_name(user: User) -> None:
    root, _ = await factories.company()
    sales = await factories.team('Sales', root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-rename', team_id=sales.id).click()
    (await wait_for(user, 'team-name')).elements.pop().value = '   '
    by_testid(user, 'team-save').click()

    await user.should_see('Give the team a name.', retries=20)
    assert (await Team.get(id=sales.id)).name == 'Sales'


async def test_admin_archives_a_team_and_it_leaves_the_tree(user: User) -> None:
    root, _ = await factories.company()
    sales = await factories.team('Sales', root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-archive', team_id=sales.id).click()
    (await wait_for(user, 'team-save')).click()

    await wait_gone(user, 'team-node', team_id=sales.id)
    assert (await Team.get(id=sales.id)).archived


async def test_admin_sets_the_leads_of_a_team(user: User) -> None:
    root, _ = await factories.company()
    sales = await factories.team('Sales', root)
    ben = await factories.person('Ben', team=sales)
    await sign_in(user, 'admin@acme.test')
    await user.open('/teams')

    by_testid(user, 'team-leads-open', team_id=sales.id).click()
    (await wait_for(user, 'team-leads')).elements.pop().value = [ben.id]
    by_testid(user, 'team-save').click()

    await user.should_see('Leads: Ben', retries=30)
    assert [lead.id for lead in await sales.leads.all()] == [ben.id]


async def test_open_tree_shows_a_team_another_admin_just_created(user: User) -> None:
    root, admin = await factories.company()
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    await user.open('/teams')

    await teams.create_team(admin, name='Research', parent_id=root.id)

    await user.should_see('Research', retries=30)


async def test_unknown_team_page_says_so(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')

    await user.open('/team/999')

    await user.should_see('This team does not exist.')
