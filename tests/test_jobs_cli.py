"""`python main.py job`: the scheduled jobs, listed and run once from the command line."""
import sqlite3
from pathlib import Path

from services import jobs, system
from tests.test_import_cli import run_cli


def test_job_list_names_every_scheduled_job(tmp_path: Path) -> None:
    done = run_cli('job', '--list', data_dir=tmp_path)

    assert done.returncode == 0, done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines()] == [job.name for job in jobs.all_jobs()]


def test_running_a_job_does_its_work_on_the_database(tmp_path: Path) -> None:
    assert run_cli('job', 'housekeeping', data_dir=tmp_path).returncode == 0  # creates the database
    with sqlite3.connect(tmp_path / 'okrboard.sqlite3') as connection:
        connection.execute("INSERT INTO login_failure (key, at) VALUES ('account:a@b.c', '2000-01-01 00:00:00+00:00')")

    done = run_cli('job', 'housekeeping', data_dir=tmp_path)

    assert done.returncode == 0 and 'job housekeeping done' in done.stdout, done.stderr
    with sqlite3.connect(tmp_path / 'okrboard.sqlite3') as connection:
        assert connection.execute('SELECT COUNT(*) FROM login_failure').fetchone() == (0,)


def test_an_unknown_job_is_named_in_one_line(tmp_path: Path) -> None:
    done = run_cli('job', 'nightly-magic', data_dir=tmp_path)

    assert done.returncode == 2
    assert "no job named 'nightly-magic'" in done.stderr and 'Traceback' not in done.stderr


def test_the_scheduler_runs_the_same_jobs() -> None:
    assert jobs.find('housekeeping').run is system.housekeeping
