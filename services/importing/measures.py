"""The numbers of a key result row (type, start, target, current, direction, steps) and of a check-in's value."""
from dataclasses import dataclass, field

from services.importing import cells
from services.importing.checking import Row

UNKNOWN_TYPE = 'Unknown type "{value}": use number, percent, currency, boolean or milestone.'
UNKNOWN_DIRECTION = 'Unknown direction "{value}": use increase or decrease.'


@dataclass
class Numbers:
    kind: str
    start: float
    target: float | None
    current: float | None
    direction: str
    steps: list[str] = field(default_factory=list)


def read_numbers(row: Row) -> Numbers | None:
    """The measure of a key result row, checked as a whole; None (with errors on the row) when it does not fit."""
    kind = row.get('type', cells.choice, cells.KR_KINDS, UNKNOWN_TYPE)
    steps = _steps(row)
    kind = kind or ('milestone' if steps else 'number')
    start = row.get('start', cells.measured, kind)
    target = row.get('target', cells.measured, kind)
    current = row.get('current', cells.measured, kind)
    direction = row.get('direction', cells.choice, cells.DIRECTIONS, UNKNOWN_DIRECTION)
    if not row.ok:
        return None
    if kind == 'milestone':
        start, target = 0.0, _milestone_target(row, steps, target)
        if target and current is not None and not _is_step_count(current, target):
            row.fail('current', 'Choose how many of the {n} steps are done, not "{value}".',
                     n=int(target), value=cells.shown(row.raw('current')))
    elif kind == 'boolean':
        start, target = 0.0, 1.0
        if current not in (None, 0.0, 1.0):
            row.fail('current', 'A yes/no key result is 0 (not done) or 1 (done), not "{value}".',
                     value=cells.shown(row.raw('current')))
    start = start or 0.0  # an empty start is 0
    direction = direction or ('decrease' if target is not None and target < start else 'increase')
    return Numbers(kind, start, target, current, direction, steps) if row.ok else None


def _steps(row: Row) -> list[str]:
    steps = cells.refs(row.raw('milestones'))
    for step in steps:
        if len(step) > 300:
            row.fail('milestones', 'A step has at most {limit} characters: "{value}".', limit=300,
                     value=cells.shown(step))
    return steps


def _milestone_target(row: Row, steps: list[str], target: float | None) -> float | None:
    if steps:
        if target is not None and target != len(steps):
            row.fail('target', "A milestone key result's target is its number of steps ({steps}), not {value}.",
                     steps=len(steps), value=cells.shown(row.raw('target')))
        return float(len(steps))
    if target is None or target != int(target) or not 1 <= target <= 100:
        row.fail('milestones', 'Name the steps of this milestone key result, separated by ";".')
        return None
    return target


def _is_step_count(value: float, steps: float) -> bool:
    return value == int(value) and 0 <= value <= steps


def check_value(row: Row, column: str, kind: str, steps: float | None) -> float | None:
    """A check-in's value, as far as the key result's type allows it."""
    value = row.get(column, cells.measured, kind, required=True)
    if value is None:
        return None
    if kind == 'boolean' and value not in (0.0, 1.0):
        row.fail(column, 'A yes/no key result is 0 (not done) or 1 (done), not "{value}".',
                 value=cells.shown(row.raw(column)))
        return None
    if kind == 'milestone' and steps and not _is_step_count(value, steps):
        row.fail(column, 'Choose how many of the {n} steps are done, not "{value}".', n=int(steps),
                 value=cells.shown(row.raw(column)))
        return None
    return value
