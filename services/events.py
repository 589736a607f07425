"""The in-process event bus. Services emit after their transaction commits; pages subscribe per client.

This is the one service module that may import from nicegui, and it never imports `ui`.
"""
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


checkin_recorded: Event[Change] = Event()
okr_changed: Event[Change] = Event()
org_changed: Event[Change] = Event()
@dataclass(frozen=True)
class SessionEnd:
    """Open tabs of this person (of one session, or all of them when `session_hash` is None) must stop."""
    user_id: int
    session_hash: str | None = None


sessions_ended: Event[SessionEnd] = Event()


def clear() -> None:
    """Drop every subscriber: a fresh app (and each simulated test app) starts with none."""
    for event in (checkin_recorded, okr_changed, org_changed, sessions_ended):
        event.callbacks.clear()
