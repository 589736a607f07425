"""The calendar on a phone in a real Chromium, and its feed read back by a calendar client."""
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import PHONE, Server, sign_in

pytestmark = pytest.mark.browser


def page_width(page: Page) -> int:
    return page.evaluate('document.documentElement.scrollWidth')


def test_calendar_fits_a_phone_and_its_feed_parses(phone: BrowserContext, server: Server, screenshots: Path) -> None:
    page = phone.new_page()
    sign_in(page, 'ben@acme.test', server.data['password'])
    page.goto('/calendar')
    expect(page.get_by_test_id('calendar-subscribe')).to_be_visible()

    assert page_width(page) <= PHONE['width']
    page.screenshot(path=screenshots / 'calendar-month.png', full_page=True)
    page.get_by_test_id('calendar-view-week').click()
    expect(page.get_by_test_id('calendar-heading')).to_contain_text('Week of')
    assert page_width(page) <= PHONE['width']

    page.get_by_test_id('calendar-feed-create').click()
    url = page.get_by_test_id('calendar-feed-url')
    expect(url).to_be_visible()
    assert page_width(page) <= PHONE['width']
    page.screenshot(path=screenshots / 'calendar-week.png', full_page=True)
    link = url.input_value()
    assert link.startswith(server.url + '/calendar/') and link.endswith('.ics')

    response = httpx.get(link, timeout=10)
    assert response.status_code == 200
    summaries = [str(event['SUMMARY']) for event in Calendar.from_ical(response.content).walk('VEVENT')]
    assert any(summary.startswith('Key result due: ') for summary in summaries)
