"""The REST API's OpenAPI schema: valid, limited to /api/v1, served with docs, and kept by the server (schemathesis)."""
import asyncio
import re
from typing import Any

import httpx
import pytest
from nicegui.testing import User
from openapi_spec_validator import validate

from api.v1 import openapi_schema
from services import tokens
from tests import factories
from tests.factories_api import api_client, bearer, token
from tests.factories_okrs import org

EXAMPLES_PER_OPERATION = 20


def test_the_schema_is_valid_openapi_and_lists_only_api_v1_paths() -> None:
    schema = openapi_schema()

    validate(schema)
    assert schema['paths'] and all(path.startswith('/api/v1/') for path in schema['paths'])
    assert 'HTTPBearer' in schema['components']['securitySchemes']


async def test_the_schema_and_docs_are_served_under_api_and_nowhere_else(user: User) -> None:
    async with api_client() as client:
        served = await client.get('/api/openapi.json')
        docs = await client.get('/api/docs')
        app_wide = await client.get('/openapi.json')

    assert served.json() == openapi_schema()
    assert docs.status_code == 200 and '/api/openapi.json' in docs.text
    assert app_wide.status_code == 404


async def test_the_docs_page_needs_nothing_from_other_hosts(user: User) -> None:
    async with api_client() as client:
        docs = await client.get('/api/docs')
        script = await client.get('/api/docs/assets/swagger-ui-bundle.js')
        other = await client.get('/api/docs/assets/..%2F..%2Fsetup.py')

    assert 'http' not in ' '.join(re.findall(r'(?:src|href)="([^"]*)"', docs.text))
    assert script.status_code == 200 and len(script.content) > 100_000
    assert other.status_code == 404


async def test_json_nested_a_thousand_levels_deep_is_a_400_not_a_crash(user: User) -> None:
    secret = await token((await org()).admin)
    async with api_client() as client:
        answer = await client.post('/api/v1/key-results/1/check-ins',
                                   headers={**bearer(secret), 'Content-Type': 'application/json'},
                                   content='[' * 5000 + ']' * 5000)

    assert answer.status_code == 400
    assert answer.json()['error']['code'] == 'bad_request'


def _request(case: Any, secret: str) -> dict[str, Any]:
    kwargs = case.as_transport_kwargs(base_url='http://127.0.0.1', headers=bearer(secret))
    request = {name: kwargs[name] for name in ('method', 'url', 'params', 'headers', 'json')
               if name in kwargs}
    if 'data' in kwargs:
        request['content'] = kwargs['data']
    return request


async def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    schemathesis = pytest.importorskip('schemathesis')
    hypothesis = pytest.importorskip('hypothesis')
    found = pytest.importorskip('schemathesis.checks')
    checks = [found.not_a_server_error, found.status_code_conformance, found.content_type_conformance,
              found.response_schema_conformance]
    acme = await org()
    objective = await factories.objective(acme.cycle, 'Sell more', team_=acme.sales)
    await factories.key_result(objective, 'Deals', owner=acme.ben)
    secret = await token(acme.admin)
    monkeypatch.setattr(tokens, 'limiter', tokens.RateLimiter(limit=100_000, window=60))
    loop = asyncio.get_running_loop()
    schema = schemathesis.openapi.from_dict(openapi_schema())
    operations = [result.ok() for result in schema.get_all_operations()]
    chosen = [op for op in operations if op.method.upper() == 'GET' or op.path.endswith('/check-ins')]

    async with api_client() as client:
        def call(case: Any) -> httpx.Response:
            return asyncio.run_coroutine_threadsafe(client.request(**_request(case, secret)), loop).result(30)

        def run(operation: Any) -> None:
            @hypothesis.settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                                 derandomize=True, suppress_health_check=list(hypothesis.HealthCheck))
            @hypothesis.given(case=operation.as_strategy())
            def check(case: Any) -> None:
                case.validate_response(call(case), checks=checks)
            check()

        for operation in chosen:  # hypothesis runs in a thread; the app answers on this test's event loop
            await asyncio.to_thread(run, operation)

    assert len(chosen) == 10
