"""Checking the teams, people and cycles sheets of a workbook."""
from dataclasses import dataclass

from services.importing import cells
from services.importing.checking import Checker, Row
from services.importing.columns import Columns
from services.importing.lookups import name_key
from services.importing.periods import parse_period
from services.importing.plan import NewPerson, PersonRef, TeamRef
from services.importing.reading import Sheet

UNKNOWN_KIND = 'Unknown kind "{value}": use company, department or team.'


@dataclass
class _TeamRow:
    row: Row
    name: str
    parent: str
    kind: str | None


async def check_teams(checker: Checker, sheet: Sheet, columns: Columns) -> None:
    """Teams by name and parent; parents may come later in the sheet; no loops."""
    entries: dict[str, _TeamRow] = {}
    async for row in checker.rows(sheet, columns):
        name = row.get('name', cells.text, 200, required=True)
        parent = row.get('parent', cells.text, 200) or ''
        kind = row.get('kind', cells.choice, cells.TEAM_KINDS, UNKNOWN_KIND)
        if not row.ok:
            continue
        key = name_key(name)
        if key in entries:
            row.fail('name', 'The team "{value}" appears twice (also row {other}).', value=name,
                     other=entries[key].row.number)
        elif parent and name_key(parent) == key:
            row.fail('parent', 'A team cannot be its own parent.')
        else:
            entries[key] = _TeamRow(row, name, parent, kind)
    failed: set[str] = set()
    for key in entries:
        chain = _chain_up(key, entries, checker, failed)
        for link in reversed(chain):
            team = _resolve_team(checker, entries[link], failed)
            if team is None:
                failed.update(chain)
                break
            checker.teams[link] = team


def _chain_up(key: str, entries: dict[str, _TeamRow], checker: Checker, failed: set[str]) -> list[str]:
    """This team and its ancestors in the sheet that still need resolving, nearest first."""
    chain: list[str] = []
    seen: set[str] = set()
    current: str | None = key
    while current in entries and current not in checker.teams and current not in failed:
        if current in seen:
            entries[key].row.fail('parent', 'The team "{value}" and its parents form a loop.', value=entries[key].name)
            failed.update(chain)
            return []
        seen.add(current)
        chain.append(current)
        parent = entries[current].parent
        current = name_key(parent) if parent else None
    return chain


def _resolve_team(checker: Checker, entry: _TeamRow, failed: set[str]) -> TeamRef | None:
    existing = checker.existing
    parent: TeamRef | None = None
    if entry.parent:
        parent_key = name_key(entry.parent)
        if parent_key in failed:
            return None
        parent = checker.teams.get(parent_key)
        if parent is None:
            parent = existing.team_by_name.get(parent_key)
        if parent is None:
            entry.row.fail('parent', 'Unknown parent team "{value}": add it to the teams sheet.', value=entry.parent)
            return None
    key = name_key(entry.name)
    if parent is None and existing.root_id is not None and key == name_key(existing.root_name):
        checker.plan.unchanged['teams'] += 1
        return existing.root_id
    parent_id = parent if isinstance(parent, int) else None
    if parent is None and isinstance(checker.root, int):
        parent_id = checker.root
    if parent_id is not None and (key, parent_id) in existing.teams:
        checker.plan.unchanged['teams'] += 1
        return existing.teams[(key, parent_id)]
    return checker.plan_team(entry.name, parent, entry.kind)


async def check_people(checker: Checker, sheet: Sheet, columns: Columns) -> None:
    """People by e-mail, else by name; managers may be anyone in the sheet or the database."""
    seen: dict[str, int] = {}
    planned: list[tuple[Row, NewPerson]] = []
    async for row in checker.rows(sheet, columns):
        email = row.get('email', cells.email)
        name = row.get('name', cells.text, 200, required=True)
        team = checker.team(row, 'team', create=False)
        role = row.get('role', cells.choice, cells.ROLES, 'Unknown role "{value}": use admin or member.')
        if not row.ok:
            continue
        key = email or name_key(name)
        if key in seen:
            row.fail('email' if email else 'name', 'This person appears twice (also row {other}).', other=seen[key])
            continue
        seen[key] = row.number
        found: PersonRef | None = (checker.existing.people_by_email.get(email) if email
                                   else checker.existing.people_by_name.get(name_key(name)))
        if found is None:
            found = checker.people_by_email.get(email) if email else None  # named earlier as someone's manager
            if isinstance(found, NewPerson):
                found.name, found.role, found.team = name, role or 'member', team
        if found is None:
            found = NewPerson(email, name, role or 'member', team)
            checker.plan.people.append(found)
        elif isinstance(found, int):
            checker.plan.unchanged['people'] += 1
        if isinstance(found, NewPerson):
            planned.append((row, found))
        if email:
            checker.people_by_email[email] = found
        checker.people_by_name.setdefault(name_key(name), found)
    for row, person in planned:
        manager_email = row.get('manager_email', cells.email)
        if manager_email and manager_email == person.email:
            row.fail('manager_email', 'Nobody can be their own manager.')
        elif manager_email:
            person.manager = checker.person_by_email(manager_email)
    _refuse_manager_loops(planned)


def _refuse_manager_loops(planned: list[tuple[Row, NewPerson]]) -> None:
    for row, person in planned:
        seen = {id(person)}
        manager = person.manager
        while isinstance(manager, NewPerson):
            if id(manager) in seen:
                row.fail('manager_email', 'These managers form a loop.')
                break
            seen.add(id(manager))
            manager = manager.manager


async def check_cycles(checker: Checker, sheet: Sheet, columns: Columns) -> None:
    seen: dict[str, int] = {}
    async for row in checker.rows(sheet, columns):
        name = row.get('name', cells.text, 100, required=True)
        start = row.get('start', cells.day, required=True)
        end = row.get('end', cells.day, required=True)
        cadence = row.get('cadence', cells.choice, cells.CADENCES,
                          'Unknown cadence "{value}": use quarter, half, year or custom.')
        state = row.get('state', cells.choice, cells.CYCLE_STATES,
                        'Unknown cycle state "{value}": use planning, active, review or closed.')
        if not row.ok:
            continue
        key = name_key(name)
        if end <= start:
            row.fail('end', 'The cycle must end after it starts: {start} to {end}.', end=end.isoformat(),
                     start=start.isoformat())
        elif key in seen:
            row.fail('name', 'The cycle "{value}" appears twice (also row {other}).', value=name, other=seen[key])
        elif key in checker.existing.cycles:
            seen[key] = row.number
            checker.plan.unchanged['cycles'] += 1
            checker.cycles[key] = checker.existing.cycles[key]
        else:
            seen[key] = row.number
            period = parse_period(name)
            fits = period is not None and (period.start, period.end) == (start, end)
            checker.plan_cycle(name, start, end, cadence or (period.cadence if fits and period else 'custom'), state)
