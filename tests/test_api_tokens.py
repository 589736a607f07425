"""Personal access tokens: stored hashed, named, revocable, touched at most once a minute, rate-limited."""
from datetime import UTC, datetime, timedelta

import pytest

from models.api import ApiToken
from services import clock, tokens
from services.errors import Invalid, NotFound, Throttled
from tests.factories_okrs import org

NOON = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


async def test_the_secret_is_returned_once_and_only_its_hash_is_stored(database) -> None:
    acme = await org()

    created = await tokens.create_token(acme.ben, name='  CRM   sync ', scope='read')

    stored = await ApiToken.get(id=created.token.id)
    assert created.secret.startswith('okr_') and len(created.secret) > 40
    assert stored.token_hash == tokens.hash_secret(created.secret) and created.secret not in stored.token_hash
    assert (stored.name, stored.scope) == ('CRM sync', 'read')
    assert (await tokens.authenticate(created.secret)).owner.id == acme.ben.id


@pytest.mark.parametrize(('name', 'scope', 'field'), [('', 'read', 'name'), ('x' * 101, 'read', 'name'),
                                                     ('CI', 'admin', 'scope')])
async def test_bad_names_and_scopes_are_refused_and_nothing_is_saved(database, name: str, scope: str,
                                                                     field: str) -> None:
    acme = await org()

    with pytest.raises(Invalid) as refused:
        await tokens.create_token(acme.ben, name=name, scope=scope)

    assert refused.value.field == field
    assert await ApiToken.all().count() == 0


async def test_only_the_owner_revokes_a_token_and_it_leaves_the_list(database) -> None:
    acme = await org()
    created = await tokens.create_token(acme.ben, name='CI', scope='read')

    with pytest.raises(NotFound):
        await tokens.revoke_token(acme.cara, created.token.id)
    await tokens.revoke_token(acme.ben, created.token.id)

    assert await tokens.list_tokens(acme.ben) == []
    assert await tokens.authenticate(created.secret) is None


async def test_last_use_is_written_at_most_once_a_minute(database) -> None:
    acme = await org()
    created = await tokens.create_token(acme.ben, name='CI', scope='read')

    clock.set_now(NOON)
    await tokens.authenticate(created.secret)
    clock.set_now(NOON + timedelta(seconds=30))
    await tokens.authenticate(created.secret)
    after_half_a_minute = (await tokens.list_tokens(acme.ben))[0].last_used_at
    clock.set_now(NOON + timedelta(seconds=61))
    await tokens.authenticate(created.secret)

    assert NOON <= after_half_a_minute < NOON + timedelta(seconds=1)  # the clock keeps running after set_now
    assert (await tokens.list_tokens(acme.ben))[0].last_used_at >= NOON + timedelta(seconds=61)


def test_the_rate_limit_is_a_sliding_window_per_token() -> None:
    limiter = tokens.RateLimiter(limit=2, window=60)
    clock.set_now(NOON)
    limiter.check('a')
    clock.set_now(NOON + timedelta(seconds=20))
    limiter.check('a')
    limiter.check('b')

    with pytest.raises(Throttled) as throttled:
        limiter.check('a')
    assert throttled.value.params['seconds'] == 40

    clock.set_now(NOON + timedelta(seconds=61))
    limiter.check('a')
