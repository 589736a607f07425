"""Time the export of the imported Puzzle data set to PDF, PPTX and XLSX, against the 10 s budget per format.

Run from the repository root: `python bench/bench_export.py`. The data set is read from
../shared/data/puzzle-okr-demo relative to the repository root and imported into a fresh SQLite file first;
each format's time is the export of every cycle of the data set (the import is not counted).
"""
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import db  # noqa: E402 (the repository root must be on the path first)
from models.cycle import Cycle  # noqa: E402
from models.org import User  # noqa: E402
from services import exports, importing  # noqa: E402

PUZZLE = ROOT.parent / 'shared' / 'data' / 'puzzle-okr-demo'
BUDGET_SECONDS = 10.0


async def measure(folder: Path) -> dict[str, tuple[float, int]]:
    """(seconds, bytes) per format for exporting every cycle of the Puzzle data set."""
    await db.open_database(f'sqlite://{(folder / "bench.sqlite3").as_posix()}')
    try:
        report = await importing.import_path(PUZZLE)
        if not report.ok:
            raise SystemExit('the import failed:\n' + '\n'.join(importing.report_lines(report)))
        admin = await User.create(name='Bench admin', role='admin')
        cycle_ids = await Cycle.all().values_list('id', flat=True)
        results = {}
        for file_format in exports.FORMATS:
            started, size = time.perf_counter(), 0
            for cycle_id in cycle_ids:
                name, content = await exports.export_cycle(admin, cycle_id, file_format, locale='zh_CN')
                (folder / name).write_bytes(content)
                size += len(content)
            results[file_format] = (time.perf_counter() - started, size)
        return results
    finally:
        await db.close_database()


async def main() -> None:
    if not PUZZLE.is_dir():
        sys.stdout.write(f'the Puzzle data set is absent: expected {PUZZLE.relative_to(ROOT.parent)} beside the '
                         'repository; nothing was measured\n')
        return
    with tempfile.TemporaryDirectory(prefix='okrboard-bench-') as folder:
        results = await measure(Path(folder))
    for file_format, (seconds, size) in results.items():
        verdict = 'within' if seconds < BUDGET_SECONDS else 'OVER'
        sys.stdout.write(f'puzzle export {file_format}: {seconds:.2f} s, {size / 1024:.0f} KiB, '
                         f'{seconds / BUDGET_SECONDS:.1%} of the {BUDGET_SECONDS:.0f} s budget: {verdict} budget\n')


if __name__ == '__main__':
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
