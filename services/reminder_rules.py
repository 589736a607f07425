"""The reminder rules beyond check-ins: behind pace, stalled, due soon, manager digest, mid-cycle review."""
import logging
from datetime import date, timedelta

from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.org import User
from services import clock, delivery, metrics
from services.reminders import (
    BEHIND_PACE,
    DUE_SOON_DAYS,
    KeyResultState,
    active_cycles,
    checkin_link,
    due_day,
    key_result_states,
    notify,
    people_by_id,
    text_for,
)

log = logging.getLogger(__name__)


async def _owner_and_manager(state: KeyResultState, people: dict[int, User]) -> list[User]:
    owner = people.get(state.owner_id) if state.owner_id else None
    if owner is None:
        return []
    manager = people.get(owner.manager_id) if owner.manager_id else None
    return [owner] + ([manager] if manager else [])


async def _weekly_key_result_rule(rule: str, title: str, chosen: list[KeyResultState], day: date) -> int:
    owners = {state.owner_id for state in chosen if state.owner_id}
    managers = set(await User.filter(id__in=owners).values_list('manager_id', flat=True)) - {None}
    people = await people_by_id(owners | managers)
    sent = 0
    for state in chosen:
        for person in await _owner_and_manager(state, people):
            sent += await notify(person, rule=rule, period=day.isoformat(), subject=f'kr:{state.kr.id}',
                                 title=text_for(person, title, title=state.kr.title),
                                 body=text_for(person, 'Owner: {name}', name=people[state.owner_id].name),
                                 link=checkin_link(state.kr.id))
    return sent


@delivery.in_one_batch
async def behind_pace() -> int:
    """On the check-in day: key results more than 20 points behind pace, to their owner and the owner's manager."""
    sent = 0
    for cycle in await active_cycles():
        if (day := due_day(cycle.checkin_weekday)) is not None:
            chosen = [s for s in await key_result_states(cycle) if s.status != 'done' and s.pace < -BEHIND_PACE]
            sent += await _weekly_key_result_rule('behind-pace', 'Behind pace: {title}', chosen, day)
    log.info('behind-pace reminders: %d new', sent)
    return sent


@delivery.in_one_batch
async def stalled() -> int:
    """On the check-in day: key results with no progress for two periods, to their owner and manager."""
    sent = 0
    for cycle in await active_cycles():
        if (day := due_day(cycle.checkin_weekday)) is not None:
            chosen = [s for s in await key_result_states(cycle) if s.stalled]
            sent += await _weekly_key_result_rule('stalled', 'No progress for two weeks: {title}', chosen, day)
    log.info('stalled reminders: %d new', sent)
    return sent


@delivery.in_one_batch
async def due_soon() -> int:
    """Key results and objectives due within a few days and not done, to their owner."""
    today, sent = clock.today(), 0
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    for cycle in await active_cycles():
        for state in await key_result_states(cycle):
            due = state.kr.due
            if due and today <= due <= horizon and state.status != 'done' and state.owner_id:
                for person in (await people_by_id({state.owner_id})).values():
                    sent += await notify(person, rule='due-soon', period=due.isoformat(), subject=f'kr:{state.kr.id}',
                                         title=text_for(person, 'Due on {date}: {title}', date=due.isoformat(),
                                                  title=state.kr.title), body='', link=checkin_link(state.kr.id))
    objectives = await Objective.filter(due__gte=today, due__lte=horizon, deleted_at=None, owner_id__not_isnull=True,
                                        cycle__state='active').exclude(status='done')
    people = await people_by_id({objective.owner_id for objective in objectives})
    for objective in objectives:
        if (person := people.get(objective.owner_id)) is not None:
            sent += await notify(person, rule='due-soon', period=objective.due.isoformat(),
                                 subject=f'objective:{objective.id}', body='', link=f'/objective/{objective.id}',
                                 title=text_for(person, 'Due on {date}: {title}', date=objective.due.isoformat(),
                                          title=objective.title))
    log.info('due-soon reminders: %d new', sent)
    return sent


@delivery.in_one_batch
async def manager_digest() -> int:
    """On the check-in day, to each manager: their reports' at-risk key results."""
    sent = 0
    for cycle in await active_cycles():
        if (day := due_day(cycle.checkin_weekday)) is None:
            continue
        states = [s for s in await key_result_states(cycle) if s.owner_id and metrics.is_at_risk(s.status)]
        owners = await people_by_id({s.owner_id for s in states})
        by_manager: dict[int, list[KeyResultState]] = {}
        for state in states:
            owner = owners.get(state.owner_id)
            if owner is not None and owner.manager_id:
                by_manager.setdefault(owner.manager_id, []).append(state)
        managers = await people_by_id(set(by_manager))
        for manager_id, chosen in by_manager.items():
            if (manager := managers.get(manager_id)) is None:
                continue
            body = '\n'.join(f'- {owners[s.owner_id].name}: {s.kr.title}' for s in chosen)
            sent += await notify(manager, rule='manager-digest', period=day.isoformat(), subject=f'cycle:{cycle.id}',
                                 body=body, link='/dashboard', title=text_for(
                                     manager, 'Your team this week: key results at risk: {n}', n=len(chosen)))
    log.info('manager digests: %d new', sent)
    return sent


@delivery.in_one_batch
async def review_due() -> int:
    """On a cycle's review date (caught up the day after): the owners of its objectives and key results."""
    today, sent = clock.today(), 0
    cycles = await Cycle.filter(state='active', review_date__lte=today, review_date__gte=today - timedelta(days=1))
    for cycle in cycles:
        owners = set(await Objective.filter(cycle_id=cycle.id, deleted_at=None).values_list('owner_id', flat=True))
        owners |= set(await KeyResult.filter(objective__cycle_id=cycle.id, deleted_at=None)
                      .values_list('owner_id', flat=True))
        for person in (await people_by_id(owners - {None})).values():
            sent += await notify(person, rule='review-due', period=cycle.review_date.isoformat(),
                                 subject=f'cycle:{cycle.id}', body='', link='/objectives',
                                 title=text_for(person, 'Mid-cycle review today: {cycle}', cycle=cycle.name))
    log.info('review reminders: %d new', sent)
    return sent
