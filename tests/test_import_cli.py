import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.factories_import import PUZZLE, needs_data

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith('PYTEST_') and key != 'OKRBOARD_DATABASE_URL'}
    environment['OKRBOARD_DATA_DIR'] = str(data_dir)
    return subprocess.run([sys.executable, 'main.py', *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


@needs_data
def test_cli_dry_run_of_puzzle_checks_every_row_and_writes_nothing(tmp_path: Path) -> None:
    result = run_cli('import', str(PUZZLE), '--dry-run', data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    assert 'Dry run: all 1175 rows are valid; nothing was written.' in result.stdout
    assert ('Would create: 9 teams, 9 people, 3 cycles, 75 objectives, 219 key results, 330 milestones, '
            '860 checkins.') in result.stdout
    with sqlite3.connect(tmp_path / 'okrboard.sqlite3') as database:
        assert database.execute('SELECT COUNT(*) FROM objective').fetchone() == (0,)
