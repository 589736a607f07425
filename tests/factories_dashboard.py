"""A small company with a known history, for the dashboard tests: numbers here are checked by hand."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.org import Team, User
from services import clock
from tests import factories

TODAY = datetime(2026, 10, 15, 4, tzinfo=UTC)  # noon in Shanghai, day 14 of the 91 days of 2026 Q4


@dataclass(frozen=True)
class Company:
    root: Team
    admin: User
    sales: Team
    dev: Team
    sam: User  # sales member
    dora: User  # dev member
    cycle: Cycle
    rise: KeyResult  # number 0 -> 100, check-ins 20 (Oct 3) and 50 (Oct 10)
    fall: KeyResult  # decreasing 100 -> 50, check-in 80 (Oct 5)
    steps: KeyResult  # milestone of two steps, one done (Oct 4)
    sales_objective: Objective
    dev_objective: Objective
    secret: Objective  # Dora's private objective


async def checkin(kr: KeyResult, day: date, value: float, confidence: int | None = None,
                  author: User | None = None) -> CheckIn:
    kr.current, kr.confidence = value, confidence if confidence is not None else kr.confidence
    await kr.save()
    return await CheckIn.create(key_result=kr, value=value, confidence=confidence, author=author,
                                at=datetime(day.year, day.month, day.day, 4, tzinfo=UTC))


async def company() -> Company:
    clock.set_now(TODAY)
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)
    dev = await factories.team('Dev', root)
    sam = await factories.person('Sam Sales', team=sales)
    dora = await factories.person('Dora Dev', team=dev)
    cycle = await factories.cycle()
    sales_objective = await factories.objective(cycle, 'Grow revenue', team_=sales)
    rise = await factories.key_result(sales_objective, 'Close deals', owner=sam)
    fall = await factories.key_result(sales_objective, 'Cut churn', owner=sam, start=100, target=50,
                                      direction='decrease', current=100)
    dev_objective = await factories.objective(cycle, 'Ship faster', team_=dev)
    steps = await factories.key_result(dev_objective, 'Release plan', owner=dora, kind='milestone', target=2,
                                       steps=['Beta', 'GA'])
    secret = await factories.objective(cycle, 'Secret plan', owner=dora, visibility='private')
    await factories.key_result(secret, 'Hidden number', owner=dora, current=100)
    await checkin(rise, date(2026, 10, 3), 20, 7, sam)
    await checkin(fall, date(2026, 10, 5), 80, 6, sam)
    await checkin(steps, date(2026, 10, 4), 1, 8, dora)
    await checkin(rise, date(2026, 10, 10), 50, 4, sam)
    return Company(root, admin, sales, dev, sam, dora, cycle, rise, fall, steps, sales_objective, dev_objective,
                   secret)
