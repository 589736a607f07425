"""A manager with two people and one key result each, in November 2026, for the OKR Star tests."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult
from models.org import Team, User
from models.social import Comment
from services import clock
from tests import factories

MONTH = '2026-11'
TODAY = datetime(2026, 11, 20, 10, tzinfo=UTC)


@dataclass(frozen=True)
class StarTeam:
    root: Team
    admin: User
    mia: User
    ben: User
    cara: User
    dan: User  # in another team, not Mia's
    cycle: Cycle
    ben_kr: KeyResult
    cara_kr: KeyResult


async def star_team() -> StarTeam:
    clock.set_now(TODAY)
    root, admin = await factories.company()
    mia = await factories.person('Mia', team=root)
    ben = await factories.person('Ben', team=root, manager=mia)
    cara = await factories.person('Cara', team=root, manager=mia)
    other = await factories.team('Sales', root)
    dan = await factories.person('Dan', team=other)
    cycle = await factories.cycle('2026 Q4', date(2026, 10, 1), date(2026, 12, 31))
    ben_kr = await factories.key_result(await factories.objective(cycle, 'Ben grows', owner=ben), 'Ben signs',
                                        owner=ben, target=100, current=40)
    cara_kr = await factories.key_result(await factories.objective(cycle, 'Cara grows', owner=cara), 'Cara signs',
                                         owner=cara, target=100, current=40)
    return StarTeam(root, admin, mia, ben, cara, dan, cycle, ben_kr, cara_kr)


async def check_in(kr: KeyResult, day: int, author: User) -> None:
    await CheckIn.create(key_result=kr, value=kr.current, author=author, at=datetime(2026, 11, day, 9, tzinfo=UTC))


async def comment_by(author: User, kr: KeyResult) -> Comment:
    return await Comment.create(objective_id=kr.objective_id, author=author, body='Nice work',
                                created_at=clock.now())
