"""What an import found and did: row errors and counts per kind, and their plain-text lines."""
from dataclasses import dataclass, field
from typing import Any

KINDS = ('teams', 'people', 'cycles', 'objectives', 'key_results', 'milestones', 'alignments', 'checkins')
MAX_LISTED_ERRORS = 500


@dataclass(frozen=True)
class RowError:
    """One problem, located as a person finds it in the file: sheet, row (header is row 1) and column."""
    sheet: str
    row: int | None
    column: str | None
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return self.message.format(**self.params) if self.params else self.message


@dataclass(frozen=True)
class ImportReport:
    ok: bool
    dry_run: bool
    layout: str  # 'workbook', 'single_sheet', or '' when the file could not be read
    rows: int
    errors: list[RowError]
    error_count: int  # all errors found; `errors` lists at most MAX_LISTED_ERRORS of them
    created: dict[str, int]
    unchanged: dict[str, int]
    skipped_sheets: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


class Refused(Exception):
    """The file cannot be imported at all (unreadable, too big, empty): one error for the whole file."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.text())
        self.error = error


def refusal(sheet: str, message: str, **params: Any) -> Refused:
    return Refused(RowError(sheet, None, None, message, params))


def failed(errors: list[RowError], *, dry_run: bool, layout: str = '', rows: int = 0,
           error_count: int | None = None) -> ImportReport:
    return ImportReport(ok=False, dry_run=dry_run, layout=layout, rows=rows, errors=errors[:MAX_LISTED_ERRORS],
                        error_count=len(errors) if error_count is None else error_count,
                        created=dict.fromkeys(KINDS, 0), unchanged=dict.fromkeys(KINDS, 0))


def where(error: RowError) -> str:
    parts = [error.sheet] if error.sheet else []
    if error.row is not None:
        parts.append(f'row {error.row}')
    if error.column:
        parts.append(f'column {error.column}')
    return ', '.join(parts)


def _counts(counts: dict[str, int]) -> str:
    shown = [f'{counts[kind]} {kind.replace("_", " ")}' for kind in KINDS if counts.get(kind)]
    return ', '.join(shown) or 'nothing'


def report_lines(report: ImportReport) -> list[str]:
    """The report as plain English lines, for the command line and logs of operators."""
    lines = [f'{where(error)}: {error.text()}' if where(error) else error.text() for error in report.errors]
    if report.error_count > len(report.errors):
        lines.append(f'... and {report.error_count - len(report.errors)} more errors')
    if not report.ok:
        errors = f'{report.error_count} error' + ('' if report.error_count == 1 else 's')
        lines.append(f'Import refused: {errors} in {report.rows} rows; nothing was written.')
        return lines
    if report.skipped_sheets:
        lines.append(f'Sheets not imported (unknown names): {", ".join(report.skipped_sheets)}')
    if report.dry_run:
        lines.append(f'Dry run: all {report.rows} rows are valid; nothing was written.')
        lines.append(f'Would create: {_counts(report.created)}.')
    else:
        lines.append(f'Imported {report.rows} rows.')
        lines.append(f'Created: {_counts(report.created)}.')
    lines.append(f'Already there: {_counts(report.unchanged)}.')
    return lines
