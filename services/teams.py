"""The org tree: teams nested company → department → team, with their leads; admins shape it."""
import logging
from dataclasses import dataclass

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from models.org import Team, User
from services import events
from services.access import load_access, require_active
from services.errors import Invalid, NotFound

log = logging.getLogger(__name__)

KINDS = ('company', 'department', 'team')
MAX_NAME = 200


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str


@dataclass(frozen=True)
class TeamNode:
    """A team in the tree, with its leads, its active members' count and its sub-teams."""
    id: int
    name: str
    kind: str
    parent_id: int | None
    archived: bool
    member_count: int
    leads: tuple[PersonRef, ...]
    children: tuple['TeamNode', ...]


@dataclass(frozen=True)
class TeamChoice:
    """A team for pickers: its name and how deep it sits, in tree order."""
    id: int
    name: str
    depth: int
    archived: bool


async def member_counts() -> dict[int, int]:
    rows = await (User.filter(active=True, team_id__not_isnull=True).annotate(n=Count('id'))
                  .group_by('team_id').values_list('team_id', 'n'))
    return dict(rows)


async def org_tree(actor: User, *, include_archived: bool = False) -> list[TeamNode]:
    """The whole tree from the company down; archived branches only when asked."""
    require_active(actor)
    teams = await Team.all().order_by('name', 'id').prefetch_related('leads')
    counts = await member_counts()
    children: dict[int | None, list[Team]] = {}
    for team in teams:
        if include_archived or not team.archived:
            children.setdefault(team.parent_id, []).append(team)

    def node(team: Team, seen: frozenset[int]) -> TeamNode:
        leads = tuple(PersonRef(lead.id, lead.name) for lead in sorted(team.leads, key=lambda lead: lead.name))
        below = tuple(node(child, seen | {team.id}) for child in children.get(team.id, []) if child.id not in seen)
        return TeamNode(team.id, team.name, team.kind, team.parent_id, team.archived, counts.get(team.id, 0),
                        leads, below)
    return [node(root, frozenset()) for root in children.get(None, [])]


def flatten(nodes: list[TeamNode] | tuple[TeamNode, ...], depth: int = 0) -> list[TeamChoice]:
    """Tree order, depth first, for pickers."""
    flat: list[TeamChoice] = []
    for team in nodes:
        flat.append(TeamChoice(team.id, team.name, depth, team.archived))
        flat += flatten(team.children, depth + 1)
    return flat


async def team_choices(actor: User) -> list[TeamChoice]:
    """The teams a picker offers: every team that is not archived."""
    return flatten(await org_tree(actor))


def clean_team_name(name: str) -> str:
    name = ' '.join((name or '').split())
    if not name:
        raise Invalid('Give the team a name.', field='name')
    if len(name) > MAX_NAME:
        raise Invalid('Use at most {n} characters.', field='name', n=MAX_NAME)
    return name


async def _admin(actor: User) -> None:
    (await load_access(require_active(actor))).require_admin()


async def _team(team_id: int) -> Team:
    team = await Team.get_or_none(id=team_id)
    if team is None:
        raise NotFound('This team does not exist.')
    return team


async def _parent(parent_id: int | None, kind: str) -> Team:
    parent = await Team.get_or_none(id=parent_id, archived=False) if parent_id is not None else None
    if parent is None:
        raise Invalid('Choose the team it belongs to.', field='parent')
    if kind == 'department' and parent.kind == 'team':
        raise Invalid('A department cannot sit inside a team.', field='parent')
    return parent


async def _check_unique(name: str, parent_id: int, team_id: int | None = None) -> None:
    if await Team.filter(parent_id=parent_id, name__iexact=name).exclude(id=team_id or 0).exists():
        raise Invalid('There is already a team with this name here.', field='name')


def _announce(team_id: int) -> None:
    events.org_changed.emit(events.Change('team', team_id, team_id=team_id))


async def create_team(actor: User, *, name: str, parent_id: int | None, kind: str = 'team') -> Team:
    """A new department or team under an existing one; admins only."""
    await _admin(actor)
    name = clean_team_name(name)
    if kind not in ('department', 'team'):
        raise Invalid('Choose department or team.', field='kind')
    parent = await _parent(parent_id, kind)
    await _check_unique(name, parent.id)
    team = await Team.create(name=name, kind=kind, parent=parent)
    log.info('team %s created under %s by %s', team.id, parent.id, actor.id)
    _announce(team.id)
    return team


async def rename_team(actor: User, team_id: int, name: str) -> Team:
    """Give a team a new name; admins only."""
    await _admin(actor)
    team = await _team(team_id)
    team.name = clean_team_name(name)
    if team.parent_id is not None:
        await _check_unique(team.name, team.parent_id, team.id)
    await team.save(update_fields=['name'])
    log.info('team %s renamed by %s', team.id, actor.id)
    _announce(team.id)
    return team


async def subtree_ids(team_id: int) -> set[int]:
    """The team and every team below it."""
    children: dict[int | None, list[int]] = {}
    for child_id, parent_id in await Team.all().values_list('id', 'parent_id'):
        children.setdefault(parent_id, []).append(child_id)
    found, waiting = set(), [team_id]
    while waiting:
        current = waiting.pop()
        if current not in found:
            found.add(current)
            waiting += children.get(current, [])
    return found


async def move_team(actor: User, team_id: int, parent_id: int | None) -> Team:
    """Hang a team under another one; never under itself or its own sub-teams, and never the company."""
    await _admin(actor)
    team = await _team(team_id)
    if team.parent_id is None:
        raise Invalid('The company is the root of the tree and cannot move.', field='parent')
    if parent_id in await subtree_ids(team.id):
        raise Invalid('A team cannot move under itself or one of its sub-teams.', field='parent')
    parent = await _parent(parent_id, team.kind)
    await _check_unique(team.name, parent.id, team.id)
    team.parent_id = parent.id
    await team.save(update_fields=['parent_id'])
    log.info('team %s moved under %s by %s', team.id, parent.id, actor.id)
    _announce(team.id)
    return team


async def archive_team(actor: User, team_id: int) -> int:
    """Archive a team with all its sub-teams (hidden from pickers); returns how many were archived."""
    await _admin(actor)
    team = await _team(team_id)
    if team.parent_id is None:
        raise Invalid('The company cannot be archived.', field='archived')
    branch = await subtree_ids(team.id)
    async with in_transaction():
        await Team.filter(id__in=branch).update(archived=True)
    log.info('team %s archived with %s sub-teams by %s', team.id, len(branch) - 1, actor.id)
    _announce(team.id)
    return len(branch)


async def unarchive_team(actor: User, team_id: int) -> int:
    """Bring an archived team back with its sub-teams; its parent must be in use."""
    await _admin(actor)
    team = await _team(team_id)
    if team.parent_id is not None and await Team.filter(id=team.parent_id, archived=True).exists():
        raise Invalid('Restore the team above it first.', field='archived')
    branch = await subtree_ids(team.id)
    async with in_transaction():
        await Team.filter(id__in=branch).update(archived=False)
    log.info('team %s restored with %s sub-teams by %s', team.id, len(branch) - 1, actor.id)
    _announce(team.id)
    return len(branch)


async def set_leads(actor: User, team_id: int, lead_ids: list[int]) -> list[PersonRef]:
    """Replace a team's leads with these active people; admins only."""
    await _admin(actor)
    team = await _team(team_id)
    wanted = set(lead_ids)
    leads = await User.filter(id__in=wanted, active=True).order_by('name')
    if len(leads) != len(wanted):
        raise Invalid('Choose active people as leads.', field='leads')
    async with in_transaction():
        await team.leads.clear()
        if leads:
            await team.leads.add(*leads)
    log.info('team %s now has %s leads, set by %s', team.id, len(leads), actor.id)
    _announce(team.id)
    return [PersonRef(lead.id, lead.name) for lead in leads]
