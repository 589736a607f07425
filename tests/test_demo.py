import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from nicegui.testing import User

from config import settings
from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective, ObjectiveLink, Task
from models.org import Team
from models.org import User as Person
from services import accounts, clock, demo, key_results, metrics
from services.errors import Invalid
from tests import factories
from tests.helpers import by_testid

ROOT = Path(__file__).parent.parent
MID_QUARTER = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)  # a Wednesday, seven weeks into 2026 Q4
CHINESE = re.compile(r'[\u4e00-\u9fff]')
TABLES = (Person, Team, Cycle, Objective, ObjectiveLink, Alignment, KeyResult, Milestone, Task, CheckIn)


async def row_counts() -> dict[str, int]:
    return {model.__name__: await model.all().count() for model in TABLES}


async def active_quarter() -> Cycle:
    return await Cycle.get(state='active', cadence='quarter')


async def statuses_and_stalls(cycle: Cycle) -> tuple[Counter, int]:
    krs = await KeyResult.filter(objective__cycle=cycle).select_related('objective__cycle')
    steps = await key_results.steps_by_key_result([kr.id for kr in krs])
    statuses, stalled = Counter(), 0
    for kr in krs:
        statuses[key_results.numbers(kr, cycle, steps[kr.id])[2]] += 1
        history = [(row.at, row.value) for row in await CheckIn.filter(key_result_id=kr.id).order_by('at')]
        stalled += metrics.is_stalled(key_results.measure_of(kr, steps[kr.id]), history, clock.now(),
                                      key_results.start_moment(cycle.start))
    return statuses, stalled


async def test_demo_builds_a_company_of_about_forty_in_five_departments_and_eight_teams(database) -> None:
    await demo.ensure_demo()

    assert 35 <= await Person.all().count() <= 45
    assert await Team.filter(kind='department').count() == 5
    assert await Team.filter(kind='team').count() == 8
    assert all([await team.leads.all().count() == 1 for team in await Team.all()])
    assert await Person.filter(manager_id=None).count() == 1
    assert await Person.filter(role='admin').values_list('email', flat=True) == [demo.ACCOUNTS.admin_email]


async def test_demo_cycles_are_the_closed_quarter_the_active_one_around_today_and_the_year(database) -> None:
    clock.set_now(MID_QUARTER)

    await demo.ensure_demo()

    cycles = {(c.cadence, c.state): c for c in await Cycle.all()}
    assert set(cycles) == {('quarter', 'closed'), ('quarter', 'active'), ('year', 'active')}
    assert cycles['quarter', 'active'].start <= clock.today() <= cycles['quarter', 'active'].end
    assert cycles['quarter', 'closed'].end.isoformat() == '2026-09-30'
    assert (cycles['year', 'active'].start.isoformat(), cycles['year', 'active'].end.isoformat()) == \
        ('2026-01-01', '2026-12-31')


@pytest.mark.parametrize('moment', ['2027-01-01T00:30', '2026-03-31T15:00', '2026-10-05T08:00'])
async def test_demo_loads_on_any_day_with_the_active_quarter_around_it(database, moment: str) -> None:
    clock.set_now(datetime.fromisoformat(moment).replace(tzinfo=UTC))

    await demo.ensure_demo()

    active = await active_quarter()
    assert active.start <= clock.today() <= active.end
    assert await CheckIn.filter(at__gt=clock.now()).count() == 0


async def test_demo_has_about_150_key_results_of_every_kind_including_falling_and_kept_metrics(database) -> None:
    await demo.ensure_demo()

    krs = await KeyResult.all()
    assert 130 <= len(krs) <= 170
    assert {kr.kind for kr in krs} == {'number', 'percent', 'currency', 'boolean', 'milestone'}
    assert sum(kr.direction == 'decrease' and kr.start > kr.target for kr in krs) >= 10
    assert any(kr.start == kr.target and kr.direction == 'increase' for kr in krs)
    assert any(kr.start == kr.target and kr.direction == 'decrease' for kr in krs)
    milestones = [kr for kr in krs if kr.kind == 'milestone']
    assert all([await Milestone.filter(key_result_id=kr.id).count() == kr.target for kr in milestones])


async def test_demo_objectives_align_people_to_teams_and_teams_to_the_company(database) -> None:
    await demo.ensure_demo()

    levels = Counter(await Objective.all().values_list('level', flat=True))
    assert set(levels) == {'company', 'team', 'person'}
    for level, parent_level in (('team', 'company'), ('person', 'team')):
        aligned = await Alignment.filter(objective__level=level).select_related('parent_objective',
                                                                                'parent_key_result__objective')
        parents = {(row.parent_objective or row.parent_key_result.objective).level for row in aligned}
        assert parent_level in parents
    assert await Alignment.filter(parent_key_result_id__not_isnull=True).exists()
    assert 1 <= await Objective.filter(visibility='private').count() <= 2
    assert await ObjectiveLink.exists()
    assert await Task.filter(done=True).exists() and await Task.filter(done=False).exists()


async def test_each_key_result_stands_where_its_last_checkin_left_it(database) -> None:
    clock.set_now(MID_QUARTER)

    await demo.ensure_demo()

    for kr in await KeyResult.all():
        checkins = await CheckIn.filter(key_result_id=kr.id).order_by('at', 'id')
        assert kr.version == len(checkins)
        if checkins:
            assert (kr.current, kr.confidence) == (checkins[-1].value, checkins[-1].confidence)
            assert all(0 <= row.confidence <= 10 for row in checkins)
            assert all(row.author_id == kr.owner_id for row in checkins)


async def test_checkins_come_weekly_for_twelve_weeks_and_more_with_notes(database) -> None:
    clock.set_now(MID_QUARTER)

    await demo.ensure_demo()

    quarters = await Cycle.filter(cadence='quarter').values_list('id', flat=True)
    rows = await CheckIn.filter(key_result__objective__cycle_id__in=quarters)
    weeks = {row.at.astimezone(settings().tz).isocalendar()[:2] for row in rows}
    assert len(weeks) >= 12
    assert {row.at.astimezone(settings().tz).weekday() for row in rows} == {0}
    assert sum(bool(row.note) for row in rows) > len(rows) / 2


async def test_active_quarter_has_done_at_risk_off_track_and_stalled_key_results(database) -> None:
    clock.set_now(MID_QUARTER)
    await demo.ensure_demo()

    statuses, stalled = await statuses_and_stalls(await active_quarter())

    assert {'done', 'on_track', 'at_risk', 'off_track'} <= set(statuses)
    assert statuses['on_track'] > statuses['off_track']
    assert stalled >= 3


async def test_employee_has_several_kinds_of_key_results_with_a_milestone_and_one_at_risk(database) -> None:
    clock.set_now(MID_QUARTER)
    await demo.ensure_demo()
    employee = await Person.get(email=demo.ACCOUNTS.employee_email)

    cards = await key_results.my_key_results(employee, (await active_quarter()).id)

    assert len(cards) >= 5
    assert len({card.kind for card in cards}) >= 4
    assert 'milestone' in {card.kind for card in cards}
    assert any(metrics.is_at_risk(card.status) for card in cards)
    assert employee.role == 'member' and employee.manager_id is not None


@pytest.mark.parametrize(('locale', 'chinese'), [('zh_CN', True), ('en', False)])
async def test_demo_speaks_the_default_locale(database, locale: str, chinese: bool) -> None:
    await demo.ensure_demo(locale=locale)

    texts = [*await Person.all().values_list('name', flat=True), *await Team.all().values_list('name', flat=True),
             *await Cycle.all().values_list('name', flat=True), *await KeyResult.all().values_list('title', flat=True),
             *await CheckIn.exclude(note='').values_list('note', flat=True)]
    assert all(bool(CHINESE.search(text)) == chinese for text in texts)


async def test_loading_the_demo_again_writes_nothing_and_names_the_same_accounts(database) -> None:
    first = await demo.ensure_demo()
    before = await row_counts()
    changed = await KeyResult.all().order_by('-updated_at').first()

    second = await demo.ensure_demo(password='something else')

    assert second == first
    assert await row_counts() == before
    assert (await KeyResult.all().order_by('-updated_at').first()).updated_at == changed.updated_at


@pytest.mark.parametrize('password', ['demo', 'another secret'])
async def test_every_demo_account_signs_in_with_the_demo_password(database, password: str) -> None:
    accounts_ = await demo.ensure_demo(password=password)

    employee = await accounts.authenticate(email=accounts_.employee_email, password=password, address='test')
    admin = await accounts.authenticate(email=accounts_.admin_email, password=password, address='test')

    assert employee.email == accounts_.employee_email and admin.is_admin
    assert len(set(await Person.all().values_list('password_hash', flat=True))) == 1


async def test_demo_refuses_a_database_with_other_data_and_writes_nothing(database) -> None:
    await factories.company()
    before = await row_counts()

    with pytest.raises(Invalid) as refused:
        await demo.ensure_demo()

    assert 'already holds other data' in str(refused.value)
    assert 'empty data directory' in str(refused.value)
    assert await row_counts() == before


async def test_employee_signs_in_with_demo_and_sees_their_key_results(user: User) -> None:
    clock.set_now(MID_QUARTER)
    await demo.ensure_demo()
    await user.open('/login')

    by_testid(user, 'login-email').type(demo.ACCOUNTS.employee_email)
    by_testid(user, 'login-password').type('demo')
    by_testid(user, 'login-submit').click()

    await user.should_see('My key results', retries=30)
    await user.should_see('Roll out the caching layer', retries=20)
    await user.should_see('Raise test coverage of the billing service from 55% to 80%')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def test_main_with_demo_flag_serves_and_prints_the_demo_accounts(tmp_path: Path) -> None:
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith('PYTEST_') and key not in {'NICEGUI_USER_SIMULATION', 'OKRBOARD_DATABASE_URL'}}
    env.update(OKRBOARD_DATA_DIR=str(tmp_path / 'data'), OKRBOARD_HOST='127.0.0.1', OKRBOARD_PORT=str(port),
               NICEGUI_STORAGE_PATH=str(tmp_path / '.nicegui'))
    with open(tmp_path / 'out.txt', 'w') as out, open(tmp_path / 'err.txt', 'w') as err:
        server = subprocess.Popen([sys.executable, 'main.py', '--demo'], cwd=ROOT, env=env, stdout=out, stderr=err)
    try:
        assert wait_until_healthy(f'http://127.0.0.1:{port}/healthz', server, seconds=30), \
            (tmp_path / 'err.txt').read_text()[-2000:]

        lines = (tmp_path / 'out.txt').read_text().splitlines()
        assert f'demo admin: {demo.ACCOUNTS.admin_email}' in lines
        assert f'demo employee: {demo.ACCOUNTS.employee_email}' in lines
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # the child needs a moment to bind its port; bounded by the deadline
    return False
