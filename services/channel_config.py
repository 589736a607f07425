"""Channels as admins configure them: validation, secrets kept back, the teams each serves."""
import ipaddress
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import apprise
from tortoise.transactions import in_transaction

from config import settings
from models.notify import Channel
from models.org import Team, User
from services import audit, channels
from services.access import load_access, require_active
from services.accounts import EMAIL
from services.channels.mail import SECURITY, settings_from_url
from services.errors import Invalid, NotFound

log = logging.getLogger(__name__)
NAME_LIMIT = 200  # the column's length

ENVIRONMENT_NAME = 'E-mail (OKRBOARD_SMTP_URL)'
_LABEL = r'[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
HOST_NAME = re.compile(rf'^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*$')
URL_LIMIT = 2000


@dataclass(frozen=True)
class ChannelView:
    id: int
    kind: str
    name: str
    settings: dict[str, Any]  # the fields that are not secret
    saved_secrets: tuple[str, ...]  # names of secret fields that hold a value; never the values
    enabled: bool
    team_ids: tuple[int, ...]
    from_environment: bool


async def _view(channel: Channel) -> ChannelView:
    team_ids = tuple(sorted(await channel.teams.all().values_list('id', flat=True)))
    return ChannelView(channel.id, channel.kind, channel.name, dict(channel.settings),
                       tuple(name for name, value in channel.secrets.items() if value), channel.enabled, team_ids,
                       channel.from_environment)


async def list_channels(actor: User) -> list[ChannelView]:
    """Every channel, for admins."""
    (await load_access(require_active(actor))).require_admin()
    await environment_channel()
    return [await _view(channel) for channel in await Channel.all()]


def _check_url(value: str, field: str) -> None:
    if len(value) > URL_LIMIT:
        raise Invalid('A web address can be at most {limit} characters.', field=field, limit=URL_LIMIT)
    parts = urlsplit(value)
    if parts.scheme not in ('http', 'https') or not parts.hostname or ' ' in value:
        raise Invalid('Enter a web address starting with http:// or https://.', field=field)
    try:
        parts.port  # noqa: B018 - reading it checks it: a port that is not a number raises
    except ValueError:
        raise Invalid('The port in this address is not a number from 1 to 65535.', field=field) from None


def _check_host(value: str) -> None:
    """A host name or an IP address: nothing with a scheme, a path, a port or markup."""
    try:
        ipaddress.ip_address(value)
        return
    except ValueError:
        pass
    if not HOST_NAME.match(value):
        raise Invalid('Enter a host name such as smtp.example.com, or an IP address, without http:// or a path.',
                      field='host')


def _clean(kind: str, values: dict[str, str], old_secrets: dict[str, str]) -> tuple[dict, dict]:
    """(settings, secrets) from the form; an empty secret field keeps the saved secret."""
    public: dict[str, Any] = {}
    secret: dict[str, str] = {}
    for field in channels.FIELDS[kind]:
        value = (values.get(field.name) or '').strip()
        if field.secret and not value:
            value = old_secrets.get(field.name, '')
        if field.required and not value:
            raise Invalid('This field is required.', field=field.name)
        (secret if field.secret else public)[field.name] = value
    if kind == 'email':
        _check_host(public['host'])
        if not public['port'].isdigit() or not 1 <= int(public['port']) <= 65535:
            raise Invalid('Enter a port number from 1 to 65535.', field='port')
        public['port'] = int(public['port'])
        if public['security'] not in SECURITY:
            raise Invalid('Choose how the connection is secured.', field='security')
        if not EMAIL.match(public['sender']) or len(public['sender']) > 254:
            raise Invalid('Enter an e-mail address.', field='sender')
    elif kind == 'apprise':
        if apprise.Apprise.instantiate(secret['url']) is None:
            raise Invalid('Apprise does not understand this URL.', field='url')
    else:
        _check_url(public['url'], 'url')
    return public, secret


async def save_channel(actor: User, *, channel_id: int | None, kind: str, name: str, values: dict[str, str],
                       enabled: bool = True, team_ids: list[int] | None = None) -> ChannelView:
    """Create or change a channel (admins only)."""
    (await load_access(require_active(actor))).require_admin()
    if kind not in channels.KINDS:
        raise Invalid('Choose a kind of channel.', field='kind')
    name = name.strip()
    if not name:
        raise Invalid('This field is required.', field='name')
    if len(name) > NAME_LIMIT:
        raise Invalid('A name can be at most {limit} characters.', field='name', limit=NAME_LIMIT)
    if await Channel.filter(name=name).exclude(id=channel_id or 0).exists():
        raise Invalid('Another channel has this name: choose one people can tell apart.', field='name')
    existing = await Channel.get_or_none(id=channel_id) if channel_id is not None else None
    if channel_id is not None and existing is None:
        raise NotFound('This channel does not exist.')
    public, secret = _clean(kind, values, existing.secrets if existing and existing.kind == kind else {})
    teams = await Team.filter(id__in=team_ids or [])
    before = audit.channel_state(existing) if existing else {}
    async with in_transaction():
        if existing is None:
            existing = await Channel.create(kind=kind, name=name, settings=public, secrets=secret, enabled=enabled)
        else:
            existing.kind, existing.name, existing.settings, existing.secrets = kind, name, public, secret
            existing.enabled = enabled
            await existing.save()
        await existing.teams.clear()
        if teams:
            await existing.teams.add(*teams)
        await audit.record(actor, 'setting', 'channel', existing.id, name, before, audit.channel_state(existing))
    log.info('channel %d (%s) saved by user %d', existing.id, kind, actor.id)
    return await _view(existing)


async def delete_channel(actor: User, channel_id: int) -> None:
    """Remove a channel and its delivery log (admins only)."""
    (await load_access(require_active(actor))).require_admin()
    names = await Channel.filter(id=channel_id).values_list('name', flat=True)
    deleted = await Channel.filter(id=channel_id).delete()
    if not deleted:
        raise NotFound('This channel does not exist.')
    await audit.record(actor, 'delete', 'channel', channel_id, names[0] if names else '', {}, {})
    log.info('channel %d deleted by user %d', channel_id, actor.id)


async def environment_channel() -> Channel | None:
    """The e-mail channel that OKRBOARD_SMTP_URL defines, created on first use so deliveries can name it."""
    if not settings().smtp_url:
        return None
    channel = await Channel.filter(from_environment=True).first()
    if channel is None:
        channel = await Channel.create(kind='email', name=ENVIRONMENT_NAME, from_environment=True)
    return channel


def connection_settings(channel: Channel) -> dict[str, Any]:
    """What a channel family needs to send: settings and secrets, or the parsed OKRBOARD_SMTP_URL."""
    if channel.from_environment:
        return settings_from_url(settings().smtp_url)
    return {**channel.settings, **channel.secrets}


async def _serving() -> tuple[dict[int, int | None], list[Channel]]:
    """What deciding who a channel reaches needs: the team tree and the enabled channels with their teams."""
    await environment_channel()
    parent_of = dict(await Team.all().values_list('id', 'parent_id'))
    return parent_of, list(await Channel.filter(enabled=True).prefetch_related('teams'))


def _served(person: User, parent_of: dict[int, int | None], enabled: list[Channel], with_muted: bool) -> list[Channel]:
    teams: set[int] = set()
    team_id = person.team_id
    while team_id is not None and team_id not in teams:
        teams.add(team_id)
        team_id = parent_of.get(team_id)
    prefs = person.notification_prefs or {}
    if not with_muted and not prefs.get('outside_app', True):
        return []
    muted = set() if with_muted else set(prefs.get('muted_channels', []))
    return [channel for channel in enabled if channel.id not in muted
            and (not (chosen := {team.id for team in channel.teams}) or chosen & teams)]


async def channels_for(person: User, *, with_muted: bool = False) -> list[Channel]:
    """The enabled channels that serve this person's team (or everyone), less those the person turned off."""
    return _served(person, *await _serving(), with_muted)


async def channels_for_people(people: Iterable[User]) -> dict[int, list[Channel]]:
    """`channels_for` of many people at once, for a reminder run: the same three queries however many there are."""
    parent_of, enabled = await _serving()
    return {person.id: _served(person, parent_of, enabled, False) for person in people}


async def my_channels(actor: User) -> list[tuple[int, str]]:
    """(id, name) of the channels that may reach the signed-in person, for their own choice."""
    return [(channel.id, channel.name) for channel in await channels_for(require_active(actor), with_muted=True)]
