"""Bench: time and database queries of "My key results" for one person as the company grows.

Builds companies of 50 and 500 people (10 key results each, all in the active quarter, with check-ins,
milestones and tasks) in a temporary SQLite file, then measures for a person with 10 key results:
the service `key_results.my_key_results` in this process, and GET '/' with that person's session cookie
from the real app started on 127.0.0.1 (its queries counted inside it). See bench/README.md.
"""
import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the app's modules live in the repository root

import httpx  # noqa: E402 (the path above must come first)
from tortoise import connections  # noqa: E402

import db  # noqa: E402
from bench.common import QueryCounter, Server, child_environment, counting_app, free_port, serving  # noqa: E402
from models.checkin import CheckIn  # noqa: E402
from models.cycle import Cycle  # noqa: E402
from models.okr import KeyResult, Milestone, Objective, Task  # noqa: E402
from models.org import Team, User  # noqa: E402
from services import accounts, clock, cycles, key_results  # noqa: E402

BUDGET_MS = 300.0
SIZES = (50, 500)
KEY_RESULTS_PER_PERSON = 10
PEOPLE_PER_TEAM = 10
CHECKINS_PER_KEY_RESULT = 8
KINDS = ('number', 'percent', 'currency', 'boolean', 'milestone')


@dataclass(frozen=True)
class Company:
    people: int
    key_results: int
    person_id: int
    cycle_id: int


@dataclass(frozen=True)
class Row:
    people: int
    key_results: int
    service_ms: float
    service_queries: int
    page_ms: float
    page_queries: int
    cards: int


async def build_company(people: int) -> Company:
    """A company with `people` people in teams of ten, each owning 10 key results in the active quarter."""
    today = clock.today()
    quarter = (today.month - 1) // 3 + 1
    start, end = cycles.preset_dates('quarter', today.year, quarter)
    departments, teams = max(1, people // 100), max(1, people // PEOPLE_PER_TEAM)
    team_id = [2 + departments + min(i // PEOPLE_PER_TEAM, teams - 1) for i in range(people)]
    await Team.bulk_create([Team(id=1, name='Company', kind='company')]
                           + [Team(id=2 + d, name=f'Department {d}', kind='department', parent_id=1)
                              for d in range(departments)]
                           + [Team(id=2 + departments + t, name=f'Team {t}', kind='team',
                                   parent_id=2 + t % departments) for t in range(teams)])
    lead_of = {team: i + 1 for i, team in reversed(list(enumerate(team_id)))}  # the first member leads

    def manager(person: int) -> int | None:
        lead = lead_of[team_id[person - 1]]
        return None if person == 1 else lead if lead != person else 1
    await User.bulk_create([
        User(id=i, email=f'person{i}@bench.example', name=f'Person {i}', role='admin' if i == 1 else 'member',
             team_id=team_id[i - 1], manager_id=manager(i), password_hash='not used') for i in range(1, people + 1)])
    await connections.get('default').execute_many('INSERT INTO team_lead (team_id, user_id) VALUES (?, ?)',
                                                   [[team, lead] for team, lead in lead_of.items()])
    await Cycle.bulk_create([Cycle(id=1, name='Active quarter', start=start, end=end, state='active')])
    team_objectives = {team: [] for team in set(team_id)}
    objectives = []
    for team in sorted(team_objectives):
        for n in range(3):
            objectives.append(Objective(id=len(objectives) + 1, cycle_id=1, level='team', team_id=team,
                                        title=f'Team {team} objective {n}'))
            team_objectives[team].append(len(objectives))
    for i in range(people):
        objectives.append(Objective(id=len(objectives) + 1, cycle_id=1, level='person', owner_id=i + 1,
                                    title=f'Objective of person {i + 1}'))
    await Objective.bulk_create(objectives, batch_size=1000)
    personal = len(objectives) - people + 1  # id of person 1's objective
    krs = []
    for i in range(people):
        for n in range(KEY_RESULTS_PER_PERSON):
            objective = personal + i if n % 2 else team_objectives[team_id[i]][n % 3]
            kind = KINDS[len(krs) % len(KINDS)]
            target = {'boolean': 1, 'milestone': 4}.get(kind, 100)
            krs.append(KeyResult(id=len(krs) + 1, objective_id=objective, owner_id=i + 1, kind=kind, start=0,
                                 target=target, current=target / 2, confidence=6, title=f'Key result {len(krs) + 1}',
                                 version=CHECKINS_PER_KEY_RESULT, position=n))
    await KeyResult.bulk_create(krs, batch_size=1000)
    await write_plans(krs, datetime.combine(start, datetime.min.time(), tzinfo=clock.now().tzinfo))
    return Company(people, len(krs), person_id=people // 2 + 1, cycle_id=1)


async def write_plans(krs: list[KeyResult], start: datetime) -> None:
    steps = [Milestone(key_result_id=kr.id, title=f'Step {n}', position=n)
             for kr in krs if kr.kind == 'milestone' for n in range(4)]
    tasks = [Task(key_result_id=kr.id, title=f'Task {n}', owner_id=kr.owner_id, done=n == 0)
             for kr in krs if kr.id % 3 == 0 for n in range(2)]
    checkins = [CheckIn(key_result_id=kr.id, value=kr.target * week / (2 * CHECKINS_PER_KEY_RESULT),
                        confidence=6, note='Progress as planned.', author_id=kr.owner_id,
                        at=start + timedelta(weeks=week)) for kr in krs for week in range(CHECKINS_PER_KEY_RESULT)]
    await Milestone.bulk_create(steps, batch_size=1000)
    await Task.bulk_create(tasks, batch_size=1000)
    await CheckIn.bulk_create(checkins, batch_size=2000)


async def timed(action: Callable[[], Awaitable], runs: int, warmups: int = 2) -> float:
    """Median milliseconds of `runs` calls after a few warm-up calls."""
    for _ in range(warmups):
        await action()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        await action()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


async def measure_service(company: Company, counter: QueryCounter, runs: int) -> tuple[float, int]:
    person = await User.get(id=company.person_id)
    cards = await key_results.my_key_results(person, company.cycle_id)
    assert len(cards) == KEY_RESULTS_PER_PERSON, f'the person has {len(cards)} key results'

    async def service() -> None:
        await key_results.my_key_results(person, company.cycle_id)
    return await timed(service, runs), await counter.queries_of(service)


def serving_app(scratch: Path) -> AbstractContextManager[Server]:
    """The app as a real server on 127.0.0.1 (counting its queries), stopped afterwards."""
    port = free_port()
    return serving(counting_app(), port, scratch / 'server.log',
                   child_environment(OKRBOARD_HOST='127.0.0.1', OKRBOARD_PORT=str(port)))


async def measure_page(token: str, scratch: Path, runs: int) -> tuple[float, int, int]:
    """Median time of GET / for the signed-in person over HTTP, its query count and its number of cards."""
    from pages.session import COOKIE
    with serving_app(scratch) as server:
        async with httpx.AsyncClient(base_url=server.url, cookies={COOKIE: token}, timeout=30) as client:
            html = ''

            async def page() -> None:
                nonlocal html
                response = await client.get('/')
                assert response.status_code == 200 and response.url.path == '/', response.url
                html = response.text

            async def server_queries() -> int:
                return (await client.get('/_bench/queries')).json()['count']
            median = await timed(page, runs)
            before = await server_queries()
            await page()
            return median, await server_queries() - before, html.count('kr-card')


async def measure(people: int, url: str, counter: QueryCounter, runs: int) -> Row:
    path = Path(url.removeprefix('sqlite://'))
    for leftover in (path, path.with_name(path.name + '-wal'), path.with_name(path.name + '-shm')):
        leftover.unlink(missing_ok=True)
    await db.open_database(url)
    try:
        company = await build_company(people)
        service_ms, service_queries = await measure_service(company, counter, runs)
        token = await accounts.finish_session(await accounts.start_session(await User.get(id=company.person_id)))
    finally:
        await db.close_database()
    page_ms, page_queries, cards = await measure_page(token, path.parent, runs)
    return Row(people, company.key_results, service_ms, service_queries, page_ms, page_queries, cards)


def report(rows: list[Row]) -> str:
    lines = [f'{"people":>7} {"key results":>12} {"service ms":>11} {"queries":>8} {"page ms":>8} {"queries":>8} '
             f'{"cards":>6} {"page/budget":>12}']
    for row in rows:
        lines.append(f'{row.people:>7} {row.key_results:>12} {row.service_ms:>11.1f} {row.service_queries:>8} '
                     f'{row.page_ms:>8.1f} {row.page_queries:>8} {row.cards:>6} {row.page_ms / BUDGET_MS:>11.2f}x')
    same = len({(row.service_queries, row.page_queries) for row in rows}) == 1
    lines.append(f'budget {BUDGET_MS:.0f} ms for the page; query counts '
                 f'{"do not grow" if same else "GROW"} with the company')
    return '\n'.join(lines)


async def run(runs: int, sizes: tuple[int, ...]) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix='okrboard-bench-') as scratch:
        url = f'sqlite://{Path(scratch) / "bench.sqlite3"}'
        os.environ.update(OKRBOARD_DATA_DIR=scratch, OKRBOARD_DATABASE_URL=url, OKRBOARD_DEFAULT_LOCALE='en',
                          NICEGUI_STORAGE_PATH=str(Path(scratch) / '.nicegui'))
        counter = QueryCounter()
        return [await measure(people, url, counter, runs) for people in sizes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=15, help='timed runs per measurement (median reported)')
    parser.add_argument('--sizes', type=int, nargs='+', default=list(SIZES), help='company sizes in people')
    options = parser.parse_args()
    logging.disable(logging.INFO)  # the app logs every start-up step; the table is what matters here
    rows = asyncio.run(run(max(1, options.runs), tuple(options.sizes)))
    sys.stdout.write(report(rows) + '\n')
    if any(row.page_ms > BUDGET_MS for row in rows):
        sys.exit(1)


if __name__ == '__main__':
    main()
