"""The demo company: about 40 people and 150 key results with months of check-ins, for an empty database."""
import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tortoise.transactions import in_transaction

from config import settings
from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective, ObjectiveLink, Task
from models.org import Team, User
from services import clock, cycles, events, metrics, snapshots
from services.demo_content import (
    ADMIN,
    DOMAIN,
    EMPLOYEE,
    LATE_START_REASON,
    LINKS,
    PEOPLE,
    TASKS,
    TEAMS,
    KeyResultSpec,
    ObjectiveSpec,
    Text,
    quarter_name,
    year_name,
)
from services.demo_history import Window, draw_profile, history
from services.demo_okrs import ACTIVE, CLOSED, YEAR
from services.errors import Invalid
from services.passwords import hash_password

log = logging.getLogger(__name__)

SEED = 'okrboard demo'
CHECKIN_WEEKDAY = 0  # Monday
OFF_TRACK_OVERRIDE_BEFORE = 0.45  # earlier in a quarter no key result can be off track by pace alone


@dataclass(frozen=True)
class DemoAccounts:
    admin_email: str
    employee_email: str


ACCOUNTS = DemoAccounts(admin_email=f'{ADMIN}@{DOMAIN}', employee_email=f'{EMPLOYEE}@{DOMAIN}')


@dataclass(frozen=True)
class CycleSpec:
    key: str
    name: str
    start: date
    end: date
    cadence: str
    state: str
    objectives: tuple[ObjectiveSpec, ...]


async def ensure_demo(*, password: str = 'demo', locale: str | None = None, snapshot: bool = False) -> DemoAccounts:
    """Load the demo company into an empty database; a database that holds it already is left as it is.

    With `snapshot`, the dashboards' daily snapshots are taken too (a few seconds), so they show history at once.
    """
    accounts = await _ensure_demo(password, locale)
    if snapshot:
        await snapshots.take_snapshots()
    return accounts


async def _ensure_demo(password: str, locale: str | None) -> DemoAccounts:
    if await User.filter(email__in=[ACCOUNTS.admin_email, ACCOUNTS.employee_email]).count() == 2:
        log.info('demo company already loaded')
        return ACCOUNTS
    await _require_empty()
    zh = (locale or settings().default_locale) == 'zh_CN'
    hashed = await hash_password(password)  # once: argon2 on 40 accounts would take seconds
    async with in_transaction():
        await _require_empty()
        builder = _Builder(zh, hashed)
        await builder.build()
    log.info('demo company loaded: %d people, %d key results, %d check-ins',
             len(PEOPLE), builder.key_result_count, builder.checkin_count)
    events.org_changed.emit(events.Change('team', builder.team_ids['company'], team_id=builder.team_ids['company']))
    for cycle_id in builder.cycle_ids.values():
        events.okr_changed.emit(events.Change('cycle', cycle_id, cycle_id=cycle_id))
    return ACCOUNTS


async def _require_empty() -> None:
    if await User.exists() or await Team.exists() or await Cycle.exists():
        raise Invalid('This database already holds other data, so the demo company was not loaded. '
                      'Start with --demo on an empty data directory.', field='demo')


def demo_cycles(today: date, zh: bool) -> tuple[CycleSpec, ...]:
    """The closed quarter before today's, the active quarter around today and the active year."""
    quarter = (today.month - 1) // 3 + 1
    previous = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    return (
        CycleSpec('closed', quarter_name(*previous, zh), *cycles.preset_dates('quarter', *previous), 'quarter',
                  'closed', CLOSED),
        CycleSpec('active', quarter_name(today.year, quarter, zh), *cycles.preset_dates('quarter', today.year, quarter),
                  'quarter', 'active', ACTIVE),
        CycleSpec('year', year_name(today.year, zh), *cycles.preset_dates('year', today.year), 'year', 'active', YEAR),
    )


class _Builder:
    """Writes the demo company with a few bulk inserts, reading back ids by name, e-mail and ref."""

    def __init__(self, zh: bool, password_hash: str) -> None:
        self.zh = zh
        self.password_hash = password_hash
        self.now = clock.now()
        self.tz = settings().tz
        self.team_ids: dict[str, int] = {}
        self.person_ids: dict[str, int] = {}
        self.cycle_ids: dict[str, int] = {}
        self.key_result_count = 0
        self.checkin_count = 0

    def pick(self, text: Text) -> str:
        return text[1] if self.zh else text[0]

    def moment(self, day: date, hour: int = 10) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=self.tz)

    async def build(self) -> None:
        specs = demo_cycles(self.now.astimezone(self.tz).date(), self.zh)
        await self.write_org(specs[0].start - timedelta(days=60))
        await self.write_cycles(specs)
        placed = [(spec, objective) for spec in specs for objective in spec.objectives]
        objective_ids = await self.write_objectives(placed)
        key_results = await self.write_key_results(placed, objective_ids)
        await self.write_alignments(placed, objective_ids, key_results)
        await self.write_links(placed, objective_ids)
        await self.write_plans(placed, key_results)

    async def write_org(self, joined: date) -> None:
        for depth in range(3):  # the company, its departments, their teams
            level = [team for team in TEAMS if _depth(team[0]) == depth]
            await Team.bulk_create([Team(name=self.pick((en, zh)), kind=kind, parent_id=self.team_ids.get(parent),
                                         created_at=self.moment(joined)) for _, parent, kind, en, zh, _ in level])
            ids = dict(await Team.filter(kind=level[0][2]).values_list('name', 'id'))
            self.team_ids.update({key: ids[self.pick((en, zh))] for key, _, _, en, zh, _ in level})
        await User.bulk_create([
            User(email=f'{handle}@{DOMAIN}', name=self.pick((en, zh)), password_hash=self.password_hash,
                 role='admin' if handle == ADMIN else 'member', team_id=self.team_ids[team],
                 created_at=self.moment(joined)) for handle, en, zh, team in PEOPLE])
        by_email = dict(await User.all().values_list('email', 'id'))
        self.person_ids = {handle: by_email[f'{handle}@{DOMAIN}'] for handle, *_ in PEOPLE}
        reports: dict[str, list[int]] = {}
        for handle, *_, team in PEOPLE:
            manager = _manager_of(handle, team)
            if manager:
                reports.setdefault(manager, []).append(self.person_ids[handle])
        for manager, ids in reports.items():
            await User.filter(id__in=ids).update(manager_id=self.person_ids[manager])
        for team in await Team.all():
            lead = next(handle for key, *_, handle in TEAMS if self.team_ids[key] == team.id)
            await team.leads.add(await User.get(id=self.person_ids[lead]))

    async def write_cycles(self, specs: tuple[CycleSpec, ...]) -> None:
        await Cycle.bulk_create([
            Cycle(name=spec.name, start=spec.start, end=spec.end, cadence=spec.cadence, state=spec.state,
                  checkin_weekday=CHECKIN_WEEKDAY, review_date=cycles.default_review_date(spec.start, spec.end),
                  locked=spec.state == 'closed', created_at=self.moment(spec.start - timedelta(days=14)))
            for spec in specs])
        ids = dict(await Cycle.all().values_list('name', 'id'))
        self.cycle_ids = {spec.key: ids[spec.name] for spec in specs}
        # everyone opens on the quarter: in its last quarter the year ends the same day and would be picked first
        await User.all().update(current_cycle_id=self.cycle_ids['active'])

    async def write_objectives(self, placed: list[tuple[CycleSpec, ObjectiveSpec]]) -> dict[str, int]:
        await Objective.bulk_create([
            Objective(cycle_id=self.cycle_ids[cycle.key], level=_level(spec),
                      team_id=self.team_ids[spec.team] if spec.team else None,
                      owner_id=self.person_ids[spec.owner] if spec.owner else None, title=self.pick(spec.title),
                      description=self.pick(spec.about), priority=spec.priority, kind=spec.kind,
                      visibility='private' if spec.private else 'company', ref=_ref(spec.key),
                      created_at=self.moment(cycle.start - timedelta(days=5)))
            for cycle, spec in placed])
        ids = dict(await Objective.all().values_list('ref', 'id'))
        return {spec.key: ids[_ref(spec.key)] for _, spec in placed}

    async def write_key_results(self, placed: list[tuple[CycleSpec, ObjectiveSpec]],
                                objective_ids: dict[str, int]) -> dict[str, KeyResult]:
        rows = [
            KeyResult(objective_id=objective_ids[spec.key], title=self.pick(kr.title), kind=kr.kind, start=kr.start,
                      target=kr.target, current=kr.start, unit=self.pick(kr.unit), direction=_direction(kr),
                      owner_id=self.person_ids[self.owner_of(spec, kr)], position=position, ref=_ref(key),
                      created_at=self.moment(cycle.start - timedelta(days=4)))
            for cycle, spec in placed for position, (key, kr) in enumerate(_numbered(spec))]
        await KeyResult.bulk_create(rows)
        self.key_result_count = len(rows)
        return {kr.ref.removeprefix('demo-'): kr for kr in await KeyResult.all()}

    def owner_of(self, objective: ObjectiveSpec, kr: KeyResultSpec) -> str:
        lead = next((handle for key, *_, handle in TEAMS if key == objective.team), ADMIN)
        return kr.owner or objective.owner or lead

    async def write_alignments(self, placed: list[tuple[CycleSpec, ObjectiveSpec]], objective_ids: dict[str, int],
                               key_results: dict[str, KeyResult]) -> None:
        rows = []
        for _, spec in placed:
            for parent in spec.aligns:
                above = ({'parent_key_result_id': key_results[parent].id} if '.' in parent
                         else {'parent_objective_id': objective_ids[parent]})
                rows.append(Alignment(objective_id=objective_ids[spec.key], **above))
        await Alignment.bulk_create(rows)

    async def write_links(self, placed: list[tuple[CycleSpec, ObjectiveSpec]], objective_ids: dict[str, int]) -> None:
        rng = random.Random(f'{SEED}:links')
        links = []
        for cycle, spec in placed:
            count = 2 if not (spec.team or spec.owner) else int(rng.random() < 0.4)
            for en, zh, kind in rng.sample(LINKS, count):
                links.append(ObjectiveLink(objective_id=objective_ids[spec.key], title=self.pick((en, zh)), kind=kind,
                                           url=f'https://docs.{DOMAIN}/okr/{cycle.start:%Y-%m}/{spec.key}/{kind}'))
        await ObjectiveLink.bulk_create(links)

    async def write_plans(self, placed: list[tuple[CycleSpec, ObjectiveSpec]],
                          key_results: dict[str, KeyResult]) -> None:
        """Milestones, action plans and check-ins; each key result ends where its last check-in left it."""
        steps, tasks, checkins, changed = [], [], [], []
        for cycle, objective in placed:
            window = Window(cycle.start, cycle.end, CHECKIN_WEEKDAY, self.now, self.tz)
            for key, spec in _numbered(objective):
                kr, rng = key_results[key], random.Random(f'{SEED}:{key}')
                steps += [Milestone(key_result_id=kr.id, title=self.pick(step), position=position)
                          for position, step in enumerate(spec.steps)]
                if spec.tasks or rng.random() < 0.25:
                    tasks += self.action_plan(kr, window, rng)
                profile = draw_profile(spec, rng)
                points = history(spec, profile, window, rng)
                checkins += [CheckIn(key_result_id=kr.id, value=point.value, confidence=point.confidence,
                                     note=self.pick(point.note), next_step=self.pick(point.next_step),
                                     author_id=kr.owner_id, at=point.at, source='web') for point in points]
                if points:
                    kr.current, kr.confidence, kr.version = points[-1].value, points[-1].confidence, len(points)
                self.settle(kr, spec, profile, cycle, window)
                changed.append(kr)
        await Milestone.bulk_create(steps)
        await Task.bulk_create(tasks)
        await CheckIn.bulk_create(checkins, batch_size=500)
        await KeyResult.bulk_update(changed, fields=['current', 'confidence', 'version', 'score', 'status_override',
                                                     'status_reason'], batch_size=200)
        self.checkin_count = len(checkins)

    def action_plan(self, kr: KeyResult, window: Window, rng: random.Random) -> list[Task]:
        span = (window.end - window.start).days
        plan = []
        for title in rng.sample(TASKS, rng.randint(2, 4)):
            due = window.start + timedelta(days=rng.randint(span // 8, span))
            plan.append(Task(key_result_id=kr.id, title=self.pick(title), owner_id=kr.owner_id, due=due,
                             done=due < window.today and rng.random() < 0.85,
                             created_at=self.moment(window.start - timedelta(days=3))))
        return plan

    def settle(self, kr: KeyResult, spec: KeyResultSpec, profile: str, cycle: CycleSpec, window: Window) -> None:
        """Scores for a closed cycle; an owner's off-track call where a young quarter cannot show it yet."""
        if cycle.state == 'closed':
            measure = metrics.Measure(kr.kind, kr.start, kr.target, kr.direction, tuple(1.0 for _ in spec.steps))
            kr.score = round(metrics.progress(measure, kr.current), 1)
        elif profile == 'off_track' and window.share(window.today) < OFF_TRACK_OVERRIDE_BEFORE:
            kr.status_override, kr.status_reason = 'off_track', self.pick(LATE_START_REASON)


def _depth(team_key: str) -> int:
    parent = next(parent for key, parent, *_ in TEAMS if key == team_key)
    return 0 if parent is None else 1 + _depth(parent)


def _manager_of(handle: str, team_key: str) -> str | None:
    """A member's manager leads their team; a lead's manager leads the team above."""
    while team_key is not None:
        _, parent, _, _, _, lead = next(team for team in TEAMS if team[0] == team_key)
        if lead != handle:
            return lead
        team_key = parent
    return None


def _level(spec: ObjectiveSpec) -> str:
    return 'person' if spec.owner else 'team' if spec.team else 'company'


def _direction(spec: KeyResultSpec) -> str:
    return spec.direction or ('decrease' if spec.target < spec.start else 'increase')


def _numbered(spec: ObjectiveSpec) -> list[tuple[str, KeyResultSpec]]:
    return [(f'{spec.key}.{n}', kr) for n, kr in enumerate(spec.key_results, start=1)]


def _ref(key: str) -> str:
    return f'demo-{key}'
