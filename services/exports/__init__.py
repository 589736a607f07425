"""Exports of a cycle's OKRs to PDF, PPTX and XLSX (the workbook import format)."""
import asyncio
import logging

from models.org import User
from services.errors import Invalid
from services.exports.gather import CycleExport, gather, retrospective_for

__all__ = ['FORMATS', 'CycleExport', 'check_format', 'export_cycle', 'file_name', 'prepare_export', 'render']

log = logging.getLogger(__name__)

FORMATS = ('pdf', 'pptx', 'xlsx')


def render(export: CycleExport, file_format: str, locale: str = 'en') -> bytes:
    """The file's bytes; pure CPU work, meant to run off the event loop."""
    if file_format == 'pdf':
        from services.exports.pdf import render_pdf
        return render_pdf(export, locale)
    if file_format == 'pptx':
        from services.exports.pptx import render_pptx
        return render_pptx(export, locale)
    from services.exports.xlsx import render_xlsx
    return render_xlsx(export)


def check_format(file_format: str) -> str:
    found = (file_format or '').strip().lower()
    if found not in FORMATS:
        raise Invalid('Unknown export format "{value}": use pdf, pptx or xlsx.', field='format', value=file_format)
    return found


def file_name(export: CycleExport, file_format: str) -> str:
    """cycle-name[-team].ext, with characters that file systems refuse replaced."""
    parts = [export.cycle.name] + ([export.team_name] if export.team_id is not None else [])
    stem = '-'.join(parts)
    stem = ''.join('-' if char in '\\/:*?"<>|' or char.isspace() else char for char in stem).strip('-.')
    return f'{stem or "export"}.{file_format}'


async def prepare_export(actor: User, cycle_id: int, file_format: str, *,
                         team_id: int | None = None) -> CycleExport:
    """Everything one export shows, read from the database as the actor may see it."""
    file_format = check_format(file_format)
    export = await gather(actor, cycle_id, team_id)
    if file_format != 'xlsx':
        export = export.with_retrospective(await retrospective_for(actor, cycle_id, team_id))
    log.info('export of cycle %s (team %s) as %s by %s: %d objectives', cycle_id, team_id, file_format, actor.id,
             len(export.objectives))
    return export


async def export_cycle(actor: User, cycle_id: int, file_format: str, *, team_id: int | None = None,
                       locale: str = 'en') -> tuple[str, bytes]:
    """(file name, bytes) of a cycle's export as the actor sees it; rendered in a worker thread."""
    export = await prepare_export(actor, cycle_id, file_format, team_id=team_id)
    file_format = check_format(file_format)
    return file_name(export, file_format), await asyncio.to_thread(render, export, file_format, locale)
