"""In-app notifications and each person's reminder preferences (own channels, quiet hours, language)."""
import logging
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from tortoise.exceptions import IntegrityError

from config import LOCALES, settings
from models.notify import Delivery, Notification
from models.org import User
from services import clock, events
from services.access import require_active
from services.errors import Invalid, NotFound

log = logging.getLogger(__name__)

_CLOCK_TIME = re.compile(r'^([01]?\d|2[0-3]):([0-5]\d)$')


@dataclass(frozen=True)
class NotificationView:
    id: int
    title: str
    body: str
    link: str
    created_at: datetime
    read: bool


@dataclass(frozen=True)
class Preferences:
    muted_channels: tuple[int, ...]
    quiet_start: str  # 'HH:MM' in the company's time zone, '' for none
    quiet_end: str
    language: str  # '' follows the person's interface language
    outside_app: bool = True  # False: no channel reaches this person, not even one an admin adds later


def preferences_of(person: User) -> Preferences:
    prefs = person.notification_prefs or {}
    return Preferences(tuple(prefs.get('muted_channels', [])), prefs.get('quiet_start', ''),
                       prefs.get('quiet_end', ''), prefs.get('language', ''), prefs.get('outside_app', True))


def message_locale(person: User) -> str:
    """The language reminders reach this person in."""
    return preferences_of(person).language or person.locale or settings().default_locale


def quiet_until(person: User, moment: datetime) -> datetime | None:
    """The end of the person's quiet hours when `moment` falls inside them, else None."""
    prefs = preferences_of(person)
    if not prefs.quiet_start or not prefs.quiet_end or prefs.quiet_start == prefs.quiet_end:
        return None
    local = moment.astimezone(settings().tz)
    start, end = _clock_time(prefs.quiet_start), _clock_time(prefs.quiet_end)
    now = local.time()
    inside = start <= now < end if start < end else now >= start or now < end
    if not inside:
        return None
    day = local.date() if now < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=settings().tz)


def _clock_time(text: str) -> time:
    hours, minutes = text.split(':')
    return time(int(hours), int(minutes))


async def save_preferences(actor: User, *, muted_channels: list[int], quiet_start: str, quiet_end: str,
                           language: str, outside_app: bool = True) -> Preferences:
    """Change the signed-in person's own reminder preferences."""
    actor = require_active(actor)
    for field, value in (('quiet_start', quiet_start), ('quiet_end', quiet_end)):
        if value and not _CLOCK_TIME.match(value):
            raise Invalid('Enter a time such as 22:00.', field=field)
    if quiet_start and quiet_start == quiet_end:
        raise Invalid('Quiet hours need an end that differs from their start.', field='quiet_end')
    if bool(quiet_start) != bool(quiet_end):
        raise Invalid('Enter both the start and the end of your quiet hours.', field='quiet_end' if quiet_start
                      else 'quiet_start')
    if language and language not in LOCALES:
        raise Invalid('Choose a language.', field='language')
    actor.notification_prefs = {**(actor.notification_prefs or {}), 'muted_channels': sorted(set(muted_channels)),
                                'quiet_start': quiet_start, 'quiet_end': quiet_end, 'language': language,
                                'outside_app': bool(outside_app)}
    await actor.save(update_fields=['notification_prefs'])
    # reminders held back by the old quiet hours are due now: the retry job checks them against the new ones
    held = await Delivery.filter(status='postponed', next_try_at__not_isnull=True,
                                 notification__recipient_id=actor.id).values_list('id', flat=True)
    await Delivery.filter(id__in=held).update(next_try_at=clock.now())
    log.info('reminder preferences of user %d saved', actor.id)
    return preferences_of(actor)


async def create_notification(recipient: User, *, rule: str, period: str, subject: str, title: str, body: str,
                              link: str) -> Notification | None:
    """A new notification, or None when this (rule, period, recipient, subject) exists already."""
    try:
        notification = await Notification.create(recipient=recipient, rule=rule, period=period, subject=subject,
                                                 title=title[:300], body=body, link=link)
    except IntegrityError:
        return None
    events.notification_created.emit(events.Change('notification', notification.id, people=events.owners(
        recipient.id)))
    return notification


async def unread_count(actor: User) -> int:
    return await Notification.filter(recipient_id=actor.id, read_at=None).count()


async def list_notifications(actor: User, *, limit: int = 50) -> list[NotificationView]:
    """The signed-in person's latest notifications, newest first."""
    rows = await Notification.filter(recipient_id=require_active(actor).id).order_by('-created_at', '-id') \
        .limit(limit)
    return [NotificationView(row.id, row.title, row.body, row.link, row.created_at, row.read_at is not None)
            for row in rows]


async def mark_read(actor: User, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them when no id is given."""
    query = Notification.filter(recipient_id=require_active(actor).id, read_at=None)
    if notification_id is not None:
        if not await Notification.exists(id=notification_id, recipient_id=actor.id):
            raise NotFound('This notification does not exist.')
        query = query.filter(id=notification_id)
    changed = await query.update(read_at=clock.now())
    if changed:
        events.notification_created.emit(events.Change('notification', notification_id or 0,
                                                       people=events.owners(actor.id)))
    return changed
