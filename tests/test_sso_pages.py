"""The login and invitation pages with single sign-on configured, and local login for admins only."""
import pytest
from nicegui.testing import User

from models.auth import Session
from models.org import User as Person
from services import accounts
from tests import factories
from tests.factories_sso import configure
from tests.helpers import by_testid, find_testid, sign_in

ISSUER = 'http://127.0.0.1:9'  # never contacted: pages only read the settings


@pytest.fixture
def sso(monkeypatch: pytest.MonkeyPatch) -> None:
    configure(monkeypatch, ISSUER)


@pytest.fixture
def admins_only(monkeypatch: pytest.MonkeyPatch, sso: None) -> None:
    configure(monkeypatch, ISSUER, local_login='admins_only')


async def test_login_page_offers_the_configured_sso_button(user: User, sso: None) -> None:
    await factories.company()

    await user.open('/login')

    await user.should_see('Sign in with Company SSO')
    assert find_testid(user, 'sso-start')


async def test_login_page_has_no_sso_button_without_sso(user: User) -> None:
    await factories.company()

    await user.open('/login')

    await user.should_see('E-mail')
    assert not find_testid(user, 'sso-start')


async def test_a_refused_sso_sign_in_is_explained_on_the_login_page(user: User, sso: None) -> None:
    await factories.company()

    await user.open('/login?sso_error=domain')

    await user.should_see('People with this e-mail domain cannot join okrboard by themselves. Ask an admin to add you.')


async def test_an_unknown_sso_error_code_shows_no_message(user: User, sso: None) -> None:
    await factories.company()

    await user.open('/login?sso_error=%3Cb%3Ecall+us%3C%2Fb%3E')

    await user.should_see('Sign in with Company SSO')
    assert not find_testid(user, 'sso-error')


async def test_admins_only_refuses_a_members_correct_password_and_points_to_sso(user: User, admins_only: None) -> None:
    await factories.company()
    await factories.person('Ben')
    await user.open('/login')

    by_testid(user, 'login-email').type('ben@acme.test')
    by_testid(user, 'login-password').type(factories.PASSWORD)
    by_testid(user, 'login-submit').click()

    await user.should_see('Please sign in with Company SSO.', retries=30)
    assert not await Session.exists()


async def test_admins_only_still_lets_an_admin_sign_in_with_a_password(user: User, admins_only: None) -> None:
    await factories.company()

    await sign_in(user, 'admin@acme.test')

    assert await Session.exists()


async def test_admins_only_offers_a_member_no_password_through_an_invitation(user: User, admins_only: None) -> None:
    _, admin = await factories.company()
    ben, token = await accounts.create_person(admin, email='ben@acme.test', name='Ben')

    await user.open(f'/invite/{token}')

    await user.should_see('Please sign in with Company SSO.')
    assert not find_testid(user, 'invite-password')
    assert (await Person.get(id=ben.id)).password_hash is None


async def test_an_invitation_still_works_for_members_when_everyone_may_use_a_password(user: User, sso: None) -> None:
    _, admin = await factories.company()
    _, token = await accounts.create_person(admin, email='ben@acme.test', name='Ben')

    await user.open(f'/invite/{token}')

    await user.should_see('Hello Ben, choose your password.')
