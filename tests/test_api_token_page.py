"""The profile's API tokens: created with the secret shown once, listed with their use, revoked; bad names refused."""
import pytest
from nicegui import ui
from nicegui.testing import User

from models.api import ApiToken
from services import tokens
from tests import factories
from tests.helpers import by_testid, find_testid, sign_in


async def open_profile(user: User) -> None:
    root, _ = await factories.company()
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    await user.open('/profile')


async def test_a_new_token_shows_its_secret_once_and_joins_the_list(user: User) -> None:
    await open_profile(user)

    by_testid(user, 'token-name').type('CRM sync')
    by_testid(user, 'token-create').click()

    await user.should_see('Copy this token now: it is shown only once.', retries=30)
    secret = find_testid(user, 'token-secret')[0]
    stored = await ApiToken.get(name='CRM sync')
    assert isinstance(secret, ui.input) and tokens.hash_secret(secret.value) == stored.token_hash
    assert stored.scope == 'read'
    await user.should_see('Read only · created', retries=30)
    await user.should_see('last used never')

    await user.open('/profile')
    await user.should_see('CRM sync')
    assert find_testid(user, 'token-secret') == []


async def test_revoking_a_token_removes_it_and_stops_it(user: User) -> None:
    await open_profile(user)
    by_testid(user, 'token-name').type('Old script')
    by_testid(user, 'token-create').click()
    await user.should_see('Copy this token now: it is shown only once.', retries=30)
    stored = await ApiToken.get(name='Old script')

    by_testid(user, 'token-revoke', token_id=stored.id).click()
    await user.should_see('Revoke Old script?')
    await stored.refresh_from_db()
    assert stored.revoked_at is None  # nothing happens before the confirmation
    by_testid(user, 'token-revoke-confirm').click()

    await user.should_see('You have no API tokens.', retries=30)
    await stored.refresh_from_db()
    assert stored.revoked_at is not None


@pytest.mark.parametrize(('name', 'message'), [('   ', 'Give the token a name.'),
                                                ('x' * 101, 'Use at most 100 characters.')])
async def test_a_bad_token_name_is_refused_at_the_field_and_nothing_is_saved(user: User, name: str,
                                                                             message: str) -> None:
    await open_profile(user)

    by_testid(user, 'token-name').type(name)
    by_testid(user, 'token-create').click()

    await user.should_see(message, retries=30)
    assert by_testid(user, 'token-name').elements.pop().props['error'] is True
    assert await ApiToken.all().count() == 0
