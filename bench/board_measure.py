"""One app under the board bench: open N board clients, make changes from a phone, time their arrival, read memory."""
import asyncio
import itertools
import math
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import httpx
from playwright.async_api import Browser, Page

from bench.common import Server, note, percentile, rss_mb
from bench.page_clients import Audience, PageClient, Watch

PHONE = {'width': 390, 'height': 844}
OPEN_TIMEOUT = 15.0  # seconds for one board client to load its page and connect
ARRIVAL_TIMEOUT = 10.0  # seconds for a change to reach every board
SETTLE = 1.0  # seconds of quiet after the boards open, before measuring
GAP = 0.3  # seconds between two changes, once the last one has settled
QUERIES_SETTLE = 3.0  # at most this long for the server's query count to stop moving after a change


@dataclass
class Level:
    """What one number of open boards measured."""
    clients: int
    latencies_ms: list[float] = field(default_factory=list)  # one per (change, board) pair that arrived
    first_ms: list[float] = field(default_factory=list)  # per change: until the first board had it
    last_ms: list[float] = field(default_factory=list)  # per change: until the last board had it
    missed: int = 0  # (change, board) pairs that did not arrive in time
    queries: list[int] = field(default_factory=list)  # per change, when the app counts them
    elements: list[int] = field(default_factory=list)  # per (change, board): elements in the update that carried it
    rss_mb: float = 0.0  # after the changes

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else math.nan

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies_ms, 0.95) if self.latencies_ms else math.nan

    @property
    def first_median_ms(self) -> float:
        return statistics.median(self.first_ms) if self.first_ms else math.nan

    @property
    def last_p95_ms(self) -> float:
        return percentile(self.last_ms, 0.95) if self.last_ms else math.nan

    @property
    def median_elements(self) -> float | None:
        return statistics.median(self.elements) if self.elements else None

    @property
    def median_queries(self) -> float | None:
        return statistics.median(self.queries) if self.queries else None


@dataclass
class Run:
    name: str
    idle_rss_mb: float
    levels: list[Level]
    first_page: dict[str, dict]  # the first board client's element tree, to size the bare page after it


@dataclass(frozen=True)
class Subject:
    """An app served on 127.0.0.1, its board page, and how its phone page makes the n-th change."""
    name: str
    server: Server
    board_path: str
    watch: Watch
    board_cookies: Callable[[int], dict[str, str]]
    phone_path: str
    phone_cookies: dict[str, str]
    change: Callable[[Page, int], Awaitable[float]]  # returns perf_counter() just before the save click
    settled: Callable[[Page], Awaitable[None]]
    counts_queries: bool


async def measure(subject: Subject, browser: Browser, levels: tuple[int, ...], changes_per_level: int) -> Run:
    """Idle memory after the first board loads, then for each level: open boards up to it, change, time."""
    audience = Audience()
    phone = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, base_url=subject.server.url)
    phone.set_default_timeout(ARRIVAL_TIMEOUT * 1000)
    try:
        await _open(audience, subject, 1)
        idle = rss_mb(subject.server.pid)
        await phone.add_cookies([{'name': name, 'value': value, 'url': subject.server.url}
                                 for name, value in subject.phone_cookies.items()])
        page = await phone.new_page()
        await page.goto(subject.phone_path)
        numbers = itertools.count()
        async with httpx.AsyncClient(base_url=subject.server.url, timeout=OPEN_TIMEOUT) as http:
            # untimed: the first change also moves what the demo left behind (a stalled key result, a missing person)
            await _change(subject, audience, page, next(numbers))
            measured = []
            for clients in levels:
                await _open(audience, subject, clients)
                note(f'{subject.name}: {clients} boards open, {changes_per_level} changes')
                measured.append(await _level(subject, audience, page, http, changes_per_level, numbers))
        return Run(subject.name, idle, measured, dict(audience.clients[0].elements))
    finally:
        await phone.close()
        await audience.close()


async def _open(audience: Audience, subject: Subject, clients: int) -> None:
    def board(number: int) -> PageClient:
        return PageClient(subject.server.url, subject.board_path, subject.board_cookies(number), subject.watch)
    await audience.grow(clients, board, OPEN_TIMEOUT)
    await asyncio.sleep(SETTLE)


async def _level(subject: Subject, audience: Audience, page: Page, http: httpx.AsyncClient, changes: int,
                 numbers: Iterator[int]) -> Level:
    level = Level(len(audience.clients))
    for _ in range(changes):
        before = await _queries(http) if subject.counts_queries else 0
        arrivals = await _change(subject, audience, page, next(numbers))
        if subject.counts_queries:
            level.queries.append(await _settled_queries(http) - before)
        arrived = [ms for ms in arrivals if ms is not None]
        level.latencies_ms.extend(arrived)
        level.missed += len(arrivals) - len(arrived)
        if arrived:
            level.first_ms.append(min(arrived))
        if len(arrived) == len(arrivals):
            level.last_ms.append(max(arrived))
        level.elements.extend(client.arrived_elements for client in audience.clients if client.arrived_at)
        await asyncio.sleep(GAP)
    level.rss_mb = rss_mb(subject.server.pid)
    return level


async def _change(subject: Subject, audience: Audience, page: Page, number: int) -> list[float | None]:
    """Make the change from the phone; milliseconds until each board had it (None: not in time)."""
    expected = audience.expect_change()
    started = await subject.change(page, number)
    arrivals = await audience.arrivals(expected, started, ARRIVAL_TIMEOUT)
    await subject.settled(page)
    return arrivals


async def _queries(http: httpx.AsyncClient) -> int:
    return (await http.get('/_bench/queries')).json()['count']


async def _settled_queries(http: httpx.AsyncClient) -> int:
    """The server's query count once it stops moving: the phone's own page refreshes after the boards."""
    count = await _queries(http)
    deadline = time.monotonic() + QUERIES_SETTLE
    while time.monotonic() < deadline:
        await asyncio.sleep(0.15)
        latest = await _queries(http)
        if latest == count:
            break
        count = latest
    return count
