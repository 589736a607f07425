"""The webhooks page on a phone in a real Chromium: add, read the secret, delete, never wider than the screen."""
import re

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import PHONE, Server, sign_in

pytestmark = pytest.mark.browser


def test_admin_manages_a_webhook_on_a_phone_without_sideways_scrolling(phone: BrowserContext, server: Server) -> None:
    url = 'http://127.0.0.1:9/' + 'okr-events/' * 12  # switched off below: nothing is ever sent there
    page = phone.new_page()
    sign_in(page, 'admin@acme.test', server.data['password'])
    page.goto('/admin/webhooks')

    page.get_by_test_id('webhook-url').fill(url)
    page.get_by_test_id('webhook-active').click()
    page.get_by_test_id('webhook-save').click()

    expect(page.get_by_test_id('webhook-secret')).to_have_value(re.compile('^whsec_'))
    assert page.get_by_test_id('webhook-secret').input_value() == server.query('SELECT secret FROM webhook')[0][0]
    expect(page.get_by_text(url)).to_be_visible()
    assert server.query('SELECT url, active FROM webhook') == [(url, 0)]
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']

    webhook_id = server.query('SELECT id FROM webhook')[0][0]
    page.get_by_test_id(f'webhook-delete-{webhook_id}').click()
    page.get_by_test_id('webhook-delete-confirm').click()
    expect(page.get_by_text('No webhooks yet.')).to_be_visible()
    assert server.query('SELECT count(*) FROM webhook') == [(0,)]
