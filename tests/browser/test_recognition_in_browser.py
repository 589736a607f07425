"""The OKR Star and audit log pages in a real Chromium at 390x844: no sideways scrolling, text stays text."""
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import PHONE, Server, sign_in
from tests.browser.seed import XSS_IMAGE

pytestmark = pytest.mark.browser

LONG_WORD = 'Outstanding' * 12  # one word wider than a phone


def test_stars_and_audit_pages_fit_a_phone(phone: BrowserContext, server: Server, screenshots: Path) -> None:
    page = phone.new_page()
    sign_in(page, 'admin@acme.test', server.data['password'])

    page.goto('/stars')
    candidate = page.get_by_test_id('star-candidate').filter(has_text='Dan Dale')
    candidate.get_by_test_id('star-nominate').click()
    page.get_by_test_id('star-reason').fill(f'{LONG_WORD} {XSS_IMAGE}')
    page.get_by_test_id('star-save').click()
    expect(page.get_by_test_id('star-nomination').filter(has_text=XSS_IMAGE)).to_be_visible()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    assert page.locator('img[src="x"]').count() == 0
    page.screenshot(path=screenshots / 'stars.png', full_page=True)

    page.goto('/admin/audit')
    expect(page.get_by_test_id('audit-apply')).to_be_visible()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    page.screenshot(path=screenshots / 'audit.png', full_page=True)
