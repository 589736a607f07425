"""Time the import of the Puzzle data set into a fresh SQLite file, against its 10 s budget.

Run from the repository root: `python bench/bench_import.py [runs]`. The data set is read from
../shared/data/puzzle-okr-demo relative to the repository root.
"""
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import db  # noqa: E402 (the repository root must be on the path first)
from services import importing  # noqa: E402

PUZZLE = ROOT.parent / 'shared' / 'data' / 'puzzle-okr-demo'
BUDGET_SECONDS = 10.0


async def one_run(folder: Path) -> float:
    """Seconds to import the Puzzle data set into a new database file (migrations not counted)."""
    await db.open_database(f'sqlite://{(folder / "bench.sqlite3").as_posix()}')
    try:
        started = time.perf_counter()
        report = await importing.import_path(PUZZLE)
        seconds = time.perf_counter() - started
    finally:
        await db.close_database()
    if not report.ok or report.created['checkins'] != 860:
        raise SystemExit('the import did not write the whole data set:\n' + '\n'.join(importing.report_lines(report)))
    return seconds


async def main(runs: int) -> None:
    if not PUZZLE.is_dir():
        sys.stdout.write(f'the Puzzle data set is absent: expected {PUZZLE.relative_to(ROOT.parent)} beside the '
                         'repository; nothing was measured\n')
        return
    timings = []
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix='okrboard-bench-') as folder:
            timings.append(await one_run(Path(folder)))
        sys.stdout.write(f'run {run + 1}: {timings[-1]:.2f} s\n')
    median = statistics.median(timings)
    sys.stdout.write(f'puzzle import: {median:.2f} s (median of {runs}), {median / BUDGET_SECONDS:.1%} of the '
                     f'{BUDGET_SECONDS:.0f} s budget: {"within" if median < BUDGET_SECONDS else "OVER"} budget\n')


if __name__ == '__main__':
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
