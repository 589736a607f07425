"""Read models of people for the admin's people list and for pickers."""
from dataclasses import dataclass

from tortoise.expressions import Q

from models.auth import Invite
from models.org import User
from services import clock
from services.access import load_access, require_active
from services.teams import PersonRef, subtree_ids

MAX_SEARCH = 200


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str | None
    role: str
    team_id: int | None
    team_name: str
    manager_id: int | None
    manager_name: str
    active: bool
    has_login: bool  # a password is set
    invite_pending: bool  # an unused invitation link is still valid


async def list_people(actor: User, *, text: str = '', team_id: int | None = None) -> list[PersonRow]:
    """Everyone, active first then by name; `text` matches name or e-mail, `team_id` a team and its sub-teams."""
    (await load_access(require_active(actor))).require_admin()
    query = User.all().select_related('team', 'manager')
    text = ' '.join((text or '').split())[:MAX_SEARCH]
    if text:
        query = query.filter(Q(name__icontains=text) | Q(email__icontains=text))
    if team_id is not None:
        query = query.filter(team_id__in=await subtree_ids(team_id))
    people = await query.order_by('-active', 'name', 'id')
    invited = set(await Invite.filter(used_at=None, expires_at__gt=clock.now()).values_list('user_id', flat=True))
    return [PersonRow(
        id=person.id, name=person.name, email=person.email, role=person.role, team_id=person.team_id,
        team_name=person.team.name if person.team else '', manager_id=person.manager_id,
        manager_name=person.manager.name if person.manager else '', active=person.active,
        has_login=person.password_hash is not None, invite_pending=person.id in invited) for person in people]


async def person_choices(actor: User) -> list[PersonRef]:
    """Active people by name, for manager and lead pickers."""
    require_active(actor)
    rows = await User.filter(active=True).order_by('name', 'id').values_list('id', 'name')
    return [PersonRef(*row) for row in rows]


async def profile(actor: User) -> PersonRow:
    """The signed-in person's own row, for the profile page."""
    require_active(actor)
    person = await User.get(id=actor.id).select_related('team', 'manager')
    return PersonRow(
        id=person.id, name=person.name, email=person.email, role=person.role, team_id=person.team_id,
        team_name=person.team.name if person.team else '', manager_id=person.manager_id,
        manager_name=person.manager.name if person.manager else '', active=person.active,
        has_login=person.password_hash is not None, invite_pending=False)
