"""Accounts: first setup, login with throttling, sessions, invitations, people and their settings."""
import hashlib
import logging
import re
import secrets
from datetime import timedelta

from tortoise.transactions import in_transaction

from config import LOCALES, settings
from models.auth import Invite, LoginFailure, Session
from models.org import Team, User
from services import clock, events
from services.access import load_access, require_active
from services.errors import Forbidden, Invalid, NotFound, Throttled
from services.passwords import check_strength, hash_password, verify_password

log = logging.getLogger(__name__)

MAX_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=15)
HANDOFF_TTL = timedelta(seconds=60)
INVITE_TTL = timedelta(days=7)
EMAIL = re.compile(r'^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$')
ROLES = ('admin', 'member')


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 254:
        raise Invalid('Enter a valid e-mail address.', field='email')
    return email


def clean_name(name: str, field: str = 'name') -> str:
    name = ' '.join(name.split())
    if not name:
        raise Invalid('This field is required.', field=field)
    if len(name) > 200:
        raise Invalid('Use at most {n} characters.', field=field, n=200)
    return name


async def is_setup_needed() -> bool:
    """True until someone can sign in as admin (an imported company has people, but no logins yet)."""
    return not await User.exists(role='admin', active=True, password_hash__isnull=False)


async def setup_company(*, company: str, name: str, email: str, password: str) -> User:
    """Create (or, after an import, name) the company and its first admin."""
    company = clean_name(company, 'company')
    name = clean_name(name)
    email = normalise_email(email)
    check_strength(password)
    hashed = await hash_password(password)
    async with in_transaction():
        if not await is_setup_needed():
            raise Forbidden('okrboard is already set up.')
        root = await Team.filter(parent_id=None).order_by('id').first()
        if root is None:
            root = await Team.create(name=company, kind='company')
        else:
            await Team.filter(id=root.id).update(name=company, kind='company')
        admin = await User.get_or_none(email=email)
        if admin is None:
            admin = await User.create(email=email, name=name, password_hash=hashed, role='admin', team=root)
        else:
            await User.filter(id=admin.id).update(name=name, password_hash=hashed, role='admin', active=True)
        await root.leads.add(admin)
    log.info('company set up with admin %s', admin.id)
    return admin


async def authenticate(*, email: str, password: str, address: str) -> User:
    """The person with these credentials, or Invalid; Throttled after too many failures."""
    email = email.strip().lower()[:254]  # no address is longer; the throttle key column is bounded
    keys = [f'account:{email}', f'address:{address[:45]}']
    since = clock.now() - THROTTLE_WINDOW
    for key in keys:
        if await LoginFailure.filter(key=key, at__gte=since).count() >= MAX_FAILURES:
            log.warning('login refused: too many failures for %s', key.split(':')[0])
            raise Throttled('Too many failed sign-ins. Try again in {minutes} minutes.', minutes=15)
    user = await User.get_or_none(email=email) if email else None
    matches, needs_rehash = await verify_password(password[:1024], user.password_hash if user else None)
    if user is None or not matches or not user.active:
        await LoginFailure.bulk_create([LoginFailure(key=key, at=clock.now()) for key in keys])
        log.warning('failed sign-in')
        raise Invalid('Wrong e-mail or password.', field='password')
    if needs_rehash:
        user.password_hash = await hash_password(password)
        await user.save(update_fields=['password_hash'])
    await LoginFailure.filter(key=keys[0]).delete()
    log.info('user %s signed in', user.id)
    return user


async def start_session(user: User) -> str:
    """A one-time code, good for a minute, that the browser exchanges for its session cookie."""
    code = secrets.token_urlsafe(32)
    await Session.create(token_hash=digest(secrets.token_urlsafe(32)), user=user, created_at=clock.now(),
                         expires_at=clock.now() + HANDOFF_TTL, handoff_hash=digest(code),
                         handoff_expires_at=clock.now() + HANDOFF_TTL)
    return code


async def finish_session(code: str) -> str | None:
    """Exchange a one-time code for a fresh session token (a new id at every sign-in)."""
    session = await Session.get_or_none(handoff_hash=digest(code)).prefetch_related('user')
    if session is None or session.handoff_expires_at is None or session.handoff_expires_at < clock.now():
        return None
    token = secrets.token_urlsafe(32)
    session.token_hash = digest(token)
    session.handoff_hash = None
    session.handoff_expires_at = None
    session.expires_at = clock.now() + timedelta(hours=settings().session_hours)
    await session.save()
    return token


async def session_user(token: str | None) -> tuple[User, str] | None:
    """The active person behind a session token, with the token's hash; None when it is not valid."""
    if not token:
        return None
    token_hash = digest(token)
    return await user_for_session_hash(token_hash)


async def user_for_session_hash(token_hash: str) -> tuple[User, str] | None:
    session = await Session.get_or_none(token_hash=token_hash, handoff_hash=None).prefetch_related('user')
    if session is None or session.expires_at < clock.now() or not session.user.active:
        return None
    return session.user, token_hash


async def end_session(token_hash: str | None) -> None:
    """Sign out one session (by the hash of its token); its open tabs are told to stop."""
    if not token_hash:
        return
    session = await Session.get_or_none(token_hash=token_hash)
    if session is not None:
        await session.delete()
        log.info('user %s signed out', session.user_id)
        events.sessions_ended.emit(events.SessionEnd(session.user_id, token_hash))


async def create_person(actor: User, *, email: str, name: str, role: str = 'member', team_id: int | None = None,
                        manager_id: int | None = None, password: str | None = None) -> tuple[User, str | None]:
    """A new person, with an initial password or else a one-time invitation token (returned)."""
    access = await load_access(require_active(actor))
    access.require_admin()
    email = normalise_email(email)
    name = clean_name(name)
    await _check_role_team_manager(role, team_id, manager_id)
    if password:
        check_strength(password)
    if await User.exists(email=email):
        raise Invalid('Someone with this e-mail already exists.', field='email')
    hashed = await hash_password(password) if password else None
    async with in_transaction():
        person = await User.create(email=email, name=name, role=role, team_id=team_id, manager_id=manager_id,
                                   password_hash=hashed)
        token = None if password else await _new_invite(person)
    log.info('person %s created by %s', person.id, actor.id)
    events.org_changed.emit(events.Change('person', person.id, team_id=team_id))
    return person, token


async def _check_role_team_manager(role: str, team_id: int | None, manager_id: int | None,
                                   person_id: int | None = None) -> None:
    if role not in ROLES:
        raise Invalid('Unknown role.', field='role')
    if team_id is not None and not await Team.exists(id=team_id, archived=False):
        raise Invalid('Choose an existing team.', field='team')
    if manager_id is not None:
        if manager_id == person_id:
            raise Invalid('Nobody can be their own manager.', field='manager')
        if not await User.exists(id=manager_id, active=True):
            raise Invalid('Choose an active person as manager.', field='manager')
        if person_id is not None and person_id in await _managers_above(manager_id):
            raise Invalid('This would make a loop of managers.', field='manager')


async def _managers_above(person_id: int) -> set[int]:
    manager_of = dict(await User.all().values_list('id', 'manager_id'))
    chain, current = set(), manager_of.get(person_id)
    while current is not None and current not in chain:
        chain.add(current)
        current = manager_of.get(current)
    return chain


async def _new_invite(person: User) -> str:
    token = secrets.token_urlsafe(32)
    await Invite.create(token_hash=digest(token), user=person, expires_at=clock.now() + INVITE_TTL)
    return token


async def invite(actor: User, person_id: int) -> str:
    """A fresh one-time invitation link token for a person; older ones stop working."""
    (await load_access(require_active(actor))).require_admin()
    person = await User.get_or_none(id=person_id)
    if person is None:
        raise NotFound('This person does not exist.')
    if person.email is None:
        raise Invalid('Give this person an e-mail address first.', field='email')
    async with in_transaction():
        await Invite.filter(user=person, used_at=None).delete()
        return await _new_invite(person)


async def invited_person(token: str) -> User | None:
    found = await Invite.get_or_none(token_hash=digest(token), used_at=None).prefetch_related('user')
    if found is None or found.expires_at < clock.now() or not found.user.active:
        return None
    return found.user


async def accept_invite(token: str, password: str) -> User:
    check_strength(password)
    person = await invited_person(token)
    if person is None:
        raise Invalid('This invitation link has expired or was already used.', field='password')
    hashed = await hash_password(password)
    async with in_transaction():
        updated = await Invite.filter(token_hash=digest(token), used_at=None).update(used_at=clock.now())
        if not updated:
            raise Invalid('This invitation link has expired or was already used.', field='password')
        await User.filter(id=person.id).update(password_hash=hashed)
    log.info('person %s accepted an invitation', person.id)
    return person


async def update_person(actor: User, person_id: int, *, name: str, role: str, team_id: int | None,
                        manager_id: int | None) -> User:
    (await load_access(require_active(actor))).require_admin()
    person = await User.get_or_none(id=person_id)
    if person is None:
        raise NotFound('This person does not exist.')
    name = clean_name(name)
    await _check_role_team_manager(role, team_id, manager_id, person_id)
    if person.id == actor.id and role != 'admin':
        raise Invalid('You cannot remove your own admin role.', field='role')
    person.name, person.role, person.team_id, person.manager_id = name, role, team_id, manager_id
    await person.save()
    log.info('person %s updated by %s', person.id, actor.id)
    events.org_changed.emit(events.Change('person', person.id, team_id=team_id))
    return person


async def set_active(actor: User, person_id: int, active: bool) -> None:
    """Deactivate (ending every session and open tab) or reactivate a person."""
    (await load_access(require_active(actor))).require_admin()
    if person_id == actor.id:
        raise Invalid('You cannot deactivate yourself.', field='active')
    if not await User.exists(id=person_id):
        raise NotFound('This person does not exist.')
    async with in_transaction():
        await User.filter(id=person_id).update(active=active)
        if not active:
            await Session.filter(user_id=person_id).delete()
    log.info('person %s %s by %s', person_id, 'reactivated' if active else 'deactivated', actor.id)
    if not active:
        events.sessions_ended.emit(events.SessionEnd(person_id))
    events.org_changed.emit(events.Change('person', person_id))


async def change_password(actor: User, *, current: str, new: str) -> None:
    require_active(actor)
    fresh = await User.get(id=actor.id)
    matches, _ = await verify_password(current, fresh.password_hash)
    if not matches:
        raise Invalid('The current password is wrong.', field='current')
    check_strength(new)
    fresh.password_hash = await hash_password(new)
    await fresh.save(update_fields=['password_hash'])
    log.info('user %s changed their password', actor.id)


async def set_locale(actor: User, locale: str | None) -> None:
    if locale is not None and locale not in LOCALES:
        raise Invalid('Unknown language.', field='locale')
    await User.filter(id=require_active(actor).id).update(locale=locale)


async def set_current_cycle(actor: User, cycle_id: int) -> None:
    await User.filter(id=require_active(actor).id).update(current_cycle_id=cycle_id)


async def get_person(person_id: int) -> User | None:
    return await User.get_or_none(id=person_id)
