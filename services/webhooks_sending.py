"""Outgoing webhooks, the sending side: signed JSON bodies, one attempt at a time, retries with backoff."""
import asyncio
import hashlib
import hmac
import json
import logging
import uuid
from datetime import datetime, timedelta

import httpx
from tortoise.transactions import in_transaction

from models.webhooks import Webhook, WebhookDelivery
from services import clock

log = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(5.0, connect=3.0)
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=12))  # the waits after failed attempts 1 to 5; attempt 6 failing gives up
LEASE = timedelta(minutes=5)  # an attempt still running after this was cut short (a crash): it is due again
KEEP = 100  # deliveries kept per webhook; older finished ones are pruned
BATCH = 200  # due deliveries one run of the job takes on
PARALLEL = 8  # attempts in flight at once
USER_AGENT = 'okrboard-webhooks'


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(',', ':'), sort_keys=True).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The X-Okrboard-Signature value: HMAC-SHA256 of `timestamp.body` with the webhook's secret."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b'.' + body, hashlib.sha256).hexdigest()
    return f'sha256={digest}'


def headers_for(delivery: WebhookDelivery, secret: str, body: bytes, moment: datetime) -> dict[str, str]:
    timestamp = str(int(moment.timestamp()))
    return {'Content-Type': 'application/json; charset=utf-8', 'User-Agent': USER_AGENT,
            'X-Okrboard-Event': delivery.event, 'X-Okrboard-Delivery': delivery.delivery_id,
            'X-Okrboard-Timestamp': timestamp, 'X-Okrboard-Signature': signature(secret, timestamp, body)}


def _new_delivery(webhook: Webhook, event: str, data: dict, occurred_at: datetime) -> WebhookDelivery:
    delivery_id = str(uuid.uuid4())
    payload = {'id': delivery_id, 'event': event, 'occurred_at': occurred_at.isoformat(), 'data': data}
    return WebhookDelivery(webhook=webhook, event=event, delivery_id=delivery_id, payload=payload,
                           next_attempt_at=occurred_at, created_at=occurred_at)


async def wanting(event: str) -> list[Webhook]:
    """The active webhooks that asked for `event`."""
    return [webhook for webhook in await Webhook.filter(active=True) if event in webhook.events]


async def queue(wanted: list[Webhook], event: str, data: dict) -> list[int]:
    """One pending delivery of `event` for each of these webhooks; returns their ids."""
    moment = clock.now()
    async with in_transaction():
        deliveries = [_new_delivery(webhook, event, data, moment) for webhook in wanted]
        for delivery in deliveries:
            await delivery.save()
    for webhook in wanted:
        await _prune(webhook.id)
    log.info('webhook event %s queued for %d webhooks', event, len(deliveries))
    return [delivery.id for delivery in deliveries]


async def _prune(webhook_id: int) -> None:
    kept = await WebhookDelivery.filter(webhook_id=webhook_id).order_by('-created_at', '-id').limit(KEEP) \
        .values_list('id', flat=True)
    if len(kept) == KEEP:
        await WebhookDelivery.filter(webhook_id=webhook_id, status__in=('delivered', 'gave_up'),
                                     id__not_in=list(kept)).delete()


async def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take a due delivery for one attempt; of two callers (the bus task and the job) only one gets it."""
    now = clock.now()
    row = await WebhookDelivery.get_or_none(id=delivery_id, next_attempt_at__lte=now).select_related('webhook')
    if row is None:
        return None
    taken = await WebhookDelivery.filter(id=row.id, attempt=row.attempt, next_attempt_at__lte=now).update(
        attempt=row.attempt + 1, next_attempt_at=now + LEASE, status='pending')
    if not taken:
        return None
    row.attempt += 1
    return row


async def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """(HTTP status, reason): the reason is empty on a 2xx answer. Redirects are answers, not followed."""
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as client:
            async with client.stream('POST', url, content=body, headers=headers) as response:
                pass  # only the status counts: a receiver's body, however large, is never read
    except httpx.TimeoutException as error:
        return None, f'timeout ({type(error).__name__})'
    except httpx.HTTPError as error:
        return None, f'connection failed ({type(error).__name__})'
    if 200 <= response.status_code < 300:
        return response.status_code, ''
    if 300 <= response.status_code < 400:
        return response.status_code, f'HTTP {response.status_code}: redirects are not followed'
    return response.status_code, f'HTTP {response.status_code} {response.reason_phrase}'.strip()


async def _attempt(delivery: WebhookDelivery, *, retry: bool = True) -> WebhookDelivery:
    """Send a claimed delivery once and record the outcome; a failure owes a retry until the backoff runs out."""
    webhook = delivery.webhook
    body = body_of(delivery.payload)
    moment = clock.now()
    http_status, reason = await _post(webhook.url, body, headers_for(delivery, webhook.secret, body, moment))
    finished = clock.now()
    delivery.http_status, delivery.reason, delivery.attempted_at = http_status, reason[:300], finished
    if not reason:
        delivery.status, delivery.next_attempt_at = 'delivered', None
    elif retry and delivery.attempt <= len(BACKOFF):
        delivery.status, delivery.next_attempt_at = 'failed', finished + BACKOFF[delivery.attempt - 1]
    else:
        delivery.status, delivery.next_attempt_at = 'gave_up' if retry else 'failed', None
    await delivery.save(update_fields=['http_status', 'reason', 'attempted_at', 'status', 'next_attempt_at'])
    if reason:
        log.warning('webhook %d delivery %d failed (attempt %d): %s', webhook.id, delivery.id, delivery.attempt,
                    delivery.status)
    return delivery


async def send(delivery_ids: list[int]) -> int:
    """Attempt these deliveries now if they are due and nobody else took them; returns how many arrived."""
    gate = asyncio.Semaphore(PARALLEL)

    async def one(delivery_id: int) -> bool:
        async with gate:
            delivery = await _claim(delivery_id)
            if delivery is None or not delivery.webhook.active:
                return False
            return (await _attempt(delivery)).status == 'delivered'

    results = await asyncio.gather(*(one(delivery_id) for delivery_id in delivery_ids))
    return sum(results)


async def send_due() -> int:
    """The scheduled job: attempt every delivery of an active webhook whose next attempt is due."""
    due = await WebhookDelivery.filter(next_attempt_at__lte=clock.now(), webhook__active=True) \
        .order_by('next_attempt_at', 'id').limit(BATCH).values_list('id', flat=True)
    delivered = await send(list(due))
    if due:
        log.info('webhook deliveries due: %d, delivered: %d', len(due), delivered)
    return delivered


async def send_now(webhook: Webhook, event: str, data: dict) -> WebhookDelivery:
    """One attempt at once, never retried: the admin's test."""
    delivery = _new_delivery(webhook, event, data, clock.now())
    delivery.attempt, delivery.next_attempt_at = 1, None
    await delivery.save()
    await _prune(webhook.id)
    return await _attempt(delivery, retry=False)
