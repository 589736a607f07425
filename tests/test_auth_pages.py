from nicegui.testing import User

from models.org import Team
from tests import factories
from tests.helpers import by_testid


async def test_first_visit_to_empty_database_shows_setup(user: User) -> None:
    await user.open('/')

    await user.should_see('Set up okrboard')


async def test_setup_creates_company_and_first_admin_then_signs_in(user: User) -> None:
    await user.open('/setup')
    by_testid(user, 'setup-company').type('Acme')
    by_testid(user, 'setup-name').type('Ada')
    by_testid(user, 'setup-email').type('ada@acme.test')
    by_testid(user, 'setup-password').type('a long passphrase')
    by_testid(user, 'setup-submit').click()

    await user.should_see('My key results', retries=30)
    assert await Team.filter(parent_id=None).values_list('name', flat=True) == ['Acme']


async def test_setup_with_short_password_says_so_and_writes_nothing(user: User) -> None:
    await user.open('/setup')
    by_testid(user, 'setup-company').type('Acme')
    by_testid(user, 'setup-name').type('Ada')
    by_testid(user, 'setup-email').type('ada@acme.test')
    by_testid(user, 'setup-password').type('short')
    by_testid(user, 'setup-submit').click()

    await user.should_see('Use at least 8 characters.', retries=20)
    assert not await Team.exists()


async def test_sign_in_lands_on_my_key_results(user: User) -> None:
    await factories.company()
    await user.open('/login')

    by_testid(user, 'login-email').type('admin@acme.test')
    by_testid(user, 'login-password').type(factories.PASSWORD)
    by_testid(user, 'login-submit').click()
    await user.should_see('My key results', retries=30)


async def test_signed_out_visit_redirects_to_login(user: User) -> None:
    await factories.company()

    await user.open('/')
    await user.should_see('Sign in')


async def test_imported_company_without_logins_still_gets_the_setup_page(user: User) -> None:
    root = await Team.create(name='Imported GmbH', kind='company')
    await factories.person('Paula', email='paula@acme.test', team=root)
    from models.org import User as Person
    await Person.filter(email='paula@acme.test').update(password_hash=None)

    await user.open('/')
    await user.should_see('Set up okrboard')
    by_testid(user, 'setup-company').type('Imported AG')
    by_testid(user, 'setup-name').type('Paula')
    by_testid(user, 'setup-email').type('paula@acme.test')
    by_testid(user, 'setup-password').type('a long passphrase')
    by_testid(user, 'setup-submit').click()

    await user.should_see('My key results', retries=30)
    assert await Team.filter(parent_id=None).values_list('name', flat=True) == ['Imported AG']
    assert (await Person.get(email='paula@acme.test')).role == 'admin'
