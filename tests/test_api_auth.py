"""REST API: bearer tokens, scopes and the per-token rate limit."""
import pytest
from nicegui.testing import User

from services import accounts, tokens
from tests import factories
from tests.factories_api import api_client, bearer, token
from tests.factories_okrs import org


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response.headers['content-type'].startswith('application/json')
    assert response.json()['error']['code'] == code
    assert response.json()['error']['message']


async def test_missing_malformed_and_unknown_tokens_answer_401_in_the_error_format(user: User) -> None:
    async with api_client() as client:
        missing = await client.get('/api/v1/cycles')
        basic = await client.get('/api/v1/cycles', headers={'Authorization': 'Basic abc'})
        unknown = await client.get('/api/v1/cycles', headers=bearer('okr_not-a-real-token'))

    for response in (missing, basic, unknown):
        assert_error(response, 401, 'unauthorized')
    assert missing.headers['www-authenticate'] == 'Bearer'


async def test_a_valid_token_reads_and_notes_its_last_use(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben, 'read')

    async with api_client() as client:
        response = await client.get('/api/v1/cycles', headers=bearer(secret))

    assert response.status_code == 200
    assert [cycle['name'] for cycle in response.json()] == ['2026 Q4']
    assert (await tokens.list_tokens(acme.ben))[0].last_used_at is not None


async def test_a_revoked_token_stops_working(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben)
    await tokens.revoke_token(acme.ben, (await tokens.list_tokens(acme.ben))[0].id)

    async with api_client() as client:
        assert_error(await client.get('/api/v1/cycles', headers=bearer(secret)), 401, 'unauthorized')


async def test_the_token_of_a_deactivated_person_stops_working(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben)
    await accounts.set_active(acme.admin, acme.ben.id, False)

    async with api_client() as client:
        assert_error(await client.get('/api/v1/cycles', headers=bearer(secret)), 401, 'unauthorized')


async def test_a_read_token_cannot_write(user: User) -> None:
    acme = await org()
    kr = await factories.key_result(await factories.objective(acme.cycle, owner=acme.ben))
    secret = await token(acme.ben, 'read')

    async with api_client() as client:
        response = await client.post(f'/api/v1/key-results/{kr.id}/check-ins', json={'value': 5},
                                     headers=bearer(secret))

    assert_error(response, 403, 'forbidden')
    await kr.refresh_from_db()
    assert kr.current == 0


async def test_too_many_requests_answer_429_with_retry_after(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    acme = await org()
    secret = await token(acme.ben, 'read')
    monkeypatch.setattr(tokens, 'limiter', tokens.RateLimiter(limit=3, window=60))

    async with api_client() as client:
        answers = [await client.get('/api/v1/cycles', headers=bearer(secret)) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert_error(answers[-1], 429, 'rate_limited')
    assert 1 <= int(answers[-1].headers['retry-after']) <= 60


async def test_unknown_api_paths_answer_404_json(user: User) -> None:
    acme = await org()
    secret = await token(acme.ben, 'read')

    async with api_client() as client:
        assert_error(await client.get('/api/v1/nothing-here', headers=bearer(secret)), 404, 'not_found')
