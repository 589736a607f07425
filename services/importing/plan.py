"""What an import will write: new rows that point at existing ids or at each other, and the counts."""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from services.importing.report import KINDS


@dataclass(eq=False)
class NewTeam:
    name: str
    parent: 'TeamRef | None'
    kind: str = 'team'
    id: int | None = None


@dataclass(eq=False)
class NewPerson:
    email: str | None
    name: str
    role: str = 'member'
    team: 'TeamRef | None' = None
    manager: 'PersonRef | None' = None
    id: int | None = None


@dataclass(eq=False)
class NewCycle:
    name: str
    start: date
    end: date
    cadence: str
    state: str
    review_date: date
    id: int | None = None


@dataclass(eq=False)
class NewObjective:
    ref: str | None
    cycle: 'CycleRef'
    title: str
    level: str
    team: 'TeamRef | None' = None
    owner: 'PersonRef | None' = None
    description: str = ''
    priority: str = ''
    kind: str = 'committed'
    status: str = 'active'
    id: int | None = None
    visibility: str = 'company'


@dataclass(eq=False)
class NewKeyResult:
    ref: str | None
    objective: 'ObjectiveRef'
    title: str
    kind: str
    start: float
    target: float | None
    current: float | None  # None: from the last check-in, else the start
    owner: 'PersonRef | None' = None
    unit: str = ''
    direction: str = 'increase'
    weight: float = 1.0
    due: date | None = None
    confidence: int | None = None
    score: float | None = None
    position: int = 0
    steps: list[str] = field(default_factory=list)
    id: int | None = None


@dataclass(eq=False)
class NewCheckIn:
    key_result: 'KeyResultRef'
    at: datetime
    value: float
    confidence: int | None = None
    note: str = ''
    next_step: str = ''
    author: 'PersonRef | None' = None


@dataclass(eq=False)
class NewAlignment:
    objective: 'ObjectiveRef'
    parent_objective: 'ObjectiveRef | None' = None
    parent_key_result: 'KeyResultRef | None' = None


@dataclass(frozen=True)
class ValueUpdate:
    """An existing key result whose newest check-in comes from the file."""
    key_result_id: int
    current: float
    confidence: int | None


TeamRef = int | NewTeam
PersonRef = int | NewPerson
CycleRef = int | NewCycle
ObjectiveRef = int | NewObjective
KeyResultRef = int | NewKeyResult


def ident(ref: int | NewTeam | NewPerson | NewCycle | NewObjective | NewKeyResult | None) -> int | None:
    """The database id of an existing row or of a new one once it is written."""
    if ref is None or isinstance(ref, int):
        return ref
    if ref.id is None:
        raise RuntimeError(f'{type(ref).__name__} is not written yet')
    return ref.id


def identity(ref: object) -> tuple[str, int] | None:
    """A hashable identity for an existing id or a planned row, to group by before anything is written."""
    if ref is None:
        return None
    return ('id', ref) if isinstance(ref, int) else ('new', id(ref))


@dataclass
class Plan:
    teams: list[NewTeam] = field(default_factory=list)
    people: list[NewPerson] = field(default_factory=list)
    cycles: list[NewCycle] = field(default_factory=list)
    objectives: list[NewObjective] = field(default_factory=list)
    key_results: list[NewKeyResult] = field(default_factory=list)
    checkins: list[NewCheckIn] = field(default_factory=list)
    alignments: list[NewAlignment] = field(default_factory=list)
    updates: list[ValueUpdate] = field(default_factory=list)
    unchanged: Counter = field(default_factory=Counter)

    def created(self) -> dict[str, int]:
        counts = {kind: len(getattr(self, kind)) for kind in KINDS if kind != 'milestones'}
        counts['milestones'] = sum(len(kr.steps) for kr in self.key_results)
        return {kind: counts[kind] for kind in KINDS}

    def unchanged_counts(self) -> dict[str, int]:
        return {kind: self.unchanged[kind] for kind in KINDS}
