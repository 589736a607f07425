"""A person's performance summary of a cycle: their key results' scores and the weighted OKR part, as CSV or XLSX."""
import csv
import io
import logging
from dataclasses import dataclass

from tortoise.expressions import Q

from locales import translate
from models.cycle import Cycle
from models.okr import KeyResult
from models.org import User
from models.reviews import Assessment
from services import metrics
from services.access import load_access, require_active
from services.errors import Forbidden, Invalid, NotFound
from services.key_results import numbers, steps_by_key_result
from services.review_settings import review_settings

log = logging.getLogger(__name__)

FORMATS = {'csv': 'text/csv', 'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}
NOT_SCORED = 'Not scored yet (progress {progress})'
DEFAULTS_NOTE = ('Key results nobody scored count with their progress as a default score: '
                 'the OKR score and part are not final until every key result is reviewed.')
HEADERS = ('Objective', 'Key result', 'Progress', 'Self score', 'Manager score', 'Final score')
# with HEADERS: the texts of the file, in the reader's language
LABELS = ('Employee', 'Cycle', 'OKR score', 'OKR weight (%)', 'OKR part (points of 100)',
          'OKR scores are for learning, not pay.', 'Key results not reviewed yet', 'OKR score (with default scores)',
          NOT_SCORED, DEFAULTS_NOTE)


@dataclass(frozen=True)
class SummaryRow:
    objective_title: str
    key_result_title: str
    progress: float
    self_score: float | None
    manager_score: float | None
    final: float  # the reviewed score, else the default: progress
    reviewed: bool  # the owner or their manager scored it at the end round


@dataclass(frozen=True)
class PerformanceSummary:
    person_id: int
    person_name: str
    cycle_id: int
    cycle_name: str
    rows: tuple[SummaryRow, ...]
    okr_score: float | None  # the key results' final scores averaged by their weights
    okr_weight: int | None  # percent of the performance summary given to OKRs; None: not counted
    okr_part: float | None  # points out of 100: okr_score x okr_weight
    not_reviewed: int  # key results counted with their default score


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    content: bytes


async def summary_people(actor: User) -> list[PersonChoice]:
    """Whose summary this actor may export: their reports, or everyone for an admin."""
    require_active(actor)
    people = User.filter(active=True) if actor.is_admin else User.filter(manager_id=actor.id, active=True)
    return [PersonChoice(person.id, person.name) for person in await people.order_by('name', 'id')]


async def performance_summary(actor: User, *, person_id: int, cycle_id: int) -> PerformanceSummary:
    """One person's key results of a cycle with self, manager and final scores; their manager or an admin only."""
    access = await load_access(require_active(actor))
    person = await User.get_or_none(id=person_id)
    cycle = await Cycle.get_or_none(id=cycle_id)
    if person is None or cycle is None:
        raise NotFound('This person or cycle does not exist.')
    if not access.is_admin and access.manager_of.get(person.id) != actor.id:
        raise Forbidden('Only their manager or an admin may see this summary.')
    krs = await (KeyResult.filter(Q(owner_id=person.id) | Q(owner_id=None, objective__owner_id=person.id),
                                  objective__cycle_id=cycle.id, deleted_at=None, objective__deleted_at=None)
                 .select_related('objective', 'objective__cycle').order_by('objective_id', 'position', 'id'))
    ids = [kr.id for kr in krs]
    steps = await steps_by_key_result(ids)
    ends = {row.key_result_id: row for row in await Assessment.filter(key_result_id__in=ids, round='end')} \
        if ids else {}
    rows, parts = [], []
    for kr in krs:
        progress = numbers(kr, cycle, steps[kr.id])[0]
        final = metrics.score(kr.score, progress)
        end = ends.get(kr.id)
        own, manager = (end.self_score, end.manager_score) if end else (None, None)
        rows.append(SummaryRow(kr.objective.title, kr.title, progress, own, manager, final,
                               reviewed=own is not None or manager is not None))
        parts.append((final, kr.weight))
    weight = (await review_settings()).okr_weight
    okr_score = round(metrics.weighted_progress(parts), 2) if parts else None
    okr_part = round(okr_score * weight, 1) if okr_score is not None and weight else None
    return PerformanceSummary(person.id, person.name, cycle.id, cycle.name, tuple(rows), okr_score, weight, okr_part,
                              not_reviewed=sum(not row.reviewed for row in rows))


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ('=', '+', '-', '@', '\t', '\r'):
        return "'" + value
    return value


def _table(summary: PerformanceSummary, locale: str) -> list[list[object]]:
    def blank(score: float | None) -> object:
        return '' if score is None else score

    def text(english: str, **params: object) -> str:
        return translate(locale, english, **params)

    def final(row: SummaryRow) -> object:
        return row.final if row.reviewed else text(NOT_SCORED, progress=f'{row.final:.1f}')

    table: list[list[object]] = [[text('Employee'), _cell(summary.person_name)],
                                 [text('Cycle'), _cell(summary.cycle_name)], [], [text(name) for name in HEADERS]]
    for row in summary.rows:
        table.append([_cell(row.objective_title), _cell(row.key_result_title), round(row.progress, 2),
                      blank(row.self_score), blank(row.manager_score), final(row)])
    score_label = 'OKR score (with default scores)' if summary.not_reviewed else 'OKR score'
    table += [[], [text(score_label), blank(summary.okr_score)], [text('OKR weight (%)'), blank(summary.okr_weight)],
              [text('OKR part (points of 100)'), blank(summary.okr_part)],
              [text('Key results not reviewed yet'), summary.not_reviewed]]
    if summary.not_reviewed:
        table.append([text(DEFAULTS_NOTE)])
    table.append([text('OKR scores are for learning, not pay.')])
    return table


def _csv(table: list[list[object]]) -> bytes:
    text = io.StringIO()
    csv.writer(text).writerows(table)
    return text.getvalue().encode('utf-8-sig')  # the byte order mark lets Excel read Chinese names


def _xlsx(table: list[list[object]]) -> bytes:
    from openpyxl import Workbook  # loaded only when someone exports
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = 'Performance'
    for line in table:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def export_summary(actor: User, *, person_id: int, cycle_id: int, kind: str,
                         locale: str = 'en') -> ExportFile:
    """The performance summary as a CSV or XLSX file in the reader's language; their manager or an admin only."""
    if kind not in FORMATS:
        raise Invalid('Choose CSV or XLSX.', field='format')
    summary = await performance_summary(actor, person_id=person_id, cycle_id=cycle_id)
    table = _table(summary, locale)
    content = _csv(table) if kind == 'csv' else _xlsx(table)
    log.info('performance summary of %s in cycle %s exported by %s', person_id, cycle_id, actor.id)
    return ExportFile(f'performance-{person_id}-{cycle_id}.{kind}', FORMATS[kind], content)
