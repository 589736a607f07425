"""Bench: a check-in's way to every open stand-up board, and what open boards cost, next to a bare NiceGUI page.

Starts okrboard with the demo company on 127.0.0.1 (written by `--demo`, then served by a fresh start), opens 1,
10 and 50 board clients (NiceGUI's socket.io protocol, bench/page_clients.py), checks in from a headless Chromium
phone page, and times each check-in from just before the Save tap to its arrival at every board; counts the app's
queries per check-in and reads its memory. Then does the same with bench/bare_page.py, a NiceGUI app with a
board-like page of the same size and no database, so each figure is also a ratio to bare NiceGUI.
Ends with status 1 when a budget is exceeded, 2 when the bench itself fails. See bench/README.md.
"""
import argparse
import asyncio
import json
import logging
import math
import os
import shutil
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the app's modules live in the repository root

from playwright.async_api import Browser, Locator, Page, async_playwright, expect  # noqa: E402 (the path above comes first)

from bench.board_demo import DemoBoard, demo_board  # noqa: E402
from bench.board_measure import Run, Subject, measure  # noqa: E402
from bench.board_report import report, results  # noqa: E402
from bench.common import Server, child_environment, counting_app, free_port, note, rss_mb, serving  # noqa: E402
from bench.page_clients import Watch  # noqa: E402
from pages.session import COOKIE  # noqa: E402

LEVELS = (1, 10, 50)
MAX_BOARDS = 60
CHECKINS = 10
MAX_CHECKINS = 20
RUN_TIMEOUT = 175.0  # seconds for the whole bench, both apps
DEMO_PASSWORD = 'bench-demo-password'  # nobody signs in with it: sessions are made in the database
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync', '--no-first-run']


def okrboard(scratch: Path, *arguments: str) -> AbstractContextManager[Server]:
    """okrboard on a free port of 127.0.0.1, its data in `scratch`, counting its queries."""
    port, data = free_port(), scratch / 'okrboard'
    environment = child_environment(
        OKRBOARD_HOST='127.0.0.1', OKRBOARD_PORT=str(port), OKRBOARD_DATA_DIR=str(data),
        OKRBOARD_DATABASE_URL=_database_url(scratch), OKRBOARD_DEFAULT_LOCALE='en',
        NICEGUI_STORAGE_PATH=str(data / '.nicegui'))
    return serving(counting_app(*arguments), port, scratch / 'okrboard.log', environment)


def _database_url(scratch: Path) -> str:
    return f'sqlite://{scratch / "okrboard" / "okrboard.sqlite3"}'


async def okrboard_run(scratch: Path, browser: Browser, levels: tuple[int, ...],
                       checkins: int) -> tuple[Run, DemoBoard, float]:
    """okrboard with the demo company, its largest team's board, check-ins by the owner of a number key result.

    `--demo` writes the company inside the server process before it serves, and the memory that takes stays with
    the process; so that start only writes the company (its memory is the third result), and a second start,
    as a deployment would run, serves it.
    """
    note('okrboard: writing the demo company (python main.py --demo)')
    with okrboard(scratch, '--demo', '--demo-password', DEMO_PASSWORD) as loader:
        demo_rss_mb = rss_mb(loader.pid)
    note('okrboard: serving it (python main.py)')
    with okrboard(scratch) as server:
        board = await demo_board(_database_url(scratch), max(levels))

        async def check_in(page: Page, number: int) -> float:
            await _tap(page.locator(f'[data-testid=kr-card][data-kr-id="{board.key_result_id}"]'))
            save = page.get_by_test_id('checkin-save')
            await expect(save).to_be_in_viewport(ratio=1)  # the sheet has slid up
            await page.get_by_test_id('checkin-value').fill(f'{checked_in_value(board.start_value, number):g}')
            return await _tap(save)

        async def sheet_closed(page: Page) -> None:
            await expect(page.get_by_test_id('checkin-save')).to_be_hidden()

        subject = Subject(
            'okrboard', server, board.path,
            Watch((('data-testid', 'board-kr'), ('data-kr-id', str(board.key_result_id))), 'board-kr-value'),
            lambda number: {COOKIE: board.board_tokens[number]}, '/', {COOKIE: board.phone_token},
            check_in, sheet_closed, counts_queries=True)
        return await measure(subject, browser, levels, checkins), board, demo_rss_mb


async def bare_run(scratch: Path, browser: Browser, levels: tuple[int, ...], checkins: int,
                   shape: tuple[int, int], push: str) -> Run:
    """bench/bare_page.py shaped like the board (as many cards as people, rows for its key results)."""
    port, cards = free_port(), max(1, shape[0])
    rows = max(1, math.ceil(shape[1] / cards))
    command = [sys.executable, str(Path(__file__).with_name('bare_page.py')), '--port', str(port), '--push', push,
               '--cards', str(cards), '--rows', str(rows)]
    environment = child_environment(NICEGUI_STORAGE_PATH=str(scratch / 'bare' / '.nicegui'))
    note(f'bare NiceGUI: starting, {cards} cards of {rows} rows, push: {push}')
    with serving(command, port, scratch / 'bare.log', environment) as server:

        async def save(page: Page, number: int) -> float:
            await page.get_by_test_id('bare-input').fill(str(1 + number % 2))
            return await _tap(page.get_by_test_id('bare-save'))

        async def nothing_to_wait_for(page: Page) -> None:
            return None

        subject = Subject('bare NiceGUI', server, '/', Watch((('data-row-id', '0-0'),), 'bare-value'),
                          lambda number: {}, '/phone', {}, save, nothing_to_wait_for, counts_queries=False)
        return await measure(subject, browser, levels, checkins)


def checked_in_value(start: float, number: int) -> float:
    """Small steps to and fro: each check-in changes the value, none by enough to change its status or order."""
    return round(start + 0.01 * (1 + number % 2), 2)


async def _tap(button: Locator) -> float:
    """Tap once the button can take it; the time just before the tap."""
    await expect(button).to_be_visible()
    await expect(button).to_be_enabled()
    started = time.perf_counter()
    # The click event itself. A full Playwright click costs about 25 ms more of its own round trips here, and
    # would wait for the previous "saved" notice, which covers the bottom of the screen, to go (5 s).
    await button.dispatch_event('click')
    return started


def board_shape(elements: dict[str, dict]) -> tuple[int, int]:
    """People and key results on the board, as the first board client received it."""
    testids = [element.get('props', {}).get('data-testid') for element in elements.values()]
    return testids.count('board-person'), testids.count('board-kr')


async def bench(levels: tuple[int, ...], checkins: int, chromium: str, bare_push: str) -> dict:
    with tempfile.TemporaryDirectory(prefix='okrboard-bench-board-') as scratch:
        async with async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                mine, board, demo_rss_mb = await okrboard_run(Path(scratch), browser, levels, checkins)
                shape = board_shape(mine.first_page)
                bare = await bare_run(Path(scratch), browser, levels, checkins, shape, bare_push)
            finally:
                await browser.close()
    found = results(mine, bare, board, shape, bare_push, checkins)
    found['idle_rss_mb']['okrboard_right_after_demo_load'] = round(demo_rss_mb, 1)
    found['load_average'] = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--levels', type=int, nargs='+', default=list(LEVELS),
                        help=f'numbers of open boards, at most {MAX_BOARDS}')
    parser.add_argument('--checkins', type=int, default=CHECKINS, help=f'check-ins per level, at most {MAX_CHECKINS}')
    parser.add_argument('--json', type=Path, help='also write the results to this file')
    parser.add_argument('--bare-push', choices=('text', 'rebuild'), default='text',
                        help="the bare page's update: one label's text, or all its cards rebuilt")
    parser.add_argument('--chromium', default=shutil.which('chromium'), help='the Chromium binary (default: on PATH)')
    options = parser.parse_args()
    levels = tuple(sorted({min(max(1, level), MAX_BOARDS) for level in options.levels}))
    checkins = min(max(1, options.checkins), MAX_CHECKINS)
    if not options.chromium or not Path(options.chromium).exists():
        parser.error('Chromium not found: install Debian\'s chromium or pass --chromium')
    logging.disable(logging.WARNING)  # the apps' and clients' chatter; the table is what matters here
    began = time.monotonic()
    try:
        found = asyncio.run(asyncio.wait_for(bench(levels, checkins, options.chromium, options.bare_push), RUN_TIMEOUT))
    except TimeoutError:
        _fail(f'not done within {RUN_TIMEOUT:.0f} s')
    except Exception as error:  # a server that did not start, a page that did not load: no figures to give
        _fail(f'{type(error).__name__}: {error}')
    found['seconds'] = round(time.monotonic() - began, 1)
    sys.stdout.write(report(found) + '\n')
    if options.json:
        options.json.write_text(json.dumps(found, indent=2) + '\n')
    if not all(budget['ok'] for budget in found['budgets']):
        sys.exit(1)


def _fail(reason: str) -> None:
    """Status 2: the bench itself failed (status 1 means a budget was exceeded)."""
    sys.stderr.write(f'bench_board failed: {reason}\n')
    sys.exit(2)


if __name__ == '__main__':
    main()
