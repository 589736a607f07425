"""Comments in a real phone-sized browser: hostile text stays text, links are safe, nothing scrolls sideways."""
import pytest
from playwright.sync_api import BrowserContext, Dialog, expect

from tests.browser.conftest import PHONE, Server, sign_in
from tests.browser.seed import XSS_IMAGE, XSS_SCRIPT

pytestmark = pytest.mark.browser
JAVASCRIPT_LINK = '[x](javascript:alert(1))'


def test_hostile_comments_show_as_text_run_nothing_and_links_only_open_web_pages(phone: BrowserContext,
                                                                                  server: Server) -> None:
    dialogs: list[str] = []
    page = phone.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on('dialog', record)
    ((objective_id,),) = server.query('SELECT id FROM objective WHERE title = ?', 'Answer every ticket')
    sign_in(page, 'eve@acme.test', server.data['password'])
    page.goto(f'/objective/{objective_id}')
    box = page.locator('[data-testid=comment-input][data-thread=objective]')

    for text in (XSS_SCRIPT, XSS_IMAGE, JAVASCRIPT_LINK, 'javascript:alert(1) and https://example.com/ok'):
        box.fill(text)
        page.locator('[data-testid=comment-submit][data-thread=objective]').click()
        expect(page.get_by_test_id('comment-body').filter(has_text=text.split(' ')[0]).first).to_be_visible()
    page.wait_for_load_state('networkidle')

    bodies = page.get_by_test_id('comment-body')
    expect(bodies.get_by_text(XSS_SCRIPT, exact=True)).to_be_visible()
    expect(bodies.get_by_text(XSS_IMAGE, exact=True)).to_be_visible()
    expect(bodies.get_by_text(JAVASCRIPT_LINK, exact=True)).to_be_visible()
    links = bodies.locator('a')
    expect(links).to_have_count(1)
    assert links.get_attribute('href') == 'https://example.com/ok'
    assert links.get_attribute('target') == '_blank' and links.get_attribute('rel') == 'noopener noreferrer'
    assert page.locator('img[src="x"]').count() == 0
    assert dialogs == []
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']


def test_feedback_page_fits_a_phone_and_sends_without_a_name(phone: BrowserContext, server: Server) -> None:
    page = phone.new_page()
    sign_in(page, 'dan@acme.test', server.data['password'])
    page.goto('/feedback')

    page.get_by_test_id('feedback-text').fill('Fewer meetings about OKRs, please')
    page.get_by_test_id('feedback-send').click()

    expect(page.get_by_text('Thank you. Your feedback was sent without your name.')).to_be_visible()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    assert 'Fewer meetings' not in server.log_text()
