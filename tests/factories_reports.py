"""A small team for report tests: Mia manages Ben and Cara; Ben checks in on his key result in week 2026-W49."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

from models.okr import KeyResult
from models.org import User
from services import checkins, clock
from tests import factories

WEDNESDAY = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, in week 2026-W49


@dataclass
class ReportTeam:
    admin: User
    mia: User  # manages Ben and Cara
    ben: User
    cara: User  # Ben's colleague
    kr: KeyResult  # Ben's


async def report_team(*, checkins_made: bool = True) -> ReportTeam:
    clock.set_now(WEDNESDAY)
    root, admin = await factories.company()
    mia = await factories.person('Mia', team=root)
    ben = await factories.person('Ben', team=root, manager=mia)
    cara = await factories.person('Cara', team=root, manager=mia)
    cycle = await factories.cycle('2026 Q4', date(2026, 10, 1), date(2026, 12, 31))
    objective = await factories.objective(cycle, 'Grow revenue', owner=ben)
    kr = await factories.key_result(objective, 'Sign 100 customers', owner=ben, target=100, unit='deals')
    if checkins_made:
        await checkins.record_checkin(ben, key_result_id=kr.id, value=20, confidence=7, note='Last week',
                                      at=datetime(2026, 11, 27, 2, 0, tzinfo=UTC))
        await checkins.record_checkin(ben, key_result_id=kr.id, value=35, confidence=7, note='Two big deals',
                                      at=datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
    return ReportTeam(admin, mia, ben, cara, kr)
