"""Every page as signed-out, employee, manager, admin, owner and colleague: who may see and change what."""
from collections.abc import Awaitable, Callable
from datetime import date

import pytest
from nicegui.testing import User

from models.org import User as Person
from services import accounts, checkins, cycles, key_result_edits, objectives, teams
from services.errors import Forbidden, NotFound
from tests import factories
from tests.factories_access import World, snapshot, world
from tests.helpers import by_testid, find_testid

ROLES = ('admin', 'manager', 'employee', 'owner', 'colleague')
PRIVATE_VIEWERS = {'admin', 'manager', 'owner'}  # the owner, her manager and admins
EMAILS = {'admin': 'admin@acme.test', 'manager': 'lena@acme.test', 'employee': 'ben@acme.test',
          'owner': 'cara@acme.test', 'colleague': 'dan@acme.test'}
MISSING = 'This objective does not exist or is private.'

# path (ids filled from the world) -> what a signed-in person sees there
PAGES = {
    '/': 'My key results',
    '/tree': 'Alignment',
    '/objectives': 'Objectives',
    '/objectives/new': 'New objective',
    '/objective/{ben_objective}': 'Grow my pipeline',
    '/teams': 'Teams',
    '/team/{sales}': 'Win the northern region',
    '/cycles': 'Cycles',
    '/profile': 'Profile',
    '/admin/people': 'People',
    '/admin/import': 'Import',
}
# admin page -> the refusal a non-admin gets, and what only an admin gets
ADMIN_PAGES = {
    '/admin/people': ('people-refused', 'Only admins can manage people.', 'person-create'),
    '/admin/import': ('import-refused', 'Only admins may import spreadsheets. Ask an admin of your company.',
                      'import-upload'),
}
PUBLIC = {'/login': 200, '/setup': 303, '/invite/no-such-token': 200, '/healthz': 200}


def fill(path: str, w: World) -> str:
    return path.format(ben_objective=w.ben_objective.id, sales=w.org.sales.id,
                       private_objective=w.private_objective.id)


async def sign_in(user: User, role: str) -> None:
    await user.open('/login')
    by_testid(user, 'login-email').type(EMAILS[role])
    by_testid(user, 'login-password').type(factories.PASSWORD)
    by_testid(user, 'login-submit').click()
    await user.should_see('My key results', retries=30)


async def test_signed_out_visitors_reach_only_the_public_pages(user: User) -> None:
    w = await world()
    protected = [*PAGES, '/objective/{private_objective}']

    for path in protected:
        response = await user.http_client.get(fill(path, w), follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers['location'].startswith('/login?redirect_to='), path
    for path, status in PUBLIC.items():
        response = await user.http_client.get(path, follow_redirects=False)
        assert response.status_code == status, path
        assert not response.headers.get('location', '').startswith('/login?redirect_to='), path


@pytest.mark.parametrize('role', ROLES)
async def test_every_page_opens_and_admin_pages_refuse_non_admins(user: User, role: str) -> None:
    w = await world()
    await sign_in(user, role)

    for path, marker in PAGES.items():
        await user.open(fill(path, w))
        await user.should_see(marker, retries=30)
    for path, (refused, refusal, admin_only) in ADMIN_PAGES.items():
        await user.open(path)
        await user.should_see(PAGES[path], retries=30)
        if role == 'admin':
            assert find_testid(user, admin_only) and not find_testid(user, refused), path
        else:
            await user.should_see(refusal)
            assert find_testid(user, refused) and not find_testid(user, admin_only), path


async def _sees(user: User, text: str) -> bool:
    try:
        await user.should_see(text, retries=3)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize('role', ROLES)
async def test_private_objective_shows_only_to_its_owner_her_manager_and_admins(user: User, role: str) -> None:
    w = await world()
    may_see = role in PRIVATE_VIEWERS
    secret = w.private_objective.title
    await sign_in(user, role)

    await user.open(f'/objective/{w.private_objective.id}')
    await user.should_see('Objective', retries=30)
    if may_see:
        await user.should_see(secret, retries=30)
        assert find_testid(user, 'kr-card', kr_id=w.private_kr.id)
        assert not find_testid(user, 'objective-missing')
    else:
        await user.should_see(MISSING, retries=30)
        await user.should_not_see(secret)
        assert not find_testid(user, 'kr-card', kr_id=w.private_kr.id)

    await user.open('/objectives')
    await user.should_see(w.ben_objective.title, retries=30)
    assert bool(find_testid(user, 'objective-row', objective_id=w.private_objective.id)) == may_see
    assert await _sees(user, secret) == may_see

    await user.open('/tree')
    await user.should_see('Alignment', retries=30)
    assert find_testid(user, 'tree-objective', objective_id=w.ben_objective.id)
    assert bool(find_testid(user, 'tree-objective', objective_id=w.private_objective.id)) == may_see

    await user.open(f'/team/{w.org.engineering.id}')
    await user.should_see('Engineering', retries=30)
    await user.should_not_see(secret)


async def test_employee_gets_the_check_in_sheet_for_their_own_key_result_only(user: User) -> None:
    w = await world()
    await sign_in(user, 'employee')

    await user.open(f'/objective/{w.ben_objective.id}')
    by_testid(user, 'kr-card', kr_id=w.ben_kr.id).click()
    await user.should_see('Now: 4 / 10', retries=30)
    assert find_testid(user, 'checkin-save')

    await user.open(f'/objective/{w.cara_objective.id}')
    await user.should_see(w.cara_kr.title, retries=30)
    by_testid(user, 'kr-card', kr_id=w.cara_kr.id).click()
    await user.should_not_see('Now: 1 / 5')
    assert not find_testid(user, 'checkin-save')
    assert not find_testid(user, 'objective-edit') and not find_testid(user, 'kr-add')


Change = Callable[[World, Person], Awaitable[object]]


def checkin_on(kr: str) -> Change:
    return lambda w, actor: checkins.record_checkin(actor, key_result_id=getattr(w, kr).id, value=1, confidence=7)


def retitle(objective: str) -> Change:
    return lambda w, actor: objectives.update_objective(actor, getattr(w, objective).id, title='Renamed by test')


def add_key_result_to(objective: str) -> Change:
    return lambda w, actor: key_result_edits.add_key_result(actor, getattr(w, objective).id, title='One more',
                                                            target=3)


CHANGES: dict[str, Change] = {
    'check in on the employee key result': checkin_on('ben_kr'),
    'check in on the private key result': checkin_on('private_kr'),
    'retitle the team objective': retitle('team_objective'),
    'retitle the employee objective': retitle('ben_objective'),
    'retitle the private objective': retitle('private_objective'),
    'add a key result to the employee objective': add_key_result_to('ben_objective'),
    'add a key result to the private objective': add_key_result_to('private_objective'),
    'create a person': lambda w, actor: accounts.create_person(actor, email='new@acme.test', name='New Person',
                                                               team_id=w.org.sales.id, password='a fresh passphrase'),
    'create a team': lambda w, actor: teams.create_team(actor, name='Support', parent_id=w.org.root.id),
    'create a cycle': lambda w, actor: cycles.create_cycle(actor, name='2027 Q1', cadence='quarter',
                                                           start=date(2027, 1, 1), end=date(2027, 3, 31)),
}
OK = None
# change -> outcome per role, in the order of ROLES: admin, manager, employee, owner, colleague
ALLOWED: dict[str, tuple[type[Exception] | None, ...]] = {
    'check in on the employee key result': (OK, OK, OK, Forbidden, Forbidden),
    'check in on the private key result': (OK, OK, NotFound, OK, NotFound),
    'retitle the team objective': (OK, OK, Forbidden, Forbidden, Forbidden),
    'retitle the employee objective': (OK, OK, OK, Forbidden, Forbidden),
    'retitle the private objective': (OK, OK, NotFound, OK, NotFound),
    'add a key result to the employee objective': (OK, OK, OK, Forbidden, Forbidden),
    'add a key result to the private objective': (OK, OK, NotFound, OK, NotFound),
    'create a person': (OK, Forbidden, Forbidden, Forbidden, Forbidden),
    'create a team': (OK, Forbidden, Forbidden, Forbidden, Forbidden),
    'create a cycle': (OK, Forbidden, Forbidden, Forbidden, Forbidden),
}
TABLE = [(change, role, outcomes[index]) for change, outcomes in ALLOWED.items() for index, role in enumerate(ROLES)]


@pytest.mark.parametrize(('change', 'role', 'refusal'), TABLE, ids=[f'{role}: {change}' for change, role, _ in TABLE])
async def test_changes_through_the_services_follow_the_table(database: None, change: str, role: str,
                                                             refusal: type[Exception] | None) -> None:
    w = await world()
    actor = w.people()[role]
    before = await snapshot()

    if refusal is None:
        await CHANGES[change](w, actor)
        assert await snapshot() != before
    else:
        with pytest.raises(refusal):
            await CHANGES[change](w, actor)
        assert await snapshot() == before


async def test_home_page_hides_private_objectives_even_when_a_key_result_there_is_yours(user: User) -> None:
    w = await world()
    assigned = await factories.key_result(w.private_objective, 'Interview 10 candidates', owner=w.org.ben, target=10)
    await sign_in(user, 'employee')

    await user.should_see(w.ben_kr.title, retries=30)
    assert not find_testid(user, 'kr-card', kr_id=assigned.id)
    await user.should_not_see(w.private_objective.title)
