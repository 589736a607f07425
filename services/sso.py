"""Single sign-on with OpenID Connect: starting and finishing a sign-in, and who may still use a password."""
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError

from config import settings
from models.org import User
from services import clock, events, oidc
from services import sso_errors as refused

log = logging.getLogger(__name__)

PENDING_TTL = timedelta(minutes=10)
MAX_PENDING = 10_000  # anyone can start a sign-in: bound what they can make us remember (a few MB)


@dataclass(frozen=True)
class Pending:
    """What one started sign-in must find again at its callback; kept here, never in the browser."""
    nonce: str
    code_verifier: str
    redirect_uri: str
    redirect_to: str
    expires_at: datetime


@dataclass(frozen=True)
class Started:
    url: str
    state: str


@dataclass(frozen=True)
class SignedIn:
    person: User
    redirect_to: str


_pending: dict[str, Pending] = {}


def is_configured() -> bool:
    """True when an issuer and a client id are set, so the login page offers single sign-on."""
    return settings().sso


def button_name() -> str:
    """The provider's name as the login button shows it ('Company SSO')."""
    return settings().oidc_name


def _remember(state: str, pending: Pending) -> None:
    now = clock.now()
    for stale in [key for key, value in _pending.items() if value.expires_at < now]:
        del _pending[stale]
    while len(_pending) >= MAX_PENDING:
        del _pending[next(iter(_pending))]  # dicts keep insertion order: the oldest goes first
    _pending[state] = pending


async def begin(*, redirect_uri: str, redirect_to: str) -> Started:
    """Start a sign-in: the provider URL to send the browser to, and the state the browser must bring back."""
    state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48)
    url = await oidc.authorization_url(redirect_uri=redirect_uri, state=state, nonce=nonce, code_verifier=verifier)
    _remember(state, Pending(nonce, verifier, redirect_uri, redirect_to, clock.now() + PENDING_TTL))
    return Started(url, state)


def _take(state: str, browser_state: str) -> Pending:
    """The pending sign-in for this state, used once; the state must also match the browser that started it."""
    if not state or not browser_state or not hmac.compare_digest(state.encode(), browser_state.encode()):
        log.warning('single sign-on refused: state does not match the browser')
        raise refused.StateMismatch()
    pending = _pending.pop(state, None)
    if pending is None or pending.expires_at < clock.now():
        log.warning('single sign-on refused: unknown or expired state')
        raise refused.StateMismatch()
    return pending


async def finish(*, state: str, browser_state: str, code: str, error: str = '') -> SignedIn:
    """Finish a sign-in from the provider's callback: check everything, then find (or create) the person."""
    if error:  # some providers leave the state out of their refusals; nothing is signed in either way
        if state and state == browser_state:
            _pending.pop(state, None)
        log.warning('single sign-on refused by the provider')
        raise refused.ProviderDenied()
    pending = _take(state, browser_state)
    if not code:
        raise refused.ProviderDenied()
    token = await oidc.exchange_code(code=code, code_verifier=pending.code_verifier,
                                     redirect_uri=pending.redirect_uri)
    claims = await oidc.id_token_claims(token, nonce=pending.nonce)
    person = await _person_for(claims)
    log.info('user %s signed in through single sign-on', person.id)
    return SignedIn(person, pending.redirect_to)


def _verified_email(claims: dict[str, Any]) -> str:
    email = claims.get('email')
    verified = claims.get('email_verified')
    if verified is None and settings().oidc_allow_unverified_email:
        verified = True
    if not isinstance(email, str) or '@' not in email or len(email) > 254 or verified not in (True, 'true'):
        log.warning('single sign-on refused: no verified e-mail')
        raise refused.EmailNotVerified()
    return email.strip().lower()


async def _person_for(claims: dict[str, Any]) -> User:
    email = _verified_email(claims)
    person = await User.filter(email__iexact=email).first()
    if person is None:
        person = await _create_on_first_sign_in(email, claims)
    if not person.active:
        log.warning('single sign-on refused: person %s is deactivated', person.id)
        raise refused.PersonInactive()
    return person


async def _create_on_first_sign_in(email: str, claims: dict[str, Any]) -> User:
    if not settings().oidc_auto_create:
        log.warning('single sign-on refused: unknown person')
        raise refused.NoSuchPerson()
    if email.rsplit('@', 1)[1] not in settings().sso_domains:
        log.warning('single sign-on refused: e-mail domain not allowed')
        raise refused.DomainNotAllowed()
    name = claims.get('name') if isinstance(claims.get('name'), str) else ''
    name = ' '.join(name.split())[:200] or email.split('@', 1)[0][:200]
    try:
        person = await User.create(email=email, name=name, role='member', team=None, password_hash=None)
    except IntegrityError:  # a second tab finished the same first sign-in a moment earlier
        return await User.get(email=email)
    log.info('person %s created at their first single sign-on', person.id)
    events.org_changed.emit(events.Change('person', person.id))
    return person


def check_local_login(person: User) -> None:
    """Refuse a password sign-in (or an invitation's) when only admins may still sign in with a password."""
    if not local_login_allowed(person):
        log.warning('password sign-in refused for %s: members use single sign-on', person.id)
        raise refused.LocalLoginOff(field='password', name=settings().oidc_name)


def local_login_allowed(person: User) -> bool:
    """Whether this person may sign in with a password (everyone, or only admins)."""
    return settings().local_login == 'all' or person.is_admin
