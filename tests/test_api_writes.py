"""REST API writes: check-ins pushed by other systems, objectives and key results, with the UI's rules."""
from nicegui.testing import User

from models.checkin import CheckIn
from models.okr import KeyResult, Objective
from services import events
from tests import factories
from tests.factories_api import api_client, bearer, token
from tests.factories_okrs import org


async def test_a_posted_check_in_moves_the_key_result_and_shows_in_its_history_as_api(user: User) -> None:
    acme = await org()
    kr = await factories.key_result(await factories.objective(acme.cycle, owner=acme.ben), 'Deals')
    secret = await token(acme.ben)
    heard: list[events.Change] = []
    events.checkin_recorded.subscribe(heard.append, expect_args=True)

    async with api_client() as client:
        posted = await client.post(f'/api/v1/key-results/{kr.id}/check-ins', headers=bearer(secret),
                                   json={'value': 42, 'confidence': 7, 'note': 'from the CRM'})
        history = (await client.get(f'/api/v1/key-results/{kr.id}/check-ins', headers=bearer(secret))).json()
        read = (await client.get(f'/api/v1/key-results/{kr.id}', headers=bearer(secret))).json()

    assert posted.status_code == 201
    assert posted.json() | {'id': 0, 'at': ''} == {
        'id': 0, 'at': '', 'key_result_id': kr.id, 'value': 42, 'confidence': 7, 'note': 'from the CRM',
        'next_step': '', 'author_name': 'Ben', 'source': 'api'}
    assert [(row['value'], row['source']) for row in history] == [(42, 'api')]
    assert (read['current'], read['confidence'], read['version']) == (42, 7, 1)
    assert [change.id for change in heard] == [kr.id]


async def test_a_stale_version_answers_409_and_writes_nothing(user: User) -> None:
    acme = await org()
    kr = await factories.key_result(await factories.objective(acme.cycle, owner=acme.ben))
    secret = await token(acme.ben)

    async with api_client() as client:
        first = await client.post(f'/api/v1/key-results/{kr.id}/check-ins', headers=bearer(secret),
                                  json={'value': 10, 'expected_version': 0})
        stale = await client.post(f'/api/v1/key-results/{kr.id}/check-ins', headers=bearer(secret),
                                  json={'value': 20, 'expected_version': 0})

    assert first.status_code == 201
    assert stale.status_code == 409 and stale.json()['error']['code'] == 'conflict'
    assert await CheckIn.filter(key_result_id=kr.id).count() == 1


async def test_invalid_check_ins_answer_4xx_with_the_field_and_write_nothing(user: User) -> None:
    acme = await org()
    kr = await factories.key_result(await factories.objective(acme.cycle, owner=acme.ben), kind='boolean',
                                    target=1)
    secret = await token(acme.ben)
    url = f'/api/v1/key-results/{kr.id}/check-ins'

    async with api_client() as client:
        not_done = await client.post(url, headers=bearer(secret), json={'value': 5})
        confidence = await client.post(url, headers=bearer(secret), json={'value': 1, 'confidence': 11})
        missing = await client.post(url, headers=bearer(secret), json={'confidence': 3})
        extra = await client.post(url, headers=bearer(secret), json={'value': 1, 'author': 'someone else'})
        broken = await client.post(url, content=b'{"value": ',
                                   headers={**bearer(secret), 'content-type': 'application/json'})

    assert (not_done.status_code, not_done.json()['error']['field']) == (422, 'value')
    assert (confidence.status_code, confidence.json()['error']['field']) == (422, 'confidence')
    assert (missing.status_code, missing.json()['error']['field']) == (422, 'value')
    assert (extra.status_code, extra.json()['error']['field']) == (422, 'author')
    assert (broken.status_code, broken.json()['error']['code']) == (400, 'bad_request')
    assert await CheckIn.filter(key_result_id=kr.id).count() == 0


async def test_check_ins_need_the_same_permission_as_in_the_ui(user: User) -> None:
    acme = await org()
    kr = await factories.key_result(await factories.objective(acme.cycle, owner=acme.cara))
    secret = await token(acme.ben)

    async with api_client() as client:
        response = await client.post(f'/api/v1/key-results/{kr.id}/check-ins', headers=bearer(secret),
                                     json={'value': 5})

    assert response.status_code == 403 and response.json()['error']['code'] == 'forbidden'
    assert await CheckIn.filter(key_result_id=kr.id).count() == 0


async def test_objectives_and_key_results_are_created_and_changed(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben)

    async with api_client() as client:
        created = await client.post('/api/v1/objectives', headers=bearer(secret), json={
            'cycle_id': acme.cycle.id, 'level': 'person', 'owner_id': acme.ben.id, 'title': 'Learn Rust'})
        objective_id = created.json()['id']
        changed = await client.patch(f'/api/v1/objectives/{objective_id}', headers=bearer(secret),
                                     json={'title': 'Learn Rust well'})
        kr = await client.post(f'/api/v1/objectives/{objective_id}/key-results', headers=bearer(secret),
                               json={'title': 'Chapters read', 'target': 20})
        kr_changed = await client.patch(f'/api/v1/key-results/{kr.json()["id"]}', headers=bearer(secret),
                                         json={'target': 25})

    assert (created.status_code, changed.status_code, kr.status_code, kr_changed.status_code) == (201, 200, 201, 200)
    assert (await Objective.get(id=objective_id)).title == 'Learn Rust well'
    assert (await KeyResult.get(objective_id=objective_id)).target == 25
    assert changed.json()['key_results'] == []
    assert kr_changed.json()['target'] == 25


async def test_an_objective_someone_may_not_set_is_refused_and_not_written(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben)

    async with api_client() as client:
        elsewhere = await client.post('/api/v1/objectives', headers=bearer(secret), json={
            'cycle_id': acme.cycle.id, 'level': 'team', 'team_id': acme.engineering.id, 'title': 'Take over'})
        no_title = await client.post('/api/v1/objectives', headers=bearer(secret), json={
            'cycle_id': acme.cycle.id, 'level': 'person', 'owner_id': acme.ben.id, 'title': '   '})

    assert elsewhere.status_code == 403
    assert (no_title.status_code, no_title.json()['error']['field']) == (422, 'title')
    assert await Objective.all().count() == 0
