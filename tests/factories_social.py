"""A company with one objective and key result to comment on and follow."""
from dataclasses import dataclass

from models.okr import KeyResult, Objective
from tests import factories
from tests.factories_okrs import Org, org


@dataclass
class Talk:
    company: Org
    objective: Objective
    key_result: KeyResult


async def talk(visibility: str = 'company') -> Talk:
    """Ben's objective (Lena manages him) with one key result; Cara is in another team."""
    company = await org()
    objective = await factories.objective(company.cycle, 'Grow the north region', owner=company.ben,
                                          visibility=visibility)
    key_result = await factories.key_result(objective, 'Sign 10 customers', owner=company.ben, target=10)
    return Talk(company, objective, key_result)
