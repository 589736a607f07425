"""Who may see and change what. Every service that reads or writes OKRs asks here."""
from dataclasses import dataclass

from models.okr import KeyResult, Objective
from models.org import Team, User
from services.errors import Forbidden, NotFound


@dataclass(frozen=True)
class Access:
    """One actor's view of the org, loaded in three queries and reused for a whole request."""
    actor: User
    manager_of: dict[int, int | None]  # person id -> manager id
    parent_of: dict[int, int | None]  # team id -> parent team id
    led_team_ids: frozenset[int]

    @property
    def is_admin(self) -> bool:
        return self.actor.is_admin

    def managers_of(self, person_id: int | None) -> set[int]:
        chain: set[int] = set()
        current = self.manager_of.get(person_id) if person_id is not None else None
        while current is not None and current not in chain:
            chain.add(current)
            current = self.manager_of.get(current)
        return chain

    def manages(self, person_id: int | None) -> bool:
        return person_id is not None and self.actor.id in self.managers_of(person_id)

    def leads(self, team_id: int | None) -> bool:
        """The actor leads this team or one above it."""
        seen: set[int] = set()
        while team_id is not None and team_id not in seen:
            if team_id in self.led_team_ids:
                return True
            seen.add(team_id)
            team_id = self.parent_of.get(team_id)
        return False

    def can_view(self, objective: Objective) -> bool:
        if objective.visibility != 'private' or self.is_admin:
            return True
        return (objective.owner_id == self.actor.id or self.manages(objective.owner_id)
                or (objective.team_id is not None and self.leads(objective.team_id)))

    def can_edit(self, objective: Objective) -> bool:
        if self.is_admin or objective.owner_id == self.actor.id or self.manages(objective.owner_id):
            return True
        return objective.level == 'team' and self.leads(objective.team_id)

    def can_checkin(self, key_result: KeyResult, objective: Objective) -> bool:
        return (self.can_edit(objective) or key_result.owner_id == self.actor.id
                or self.manages(key_result.owner_id))

    def can_create(self, level: str, team_id: int | None, owner_id: int | None) -> bool:
        if self.is_admin:
            return True
        if level == 'person':
            return owner_id == self.actor.id or self.manages(owner_id)
        if level == 'team':
            return self.leads(team_id) or (team_id is not None and team_id == self.actor.team_id)
        return False

    def require_view(self, objective: Objective) -> None:
        if not self.can_view(objective):
            raise NotFound('This objective does not exist or is private.')

    def require_edit(self, objective: Objective) -> None:
        self.require_view(objective)
        if not self.can_edit(objective):
            raise Forbidden('You may not change this objective.')

    def require_admin(self) -> None:
        if not self.is_admin:
            raise Forbidden('Only admins may do this.')


async def load_access(actor: User) -> Access:
    return (await load_org()).access(actor)


@dataclass(frozen=True)
class Org:
    """Who manages and leads whom in the whole company: the part of Access that is the same for everyone."""
    manager_of: dict[int, int | None]
    parent_of: dict[int, int | None]
    led_by: dict[int, frozenset[int]]  # person id -> the teams they lead

    def access(self, actor: User) -> Access:
        return Access(actor=actor, manager_of=self.manager_of, parent_of=self.parent_of,
                      led_team_ids=self.led_by.get(actor.id, frozenset()))


async def load_org() -> Org:
    """The company's management lines and team leads, in three queries, to build Access for many viewers."""
    manager_of = dict(await User.all().values_list('id', 'manager_id'))
    parent_of = dict(await Team.all().values_list('id', 'parent_id'))
    led: dict[int, set[int]] = {}
    for team_id, person_id in await Team.filter(leads__id__not_isnull=True).values_list('id', 'leads__id'):
        led.setdefault(person_id, set()).add(team_id)
    return Org(manager_of, parent_of, {person_id: frozenset(teams) for person_id, teams in led.items()})


def require_active(actor: User | None) -> User:
    if actor is None or not actor.active:
        raise Forbidden('Your session has ended; sign in again.')
    return actor
