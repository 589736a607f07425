"""The reviews page in a real Chromium at 390x844."""
import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import PHONE, Server, sign_in

pytestmark = pytest.mark.browser


def test_reviews_page_fits_a_phone_with_its_admin_panels(phone: BrowserContext, server: Server) -> None:
    page = phone.new_page()
    sign_in(page, 'admin@acme.test', server.data['password'])

    page.goto('/reviews')

    expect(page.get_by_test_id('score-note')).to_be_visible()
    expect(page.get_by_test_id('settings-save')).to_be_visible()
    expect(page.get_by_test_id('performance-csv')).to_be_visible()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
