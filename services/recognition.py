"""OKR Star of the month: kudos on comments, candidates, managers' nominations, the admins' pick and its history."""
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.exceptions import IntegrityError

from models.okr import Objective
from models.org import User
from models.recognition import Award, Kudos, Nomination
from models.social import Comment
from services import clock, events
from services.access import Access, load_access, require_active
from services.errors import Forbidden, Invalid, NotFound
from services.star_candidates import active_people, kudos_part, month_parts

log = logging.getLogger(__name__)

MAX_REASON = 1000
PICK_GRACE_DAYS = 7  # a month's star can still be picked or changed this many days after the month ends


def month_of(day: date) -> str:
    return f'{day.year:04d}-{day.month:02d}'


def month_days(month: str | None) -> tuple[date, date]:
    """First and last day of a 'YYYY-MM' month, else Invalid."""
    try:
        year, number = (int(part) for part in (month or '').split('-'))
        first = date(year, number, 1)
    except ValueError:
        raise Invalid('Choose a month as YYYY-MM.', field='month') from None
    after = date(year + number // 12, number % 12 + 1, 1)
    return first, after - timedelta(days=1)


def open_months() -> list[str]:
    """The months whose star can still be nominated or picked: this one, and the last within its grace days."""
    today = clock.today()
    months = [month_of(today)]
    previous = today.replace(day=1) - timedelta(days=1)
    if today <= previous + timedelta(days=PICK_GRACE_DAYS):
        months.append(month_of(previous))
    return months


def _open_month(month: str | None) -> tuple[str, date, date]:
    first, last = month_days(month)
    if month_of(first) not in open_months():
        raise Invalid('The star of {month} can no longer be chosen.', field='month', month=month_of(first))
    return month_of(first), first, last


def _reason(reason: str | None) -> str:
    reason = (reason or '').strip()
    if not reason:
        raise Invalid('Say why this person deserves it.', field='reason')
    if len(reason) > MAX_REASON:
        raise Invalid('Use at most {n} characters.', field='reason', n=MAX_REASON)
    return reason


def is_manager(access: Access) -> bool:
    return bool(access.led_team_ids) or access.actor.id in access.manager_of.values()


def may_nominate(access: Access, person: User) -> bool:
    """Managers nominate the people they manage or whose team they lead; admins anyone but themselves."""
    if person.id == access.actor.id:
        return False
    return access.is_admin or access.manages(person.id) or access.leads(person.team_id)


async def may_choose(actor: User) -> bool:
    """Whether the actor takes part in choosing stars: a manager or an admin."""
    access = await load_access(require_active(actor))
    return access.is_admin or is_manager(access)


@dataclass(frozen=True)
class NominationView:
    by_name: str
    reason: str


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    score: float
    timeliness: float
    pace: float
    alignment: float
    kudos: int
    kudos_share: float
    nominations: tuple[NominationView, ...]
    can_nominate: bool


async def candidates(actor: User, month: str) -> list[Candidate]:
    """People ranked by their star score for the month: all for admins, their own people for managers."""
    access = await load_access(require_active(actor))
    if not access.is_admin and not is_manager(access):
        raise Forbidden('Only managers and admins see the candidates.')
    first, last = month_days(month)
    people = {person.id: person for person in await User.filter(id__in=await active_people())}
    shown = {pid for pid, person in people.items() if access.is_admin or may_nominate(access, person)}
    nominated: dict[int, list[NominationView]] = {}
    for row in await Nomination.filter(month=month_of(first), person_id__in=shown).select_related('nominated_by'):
        by = row.nominated_by.name if row.nominated_by else ''
        nominated.setdefault(row.person_id, []).append(NominationView(by, row.reason))
    ranked = [Candidate(parts.person_id, people[parts.person_id].name, parts.score, parts.timeliness, parts.pace,
                        parts.alignment, parts.kudos, kudos_part(parts.kudos),
                        tuple(nominated.get(parts.person_id, ())), may_nominate(access, people[parts.person_id]))
              for parts in await month_parts(first, last, shown)]
    ranked.sort(key=lambda candidate: (-candidate.score, candidate.name))
    return ranked


async def nominate(actor: User, *, month: str, person_id: int, reason: str) -> Nomination:
    """A manager proposes one of their people for a month, with a reason; again replaces their reason."""
    access = await load_access(require_active(actor))
    month, _, _ = _open_month(month)
    reason = _reason(reason)
    person = await User.get_or_none(id=person_id, active=True)
    if person is None or not may_nominate(access, person):
        raise Invalid('Nominate someone you manage or whose team you lead.', field='person')
    nomination = await Nomination.get_or_none(month=month, person_id=person.id, nominated_by_id=actor.id)
    if nomination is None:
        nomination = await Nomination.create(month=month, person_id=person.id, nominated_by_id=actor.id,
                                             reason=reason, created_at=clock.now())
    else:
        nomination.reason = reason
        await nomination.save(update_fields=['reason'])
    log.info('nomination %s for %s of person %s by %s', nomination.id, month, person.id, actor.id)
    events.org_changed.emit(events.Change('nomination', nomination.id))
    return nomination


async def pick_star(actor: User, *, month: str, person_id: int, reason: str) -> Award:
    """An admin names the month's OKR Star (one per month; changeable until the grace days are over)."""
    (await load_access(require_active(actor))).require_admin()
    month, _, _ = _open_month(month)
    reason = _reason(reason)
    if not await User.exists(id=person_id, active=True):
        raise Invalid('Choose an active person.', field='person')
    award = await Award.get_or_none(month=month)
    if award is None:
        award = await Award.create(month=month, person_id=person_id, picked_by_id=actor.id, reason=reason,
                                   created_at=clock.now())
    else:
        award.person_id, award.picked_by_id, award.reason = person_id, actor.id, reason
        await award.save(update_fields=['person_id', 'picked_by_id', 'reason'])
    log.info('star of %s is person %s, picked by %s (award %s)', month, person_id, actor.id, award.id)
    events.org_changed.emit(events.Change('award', award.id))
    return award


@dataclass(frozen=True)
class Star:
    month: str
    person_id: int
    name: str
    reason: str


async def history() -> list[Star]:
    """Every month's star, newest first."""
    return [Star(award.month, award.person_id, award.person.name, award.reason)
            for award in await Award.all().order_by('-month').select_related('person')]


async def current_star() -> Star | None:
    """The star to celebrate now: this month's, else last month's."""
    today = clock.today()
    last_month = month_of(today.replace(day=1) - timedelta(days=1))
    award = await Award.filter(month__in=[month_of(today), last_month]).order_by('-month') \
        .select_related('person').first()
    return Star(award.month, award.person_id, award.person.name, award.reason) if award else None


@dataclass(frozen=True)
class KudosState:
    comment_id: int
    count: int
    given: bool  # by the viewer
    allowed: bool  # the viewer may give it: not their own comment


async def _comment(actor: User, comment_id: int) -> Comment:
    access = await load_access(require_active(actor))
    comment = await Comment.get_or_none(id=comment_id, deleted_at=None)
    objective = await Objective.get_or_none(id=comment.objective_id, deleted_at=None) if comment else None
    if comment is None or objective is None or not access.can_view(objective):
        raise NotFound('This comment does not exist.')
    return comment


async def kudos_state(actor: User, comment_id: int) -> KudosState:
    comment = await _comment(actor, comment_id)
    return (await _states(actor, [comment]))[comment.id]


async def kudos_states(actor: User, comment_ids: list[int]) -> dict[int, KudosState]:
    """The kudos of a thread's comments in five queries, however many; those the actor may not see are left out."""
    access = await load_access(require_active(actor))
    found = await Comment.filter(id__in=comment_ids, deleted_at=None)
    visible = {objective.id for objective in await Objective.filter(
        id__in={comment.objective_id for comment in found}, deleted_at=None) if access.can_view(objective)}
    return await _states(actor, [comment for comment in found if comment.objective_id in visible])


async def _states(actor: User, shown: list[Comment]) -> dict[int, KudosState]:
    ids = [comment.id for comment in shown]
    counts: dict[int, int] = {}
    for comment_id in await Kudos.filter(comment_id__in=ids).values_list('comment_id', flat=True):
        counts[comment_id] = counts.get(comment_id, 0) + 1
    given = set(await Kudos.filter(comment_id__in=ids, giver_id=actor.id).values_list('comment_id', flat=True))
    return {comment.id: KudosState(comment.id, counts.get(comment.id, 0), comment.id in given,
                                   comment.author_id not in (None, actor.id)) for comment in shown}


async def toggle_kudos(actor: User, comment_id: int) -> KudosState:
    """Give kudos for someone else's comment, or take yours back."""
    comment = await _comment(actor, comment_id)
    if comment.author_id in (None, actor.id):
        raise Forbidden('You cannot give kudos for your own comment.')
    removed = await Kudos.filter(comment_id=comment.id, giver_id=actor.id).delete()
    if not removed:
        try:
            await Kudos.create(comment_id=comment.id, giver_id=actor.id, receiver_id=comment.author_id,
                               at=clock.now())
        except IntegrityError:
            pass  # a second tap that raced the first: the kudos is there either way
    log.info('kudos on comment %s %s by %s', comment.id, 'taken back' if removed else 'given', actor.id)
    events.comment_added.emit(events.Change('kudos', comment.id, objective_id=comment.objective_id))
    return await kudos_state(actor, comment.id)

