"""The in-process event bus. Services emit after their transaction commits; pages subscribe per client.

This is the one service module that may import from nicegui, and it never imports `ui`.
"""
from collections import deque
from dataclasses import dataclass

from nicegui import Event


@dataclass(frozen=True)
class Change:
    """What changed: `kind` is the aggregate ('key_result', 'objective', 'team', 'cycle', 'person')."""
    kind: str
    id: int
    objective_id: int | None = None
    team_id: int | None = None
    cycle_id: int | None = None
    people: frozenset[int] = frozenset()  # whose own list of key results this changes (owners)


def owners(*people: int | None) -> frozenset[int]:
    return frozenset(person for person in people if person is not None)


class Topic(Event[Change]):
    """An event that also counts every change, so read models shared by many pages know when they are stale."""

    def emit(self, change: Change) -> None:  # type: ignore[override]
        global _generation
        _generation += 1
        _recent.append((_generation, self, change))
        super().emit(change)


_generation = 0
_recent: deque[tuple[int, Topic, Change]] = deque(maxlen=1000)


def generation() -> int:
    """A number that grows with every change published on the bus."""
    return _generation


def changes_between(start: int, end: int) -> list[tuple[Topic, Change]] | None:
    """What was published after generation `start` up to `end`; None once the record no longer reaches back."""
    if start >= end:
        return []
    if not _recent or _recent[0][0] > start + 1:
        return None
    return [(topic, change) for number, topic, change in _recent if start < number <= end]


checkin_recorded = Topic()
okr_changed = Topic()
org_changed = Topic()
standup_changed = Topic()  # timer, presenter, notes, or the end of a stand-up
notification_created = Topic()  # people: whose unread notifications changed (new, or read)
comment_added = Topic()  # a comment was written, edited or deleted: objective_id says where
report_changed = Topic()  # a weekly or monthly report was saved, submitted or commented on: people says whose


@dataclass(frozen=True)
class SessionEnd:
    """Open tabs of this person (of one session, or all of them when `session_hash` is None) must stop."""
    user_id: int
    session_hash: str | None = None


sessions_ended: Event[SessionEnd] = Event()


def clear() -> None:
    """Drop every subscriber: a fresh app (and each simulated test app) starts with none."""
    for event in (checkin_recorded, okr_changed, org_changed, standup_changed, notification_created,
                  comment_added, sessions_ended, report_changed):
        event.callbacks.clear()
