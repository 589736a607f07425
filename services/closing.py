"""Closing a cycle: what is still to assess and review, then the admin closes it, locked or open to late updates."""
import logging
from dataclasses import dataclass

from models.cycle import Cycle
from models.okr import KeyResult
from models.org import User
from models.reviews import Assessment
from services import events
from services.access import load_access, require_active
from services.cycles import CycleInfo, info
from services.errors import Invalid, NotFound
from services.reviews import owner_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonToDo:
    """Someone who still has key results to self-assess, or their reports' key results to review."""
    person_id: int
    name: str
    to_assess: int
    to_review: int


@dataclass(frozen=True)
class Checklist:
    cycle_id: int
    state: str
    key_results: int  # those with an owner: the ones to assess
    self_assessed: int
    reviewed: int
    without_owner: int
    without_manager: int  # not yet reviewed, and their owner has no manager: any admin reviews them
    people: tuple[PersonToDo, ...]

    @property
    def complete(self) -> bool:
        return self.self_assessed == self.reviewed == self.key_results


async def _admin_cycle(actor: User, cycle_id: int) -> tuple[Cycle, dict[int, int | None]]:
    access = await load_access(require_active(actor))
    access.require_admin()
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    return cycle, access.manager_of


async def checklist(actor: User, cycle_id: int) -> Checklist:
    """How far the end-of-cycle assessments and reviews are, and who still has some to do; admins only."""
    cycle, manager_of = await _admin_cycle(actor, cycle_id)
    krs = await (KeyResult.filter(objective__cycle_id=cycle.id, deleted_at=None, objective__deleted_at=None)
                 .select_related('objective'))
    done = {row.key_result_id: row for row in
            await Assessment.filter(key_result_id__in=[kr.id for kr in krs], round='end')} if krs else {}
    owned = [(kr, owner) for kr in krs if (owner := owner_of(kr)) is not None]
    to_assess: dict[int, int] = {}
    to_review: dict[int, int] = {}
    without_manager = 0
    for kr, owner in owned:
        row = done.get(kr.id)
        if row is None or row.self_score is None:
            to_assess[owner] = to_assess.get(owner, 0) + 1
        if row is None or row.manager_score is None:
            manager = manager_of.get(owner)
            if manager is None:
                without_manager += 1
            else:
                to_review[manager] = to_review.get(manager, 0) + 1
    names = dict(await User.filter(id__in=[*to_assess, *to_review]).values_list('id', 'name'))
    people = tuple(sorted((PersonToDo(person, names.get(person, ''), to_assess.get(person, 0),
                                      to_review.get(person, 0)) for person in {*to_assess, *to_review}),
                          key=lambda todo: todo.name.lower()))
    return Checklist(cycle.id, cycle.state, len(owned),
                     sum(1 for kr, _ in owned if kr.id in done and done[kr.id].self_score is not None),
                     sum(1 for kr, _ in owned if kr.id in done and done[kr.id].manager_score is not None),
                     len(krs) - len(owned), without_manager, people)


async def close_cycle(actor: User, cycle_id: int, *, allow_late: bool = False) -> CycleInfo:
    """Close a cycle in review; it is locked against updates unless the admin allows late ones."""
    cycle, _ = await _admin_cycle(actor, cycle_id)
    if cycle.state != 'review':
        raise Invalid('Only a cycle in review can be closed.')
    cycle.state, cycle.locked = 'closed', not allow_late
    await cycle.save(update_fields=['state', 'locked'])
    log.info('cycle %s closed by %s (%s)', cycle.id, actor.id, 'late updates allowed' if allow_late else 'locked')
    events.org_changed.emit(events.Change('cycle', cycle.id, cycle_id=cycle.id))
    return info(cycle)
