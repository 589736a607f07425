"""Reminder rules: who is reminded of what, and when. Each rule makes notifications that happen once."""
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from config import settings
from locales import translate
from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult
from models.org import User
from services import clock, delivery, key_results, metrics, notifications

log = logging.getLogger(__name__)

REMIND_AT = time(9, 0)  # local time of the check-in day when reminders go out
GRACE = timedelta(hours=24)  # a run missed (server down) is caught up within this window
NUDGE_DAYS = 2
BEHIND_PACE = 0.2  # more than 20 points behind the expected progress
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class KeyResultState:
    kr: KeyResult
    owner_id: int | None
    pace: float
    status: str
    stalled: bool


def checkin_link(kr_id: int) -> str:
    """The home page opens the check-in sheet of this key result."""
    return f'/?checkin={kr_id}'


def due_day(weekday: int, days_after: int = 0, grace: timedelta = GRACE) -> date | None:
    """The check-in day whose reminder (`days_after` days later, at REMIND_AT) is due now, within `grace`."""
    now = clock.now().astimezone(settings().tz)
    for weeks_back in (0, 1):
        day = now.date() - timedelta(days=(now.date().weekday() - weekday - days_after) % 7 + 7 * weeks_back)
        moment = datetime.combine(day, REMIND_AT, tzinfo=settings().tz)
        if moment <= now:
            return day - timedelta(days=days_after) if now - moment < grace else None
    return None


async def active_cycles() -> list[Cycle]:
    today = clock.today()
    return await Cycle.filter(state='active', start__lte=today, end__gte=today)


async def key_result_states(cycle: Cycle) -> list[KeyResultState]:
    krs = await KeyResult.filter(objective__cycle_id=cycle.id, deleted_at=None, objective__deleted_at=None) \
        .select_related('objective').order_by('objective_id', 'position', 'id')
    ids = [kr.id for kr in krs]
    steps = await key_results.steps_by_key_result(ids)
    histories = await key_results.histories_of(ids)
    states = []
    for kr in krs:
        progress, expected, status = key_results.numbers(kr, cycle, steps[kr.id])
        stalled = metrics.is_stalled(key_results.measure_of(kr, steps[kr.id]), histories[kr.id], clock.now(),
                                     key_results.tracking_start(kr, cycle.start, histories[kr.id]))
        states.append(KeyResultState(kr, kr.owner_id or kr.objective.owner_id, progress - expected, status, stalled))
    return states


async def people_by_id(ids: set[int]) -> dict[int, User]:
    return {person.id: person for person in await User.filter(id__in=ids, active=True)}


async def notify(person: User, *, rule: str, period: str, subject: str, title: str, body: str, link: str) -> int:
    """Create the notification (once) and send it; 1 when it was new."""
    created = await notifications.create_notification(person, rule=rule, period=period, subject=subject,
                                                      title=title, body=body, link=link)
    if created is None:
        return 0
    await delivery.dispatch(created)
    return 1


def text_for(person: User, text: str, **params: object) -> str:
    return translate(notifications.message_locale(person), text, **params)


async def _missing_checkins(cycle: Cycle, day: date, rule: str) -> int:
    """Remind owners whose key results got no check-in in the week up to `day` (the nudge: up to now)."""
    states = [state for state in await key_result_states(cycle) if state.status != 'done' and state.owner_id]
    since = datetime.combine(day - timedelta(days=6), time.min, tzinfo=settings().tz)
    checked = set(await CheckIn.filter(key_result_id__in=[s.kr.id for s in states], at__gte=since)
                  .values_list('key_result_id', flat=True))
    missing: dict[int, list[KeyResult]] = {}
    for state in states:
        if state.kr.id not in checked:
            missing.setdefault(state.owner_id, []).append(state.kr)
    people = await people_by_id(set(missing))
    sent = 0
    for person_id, krs in missing.items():
        person = people.get(person_id)
        if person is None:
            continue
        if rule == 'checkin-due':
            title = text_for(person, 'Time to check in: {cycle}', cycle=cycle.name)
        else:
            title = text_for(person, 'Reminder: your check-in is still open ({cycle})', cycle=cycle.name)
        body = '\n'.join(f'- {kr.title}' for kr in krs)
        sent += await notify(person, rule=rule, period=day.isoformat(), subject=f'cycle:{cycle.id}', title=title,
                             body=body, link=checkin_link(krs[0].id))
    return sent


@delivery.in_one_batch
async def checkin_due() -> int:
    """On each active cycle's check-in day: owners who have not checked in; N days later, a nudge."""
    sent = 0
    for cycle in await active_cycles():
        # the reminder is owed until the nudge is, and the nudge for a day: a server that was down at the time
        # (or a run from the command line on another day) still sends the one owed, once
        if (day := due_day(cycle.checkin_weekday, 0, timedelta(days=NUDGE_DAYS))) is not None:
            sent += await _missing_checkins(cycle, day, 'checkin-due')
        if (day := due_day(cycle.checkin_weekday, NUDGE_DAYS)) is not None:  # a nudge days late would only annoy
            sent += await _missing_checkins(cycle, day, 'checkin-nudge')
    log.info('check-in reminders: %d new', sent)
    return sent


def schedule() -> dict:
    """Every quarter hour, and once a minute after start-up, which catches up runs missed while the server was down.

    The scheduler runs on the wall clock, not on services.clock, so its first run is set from the real time.
    """
    return {'minutes': 15, 'next_run_time': datetime.now(UTC) + timedelta(minutes=1)}
