"""Sending notifications through channels: every attempt logged, failures retried with backoff, quiet hours kept."""
import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from config import settings
from locales import translate
from models.notify import Channel, Delivery, Notification
from models.org import User
from services import channel_config, channels, clock, notifications
from services.access import load_access, require_active
from services.channels import ChannelFailure, Message
from services.errors import NotFound

log = logging.getLogger(__name__)

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))  # then give up
LEASE = timedelta(minutes=5)  # an attempt still 'sending' after this was cut short (a crash) and is tried again
CLOSED_AS = {'failed': 'retried', 'sending': 'interrupted'}  # what an owed row becomes once its retry starts


def absolute_link(path: str) -> str:
    base = settings().base_url.rstrip('/') or f'http://127.0.0.1:{settings().port}'
    return base + path if path.startswith('/') else path


def message_for(notification: Notification, recipient: User) -> Message:
    locale = notifications.message_locale(recipient)
    return Message(title=notification.title, text=notification.body, link=absolute_link(notification.link),
                   link_label=translate(locale, 'Open in okrboard'), recipient_name=recipient.name,
                   recipient_email=recipient.email)


async def _start(notification: Notification, channel: Channel, number: int) -> Delivery:
    """The attempt's log row, written before sending: a crash mid-send leaves it due again after the lease."""
    return await Delivery.create(notification=notification, channel=channel, attempt=number, status='sending',
                                 next_try_at=clock.now() + LEASE, at=clock.now())


async def _attempt(row: Delivery, channel: Channel, message: Message) -> Delivery:
    """One try through one channel, logged in `row`; a failure owes a retry until the backoff runs out."""
    error = ''
    try:
        await channels.send(channel.kind, channel_config.connection_settings(channel), message)
    except ChannelFailure as failure:
        error = str(failure)
    except Exception as failure:  # a channel's bug must not stop the others: log it and treat it as a failure
        log.exception('channel %d raised', channel.id)
        error = f'{type(failure).__name__}: {failure}'
    retries = row.notification_id is not None
    if not error:
        row.status, row.next_try_at = 'sent', None
    elif retries and row.attempt <= len(BACKOFF):
        row.status, row.next_try_at = 'failed', clock.now() + BACKOFF[row.attempt - 1]
    else:
        row.status, row.next_try_at = 'gave_up' if retries else 'failed', None
    if error:
        log.warning('delivery through channel %d failed (attempt %d)', channel.id, row.attempt)
    row.error, row.at = error, clock.now()
    await row.save()
    return row


def _reaches(channel: Channel, recipient: User) -> bool:
    return channel.kind != 'email' or bool(recipient.email)


async def dispatch(notification: Notification) -> int:
    """Send a new notification through every channel serving its recipient, at once; returns how many took it.

    Claiming the notification and logging its attempts happen in one transaction, so of two callers (the rule
    that made it and the retry job) only one sends it.
    """
    recipient = await User.get(id=notification.recipient_id)
    served = [channel for channel in await channel_config.channels_for(recipient) if _reaches(channel, recipient)]
    quiet_end = notifications.quiet_until(recipient, clock.now())
    async with in_transaction():
        if not await Notification.filter(id=notification.id, dispatched=False).update(dispatched=True):
            return 0
        if quiet_end is not None:
            for channel in served:
                await Delivery.create(notification=notification, channel=channel, attempt=0, status='postponed',
                                      next_try_at=quiet_end, at=clock.now())
            return 0
        started = [(await _start(notification, channel, 1), channel) for channel in served]
    message = message_for(notification, recipient)
    results = await asyncio.gather(*(_attempt(row, channel, message) for row, channel in started))
    return sum(1 for delivery in results if delivery.status == 'sent')


async def deliver_due() -> int:
    """The scheduled retry: undispatched notifications, then owed retries and postponed deliveries that are due."""
    sent = 0
    for notification in await Notification.filter(dispatched=False).order_by('id'):
        sent += await dispatch(notification)
    owed = await Delivery.filter(next_try_at__lte=clock.now(), notification_id__not_isnull=True) \
        .select_related('channel', 'notification').order_by('id')
    tries = []
    for delivery in owed:
        # claim the row, so two overlapping runs never retry the same delivery twice
        claimed = await Delivery.filter(id=delivery.id, next_try_at__not_isnull=True).update(
            next_try_at=None, status=CLOSED_AS.get(delivery.status, delivery.status))
        if not claimed:
            continue
        recipient = await User.get(id=delivery.notification.recipient_id)
        row = await _start(delivery.notification, delivery.channel, delivery.attempt + 1)
        tries.append(_attempt(row, delivery.channel, message_for(delivery.notification, recipient)))
    results = await asyncio.gather(*tries)
    sent += sum(1 for delivery in results if delivery.status == 'sent')
    if owed:
        log.info('deliveries retried: %d due, %d sent', len(owed), sent)
    return sent


async def send_test_message(actor: User, channel_id: int) -> str | None:
    """Send a test message to the admin through one channel; None on success, else the exact error."""
    (await load_access(require_active(actor))).require_admin()
    channel = await Channel.get_or_none(id=channel_id)
    if channel is None:
        raise NotFound('This channel does not exist.')
    locale = notifications.message_locale(actor)
    message = Message(title=translate(locale, 'okrboard test message'),
                      text=translate(locale, 'This channel works: reminders will arrive here.'),
                      link=absolute_link('/'), link_label=translate(locale, 'Open in okrboard'),
                      recipient_name=actor.name, recipient_email=actor.email)
    row = await Delivery.create(channel=channel, attempt=1, status='sending', at=clock.now())
    delivery = await _attempt(row, channel, message)
    log.info('test message through channel %d by user %d: %s', channel.id, actor.id, delivery.status)
    return delivery.error or None


@dataclass(frozen=True)
class DeliveryRow:
    at: datetime
    channel_name: str
    recipient_name: str  # '' for a test message
    attempt: int
    status: str
    error: str


async def delivery_log(actor: User, *, limit: int = 100) -> list[DeliveryRow]:
    """The latest delivery attempts, newest first (admins only)."""
    (await load_access(require_active(actor))).require_admin()
    rows = await Delivery.all().select_related('channel', 'notification', 'notification__recipient') \
        .order_by('-at', '-id').limit(limit)
    return [DeliveryRow(row.at, row.channel.name, row.notification.recipient.name if row.notification else '',
                        row.attempt, row.status, row.error) for row in rows]
