"""The stand-up board read model: each member's key results, what moved since the last stand-up, who is missing."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import Q

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Objective
from models.org import Team, User
from services import clock, key_results, metrics
from services.access import Access, load_access, require_active
from services.errors import NotFound
from services.teams import PersonRef

DEFAULT_SINCE = timedelta(days=7)  # used until stand-ups are recorded


@dataclass(frozen=True)
class BoardKeyResult:
    id: int
    title: str
    objective_title: str
    kind: str
    current: float
    target: float | None
    unit: str
    steps: int
    progress: float
    status: str
    stalled: bool
    confidence: int | None
    progress_then: float
    confidence_then: int | None

    @property
    def change(self) -> float:
        """Progress gained (or lost) since the last stand-up."""
        return self.progress - self.progress_then

    @property
    def confidence_trend(self) -> int | None:
        if self.confidence is None or self.confidence_then is None:
            return None
        return self.confidence - self.confidence_then

    @property
    def needs_attention(self) -> bool:
        return metrics.is_at_risk(self.status) or self.stalled


@dataclass(frozen=True)
class BoardPerson:
    id: int
    name: str
    key_results: tuple[BoardKeyResult, ...]

    @property
    def needs_attention(self) -> bool:
        return any(kr.needs_attention for kr in self.key_results)


@dataclass(frozen=True)
class BoardObjective:
    id: int
    title: str
    progress: float
    status: str
    aligned_to: tuple[str, ...]  # titles of the objectives and key results it contributes to


@dataclass(frozen=True)
class Board:
    team_id: int
    team_name: str
    cycle_id: int
    cycle_name: str
    since: datetime
    objectives: tuple[BoardObjective, ...]
    people: tuple[BoardPerson, ...]
    missing: tuple[PersonRef, ...]  # members with key results and no check-in since the last stand-up

    @property
    def key_result_ids(self) -> frozenset[int]:
        return frozenset(kr.id for person in self.people for kr in person.key_results)

    @property
    def objective_ids(self) -> frozenset[int]:
        return frozenset(objective.id for objective in self.objectives)


async def board(actor: User, *, team_id: int, cycle_id: int, since: datetime | None = None) -> Board:
    """The stand-up board of a team in a cycle, compared with the moment `since` (default: a week ago)."""
    access = await load_access(require_active(actor))
    team = await Team.get_or_none(id=team_id)
    if team is None:
        raise NotFound('This team does not exist.')
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    since = since or clock.now() - DEFAULT_SINCE
    members = await User.filter(team_id=team_id, active=True).order_by('name', 'id').values_list('id', 'name')
    member_ids = [member_id for member_id, _ in members]
    krs = await (KeyResult.filter(Q(owner_id__in=member_ids) | Q(owner_id=None, objective__owner_id__in=member_ids),
                                  objective__cycle_id=cycle_id, deleted_at=None, objective__deleted_at=None)
                 .select_related('objective', 'objective__cycle', 'owner').order_by('objective_id', 'position', 'id')
                 if member_ids else [])
    krs = [kr for kr in krs if access.can_view(kr.objective)]
    board_krs = await _board_key_results(actor, krs, since)
    owner_of = {kr.id: kr.owner_id or kr.objective.owner_id for kr in krs}
    people = _people(members, board_krs, owner_of)
    missing = await _missing(people, since)
    return Board(team_id=team.id, team_name=team.name, cycle_id=cycle.id, cycle_name=cycle.name, since=since,
                 objectives=await _team_objectives(access, team_id, cycle_id), people=people, missing=missing)


async def _board_key_results(actor: User, krs: list[KeyResult], since: datetime) -> list[BoardKeyResult]:
    ids = [kr.id for kr in krs]
    histories = await key_results.histories_of(ids)
    cards = {card.id: card for card in await key_results.cards(actor, krs, histories)}
    steps = await key_results.steps_by_key_result(ids)
    confidences = await _confidence_histories(ids)
    result = []
    for kr in krs:
        card = cards[kr.id]
        history = histories[kr.id]
        moved_since = any(at > since for at, _ in history)
        # Without a check-in since, nothing moved; otherwise the history before `since` tells where it stood.
        value_then = metrics.value_at(history, since, kr.start) if moved_since else kr.current
        confidence_then = _confidence_at(confidences[kr.id], since) if moved_since else kr.confidence
        result.append(BoardKeyResult(
            id=kr.id, title=kr.title, objective_title=kr.objective.title, kind=kr.kind, current=kr.current,
            target=kr.target, unit=kr.unit, steps=len(steps[kr.id]), progress=card.progress, status=card.status,
            stalled=card.stalled, confidence=card.confidence,
            progress_then=metrics.progress(key_results.measure_of(kr, steps[kr.id]), value_then),
            confidence_then=confidence_then))
    return result


async def _confidence_histories(kr_ids: list[int]) -> dict[int, list[tuple[datetime, int | None]]]:
    histories: dict[int, list[tuple[datetime, int | None]]] = {kr_id: [] for kr_id in kr_ids}
    if kr_ids:
        rows = await (CheckIn.filter(key_result_id__in=kr_ids).order_by('at', 'id')
                      .values_list('key_result_id', 'at', 'confidence'))
        for kr_id, at, confidence in rows:
            histories[kr_id].append((at, confidence))
    return histories


def _confidence_at(history: list[tuple[datetime, int | None]], moment: datetime) -> int | None:
    confidence = None
    for at, given in history:
        if at > moment:
            break
        confidence = given
    return confidence


def _people(members: list[tuple[int, str]], krs: list[BoardKeyResult],
            owner_of: dict[int, int | None]) -> tuple[BoardPerson, ...]:
    people = []
    for member_id, name in members:
        own = [kr for kr in krs if owner_of[kr.id] == member_id]
        own.sort(key=lambda kr: (not kr.needs_attention, -metrics.STATUS_ORDER.index(kr.status)))
        people.append(BoardPerson(member_id, name, tuple(own)))
    people.sort(key=lambda person: not person.needs_attention)  # stable: by name within each group
    return tuple(people)


async def _missing(people: tuple[BoardPerson, ...], since: datetime) -> tuple[PersonRef, ...]:
    expected = [person for person in people if person.key_results]
    if not expected:
        return ()
    kr_owner = {kr.id: person.id for person in expected for kr in person.key_results}
    rows = await (CheckIn.filter(Q(author_id__in=[person.id for person in expected]) | Q(key_result_id__in=kr_owner),
                                 at__gt=since).values_list('author_id', 'key_result_id'))
    checked_in = {author_id for author_id, _ in rows} | {kr_owner[kr_id] for _, kr_id in rows if kr_id in kr_owner}
    return tuple(PersonRef(person.id, person.name) for person in expected if person.id not in checked_in)


async def _team_objectives(access: Access, team_id: int, cycle_id: int) -> tuple[BoardObjective, ...]:
    objectives = await (Objective.filter(level='team', team_id=team_id, cycle_id=cycle_id, deleted_at=None)
                        .select_related('cycle').order_by('id'))
    objectives = [objective for objective in objectives if access.can_view(objective)]
    numbers = await key_results.objective_numbers(objectives)
    aligned = await _aligned_titles(access, [objective.id for objective in objectives])
    return tuple(BoardObjective(objective.id, objective.title, numbers[objective.id].progress,
                                numbers[objective.id].status, tuple(aligned.get(objective.id, [])))
                 for objective in objectives)


async def _aligned_titles(access: Access, objective_ids: list[int]) -> dict[int, list[str]]:
    titles: dict[int, list[str]] = {}
    if not objective_ids:
        return titles
    alignments = await (Alignment.filter(objective_id__in=objective_ids)
                        .select_related('parent_objective', 'parent_key_result', 'parent_key_result__objective'))
    for alignment in alignments:
        parent_kr = alignment.parent_key_result
        parent = parent_kr.objective if parent_kr else alignment.parent_objective
        if parent is None or parent.deleted_at or not access.can_view(parent) or (parent_kr and parent_kr.deleted_at):
            continue
        titles.setdefault(alignment.objective_id, []).append(parent_kr.title if parent_kr else parent.title)
    return titles
