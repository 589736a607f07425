"""Private ICS feeds: a revocable URL per person that phone calendars subscribe to."""
import base64
import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vDuration
from tortoise.transactions import in_transaction

from config import settings
from locales import translate
from models.calendar_feeds import CalendarFeed
from models.org import User
from services import calendar, clock, notifications
from services.access import require_active
from services.calendar import N_
from services.delivery import absolute_link
from services.errors import NotFound

log = logging.getLogger(__name__)

DAYS_BEFORE = 60  # a feed shows this much of the past
DAYS_AFTER = 300  # and this much of the future
REFRESH = timedelta(hours=1)
TOUCH_EVERY = timedelta(minutes=5)  # calendars poll often: the last use is written at most this often
TOKEN_SHAPE = re.compile(r'[A-Za-z0-9_-]{20,100}')
CALENDAR_NAME = N_('okrboard: {name}')


@dataclass(frozen=True)
class FeedInfo:
    """A live feed. `path` holds the token: show it only to the feed's owner."""
    id: int
    path: str
    created_at: datetime
    last_used_at: datetime | None


def _token(nonce: str) -> str:
    # derived from the server's secret, so the URL can be shown again while the database alone never reveals it
    key = settings().resolved_storage_secret().encode()
    digest = hmac.new(key, b'calendar-feed:' + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip('=')


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _info(feed: CalendarFeed) -> FeedInfo:
    return FeedInfo(feed.id, f'/calendar/{_token(feed.nonce)}.ics', feed.created_at, feed.last_used_at)


async def _new_feed(person_id: int) -> CalendarFeed:
    nonce = secrets.token_hex(32)
    return await CalendarFeed.create(person_id=person_id, nonce=nonce, token_hash=_hash(_token(nonce)),
                                     created_at=clock.now())


async def my_feed(actor: User) -> FeedInfo | None:
    """The actor's live feed, if they made one."""
    require_active(actor)
    feed = await CalendarFeed.filter(person_id=actor.id, revoked_at=None).first()
    return _info(feed) if feed else None


async def create_feed(actor: User) -> FeedInfo:
    """The actor's feed, made now unless one is live already."""
    require_active(actor)
    async with in_transaction():
        feed = await CalendarFeed.filter(person_id=actor.id, revoked_at=None).select_for_update().first()
        if feed is None:
            feed = await _new_feed(actor.id)
            log.info('calendar feed %s created by %s', feed.id, actor.id)
    return _info(feed)


async def rotate_feed(actor: User) -> FeedInfo:
    """A new URL for the actor's feed; the old one stops working at once."""
    require_active(actor)
    async with in_transaction():
        await CalendarFeed.filter(person_id=actor.id, revoked_at=None).update(revoked_at=clock.now())
        feed = await _new_feed(actor.id)
    log.info('calendar feed of %s rotated to %s', actor.id, feed.id)
    return _info(feed)


async def revoke_feed(actor: User) -> None:
    """Stop the actor's feed from working."""
    require_active(actor)
    changed = await CalendarFeed.filter(person_id=actor.id, revoked_at=None).update(revoked_at=clock.now())
    if not changed:
        raise NotFound('You have no calendar feed to revoke.')
    log.info('calendar feed of %s revoked', actor.id)


async def feed_owner(token: str) -> User | None:
    """The active person a live feed token belongs to, else None."""
    if not TOKEN_SHAPE.fullmatch(token or ''):
        return None
    wanted = _hash(token)
    feed = await CalendarFeed.filter(token_hash=wanted, revoked_at=None).select_related('person').first()
    if feed is None or not hmac.compare_digest(feed.token_hash, wanted) or not feed.person.active:
        return None
    now = clock.now()
    if feed.last_used_at is None or now - feed.last_used_at >= TOUCH_EVERY:
        await CalendarFeed.filter(id=feed.id).update(last_used_at=now)
    log.info('calendar feed %s read', feed.id)
    return feed.person


async def feed_ics(token: str) -> bytes | None:
    """The ICS text of a feed, or None when the token is unknown, revoked or its owner deactivated."""
    person = await feed_owner(token)
    if person is None:
        return None
    today = clock.today()
    view = await calendar.calendar(person, start=today - timedelta(days=DAYS_BEFORE),
                                   end=today + timedelta(days=DAYS_AFTER))
    return ics_text(view, person.name, notifications.message_locale(person))


def ics_text(view: calendar.CalendarView, name: str, locale: str) -> bytes:
    """A calendar of all-day events, one per item; icalendar escapes commas, semicolons and newlines."""
    feed = Calendar()
    feed.add('prodid', '-//okrboard//calendar//EN')
    feed.add('version', '2.0')
    feed.add('calscale', 'GREGORIAN')
    feed.add('x-wr-calname', translate(locale, CALENDAR_NAME, name=name))
    feed.add('x-published-ttl', vDuration(REFRESH))  # how often subscribed calendars should fetch again
    feed.add('refresh-interval', REFRESH, parameters={'VALUE': 'DURATION'})
    stamp = clock.now()
    for item in view.items:
        event = Event()
        event.add('uid', f'{item.uid}@okrboard')
        event.add('dtstamp', stamp)
        event.add('dtstart', item.day)
        event.add('dtend', item.day + timedelta(days=1))
        event.add('summary', translate(locale, item.summary, title=item.title))
        details = [translate(locale, calendar.DUE_SOURCES[item.due_source])] if item.due_source else []
        link = absolute_link(item.link)
        event.add('description', '\n'.join([*details, link]))
        event.add('url', link)
        feed.add_component(event)
    return feed.to_ical()
