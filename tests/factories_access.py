"""One small company for the access table: five people, a cycle, public and private objectives."""
from dataclasses import dataclass

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult, Objective
from models.org import Team, User
from tests import factories, factories_okrs


@dataclass
class World:
    org: factories_okrs.Org
    dan: User  # in engineering with Cara, manages nobody
    team_objective: Objective  # Sales' objective, led by Lena
    team_kr: KeyResult
    ben_objective: Objective
    ben_kr: KeyResult
    cara_objective: Objective  # public
    cara_kr: KeyResult
    private_objective: Objective  # Cara's, private; Lena is Cara's manager
    private_kr: KeyResult

    def people(self) -> dict[str, User]:
        """Every role of the table by name."""
        return {'admin': self.org.admin, 'manager': self.org.lena, 'employee': self.org.ben,
                'owner': self.org.cara, 'colleague': self.dan}


async def world() -> World:
    org = await factories_okrs.org()
    org.cara.manager = org.lena
    await org.cara.save()
    dan = await factories.person('Dan', team=org.engineering)
    team_objective = await factories.objective(org.cycle, 'Win the northern region', team_=org.sales)
    team_kr = await factories.key_result(team_objective, 'Open 3 offices', owner=org.lena, target=3)
    ben_objective = await factories.objective(org.cycle, 'Grow my pipeline', owner=org.ben)
    ben_kr = await factories.key_result(ben_objective, 'Sign 10 customers', owner=org.ben, target=10, current=4)
    cara_objective = await factories.objective(org.cycle, 'Ship the public API', owner=org.cara)
    cara_kr = await factories.key_result(cara_objective, 'Close 5 API bugs', owner=org.cara, target=5, current=1)
    private_objective = await factories.objective(org.cycle, 'Secret hiring plan', owner=org.cara,
                                                  visibility='private')
    private_kr = await factories.key_result(private_objective, 'Hire 2 engineers', owner=org.cara, target=2)
    return World(org, dan, team_objective, team_kr, ben_objective, ben_kr, cara_objective, cara_kr,
                 private_objective, private_kr)


async def snapshot() -> tuple:
    """Everything the change checks could touch, to compare before and after a refusal."""
    return (
        await User.all().order_by('id').values_list('id', 'email', 'role', 'team_id', 'manager_id'),
        await Team.all().order_by('id').values_list('id', 'name', 'parent_id'),
        await Cycle.all().order_by('id').values_list('id', 'name', 'state'),
        await Objective.all().order_by('id').values_list('id', 'title', 'visibility', 'owner_id', 'team_id'),
        await KeyResult.all().order_by('id').values_list('id', 'title', 'current', 'version', 'objective_id'),
        await CheckIn.all().order_by('id').values_list('id', 'key_result_id', 'value'),
    )
