"""Single sign-on through the full redirect flow against a real OpenID provider on 127.0.0.1."""
from collections.abc import Iterator

import pytest
from nicegui.testing import User

from models.auth import Session
from models.org import User as Person
from services import accounts
from tests import factories
from tests.factories_sso import CLIENT_ID, Provider, browser, configure, free_port, query_of, running_provider


@pytest.fixture(scope='module')
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        yield running


@pytest.fixture
def sso(monkeypatch: pytest.MonkeyPatch, provider: Provider) -> Provider:
    configure(monkeypatch, provider.url)
    return provider


async def test_existing_person_signs_in_and_lands_where_they_were_going(user: User, sso: Provider) -> None:
    _, _admin = await factories.company()
    ben = await factories.person('Ben')
    sso.add_person('ben-sub', email='ben@acme.test')

    async with browser(sso) as chrome:
        landed = await chrome.sign_in('ben-sub', redirect_to='/objectives')

        assert landed == '/objectives'
        found = await accounts.session_user(chrome.session_cookie)
    assert found is not None and found[0].id == ben.id


async def test_the_sso_session_ends_at_sign_out_like_a_password_session(user: User, sso: Provider) -> None:
    await factories.company()
    await factories.person('Ben')
    sso.add_person('ben-sub', email='ben@acme.test')
    async with browser(sso) as chrome:
        await chrome.sign_in('ben-sub')
        _, session_hash = await accounts.session_user(chrome.session_cookie)

        await accounts.end_session(session_hash)

        assert await accounts.session_user(chrome.session_cookie) is None


async def test_the_provider_is_asked_with_state_nonce_and_a_pkce_challenge(user: User, sso: Provider) -> None:
    await factories.company()

    async with browser(sso) as chrome:
        asked = query_of(await chrome.start())

    assert asked['client_id'] == CLIENT_ID
    assert asked['code_challenge_method'] == 'S256' and len(asked['code_challenge']) == 43
    assert asked['state'] and asked['nonce'] and asked['state'] != asked['nonce']
    assert asked['scope'] == 'openid email profile'
    assert asked['redirect_uri'] == 'http://127.0.0.1/auth/sso/callback'


async def test_e_mail_is_matched_whatever_its_case(user: User, sso: Provider) -> None:
    await factories.company()
    ben = await factories.person('Ben')
    sso.add_person('ben-upper', email='Ben@ACME.test')

    async with browser(sso) as chrome:
        assert await chrome.sign_in('ben-upper') == '/'
        assert (await accounts.session_user(chrome.session_cookie))[0].id == ben.id


async def test_unknown_person_of_an_allowed_domain_is_created_as_member_without_team(
        user: User, sso: Provider, monkeypatch: pytest.MonkeyPatch) -> None:
    await factories.company()
    configure(monkeypatch, sso.url, oidc_auto_create=True, oidc_domains='acme.test, @beta.test')
    sso.add_person('nia-sub', email='nia@beta.test', name='Nia  Newcomer')

    async with browser(sso) as chrome:
        assert await chrome.sign_in('nia-sub') == '/'

    nia = await Person.get(email='nia@beta.test')
    assert (nia.name, nia.role, nia.team_id, nia.password_hash) == ('Nia Newcomer', 'member', None, None)


async def test_unknown_person_is_refused_when_auto_create_is_off(user: User, sso: Provider) -> None:
    await factories.company()
    sso.add_person('nia-sub', email='nia@acme.test')

    async with browser(sso) as chrome:
        assert await chrome.sign_in('nia-sub') == '/login?sso_error=person'
        assert chrome.session_cookie is None
    assert not await Person.exists(email='nia@acme.test')


async def test_unknown_person_of_another_domain_is_refused_even_with_auto_create(
        user: User, sso: Provider, monkeypatch: pytest.MonkeyPatch) -> None:
    await factories.company()
    configure(monkeypatch, sso.url, oidc_auto_create=True, oidc_domains='acme.test')
    sso.add_person('eve-sub', email='eve@acme.test.evil.example')

    async with browser(sso) as chrome:
        assert await chrome.sign_in('eve-sub') == '/login?sso_error=domain'
    assert not await Person.exists(email='eve@acme.test.evil.example')


async def test_deactivated_person_is_refused(user: User, sso: Provider) -> None:
    _, admin = await factories.company()
    ben = await factories.person('Ben')
    await accounts.set_active(admin, ben.id, False)
    sso.add_person('ben-sub', email='ben@acme.test')

    async with browser(sso) as chrome:
        assert await chrome.sign_in('ben-sub') == '/login?sso_error=inactive'
        assert chrome.session_cookie is None
    assert not await Session.filter(user_id=ben.id).exists()


@pytest.mark.parametrize('verified', [False, None])
async def test_unverified_or_missing_e_mail_is_refused(user: User, sso: Provider, verified: bool | None) -> None:
    await factories.company()
    await factories.person('Ben')
    sso.add_person('ben-sub', email='ben@acme.test', verified=verified)
    sso.add_person('nobody-sub', email=None)

    async with browser(sso) as chrome:
        assert await chrome.sign_in('ben-sub') == '/login?sso_error=email'
        assert await chrome.sign_in('nobody-sub') == '/login?sso_error=email'
    assert not await Session.exists()


async def test_a_missing_verified_flag_is_accepted_when_configured_so(
        user: User, sso: Provider, monkeypatch: pytest.MonkeyPatch) -> None:
    await factories.company()
    await factories.person('Ben')
    configure(monkeypatch, sso.url, oidc_allow_unverified_email=True)
    sso.add_person('ben-sub', email='ben@acme.test', verified=None)
    sso.add_person('ben-false', email='ben@acme.test', verified=False)

    async with browser(sso) as chrome:
        assert await chrome.sign_in('ben-false') == '/login?sso_error=email'
        assert await chrome.sign_in('ben-sub') == '/'


async def test_tampered_state_is_refused(user: User, sso: Provider) -> None:
    await factories.company()
    await factories.person('Ben')
    sso.add_person('ben-sub', email='ben@acme.test')

    async with browser(sso) as chrome:
        callback = await chrome.callback_for('ben-sub')
        state = query_of(callback)['state']

        landed = await chrome.back_to_okrboard(callback.replace(state, state[:-2] + 'xy'))

        assert landed == '/login?sso_error=state'
        assert chrome.session_cookie is None


async def test_a_callback_opened_in_another_browser_is_refused(user: User, sso: Provider) -> None:
    await factories.company()
    await factories.person('Ben')
    sso.add_person('ben-sub', email='ben@acme.test')
    async with browser(sso) as attacker:
        callback = await attacker.callback_for('ben-sub')

    async with browser(sso) as victim:
        assert await victim.back_to_okrboard(callback) == '/login?sso_error=state'
    assert not await Session.exists()


async def test_a_callback_works_only_once(user: User, sso: Provider) -> None:
    await factories.company()
    await factories.person('Ben')
    sso.add_person('ben-sub', email='ben@acme.test')

    async with browser(sso) as chrome:
        callback = await chrome.callback_for('ben-sub')
        assert await chrome.back_to_okrboard(callback) == '/'
        chrome.okrboard.cookies.set('okrboard_sso_state', query_of(callback)['state'], domain='127.0.0.1',
                                    path='/auth/sso')

        assert await chrome.back_to_okrboard(callback) == '/login?sso_error=state'


async def test_a_denied_sign_in_at_the_provider_is_refused(user: User, sso: Provider) -> None:
    await factories.company()

    async with browser(sso) as chrome:
        authorize = await chrome.start()
        denied = await chrome.provider_http.post(authorize, data={'action': 'deny'})

        assert await chrome.back_to_okrboard(denied.headers['location']) == '/login?sso_error=denied'


async def test_provider_down_sends_back_to_login_with_a_message(
        user: User, monkeypatch: pytest.MonkeyPatch, provider: Provider) -> None:
    await factories.company()
    configure(monkeypatch, f'http://127.0.0.1:{free_port()}')

    async with browser(provider) as chrome:
        assert await chrome.start() == '/login?sso_error=unreachable'

    await user.open('/login?sso_error=unreachable')
    await user.should_see('The sign-in service cannot be reached. Try again in a moment.')


async def test_sso_routes_do_nothing_when_sso_is_not_configured(user: User, provider: Provider) -> None:
    await factories.company()

    async with browser(provider) as chrome:
        assert await chrome.start() == '/login'
