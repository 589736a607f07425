"""What the bench scripts share: counting the app's queries, serving it on 127.0.0.1, reading a server's memory."""
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from tortoise.backends.sqlite.client import SqliteClient

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0  # the demo company is written before the app serves


class QueryCounter:
    """Counts every statement Tortoise sends to SQLite."""

    METHODS = ('execute_query', 'execute_query_dict', 'execute_insert', 'execute_many', 'execute_script')

    def __init__(self) -> None:
        self.count = 0
        for name in self.METHODS:
            setattr(SqliteClient, name, self._counted(getattr(SqliteClient, name)))

    def _counted(self, method: Callable[..., Awaitable]) -> Callable[..., Awaitable]:
        async def counted(client: SqliteClient, *args, **kwargs):
            self.count += 1
            return await method(client, *args, **kwargs)
        return counted

    async def queries_of(self, action: Callable[[], Awaitable]) -> int:
        before = self.count
        await action()
        return self.count - before


# `python -c` with this program runs main.py (with any arguments after it) and adds GET /_bench/queries
COUNTING_APP = """
import runpy, sys
from nicegui import app
sys.path.insert(0, '.')
from bench.common import QueryCounter
counter = QueryCounter()
app.add_api_route('/_bench/queries', lambda: {'count': counter.count})
runpy.run_path('main.py', run_name='__main__')
"""


def counting_app(*arguments: str) -> list[str]:
    """The command that starts okrboard with its query counter on /_bench/queries."""
    return [sys.executable, '-c', COUNTING_APP, *arguments]


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def child_environment(**settings: str) -> dict[str, str]:
    """This environment minus what tells NiceGUI it runs under pytest, plus `settings`."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith('PYTEST_') and key != 'NICEGUI_USER_SIMULATION'}
    environment.update(settings)
    return environment


@contextmanager
def serving(command: list[str], port: int, log: Path, environment: dict[str, str] | None = None,
            timeout: float = START_TIMEOUT) -> Iterator[Server]:
    """Run `command` (a server listening on 127.0.0.1:`port`) until its /healthz answers; stop it afterwards."""
    with open(log, 'w') as output:
        process = subprocess.Popen(command, cwd=ROOT, env=environment or child_environment(),
                                   stdout=output, stderr=subprocess.STDOUT)
    base = f'http://127.0.0.1:{port}'
    try:
        deadline = time.monotonic() + timeout
        while not healthy(base) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        if not healthy(base):
            raise RuntimeError('the server did not start; its log ends with:\n'
                               + log.read_text(errors='replace')[-2000:])
        yield Server(base, process.pid, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def healthy(base: str) -> bool:
    try:
        return httpx.get(f'{base}/healthz', timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def rss_mb(pid: int) -> float:
    """Resident memory of one process (not its children), from /proc."""
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f'no VmRSS for process {pid}')


def note(message: str) -> None:
    """Progress on stderr, so stdout keeps only the results."""
    sys.stderr.write(message + '\n')
    sys.stderr.flush()


def percentile(samples: list[float], share: float) -> float:
    """The `share` quantile (0.95 for p95), interpolated between the two nearest samples."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method='inclusive')[round(share * 100) - 1]
