"""The workbook import format (DESIGN.md), written so that importing it gives back the same data."""
import io
from typing import Any

from services.exports.gather import CycleExport

SHEETS: dict[str, tuple[str, ...]] = {
    'teams': ('name', 'parent', 'kind'),
    'people': ('email', 'name', 'team', 'manager_email', 'role'),
    'cycles': ('name', 'start', 'end', 'cadence', 'state'),
    'objectives': ('ref', 'cycle', 'title', 'description', 'team', 'owner_email', 'aligns_to', 'priority', 'type',
                   'status', 'level', 'visibility'),
    'key_results': ('ref', 'objective_ref', 'title', 'type', 'start', 'target', 'current', 'unit', 'direction',
                    'weight', 'owner_email', 'due', 'confidence', 'score', 'milestones'),
    'checkins': ('kr_ref', 'at', 'value', 'confidence', 'note', 'next_step', 'author_email'),
}


def sheet_rows(export: CycleExport) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every sheet, header excluded, in the order the import resolves them."""
    cycle = export.cycle
    objectives = export.objectives
    return {
        'teams': [(team.name, team.parent, team.kind) for team in export.teams],
        'people': [(p.email, p.name, p.team, p.manager_email, p.role) for p in export.people],
        'cycles': [(cycle.name, cycle.start, cycle.end, cycle.cadence, cycle.state)],
        'objectives': [(o.ref, cycle.name, o.title, o.description, o.team_name, o.owner_email,
                        '; '.join(o.aligns_to), o.priority, o.kind, o.status, o.level, o.visibility)
                       for o in objectives],
        'key_results': [(kr.ref, o.ref, kr.title, kr.kind, kr.start, kr.target, kr.current, kr.unit, kr.direction,
                         kr.weight, kr.owner_email, kr.due, kr.confidence, kr.recorded_score, '; '.join(kr.steps))
                        for o in objectives for kr in o.key_results],
        # a time as ISO text keeps its offset and seconds, which an Excel date cell cannot hold
        'checkins': [(kr.ref, c.at.isoformat(), c.value, c.confidence, c.note, c.next_step, c.author_email)
                     for o in objectives for kr in o.key_results for c in kr.checkins],
    }


def render_xlsx(export: CycleExport) -> bytes:
    """An .xlsx workbook with one sheet per table."""
    from openpyxl import Workbook  # loaded only when someone exports
    workbook = Workbook(write_only=True)
    for name, rows in sheet_rows(export).items():
        sheet = workbook.create_sheet(name)
        sheet.append(SHEETS[name])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any) -> Any:
    if value == '':
        return None
    if isinstance(value, str) and value.startswith('='):
        from openpyxl.cell import WriteOnlyCell
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = 's'  # text that starts with "=" stays text: Excel must not run it as a formula
        return cell
    return value
