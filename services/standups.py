"""The stand-up meeting run on the board: a shared timer, the presenter everyone follows, and the minutes."""
import logging
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from models.cycle import Cycle
from models.org import Team, User
from models.standup import Standup
from services import clock, events
from services.access import load_access, require_active
from services.errors import Conflict, Forbidden, Invalid, NotFound
from services.shared import Shared

log = logging.getLogger(__name__)
MEETING_SECONDS = 15 * 60
NOTES_LIMIT = 20_000


@dataclass(frozen=True)
class Timer:
    seconds: int  # the meeting's length
    elapsed: float  # seconds run so far, as of the moment it was read
    running: bool

    @property
    def remaining(self) -> float:
        """Seconds left; negative once the meeting runs over."""
        return self.seconds - self.elapsed


@dataclass(frozen=True)
class Meeting:
    """The team's current (not yet ended) stand-up in a cycle, as the board shows it."""
    team_id: int
    cycle_id: int
    notes: str
    timer: Timer
    presenter_id: int | None
    can_run: bool  # members, leads and admins run the meeting; others watch
    previous_end: datetime | None = None  # when the stand-up before this one ended


@dataclass(frozen=True)
class Minutes:
    id: int
    cycle_id: int
    cycle_name: str
    ended_at: datetime
    ended_by: str
    notes: str


def timer_of(standup: Standup | None) -> Timer:
    if standup is None:
        return Timer(MEETING_SECONDS, 0.0, False)
    elapsed = standup.timer_elapsed
    if standup.timer_started_at is not None:
        elapsed += (clock.now() - standup.timer_started_at).total_seconds()
    return Timer(standup.timer_seconds, elapsed, standup.timer_started_at is not None)


async def last_ended(team_id: int, cycle_id: int) -> datetime | None:
    """When this team last ended a stand-up in this cycle: the board compares with that moment."""
    return await (Standup.filter(team_id=team_id, cycle_id=cycle_id, ended_at__not_isnull=True)
                  .order_by('-ended_at').first().values_list('ended_at', flat=True))


async def meeting(actor: User, team_id: int, cycle_id: int) -> Meeting:
    """The open stand-up of a team in a cycle (a fresh one when none has started)."""
    return await current(team_id, cycle_id, can_run=await _can_run(actor, team_id, cycle_id))


async def current(team_id: int, cycle_id: int, *, can_run: bool) -> Meeting:
    """The meeting's state again for a viewer whose right to run it is known; one load for all viewers."""
    standup, previous_end = await _shared.get((team_id, cycle_id), lambda: _state(team_id, cycle_id))
    return _meeting(standup, team_id, cycle_id, can_run, previous_end)


async def _state(team_id: int, cycle_id: int) -> tuple[Standup | None, datetime | None]:
    return await _open_standup(team_id, cycle_id), await last_ended(team_id, cycle_id)


_shared: Shared[tuple[Standup | None, datetime | None]] = Shared(max_age=60)
UNCHECKED = object()  # a caller that does not say which text or meeting it saw


async def start_timer(actor: User, team_id: int, cycle_id: int) -> Meeting:
    async def start(standup: Standup) -> None:
        if standup.timer_started_at is None:
            standup.timer_started_at = clock.now()
    return await _change(actor, team_id, cycle_id, start, 'timer started')


async def pause_timer(actor: User, team_id: int, cycle_id: int) -> Meeting:
    async def pause(standup: Standup) -> None:
        standup.timer_elapsed = timer_of(standup).elapsed
        standup.timer_started_at = None
    return await _change(actor, team_id, cycle_id, pause, 'timer paused')


async def reset_timer(actor: User, team_id: int, cycle_id: int) -> Meeting:
    async def reset(standup: Standup) -> None:
        standup.timer_elapsed = 0
        standup.timer_started_at = None
    return await _change(actor, team_id, cycle_id, reset, 'timer reset')


async def present(actor: User, team_id: int, cycle_id: int, person_id: int | None) -> Meeting:
    """Put one member of the team on every viewer's screen, or stop presenting with None."""
    async def choose(standup: Standup) -> None:
        if person_id is not None and not await User.exists(id=person_id, team_id=team_id, active=True):
            raise Invalid('This person is not in the team.', field='presenter')
        standup.presenter_id = person_id
    return await _change(actor, team_id, cycle_id, choose, 'presenter chosen')


async def save_notes(actor: User, team_id: int, cycle_id: int, notes: str, *, base: object = UNCHECKED) -> Meeting:
    """Keep the notes typed so far; every viewer sees them.

    `base` is the saved text the typing started from: when someone else saved other notes meanwhile,
    nothing is overwritten and Conflict carries their text, so the two can be put together.
    """
    notes = _checked_notes(notes)

    async def keep(standup: Standup) -> None:
        if base is not UNCHECKED and standup.notes != base:
            raise Conflict('Someone else saved other notes meanwhile: put both together and save again.',
                           field='notes', notes=standup.notes)
        standup.notes = notes
    return await _change(actor, team_id, cycle_id, keep, 'notes saved')


async def end_meeting(actor: User, team_id: int, cycle_id: int, notes: str, *,
                      previous_end: object = UNCHECKED) -> Minutes:
    """End the stand-up: its notes become the minutes, and it is now "the last stand-up" of the board.

    With `previous_end` (the end of the stand-up before, as the caller saw it), a stand-up that someone
    has just ended is not ended a second time.
    """
    notes = _checked_notes(notes)
    actor = await _require_runner(actor, team_id, cycle_id)
    async with in_transaction():
        if previous_end is not UNCHECKED and await last_ended(team_id, cycle_id) != previous_end:
            raise Conflict('This stand-up has just been ended; its minutes are on the team page.')
        standup = await _open_standup(team_id, cycle_id) or await Standup.create(team_id=team_id, cycle_id=cycle_id)
        standup.notes = notes
        standup.timer_elapsed = timer_of(standup).elapsed
        standup.timer_started_at = None
        standup.presenter_id = None
        standup.ended_at = clock.now()
        standup.ended_by_id = actor.id
        await standup.save()
    log.info('stand-up %s of team %s ended by user %s', standup.id, team_id, actor.id)
    events.standup_changed.emit(events.Change('standup_ended', standup.id, team_id=team_id, cycle_id=cycle_id))
    cycle_name = await Cycle.filter(id=cycle_id).first().values_list('name', flat=True)
    return Minutes(standup.id, cycle_id, cycle_name or '', standup.ended_at, actor.name, notes)


async def minutes(actor: User, team_id: int, *, limit: int = 10) -> list[Minutes]:
    """The team's latest stand-up minutes, newest first, across cycles."""
    require_active(actor)
    ended = await (Standup.filter(team_id=team_id, ended_at__not_isnull=True)
                   .select_related('cycle', 'ended_by').order_by('-ended_at').limit(limit))
    return [Minutes(standup.id, standup.cycle_id, standup.cycle.name, standup.ended_at,
                    standup.ended_by.name if standup.ended_by else '', standup.notes) for standup in ended]


def _meeting(standup: Standup | None, team_id: int, cycle_id: int, can_run: bool,
             previous_end: datetime | None) -> Meeting:
    return Meeting(team_id=team_id, cycle_id=cycle_id, notes=standup.notes if standup else '',
                   timer=timer_of(standup), presenter_id=standup.presenter_id if standup else None,
                   can_run=can_run, previous_end=previous_end)


async def _open_standup(team_id: int, cycle_id: int) -> Standup | None:
    return await Standup.filter(team_id=team_id, cycle_id=cycle_id, ended_at=None).order_by('id').first()


async def _change(actor: User, team_id: int, cycle_id: int, apply, what: str) -> Meeting:
    actor = await _require_runner(actor, team_id, cycle_id)
    async with in_transaction():
        standup = await _open_standup(team_id, cycle_id) or await Standup.create(team_id=team_id, cycle_id=cycle_id)
        await apply(standup)
        await standup.save()
    log.info('stand-up %s of team %s: %s by user %s', standup.id, team_id, what, actor.id)
    events.standup_changed.emit(events.Change('standup', standup.id, team_id=team_id, cycle_id=cycle_id))
    return _meeting(standup, team_id, cycle_id, True, await last_ended(team_id, cycle_id))


async def _can_run(actor: User, team_id: int, cycle_id: int) -> bool:
    require_active(actor)
    if not await Team.exists(id=team_id):
        raise NotFound('This team does not exist.')
    if not await Cycle.exists(id=cycle_id):
        raise NotFound('This cycle does not exist.')
    if actor.is_admin or actor.team_id == team_id:
        return True
    return (await load_access(actor)).leads(team_id)


async def _require_runner(actor: User, team_id: int, cycle_id: int) -> User:
    if not await _can_run(actor, team_id, cycle_id):
        raise Forbidden('Only the team, its leads and admins run its stand-up.')
    return actor


def _checked_notes(notes: str) -> str:
    notes = (notes or '').strip()
    if len(notes) > NOTES_LIMIT:
        raise Invalid('Notes can be at most {limit} characters.', field='notes', limit=NOTES_LIMIT)
    return notes
