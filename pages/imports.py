"""Import: an admin uploads a spreadsheet, sees every row checked, then writes it all in one go."""
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, events, ui

from pages import theme
from pages.i18n import N_, _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import importing
from services.errors import ServiceError

if TYPE_CHECKING:
    from models.org import User

router = APIRouter()

ACCEPTED = ('.xlsx', '.csv')
KIND_LABELS = {'teams': N_('Teams'), 'people': N_('People'), 'cycles': N_('Cycles'), 'objectives': N_('Objectives'),
               'key_results': N_('Key results'), 'milestones': N_('Milestones'), 'alignments': N_('Alignments'),
               'checkins': N_('Check-ins')}
STAGES = {'reading': N_('Reading the file…'), 'checking': N_('Checking rows…'), 'writing': N_('Writing…'),
          'done': N_('Done')}
HELP = (
    N_('Single sheet: one row per key result, with the columns cycle, team, objective, objective_owner, '
       'key_result, owner, type, start, target, current, unit, due, confidence, priority, score.'),
    N_('Workbook: one sheet (or CSV file) per table: teams, people, cycles, objectives, key_results, checkins.'),
    N_('Chinese column names work too (周期, 团队, 目标, 关键成果, 负责人, ...). Every row is checked before '
       'anything is written, and importing the same file again adds nothing.'),
)


def _where(error: importing.RowError) -> str:
    if error.row is not None and error.column:
        return _('{sheet}, row {row}, column {column}', sheet=error.sheet, row=error.row, column=error.column)
    if error.row is not None:
        return _('{sheet}, row {row}', sheet=error.sheet, row=error.row)
    return error.sheet


def _counts(counts: dict[str, int], testid: str) -> None:
    with ui.element('div').classes('grid grid-cols-2 sm:grid-cols-4 gap-2 w-full').props(f'data-testid={testid}'):
        for kind in importing.KINDS:
            with ui.column().classes('gap-0 p-2 rounded bg-grey-2'):
                ui.label(str(counts.get(kind, 0))).classes('text-h6').props(f'data-testid={testid}-{kind}')
                ui.label(_(KIND_LABELS[kind])).classes(theme.MUTED)


def _unchanged(report: importing.ImportReport) -> None:
    if any(report.unchanged.values()):
        ui.label(_('Already there, left unchanged')).classes(theme.MUTED)
        _counts(report.unchanged, 'import-unchanged')


def _errors(report: importing.ImportReport) -> None:
    ui.label(_('Problems found: {count}. Nothing was written.', count=report.error_count)) \
        .classes('text-negative font-medium').props('data-testid=import-failed')
    with ui.column().classes('w-full gap-2'):
        for error in report.errors:
            with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=import-error data-row={error.row}'):
                ui.label(_where(error)).classes(theme.MUTED)
                ui.label(_(error.message, **error.params)).classes('break-words')
        if report.error_count > len(report.errors):
            ui.label(_('… and {count} more.', count=report.error_count - len(report.errors))).classes(theme.MUTED)


def _too_much(files: list[ui.upload.FileUpload]) -> str | None:
    """The server's own check of what the browser sent: type by name ending, and size."""
    for file in files:
        if not file.name.lower().endswith(ACCEPTED):
            return _('{name} is not a spreadsheet: use an .xlsx file or CSV files.', name=file.name)
    if sum(file.size() for file in files) > importing.MAX_BYTES:
        return _('The file is larger than {limit} MB; split it into smaller files.',
                 limit=importing.MAX_BYTES // (1024 * 1024))
    return None


@router.page('/admin/import')
async def import_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    chosen: list[tuple[str, bytes]] = []

    def show_progress(stage: str, done: int, total: int) -> None:
        progress.visible = stage != 'done'
        progress.value = done / total if total else 0
        stage_label.text = _(STAGES.get(stage, stage))

    async def run(actor: 'User', *, dry_run: bool) -> None:
        stage_label.text = _(STAGES['reading'])
        progress.visible = True
        try:
            report = await importing.import_files(actor, list(chosen), dry_run=dry_run, progress=show_progress)
        except ServiceError as error:
            upload_error.text = error_text(error)
            return
        finally:
            progress.visible = False
        stage_label.text = _(STAGES['done']) if report.ok else ''
        results.refresh(report)

    async def received(event: events.MultiUploadEventArguments) -> None:
        actor = await acting()
        if actor is None:
            return
        upload.reset()
        refusal = _too_much(event.files)
        upload_error.text = refusal or ''
        if refusal:
            chosen.clear()
            results.refresh(None)
            return
        chosen[:] = [(file.name, await file.read()) for file in event.files]
        await run(actor, dry_run=True)

    async def write() -> None:
        actor = await acting()
        if actor is None or not chosen:
            return
        await run(actor, dry_run=False)
        chosen.clear()

    @ui.refreshable
    def results(report: importing.ImportReport | None = None) -> None:
        if report is None:
            return
        if not report.ok:
            _errors(report)
        elif report.dry_run:
            ui.label(_('All {rows} rows are valid. Nothing is written yet.', rows=report.rows)) \
                .classes('text-positive font-medium').props('data-testid=import-checked')
            ui.label(_('Will be created')).classes(theme.TITLE)
            _counts(report.created, 'import-created')
            _unchanged(report)
            ui.button(_('Import now'), icon='file_download_done', on_click=write) \
                .props('unelevated data-testid=import-run').classes(f'w-full sm:w-auto {theme.TOUCH}')
        else:
            ui.label(_('Imported {rows} rows.', rows=report.rows)).classes('text-positive font-medium') \
                .props('data-testid=import-summary')
            ui.label(_('Created')).classes(theme.TITLE)
            _counts(report.created, 'import-created')
            _unchanged(report)

    with frame(_('Import'), person):
        if not person.is_admin:
            ui.label(_('Only admins may import spreadsheets. Ask an admin of your company.')) \
                .classes('text-negative').props('data-testid=import-refused')
            return None
        for line in HELP:
            ui.label(_(line)).classes(f'{theme.MUTED} break-words')
        upload = ui.upload(label=_('Choose an .xlsx file or CSV files'), multiple=True, auto_upload=True,
                           max_total_size=importing.MAX_BYTES, on_multi_upload=received) \
            .props('accept=".xlsx,.csv" flat bordered data-testid=import-upload').classes('w-full')
        upload_error = ui.label().classes('text-negative break-words').props('data-testid=import-upload-error')
        upload.on('rejected', lambda: upload_error.set_text(_('Only .xlsx and CSV files can be imported.')))
        stage_label = ui.label().classes(theme.MUTED).props('data-testid=import-stage')
        progress = ui.linear_progress(value=0, show_value=False).props('data-testid=import-progress')
        progress.visible = False
        with ui.column().classes('w-full gap-3'):
            results()
    return None
