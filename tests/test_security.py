"""Signed-out access, sessions, open tabs, permissions, redirects and headers."""
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from nicegui import Client
from nicegui.testing import User

from models.checkin import CheckIn
from models.okr import KeyResult, Objective
from pages.session import COOKIE, safe_redirect
from services import accounts, checkins, clock, events, key_results
from services.errors import Forbidden, NotFound
from tests import factories
from tests.helpers import by_testid

PUBLIC = ('/login', '/setup', '/invite/')
PROTECTED = ('/', '/tree', '/objectives', '/teams', '/cycles', '/admin/people', '/admin/import', '/profile')
HOSTILE_TARGETS = ('//evil.example/x', 'https://evil.example', '/\\evil.example', '\\\\evil.example',
                   'javascript:alert(1)', '/\t/evil.example', 'http:/evil.example')


async def sign_in(user: User, email: str, path: str = '/login') -> str:
    """Sign in through the form; the new session cookie."""
    await user.open(path)
    by_testid(user, 'login-email').type(email)
    by_testid(user, 'login-password').type(factories.PASSWORD)
    by_testid(user, 'login-submit').click()
    await user.should_see('My key results', retries=30)
    return user.http_client.cookies[COOKIE]


async def ben_with_key_result() -> tuple[object, object, KeyResult]:
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    objective = await factories.objective(await factories.cycle(), 'Grow', owner=ben)
    return admin, ben, await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)


async def open_sheet(user: User, kr: KeyResult) -> None:
    by_testid(user, 'kr-card', kr_id=kr.id).click()
    await user.should_see('Now: 4 / 10', retries=20)


async def assert_untouched(kr: KeyResult) -> None:
    assert (await KeyResult.get(id=kr.id)).current == kr.current
    assert not await CheckIn.filter(key_result_id=kr.id).exists()


def assert_local(location: str) -> None:
    """Where a browser would really go (it drops tabs and newlines, reads '\\' as '/') stays on this site."""
    seen = location.replace('\t', '').replace('\n', '').replace('\r', '').replace('\\', '/')
    assert not urlsplit(seen).scheme and not urlsplit(seen).netloc and seen.startswith('/'), location


@pytest.mark.parametrize('path', PROTECTED)
async def test_signed_out_visit_to_a_page_redirects_to_login(user: User, path: str) -> None:
    await factories.company()

    response = await user.http_client.get(path, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers['location'].startswith('/login?redirect_to=')


async def test_every_registered_page_but_the_public_ones_redirects_to_login(user: User) -> None:
    await factories.company()
    paths = {re.sub(r'\{[^}]*\}', '1', path) for path in Client.page_routes.values()}
    private = sorted(path for path in paths if not path.startswith(PUBLIC))

    for path in private:
        response = await user.http_client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers['location'].startswith('/login'), path


async def test_session_cookie_is_new_at_every_sign_in_and_gone_after_sign_out(user: User) -> None:
    _, ben, _ = await ben_with_key_result()
    await user.open('/login')
    anonymous_browser_id = user.http_client.cookies['session']

    first = await sign_in(user, 'ben@acme.test')
    assert user.http_client.cookies.get('session') != anonymous_browser_id
    by_testid(user, 'nav-logout').click()
    await user.should_see('Sign in', retries=30)
    assert COOKIE not in user.http_client.cookies
    assert await accounts.session_user(first) is None
    second = await sign_in(user, 'ben@acme.test')

    assert second != first
    assert (await accounts.session_user(second))[0].id == ben.id


async def test_sign_out_elsewhere_sends_the_open_tab_to_login(user: User) -> None:
    await ben_with_key_result()
    token = await sign_in(user, 'ben@acme.test')

    await accounts.end_session(accounts.digest(token))

    await user.should_see('Sign in', retries=30)


async def test_tab_that_missed_the_sign_out_cannot_save_a_check_in(user: User) -> None:
    _, _, kr = await ben_with_key_result()
    token = await sign_in(user, 'ben@acme.test')
    await open_sheet(user, kr)
    events.clear()  # this tab never hears of the sign-out

    await accounts.end_session(accounts.digest(token))
    by_testid(user, 'checkin-save').click()

    await user.should_see('Sign in', retries=30)
    await assert_untouched(kr)


async def test_expired_session_cannot_save_a_check_in(user: User) -> None:
    _, _, kr = await ben_with_key_result()
    await sign_in(user, 'ben@acme.test')
    await open_sheet(user, kr)

    clock.set_now(clock.now() + timedelta(hours=73))
    by_testid(user, 'checkin-save').click()

    await user.should_see('Sign in', retries=30)
    await assert_untouched(kr)


async def test_deactivation_sends_the_open_tab_to_login_and_kills_the_session(user: User) -> None:
    admin, ben, _ = await ben_with_key_result()
    token = await sign_in(user, 'ben@acme.test')

    await accounts.set_active(admin, ben.id, False)

    await user.should_see('Sign in', retries=30)
    assert await accounts.session_user(token) is None


async def test_deactivated_person_tab_that_missed_the_news_cannot_save(user: User) -> None:
    admin, ben, kr = await ben_with_key_result()
    await sign_in(user, 'ben@acme.test')
    await open_sheet(user, kr)
    events.clear()

    await accounts.set_active(admin, ben.id, False)
    by_testid(user, 'checkin-save').click()

    await user.should_see('Sign in', retries=30)
    await assert_untouched(kr)


async def test_stale_sheet_of_a_key_result_taken_away_refuses_the_save(user: User) -> None:
    admin, ben, kr = await ben_with_key_result()
    cleo = await factories.person('Cleo')
    await sign_in(user, 'ben@acme.test')
    await open_sheet(user, kr)

    await Objective.filter(id=kr.objective_id).update(owner_id=cleo.id)  # an admin hands the objective to Cleo
    await KeyResult.filter(id=kr.id).update(owner_id=cleo.id)
    by_testid(user, 'checkin-save').click()

    await user.should_see('You may not check in on this key result.', retries=30)
    await assert_untouched(kr)


async def test_check_in_on_someone_elses_key_result_is_forbidden_and_changes_nothing(database: None) -> None:
    root, _ = await factories.company()
    ben, cleo = await factories.person('Ben', team=root), await factories.person('Cleo', team=root)
    cycle = await factories.cycle()
    kr = await factories.key_result(await factories.objective(cycle, 'Hers', owner=cleo), owner=cleo, current=4)
    hidden = await factories.key_result(await factories.objective(cycle, 'Secret', owner=cleo, visibility='private'),
                                        owner=cleo, current=4)

    with pytest.raises(Forbidden):
        await checkins.record_checkin(ben, key_result_id=kr.id, value=99, confidence=9)
    with pytest.raises(NotFound):
        await checkins.record_checkin(ben, key_result_id=hidden.id, value=99, confidence=9)

    await assert_untouched(kr)
    await assert_untouched(hidden)
    assert (await key_results.card(ben, kr.id)).can_checkin is False
    assert (await key_results.card(cleo, kr.id)).can_checkin is True


@pytest.mark.parametrize('target', ['//evil.example/x', 'https://evil.example'])
async def test_sign_in_with_a_foreign_redirect_lands_on_home(user: User, target: str) -> None:
    await ben_with_key_result()

    await sign_in(user, 'ben@acme.test', f'/login?redirect_to={target}')

    assert urlsplit(user.back_history[-1]).path == '/auth/complete'
    assert 'redirect_to=%2F&' in user.back_history[-1] + '&'


@pytest.mark.parametrize('target', HOSTILE_TARGETS)
async def test_completing_sign_in_never_redirects_off_site(user: User, target: str) -> None:
    _, ben, _ = await ben_with_key_result()
    code = await accounts.start_session(ben)

    response = await user.http_client.get('/auth/complete', params={'code': code, 'redirect_to': target},
                                          follow_redirects=False)

    assert response.status_code == 303
    assert_local(response.headers['location'])


@pytest.mark.parametrize('target', HOSTILE_TARGETS)
async def test_signed_in_visit_to_login_never_redirects_off_site(user: User, target: str) -> None:
    await ben_with_key_result()
    await sign_in(user, 'ben@acme.test')

    response = await user.http_client.get('/login', params={'redirect_to': target}, follow_redirects=False)

    assert response.status_code == 303
    assert_local(response.headers['location'])


@pytest.mark.parametrize('target', HOSTILE_TARGETS)
def test_safe_redirect_keeps_only_local_paths(target: str) -> None:
    assert_local(safe_redirect(target))
    assert safe_redirect('/objectives?cycle=2') == '/objectives?cycle=2'


@pytest.mark.parametrize('path', ['/login', '/setup', '/', '/healthz'])
async def test_security_headers_are_sent(user: User, path: str) -> None:
    await factories.company()

    response = await user.http_client.get(path, follow_redirects=False)

    assert response.headers['x-content-type-options'] == 'nosniff'
    assert response.headers['x-frame-options'] == 'DENY'
    assert response.headers['referrer-policy'] == 'same-origin'
    assert "frame-ancestors 'none'" in response.headers['content-security-policy']


async def test_health_check_answers_ok(user: User) -> None:
    response = await user.http_client.get('/healthz')

    assert response.status_code == 200
    assert response.json()['status'] == 'ok'
