"""A cycle's retrospective for the company or a team: numbers from the data, sections the team writes, publishing."""
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models.checkin import CheckIn
from models.org import User
from models.retrospectives import Retrospective as RetroRecord
from services import clock, events, metrics, retrospective_frozen, snapshots
from services.access import Access, require_active
from services.dashboards import health
from services.dashboards.data import CycleData, KeyResultRow, ObjectiveRow, cycle_data, week_days
from services.errors import Conflict, Forbidden, Invalid, NotFound
from services.retrospective_types import RetroItem, RetroNumbers, Retrospective

log = logging.getLogger(__name__)

SHOWN = 3  # key results that went well, and as many that did not
NOTES = 3  # check-in notes per key result
MAX_SECTION = 5000
BUCKETS = metrics.SCORE_BANDS
SECTIONS = ('gains', 'problems', 'plan')


@dataclass(frozen=True)
class RetroState:
    """What the page needs besides the report: who may edit, and the version a save must start from."""
    record_id: int | None
    version: int
    can_edit: bool
    published_at: datetime | None
    editor_name: str


@dataclass(frozen=True)
class PublishedRetro:
    cycle_id: int
    team_id: int | None
    team_name: str
    published_at: datetime | None


def can_edit(data: CycleData, access: Access, team_id: int | None) -> bool:
    """Admins for the company; for a team also its leads (or leads above) and the managers of its members."""
    if access.is_admin:
        return True
    if team_id is None:
        return False
    return access.leads(team_id) or any(access.manages(person_id) for person_id, (_, member_team)
                                        in data.people.items() if member_team == team_id)


def _unit(data: CycleData, team_id: int | None) -> int | None:
    """The team asked for; None for the company (also when asked for the root team)."""
    if team_id is None or team_id == data.root_id:
        return None
    if team_id not in data.teams:
        raise NotFound('This team does not exist.')
    return team_id


def _in_scope(team_id: int | None, data: CycleData, objective: ObjectiveRow) -> bool:
    """The team and the teams below it; never private objectives, so every reader gets the same document."""
    if objective.visibility == 'private':
        return False
    return team_id is None or team_id in data.units_of(objective)


def _score(data: CycleData, kr: KeyResultRow) -> float:
    return metrics.score(kr.score, data.live[kr.id][0])


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


async def _checkins(kr_ids: list[int]) -> list[tuple[int, datetime, str]]:
    """(key result, time, note) of every check-in, newest first."""
    if not kr_ids:
        return []
    return list(await CheckIn.filter(key_result_id__in=kr_ids).order_by('-at', '-id')
                .values_list('key_result_id', 'at', 'note'))


def _health_line(data: CycleData, unit: int | None, krs: list[KeyResultRow],
                 checkins: list[tuple[int, datetime, str]]) -> tuple[tuple[date, int], ...]:
    """Health at each week's end, from the unit's snapshot (completion, timeliness) and that week's check-ins."""
    public = [kr for kr in krs if kr.objective.visibility != 'private']
    alignable = {kr.objective.id for kr in public if kr.objective.level != 'company'}
    aligned = len(alignable & data.aligned)
    points = []
    for day in week_days(data.cycle, data.today):
        numbers = data.numbers(data.cycle.id, 'team', unit or data.root_id or 0, day)
        if numbers is None:
            continue
        since = day - timedelta(days=6)
        checked = {kr_id for kr_id, at, _ in checkins if since <= snapshots.local_day(at) <= day}
        contribution = health.contribution(len([kr for kr in public if kr.id in checked]), len(public), aligned,
                                           len(alignable))
        points.append((day, health.health_score(health.completion(numbers.progress, numbers.expected),
                                                health.timeliness(numbers.periods_checked, numbers.periods_due),
                                                contribution)))
    return tuple(points)


def _numbers(data: CycleData, unit: int | None, objectives: list[ObjectiveRow], krs: list[KeyResultRow],
             checkins: list[tuple[int, datetime, str]]) -> RetroNumbers:
    counts = [0, 0, 0]
    for kr in krs:
        counts[metrics.score_band(_score(data, kr))] += 1
    latest = data.latest('team', unit or data.root_id or 0)
    timeliness = (health.timeliness(latest.periods_checked, latest.periods_due)
                  if latest is not None and latest.periods_due > 0 else None)
    return RetroNumbers(objectives=len(objectives), key_results=len(krs),
                        score_buckets=tuple(zip(BUCKETS, counts, strict=True)),
                        share_good=_share(counts[2], len(krs)), share_low=_share(counts[0], len(krs)),
                        timeliness=timeliness, health=_health_line(data, unit, krs, checkins))


def _items(data: CycleData, krs: list[KeyResultRow],
           checkins: list[tuple[int, datetime, str]]) -> tuple[tuple[RetroItem, ...], tuple[RetroItem, ...]]:
    """The best key results by score (then progress) and the worst, never the same one twice."""
    ranked = sorted(krs, key=lambda kr: (-_score(data, kr), -data.live[kr.id][0], kr.id))
    best = ranked[:min(SHOWN, (len(ranked) + 1) // 2)]
    rest = ranked[len(best):]
    worst = list(reversed(rest[-min(SHOWN, len(rest)):])) if rest else []
    notes: dict[int, list[str]] = {}
    for kr_id, _, note in checkins:
        if note.strip() and len(notes.setdefault(kr_id, [])) < NOTES:
            notes[kr_id].append(note.strip())

    def item(kr: KeyResultRow) -> RetroItem:
        owner = data.people.get(data.owner_of(kr) or 0)
        return RetroItem(kr.id, kr.title, kr.objective.title, owner[0] if owner else '', _score(data, kr),
                         tuple(notes.get(kr.id, ())))
    return tuple(item(kr) for kr in best), tuple(item(kr) for kr in worst)


async def _record(cycle_id: int, team_id: int | None) -> RetroRecord | None:
    return await RetroRecord.filter(cycle_id=cycle_id, team_id=team_id).select_related('edited_by').first()


async def _load(actor: User, cycle_id: int, team_id: int | None) -> tuple[CycleData, Access, int | None]:
    require_active(actor)
    data = await cycle_data(cycle_id)
    return data, data.org.access(actor), _unit(data, team_id)


async def _generated(data: CycleData, unit: int | None) -> retrospective_frozen.Generated:
    """Numbers and items from the live data, counting company-visible objectives only."""
    objectives = [objective for objective in data.objectives if _in_scope(unit, data, objective)]
    krs = [kr for kr in data.krs if _in_scope(unit, data, kr.objective)]
    checkins = await _checkins([kr.id for kr in krs])
    went_well, did_not = _items(data, krs, checkins)
    return _numbers(data, unit, objectives, krs, checkins), went_well, did_not


async def retrospective(actor: User, cycle_id: int, team_id: int | None) -> Retrospective:
    """The retrospective of the company (no team) or a team and the teams below it; unpublished ones for editors.

    A published one shows the numbers and items frozen when it was published; a draft shows them live.
    """
    data, access, unit = await _load(actor, cycle_id, team_id)
    record = await _record(cycle_id, unit)
    if not (record and record.published) and not can_edit(data, access, unit):
        raise NotFound('This retrospective is not published yet.')
    if record and record.published and record.generated:
        numbers, went_well, did_not = retrospective_frozen.from_json(record.generated)
    else:
        numbers, went_well, did_not = await _generated(data, unit)
    team = data.teams.get(unit or data.root_id or 0)
    return Retrospective(
        cycle_id=cycle_id, cycle_name=data.cycle.name, team_id=unit, team_name=team.name if team else '',
        numbers=numbers, went_well=went_well, did_not=did_not,
        gains=record.gains if record else '', problems=record.problems if record else '',
        plan=record.plan if record else '', published=bool(record and record.published))


async def retrospective_state(actor: User, cycle_id: int, team_id: int | None) -> RetroState:
    """Whether the actor may edit this retrospective, and the version their edits start from."""
    data, access, unit = await _load(actor, cycle_id, team_id)
    record = await _record(cycle_id, unit)
    return RetroState(record.id if record else None, record.version if record else 0, can_edit(data, access, unit),
                      record.published_at if record and record.published else None,
                      record.edited_by.name if record and record.edited_by else '')


async def _editable(actor: User, cycle_id: int, team_id: int | None) -> tuple[CycleData, int | None]:
    data, access, unit = await _load(actor, cycle_id, team_id)
    if not can_edit(data, access, unit):
        raise Forbidden('You may not edit this retrospective.')
    return data, unit


def _announce(record: RetroRecord) -> None:
    events.okr_changed.emit(events.Change('retrospective', record.id, team_id=record.team_id,
                                          cycle_id=record.cycle_id))


async def save_sections(actor: User, cycle_id: int, team_id: int | None, *, gains: str, problems: str, plan: str,
                        version: int) -> RetroRecord:
    """Save the sections the team writes; refused when someone saved since `version` was read."""
    texts = {'gains': gains.strip(), 'problems': problems.strip(), 'plan': plan.strip()}
    for field, text in texts.items():
        if len(text) > MAX_SECTION:
            raise Invalid('A section has at most {n} characters.', field=field, n=MAX_SECTION)
    _, unit = await _editable(actor, cycle_id, team_id)
    async with in_transaction():
        record = await _record(cycle_id, unit)
        if record is None and version == 0:
            try:
                record = await RetroRecord.create(cycle_id=cycle_id, team_id=unit, edited_by_id=actor.id, version=1,
                                                  **texts)
            except IntegrityError:
                record = None
        elif record is not None:
            changed = await RetroRecord.filter(id=record.id, version=version).update(
                edited_by_id=actor.id, version=version + 1, **texts)
            record = await RetroRecord.get(id=record.id) if changed else None
        if record is None:
            raise Conflict('Someone else saved this retrospective meanwhile. Reload to see their text.')
    _announce(record)
    log.info('retrospective %d saved by %d (version %d)', record.id, actor.id, record.version)
    return record


async def publish(actor: User, cycle_id: int, team_id: int | None, *, published: bool = True) -> RetroRecord:
    """Make the retrospective visible to everyone, its numbers and items frozen as they are now (or take it back
    to its editors, live again)."""
    data, unit = await _editable(actor, cycle_id, team_id)
    generated = retrospective_frozen.to_json(*await _generated(data, unit)) if published else None
    record = await _record(cycle_id, unit)
    if record is None:
        record = await RetroRecord.create(cycle_id=cycle_id, team_id=unit, edited_by_id=actor.id)
    record.published = published
    record.published_at = clock.now() if published else None
    record.generated = generated
    await record.save(update_fields=['published', 'published_at', 'generated', 'updated_at'])
    _announce(record)
    log.info('retrospective %d %s by %d', record.id, 'published' if published else 'withdrawn', actor.id)
    return record


async def published_retrospectives(actor: User, cycle_id: int) -> list[PublishedRetro]:
    """The cycle's published retrospectives, the company's first, then teams by name."""
    require_active(actor)
    records = await RetroRecord.filter(cycle_id=cycle_id, published=True).select_related('team')
    found = [PublishedRetro(cycle_id, record.team_id, record.team.name if record.team else '', record.published_at)
             for record in records]
    return sorted(found, key=lambda item: (item.team_id is not None, item.team_name.lower()))


async def visible_source(actor: User, record_id: int) -> tuple[int, int | None]:
    """(cycle, team) of a retrospective the actor may read, to keep a lesson from it."""
    record = await RetroRecord.filter(id=record_id).first()
    if record is None:
        raise NotFound('This retrospective does not exist.')
    data, access, unit = await _load(actor, record.cycle_id, record.team_id)
    if not record.published and not can_edit(data, access, unit):
        raise NotFound('This retrospective is not published yet.')
    return record.cycle_id, record.team_id
