"""Read models the REST API needs beyond the pages': pages of objectives, key result lists, alignments."""
from dataclasses import dataclass

from tortoise.expressions import Q

from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Objective
from models.org import User
from services import cycles
from services.access import load_access, require_active
from services.errors import NotFound
from services.key_results import KeyResultCard, cards
from services.objectives import ObjectiveRow, list_objectives


@dataclass(frozen=True)
class ObjectiveItem:
    row: ObjectiveRow
    team_id: int | None
    owner_id: int | None


@dataclass(frozen=True)
class KeyResultItem:
    card: KeyResultCard
    owner_id: int | None
    cycle_id: int


@dataclass(frozen=True)
class AlignmentItem:
    objective_id: int
    parent_objective_id: int | None
    parent_key_result_id: int | None


async def cycle_or_current(actor: User, cycle_id: int | None) -> int:
    """The cycle asked for, else the actor's current one; NotFound when there is none."""
    if cycle_id is not None:
        if not await Cycle.exists(id=cycle_id):
            raise NotFound('This cycle does not exist.')
        return cycle_id
    current = await cycles.current_cycle(actor)
    if current is None:
        raise NotFound('This cycle does not exist.')
    return current.id


async def objective_page(actor: User, *, cycle_id: int | None, team_id: int | None, owner_id: int | None,
                         level: str | None, limit: int, offset: int) -> tuple[int, list[ObjectiveItem]]:
    """(total, one page) of the objectives of a cycle the actor may see, in the order the pages list them."""
    cycle_id = await cycle_or_current(require_active(actor), cycle_id)
    rows = await list_objectives(actor, cycle_id, team_id=team_id, owner_id=owner_id, level=level)
    page = rows[offset:offset + limit]
    placed = {row[0]: row[1:] for row in await Objective.filter(id__in=[row.id for row in page])
              .values_list('id', 'team_id', 'owner_id')}
    return len(rows), [ObjectiveItem(row, *placed[row.id]) for row in page]


async def list_key_results(actor: User, *, cycle_id: int | None, objective_id: int | None = None,
                           owner_id: int | None = None, team_id: int | None = None) -> list[KeyResultItem]:
    """The live key results of a cycle the actor may see, optionally of one objective, owner or team."""
    cycle_id = await cycle_or_current(require_active(actor), cycle_id)
    query = KeyResult.filter(objective__cycle_id=cycle_id, deleted_at=None, objective__deleted_at=None)
    if objective_id is not None:
        query = query.filter(objective_id=objective_id)
    if owner_id is not None:
        query = query.filter(owner_id=owner_id)
    if team_id is not None:
        query = query.filter(Q(objective__team_id=team_id) | Q(objective__level='person',
                                                               objective__owner__team_id=team_id))
    krs = await (query.select_related('objective', 'objective__cycle', 'owner')
                 .order_by('objective_id', 'position', 'id'))
    owners = {kr.id: kr.owner_id for kr in krs}
    return [KeyResultItem(card, owners[card.id], cycle_id) for card in await cards(actor, krs)]


async def list_alignments(actor: User, *, cycle_id: int | None) -> list[AlignmentItem]:
    """What the objectives of a cycle contribute to, where the actor may see both ends."""
    cycle_id = await cycle_or_current(require_active(actor), cycle_id)
    access = await load_access(actor)
    links = await (Alignment.filter(objective__cycle_id=cycle_id, objective__deleted_at=None)
                   .select_related('objective', 'parent_objective', 'parent_key_result__objective').order_by('id'))
    found = []
    for link in links:
        parent = link.parent_objective or (link.parent_key_result.objective if link.parent_key_result else None)
        if parent is None or parent.deleted_at is not None or not access.can_view(parent):
            continue
        if access.can_view(link.objective):
            found.append(AlignmentItem(link.objective_id, link.parent_objective_id, link.parent_key_result_id))
    return found


async def key_result(actor: User, kr_id: int) -> KeyResultItem:
    """One live key result the actor may see."""
    kr = await (KeyResult.filter(id=kr_id, deleted_at=None, objective__deleted_at=None)
                .select_related('objective', 'objective__cycle', 'owner').first())
    if kr is None:
        raise NotFound('This key result does not exist.')
    (await load_access(require_active(actor))).require_view(kr.objective)
    return KeyResultItem((await cards(actor, [kr]))[0], kr.owner_id, kr.objective.cycle_id)
