"""Changes made in another process (the command line) reach the running server's event bus.

The bus lives in the server's process. A command such as `python main.py import` collects what it
published and posts it to the server on this machine, signed with the storage secret both share
through the data directory. A server that is not running simply misses nothing it could show.
"""
import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

import httpx

from config import settings
from services import events

log = logging.getLogger(__name__)
PATH = '/internal/changes'
SIGNATURE_HEADER = 'X-Okrboard-Signature'
TOPICS = {'checkin_recorded': events.checkin_recorded, 'okr_changed': events.okr_changed,
          'org_changed': events.org_changed, 'standup_changed': events.standup_changed,
          'notification_created': events.notification_created, 'comment_added': events.comment_added}


def signature(body: bytes) -> str:
    return hmac.new(settings().resolved_storage_secret().encode(), body, hashlib.sha256).hexdigest()


def is_signed(body: bytes, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(signature(body), given)


@contextmanager
def collected() -> Iterator[list[tuple[str, events.Change]]]:
    """Everything published on the bus inside the block, in order, as (topic, change)."""
    changes: list[tuple[str, events.Change]] = []
    listeners = {name: (lambda change, name=name: changes.append((name, change))) for name in TOPICS}
    for name, listener in listeners.items():
        TOPICS[name].subscribe(listener, expect_args=True)
    try:
        yield changes
    finally:
        for name, listener in listeners.items():
            TOPICS[name].unsubscribe(listener)


async def tell_server(changes: list[tuple[str, events.Change]]) -> bool:
    """Post the changes to the server on this machine; False (and one log line) when it is not there."""
    if not changes:
        return True
    body = json.dumps([{'topic': name, **asdict(change), 'people': sorted(change.people)}
                       for name, change in changes]).encode()
    host = settings().host if settings().host not in ('0.0.0.0', '::', '') else '127.0.0.1'
    url = f'http://{host}:{settings().port}{PATH}'
    try:
        async with httpx.AsyncClient(timeout=5, trust_env=False) as client:
            response = await client.post(url, content=body, headers={SIGNATURE_HEADER: signature(body),
                                                                     'Content-Type': 'application/json'})
    except httpx.HTTPError as error:
        log.info('no running server told of %d changes (%s)', len(changes), type(error).__name__)
        return False
    if response.status_code != 204:
        log.warning('the server refused %d changes: HTTP %s', len(changes), response.status_code)
        return False
    return True


def publish(payload: list[dict]) -> int:
    """Publish changes another process made, on this process's bus; the payload was checked as signed."""
    published = 0
    for item in payload:
        topic = TOPICS.get(item.get('topic', ''))
        fields = {key: item.get(key) for key in ('kind', 'id', 'objective_id', 'team_id', 'cycle_id')}
        if topic is None or not isinstance(fields['kind'], str) or not isinstance(fields['id'], int):
            continue
        if any(fields[key] is not None and not isinstance(fields[key], int)
               for key in ('objective_id', 'team_id', 'cycle_id')):
            continue
        people = item.get('people') or []
        if not isinstance(people, list) or not all(isinstance(person, int) for person in people):
            continue
        topic.emit(events.Change(**fields, people=frozenset(people)))
        published += 1
    return published
