"""Single sign-on in a real browser: okrboard's button, the provider's own page, and back with a session."""
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import REPO, Server, _free_port, _seed, _wait_until_healthy, child_environment
from tests.factories_sso import CLIENT_ID, Provider, running_provider

pytestmark = pytest.mark.browser


@pytest.fixture(scope='module')
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        running.add_person('ben-sub', email='ben@acme.test')
        yield running


@pytest.fixture(scope='module')
def sso_server(provider: Provider) -> Iterator[Server]:
    """okrboard started with single sign-on pointing at the provider, and local login for admins only."""
    data_dir = Path(tempfile.mkdtemp(prefix='okrboard-sso-browser-'))
    port = _free_port()
    environment = child_environment(data_dir, port)
    data = _seed(environment)
    environment.update(OKRBOARD_OIDC_ISSUER=provider.url, OKRBOARD_OIDC_CLIENT_ID=CLIENT_ID,
                       OKRBOARD_OIDC_CLIENT_SECRET='not-so-secret', OKRBOARD_LOCAL_LOGIN='admins_only')
    started = Server(f'http://127.0.0.1:{port}', data_dir, data)
    with started.log.open('wb') as output:
        process = subprocess.Popen([sys.executable, 'main.py'], cwd=REPO, env=environment,
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(started.url, process, started.log)
        yield started
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(data_dir, ignore_errors=True)


def test_a_member_signs_in_through_the_provider_page_on_a_phone(
        sso_server: Server, browser: Browser, screenshots: Path) -> None:
    context: BrowserContext = browser.new_context(viewport={'width': 390, 'height': 844}, base_url=sso_server.url,
                                                  is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto('/login')
        expect(page.get_by_test_id('sso-start')).to_be_visible()
        page.screenshot(path=str(screenshots / 'sso-login-phone.png'))
        assert page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')
        page.get_by_test_id('sso-start').click()
        page.locator('input[name=sub]').fill('ben-sub')
        page.get_by_role('button', name='Authorize').click()

        expect(page.get_by_text('My key results').first).to_be_visible()
        assert any(cookie['name'] == 'okrboard_session' for cookie in context.cookies())
    finally:
        context.close()
    log = sso_server.log_text()
    assert ' ERROR ' not in log and 'Traceback' not in log, log[-3000:]
    assert 'ben@acme.test' not in log
