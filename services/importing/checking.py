"""The checker both formats share: rows and their errors, progress, and finding or planning teams, people, cycles."""
import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

from services import clock
from services.cycles import default_review_date
from services.importing import cells
from services.importing.columns import Columns
from services.importing.lookups import Existing, name_key
from services.importing.periods import parse_period
from services.importing.plan import CycleRef, NewCycle, NewPerson, NewTeam, PersonRef, Plan, TeamRef
from services.importing.reading import Sheet
from services.importing.report import RowError

Progress = Callable[[str, int, int], Any]  # (stage, rows done, rows in all)
TICK = 1000  # rows between two progress reports (and chances for the event loop to breathe)


class Row:
    """One row of a sheet; reading a cell that does not parse records the error and gives None."""
    __slots__ = ('checker', 'sheet', 'columns', 'number', 'cells', 'ok')

    def __init__(self, checker: 'Checker', sheet: Sheet, columns: Columns, number: int, row: tuple) -> None:
        self.checker, self.sheet, self.columns, self.number, self.cells = checker, sheet, columns, number, row
        self.ok = True

    def raw(self, name: str) -> Any:
        position = self.columns.index.get(name)
        return self.cells[position] if position is not None and position < len(self.cells) else None

    def get(self, name: str, parse: Callable[..., Any], *args: Any, required: bool = False) -> Any:
        value = self.raw(name)
        if required and cells.blank(value):
            self.fail(name, 'This cell is required.')
            return None
        try:
            return parse(value, *args)
        except cells.CellError as error:
            self.fail(name, error.message, **error.params)
            return None

    def fail(self, name: str, message: str, **params: Any) -> None:
        self.ok = False
        self.checker.errors.append(RowError(self.sheet.name, self.number, self.columns.label.get(name, name),
                                            message, params))


class Checker:
    def __init__(self, existing: Existing, *, total_rows: int, progress: Progress | None = None) -> None:
        self.existing = existing
        self.plan = Plan()
        self.errors: list[RowError] = []
        self.root: TeamRef | None = existing.root_id
        self.teams: dict[str, TeamRef] = {}  # by name key: teams of the file, and teams planned on the way
        self.people_by_email: dict[str, PersonRef] = {}
        self.people_by_name: dict[str, PersonRef] = {}
        self.cycles: dict[str, CycleRef] = {}
        self.total_rows = total_rows
        self.done_rows = 0
        self.progress = progress

    async def rows(self, sheet: Sheet, columns: Columns) -> AsyncIterator[Row]:
        for number, row in sheet.rows:
            yield Row(self, sheet, columns, number, row)
            self.done_rows += 1
            if self.done_rows % TICK == 0:
                await self.tick()

    async def tick(self) -> None:
        if self.progress is not None:
            self.progress('checking', self.done_rows, max(self.total_rows, 1))
        await asyncio.sleep(0)

    # teams

    def plan_team(self, name: str, parent: TeamRef | None, kind: str | None = None) -> NewTeam:
        """A new team; without a parent it hangs under the company, or becomes the company when there is none."""
        if parent is None and self.root is None:
            team = NewTeam(name, None, 'company')
            self.root = team
        else:
            team = NewTeam(name, parent if parent is not None else self.root, kind or 'team')
        self.plan.teams.append(team)
        return team

    def team(self, row: Row, column: str, *, create: bool) -> TeamRef | None:
        name = row.get(column, cells.text, 200)
        if not name:
            return None
        key = name_key(name)
        found = self.teams.get(key)
        if found is None:
            found = self.existing.team_by_name.get(key)
        if found is not None:
            return found
        if not create:
            row.fail(column, 'Unknown team "{value}": add it to the teams sheet, or create it first.', value=name)
            return None
        self.teams[key] = self.plan_team(name, None)
        return self.teams[key]

    # people

    def person_by_email(self, email: str, name: str | None = None) -> PersonRef:
        found = self.people_by_email.get(email)
        if found is None:
            found = self.existing.people_by_email.get(email)
        if found is None:
            found = NewPerson(email, name or email.split('@')[0])
            self.plan.people.append(found)
            self.people_by_email[email] = found
        return found

    def person_by_name(self, name: str) -> PersonRef:
        key = name_key(name)
        found = self.people_by_name.get(key)
        if found is None:
            found = self.existing.people_by_name.get(key)
        if found is None:
            found = NewPerson(None, name)
            self.plan.people.append(found)
            self.people_by_name[key] = found
        return found

    def person(self, row: Row, column: str) -> PersonRef | None:
        """An owner or author given by e-mail (or, where names are allowed, by name); unknown ones are planned."""
        value = row.raw(column)
        if cells.blank(value):
            return None
        if '@' in str(value) or column.endswith('email'):
            email = row.get(column, cells.email)
            return self.person_by_email(email) if email else None
        name = row.get(column, cells.text, 200)
        return self.person_by_name(name) if name else None

    # cycles

    def plan_cycle(self, name: str, start: date, end: date, cadence: str, state: str | None = None) -> NewCycle:
        """A new cycle; without a state given, its dates tell whether it is planned, running or over."""
        today = clock.today()
        state = state or ('closed' if end < today else 'planning' if start > today else 'active')
        cycle = NewCycle(name, start, end, cadence, state, default_review_date(start, end))
        self.plan.cycles.append(cycle)
        self.cycles[name_key(name)] = cycle
        return cycle

    def cycle(self, row: Row, column: str) -> CycleRef | None:
        name = row.get(column, cells.text, 100, required=True)
        if not name:
            return None
        key = name_key(name)
        found = self.cycles.get(key)
        if found is None:
            found = self.existing.cycles.get(key)
        if found is not None:
            return found
        period = parse_period(name)
        if period is None:
            row.fail(column, 'There is no cycle "{value}", and its name is no period such as 2024 Q1: create the '
                     'cycle with its start and end dates first, or add it to a cycles sheet.', value=name)
            return None
        return self.plan_cycle(name, period.start, period.end, period.cadence)
