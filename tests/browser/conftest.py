"""A real okrboard process on 127.0.0.1 and Debian's headless Chromium, shared by the browser tests."""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                  '--disable-background-networking', '--disable-component-update', '--disable-sync',
                  '--no-first-run', '--disable-quic']
PHONE = {'width': 390, 'height': 844}
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class Server:
    """The app under test: where it listens, its data folder, and the ids of the data seeded before it started."""
    url: str
    data_dir: Path
    data: dict

    @property
    def log(self) -> Path:
        return self.data_dir / 'server.log'

    def log_text(self) -> str:
        return self.log.read_text(errors='replace')

    def query(self, sql: str, *params: object) -> list[tuple]:
        """Read the app's database directly, as the truth behind what the browser shows."""
        connection = sqlite3.connect(f'file:{self.data_dir / "okrboard.sqlite3"}?mode=ro', uri=True)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def child_environment(data_dir: Path, port: int) -> dict[str, str]:
    """The parent's environment minus whatever tells NiceGUI or okrboard that it runs under pytest."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(('PYTEST_', 'NICEGUI_', 'OKRBOARD_'))}
    environment.update(OKRBOARD_DATA_DIR=str(data_dir), NICEGUI_STORAGE_PATH=str(data_dir / '.nicegui'),
                       OKRBOARD_DEFAULT_LOCALE='en', OKRBOARD_HOST='127.0.0.1', OKRBOARD_PORT=str(port))
    return environment


def _seed(environment: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, '-m', 'tests.browser.seed'], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=START_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f'seeding the browser test database failed:\n{done.stderr[-3000:]}')
    return json.loads(done.stdout.strip().splitlines()[-1])


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f'okrboard exited with {process.returncode}:\n{log.read_text()[-3000:]}')
        try:
            if httpx.get(f'{url}/healthz', timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f'okrboard was not healthy within {START_TIMEOUT:.0f} s:\n{log.read_text()[-3000:]}')


@pytest.fixture(scope='session')
def server() -> Iterator[Server]:
    """`python main.py` on a free port with a fresh data folder seeded before start; stopped by its pid."""
    data_dir = Path(tempfile.mkdtemp(prefix='okrboard-browser-'))
    port = _free_port()
    environment = child_environment(data_dir, port)
    data = _seed(environment)
    started = Server(f'http://127.0.0.1:{port}', data_dir, data)
    with started.log.open('wb') as output:
        process = subprocess.Popen([sys.executable, 'main.py'], cwd=REPO, env=environment,
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(started.url, process, started.log)
        yield started
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(data_dir, ignore_errors=True)


# Package scope, not session: between calls sync Playwright marks its event loop as running in this thread,
# which would break every asyncio test that pytest runs after the browser tests.
@pytest.fixture(scope='package')
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip('Chromium is not installed (apt-get install chromium)')
    driver: Playwright
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def no_server_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """As with NiceGUI's user fixture, an ERROR or a traceback in the app's log fails the test."""
    if 'server' not in request.fixturenames:
        yield
        return
    started: Server = request.getfixturevalue('server')
    before = len(started.log_text())
    yield
    new = started.log_text()[before:]
    assert ' ERROR ' not in new and 'Traceback' not in new, f'the app logged an error:\n{new[-3000:]}'


def new_phone(browser: Browser, server: Server) -> BrowserContext:
    """A fresh phone-sized browser profile with its own cookies."""
    context = browser.new_context(viewport=PHONE, base_url=server.url, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def phone(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = new_phone(browser, server)
    yield context
    context.close()


@pytest.fixture
def screenshots() -> Path:
    """Where screenshots go for people to look at: $OKRBOARD_SCREENSHOTS, else a temporary folder."""
    folder = Path(os.environ.get('OKRBOARD_SCREENSHOTS') or tempfile.mkdtemp(prefix='okrboard-screens-'))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto('/login')
    page.get_by_test_id('login-email').fill(email)  # Quasar puts data-testid on the native <input>
    page.get_by_test_id('login-password').fill(password)
    page.get_by_test_id('login-submit').click()
    expect(page.get_by_text('My key results').first).to_be_visible()
