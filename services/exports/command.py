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
    cycle = await Cycle.get_or_none(name=cycle_name.strip())
    if cycle is None:
        raise NotFound('There is no cycle named "{name}".', field='cycle', name=cycle_name)
    team_id = await _team_id(team_name) if team_name else None
    return await export_cycle(admin, cycle.id, file_format, team_id=team_id)


async def _team_id(name: str) -> int:
    found = await Team.filter(name=name.strip()).values_list('id', flat=True)
    if not found:
        raise NotFound('There is no team named "{name}".', field='team', name=name)
    if len(found) > 1:
        raise Invalid('Several teams are named "{name}"; rename one of them first.', field='team', name=name)
    return found[0]
