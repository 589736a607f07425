"""Outgoing webhooks, the admin side: register, change, delete, rotate the secret, send a test, read deliveries."""
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from models.org import User
from models.webhooks import Webhook, WebhookDelivery
from services import audit, clock, webhooks_sending
from services.access import load_access, require_active
from services.errors import Invalid, NotFound

log = logging.getLogger(__name__)

EVENTS = ('checkin.recorded', 'objective.changed', 'key_result.changed', 'comment.changed', 'cycle.changed')
MAX_URL = 2000
SECRET_PREFIX = 'whsec_'


@dataclass(frozen=True)
class WebhookView:
    id: int
    url: str
    events: tuple[str, ...]
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class WebhookSecret:
    """A webhook with its signing secret: returned once, on creation and on rotation."""
    webhook: WebhookView
    secret: str


@dataclass(frozen=True)
class DeliveryView:
    id: int
    event: str
    delivery_id: str
    created_at: datetime
    attempted_at: datetime | None
    attempt: int
    status: str
    http_status: int | None
    reason: str
    next_attempt_at: datetime | None


def check_url(url: str) -> str:
    """The address cleaned of surrounding blanks, or Invalid naming what is wrong with it."""
    url = (url or '').strip()
    if not url:
        raise Invalid('Enter the address that receives the events.', field='url')
    if len(url) > MAX_URL:
        raise Invalid('Use at most {n} characters.', field='url', n=MAX_URL)
    if any(character.isspace() for character in url):
        raise Invalid('The address may not contain spaces.', field='url')
    parts = urlsplit(url)
    if parts.scheme.lower() not in ('http', 'https'):
        raise Invalid('Enter a web address starting with http:// or https://.', field='url')
    if parts.username is not None or parts.password is not None:
        raise Invalid('Leave user names and passwords out of the address: the signature proves the sender.',
                      field='url')
    if not parts.hostname:
        raise Invalid('The address needs a host name.', field='url')
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (port is None and parts.netloc.endswith(':')):
        raise Invalid('The port must be a number from 1 to 65535.', field='url')
    return url


def check_events(events: Iterable[str]) -> list[str]:
    chosen = set(events or ())
    unknown = sorted(chosen - set(EVENTS))
    if unknown:
        raise Invalid('Unknown event: {event}.', field='events', event=unknown[0])
    if not chosen:
        raise Invalid('Choose at least one event.', field='events')
    return [event for event in EVENTS if event in chosen]


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def view(webhook: Webhook) -> WebhookView:
    return WebhookView(webhook.id, webhook.url, tuple(webhook.events), webhook.active, webhook.created_at)


async def _admin(actor: User | None) -> User:
    actor = require_active(actor)
    (await load_access(actor)).require_admin()
    return actor


async def _webhook(webhook_id: int) -> Webhook:
    webhook = await Webhook.get_or_none(id=webhook_id)
    if webhook is None:
        raise NotFound('This webhook does not exist.')
    return webhook


def _audited(webhook: Webhook) -> dict:
    return audit.webhook_state(webhook.url, webhook.events, webhook.active, webhook.secret)


async def register_webhook(actor: User, *, url: str, events: Iterable[str], active: bool = True) -> WebhookSecret:
    """Register an address for events; the returned secret is shown once and never again (admins only)."""
    actor = await _admin(actor)
    checked_url, checked_events = check_url(url), check_events(events)
    secret = new_secret()
    webhook = await Webhook.create(url=checked_url, events=checked_events, secret=secret, active=active,
                                   created_by=actor, created_at=clock.now())
    await audit.record(actor, 'setting', 'webhook', webhook.id, audit.bare_address(webhook.url), {}, _audited(webhook))
    log.info('webhook %d registered by user %d', webhook.id, actor.id)
    return WebhookSecret(view(webhook), secret)


async def update_webhook(actor: User, webhook_id: int, *, url: str, events: Iterable[str],
                         active: bool) -> WebhookView:
    """Change a webhook's address, events or active flag; its secret stays (admins only)."""
    actor = await _admin(actor)
    webhook = await _webhook(webhook_id)
    before = _audited(webhook)
    webhook.url, webhook.events, webhook.active = check_url(url), check_events(events), active
    await webhook.save(update_fields=['url', 'events', 'active'])
    await audit.record(actor, 'setting', 'webhook', webhook.id, audit.bare_address(webhook.url), before,
                       _audited(webhook))
    log.info('webhook %d changed by user %d', webhook.id, actor.id)
    return view(webhook)


async def delete_webhook(actor: User, webhook_id: int) -> None:
    """Delete a webhook and its deliveries (admins only)."""
    actor = await _admin(actor)
    webhook = await _webhook(webhook_id)
    await webhook.delete()
    await audit.record(actor, 'delete', 'webhook', webhook_id, audit.bare_address(webhook.url), {}, {})
    log.info('webhook %d deleted by user %d', webhook_id, actor.id)


async def rotate_secret(actor: User, webhook_id: int) -> WebhookSecret:
    """Give a webhook a new signing secret, shown once; the old one stops working at once (admins only)."""
    actor = await _admin(actor)
    webhook = await _webhook(webhook_id)
    before = _audited(webhook)
    webhook.secret = new_secret()
    await webhook.save(update_fields=['secret'])
    await audit.record(actor, 'setting', 'webhook', webhook.id, audit.bare_address(webhook.url), before,
                       _audited(webhook))
    log.info('webhook %d secret rotated by user %d', webhook.id, actor.id)
    return WebhookSecret(view(webhook), webhook.secret)


async def list_webhooks(actor: User) -> list[WebhookView]:
    """Every webhook, oldest first (admins only)."""
    await _admin(actor)
    return [view(webhook) for webhook in await Webhook.all()]


async def send_test(actor: User, webhook_id: int) -> DeliveryView:
    """Send a 'ping' event now, once and without retries, and return how it went (admins only)."""
    actor = await _admin(actor)
    webhook = await _webhook(webhook_id)
    delivery = await webhooks_sending.send_now(webhook, 'ping', {'webhook_id': webhook.id, 'by': actor.id})
    log.info('webhook %d test delivery %d by user %d: %s', webhook.id, delivery.id, actor.id, delivery.status)
    return delivery_view(delivery)


def delivery_view(delivery: WebhookDelivery) -> DeliveryView:
    return DeliveryView(delivery.id, delivery.event, delivery.delivery_id, delivery.created_at, delivery.attempted_at,
                        delivery.attempt, delivery.status, delivery.http_status, delivery.reason,
                        delivery.next_attempt_at)


async def list_deliveries(actor: User, webhook_id: int, *, limit: int = 50) -> list[DeliveryView]:
    """A webhook's latest deliveries, newest first (admins only)."""
    await _admin(actor)
    await _webhook(webhook_id)
    rows = await WebhookDelivery.filter(webhook_id=webhook_id).order_by('-created_at', '-id').limit(limit)
    return [delivery_view(row) for row in rows]
