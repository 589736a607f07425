"""A small company for objective, key result and tree tests."""
from dataclasses import dataclass
from datetime import date

from models.cycle import Cycle
from models.org import Team, User
from tests import factories


@dataclass
class Org:
    root: Team
    sales: Team
    engineering: Team
    admin: User
    lena: User  # leads sales, manages Ben
    ben: User  # in sales
    cara: User  # in engineering
    cycle: Cycle


async def org() -> Org:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)
    engineering = await factories.team('Engineering', root)
    lena = await factories.person('Lena', team=sales)
    await sales.leads.add(lena)
    ben = await factories.person('Ben', team=sales, manager=lena)
    cara = await factories.person('Cara', team=engineering)
    cycle = await factories.cycle('2026 Q4', date(2026, 10, 1), date(2026, 12, 31))
    return Org(root, sales, engineering, admin, lena, ben, cara, cycle)
