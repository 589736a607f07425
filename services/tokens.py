"""Personal access tokens: create (the secret is shown once), list, revoke, authenticate, rate-limit."""
import hashlib
import logging
import math
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from models.api import ApiToken
from models.org import User
from services import clock
from services.access import require_active
from services.errors import Invalid, NotFound, Throttled

log = logging.getLogger(__name__)

SCOPES = ('read', 'read-write')
MAX_NAME = 100
MAX_LIVE_TOKENS = 20
PREFIX = 'okr_'
TOUCH_EVERY = timedelta(minutes=1)  # last use is written at most this often, not on every call
RATE_LIMIT = 120  # requests per token in any RATE_WINDOW
RATE_WINDOW = 60.0  # seconds


@dataclass(frozen=True)
class TokenRow:
    id: int
    name: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True)
class NewToken:
    """A token just created: `secret` exists only here, never in the database."""
    token: TokenRow
    secret: str


@dataclass(frozen=True)
class TokenUse:
    """Who a valid bearer secret acts for, and what it may do."""
    owner: User
    token_id: int
    scope: str
    key: str  # the secret's hash, for the rate limiter

    @property
    def can_write(self) -> bool:
        return self.scope == 'read-write'


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _row(token: ApiToken) -> TokenRow:
    return TokenRow(token.id, token.name, token.scope, token.created_at, token.last_used_at)


def clean_name(name: str | None) -> str:
    name = ' '.join((name or '').split())
    if not name:
        raise Invalid('Give the token a name.', field='name')
    if len(name) > MAX_NAME:
        raise Invalid('Use at most {n} characters.', field='name', n=MAX_NAME)
    return name


async def create_token(actor: User, *, name: str, scope: str) -> NewToken:
    """A new token for the actor; the returned secret is the only copy there will ever be."""
    require_active(actor)
    name = clean_name(name)
    if scope not in SCOPES:
        raise Invalid('Choose read or read and write.', field='scope')
    if await ApiToken.filter(owner_id=actor.id, revoked_at=None).count() >= MAX_LIVE_TOKENS:
        raise Invalid('You have {n} tokens already; revoke one first.', field='name', n=MAX_LIVE_TOKENS)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = await ApiToken.create(owner_id=actor.id, name=name, scope=scope, token_hash=hash_secret(secret),
                                  created_at=clock.now())
    log.info('api token %s created by %s', token.id, actor.id)
    return NewToken(_row(token), secret)


async def list_tokens(actor: User) -> list[TokenRow]:
    """The actor's live tokens, newest first."""
    require_active(actor)
    return [_row(token) for token in await ApiToken.filter(owner_id=actor.id, revoked_at=None)]


async def revoke_token(actor: User, token_id: int) -> None:
    """Stop one of the actor's own tokens from working, at once."""
    require_active(actor)
    changed = await ApiToken.filter(id=token_id, owner_id=actor.id, revoked_at=None).update(revoked_at=clock.now())
    if not changed:
        raise NotFound('This token does not exist or was revoked already.')
    log.info('api token %s revoked by %s', token_id, actor.id)


async def authenticate(secret: str | None) -> TokenUse | None:
    """The token a secret belongs to, if it is live and its owner still active; notes its last use."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    key = hash_secret(secret)
    token = await ApiToken.filter(token_hash=key, revoked_at=None).select_related('owner').first()
    if token is None or not token.owner.active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        await ApiToken.filter(id=token.id).update(last_used_at=now)
    return TokenUse(token.owner, token.id, token.scope, key)


class RateLimiter:
    """A sliding window of request times per key, in memory (one server process)."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[float]] = {}

    def check(self, key: str) -> None:
        """Count one request, or raise Throttled with `seconds` to wait when the window is full."""
        now = clock.now().timestamp()
        seen = self._seen.setdefault(key, deque())
        while seen and seen[0] <= now - self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            wait = max(1, math.ceil(seen[0] + self.window - now))
            raise Throttled('Too many requests; try again in {seconds} seconds.', seconds=wait)
        seen.append(now)
        if len(self._seen) > 10_000:  # forget idle keys so the table cannot grow without bound
            self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - self.window}


limiter = RateLimiter(RATE_LIMIT, RATE_WINDOW)
