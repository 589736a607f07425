"""Sign-in throttling, password storage and strength, first setup and invitation links."""
import asyncio
import logging

import argon2
import pytest
from nicegui.testing import User

from models.auth import Invite, Session
from models.org import Team
from models.org import User as Person
from services import accounts
from services.errors import Forbidden, Invalid, Throttled
from tests import factories
from tests.helpers import by_testid

THROTTLED = 'Too many failed sign-ins. Try again in 15 minutes.'


async def fail_sign_ins(emails: list[str], address: str) -> None:
    for email in emails:
        with pytest.raises(Invalid):
            await accounts.authenticate(email=email, password='not the password', address=address)


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]


async def test_sixth_sign_in_after_five_failures_is_refused_even_with_the_right_password(
        user: User, caplog: pytest.LogCaptureFixture) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await fail_sign_ins(['ben@acme.test'] * 5, address='198.51.100.1')
    await user.open('/login')

    by_testid(user, 'login-email').type('ben@acme.test')
    by_testid(user, 'login-password').type(factories.PASSWORD)
    by_testid(user, 'login-submit').click()

    await user.should_see(THROTTLED, retries=30)
    assert not await Session.filter(user_id=ben.id).exists()
    assert 'login refused: too many failures for account' in warnings(caplog)
    assert 'ben@acme.test' not in caplog.text


async def test_five_failures_from_one_address_over_many_accounts_lock_that_address_only(
        database: None, caplog: pytest.LogCaptureFixture) -> None:
    await factories.company()
    await fail_sign_ins([f'guess{n}@acme.test' for n in range(5)], address='198.51.100.7')

    with pytest.raises(Throttled) as refused:
        await accounts.authenticate(email='admin@acme.test', password=factories.PASSWORD, address='198.51.100.7')

    assert str(refused.value) == THROTTLED
    assert 'login refused: too many failures for address' in warnings(caplog)
    signed_in = await accounts.authenticate(email='admin@acme.test', password=factories.PASSWORD,
                                            address='203.0.113.9')
    assert signed_in.email == 'admin@acme.test'


async def test_four_failures_then_the_right_password_signs_in(database: None) -> None:
    await factories.company()
    await fail_sign_ins(['admin@acme.test'] * 4, address='198.51.100.2')

    signed_in = await accounts.authenticate(email='admin@acme.test', password=factories.PASSWORD,
                                            address='198.51.100.2')

    assert signed_in.role == 'admin'


async def test_stored_password_hashes_are_argon2id_at_owasp_strength(database: None) -> None:
    _, admin = await factories.company()
    person, _ = await accounts.create_person(admin, email='ben@acme.test', name='Ben', password='a long passphrase')

    for stored in (admin.password_hash, (await Person.get(id=person.id)).password_hash):
        parameters = argon2.extract_parameters(stored)
        assert parameters.type is argon2.Type.ID
        assert parameters.memory_cost >= 19456
        assert parameters.time_cost >= 2


async def test_weak_old_hash_is_strengthened_at_the_next_sign_in(database: None) -> None:
    _, admin = await factories.company()
    weak = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(factories.PASSWORD)
    await Person.filter(id=admin.id).update(password_hash=weak)

    await accounts.authenticate(email='admin@acme.test', password=factories.PASSWORD, address='198.51.100.3')

    parameters = argon2.extract_parameters((await Person.get(id=admin.id)).password_hash)
    assert parameters.memory_cost >= 19456 and parameters.time_cost >= 2


async def test_setup_page_is_closed_once_a_company_exists(user: User) -> None:
    await factories.company()

    await user.open('/setup')

    await user.should_see('Sign in')
    assert await Team.all().count() == 1


async def test_second_setup_is_refused_and_writes_nothing(database: None) -> None:
    await factories.company()

    with pytest.raises(Forbidden):
        await accounts.setup_company(company='Evil', name='Eve', email='eve@evil.test', password='a long passphrase')

    assert await Team.all().count() == 1
    assert not await Person.exists(email='eve@evil.test')


async def test_two_setups_at_once_make_one_company(database: None) -> None:
    results = await asyncio.gather(*(
        accounts.setup_company(company=f'Co {n}', name='Ada', email=f'ada{n}@acme.test', password='a long passphrase')
        for n in range(2)), return_exceptions=True)

    assert sum(isinstance(result, Forbidden) for result in results) == 1
    assert await Team.all().count() == 1


async def invited_person() -> tuple[Person, str]:
    _, admin = await factories.company()
    person, token = await accounts.create_person(admin, email='ben@acme.test', name='Ben')
    return person, token


async def accept_on_the_page(user: User, token: str, password: str, repeat: str | None = None) -> None:
    await user.open(f'/invite/{token}')
    by_testid(user, 'invite-password').type(password)
    by_testid(user, 'invite-repeat').type(password if repeat is None else repeat)
    by_testid(user, 'invite-submit').click()


async def test_invitation_link_works_once_then_says_it_expired(user: User) -> None:
    person, token = await invited_person()

    await accept_on_the_page(user, token, 'a long passphrase')
    await user.should_see('My key results', retries=30)
    await user.open(f'/invite/{token}')

    await user.should_see('This invitation link has expired or was already used.')
    with pytest.raises(Invalid):
        await accounts.accept_invite(token, 'another long passphrase')
    assert await accounts.authenticate(email='ben@acme.test', password='a long passphrase', address='198.51.100.4')


@pytest.mark.parametrize(('password', 'message'), [
    ('short', 'Use at least 8 characters.'),
    ('Password1', 'This password is too common; choose another.'),
    ('12345678', 'This password is too common; choose another.'),
])
async def test_weak_password_on_the_invitation_is_refused_and_nothing_is_written(
        user: User, password: str, message: str) -> None:
    person, token = await invited_person()

    await accept_on_the_page(user, token, password)

    await user.should_see(message, retries=20)
    assert (await Person.get(id=person.id)).password_hash is None
    assert await Invite.filter(user_id=person.id, used_at=None).exists()


async def test_differing_repeat_on_the_invitation_is_refused_and_nothing_is_written(user: User) -> None:
    person, token = await invited_person()

    await accept_on_the_page(user, token, 'a long passphrase', repeat='a long passphrasf')

    await user.should_see('The two passwords differ.', retries=20)
    assert (await Person.get(id=person.id)).password_hash is None


@pytest.mark.parametrize(('password', 'message'), [
    ('seven77', 'Use at least 8 characters.'),
    ('qwertyuiop', 'This password is too common; choose another.'),
    ('x' * 1025, 'Use at most 1024 characters.'),
])
async def test_weak_password_is_refused_by_the_service(database: None, password: str, message: str) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await accounts.create_person(admin, email='ben@acme.test', name='Ben', password=password)

    assert str(refused.value) == message
    assert not await Person.exists(email='ben@acme.test')
