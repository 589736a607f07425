"""Build the browser tests' company in the app's SQLite file, before the app starts; print the ids as JSON.

Run as `python -m tests.browser.seed` from the repository root with the app's OKRBOARD_DATA_DIR.
"""
import asyncio
import json
import sys
from datetime import timedelta

import db
from models.cycle import Cycle
from models.org import Team
from services import clock
from tests import factories

XSS_IMAGE = '<img src=x onerror=alert(1)>'
XSS_SCRIPT = '<script>alert(1)</script>'


async def build() -> dict[str, object]:
    root, _ = await factories.company()
    today = clock.today()
    cycle = await factories.cycle('This quarter', start=today - timedelta(days=30), end=today + timedelta(days=60))
    ben = await factories.person('Ben Baker', email='ben@acme.test', team=root)
    grow = await factories.objective(cycle, 'Grow the customer base', owner=ben)
    customers = await factories.key_result(grow, 'Sign new customers', owner=ben, target=10, current=4)
    await factories.key_result(grow, 'Ship the partner programme', owner=ben, kind='milestone', target=3,
                               steps=['Draft', 'Pilot', 'Launch'], current=1)
    cleo = await factories.person('Cleo Cole', email='cleo@acme.test', team=root)
    hostile = await factories.objective(cycle, XSS_IMAGE, owner=cleo)
    scripted = await factories.key_result(hostile, XSS_SCRIPT, owner=cleo, target=5, current=1)
    await factories.key_result(hostile, XSS_IMAGE, owner=cleo, target=5, current=2)
    dan = await factories.person('Dan Dale', email='dan@acme.test', team=root)
    shared = await factories.objective(cycle, 'Answer every ticket', owner=dan)
    tickets = await factories.key_result(shared, 'Tickets closed', owner=dan, target=100, current=40)
    eve = await factories.person('Eve Ellis', email='eve@acme.test', team=root)
    await factories.objective(cycle, 'Learn the product', owner=eve)
    squad = await stand_up_team(root, cycle)
    return {'password': factories.PASSWORD, 'customers_kr': customers.id, 'tickets_kr': tickets.id,
            'hostile_kr': scripted.id, **squad}


# Long enough to wrap on a TV, as real key result titles do.
TITLES = ('Cut the p95 latency of the search endpoint to 300 ms', 'Raise test coverage of billing to 80%',
          'Review 40 pull requests from other teams', 'Write the incident playbook for on-call')


async def stand_up_team(root: Team, cycle: Cycle) -> dict[str, int]:
    """A team of eight with four key results each: the board must show all of it on one TV screen."""
    squad = await factories.team('Platform', root)
    names = ('Finn Ford', 'Gina Gray', 'Hugo Hart', 'Iris Ince', 'Jude Joy', 'Kai Kerr', 'Liam Lord', 'Mia Moss')
    first_krs: list[int] = []
    for index, name in enumerate(names):
        member = await factories.person(name, team=squad)
        objective = await factories.objective(cycle, f'{name} makes the platform dependable', owner=member)
        for number, title in enumerate(TITLES):
            kr = await factories.key_result(objective, title, owner=member, target=10, current=(index + number) % 8)
            if number == 0:
                first_krs.append(kr.id)
    return {'squad_team': squad.id, 'cycle': cycle.id, 'finn_kr': first_krs[0], 'gina_kr': first_krs[1]}


async def main() -> None:
    await db.open_database()
    try:
        ids = await build()
    finally:
        await db.close_database()
    sys.stdout.write(json.dumps(ids) + '\n')


if __name__ == '__main__':
    asyncio.run(main())
