"""Starting the next cycle from this one: copy objectives with every field but check-ins and scores.

A copied key result starts where the original stands now: its start (and value) is the original's current value.
Boolean and milestone key results keep their start of 0 and their value, so done steps stay done. Only open tasks
of the action plan come along. Confidence, status overrides, scores and check-ins stay behind.
"""
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.transactions import in_transaction

from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective, ObjectiveLink, Task
from models.org import User
from services import events
from services.access import Access, load_access, require_active
from services.cycles import CycleInfo, info
from services.errors import Forbidden, Invalid, NotFound
from services.key_results import objective_numbers

log = logging.getLogger(__name__)

COUNTED_FROM_ZERO = ('boolean', 'milestone')  # their value counts what is done, so a copy keeps start 0


@dataclass(frozen=True)
class CopyCandidate:
    """An objective one may copy, as the checklist shows it."""
    id: int
    title: str
    level: str
    team_id: int | None
    owner_id: int | None
    where: str  # its team's or owner's name
    progress: float
    key_results: int
    unfinished: bool
    copied: bool  # copied into the target cycle already


@dataclass(frozen=True)
class CopyResult:
    objectives: int
    key_results: int
    skipped: int  # chosen, but copied into the target cycle before
    copies: tuple[tuple[int, int], ...]  # (original objective id, copy id)


def shifted(day: date | None, offset: timedelta, cycle: Cycle) -> date | None:
    """A due date moved by the offset between the cycles, kept inside the target cycle."""
    if day is None:
        return None
    return min(max(day + offset, cycle.start), cycle.end)


async def copies_in(cycle_id: int, original_ids: list[int]) -> dict[int, int]:
    """Original objective id -> id of its live copy in this cycle."""
    if not original_ids:
        return {}
    return dict(await Objective.filter(cycle_id=cycle_id, copied_from__in=original_ids, deleted_at=None)
                .values_list('copied_from', 'id'))


def is_open(cycle: Cycle) -> bool:
    return cycle.state != 'closed' and not cycle.locked


async def _cycle(cycle_id: int | None, field: str) -> Cycle:
    cycle = await Cycle.get_or_none(id=cycle_id) if cycle_id is not None else None
    if cycle is None:
        raise Invalid('Choose a cycle.', field=field)
    return cycle


async def open_targets(source_cycle_id: int) -> list[CycleInfo]:
    """The open cycles starting after this one, which its objectives may be copied into: same cadence first."""
    source = await Cycle.get_or_none(id=source_cycle_id)
    if source is None:
        return []
    later = await Cycle.filter(start__gt=source.start).exclude(id=source.id).order_by('start', 'name')
    found = sorted((cycle for cycle in later if is_open(cycle)), key=lambda cycle: cycle.cadence != source.cadence)
    return [info(cycle) for cycle in found]


async def previous_cycle(cycle_id: int) -> CycleInfo | None:
    """The latest cycle of the same cadence that ended before this one started (any cadence when none has)."""
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        return None
    ended = Cycle.filter(end__lt=cycle.start).exclude(id=cycle.id).order_by('-start', '-end', 'name')
    before = await ended.filter(cadence=cycle.cadence).first() or await ended.first()
    return info(before) if before else None


async def copy_candidates(actor: User, source_cycle_id: int, target_cycle_id: int | None) -> list[CopyCandidate]:
    """The objectives of a cycle the actor may copy, marked unfinished and already copied into the target."""
    access = await load_access(require_active(actor))
    found = await Objective.filter(cycle_id=source_cycle_id, deleted_at=None).order_by('id') \
        .select_related('cycle', 'team', 'owner')
    mine = [objective for objective in found if _may_copy(access, objective)]
    copied = set(await copies_in(target_cycle_id, [o.id for o in mine])) if target_cycle_id else set()
    numbers = await objective_numbers(mine)
    return [CopyCandidate(o.id, o.title, o.level, o.team_id, o.owner_id,
                          (o.team.name if o.team else '') if o.level == 'team' else (o.owner.name if o.owner else ''),
                          numbers[o.id].progress, numbers[o.id].key_results, numbers[o.id].progress < 1,
                          o.id in copied) for o in mine]


async def unfinished_before(actor: User, cycle_id: int, *, team_id: int | None,
                            owner_id: int | None) -> tuple[CycleInfo | None, list[CopyCandidate]]:
    """The previous cycle's unfinished objectives of this team or owner, not yet copied into this cycle."""
    previous = await previous_cycle(cycle_id)
    if previous is None or (team_id is None and owner_id is None):
        return previous, []
    found = [candidate for candidate in await copy_candidates(actor, previous.id, cycle_id)
             if candidate.unfinished and not candidate.copied
             and ((team_id is not None and candidate.team_id == team_id)
                  or (owner_id is not None and candidate.owner_id == owner_id))]
    return previous, found


def _may_copy(access: Access, objective: Objective) -> bool:
    return access.can_edit(objective) and access.can_create(objective.level, objective.team_id, objective.owner_id)


async def _chosen(access: Access, source: Cycle, objective_ids: list[int] | None,
                  team_id: int | None) -> list[Objective]:
    query = Objective.filter(cycle_id=source.id, deleted_at=None)
    if objective_ids is None:
        query = query.filter(team_id=team_id) if team_id is not None else query
        return [objective for objective in await query.order_by('id') if _may_copy(access, objective)]
    wanted = set(objective_ids)
    if not wanted:
        raise Invalid('Choose at least one objective.', field='objectives')
    found = [objective for objective in await query.filter(id__in=wanted).order_by('id') if access.can_view(objective)]
    if len(found) != len(wanted):
        raise NotFound('This objective does not exist or is private.')
    if not all(_may_copy(access, objective) for objective in found):
        raise Forbidden('You may not copy some of these objectives.')
    return found


async def copy_objectives(actor: User, *, source_cycle_id: int, target_cycle_id: int | None,
                          objective_ids: list[int] | None = None, team_id: int | None = None) -> CopyResult:
    """Copy chosen objectives (or a team's, or all the actor may edit) into another cycle, in one transaction."""
    access = await load_access(require_active(actor))
    source, target = await _cycle(source_cycle_id, 'source'), await _cycle(target_cycle_id, 'target')
    if source.id == target.id:
        raise Invalid('Choose a different cycle to copy into.', field='target')
    if not is_open(target):
        raise Forbidden('This cycle is closed or locked; choose an open cycle to copy into.')
    chosen = await _chosen(access, source, objective_ids, team_id)
    earlier = await copies_in(target.id, [objective.id for objective in chosen])
    todo = [objective for objective in chosen if objective.id not in earlier]
    copier = _Copier(source, target)
    async with in_transaction():
        await copier.run(todo)
    for copy in copier.objectives.values():
        events.okr_changed.emit(events.Change('objective', copy.id, objective_id=copy.id, team_id=copy.team_id,
                                              cycle_id=target.id, people=events.owners(copy.owner_id)))
    log.info('%d objectives and %d key results copied from cycle %s to cycle %s by %s (%d skipped)',
             len(copier.objectives), len(copier.key_results), source.id, target.id, actor.id,
             len(chosen) - len(todo))
    return CopyResult(len(copier.objectives), len(copier.key_results), len(chosen) - len(todo),
                      tuple((original, copy.id) for original, copy in copier.objectives.items()))


class _Copier:
    """One run of copies: remembers which original became which copy, so alignments follow the copies."""

    def __init__(self, source: Cycle, target: Cycle) -> None:
        self.target = target
        self.offset = target.start - source.start
        self.objectives: dict[int, Objective] = {}
        self.key_results: dict[int, KeyResult] = {}

    async def run(self, originals: list[Objective]) -> None:
        for original in originals:
            self.objectives[original.id] = await self._objective(original)
        ids = list(self.objectives)
        for kr in await KeyResult.filter(objective_id__in=ids, deleted_at=None).order_by('position', 'id'):
            self.key_results[kr.id] = await self._key_result(kr)
        await self._details(ids)
        await self._alignments(ids)

    async def _objective(self, original: Objective) -> Objective:
        return await Objective.create(
            cycle_id=self.target.id, level=original.level, team_id=original.team_id, owner_id=original.owner_id,
            title=original.title, description=original.description, priority=original.priority,
            kind=original.kind, tags=list(original.tags or []), due=shifted(original.due, self.offset, self.target),
            status='active', visibility=original.visibility, copied_from=original.id)

    async def _key_result(self, original: KeyResult) -> KeyResult:
        start = 0.0 if original.kind in COUNTED_FROM_ZERO else original.current
        return await KeyResult.create(
            objective_id=self.objectives[original.objective_id].id, title=original.title,
            owner_id=original.owner_id, kind=original.kind, start=start, target=original.target,
            current=original.current, unit=original.unit, direction=original.direction, weight=original.weight,
            due=shifted(original.due, self.offset, self.target), position=original.position,
            copied_from=original.id)

    async def _details(self, objective_ids: list[int]) -> None:
        kr_ids = list(self.key_results)
        await Milestone.bulk_create([
            Milestone(key_result_id=self.key_results[step.key_result_id].id, title=step.title, weight=step.weight,
                      position=step.position)
            for step in await Milestone.filter(key_result_id__in=kr_ids).order_by('position', 'id')])
        await Task.bulk_create([
            Task(key_result_id=self.key_results[task.key_result_id].id, title=task.title, owner_id=task.owner_id,
                 due=shifted(task.due, self.offset, self.target))
            for task in await Task.filter(key_result_id__in=kr_ids, done=False).order_by('id')])
        await ObjectiveLink.bulk_create([
            ObjectiveLink(objective_id=self.objectives[link.objective_id].id, title=link.title, url=link.url,
                          kind=link.kind)
            for link in await ObjectiveLink.filter(objective_id__in=objective_ids).order_by('id')])

    async def _alignments(self, objective_ids: list[int]) -> None:
        """A parent copied now or before is replaced by its copy; any other parent is kept, across cycles."""
        rows = await Alignment.filter(objective_id__in=objective_ids).order_by('id')
        parent_krs = [row.parent_key_result_id for row in rows if row.parent_key_result_id is not None]
        kr_copies = dict(await KeyResult.filter(copied_from__in=parent_krs, objective__cycle_id=self.target.id,
                                                deleted_at=None, objective__deleted_at=None)
                         .values_list('copied_from', 'id')) if parent_krs else {}
        kr_copies.update({original: copy.id for original, copy in self.key_results.items()})
        objective_copies = await copies_in(self.target.id, [row.parent_objective_id for row in rows
                                                            if row.parent_objective_id is not None])
        objective_copies.update({original: copy.id for original, copy in self.objectives.items()})
        await Alignment.bulk_create([
            Alignment(objective_id=self.objectives[row.objective_id].id,
                      parent_objective_id=objective_copies.get(row.parent_objective_id, row.parent_objective_id),
                      parent_key_result_id=kr_copies.get(row.parent_key_result_id, row.parent_key_result_id))
            for row in rows])
