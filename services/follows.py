"""Following an objective or key result, and telling its followers about check-ins and comments."""
import logging
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from models.okr import KeyResult, Objective
from models.org import User
from models.social import Follow
from services import clock, reminders
from services.access import load_access, load_org, require_active
from services.errors import NotFound

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """What is followed or commented on: an objective, or one of its key results."""
    objective: Objective
    key_result: KeyResult | None

    @property
    def subject(self) -> str:
        return f'kr:{self.key_result.id}' if self.key_result else f'objective:{self.objective.id}'

    @property
    def title(self) -> str:
        return self.key_result.title if self.key_result else self.objective.title

    @property
    def link(self) -> str:
        return f'/objective/{self.objective.id}'


async def find_target(actor: User, *, objective_id: int, key_result_id: int | None = None) -> Target:
    """The objective (and key result) the actor may view; NotFound otherwise, private ones included."""
    objective = await Objective.filter(id=objective_id, deleted_at=None).first()
    if objective is None:
        raise NotFound('This objective does not exist or is private.')
    (await load_access(require_active(actor))).require_view(objective)
    key_result = None
    if key_result_id is not None:
        key_result = await KeyResult.filter(id=key_result_id, objective_id=objective.id, deleted_at=None).first()
        if key_result is None:
            raise NotFound('This key result does not exist.')
    return Target(objective, key_result)


async def set_following(actor: User, *, objective_id: int, key_result_id: int | None = None,
                        following: bool) -> bool:
    """Follow or unfollow an objective or key result; returns whether the actor now follows it."""
    target = await find_target(actor, objective_id=objective_id, key_result_id=key_result_id)
    if following:
        try:
            await Follow.create(person=actor, objective=target.objective, key_result=target.key_result,
                                subject=target.subject, created_at=clock.now())
        except IntegrityError:
            pass  # followed already (a second tab): the wish is met
    else:
        await Follow.filter(person_id=actor.id, subject=target.subject).delete()
    log.info('user %d %s %s', actor.id, 'follows' if following else 'unfollows', target.subject)
    return following


async def followed_subjects(actor: User, objective_id: int) -> set[str]:
    """The subjects ('objective:3', 'kr:12') of this objective the actor follows."""
    return set(await Follow.filter(person_id=actor.id, objective_id=objective_id).values_list('subject', flat=True))


async def followers(target: Target) -> set[int]:
    """Who follows the key result or its objective (following an objective covers its key results)."""
    subjects = [f'objective:{target.objective.id}'] + ([target.subject] if target.key_result else [])
    return set(await Follow.filter(subject__in=subjects).values_list('person_id', flat=True))


async def tell(people: set[int], target: Target, *, rule: str, period: str, title: str, body: str,
               **params: object) -> int:
    """Notify each of these people who may still view the objective, in their own language; returns how many."""
    if not people:
        return 0
    org = await load_org()
    sent = 0
    for person in await User.filter(id__in=people, active=True):
        if not org.access(person).can_view(target.objective):
            continue
        sent += await reminders.notify(person, rule=rule, period=period, subject=target.subject,
                                       title=reminders.text_for(person, title, **params), body=body,
                                       link=target.link)
    return sent


async def checkin_recorded(author: User, key_result: KeyResult, checkin_id: int) -> int:
    """Tell the followers of a key result (its objective loaded) or its objective about a check-in, but its author."""
    target = Target(key_result.objective, key_result)
    told = await tell(await followers(target) - {author.id}, target, rule='follow_checkin',
                      period=f'checkin:{checkin_id}', title='{name} checked in on {item}', body='',
                      name=author.name, item=key_result.title)
    if told:
        log.info('followers told of check-in %d: %d', checkin_id, told)
    return told
