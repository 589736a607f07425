from datetime import date

import pytest
from tortoise.backends.sqlite.client import SqliteClient

from services import objectives, tree
from services.tree import AlignmentTree, TreeNode
from tests import factories
from tests.factories_okrs import Org, org


@pytest.fixture
async def acme(database) -> Org:
    return await org()


def node(found: AlignmentTree | TreeNode, *path: str) -> TreeNode:
    current = found.roots[0] if isinstance(found, AlignmentTree) else found
    for name in path:
        current = next(child for child in current.children if child.name == name)
    return current


async def test_tree_runs_from_company_through_teams_to_people_with_rolled_up_progress(acme: Org) -> None:
    company = await factories.objective(acme.cycle, 'Grow', level='company')
    await factories.key_result(company, target=100, current=100)
    team_objective = await factories.objective(acme.cycle, 'Sell more', team_=acme.sales)
    await factories.key_result(team_objective, target=100, current=50)
    personal = await factories.objective(acme.cycle, 'Win the north', owner=acme.ben)
    await factories.key_result(personal, target=10, current=0, weight=3)
    await factories.key_result(personal, target=10, current=10, weight=1)

    found = await tree.alignment_tree(acme.admin, acme.cycle.id)

    root = node(found)
    assert (root.kind, root.name, [o.title for o in root.objectives]) == ('company', 'Acme', ['Grow'])
    assert [child.name for child in root.children] == ['Engineering', 'Sales']
    sales = node(found, 'Sales')
    assert [o.title for o in sales.objectives] == ['Sell more']
    ben = node(found, 'Sales', 'Ben')
    assert (ben.kind, ben.progress, ben.objectives[0].progress) == ('person', 0.25, 0.25)
    assert sales.progress == pytest.approx((0.5 + 0.25) / 2)
    assert (root.objective_count, root.progress) == (3, pytest.approx((1 + 0.5 + 0.25) / 3))
    assert node(found, 'Engineering').status is None


async def test_private_objective_is_left_out_of_a_colleagues_tree_and_roll_up(acme: Org) -> None:
    secret = await factories.objective(acme.cycle, 'Find a new job', owner=acme.ben, visibility='private')
    await factories.key_result(secret, target=10, current=10)
    public = await factories.objective(acme.cycle, 'Win the north', owner=acme.ben)
    await factories.key_result(public, target=10, current=0)

    seen_by_cara = await tree.alignment_tree(acme.cara, acme.cycle.id)
    seen_by_lena = await tree.alignment_tree(acme.lena, acme.cycle.id)
    seen_by_admin = await tree.alignment_tree(acme.admin, acme.cycle.id)

    assert [o.title for o in node(seen_by_cara, 'Sales', 'Ben').objectives] == ['Win the north']
    assert node(seen_by_cara).progress == 0
    for seen in (seen_by_lena, seen_by_admin):
        assert {o.title for o in node(seen, 'Sales', 'Ben').objectives} == {'Find a new job', 'Win the north'}
        assert node(seen).progress == 0.5


async def test_deleted_objectives_and_other_cycles_stay_out_of_the_tree(acme: Org) -> None:
    gone = await factories.objective(acme.cycle, 'Gone', owner=acme.ben)
    await objectives.delete_objective(acme.ben, gone.id)
    other = await factories.cycle('2027 Q1', date(2027, 1, 1), date(2027, 3, 31))
    await factories.objective(other, 'Later', owner=acme.ben)

    found = await tree.alignment_tree(acme.admin, acme.cycle.id)

    assert node(found).objective_count == 0
    assert [child.name for child in node(found, 'Sales').children] == []


async def test_archived_team_without_objectives_is_hidden(acme: Org) -> None:
    await factories.team('Old team', acme.root)
    acme.engineering.archived = True
    await acme.engineering.save()

    found = await tree.alignment_tree(acme.admin, acme.cycle.id)

    assert [child.name for child in node(found).children] == ['Old team', 'Sales']


async def count_queries(monkeypatch: pytest.MonkeyPatch, acme: Org) -> int:
    counted = {'n': 0}
    original_query, original_dict = SqliteClient.execute_query, SqliteClient.execute_query_dict

    async def query(self, *args, **kwargs):
        counted['n'] += 1
        return await original_query(self, *args, **kwargs)

    async def query_dict(self, *args, **kwargs):
        counted['n'] += 1
        return await original_dict(self, *args, **kwargs)

    monkeypatch.setattr(SqliteClient, 'execute_query', query)
    monkeypatch.setattr(SqliteClient, 'execute_query_dict', query_dict)
    await tree.alignment_tree(acme.admin, acme.cycle.id)
    monkeypatch.undo()
    return counted['n']


async def test_tree_takes_the_same_number_of_queries_whatever_the_company_size(
        acme: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    first = await factories.objective(acme.cycle, 'Grow', level='company')
    await factories.key_result(first)
    small = await count_queries(monkeypatch, acme)
    for n in range(6):
        squad = await factories.team(f'Squad {n}', acme.sales)
        member = await factories.person(f'Member {n}', team=squad)
        objective = await factories.objective(acme.cycle, f'Goal {n}', owner=member)
        await factories.key_result(objective, kind='milestone', target=None, steps=['a', 'b'])
        await factories.key_result(objective)

    large = await count_queries(monkeypatch, acme)

    assert large == small
    assert len(node(await tree.alignment_tree(acme.admin, acme.cycle.id), 'Sales').children) == 6
