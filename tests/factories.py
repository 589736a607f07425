"""Small factories that build test data through the services."""
from datetime import UTC, date, datetime, time

from models.cycle import Cycle
from models.okr import KeyResult, Milestone, Objective
from models.org import Team, User
from services import accounts
from services.passwords import hash_password

PASSWORD = 'correct horse battery'
_hash_cache: dict[str, str] = {}


async def company(name: str = 'Acme') -> tuple[Team, User]:
    admin = await accounts.setup_company(company=name, name='Ada Admin', email='admin@acme.test', password=PASSWORD)
    return await Team.get(parent_id=None), admin


async def person(name: str, *, email: str | None = None, team: Team | None = None, manager: User | None = None,
                 role: str = 'member') -> User:
    if PASSWORD not in _hash_cache:
        _hash_cache[PASSWORD] = await hash_password(PASSWORD)
    email = email or f'{name.lower().replace(" ", ".")}@acme.test'
    return await User.create(name=name, email=email, team=team, manager=manager, role=role,
                             password_hash=_hash_cache[PASSWORD])


async def team(name: str, parent: Team, *, lead: User | None = None, kind: str = 'team') -> Team:
    created = await Team.create(name=name, parent=parent, kind=kind)
    if lead:
        await created.leads.add(lead)
    return created


async def cycle(name: str = '2026 Q4', start: date = date(2026, 10, 1), end: date = date(2026, 12, 31),
                state: str = 'active') -> Cycle:
    return await Cycle.create(name=name, start=start, end=end, state=state, cadence='quarter')


async def objective(cycle_: Cycle, title: str = 'Delight customers', *, owner: User | None = None,
                    team_: Team | None = None, level: str | None = None, visibility: str = 'company') -> Objective:
    level = level or ('person' if owner else 'team' if team_ else 'company')
    return await Objective.create(cycle=cycle_, title=title, owner=owner, team=team_, level=level,
                                  visibility=visibility)


async def key_result(objective_: Objective, title: str = 'Raise NPS', *, owner: User | None = None,
                     kind: str = 'number', start: float = 0, target: float | None = 100, current: float = 0,
                     direction: str = 'increase', weight: float = 1, steps: list[str] | None = None,
                     unit: str = '') -> KeyResult:
    created = await KeyResult.create(objective=objective_, title=title, owner=owner, kind=kind, start=start,
                                     target=target, current=current, direction=direction, weight=weight,
                                     unit=unit)
    # there since its cycle began, whatever the wall clock says: tests move services.clock, not the real time
    cycle_start = (await Cycle.get(id=objective_.cycle_id)).start
    created.created_at = datetime.combine(cycle_start, time.min, tzinfo=UTC)
    await KeyResult.filter(id=created.id).update(created_at=created.created_at)
    for position, step in enumerate(steps or []):
        await Milestone.create(key_result=created, title=step, position=position)
    return created
