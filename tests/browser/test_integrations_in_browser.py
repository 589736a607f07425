"""The data-source section on a phone: link a key result to Jira, sync, see the failure; nothing scrolls sideways."""
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import PHONE, Server, sign_in
from tests.browser.seed import TITLES

pytestmark = pytest.mark.browser

UNREACHABLE = 'http://127.0.0.1:9'  # the discard port: nothing listens, so the sync fails at once


def test_linking_on_a_phone_shows_the_failed_sync_and_fits_the_screen(phone: BrowserContext, server: Server,
                                                                      screenshots: Path) -> None:
    ((kr_id, objective_id),) = server.query(
        'SELECT key_result.id, objective.id FROM key_result JOIN objective ON objective.id = objective_id '
        'JOIN user ON user.id = objective.owner_id WHERE user.email = ? AND key_result.title = ?',
        'mia.moss@acme.test', TITLES[0])
    page = phone.new_page()
    sign_in(page, 'mia.moss@acme.test', server.data['password'])
    page.goto(f'/objective/{objective_id}')

    page.locator(f'[data-testid=ds-link][data-kr-id="{kr_id}"]').click()
    page.get_by_test_id('ds-url').fill(UNREACHABLE)
    page.get_by_test_id('ds-jql').fill('project = OKR AND statusCategory = Done')
    page.get_by_test_id('ds-token').fill('browser-secret-token')
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    page.screenshot(path=screenshots / 'data-source-form.png')
    page.get_by_test_id('ds-save').click()
    page.locator(f'[data-testid=ds-section][data-kr-id="{kr_id}"]').click()
    page.locator(f'[data-testid=ds-sync][data-kr-id="{kr_id}"]').click()

    error = page.locator(f'[data-testid=ds-error][data-kr-id="{kr_id}"]')
    expect(error).to_have_text('Sync failed: Could not reach the server.')
    expect(page.locator(f'[data-testid=ds-sync][data-kr-id="{kr_id}"]')).to_be_visible()  # still open after the rebuild
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    assert 'browser-secret-token' not in page.content()
    page.screenshot(path=screenshots / 'data-source-failed.png', full_page=True)
    assert server.query('SELECT COUNT(*) FROM checkin WHERE key_result_id = ?', kr_id) == [(0,)]
