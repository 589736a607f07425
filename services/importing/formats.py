"""Checking both formats: the workbook (one sheet per table) and the single sheet (one row per key result)."""
from dataclasses import dataclass, field
from datetime import date

from services.importing import cells
from services.importing.checking import Checker, Row
from services.importing.columns import SINGLE_SHEET, Columns, columns_of
from services.importing.lookups import (
    load_key_results,
    load_objectives_by_ref,
    load_objectives_in_cycles,
    name_key,
)
from services.importing.measures import Numbers, read_numbers
from services.importing.okr_sheets import OkrSheets
from services.importing.org_sheets import check_cycles, check_people, check_teams
from services.importing.plan import CycleRef, NewKeyResult, NewObjective, ObjectiveRef, PersonRef, TeamRef, identity
from services.importing.reading import Sheet


def _columns(checker: Checker, tables: dict[str, Sheet]) -> dict[str, Columns]:
    found: dict[str, Columns] = {}
    for table, sheet in tables.items():
        found[table], errors = columns_of(sheet, table)
        checker.errors.extend(errors)
    return found


def _refs(sheet: Sheet | None, columns: Columns | None, *names: str) -> set[str]:
    """Every ref in some columns, read leniently: a bad cell is reported when its row is checked."""
    found: set[str] = set()
    if sheet is None or columns is None:
        return found
    for name in names:
        position = columns.index.get(name)
        if position is None:
            continue
        for _, row in sheet.rows:
            value = row[position] if position < len(row) else None
            if cells.blank(value):
                continue
            if name == 'aligns_to':
                found.update(cells.refs(value))
                continue
            try:
                found.add(cells.ref(value))
            except cells.CellError:
                pass
    return found


async def check_workbook(checker: Checker, tables: dict[str, Sheet]) -> None:
    columns = _columns(checker, tables)
    if checker.errors:  # without the columns no row can be read
        return
    for table, check in (('teams', check_teams), ('people', check_people), ('cycles', check_cycles)):
        if table in tables:
            await check(checker, tables[table], columns[table])
    objectives, key_results = tables.get('objectives'), tables.get('key_results')
    checkins = tables.get('checkins')
    await load_objectives_by_ref(checker.existing, _refs(objectives, columns.get('objectives'), 'ref', 'aligns_to')
                                 | _refs(key_results, columns.get('key_results'), 'objective_ref'))
    await load_key_results(checker.existing, refs=_refs(key_results, columns.get('key_results'), 'ref')
                           | _refs(checkins, columns.get('checkins'), 'kr_ref')
                           | _refs(objectives, columns.get('objectives'), 'aligns_to'))
    okrs = OkrSheets(checker)
    if objectives is not None:
        await okrs.check_objectives(objectives, columns['objectives'])
    if key_results is not None:
        await okrs.check_key_results(key_results, columns['key_results'])
    if checkins is not None:
        await okrs.check_checkins(checkins, columns['checkins'])
    okrs.settle_values()
    await okrs.check_alignments()


@dataclass
class _KeyResultRow:
    row: Row
    title: str
    numbers: Numbers
    owner: PersonRef | None
    unit: str
    weight: float
    due: date | None
    confidence: int | None
    score: float | None


@dataclass
class _ObjectiveGroup:
    cycle: CycleRef
    team: TeamRef | None
    title: str
    owner: PersonRef | None = None
    priority: str = ''
    key_results: dict[str, _KeyResultRow] = field(default_factory=dict)


async def check_single_sheet(checker: Checker, sheet: Sheet) -> None:
    """Rows with the same cycle, team and objective text form one objective."""
    columns = _columns(checker, {SINGLE_SHEET: sheet})[SINGLE_SHEET]
    if checker.errors:
        return
    groups: dict[tuple, _ObjectiveGroup] = {}
    async for row in checker.rows(sheet, columns):
        cycle = checker.cycle(row, 'cycle')
        team = checker.team(row, 'team', create=True)
        objective = row.get('objective', cells.text, 500, required=True)
        objective_owner = checker.person(row, 'objective_owner')
        title = row.get('key_result', cells.text, 500, required=True)
        numbers = read_numbers(row)
        owner = checker.person(row, 'owner')
        unit = row.get('unit', cells.text, 30)
        weight = row.get('weight', cells.weight)
        due = row.get('due', cells.day)
        confidence = row.get('confidence', cells.confidence)
        priority = row.get('priority', cells.text, 10)
        score = row.get('score', cells.score)
        if not row.ok or cycle is None or numbers is None:
            continue
        group = groups.setdefault((identity(cycle), identity(team), name_key(objective)),
                                  _ObjectiveGroup(cycle, team, objective))
        group.owner = group.owner if group.owner is not None else objective_owner
        group.priority = group.priority or priority or ''
        if name_key(title) in group.key_results:
            row.fail('key_result', 'This key result appears twice in its objective (also row {other}).',
                     other=group.key_results[name_key(title)].row.number)
            continue
        group.key_results[name_key(title)] = _KeyResultRow(row, title, numbers, owner, unit or '', weight, due,
                                                           confidence, score)
    await _plan_groups(checker, list(groups.values()))


async def _plan_groups(checker: Checker, groups: list[_ObjectiveGroup]) -> None:
    existing = checker.existing
    await load_objectives_in_cycles(existing, {group.cycle for group in groups if isinstance(group.cycle, int)})
    matched: dict[int, ObjectiveRef] = {}
    for position, group in enumerate(groups):
        if isinstance(group.cycle, int) and (group.team is None or isinstance(group.team, int)):
            found = existing.objectives_by_title.get((group.cycle, group.team, name_key(group.title)))
            if found is not None:
                matched[position] = found
    await load_key_results(existing, objective_ids=matched.values())
    for position, group in enumerate(groups):
        objective = matched.get(position)
        if objective is None:
            level = 'person' if group.owner is not None else 'team' if group.team is not None else 'company'
            objective = NewObjective(None, group.cycle, group.title, level, group.team, group.owner,
                                     priority=group.priority)
            checker.plan.objectives.append(objective)
        else:
            checker.plan.unchanged['objectives'] += 1
        for index, (title_key, kr) in enumerate(group.key_results.items()):
            info = existing.key_results_by_title.get((objective, title_key)) if isinstance(objective, int) else None
            if info is not None:
                checker.plan.unchanged['key_results'] += 1
                checker.plan.unchanged['milestones'] += info.steps
                continue
            numbers = kr.numbers
            current = numbers.current if numbers.current is not None else numbers.start
            checker.plan.key_results.append(NewKeyResult(
                None, objective, kr.title, numbers.kind, numbers.start, numbers.target, current, kr.owner, kr.unit,
                numbers.direction, kr.weight, kr.due, kr.confidence, kr.score, index, numbers.steps))
