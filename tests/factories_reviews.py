"""A small team for review tests: Mia manages Ben, who owns two key results in a cycle in review."""
from dataclasses import dataclass
from datetime import date

from models.cycle import Cycle
from models.okr import KeyResult
from models.org import User
from tests import factories


@dataclass
class ReviewTeam:
    admin: User
    mia: User  # Ben's manager
    ben: User
    cara: User  # a colleague with no say over Ben
    cycle: Cycle
    kr: KeyResult  # Ben's, 60 of 100
    other: KeyResult  # Ben's, on an objective he owns, no owner of its own


async def review_team(state: str = 'review') -> ReviewTeam:
    root, admin = await factories.company()
    mia = await factories.person('Mia', team=root)
    ben = await factories.person('Ben', team=root, manager=mia)
    cara = await factories.person('Cara', team=root, manager=mia)
    cycle = await factories.cycle('2026 Q4', date(2026, 10, 1), date(2026, 12, 31), state=state)
    objective = await factories.objective(cycle, 'Grow revenue', owner=ben)
    kr = await factories.key_result(objective, 'Sign 100 customers', owner=ben, target=100, current=60)
    other = await factories.key_result(objective, 'Ship the partner portal', kind='boolean', target=1)
    return ReviewTeam(admin, mia, ben, cara, cycle, kr, other)
