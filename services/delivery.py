"""Sending notifications through channels: every attempt logged, failures retried with backoff, quiet hours kept."""
import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps
from typing import ParamSpec, TypeVar

from tortoise.transactions import in_transaction

from config import settings
from locales import translate
from models.notify import Channel, Delivery, Notification
from models.okr import KeyResult, Objective
from models.org import User
from services import channel_config, channels, clock, notifications
from services.access import load_access, require_active
from services.channels import ChannelFailure, Message
from services.errors import NotFound

log = logging.getLogger(__name__)

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))  # then give up
LEASE = timedelta(minutes=5)  # an attempt still 'sending' after this was cut short (a crash) and is tried again
CLOSED_AS = {'failed': 'retried', 'sending': 'interrupted'}  # what an owed row becomes once its retry starts
GROUP_KINDS = frozenset({'dingtalk', 'wecom', 'feishu', 'slack', 'apprise'})  # a chat room, not one person
# what a room may read: the scheduled reminders about work; mentions, follows, digests and the like stay personal
ROOM_RULES = frozenset({'checkin-due', 'checkin-nudge', 'behind-pace', 'stalled', 'due-soon', 'review-due',
                        'report-due'})
ROOM_POST_LINES = 20  # a long list goes out in several posts: Slack takes 3,000 characters a section,
ROOM_POST_CHARS = 2500  # WeCom 4,096 bytes of markdown
SENDING_AT_ONCE = 8  # deliveries in flight together, so one run does not flood a receiver
Attempt = tuple[Delivery, Channel, Notification | None, User | None]  # the row, where it goes, what, to whom

_batch: ContextVar[list[Notification] | None] = ContextVar('reminder_batch', default=None)
P = ParamSpec('P')
R = TypeVar('R')


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


async def _try(channel: Channel, message: Message) -> str:
    """Send once; '' on success, else the reason."""
    try:
        await channels.send(channel.kind, channel_config.connection_settings(channel), message)
    except ChannelFailure as failure:
        return str(failure)
    except Exception as failure:  # a channel's bug must not stop the others: log it and treat it as a failure
        log.exception('channel %d raised', channel.id)
        return f'{type(failure).__name__}: {failure}'
    return ''


async def _record(row: Delivery, error: str) -> Delivery:
    """Log the outcome in `row`; a failure owes a retry until the backoff runs out."""
    retries = row.notification_id is not None
    if not error:
        row.status, row.next_try_at = 'sent', None
    elif retries and row.attempt <= len(BACKOFF):
        row.status, row.next_try_at = 'failed', clock.now() + BACKOFF[row.attempt - 1]
    else:
        row.status, row.next_try_at = 'gave_up' if retries else 'failed', None
    if error:
        log.warning('delivery through channel %d failed (attempt %d)', row.channel_id, row.attempt)
    row.error, row.at = error, clock.now()
    await row.save()
    return row


async def _attempt(row: Delivery, channel: Channel, message: Message) -> Delivery:
    return await _record(row, await _try(channel, message))


def room_posts(lines: list[str]) -> list[list[str]]:
    """The lines of a room's reminders cut into posts that every chat platform accepts."""
    posts: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = line[:ROOM_POST_CHARS]
        if posts[-1] and (len(posts[-1]) >= ROOM_POST_LINES or size + len(line) > ROOM_POST_CHARS):
            posts.append([])
            size = 0
        posts[-1].append(line)
        size += len(line) + 1
    return posts


async def _attempt_together(attempts: list[Attempt], channel: Channel) -> list[Delivery]:
    """The reminders of this run for a group chat, as a few posts naming each person, instead of one per person."""
    locale = settings().default_locale
    lines = [f'- {recipient.name}: {notification.title} ({absolute_link(notification.link)})'
             for _, _, notification, recipient in attempts if notification and recipient]
    rows = [row for row, *_ in attempts]
    recorded: list[Delivery] = []
    start = 0
    for post in room_posts(lines):
        message = Message(title=translate(locale, 'okrboard reminders ({n})', n=len(lines)), text='\n'.join(post),
                          link=absolute_link('/'), link_label=translate(locale, 'Open in okrboard'))
        error = await _try(channel, message)
        recorded += [await _record(row, error) for row in rows[start:start + len(post)]]
        start += len(post)
    return recorded


async def _send(attempts: list[Attempt]) -> int:
    """Send the started attempts: one post per group chat, one message per person elsewhere; how many were sent."""
    together: dict[int, list[Attempt]] = {}
    tries: list[Awaitable[Delivery | list[Delivery]]] = []
    for attempt in attempts:
        row, channel, notification, recipient = attempt
        if channel.kind in GROUP_KINDS and notification is not None:
            together.setdefault(channel.id, []).append(attempt)
        elif notification is not None and recipient is not None:
            tries.append(_attempt(row, channel, message_for(notification, recipient)))
    tries += [_attempt_together(grouped, grouped[0][1]) for grouped in together.values()]
    gate = asyncio.Semaphore(SENDING_AT_ONCE)

    async def gated(attempt: Awaitable[Delivery | list[Delivery]]) -> Delivery | list[Delivery]:
        async with gate:
            return await attempt
    done: list[Delivery] = []
    for result in await asyncio.gather(*(gated(attempt) for attempt in tries)):
        done += result if isinstance(result, list) else [result]
    return sum(1 for delivery in done if delivery.status == 'sent')


def _reaches(channel: Channel, recipient: User) -> bool:
    return channel.kind != 'email' or bool(recipient.email)


@asynccontextmanager
async def batched() -> AsyncIterator[None]:
    """Hold back the notifications made inside, then dispatch them together (one post per group chat)."""
    if _batch.get() is not None:  # already inside a batch: the outer one dispatches
        yield
        return
    held: list[Notification] = []
    token = _batch.set(held)
    try:
        yield
    finally:
        _batch.reset(token)
    await dispatch_all(held)


def in_one_batch(rule: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """A reminder rule whose notifications go out together when it has run."""
    @wraps(rule)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        async with batched():
            return await rule(*args, **kwargs)
    return run


async def dispatch(notification: Notification) -> int:
    """Send a new notification now, or with the others of the running batch; returns how many channels took it."""
    held = _batch.get()
    if held is not None:
        held.append(notification)
        return 0
    return await dispatch_all([notification])


async def dispatch_all(notifications_: list[Notification]) -> int:
    """Send new notifications through every channel serving their recipients; returns how many deliveries went out.

    Claiming each notification and logging its attempts happen in one transaction, so of two callers (the rule
    that made it and the retry job) only one sends it. Recipients in their quiet hours get it postponed.
    """
    if not notifications_:
        return 0
    recipients = {person.id: person for person in
                  await User.filter(id__in={notification.recipient_id for notification in notifications_})}
    reaching = await channel_config.channels_for_people(recipients.values())
    served = {person.id: [channel for channel in reaching[person.id] if _reaches(channel, person)]
              for person in recipients.values()}
    private = await _private_subjects(notifications_)
    attempts: list[Attempt] = []
    async with in_transaction():
        for notification in notifications_:
            if not await Notification.filter(id=notification.id, dispatched=False).update(dispatched=True):
                continue
            recipient = recipients[notification.recipient_id]
            quiet_end = notifications.quiet_until(recipient, clock.now())
            for channel in served[recipient.id]:
                if channel.kind in GROUP_KINDS and (notification.rule not in ROOM_RULES
                                                    or notification.subject in private):
                    continue  # a room reads scheduled reminders about work others may see, nothing personal
                if quiet_end is not None:
                    await Delivery.create(notification=notification, channel=channel, attempt=0, status='postponed',
                                          next_try_at=quiet_end, at=clock.now())
                else:
                    attempts.append((await _start(notification, channel, 1), channel, notification, recipient))
    return await _send(attempts)


async def _private_subjects(notifications_: list[Notification]) -> set[str]:
    """The subjects ('objective:3', 'kr:12') of these notifications that belong to a private objective."""
    ids: dict[str, set[int]] = {'objective': set(), 'kr': set()}
    for notification in notifications_:
        kind, _, number = notification.subject.partition(':')
        if kind in ids and number.isdigit():
            ids[kind].add(int(number))
    private = {f'objective:{i}' for i in await Objective.filter(id__in=ids['objective'], visibility='private')
               .values_list('id', flat=True)}
    private |= {f'kr:{i}' for i in await KeyResult.filter(id__in=ids['kr'], objective__visibility='private')
                .values_list('id', flat=True)}
    return private


async def deliver_due() -> int:
    """The scheduled retry: undispatched notifications, then owed retries and postponed deliveries that are due."""
    sent = await dispatch_all(await Notification.filter(dispatched=False).order_by('id'))
    owed = await Delivery.filter(next_try_at__lte=clock.now(), notification_id__not_isnull=True) \
        .select_related('channel', 'notification', 'notification__recipient').order_by('id')
    attempts: list[Attempt] = []
    recipients = {delivery.notification.recipient_id: delivery.notification.recipient for delivery in owed}
    reaching = await channel_config.channels_for_people(recipients.values()) if owed else {}
    serving = {person_id: {channel.id for channel in channels} for person_id, channels in reaching.items()}
    for delivery in owed:
        # claim the row, so two overlapping runs never retry the same delivery twice
        claimed = await Delivery.filter(id=delivery.id, next_try_at__not_isnull=True).update(
            next_try_at=None, status=CLOSED_AS.get(delivery.status, delivery.status))
        if not claimed:
            continue
        notification = delivery.notification
        recipient = notification.recipient
        if delivery.channel_id not in serving[recipient.id]:  # turned off (or away from the team) since
            await Delivery.filter(id=delivery.id).update(status='dropped')
            continue
        quiet_end = notifications.quiet_until(recipient, clock.now())
        if delivery.status == 'postponed' and quiet_end is not None:  # quiet hours changed since: wait again
            await Delivery.filter(id=delivery.id).update(next_try_at=quiet_end)
            continue
        row = await _start(notification, delivery.channel, delivery.attempt + 1)
        attempts.append((row, delivery.channel, notification, notification.recipient))
    retried = await _send(attempts)
    if owed:
        log.info('deliveries retried: %d due, %d sent', len(owed), retried)
    return sent + retried


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
    next_try_at: datetime | None  # when the retry (or the postponed send) is due


async def delivery_log(actor: User, *, limit: int = 100) -> list[DeliveryRow]:
    """The latest delivery attempts, newest first (admins only)."""
    (await load_access(require_active(actor))).require_admin()
    rows = await Delivery.all().select_related('channel', 'notification', 'notification__recipient') \
        .order_by('-at', '-id').limit(limit)
    return [DeliveryRow(row.at, row.channel.name, row.notification.recipient.name if row.notification else '',
                        row.attempt, row.status, row.error, row.next_try_at) for row in rows]
