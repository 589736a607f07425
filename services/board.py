"""The stand-up board read model: each member's key results, what moved since the last stand-up, who is missing."""
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from tortoise.expressions import Q

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User
from services import clock, events, key_results, metrics, standups
from services.access import require_active
from services.errors import NotFound
from services.shared import Shared
from services.teams import PersonRef

# The board is a shared screen: private objectives stay off it, whoever is signed in on the TV.
PRIVATE = 'private'
DEFAULT_SINCE = timedelta(days=7)  # before the team's first stand-up ends


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
    missing: tuple[PersonRef, ...]  # members with unfinished key results and no check-in since the last stand-up

    @property
    def key_result_ids(self) -> frozenset[int]:
        return frozenset(kr.id for person in self.people for kr in person.key_results)

    @property
    def objective_ids(self) -> frozenset[int]:
        return frozenset(objective.id for objective in self.objectives)


@dataclass(frozen=True)
class _Snapshot:
    """Everything a team's board needs, loaded once and shared by every viewer until the next change."""
    team: Team
    cycle: Cycle
    since: datetime
    members: list[tuple[int, str]]
    krs: list[KeyResult]
    owner_of: dict[int, int | None]
    steps: dict[int, list[Milestone]]
    histories: dict[int, list[tuple[datetime, float]]]
    confidences: dict[int, list[tuple[datetime, int | None]]]
    checked_in: list[tuple[int | None, int]]  # (author, key result) of the check-ins since the last stand-up
    objectives: list[Objective]
    objective_numbers: dict[int, key_results.ObjectiveNumbers]
    alignments: list[Alignment]
    built: list['Board'] = field(default_factory=list, compare=False)  # the board, once built for everyone


async def board(actor: User, *, team_id: int, cycle_id: int, since: datetime | None = None) -> Board:
    """The stand-up board of a team in a cycle, compared with `since` (default: the last stand-up)."""
    require_active(actor)
    return _board_for(await _load(team_id, cycle_id, since))


async def shared_board(actor: User, *, team_id: int, cycle_id: int) -> Board:
    """The same board, loaded once for all the viewers of this team's board until something changes."""
    require_active(actor)
    snapshot = await _shared.get((team_id, cycle_id), lambda: _load(team_id, cycle_id, None), _brought_up_to_date)
    return _board_for(snapshot)


# "since" defaults to a moving week ago: let it move on a quiet board too.
_shared: Shared[_Snapshot] = Shared(max_age=60)


async def _load(team_id: int, cycle_id: int, since: datetime | None) -> _Snapshot:
    team = await Team.get_or_none(id=team_id)
    if team is None:
        raise NotFound('This team does not exist.')
    cycle = await Cycle.get_or_none(id=cycle_id)
    if cycle is None:
        raise NotFound('This cycle does not exist.')
    since = since or await standups.last_ended(team_id, cycle_id) or clock.now() - DEFAULT_SINCE
    members = await User.filter(team_id=team_id, active=True).order_by('name', 'id').values_list('id', 'name')
    member_ids = [member_id for member_id, _ in members]
    krs = await (KeyResult.filter(Q(owner_id__in=member_ids) | Q(owner_id=None, objective__owner_id__in=member_ids),
                                  objective__cycle_id=cycle_id, deleted_at=None, objective__deleted_at=None)
                 .exclude(objective__visibility=PRIVATE)
                 .select_related('objective', 'objective__cycle', 'owner').order_by('objective_id', 'position', 'id'))
    kr_ids = [kr.id for kr in krs]
    owner_of = {kr.id: kr.owner_id or kr.objective.owner_id for kr in krs}
    checked_in = await _checked_in(member_ids, kr_ids, since)
    objectives = await (Objective.filter(level='team', team_id=team_id, cycle_id=cycle_id, deleted_at=None)
                        .exclude(visibility=PRIVATE).select_related('cycle').order_by('id'))
    alignments = await (Alignment.filter(objective_id__in=[objective.id for objective in objectives])
                        .select_related('parent_objective', 'parent_key_result', 'parent_key_result__objective'))
    return _Snapshot(team=team, cycle=cycle, since=since, members=members, krs=krs,
                     owner_of=owner_of, steps=await key_results.steps_by_key_result(kr_ids),
                     **await _histories(kr_ids), checked_in=checked_in,
                     objectives=objectives, objective_numbers=await key_results.objective_numbers(objectives),
                     alignments=alignments)


async def _brought_up_to_date(snapshot: _Snapshot, changes: list[tuple[events.Topic, events.Change]]) -> _Snapshot:
    """After check-ins, reload only what they touch; after anything that may rearrange the board, all of it."""
    team_id, cycle_id = snapshot.team.id, snapshot.cycle.id
    checked: set[int] = set()
    for topic, change in changes:
        if topic is events.checkin_recorded:
            checked.add(change.id)
        elif topic in (events.okr_changed, events.org_changed) or (
                topic is events.standup_changed and change.kind == 'standup_ended' and change.team_id == team_id):
            return await _load(team_id, cycle_id, None)
    return await _with_check_ins(snapshot, checked) if checked else snapshot  # the rest concerns no board


async def _with_check_ins(snapshot: _Snapshot, kr_ids: set[int]) -> _Snapshot:
    """The snapshot after check-ins on these key results: their values, histories, and who checked in."""
    member_ids = [member_id for member_id, _ in snapshot.members]
    shown = {kr.id for kr in snapshot.krs}
    changed = sorted(kr_ids & shown)
    fresh = {kr.id: kr for kr in await KeyResult.filter(id__in=changed)
             .select_related('objective', 'objective__cycle', 'owner')} if changed else {}
    if len(fresh) != len(changed) or any(kr.deleted_at or kr.objective.deleted_at for kr in fresh.values()):
        return await _load(snapshot.team.id, snapshot.cycle.id, None)
    loaded = await _histories(changed)
    touched_objectives = {kr.objective_id for kr in fresh.values()}
    team_objectives = [objective for objective in snapshot.objectives if objective.id in touched_objectives]
    return replace(
        snapshot, krs=[fresh.get(kr.id, kr) for kr in snapshot.krs],
        histories={**snapshot.histories, **loaded['histories']},
        confidences={**snapshot.confidences, **loaded['confidences']},
        checked_in=await _checked_in(member_ids, list(shown), snapshot.since),
        objective_numbers={**snapshot.objective_numbers,
                           **(await key_results.objective_numbers(team_objectives) if team_objectives else {})},
        built=[])


async def _checked_in(member_ids: list[int], kr_ids: list[int], since: datetime) -> list[tuple[int | None, int]]:
    """(author, key result) of the check-ins since the last stand-up by the members or on their key results."""
    return await (CheckIn.filter(Q(author_id__in=member_ids) | Q(key_result_id__in=kr_ids), at__gt=since)
                  .values_list('author_id', 'key_result_id'))


def _board_for(snapshot: _Snapshot) -> Board:
    """The board of a snapshot, built once: it holds company-visible objectives only, the same for everyone."""
    if not snapshot.built:
        snapshot.built.append(_build(snapshot))
    return snapshot.built[0]


def _build(snapshot: _Snapshot) -> Board:
    people = _people(snapshot.members, _board_key_results(snapshot), snapshot.owner_of)
    aligned = _aligned_titles(snapshot.alignments)
    return Board(team_id=snapshot.team.id, team_name=snapshot.team.name, cycle_id=snapshot.cycle.id,
                 cycle_name=snapshot.cycle.name, since=snapshot.since,
                 objectives=tuple(BoardObjective(objective.id, objective.title,
                                                 snapshot.objective_numbers[objective.id].progress,
                                                 snapshot.objective_numbers[objective.id].status,
                                                 tuple(aligned.get(objective.id, [])))
                                  for objective in snapshot.objectives),
                 people=people, missing=_missing(people, snapshot.checked_in))


def _board_key_results(snapshot: _Snapshot) -> list[BoardKeyResult]:
    since, histories, steps = snapshot.since, snapshot.histories, snapshot.steps
    result = []
    for kr in snapshot.krs:
        progress, _, status = key_results.numbers(kr, kr.objective.cycle, steps[kr.id])
        history = histories[kr.id]
        moved_since = any(at > since for at, _ in history)
        # Without a check-in since, nothing moved; otherwise the history before `since` tells where it stood.
        value_then = metrics.value_at(history, since, kr.start) if moved_since else kr.current
        confidence_then = _confidence_at(snapshot.confidences[kr.id], since) if moved_since else kr.confidence
        result.append(BoardKeyResult(
            id=kr.id, title=kr.title, objective_title=kr.objective.title, kind=kr.kind, current=kr.current,
            target=kr.target, unit=kr.unit, steps=len(steps[kr.id]), progress=progress, status=status,
            stalled=key_results.is_stalled(kr, steps[kr.id], history), confidence=kr.confidence,
            progress_then=metrics.progress(key_results.measure_of(kr, steps[kr.id]), value_then),
            confidence_then=confidence_then))
    return result


async def _histories(kr_ids: list[int]) -> dict[str, dict]:
    """Values and confidences of every check-in per key result, oldest first, in one query."""
    histories: dict[int, list[tuple[datetime, float]]] = {kr_id: [] for kr_id in kr_ids}
    confidences: dict[int, list[tuple[datetime, int | None]]] = {kr_id: [] for kr_id in kr_ids}
    if kr_ids:
        rows = await (CheckIn.filter(key_result_id__in=kr_ids).order_by('at', 'id')
                      .values_list('key_result_id', 'at', 'value', 'confidence'))
        for kr_id, at, value, confidence in rows:
            histories[kr_id].append((at, value))
            confidences[kr_id].append((at, confidence))
    return {'histories': histories, 'confidences': confidences}


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


def _missing(people: tuple[BoardPerson, ...], checked_in: list[tuple[int | None, int]]) -> tuple[PersonRef, ...]:
    # Whoever has only finished key results has nothing left to report.
    expected = [person for person in people if any(kr.status != 'done' for kr in person.key_results)]
    kr_owner = {kr.id: person.id for person in expected for kr in person.key_results}
    done = {author_id for author_id, _ in checked_in}
    done |= {kr_owner[kr_id] for _, kr_id in checked_in if kr_id in kr_owner}
    return tuple(PersonRef(person.id, person.name) for person in expected if person.id not in done)


def _aligned_titles(alignments: list[Alignment]) -> dict[int, list[str]]:
    titles: dict[int, list[str]] = {}
    for alignment in alignments:
        parent_kr = alignment.parent_key_result
        parent = parent_kr.objective if parent_kr else alignment.parent_objective
        if parent is None or parent.deleted_at or parent.visibility == PRIVATE or (parent_kr and parent_kr.deleted_at):
            continue
        titles.setdefault(alignment.objective_id, []).append(parent_kr.title if parent_kr else parent.title)
    return titles
