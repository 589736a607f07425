"""A weekly report in a real phone-sized browser: hostile text stays text, nothing runs, nothing scrolls sideways."""
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Dialog, expect

from tests.browser.conftest import PHONE, Server, sign_in
from tests.browser.seed import XSS_IMAGE, XSS_SCRIPT

pytestmark = pytest.mark.browser
JAVASCRIPT_LINK = '<a href="javascript:alert(3)">open</a>'


def test_report_with_script_image_and_javascript_link_shows_them_as_text(phone: BrowserContext, server: Server,
                                                                         screenshots: Path) -> None:
    dialogs: list[str] = []
    page = phone.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on('dialog', record)
    sign_in(page, 'eve@acme.test', server.data['password'])
    page.goto('/my-reports')
    page.screenshot(path=screenshots / 'my-report-phone.png', full_page=True)
    for key, text in (('achievements', XSS_SCRIPT), ('problems', XSS_IMAGE), ('plan', JAVASCRIPT_LINK)):
        page.locator(f'[data-testid=report-answer][data-key={key}]').fill(text)
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    page.get_by_test_id('report-submit').click()
    expect(page.get_by_text('Report submitted')).to_be_visible()

    ((report_id,),) = server.query("SELECT r.id FROM report r JOIN user u ON u.id = r.person_id "
                                   "WHERE u.email = 'eve@acme.test' AND r.status = 'submitted'")
    page.goto(f'/report/{report_id}')
    page.screenshot(path=screenshots / 'report-phone.png', full_page=True)

    shown = page.get_by_test_id('report-text')
    for text in (XSS_SCRIPT, XSS_IMAGE, JAVASCRIPT_LINK):
        expect(shown.get_by_text(text, exact=True)).to_be_visible()
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert dialogs == []
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']


def test_report_templates_fit_a_phone(phone: BrowserContext, server: Server, screenshots: Path) -> None:
    page = phone.new_page()
    sign_in(page, 'admin@acme.test', server.data['password'])

    page.goto('/admin/report-templates')

    expect(page.get_by_text('Sections of the weekly report')).to_be_visible()
    page.screenshot(path=screenshots / 'report-templates-phone.png', full_page=True)
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
