"""Self-assessments and manager reviews of key results, and the blended final score they give."""
import logging
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from models.cycle import Cycle
from models.okr import KeyResult
from models.org import User
from models.reviews import Assessment
from services import audit, clock, events, key_results, metrics
from services.access import Access, load_access, require_active
from services.cycles import default_review_date
from services.errors import Forbidden, Invalid
from services.key_results import numbers, steps_by_key_result
from services.review_settings import review_settings

log = logging.getLogger(__name__)

ROUNDS = ('mid', 'end')
MAX_TEXT = 2000


def round_of(cycle: Cycle, today: date) -> str | None:
    """'mid' from the review date while active; 'end' in review, or once closed with late updates allowed."""
    if cycle.state == 'review' or (cycle.state == 'closed' and not cycle.locked):
        return 'end'
    if cycle.state == 'active' and today >= (cycle.review_date or default_review_date(cycle.start, cycle.end)):
        return 'mid'
    return None


def owner_of(kr: KeyResult) -> int | None:
    """Who answers for a key result (loaded with its objective): its owner, else its objective's owner."""
    return kr.owner_id if kr.owner_id is not None else kr.objective.owner_id


def blend(self_score: float | None, manager_score: float | None, self_share: float) -> float | None:
    """The final score from what was given: both blended by the company's split, else the one there is."""
    if self_score is None or manager_score is None:
        return manager_score if self_score is None else self_score
    return self_share * self_score + (1 - self_share) * manager_score


def check_score(value: Any) -> float:
    """A score from 0.0 to 1.0 in steps of 0.1."""
    try:
        number = float(str(value).strip()) if value is not None and not isinstance(value, bool) else math.nan
    except ValueError:
        number = math.nan
    if math.isnan(number):
        raise Invalid('Enter a score from 0.0 to 1.0, like 0.7.', field='score')
    if not 0 <= number <= 1:
        raise Invalid('A score is from 0.0 to 1.0, not {value}.', field='score', value=f'{number:g}')
    if abs(number * 10 - round(number * 10)) > 1e-9:
        raise Invalid('Use steps of 0.1, like 0.6 or 0.7.', field='score')
    return round(number, 1)


def check_text(text: str | None, field: str, missing: str) -> str:
    """A required text of at most MAX_TEXT characters, trimmed."""
    text = (text or '').strip()
    if not text:
        raise Invalid(missing, field=field)
    if len(text) > MAX_TEXT:
        raise Invalid('Use at most {n} characters.', field=field, n=MAX_TEXT)
    return text


async def _key_result(actor: User, key_result_id: int) -> tuple[KeyResult, Access, str]:
    """The key result, the actor's access and the open round; refusals for everything else."""
    kr, access = await key_results.visible_key_result(actor, key_result_id)
    round_ = round_of(kr.objective.cycle, clock.today())
    if round_ is None:
        raise Invalid('This cycle is not open for assessment now.')
    return kr, access, round_


async def _save(kr: KeyResult, round_: str, values: dict[str, Any]) -> Assessment:
    """Write one side of the assessment and, at the end round, the blended score on the key result."""
    async with in_transaction():
        assessment, _ = await Assessment.get_or_create(key_result_id=kr.id, round=round_)
        assessment.update_from_dict(values)
        await assessment.save(update_fields=list(values))  # only this side: the other may be saving at once
        if round_ == 'end':
            await write_final_score(kr, assessment, (await review_settings()).self_share,
                                    by=values.get('self_by_id') or values.get('manager_by_id'))
    events.okr_changed.emit(events.Change('key_result', kr.id, objective_id=kr.objective_id,
                                          team_id=kr.objective.team_id, cycle_id=kr.objective.cycle_id,
                                          people=events.owners(owner_of(kr))))
    return assessment


async def write_final_score(kr: KeyResult, assessment: Assessment, self_share: float,
                            by: int | None = None) -> float | None:
    """Store the blended score of an end-round assessment on its key result (loaded with objective__cycle)."""
    final = blend(assessment.self_score, assessment.manager_score, self_share)
    if final is None:
        return None
    steps = await steps_by_key_result([kr.id])
    before, kr.score = kr.score, metrics.score(final, numbers(kr, kr.objective.cycle, steps[kr.id])[0])
    await KeyResult.filter(id=kr.id).update(score=kr.score)
    await audit.record(by, 'score', 'key_result', kr.id, kr.title, {'score': before}, {'score': kr.score})
    return kr.score


async def rescore_open_cycles(self_share: float) -> list[events.Change]:
    """Blend again every end-round assessment of cycles still open for it; the changes to publish after commit."""
    rows = await (Assessment.filter(round='end', key_result__deleted_at=None)
                  .select_related('key_result', 'key_result__objective', 'key_result__objective__cycle'))
    today, changes = clock.today(), []
    for row in rows:
        kr = row.key_result
        if round_of(kr.objective.cycle, today) != 'end':
            continue
        if await write_final_score(kr, row, self_share) is not None:
            changes.append(events.Change('key_result', kr.id, objective_id=kr.objective_id,
                                         team_id=kr.objective.team_id, cycle_id=kr.objective.cycle_id))
    return changes


async def submit_self_assessment(actor: User, *, key_result_id: int, score: Any, reflection: str) -> Assessment:
    """The owner scores their key result (0.0-1.0) and reflects on it, in the cycle's open round."""
    kr, _, round_ = await _key_result(actor, key_result_id)
    if owner_of(kr) != actor.id:
        raise Forbidden('Only the owner of a key result assesses it.')
    values = {'self_score': check_score(score),
              'reflection': check_text(reflection, 'reflection', 'Write a few words on what you learned.'),
              'self_by_id': actor.id, 'self_at': clock.now()}
    assessment = await _save(kr, round_, values)
    log.info('self-assessment %s (%s) of key result %s by %s', assessment.id, round_, kr.id, actor.id)
    return assessment


async def submit_manager_review(actor: User, *, key_result_id: int, score: Any, comment: str) -> Assessment:
    """The owner's manager (or an admin) scores a key result and comments, in the cycle's open round."""
    kr, access, round_ = await _key_result(actor, key_result_id)
    owner = owner_of(kr)
    if owner is None:
        raise Invalid('This key result has no owner to review.')
    if owner == actor.id:
        raise Forbidden('You cannot review your own key result.')
    if access.manager_of.get(owner) != actor.id and not access.is_admin:
        raise Forbidden('Only the manager of its owner or an admin may review this key result.')
    values = {'manager_score': check_score(score),
              'manager_comment': check_text(comment, 'comment', 'Write a short comment for the owner.'),
              'manager_by_id': actor.id, 'manager_at': clock.now()}
    assessment = await _save(kr, round_, values)
    log.info('manager review %s (%s) of key result %s by %s', assessment.id, round_, kr.id, actor.id)
    return assessment


@dataclass(frozen=True)
class ReviewItem:
    """A key result to score, with what its owner and manager said in the open round."""
    key_result_id: int
    title: str
    objective_title: str
    cycle_name: str
    round: str
    owner_id: int
    owner_name: str
    progress: float
    suggested: float  # the key result's recorded score, else its progress: where a slider starts
    self_score: float | None
    reflection: str
    manager_score: float | None
    manager_comment: str
    final: float | None


@dataclass(frozen=True)
class ReviewTasks:
    to_assess: tuple[ReviewItem, ...]
    to_review: tuple[ReviewItem, ...]


def _reviews(access: Access, owner: int) -> bool:
    """The actor reviews this owner's key results: as their manager, or as an admin when nobody else does."""
    manager = access.manager_of.get(owner)
    return owner != access.actor.id and (manager == access.actor.id or (access.is_admin and manager is None))


async def review_tasks(actor: User) -> ReviewTasks:
    """My key results to self-assess and my reports' key results to review, in every open round."""
    access = await load_access(require_active(actor))
    today = clock.today()
    rounds = {cycle.id: round_ for cycle in await Cycle.filter(state__in=('active', 'review', 'closed'))
              if (round_ := round_of(cycle, today)) is not None}
    krs = await (KeyResult.filter(objective__cycle_id__in=list(rounds), deleted_at=None, objective__deleted_at=None)
                 .select_related('objective', 'objective__cycle', 'objective__owner', 'owner')
                 .order_by('objective__cycle_id', 'objective_id', 'position', 'id')) if rounds else []
    mine = [kr for kr in krs if owner_of(kr) == actor.id]
    theirs = [kr for kr in krs if owner_of(kr) is not None and _reviews(access, owner_of(kr))
              and access.can_view(kr.objective)]
    items = await review_items([*mine, *theirs], rounds)
    return ReviewTasks(tuple(items[:len(mine)]), tuple(items[len(mine):]))


async def review_items(krs: list[KeyResult], rounds: dict[int, str]) -> list[ReviewItem]:
    """Items for key results loaded with objective, objective__cycle, objective__owner and owner."""
    ids = [kr.id for kr in krs]
    steps = await steps_by_key_result(ids)
    given = {(row.key_result_id, row.round): row for row in await Assessment.filter(key_result_id__in=ids)} \
        if ids else {}
    self_share = (await review_settings()).self_share
    items = []
    for kr in krs:
        cycle, round_ = kr.objective.cycle, rounds[kr.objective.cycle_id]
        progress = numbers(kr, cycle, steps[kr.id])[0]
        row = given.get((kr.id, round_))
        self_score, manager_score = (row.self_score, row.manager_score) if row else (None, None)
        owner = kr.owner or kr.objective.owner
        mixed = blend(self_score, manager_score, self_share)
        items.append(ReviewItem(
            key_result_id=kr.id, title=kr.title, objective_title=kr.objective.title, cycle_name=cycle.name,
            round=round_, owner_id=owner.id, owner_name=owner.name, progress=progress,
            suggested=metrics.score(kr.score, progress), self_score=self_score,
            reflection=row.reflection if row else '', manager_score=manager_score,
            manager_comment=row.manager_comment if row else '',
            final=None if mixed is None else metrics.score(mixed, progress)))
    return items
