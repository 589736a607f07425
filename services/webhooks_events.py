"""Outgoing webhooks, the bus side: changes published after commit become queued deliveries, sent in the background.

The listener only starts a task, so the request that made the change never waits for a receiver.
"""
import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.social import Comment
from services import events, webhooks_sending

log = logging.getLogger(__name__)

_tasks: set[asyncio.Task] = set()  # held so the loop does not drop them; cancelled on shutdown


def _when(moment: date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def checkin_data(change: events.Change) -> dict:
    checkin = await CheckIn.filter(key_result_id=change.id).order_by('-at', '-id').first()
    kr = await KeyResult.get_or_none(id=change.id)
    data = {'key_result_id': change.id, 'objective_id': change.objective_id, 'team_id': change.team_id,
            'cycle_id': change.cycle_id, 'key_result_title': kr.title if kr else None}
    if checkin is not None:
        data.update(checkin_id=checkin.id, value=checkin.value, confidence=checkin.confidence,
                    author_id=checkin.author_id, source=checkin.source, at=_when(checkin.at))
    return data


async def objective_data(change: events.Change) -> dict:
    objective = await Objective.get_or_none(id=change.id)
    if objective is None:
        return {'objective_id': change.id, 'deleted': True}
    return {'objective_id': objective.id, 'cycle_id': objective.cycle_id, 'team_id': objective.team_id,
            'owner_id': objective.owner_id, 'level': objective.level, 'title': objective.title,
            'status': objective.status, 'due': _when(objective.due), 'deleted': objective.deleted_at is not None}


async def key_result_data(change: events.Change) -> dict:
    kr = await KeyResult.get_or_none(id=change.id)
    if kr is None:
        return {'key_result_id': change.id, 'objective_id': change.objective_id, 'deleted': True}
    return {'key_result_id': kr.id, 'objective_id': kr.objective_id, 'team_id': change.team_id,
            'cycle_id': change.cycle_id, 'owner_id': kr.owner_id, 'title': kr.title, 'kind': kr.kind,
            'start': kr.start, 'target': kr.target, 'current': kr.current, 'unit': kr.unit,
            'confidence': kr.confidence, 'due': _when(kr.due), 'deleted': kr.deleted_at is not None}


async def comment_data(change: events.Change) -> dict:
    """Ids and state only: the text stays in okrboard, where its objective's visibility applies."""
    comment = await Comment.get_or_none(id=change.id)
    if comment is None:
        return {'comment_id': change.id, 'objective_id': change.objective_id, 'action': 'deleted'}
    action = 'deleted' if comment.deleted_at else 'edited' if comment.edited_at else 'created'
    return {'comment_id': comment.id, 'objective_id': comment.objective_id, 'key_result_id': comment.key_result_id,
            'checkin_id': comment.checkin_id, 'parent_id': comment.parent_id, 'author_id': comment.author_id,
            'action': action, 'created_at': _when(comment.created_at)}


async def cycle_data(change: events.Change) -> dict:
    cycle = await Cycle.get_or_none(id=change.id)
    if cycle is None:
        return {'cycle_id': change.id, 'deleted': True}
    return {'cycle_id': cycle.id, 'name': cycle.name, 'state': cycle.state, 'start': _when(cycle.start),
            'end': _when(cycle.end), 'locked': cycle.locked}


Builder = Callable[[events.Change], Awaitable[dict]]


def event_for(topic: str, change: events.Change) -> tuple[str, Builder] | None:
    """The webhook event (and how to describe it) a change on the bus stands for; None when webhooks skip it."""
    if topic == 'checkin_recorded' and change.kind == 'key_result':
        return 'checkin.recorded', checkin_data
    if topic == 'okr_changed' and change.kind == 'objective':
        return 'objective.changed', objective_data
    if topic == 'okr_changed' and change.kind == 'key_result':
        return 'key_result.changed', key_result_data
    if topic == 'comment_added' and change.kind == 'comment':
        return 'comment.changed', comment_data
    if topic == 'org_changed' and change.kind == 'cycle':
        return 'cycle.changed', cycle_data
    return None


async def deliver(topic: str, change: events.Change) -> int:
    """Queue the change for the webhooks that want it, then attempt those deliveries; returns how many arrived."""
    found = event_for(topic, change)
    if found is None:
        return 0
    event, build = found
    wanted = await webhooks_sending.wanting(event)
    if not wanted:
        return 0
    delivery_ids = await webhooks_sending.queue(wanted, event, await build(change))
    return await webhooks_sending.send(delivery_ids)


async def _deliver_in_background(topic: str, change: events.Change) -> None:
    try:
        await deliver(topic, change)
    except Exception:  # the job retries what was queued; a fault here must not reach the change's author
        log.exception('webhook delivery of %s %s %d failed', topic, change.kind, change.id)


def _listener(topic: str) -> Callable[[events.Change], None]:
    def start(change: events.Change) -> None:
        if event_for(topic, change) is None:
            return
        task = asyncio.get_running_loop().create_task(_deliver_in_background(topic, change))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)
    return start


TOPICS = {'checkin_recorded': events.checkin_recorded, 'okr_changed': events.okr_changed,
          'comment_added': events.comment_added, 'org_changed': events.org_changed}
_listeners = {name: _listener(name) for name in TOPICS}


def listen() -> None:
    """Subscribe to the bus; calling it again changes nothing."""
    for name, topic in TOPICS.items():
        topic.unsubscribe(_listeners[name])
        topic.subscribe(_listeners[name], expect_args=True)


async def settle() -> None:
    """Wait until every delivery started from the bus has had its attempt."""
    while _tasks:
        await asyncio.gather(*list(_tasks), return_exceptions=True)


async def stop() -> None:
    """Unsubscribe and cancel attempts in flight; what they owed stays due for the job."""
    for name, topic in TOPICS.items():
        topic.unsubscribe(_listeners[name])
    for task in list(_tasks):
        task.cancel()
    await asyncio.gather(*list(_tasks), return_exceptions=True)
