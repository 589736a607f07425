"""Checking the objectives, key_results and checkins sheets of a workbook, and the alignments between refs."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from services.importing import cells
from services.importing.checking import Checker, Row
from services.importing.columns import Columns
from services.importing.lookups import checkin_key, load_alignments, load_checkins
from services.importing.measures import check_value, read_numbers
from services.importing.plan import (
    KeyResultRef,
    NewAlignment,
    NewCheckIn,
    NewKeyResult,
    NewObjective,
    ObjectiveRef,
    ValueUpdate,
    identity,
)
from services.importing.reading import Sheet

UNKNOWN_OBJECTIVE_KIND = 'Unknown type "{value}": use committed or aspirational.'
UNKNOWN_STATUS = 'Unknown status "{value}": use draft, active, closed or cancelled.'
UNKNOWN_LEVEL = 'Unknown level "{value}": use company, team or person.'
UNKNOWN_VISIBILITY = 'Unknown visibility "{value}": use company or private.'


@dataclass(frozen=True)
class _KeyResultTarget:
    ref: KeyResultRef
    kind: str
    steps: float | None


class OkrSheets:
    """Objectives and key results found by ref, in the file or in the database."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.objectives: dict[str, ObjectiveRef] = {}
        self.key_results: dict[str, _KeyResultTarget] = {}
        self.aligning: list[tuple[Row, ObjectiveRef, list[str]]] = []
        self.last: dict[tuple[str, int], NewCheckIn] = {}  # newest check-in of the file, per key result
        self.broken: set[str] = set()  # refs of rows with errors: rows that point at them get no second error

    def objective(self, ref: str) -> ObjectiveRef | None:
        found = self.objectives.get(ref)
        return found if found is not None else self.checker.existing.objectives_by_ref.get(ref)

    def key_result(self, ref: str) -> _KeyResultTarget | None:
        found = self.key_results.get(ref)
        if found is None and ref in self.checker.existing.key_results_by_ref:
            info = self.checker.existing.key_results_by_ref[ref]
            found = _KeyResultTarget(info.id, info.kind, info.steps or info.target)
        return found

    async def check_objectives(self, sheet: Sheet, columns: Columns) -> None:
        checker, seen = self.checker, {}
        async for row in checker.rows(sheet, columns):
            ref = row.get('ref', cells.ref, required=True)
            cycle = checker.cycle(row, 'cycle')
            title = row.get('title', cells.text, 500, required=True)
            description = row.get('description', cells.long_text, 10_000)
            team = checker.team(row, 'team', create=False)
            owner = checker.person(row, 'owner_email')
            priority = row.get('priority', cells.text, 10)
            kind = row.get('type', cells.choice, cells.OBJECTIVE_KINDS, UNKNOWN_OBJECTIVE_KIND)
            status = row.get('status', cells.choice, cells.OBJECTIVE_STATUSES, UNKNOWN_STATUS)
            aligns_to = row.get('aligns_to', cells.refs)
            level = row.get('level', cells.choice, cells.LEVELS, UNKNOWN_LEVEL)
            visibility = row.get('visibility', cells.choice, cells.VISIBILITIES, UNKNOWN_VISIBILITY)
            if level is None:  # without the column, an owner makes it personal, else a team makes it the team's
                level = 'person' if owner is not None else 'team' if team is not None else 'company'
            elif level == 'team' and team is None:
                row.fail('team', 'A team objective needs its team.')
            elif level == 'person' and owner is None:
                row.fail('owner_email', 'A personal objective needs its owner.')
            if not row.ok or cycle is None:
                self.broken.add(ref or '')
                continue
            if ref in seen:
                row.fail('ref', 'The ref "{value}" appears twice (also row {other}).', value=ref, other=seen[ref])
                continue
            seen[ref] = row.number
            found: ObjectiveRef | None = checker.existing.objectives_by_ref.get(ref)
            if found is None:
                found = NewObjective(ref, cycle, title, level, team, owner, description or '', priority or '',
                                     kind or 'committed', status or 'active', visibility=visibility or 'company')
                checker.plan.objectives.append(found)
            else:
                checker.plan.unchanged['objectives'] += 1
            self.objectives[ref] = found
            if aligns_to:
                self.aligning.append((row, found, aligns_to))

    async def check_key_results(self, sheet: Sheet, columns: Columns) -> None:
        checker, seen = self.checker, {}
        positions: Counter = Counter()
        async for row in checker.rows(sheet, columns):
            ref = row.get('ref', cells.ref, required=True)
            objective_ref = row.get('objective_ref', cells.ref, required=True)
            title = row.get('title', cells.text, 500, required=True)
            numbers = read_numbers(row)
            unit = row.get('unit', cells.text, 30)
            weight = row.get('weight', cells.weight)
            owner = checker.person(row, 'owner_email')
            due = row.get('due', cells.day)
            confidence = row.get('confidence', cells.confidence)
            score = row.get('score', cells.score)
            objective = self.objective(objective_ref) if objective_ref else None
            if objective_ref and objective is None and objective_ref not in self.broken:
                row.fail('objective_ref', 'Unknown objective "{value}": no row of the objectives sheet has this ref.',
                         value=objective_ref)
            if not row.ok or numbers is None or objective is None:
                self.broken.add(ref or '')
                continue
            if ref in seen:
                row.fail('ref', 'The ref "{value}" appears twice (also row {other}).', value=ref, other=seen[ref])
                continue
            seen[ref] = row.number
            info = checker.existing.key_results_by_ref.get(ref)
            if info is not None:
                checker.plan.unchanged['key_results'] += 1
                checker.plan.unchanged['milestones'] += info.steps
                self.key_results[ref] = _KeyResultTarget(info.id, info.kind, info.steps or info.target)
                continue
            kr = NewKeyResult(ref, objective, title, numbers.kind, numbers.start, numbers.target, numbers.current,
                              owner, unit or '', numbers.direction, weight, due, confidence, score,
                              positions[identity(objective)], numbers.steps)
            positions[identity(objective)] += 1
            checker.plan.key_results.append(kr)
            self.key_results[ref] = _KeyResultTarget(kr, kr.kind, kr.target)

    async def check_checkins(self, sheet: Sheet, columns: Columns) -> None:
        checker = self.checker
        await load_checkins(checker.existing, [info.id for info in checker.existing.key_results_by_ref.values()])
        seen: Counter = Counter()
        async for row in checker.rows(sheet, columns):
            kr_ref = row.get('kr_ref', cells.ref, required=True)
            at = row.get('at', cells.moment, required=True)
            confidence = row.get('confidence', cells.confidence)
            note = row.get('note', cells.long_text, 2000)
            next_step = row.get('next_step', cells.long_text, 2000)
            author = checker.person(row, 'author_email')
            target = self.key_result(kr_ref) if kr_ref else None
            if kr_ref and target is None and kr_ref not in self.broken:
                row.fail('kr_ref', 'Unknown key result "{value}": no row of the key_results sheet has this ref.',
                         value=kr_ref)
            value = check_value(row, 'value', target.kind, target.steps) if target else None
            if not row.ok or target is None or value is None or at is None:
                continue
            if isinstance(target.ref, int):
                key = checkin_key(target.ref, at, value)
                seen[key] += 1
                if seen[key] <= checker.existing.checkins[key]:
                    checker.plan.unchanged['checkins'] += 1
                    continue
            checkin = NewCheckIn(target.ref, at, value, confidence, note or '', next_step or '', author)
            checker.plan.checkins.append(checkin)
            latest = self.last.get(identity(target.ref))
            if latest is None or at >= latest.at:
                self.last[identity(target.ref)] = checkin

    def settle_values(self) -> None:
        """A key result's value: the sheet's current, else its newest check-in, else its start."""
        plan, existing = self.checker.plan, self.checker.existing
        for kr in plan.key_results:
            latest = self.last.get(identity(kr))
            if kr.current is None:
                kr.current = latest.value if latest else kr.start
            if kr.confidence is None and latest is not None:
                kr.confidence = latest.confidence
        for latest in self.last.values():
            kr_id = latest.key_result
            if not isinstance(kr_id, int):
                continue
            known: datetime | None = existing.last_checkin.get(kr_id)
            if known is None or latest.at > known:
                plan.updates.append(ValueUpdate(kr_id, latest.value, latest.confidence))

    async def check_alignments(self) -> None:
        checker = self.checker
        await load_alignments(checker.existing, [ref for _, ref, _ in self.aligning if isinstance(ref, int)])
        planned: set[tuple] = set()
        for row, objective, refs in self.aligning:
            for ref in refs:
                parent = self.objective(ref)
                target = self.key_result(ref) if parent is None else None
                parent_kr = target.ref if target is not None else None
                if parent is None and parent_kr is None:
                    if ref not in self.broken:
                        row.fail('aligns_to', 'Unknown ref "{value}": no objective or key result has it.', value=ref)
                    continue
                if parent is not None and identity(parent) == identity(objective):
                    row.fail('aligns_to', 'An objective cannot align to itself ("{value}").', value=ref)
                    continue
                key = (identity(objective), identity(parent), identity(parent_kr))
                stored = (objective, parent, parent_kr)
                if key in planned or (all(isinstance(part, int | None) for part in stored)
                                      and stored in checker.existing.alignments):
                    checker.plan.unchanged['alignments'] += 1
                    continue
                planned.add(key)
                checker.plan.alignments.append(NewAlignment(objective, parent, parent_kr))
