"""Syncing linked key results: read the value from Jira or Trello and check it in when it changed.

A failure never raises out of a sync: its reason is stored on the link, shown on the key result, and logged.
"""
import logging
from typing import Any

from models.integrations import DataLink, LinkCredential
from models.okr import KeyResult
from models.org import User
from services import checkins, clock
from services.access import load_access
from services.errors import Conflict, NotFound, ServiceError
from services.integrations import jira, trello
from services.integrations.links import LinkView, key_result_for, link_view, publish
from services.integrations.remote import RemoteError

log = logging.getLogger(__name__)

_running: set[int] = set()  # links being synced in this process, so two clicks make one check-in


async def sync_now(actor: User, key_result_id: int) -> LinkView:
    """Sync one key result at once ("Sync now"); the outcome, success or reason, is in the returned view."""
    kr, _ = await key_result_for(actor, key_result_id, change=True)
    link = await DataLink.get_or_none(key_result_id=kr.id)
    if link is None:
        raise NotFound('This key result has no data source.')
    if link.id in _running:
        raise Conflict('This key result is being synced already.')
    await sync_link(link.id)
    return await link_view(actor, kr.id)  # type: ignore[return-value] (the link exists)


async def sync_all_links() -> int:
    """The hourly job: sync every link of a live key result in an unlocked cycle; returns how many worked."""
    link_ids = await DataLink.filter(key_result__deleted_at=None, key_result__objective__deleted_at=None,
                                     key_result__objective__cycle__locked=False).order_by('id') \
        .values_list('id', flat=True)
    worked = 0
    for link_id in link_ids:
        try:
            worked += await sync_link(link_id)
        except Exception:  # a fault with one link must not keep the others from syncing
            log.exception('sync of data link %s broke', link_id)
    log.info('synced %s data links, %s failed', worked, len(link_ids) - worked)
    return worked


async def sync_link(link_id: int) -> bool:
    """Read the linked value and check it in if it changed; True when the sync worked."""
    link = await DataLink.get_or_none(id=link_id).select_related('created_by')
    if link is None or link.id in _running:
        return False
    _running.add(link.id)
    try:
        return await _sync(link)
    finally:
        _running.discard(link.id)


async def _sync(link: DataLink) -> bool:
    kr = await KeyResult.get(id=link.key_result_id).select_related('objective', 'objective__cycle')
    author = link.created_by
    if author is None or not author.active or not (await load_access(author)).can_checkin(kr, kr.objective):
        return await _failed(link, kr, 'The person who set up this link may no longer check in on it; '
                                        'link it again.', {})
    try:
        value = round(await read_value(link), 6)
    except RemoteError as error:
        return await _failed(link, kr, error.message, error.params)
    checked_in = False
    if value != kr.current:
        try:
            await checkins.record_checkin(author, key_result_id=kr.id, value=value, confidence=kr.confidence,
                                          source=link.provider)
        except ServiceError as error:
            return await _failed(link, kr, error.message, error.params)
        checked_in = True
    await DataLink.filter(id=link.id).update(last_synced_at=clock.now(), last_value=value, last_error='',
                                             last_error_params={})
    if not checked_in:  # a check-in has told open pages already
        publish(kr)
    return True


async def read_value(link: DataLink) -> float:
    """The linked system's current value for the link's measure."""
    credential = await LinkCredential.get_or_none(link_id=link.id)
    if credential is None:
        raise RemoteError('No credential is stored; link the key result again.')
    if link.provider == 'jira':
        issues = await jira.search(link.base_url, link.jql, link.points_field, user=credential.user,
                                   token=credential.token)
        return jira.measure(issues, link.measure)
    done, total = await trello.board_counts(link.base_url, link.board_id, link.done_list_id, key=credential.key,
                                            token=credential.token)
    return trello.measure(done, total, link.measure)


async def _failed(link: DataLink, kr: KeyResult, message: str, params: dict[str, Any]) -> bool:
    stored = {name: str(value) for name, value in params.items()}
    # the time and value of the last sync that worked stay, and show under the failure
    await DataLink.filter(id=link.id).update(last_error=message[:300], last_error_params=stored)
    log.warning('sync of key result %s from %s failed: %s', kr.id, link.provider, message.format(**stored))
    publish(kr)
    return False
