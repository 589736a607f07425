"""Bench: time and database queries of the company dashboard as the company grows.

Builds companies of 50 and 500 people (10 key results each, 20 check-ins per key result) with the company
builder of bench_my_krs in a temporary SQLite file, back-fills the daily snapshots, then measures a cold
build of the company dashboard for an admin (the shared load dropped before each run) plus its chart
options, and the queries it sends. Budget: 500 ms for 500 people, 5,000 key results, 100,000 check-ins.
"""
import argparse
import asyncio
import logging
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the app's modules live in the repository root

import db  # noqa: E402 (the path above must come first)
from bench.bench_my_krs import CHECKINS_PER_KEY_RESULT, build_company, timed  # noqa: E402
from bench.common import QueryCounter, note  # noqa: E402
from models.checkin import CheckIn  # noqa: E402
from models.cycle import Cycle  # noqa: E402
from models.okr import KeyResult  # noqa: E402
from models.org import User  # noqa: E402
from pages.components import charts  # noqa: E402
from services import clock, shared, snapshots  # noqa: E402
from services.dashboards.dashboard import dashboard  # noqa: E402

BUDGET_MS = 500.0
SIZES = (50, 500)
CHECKINS_PER_KEY_RESULT_HERE = 20


@dataclass(frozen=True)
class Row:
    people: int
    key_results: int
    checkins: int
    snapshot_s: float
    snapshot_rows: int
    dashboard_ms: float
    queries: int
    heat_rows: int
    warnings: int


async def more_checkins(cycle: Cycle) -> None:
    """Top every key result up to 20 check-ins, spread over the weeks already past."""
    extra = CHECKINS_PER_KEY_RESULT_HERE - CHECKINS_PER_KEY_RESULT
    start = datetime.combine(cycle.start, datetime.min.time(), tzinfo=clock.now().tzinfo)
    rows = []
    for kr_id, owner_id, target in await KeyResult.all().values_list('id', 'owner_id', 'target'):
        for n in range(extra):
            rows.append(CheckIn(key_result_id=kr_id, value=(target or 1) * n / (2 * extra), confidence=3 + n % 6,
                                author_id=owner_id, at=start + timedelta(days=3 * n + kr_id % 3, hours=n)))
    await CheckIn.bulk_create(rows, batch_size=2000)


async def measure(people: int, url: str, counter: QueryCounter, runs: int) -> Row:
    path = Path(url.removeprefix('sqlite://'))
    for leftover in (path, path.with_name(path.name + '-wal'), path.with_name(path.name + '-shm')):
        leftover.unlink(missing_ok=True)
    await db.open_database(url)
    try:
        company = await build_company(people)
        cycle = await Cycle.get(id=company.cycle_id)
        clock.set_now(datetime.combine(cycle.start + timedelta(days=62), datetime.min.time(),
                                       tzinfo=clock.now().tzinfo) + timedelta(hours=4))
        await more_checkins(cycle)
        note(f'{people} people: back-filling snapshots')
        began = time.perf_counter()
        written = await snapshots.take_snapshots()
        snapshot_s = time.perf_counter() - began
        admin = await User.get(id=1)

        async def build() -> None:
            shared.forget_all()  # a cold build: what the first viewer after a change pays
            board = await dashboard(admin, cycle_id=cycle.id)
            for options in (charts.heatmap_options(board.heatmap), charts.trend_options(board.trend),
                            charts.health_options(board.health), charts.adoption_options(board.adoption),
                            charts.scores_options(board.adoption), charts.stats_options(board.stats)):
                assert options['series'] is not None
        median = await timed(build, runs)
        queries = await counter.queries_of(build)
        shared.forget_all()
        board = await dashboard(admin, cycle_id=cycle.id)
        return Row(people, await KeyResult.all().count(), await CheckIn.all().count(), snapshot_s, written, median,
                   queries, len(board.heatmap.rows), len(board.warnings))
    finally:
        clock.set_now(None)
        await db.close_database()


def report(rows: list[Row]) -> str:
    lines = [f'{"people":>7} {"key results":>12} {"check-ins":>10} {"snapshot s":>11} {"rows":>9} '
             f'{"dashboard ms":>13} {"queries":>8} {"budget":>7}']
    for row in rows:
        lines.append(f'{row.people:>7} {row.key_results:>12} {row.checkins:>10} {row.snapshot_s:>11.1f} '
                     f'{row.snapshot_rows:>9} {row.dashboard_ms:>13.1f} {row.queries:>8} '
                     f'{row.dashboard_ms / BUDGET_MS:>6.2f}x')
    same = len({row.queries for row in rows}) == 1
    lines.append(f'budget {BUDGET_MS:.0f} ms for the company dashboard; query counts '
                 f'{"do not grow" if same else "GROW"} with the company')
    return '\n'.join(lines)


async def main(runs: int, sizes: tuple[int, ...]) -> None:
    counter = QueryCounter()
    rows = []
    with tempfile.TemporaryDirectory(prefix='okrboard-bench-') as scratch:
        for people in sizes:
            rows.append(await measure(people, f'sqlite://{scratch}/bench.sqlite3', counter, runs))
    sys.stdout.write(report(rows) + '\n')


if __name__ == '__main__':
    logging.basicConfig(level=logging.WARNING)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=7, help='timed builds per size (median reported)')
    parser.add_argument('--sizes', type=int, nargs='+', default=list(SIZES), help='company sizes in people')
    options = parser.parse_args()
    asyncio.run(main(options.runs, tuple(options.sizes)))
