"""The shape of a cycle's retrospective, shared by the retrospective page and the PDF and PPTX exports."""
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RetroNumbers:
    objectives: int
    key_results: int
    score_buckets: tuple[tuple[str, int], ...]  # ('0.0-0.3', n), ('0.4-0.6', n), ('0.7-1.0', n)
    share_good: float  # share of key results scored 0.7 or more
    share_low: float  # share of key results scored 0.3 or less
    timeliness: float | None  # share of expected weekly check-ins made on time; None without any expected
    health: tuple[tuple[date, int], ...]  # health 0-100 over the cycle, one point per snapshot day


@dataclass(frozen=True)
class RetroItem:
    key_result_id: int
    title: str
    objective_title: str
    owner_name: str
    score: float
    notes: tuple[str, ...]  # check-in notes that show how it went, newest first


@dataclass(frozen=True)
class Retrospective:
    cycle_id: int
    cycle_name: str
    team_id: int | None  # None: the whole company
    team_name: str
    numbers: RetroNumbers
    went_well: tuple[RetroItem, ...]
    did_not: tuple[RetroItem, ...]
    gains: str  # the sections the team writes
    problems: str
    plan: str
    published: bool
