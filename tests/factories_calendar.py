"""Factories for calendar tests: a hand-built quarter with one of each dated thing."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

from models.cycle import Cycle
from models.okr import KeyResult, Objective, Task
from models.org import Team, User
from models.standup import Standup
from services import clock
from tests import factories

TODAY = date(2026, 11, 10)  # a Tuesday in the middle of the quarter


@dataclass
class Quarter:
    root: Team
    admin: User
    ben: User
    cleo: User
    cycle: Cycle
    objective: Objective
    kr_own_due: KeyResult
    kr_objective_due: KeyResult
    kr_cycle_end: KeyResult
    task: Task
    standup: Standup


async def quarter() -> Quarter:
    """Ben and Cleo in one team, a Q4 cycle checked in on Mondays, Ben's objective with three kinds of due date."""
    clock.set_now(datetime(2026, 11, 10, 4, 0, tzinfo=UTC))
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    cleo = await factories.person('Cleo', team=root)
    cycle = await factories.cycle()
    cycle.review_date = date(2026, 11, 16)
    await cycle.save()
    objective = await factories.objective(cycle, 'Grow revenue', owner=ben)
    objective.due = date(2026, 12, 15)
    await objective.save()
    own = await factories.key_result(objective, 'Sign 10 customers', owner=ben)
    own.due = date(2026, 11, 20)
    await own.save()
    await factories.objective(cycle, 'Other objective', owner=cleo)
    plain = await factories.objective(cycle, 'Plain objective', owner=cleo)
    by_objective = await factories.key_result(objective, 'Raise NPS', owner=ben)
    by_cycle = await factories.key_result(plain, 'Cut churn', owner=ben)
    task = await Task.create(key_result=own, title='Call the leads', owner=ben, due=date(2026, 11, 20))
    standup = await Standup.create(team=root, cycle=cycle, ended_at=datetime(2026, 11, 2, 2, 0, tzinfo=UTC))
    return Quarter(root, admin, ben, cleo, cycle, objective, own, by_objective, by_cycle, task, standup)
