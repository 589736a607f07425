"""Who could be the month's OKR Star: a score from the month's data, with its four parts named and weighted."""
from dataclasses import dataclass
from datetime import date, timedelta

from models.checkin import CheckIn
from models.okr import Alignment, KeyResult
from models.org import User
from models.recognition import Kudos
from services import clock
from services.dashboards.health import timeliness as timeliness_share
from services.key_results import numbers, start_moment, steps_by_key_result, window_of

TIMELINESS_WEIGHT = 0.3  # share of the weekly check-ins due in the month that were made in their week
PACE_WEIGHT = 0.3  # average pace of their key results: on pace is 0.5, half a window ahead is 1
ALIGNMENT_WEIGHT = 0.2  # share of the objectives they work on that align to a parent objective
KUDOS_WEIGHT = 0.2  # kudos received on comments in the month, KUDOS_FOR_FULL or more is 1
KUDOS_FOR_FULL = 5


def star_score(timeliness: float, pace: float, alignment: float, kudos: float) -> float:
    """The one formula: a weighted sum of the four parts (each 0..1), itself 0..1."""
    return (TIMELINESS_WEIGHT * timeliness + PACE_WEIGHT * pace + ALIGNMENT_WEIGHT * alignment
            + KUDOS_WEIGHT * kudos)


def pace_part(paces: list[float]) -> float:
    average = sum(paces) / len(paces) if paces else -0.5
    return min(1.0, max(0.0, 0.5 + average))


def kudos_part(received: int) -> float:
    return min(1.0, received / KUDOS_FOR_FULL)


@dataclass(frozen=True)
class Parts:
    person_id: int
    timeliness: float
    pace: float
    alignment: float
    kudos: int

    @property
    def score(self) -> float:
        return star_score(self.timeliness, self.pace, self.alignment, kudos_part(self.kudos))


def weeks_between(first: date, last: date) -> set[date]:
    """The Mondays in first..last: a week belongs to the month it starts in."""
    monday = first + timedelta(days=-first.weekday() % 7)
    weeks = set()
    while monday <= last:
        weeks.add(monday)
        monday += timedelta(days=7)
    return weeks


async def month_parts(first: date, last: date, people: set[int]) -> list[Parts]:
    """The four parts for each of `people` who had key results or kudos in the month first..last."""
    until = min(last, clock.today())
    krs = await (KeyResult.filter(deleted_at=None, objective__deleted_at=None, objective__cycle__start__lte=until,
                                  objective__cycle__end__gte=first)
                 .exclude(objective__cycle__state='planning').select_related('objective', 'objective__cycle'))
    krs = [kr for kr in krs if (kr.owner_id or kr.objective.owner_id) in people]
    steps = await steps_by_key_result([kr.id for kr in krs])
    checked = await _weeks_checked([kr.id for kr in krs], first, until)
    aligned = set(await Alignment.filter(objective_id__in={kr.objective_id for kr in krs})
                  .values_list('objective_id', flat=True))
    kudos = await _kudos_received(first, last, people)
    by_person: dict[int, list[KeyResult]] = {}
    for kr in krs:
        by_person.setdefault(kr.owner_id or kr.objective.owner_id, []).append(kr)
    found = []
    for person_id in people:
        owned = by_person.get(person_id, [])
        if not owned and not kudos.get(person_id):
            continue
        due = made = 0
        paces = []
        for kr in owned:
            start, end = window_of(kr, kr.objective.cycle)
            weeks = weeks_between(max(first, start), min(until, end)) if max(first, start) <= min(until, end) \
                else set()
            due, made = due + len(weeks), made + len(weeks & checked.get(kr.id, set()))
            progress, expected, _ = numbers(kr, kr.objective.cycle, steps[kr.id], on=until)
            paces.append(progress - expected)
        objectives = {kr.objective_id for kr in owned}
        found.append(Parts(person_id, timeliness_share(made, due) if owned else 0.0, pace_part(paces),
                           len(objectives & aligned) / len(objectives) if objectives else 0.0,
                           kudos.get(person_id, 0)))
    return found


async def _weeks_checked(kr_ids: list[int], first: date, until: date) -> dict[int, set[date]]:
    rows = await CheckIn.filter(key_result_id__in=kr_ids, at__gte=start_moment(first),
                                at__lt=start_moment(until + timedelta(days=1))).values_list('key_result_id', 'at')
    weeks: dict[int, set[date]] = {}
    for kr_id, at in rows:
        day = at.astimezone(start_moment(first).tzinfo).date()
        weeks.setdefault(kr_id, set()).add(day - timedelta(days=day.weekday()))
    return weeks


async def _kudos_received(first: date, last: date, people: set[int]) -> dict[int, int]:
    rows = await Kudos.filter(receiver_id__in=people, at__gte=start_moment(first),  # a deleted comment's are gone
                              at__lt=start_moment(last + timedelta(days=1)),
                              comment__deleted_at=None).values_list('receiver_id', flat=True)
    counted: dict[int, int] = {}
    for receiver in rows:
        counted[receiver] = counted.get(receiver, 0) + 1
    return counted


async def active_people() -> set[int]:
    return set(await User.filter(active=True).values_list('id', flat=True))
