"""Where the board bench looks in the demo company: the largest team, its cycle, a key result to check in, sessions."""
from collections import Counter
from dataclasses import dataclass

from tortoise import Tortoise, connections

import db
from models.okr import KeyResult
from models.org import Team, User
from services import accounts, cycles


@dataclass(frozen=True)
class DemoBoard:
    team_id: int
    cycle_id: int
    key_result_id: int
    start_value: float
    phone_token: str  # the session of the key result's owner, who checks in from the phone
    board_tokens: tuple[str, ...]  # one session per board client, spread over the team's members

    @property
    def path(self) -> str:
        return f'/board?team={self.team_id}&cycle={self.cycle_id}'


async def demo_board(database_url: str, boards: int) -> DemoBoard:
    """Pick the board and make the sessions in the app's SQLite file, while the app serves it."""
    # no db.open_database(): the running app owns the schema, this only reads and adds sessions
    await Tortoise.init(config=db.tortoise_config(database_url), _enable_global_fallback=True)
    try:
        await connections.get('default').execute_script('PRAGMA busy_timeout=5000;')
        team = await _largest_team()
        members = await User.filter(team_id=team.id, active=True).order_by('id')
        cycle = await cycles.current_cycle(members[0])
        if cycle is None:
            raise RuntimeError('the demo company has no cycle')
        key_result = await _key_result_to_check_in([member.id for member in members], cycle.id)
        owner = next(member for member in members if member.id == key_result.owner_id)
        return DemoBoard(team.id, cycle.id, key_result.id, key_result.current, await _session(owner),
                         tuple([await _session(members[n % len(members)]) for n in range(boards)]))
    finally:
        await db.close_database()


async def _largest_team() -> Team:
    sizes = Counter(await User.filter(active=True, team__kind='team').values_list('team_id', flat=True))
    if not sizes:
        raise RuntimeError('the demo company has no team with members')
    largest = max(sizes.items(), key=lambda size: (size[1], -size[0]))[0]
    return await Team.get(id=largest)


async def _key_result_to_check_in(member_ids: list[int], cycle_id: int) -> KeyResult:
    """A plain number key result of the member who owns the most of them, so the phone types a value."""
    numbers = await KeyResult.filter(owner_id__in=member_ids, kind='number', objective__cycle_id=cycle_id,
                                     deleted_at=None, objective__deleted_at=None).order_by('id')
    if not numbers:
        raise RuntimeError(f'no number key result in team members {member_ids} in cycle {cycle_id}')
    owner = Counter(kr.owner_id for kr in numbers).most_common(1)[0][0]
    return next(kr for kr in numbers if kr.owner_id == owner)


async def _session(person: User) -> str:
    token = await accounts.finish_session(await accounts.start_session(person))
    if token is None:
        raise RuntimeError(f'no session for person {person.id}')
    return token
