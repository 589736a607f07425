"""REST API reads: the same objects, filters and permissions as the pages."""
from nicegui.testing import User

from models.okr import Alignment
from tests import factories
from tests.factories_api import api_client, bearer, token
from tests.factories_okrs import org


async def test_objectives_are_paged_with_a_total_and_filtered_by_team_and_owner(user: User) -> None:
    acme = await org()
    for title in ('Alpha', 'Bravo', 'Charlie'):
        await factories.objective(acme.cycle, title, team_=acme.sales)
    await factories.objective(acme.cycle, 'Delta', owner=acme.cara)
    secret = await token(acme.ben, 'read')

    async with api_client() as client:
        first = (await client.get('/api/v1/objectives', params={'limit': 2}, headers=bearer(secret))).json()
        second = (await client.get('/api/v1/objectives', params={'limit': 2, 'offset': 2},
                                   headers=bearer(secret))).json()
        sales = (await client.get('/api/v1/objectives', params={'team_id': acme.sales.id},
                                  headers=bearer(secret))).json()
        cara = (await client.get('/api/v1/objectives', params={'owner_id': acme.cara.id, 'cycle_id': acme.cycle.id},
                                 headers=bearer(secret))).json()

    assert (first['total'], len(first['items']), len(second['items'])) == (4, 2, 2)
    assert {item['title'] for item in first['items'] + second['items']} == {'Alpha', 'Bravo', 'Charlie', 'Delta'}
    assert [item['title'] for item in sales['items']] == ['Alpha', 'Bravo', 'Charlie']
    assert [(item['title'], item['owner_id']) for item in cara['items']] == [('Delta', acme.cara.id)]


async def test_another_teams_private_objective_is_hidden_everywhere(user: User) -> None:
    acme = await org()
    secret_plan = await factories.objective(acme.cycle, 'Secret plan', owner=acme.cara, visibility='private')
    kr = await factories.key_result(secret_plan, 'Hidden number')
    secret = await token(acme.ben, 'read-write')

    async with api_client() as client:
        listed = (await client.get('/api/v1/objectives', headers=bearer(secret))).json()
        one = await client.get(f'/api/v1/objectives/{secret_plan.id}', headers=bearer(secret))
        krs = (await client.get('/api/v1/key-results', headers=bearer(secret))).json()
        kr_one = await client.get(f'/api/v1/key-results/{kr.id}', headers=bearer(secret))
        history = await client.get(f'/api/v1/key-results/{kr.id}/check-ins', headers=bearer(secret))
        checkin = await client.post(f'/api/v1/key-results/{kr.id}/check-ins', json={'value': 3},
                                    headers=bearer(secret))

    assert listed['total'] == 0 and krs['total'] == 0
    for response in (one, kr_one, history, checkin):
        assert response.status_code == 404
        assert response.json()['error']['code'] == 'not_found'


async def test_the_owner_reads_an_objective_with_its_key_results(user: User) -> None:
    acme = await org()
    objective = await factories.objective(acme.cycle, 'Secret plan', owner=acme.cara, visibility='private')
    await factories.key_result(objective, 'Ship it', current=40)
    secret = await token(acme.cara, 'read')

    async with api_client() as client:
        body = (await client.get(f'/api/v1/objectives/{objective.id}', headers=bearer(secret))).json()

    assert (body['title'], body['visibility'], body['can_edit']) == ('Secret plan', 'private', True)
    assert [(kr['title'], kr['current'], kr['progress']) for kr in body['key_results']] == [('Ship it', 40, 0.4)]


async def test_key_results_filter_by_objective_owner_and_team(user: User) -> None:
    acme = await org()
    sales_goal = await factories.objective(acme.cycle, 'Sell more', team_=acme.sales)
    engineering_goal = await factories.objective(acme.cycle, 'Ship faster', team_=acme.engineering)
    await factories.key_result(sales_goal, 'Deals', owner=acme.ben)
    await factories.key_result(sales_goal, 'Leads', owner=acme.lena)
    await factories.key_result(engineering_goal, 'Deploys', owner=acme.cara)
    secret = await token(acme.admin, 'read')

    async def titles(**params: int) -> list[str]:
        async with api_client() as client:
            body = (await client.get('/api/v1/key-results', params=params, headers=bearer(secret))).json()
        return [item['title'] for item in body['items']]

    assert await titles() == ['Deals', 'Leads', 'Deploys']
    assert await titles(objective_id=sales_goal.id) == ['Deals', 'Leads']
    assert await titles(owner_id=acme.cara.id) == ['Deploys']
    assert await titles(team_id=acme.sales.id) == ['Deals', 'Leads']
    assert await titles(limit=1, offset=1) == ['Leads']


async def test_org_cycles_and_alignments_are_listed(user: User) -> None:
    acme = await org()
    parent = await factories.objective(acme.cycle, 'Grow', level='company')
    child = await factories.objective(acme.cycle, 'Sell more', team_=acme.sales)
    await Alignment.create(objective=child, parent_objective=parent)
    secret = await token(acme.ben, 'read')

    async with api_client() as client:
        teams = (await client.get('/api/v1/teams', headers=bearer(secret))).json()
        people = (await client.get('/api/v1/people', headers=bearer(secret))).json()
        alignments = (await client.get('/api/v1/alignments', headers=bearer(secret))).json()

    assert {team['name'] for team in teams} == {'Acme', 'Sales', 'Engineering'}
    assert next(team for team in teams if team['name'] == 'Sales')['lead_ids'] == [acme.lena.id]
    assert {person['name'] for person in people} >= {'Ben', 'Cara', 'Lena'}
    assert all(person['email'] is None for person in people)  # e-mails are for admins
    assert alignments == [{'objective_id': child.id, 'parent_objective_id': parent.id, 'parent_key_result_id': None}]


async def test_bad_query_values_answer_422_naming_the_field(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben, 'read')

    async with api_client() as client:
        response = await client.get('/api/v1/objectives', params={'limit': 0}, headers=bearer(secret))
        missing_cycle = await client.get('/api/v1/objectives', params={'cycle_id': 999}, headers=bearer(secret))

    assert response.status_code == 422
    assert response.json()['error'] | {'message': ''} == {'code': 'invalid', 'message': '', 'field': 'limit'}
    assert missing_cycle.status_code == 404
