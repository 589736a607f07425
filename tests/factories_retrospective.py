"""A closed cycle with hand-picked scores and check-in notes, for the retrospective and knowledge tests."""
from dataclasses import dataclass
from datetime import UTC, date, datetime

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.org import Team, User
from services import clock, snapshots
from tests import factories

AFTER_CYCLE = datetime(2027, 1, 5, 4, tzinfo=UTC)


@dataclass(frozen=True)
class Quarter:
    root: Team
    admin: User
    sales: Team  # led by Lena; Inside sits below it
    inside: Team
    dev: Team
    lena: User
    sam: User  # sales member, managed by Mia
    mia: User
    dora: User  # dev member
    cycle: Cycle
    top: KeyResult  # Dev, progress 1.0
    signed: KeyResult  # Sales, recorded score 0.9, four noted check-ins
    half: KeyResult  # Sales, progress 0.5
    calls: KeyResult  # Inside, progress 0.2
    secret: Objective  # Sam's private objective, one key result at 0.7


async def note(kr: KeyResult, day: date, value: float, text: str) -> CheckIn:
    return await CheckIn.create(key_result=kr, value=value, note=text,
                                at=datetime(day.year, day.month, day.day, 4, tzinfo=UTC))


async def quarter(*, with_snapshots: bool = True) -> Quarter:
    clock.set_now(AFTER_CYCLE)
    root, admin = await factories.company()
    lena = await factories.person('Lena', team=root)
    mia = await factories.person('Mia', team=root)
    sales = await factories.team('Sales', root, lead=lena)
    inside = await factories.team('Inside', sales)
    dev = await factories.team('Dev', root)
    sam = await factories.person('Sam', team=sales, manager=mia)
    dora = await factories.person('Dora', team=dev)
    cycle = await factories.cycle(state='closed')
    sales_objective = await factories.objective(cycle, 'Win the north', team_=sales)
    signed = await factories.key_result(sales_objective, 'Sign 10 clinics', owner=sam, target=10, current=6)
    signed.score = 0.9
    await signed.save()
    half = await factories.key_result(sales_objective, 'Open 4 offices', owner=sam, target=4, current=2)
    inside_objective = await factories.objective(cycle, 'Call more', team_=inside)
    calls = await factories.key_result(inside_objective, 'Make 100 calls', target=100, current=20)
    dev_objective = await factories.objective(cycle, 'Ship faster', team_=dev)
    top = await factories.key_result(dev_objective, 'Release weekly', owner=dora, target=12, current=12)
    secret = await factories.objective(cycle, 'Find a new job', owner=sam, visibility='private')
    await factories.key_result(secret, 'Send 10 letters', owner=sam, target=10, current=7)
    for day, value, text in ((date(2026, 10, 2), 1, 'First clinic after the fair'),
                             (date(2026, 10, 9), 3, 'Two referrals from the first'),
                             (date(2026, 10, 16), 5, ''),
                             (date(2026, 10, 23), 6, 'Weekly demo day works')):
        await note(signed, day, value, text)
    await note(half, date(2026, 10, 30), 2, 'Rent too high in the second city')
    await note(signed, date(2026, 10, 2), 0.5, 'Warm-up calls')  # the same day as the first, saved later
    if with_snapshots:
        await snapshots.snapshot_cycle(cycle)
    return Quarter(root, admin, sales, inside, dev, lena, sam, mia, dora, cycle, top, signed, half, calls, secret)
