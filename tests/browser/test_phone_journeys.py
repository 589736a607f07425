"""Phone journeys in a real Chromium at 390x844: check-in, layout, hostile titles, two people saving at once."""
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Locator, Page, expect

from tests.browser.conftest import PHONE, Server, new_phone, sign_in
from tests.browser.seed import XSS_IMAGE, XSS_SCRIPT

pytestmark = pytest.mark.browser


def open_sheet(page: Page, kr_id: int) -> None:
    page.locator(f'[data-testid=kr-card][data-kr-id="{kr_id}"]').click()
    expect(page.get_by_test_id('checkin-save')).to_be_in_viewport(ratio=1)  # the sheet has slid up: Save is in reach


def card_value(page: Page, kr_id: int) -> Locator:
    return page.locator(f'[data-testid=kr-card][data-kr-id="{kr_id}"]').get_by_test_id('kr-value')


def set_slider(slider: Locator, fraction: float) -> None:
    """Tap a slider's track where the wanted value lies, as a thumb would."""
    track = slider.locator('.q-slider__track').bounding_box()
    assert track is not None
    slider.page.mouse.click(track['x'] + track['width'] * fraction, track['y'] + track['height'] / 2)


def page_width(page: Page) -> int:
    return page.evaluate('document.documentElement.scrollWidth')


def test_employee_checks_in_from_the_phone_and_finds_the_note_in_history(phone: BrowserContext, server: Server) -> None:
    kr_id = server.data['customers_kr']
    page = phone.new_page()
    sign_in(page, 'ben@acme.test', server.data['password'])
    expect(card_value(page, kr_id)).to_have_text('4 / 10')
    page.evaluate('window.notReloaded = true')

    open_sheet(page, kr_id)
    page.get_by_test_id('checkin-plus').click()
    expect(page.get_by_test_id('checkin-value')).to_have_value('5')
    set_slider(page.get_by_test_id('checkin-confidence'), 8 / 10)
    expect(page.get_by_text('Confidence: 8 / 10')).to_be_visible()
    page.get_by_test_id('checkin-note').fill('Two pilots signed')
    page.get_by_test_id('checkin-save').click()

    expect(page.get_by_test_id('checkin-save')).to_be_hidden()
    expect(card_value(page, kr_id)).to_have_text('5 / 10')
    assert page.evaluate('window.notReloaded') is True
    assert server.query('SELECT current, confidence FROM key_result WHERE id = ?', kr_id) == [(5.0, 8)]

    open_sheet(page, kr_id)
    page.get_by_test_id('checkin-history').click()
    history = page.get_by_test_id('kr-history')
    expect(history).to_contain_text('Two pilots signed')
    expect(history).to_contain_text('confidence 8')


def test_home_fits_a_phone_and_screenshots_are_kept_for_review(phone: BrowserContext, server: Server,
                                                               screenshots: Path) -> None:
    page = phone.new_page()
    sign_in(page, 'ben@acme.test', server.data['password'])
    expect(page.get_by_test_id('kr-card')).to_have_count(2)

    assert page_width(page) <= PHONE['width']
    page.screenshot(path=screenshots / 'home.png', full_page=True)
    open_sheet(page, server.data['customers_kr'])
    assert page_width(page) <= PHONE['width']
    page.screenshot(path=screenshots / 'checkin-sheet.png')
    page.goto('/tree')
    page.wait_for_load_state('networkidle')
    page.screenshot(path=screenshots / 'tree.png', full_page=True)
    assert page_width(page) <= PHONE['width']


def test_hostile_titles_and_notes_show_as_text_and_run_nothing(phone: BrowserContext, server: Server) -> None:
    dialogs: list[str] = []
    page = phone.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on('dialog', record)
    sign_in(page, 'cleo@acme.test', server.data['password'])
    page.wait_for_load_state('networkidle')

    expect(page.get_by_text(XSS_SCRIPT, exact=True)).to_be_visible()
    expect(page.get_by_text(XSS_IMAGE, exact=True).first).to_be_visible()
    open_sheet(page, server.data['hostile_kr'])
    page.get_by_test_id('checkin-note').fill(XSS_IMAGE)
    page.get_by_test_id('checkin-save').click()
    expect(page.get_by_test_id('checkin-save')).to_be_hidden()
    open_sheet(page, server.data['hostile_kr'])
    page.get_by_test_id('checkin-history').click()
    expect(page.get_by_test_id('kr-history').get_by_text(XSS_IMAGE, exact=True)).to_be_visible()
    page.wait_for_load_state('networkidle')

    assert page.locator('img[src="x"]').count() == 0
    assert dialogs == []


def test_second_phone_saving_a_stale_sheet_sees_the_conflict_and_overwrites_nothing(
        phone: BrowserContext, browser: Browser, server: Server) -> None:
    kr_id = server.data['tickets_kr']
    other_phone = new_phone(browser, server)
    try:
        first, second = phone.new_page(), other_phone.new_page()
        for page in (first, second):
            sign_in(page, 'dan@acme.test', server.data['password'])
            open_sheet(page, kr_id)

        first.get_by_test_id('checkin-value').fill('55')
        first.get_by_test_id('checkin-save').click()
        expect(first.get_by_test_id('checkin-save')).to_be_hidden()
        second.get_by_test_id('checkin-value').fill('70')
        second.get_by_test_id('checkin-save').click()

        conflict = second.get_by_test_id('checkin-conflict')
        expect(conflict).to_be_visible()
        expect(conflict).to_contain_text('55 / 100')
        assert server.query('SELECT current FROM key_result WHERE id = ?', kr_id) == [(55.0,)]
        assert server.query('SELECT value FROM checkin WHERE key_result_id = ?', kr_id) == [(55.0,)]
    finally:
        other_phone.close()
