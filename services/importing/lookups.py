"""What the database already holds, loaded into dicts in a few queries so no row costs a query."""
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from tortoise.functions import Count

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User

CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


def name_key(name: str) -> str:
    return ' '.join(name.split()).casefold()


def checkin_key(kr_id: object, at: datetime, value: float) -> tuple[object, float, float]:
    return kr_id, round(at.timestamp(), 3), value


@dataclass(frozen=True)
class KeyResultInfo:
    id: int
    objective_id: int
    kind: str
    target: float | None
    steps: int


@dataclass
class Existing:
    root_id: int | None = None
    root_name: str = ''
    teams: dict[tuple[str, int | None], int] = field(default_factory=dict)  # (name, parent id) -> id
    team_by_name: dict[str, int] = field(default_factory=dict)
    people_by_email: dict[str, int] = field(default_factory=dict)
    people_by_name: dict[str, int] = field(default_factory=dict)
    cycles: dict[str, int] = field(default_factory=dict)
    objectives_by_ref: dict[str, int] = field(default_factory=dict)
    objectives_by_title: dict[tuple[int, int | None, str], int] = field(default_factory=dict)
    key_results_by_ref: dict[str, KeyResultInfo] = field(default_factory=dict)
    key_results_by_title: dict[tuple[int, str], KeyResultInfo] = field(default_factory=dict)
    checkins: Counter = field(default_factory=Counter)  # checkin_key -> how many
    last_checkin: dict[int, datetime] = field(default_factory=dict)
    alignments: set[tuple[int, int | None, int | None]] = field(default_factory=set)


def _chunks(values: Iterable) -> list[list]:
    values = list(dict.fromkeys(values))
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


async def load_org(found: Existing) -> None:
    """Teams, people and cycles: small tables, read whole."""
    for team_id, name, parent_id, archived in await Team.all().order_by('id').values_list(
            'id', 'name', 'parent_id', 'archived'):
        if parent_id is None and found.root_id is None:
            found.root_id, found.root_name = team_id, name
        found.teams.setdefault((name_key(name), parent_id), team_id)
        if not archived:
            found.team_by_name.setdefault(name_key(name), team_id)
    for person_id, email, name in await User.all().order_by('id').values_list('id', 'email', 'name'):
        if email:
            found.people_by_email[email.lower()] = person_id
        found.people_by_name.setdefault(name_key(name), person_id)
    for cycle_id, name in await Cycle.all().values_list('id', 'name'):
        found.cycles[name_key(name)] = cycle_id


async def load_objectives_by_ref(found: Existing, refs: Iterable[str]) -> None:
    for chunk in _chunks(refs):
        for objective_id, ref in await Objective.filter(ref__in=chunk, deleted_at=None).order_by('id').values_list(
                'id', 'ref'):
            found.objectives_by_ref.setdefault(ref, objective_id)


async def load_objectives_in_cycles(found: Existing, cycle_ids: Iterable[int]) -> None:
    for chunk in _chunks(cycle_ids):
        rows = await Objective.filter(cycle_id__in=chunk, deleted_at=None).order_by('id').values_list(
            'id', 'cycle_id', 'team_id', 'title')
        for objective_id, cycle_id, team_id, title in rows:
            found.objectives_by_title.setdefault((cycle_id, team_id, name_key(title)), objective_id)


async def load_key_results(found: Existing, *, refs: Iterable[str] = (), objective_ids: Iterable[int] = ()) -> None:
    """Key results by ref or belonging to given objectives, with their number of milestone steps."""
    rows = []
    for chunk in _chunks(refs):
        rows += await KeyResult.filter(ref__in=chunk, deleted_at=None).order_by('id').values_list(
            'id', 'objective_id', 'kind', 'target', 'ref', 'title')
    for chunk in _chunks(objective_ids):
        rows += await KeyResult.filter(objective_id__in=chunk, deleted_at=None).order_by('id').values_list(
            'id', 'objective_id', 'kind', 'target', 'ref', 'title')
    steps: dict[int, int] = {}
    for chunk in _chunks(row[0] for row in rows if row[2] == 'milestone'):
        counted = await (Milestone.filter(key_result_id__in=chunk).annotate(n=Count('id'))
                         .group_by('key_result_id').values_list('key_result_id', 'n'))
        steps.update(counted)
    for kr_id, objective_id, kind, target, ref, title in rows:
        info = KeyResultInfo(kr_id, objective_id, kind, target, steps.get(kr_id, 0))
        if ref:
            found.key_results_by_ref.setdefault(ref, info)
        found.key_results_by_title.setdefault((objective_id, name_key(title)), info)


async def load_checkins(found: Existing, kr_ids: Iterable[int]) -> None:
    for chunk in _chunks(kr_ids):
        for kr_id, at, value in await CheckIn.filter(key_result_id__in=chunk).values_list(
                'key_result_id', 'at', 'value'):
            found.checkins[checkin_key(kr_id, at, value)] += 1
            if kr_id not in found.last_checkin or at > found.last_checkin[kr_id]:
                found.last_checkin[kr_id] = at


async def load_alignments(found: Existing, objective_ids: Iterable[int]) -> None:
    for chunk in _chunks(objective_ids):
        found.alignments.update(await Alignment.filter(objective_id__in=chunk).values_list(
            'objective_id', 'parent_objective_id', 'parent_key_result_id'))
