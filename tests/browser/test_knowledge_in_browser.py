"""The knowledge base and the retrospective on a 390x844 phone in a real Chromium."""
import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import PHONE, Server, sign_in

pytestmark = pytest.mark.browser

LONG_WORD = 'Onboarding' * 12  # no place to wrap: the card must still fit


def test_lesson_and_retrospective_fit_a_phone(phone: BrowserContext, server: Server) -> None:
    page = phone.new_page()
    sign_in(page, 'admin@acme.test', server.data['password'])
    page.goto('/knowledge')
    page.get_by_test_id('knowledge-new').click()
    page.get_by_test_id('lesson-title').fill(LONG_WORD)
    page.get_by_test_id('lesson-body').fill('客户留存靠每周回访')
    page.get_by_test_id('lesson-save').click()

    expect(page.get_by_test_id('knowledge-item').first).to_contain_text('客户留存')
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    assert server.query('SELECT COUNT(*) FROM knowledge_fts WHERE knowledge_fts MATCH ?', '"留存靠"') == [(1,)]

    page.goto('/retrospective')
    expect(page.get_by_test_id('retro-title')).to_contain_text('This quarter')
    expect(page.get_by_test_id('retro-scores')).to_be_visible()
    page.get_by_test_id('retro-gains').fill('Weekly check-ins stuck')
    page.get_by_test_id('retro-save').click()
    expect(page.get_by_text('Retrospective saved')).to_be_visible()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    assert server.query('SELECT gains FROM retrospective') == [('Weekly check-ins stuck',)]
