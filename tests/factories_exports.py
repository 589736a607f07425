"""A closing cycle with every kind of row the workbook format holds, and a snapshot of it by natural keys."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User
from services.retrospective_types import RetroItem, RetroNumbers, Retrospective
from tests import factories


@dataclass
class Closing:
    admin: User
    eve: User
    sam: User
    cycle: Cycle
    engineering: Team
    sales: Team
    private_sales: Objective


async def closing_cycle() -> Closing:
    root, admin = await factories.company()
    engineering = await factories.team('Engineering', root, kind='department')
    platform = await factories.team('Platform 平台', engineering)
    sales = await factories.team('Sales', root)
    mia = await factories.person('Mia Manager', team=engineering)
    eve = await factories.person('Eve Engineer', team=platform, manager=mia)
    sam = await factories.person('Sam Seller', team=sales, manager=mia)
    cycle = await factories.cycle('2026 Q4')
    company = await Objective.create(cycle=cycle, title='增长收入 Grow revenue', level='company', priority='P0',
                                     description='Line one\nline two', kind='aspirational', ref='CO-1')
    team = await factories.objective(cycle, '更快交付 Ship faster', team_=engineering)
    personal = await factories.objective(cycle, 'Learn Rust', owner=eve, team_=platform)
    private_sales = await factories.objective(cycle, 'Secret pipeline', team_=sales, visibility='private')
    await Objective.filter(id=team.id).update(status='draft', priority='P1')
    revenue = await KeyResult.create(objective=company, title='Revenue 收入', owner=sam, kind='currency', start=10,
                                     target=50, current=30, unit='CNY', weight=2, due=date(2026, 12, 15),
                                     confidence=7, score=0.6, position=0)
    await KeyResult.create(objective=company, title='Churn', kind='percent', start=8, target=4, current=6,
                           direction='decrease', unit='%', confidence=3, position=1)
    launch = await KeyResult.create(objective=team, title='Launch v2', owner=eve, kind='milestone', start=0,
                                    target=3, current=2, position=0)
    for position, step in enumerate(('Design 设计', 'Build', 'Ship')):
        await Milestone.create(key_result=launch, title=step, position=position)
    await KeyResult.create(objective=team, title='CI green', kind='boolean', start=0, target=1, current=1,
                           owner=eve, position=1)
    await KeyResult.create(objective=personal, title='Finish the book', kind='number', start=0, target=12,
                           current=5, unit='chapters', weight=0.5, position=0)
    await KeyResult.create(objective=private_sales, title='Close Initech', kind='number', target=1)
    await Alignment.create(objective=team, parent_objective=company)
    await Alignment.create(objective=personal, parent_key_result=launch)
    await CheckIn.create(key_result=revenue, value=20, confidence=6, note='首单 first deal', next_step='Call back',
                         author=sam, at=datetime(2026, 10, 20, 9, 30, tzinfo=UTC), source='web')
    await CheckIn.create(key_result=revenue, value=30, confidence=7, note='=SUM(A1) is text', author=sam,
                         at=datetime(2026, 11, 3, 17, 5, 12, tzinfo=UTC), source='web')
    await CheckIn.create(key_result=launch, value=2, confidence=None, note='', author=eve,
                         at=datetime(2026, 11, 10, 8, 0, tzinfo=UTC), source='web')
    return Closing(admin, eve, sam, cycle, engineering, sales, private_sales)


async def snapshot() -> dict[str, object]:
    """Every exported field of the database, keyed by names, e-mails and titles rather than ids."""
    teams = {team.id: team for team in await Team.all()}
    people = {person.id: person for person in await User.all()}
    objectives = {objective.id: objective for objective in await Objective.all()}
    krs = {kr.id: kr for kr in await KeyResult.all()}

    def email(person_id: int | None) -> str | None:
        return people[person_id].email if person_id else None

    def team_name(team_id: int | None) -> str | None:
        return teams[team_id].name if team_id else None

    steps: dict[int, list[str]] = {}
    for step in await Milestone.all().order_by('position'):
        steps.setdefault(step.key_result_id, []).append(step.title)
    return {
        'teams': sorted((t.name, team_name(t.parent_id), t.kind) for t in teams.values()),
        'people': sorted((p.email, p.name, team_name(p.team_id), email(p.manager_id), p.role) for p in people.values()),
        'cycles': [(c.name, c.start, c.end, c.cadence, c.state) for c in await Cycle.all()],
        'objectives': sorted((o.title, o.level, team_name(o.team_id), email(o.owner_id), o.description, o.priority,
                              o.kind, o.status, o.visibility) for o in objectives.values()),
        'alignments': sorted((objectives[a.objective_id].title,
                              objectives[a.parent_objective_id].title if a.parent_objective_id else None,
                              krs[a.parent_key_result_id].title if a.parent_key_result_id else None)
                             for a in await Alignment.all()),
        'key_results': sorted((objectives[k.objective_id].title, k.title, email(k.owner_id), k.kind, k.start, k.target,
                               k.current, k.unit, k.direction, k.weight, k.due, k.confidence, k.score, k.position,
                               tuple(steps.get(k.id, ()))) for k in krs.values()),
        'checkins': sorted((krs[c.key_result_id].title, c.at, c.value, c.confidence, c.note, c.next_step,
                            email(c.author_id)) for c in await CheckIn.all()),
    }


def retrospective(cycle: Cycle) -> Retrospective:
    item = RetroItem(key_result_id=1, title='Revenue 收入', objective_title='增长收入 Grow revenue',
                     owner_name='Sam Seller', score=0.8, notes=('首单 first deal',))
    return Retrospective(
        cycle_id=cycle.id, cycle_name=cycle.name, team_id=None, team_name='Acme',
        numbers=RetroNumbers(objectives=3, key_results=5, score_buckets=(('0.0-0.3', 1), ('0.4-0.6', 2),
                                                                         ('0.7-1.0', 2)),
                             share_good=0.4, share_low=0.2, timeliness=0.75, health=()),
        went_well=(item,), did_not=(), gains='团队协作 teamwork', problems='Late hiring', plan='复盘计划 plan ahead',
        published=True)
