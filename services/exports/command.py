"""Exports from the command line: cycle and team named, made as the first admin."""
from models.cycle import Cycle
from models.org import Team, User
from services.errors import Invalid, NotFound
from services.exports import check_format, export_cycle


async def export_by_name(cycle_name: str, file_format: str, team_name: str | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of the named cycle, optionally one team and those below it, as the first admin sees it."""
    file_format = check_format(file_format)
    admin = await User.filter(role='admin', active=True).order_by('id').first()
    if admin is None:
        raise NotFound('There is no admin yet: set up the company first.')
    cycle_id = await _cycle_id(cycle_name)
    team_id = await _team_id(team_name) if team_name else None
    return await export_cycle(admin, cycle_id, file_format, team_id=team_id)


async def _cycle_id(name: str) -> int:
    """The cycle of that name, whatever its case ('2026 q4'); the exact spelling wins when two differ by case."""
    found = dict(await Cycle.filter(name__iexact=name.strip()).values_list('name', 'id'))
    if not found:
        raise NotFound('There is no cycle named "{name}".', field='cycle', name=name)
    if len(found) > 1 and name.strip() not in found:
        raise Invalid('Several cycles are named "{name}"; write the name exactly.', field='cycle', name=name)
    return found.get(name.strip(), next(iter(found.values())))


async def _team_id(name: str) -> int:
    found = await Team.filter(name__iexact=name.strip()).values_list('id', flat=True)
    if not found:
        raise NotFound('There is no team named "{name}".', field='team', name=name)
    if len(found) > 1:
        raise Invalid('Several teams are named "{name}"; rename one of them first.', field='team', name=name)
    return found[0]
