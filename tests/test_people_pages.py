import pytest
from nicegui.testing import User

from models.auth import Invite
from models.org import User as Person
from services import accounts, people
from services.errors import Forbidden
from tests import factories
from tests.factories_org import choose, wait_for, wait_gone
from tests.helpers import by_testid, find_testid, sign_in


async def test_people_list_shows_team_manager_and_sign_in_state(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)
    ben = await factories.person('Ben', team=sales, manager=admin)
    await accounts.create_person(admin, email='cleo@acme.test', name='Cleo', team_id=sales.id)

    rows = {row.name: row for row in await people.list_people(admin)}

    assert (rows['Ben'].team_name, rows['Ben'].manager_name, rows['Ben'].has_login) == ('Sales', 'Ada Admin', True)
    assert (rows['Cleo'].has_login, rows['Cleo'].invite_pending) == (False, True)
    assert ben.id == rows['Ben'].id


async def test_search_matches_name_email_and_team_branch(database) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root, kind='department')
    emea = await factories.team('EMEA', sales)
    await factories.person('Ben Stone', team=emea)
    await factories.person('Cleo', email='cleo@elsewhere.test', team=root)

    assert [row.name for row in await people.list_people(admin, text='stone')] == ['Ben Stone']
    assert [row.name for row in await people.list_people(admin, text='ELSEWHERE')] == ['Cleo']
    assert [row.name for row in await people.list_people(admin, team_id=sales.id)] == ['Ben Stone']


@pytest.mark.parametrize('text', ["' OR 1=1 --", '%', '_', 'x"; DROP TABLE user; --'])
async def test_sql_ish_search_is_just_text(database, text: str) -> None:
    _, admin = await factories.company()

    assert await people.list_people(admin, text=text) == []
    assert await Person.all().count() == 1


async def test_members_cannot_list_people(database) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)

    with pytest.raises(Forbidden):
        await people.list_people(ben)
    with pytest.raises(Forbidden):
        await accounts.create_person(ben, email='eve@acme.test', name='Eve')
    with pytest.raises(Forbidden):
        await accounts.set_active(ben, ben.id, False)
    assert await Person.all().count() == 2


async def test_member_gets_a_refusal_on_the_people_page(user: User) -> None:
    root, _ = await factories.company()
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await user.open('/admin/people')

    await user.should_see('Only admins can manage people.')
    assert not find_testid(user, 'person-create')


async def test_admin_creates_a_person_with_an_invitation_link_shown_once(user: User) -> None:
    root, _ = await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-create').click()
    (await wait_for(user, 'person-name')).type('Dana')
    by_testid(user, 'person-email').type('dana@acme.test')
    choose(user, 'person-team', 'Acme')
    by_testid(user, 'person-save').click()

    link = (await wait_for(user, 'invite-link')).elements.pop().value
    assert link.startswith('http') and '/invite/' in link
    token = link.rsplit('/', 1)[1]
    dana = await accounts.invited_person(token)
    assert dana is not None and (dana.name, dana.team_id) == ('Dana', root.id)


async def test_admin_creates_a_person_with_a_first_password(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-create').click()
    (await wait_for(user, 'person-name')).type('Dana')
    by_testid(user, 'person-email').type('dana@acme.test')
    choose(user, 'person-access', 'Set a first password')
    by_testid(user, 'person-password').type('a long passphrase')
    by_testid(user, 'person-save').click()

    await wait_gone(user, 'person-save')
    dana = await Person.get(email='dana@acme.test')
    assert dana.password_hash is not None
    assert not await Invite.filter(user_id=dana.id).exists()


@pytest.mark.parametrize(('name', 'email', 'message'), [
    ('', 'dana@acme.test', 'This field is required.'),
    ('Dana', 'not an address', 'Enter a valid e-mail address.'),
    ('Dana', 'admin@acme.test', 'Someone with this e-mail already exists.'),
])
async def test_person_form_with_bad_input_says_so_and_writes_nothing(user: User, name: str, email: str,
                                                                     message: str) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-create').click()
    (await wait_for(user, 'person-name')).type(name)
    by_testid(user, 'person-email').type(email)
    by_testid(user, 'person-save').click()

    await user.should_see(message, retries=20)
    assert await Person.all().count() == 1


async def test_short_first_password_is_refused_and_nothing_written(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-create').click()
    (await wait_for(user, 'person-name')).type('Dana')
    by_testid(user, 'person-email').type('dana@acme.test')
    choose(user, 'person-access', 'Set a first password')
    by_testid(user, 'person-password').type('short')
    by_testid(user, 'person-save').click()

    await user.should_see('Use at least 8 characters.', retries=20)
    assert not await Person.filter(email='dana@acme.test').exists()


async def test_admin_edits_role_team_and_manager(user: User) -> None:
    root, _ = await factories.company()
    sales = await factories.team('Sales', root)
    cleo = await factories.person('Cleo', team=root)
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-edit', person_id=ben.id).click()
    await wait_for(user, 'person-role')
    choose(user, 'person-role', 'Admin')
    choose(user, 'person-team', '· Sales')
    choose(user, 'person-manager', 'Cleo')
    by_testid(user, 'person-save').click()

    await wait_gone(user, 'person-save')
    fresh = await Person.get(id=ben.id)
    assert (fresh.role, fresh.team_id, fresh.manager_id) == ('admin', sales.id, cleo.id)


async def test_manager_loop_is_refused_on_the_page(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    cleo = await factories.person('Cleo', team=root, manager=ben)
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-edit', person_id=ben.id).click()
    await wait_for(user, 'person-manager')
    choose(user, 'person-manager', 'Cleo')
    by_testid(user, 'person-save').click()

    await user.should_see('This would make a loop of managers.', retries=20)
    assert (await Person.get(id=ben.id)).manager_id is None
    assert cleo.manager_id == ben.id


async def test_search_narrows_the_list(user: User) -> None:
    root, _ = await factories.company()
    await factories.person('Ben', team=root)
    await factories.person('Cleo', team=root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'people-search').type("cle' OR '1'='1")
    await user.should_see('0 people', retries=20)
    by_testid(user, 'people-search').elements.pop().value = 'cle'

    await user.should_see('1 person', retries=20)
    assert await Person.all().count() == 3


async def test_new_invitation_link_replaces_the_old_one(user: User) -> None:
    _, admin = await factories.company()
    dana, first = await accounts.create_person(admin, email='dana@acme.test', name='Dana')
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-invite', person_id=dana.id).click()

    link = (await wait_for(user, 'invite-link')).elements.pop().value
    assert await accounts.invited_person(link.rsplit('/', 1)[1]) is not None
    assert await accounts.invited_person(first) is None


async def test_deactivated_person_is_sent_to_login_and_cannot_sign_in(user: User) -> None:
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    await user.open('/profile')

    await accounts.set_active(admin, ben.id, False)
    by_testid(user, 'profile-password-save').click()

    await user.should_see('Sign in', retries=30)
    by_testid(user, 'login-email').type('ben@acme.test')
    by_testid(user, 'login-password').type(factories.PASSWORD)
    by_testid(user, 'login-submit').click()
    await user.should_see('Wrong e-mail or password.', retries=30)


async def test_admin_deactivates_a_person_from_the_list(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/people')

    by_testid(user, 'person-active', person_id=ben.id).click()
    (await wait_for(user, 'person-active-confirm')).click()

    await user.should_see('Inactive', retries=20)
    assert not (await Person.get(id=ben.id)).active
