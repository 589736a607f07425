"""Session behaviour only a real browser shows: cookie flags, rotation, and a sign-out reaching other tabs."""
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import Server, new_phone, sign_in

pytestmark = pytest.mark.browser
COOKIE = 'okrboard_session'


def cookie(context: BrowserContext, name: str = COOKIE) -> dict | None:
    return next((found for found in context.cookies() if found['name'] == name), None)


def sign_out(page: Page) -> None:
    page.get_by_test_id('nav-menu').click()
    page.get_by_test_id('nav-logout').click()
    page.wait_for_url('**/login')


def test_session_cookie_is_http_only_same_site_and_new_at_every_sign_in(phone: BrowserContext, server: Server) -> None:
    page = phone.new_page()
    page.goto('/login')
    anonymous = cookie(phone, 'session')

    sign_in(page, 'eve@acme.test', server.data['password'])
    first = cookie(phone)
    assert first is not None and first['httpOnly'] and first['sameSite'] == 'Lax'
    assert cookie(phone, 'session')['value'] != anonymous['value']  # NiceGUI's browser id is new as well
    sign_out(page)
    assert cookie(phone) is None
    sign_in(page, 'eve@acme.test', server.data['password'])

    assert cookie(phone)['value'] != first['value']


def test_signing_out_sends_the_other_tab_to_login_and_the_old_cookie_opens_nothing(
        phone: BrowserContext, browser: Browser, server: Server) -> None:
    first, second = phone.new_page(), phone.new_page()
    sign_in(first, 'eve@acme.test', server.data['password'])
    second.goto('/')
    old = cookie(phone)

    sign_out(first)

    second.wait_for_url('**/login')
    replay = new_phone(browser, server)
    try:
        replay.add_cookies([old])
        page = replay.new_page()
        page.goto('/')
        page.wait_for_url('**/login?redirect_to=*')
    finally:
        replay.close()
