"""ID token checks on tokens the real provider signed, crafted as a forged callback would bring them."""
from collections.abc import Iterator
from datetime import timedelta

import pytest

from services import clock, oidc
from services.sso_errors import InvalidToken, ProviderUnreachable
from tests.factories_sso import CLIENT_ID, Provider, configure, foreign_token, free_port, running_provider


@pytest.fixture(scope='module')
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        running.add_person('ben-sub', email='ben@acme.test')
        yield running


@pytest.fixture
def sso(monkeypatch: pytest.MonkeyPatch, provider: Provider) -> Provider:
    configure(monkeypatch, provider.url)
    return provider


async def test_a_token_for_okrboard_with_its_nonce_is_accepted(sso: Provider) -> None:
    token = await foreign_token(sso, 'ben-sub', client_id=CLIENT_ID, nonce='n-1')

    claims = await oidc.id_token_claims(token, nonce='n-1')

    assert claims['email'] == 'ben@acme.test' and CLIENT_ID in claims['aud']


async def test_a_token_issued_to_another_client_is_refused(sso: Provider) -> None:
    token = await foreign_token(sso, 'ben-sub', client_id='another-app', nonce='n-1')

    with pytest.raises(InvalidToken):
        await oidc.id_token_claims(token, nonce='n-1')


async def test_a_token_with_another_nonce_is_refused(sso: Provider) -> None:
    token = await foreign_token(sso, 'ben-sub', client_id=CLIENT_ID, nonce='someone-elses')

    with pytest.raises(InvalidToken):
        await oidc.id_token_claims(token, nonce='n-1')


async def test_a_token_with_a_broken_signature_is_refused(sso: Provider) -> None:
    token = await foreign_token(sso, 'ben-sub', client_id=CLIENT_ID, nonce='n-1')
    header, payload, signature = token['id_token'].split('.')
    token['id_token'] = '.'.join([header, payload, signature[:-4] + ('AAAA' if signature[-4:] != 'AAAA' else 'BBBB')])

    with pytest.raises(InvalidToken):
        await oidc.id_token_claims(token, nonce='n-1')


async def test_an_expired_token_is_refused(sso: Provider) -> None:
    token = await foreign_token(sso, 'ben-sub', client_id=CLIENT_ID, nonce='n-1')
    await oidc.metadata()  # cached now, so the jump in time below only ages the token
    clock.set_now(clock.now() + timedelta(hours=2))

    with pytest.raises(InvalidToken):
        await oidc.id_token_claims(token, nonce='n-1')


async def test_a_token_from_another_issuer_is_refused(monkeypatch: pytest.MonkeyPatch, sso: Provider) -> None:
    token = await foreign_token(sso, 'ben-sub', client_id=CLIENT_ID, nonce='n-1')
    with running_provider() as impostor:
        configure(monkeypatch, impostor.url)

        with pytest.raises(InvalidToken):
            await oidc.id_token_claims(token, nonce='n-1')


async def test_discovery_of_a_provider_that_is_down_says_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    configure(monkeypatch, f'http://127.0.0.1:{free_port()}')

    with pytest.raises(ProviderUnreachable):
        await oidc.metadata()


async def test_discovery_is_fetched_once_and_reused(sso: Provider, monkeypatch: pytest.MonkeyPatch) -> None:
    first = await oidc.metadata()
    monkeypatch.setattr(oidc, '_get_json', None)  # a second fetch would fail loudly

    assert await oidc.metadata() is first
