"""The stand-up board in a real Chromium: a TV at 1920x1080 follows phones, other screens and lost connections."""
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.browser.conftest import REPO, Server, child_environment, new_phone, sign_in

pytestmark = pytest.mark.browser
TV = {'width': 1920, 'height': 1080}


@pytest.fixture
def tv(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=TV, base_url=server.url)
    context.set_default_timeout(10_000)
    yield context
    context.close()


def open_board(context: BrowserContext, server: Server, email: str = 'gina.gray@acme.test') -> Page:
    page = context.new_page()
    sign_in(page, email, server.data['password'])
    page.goto(f'/board?team={server.data["squad_team"]}&cycle={server.data["cycle"]}')
    expect(page.get_by_test_id('board-kr').first).to_be_visible()
    page.evaluate('window.notReloaded = true')
    return page


def board_value(page: Page, kr_id: int) -> Locator:
    return page.locator(f'[data-testid=board-kr][data-kr-id="{kr_id}"]').get_by_test_id('board-kr-value')


def check_in_one_more(phone: BrowserContext, server: Server, email: str, kr_id: int) -> None:
    page = phone.new_page()
    sign_in(page, email, server.data['password'])
    page.locator(f'[data-testid=kr-card][data-kr-id="{kr_id}"]').click()
    page.get_by_test_id('checkin-plus').click()
    page.get_by_test_id('checkin-save').click()
    expect(page.get_by_test_id('checkin-save')).to_be_hidden()


def test_check_in_on_a_phone_moves_the_board_on_the_tv_without_a_reload(tv: BrowserContext, phone: BrowserContext,
                                                                         server: Server) -> None:
    kr_id = server.data['finn_kr']
    board = open_board(tv, server)
    expect(board_value(board, kr_id)).to_have_text('0 / 10')

    check_in_one_more(phone, server, 'finn.ford@acme.test', kr_id)

    expect(board_value(board, kr_id)).to_have_text('1 / 10')
    row = board.locator(f'[data-testid=board-kr][data-kr-id="{kr_id}"]')
    expect(row.get_by_test_id('board-kr-change')).to_have_text('+10%')
    assert board.evaluate('window.notReloaded') is True


def test_a_team_of_eight_fits_the_tv_without_scrolling(tv: BrowserContext, server: Server, screenshots: Path) -> None:
    board = open_board(tv, server)
    expect(board.get_by_test_id('board-person')).to_have_count(8)
    expect(board.get_by_test_id('board-kr')).to_have_count(32)

    height, width = board.evaluate('[document.documentElement.scrollHeight, document.documentElement.scrollWidth]')
    board.screenshot(path=str(screenshots / 'board-tv-team-of-eight.png'))
    assert width <= TV['width'] and height <= TV['height'], f'the board needs scrolling: {width}x{height}'
    for row in board.get_by_test_id('board-kr').all():
        expect(row).to_be_in_viewport(ratio=1)


def test_timer_presenter_and_notes_are_shared_by_every_screen(tv: BrowserContext, browser: Browser,
                                                               server: Server) -> None:
    first = open_board(tv, server)
    other = browser.new_context(viewport=TV, base_url=server.url)
    other.set_default_timeout(10_000)
    try:
        second = open_board(other, server, 'hugo.hart@acme.test')

        first.get_by_test_id('board-timer-start').click()
        expect(second.get_by_test_id('board-timer-start')).to_contain_text('Pause')
        expect(second.get_by_test_id('board-timer')).to_have_text('14:58', timeout=5_000)  # ticking on its own

        first.get_by_test_id('board-next').click()
        expect(second.get_by_test_id('board-presenting')).to_be_visible()
        expect(first.get_by_test_id('board-person')).to_have_count(1)
        presented = first.locator('[data-testid=board-person]').get_attribute('data-person-id')
        expect(second.get_by_test_id('board-person')).to_have_attribute('data-person-id', presented)
        second.get_by_test_id('board-stop-presenting').click()
        expect(first.get_by_test_id('board-person')).to_have_count(8)

        first.get_by_test_id('board-notes').fill('Decision: ship the cache on Monday')
        first.get_by_test_id('board-notes-save').click()
        expect(second.get_by_test_id('board-notes')).to_have_value('Decision: ship the cache on Monday')

        second.get_by_test_id('board-end-meeting').click()
        second.get_by_test_id('board-end-confirm').click()
        expect(first.get_by_test_id('board-notes')).to_have_value('')
        expect(first.get_by_test_id('board-timer')).to_have_text('15:00')
        assert server.query('SELECT notes FROM standup WHERE ended_at IS NOT NULL') == [
            ('Decision: ship the cache on Monday',)]

        first.goto(f'/team/{server.data["squad_team"]}')
        expect(first.get_by_test_id('team-minutes')).to_contain_text('Decision: ship the cache on Monday')
    finally:
        other.close()


def test_a_board_that_lost_its_connection_says_so_and_catches_up(tv: BrowserContext, browser: Browser,
                                                                 server: Server) -> None:
    kr_id = server.data['gina_kr']
    board = open_board(tv, server)
    before = board_value(board, kr_id).inner_text()

    board.evaluate('window.socket.disconnect()')
    expect(board.get_by_test_id('board-reconnecting')).to_be_visible()
    phone = new_phone(browser, server)
    try:
        check_in_one_more(phone, server, 'gina.gray@acme.test', kr_id)
    finally:
        phone.close()
    expect(board_value(board, kr_id)).to_have_text(before)  # nothing arrives while offline

    board.evaluate('window.socket.connect()')
    expect(board.get_by_test_id('board-reconnecting')).to_be_hidden()
    expect(board_value(board, kr_id)).not_to_have_text(before)


def test_an_import_from_the_command_line_appears_on_an_open_board(tv: BrowserContext, server: Server,
                                                                  tmp_path: Path) -> None:
    board = open_board(tv, server)
    sheet = tmp_path / 'more.csv'
    sheet.write_text('cycle,team,objective,objective_owner,key_result,owner,type,start,target,current\n'
                     'This quarter,Platform,Mia Moss ships faster,mia.moss@acme.test,'
                     'Automate the release checklist,mia.moss@acme.test,number,0,10,3\n')
    port = server.url.rsplit(':', 1)[1]

    done = subprocess.run([sys.executable, 'main.py', 'import', str(sheet)], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env=child_environment(server.data_dir, int(port)), check=False)

    assert done.returncode == 0, done.stdout + done.stderr
    expect(board.get_by_text('Automate the release checklist')).to_be_visible()
    assert board.evaluate('window.notReloaded') is True
