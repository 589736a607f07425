"""Importing OKRs from spreadsheets: every row checked first, then all written in one transaction, or nothing."""
import asyncio
import logging
from pathlib import Path

from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.transactions import in_transaction

from models.org import User
from services import events
from services.access import load_access, require_active
from services.importing.checking import Checker, Progress
from services.importing.columns import SINGLE_SHEET, layout_of
from services.importing.formats import check_single_sheet, check_workbook
from services.importing.lookups import Existing, load_org
from services.importing.plan import ident
from services.importing.reading import MAX_BYTES, MAX_ROWS, Sheet, read_files, read_path
from services.importing.report import KINDS, ImportReport, Refused, RowError, failed, report_lines
from services.importing.writing import touched_cycles, write

__all__ = ['KINDS', 'MAX_BYTES', 'MAX_ROWS', 'ImportReport', 'RowError', 'import_files', 'import_path',
           'import_upload', 'report_lines']

log = logging.getLogger(__name__)


async def import_path(path: str | Path, *, dry_run: bool = False, actor: User | None = None,
                      progress: Progress | None = None) -> ImportReport:
    """Import an .xlsx or CSV file, or a folder of CSV files; without an actor it runs as the operator (CLI)."""
    if actor is not None:
        (await load_access(require_active(actor))).require_admin()
    try:
        sheets = await asyncio.to_thread(read_path, Path(path))
    except Refused as refused:
        return failed([refused.error], dry_run=dry_run)
    return await _import(sheets, dry_run=dry_run, actor=actor, progress=progress)


async def import_upload(actor: User, filename: str, content: bytes, *, dry_run: bool = False,
                        progress: Progress | None = None) -> ImportReport:
    """Import one uploaded file; admins only."""
    return await import_files(actor, [(filename, content)], dry_run=dry_run, progress=progress)


async def import_files(actor: User, files: list[tuple[str, bytes]], *, dry_run: bool = False,
                       progress: Progress | None = None) -> ImportReport:
    """Import uploaded files given as (name, content): one .xlsx or CSV file, or the CSV files of a workbook."""
    (await load_access(require_active(actor))).require_admin()
    if progress is not None:
        progress('reading', 0, 1)
    try:
        sheets = await asyncio.to_thread(read_files, files)
    except Refused as refused:
        return failed([refused.error], dry_run=dry_run)
    return await _import(sheets, dry_run=dry_run, actor=actor, progress=progress)


async def _check(sheets: list[Sheet], progress: Progress | None) -> tuple[Checker, str, list[str]]:
    layout, tables, skipped = layout_of(sheets)
    existing = Existing()
    await load_org(existing)
    checker = Checker(existing, total_rows=sum(len(sheet.rows) for sheet in tables.values()), progress=progress)
    await checker.tick()
    if layout == SINGLE_SHEET:
        await check_single_sheet(checker, tables[SINGLE_SHEET])
    else:
        await check_workbook(checker, tables)
    checker.done_rows = checker.total_rows
    await checker.tick()
    return checker, layout, skipped


async def _import(sheets: list[Sheet], *, dry_run: bool, actor: User | None,
                  progress: Progress | None) -> ImportReport:
    try:
        if dry_run:
            checker, layout, skipped = await _check(sheets, progress)
        else:
            # checked again inside the transaction, so nothing changes between the check and the write
            async with in_transaction():
                checker, layout, skipped = await _check(sheets, progress)
                if not checker.errors:
                    await write(checker.plan, progress)
    except Refused as refused:
        return failed([refused.error], dry_run=dry_run)
    except (IntegrityError, OperationalError) as error:
        log.warning('import refused by the database: %s', type(error).__name__)
        return failed([RowError('', None, None, 'The database refused the import ({reason}); nothing was written.',
                                {'reason': type(error).__name__})], dry_run=dry_run)
    rows = checker.total_rows
    if checker.errors:
        log.warning('import refused: %d errors', len(checker.errors))
        return failed(checker.errors, dry_run=dry_run, layout=layout, rows=rows)
    if progress is not None:
        progress('done', 1, 1)
    report = ImportReport(ok=True, dry_run=dry_run, layout=layout, rows=rows, errors=[], error_count=0,
                          created=checker.plan.created(), unchanged=checker.plan.unchanged_counts(),
                          skipped_sheets=skipped)
    if not dry_run:
        await _announce(checker, actor)
    return report


async def _announce(checker: Checker, actor: User | None) -> None:
    plan = checker.plan
    created = plan.created()
    log.info('import by %s created %s', actor.id if actor else 'operator',
             ', '.join(f'{created[kind]} {kind}' for kind in KINDS if created[kind]) or 'nothing')
    for cycle in plan.cycles:
        events.org_changed.emit(events.Change('cycle', ident(cycle), cycle_id=ident(cycle)))
    if (plan.teams or plan.people) and checker.root is not None:
        root = ident(checker.root)
        events.org_changed.emit(events.Change('team', root, team_id=root))
    for cycle_id in sorted(await touched_cycles(plan)):
        events.okr_changed.emit(events.Change('cycle', cycle_id, cycle_id=cycle_id))
