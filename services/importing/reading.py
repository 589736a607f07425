"""Reading spreadsheets into plain rows: .xlsx (streamed), CSV files, or a folder of CSV files named after sheets."""
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.importing.report import refusal

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 60
SUFFIXES = ('.xlsx', '.csv')


@dataclass(frozen=True)
class Sheet:
    name: str  # as people see it: the sheet's title, or the CSV file's name
    table: str  # what names its table: the sheet's title, or the CSV file's name without suffix
    header: tuple[str, ...]
    rows: list[tuple[int, tuple[Any, ...]]]  # (row number in the file, header is row 1; cells)


def read_path(path: Path) -> list[Sheet]:
    """Sheets of an .xlsx or CSV file, or of every CSV file in a folder."""
    if path.is_dir():
        files = sorted(child for child in path.iterdir() if child.is_file() and child.suffix.lower() == '.csv')
        if not files:
            raise refusal(path.name, 'The folder {name} has no CSV files.', name=path.name)
    elif path.is_file():
        files = [path]
    else:
        raise refusal(path.name, 'There is no file or folder named {name}.', name=path.name)
    if sum(file.stat().st_size for file in files) > MAX_BYTES:
        raise _too_big(path.name)
    return read_files([(file.name, file.read_bytes()) for file in files])


def read_files(files: list[tuple[str, bytes]]) -> list[Sheet]:
    """Sheets of uploaded or read files, given as (file name, content); refused when too big or empty."""
    if not files:
        raise refusal('', 'Choose a file to import.')
    if sum(len(content) for _, content in files) > MAX_BYTES:
        raise _too_big(files[0][0])
    budget = _RowBudget()
    sheets: list[Sheet] = []
    for name, content in files:
        suffix = _suffix(name)
        if suffix not in SUFFIXES:
            raise refusal(name, '{name} is not a spreadsheet: use an .xlsx file or CSV files.', name=name)
        if not content.strip():
            raise refusal(name, 'The file {name} is empty.', name=name)
        sheets.extend(_read_xlsx(name, content, budget) if suffix == '.xlsx' else [_read_csv(name, content, budget)])
    if not any(sheet.rows for sheet in sheets):
        raise refusal(files[0][0], 'The file {name} has no rows to import under its header.', name=files[0][0])
    return sheets


def _suffix(name: str) -> str:
    """The file name's ending, read as text: an uploaded name never becomes a path."""
    return '.' + name.rsplit('.', 1)[-1].lower() if '.' in name else ''


class _RowBudget:
    def __init__(self) -> None:
        self.rows = 0

    def take(self, name: str) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise refusal(name, 'The file has more than {limit} rows; split it into smaller files.', limit=MAX_ROWS)


def _too_big(name: str) -> Exception:
    return refusal(name, 'The file is larger than {limit} MB; split it into smaller files.',
                   limit=MAX_BYTES // (1024 * 1024))


def _sheet(name: str, table: str, lines: Iterable[tuple[Any, ...]], budget: _RowBudget) -> Sheet:
    header: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in enumerate(lines, start=1):
        cells = tuple(cells[:MAX_COLUMNS])
        if number == 1:
            header = tuple('' if cell is None else str(cell).strip() for cell in cells)
            continue
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        budget.take(name)
        rows.append((number, cells))
    while header and not header[-1]:
        header = header[:-1]
    return Sheet(name=name, table=table, header=header, rows=rows)


def _read_csv(name: str, content: bytes, budget: _RowBudget) -> Sheet:
    if b'\x00' in content[:65536]:
        raise refusal(name, '{name} is not a spreadsheet: use an .xlsx file or CSV files.', name=name)
    try:
        text = content.decode('utf-8-sig')
    except UnicodeDecodeError as error:
        raise refusal(name, '{name} is not UTF-8 text: save it as "CSV UTF-8".', name=name) from error
    first_line = text.split('\n', 1)[0]
    delimiter = max(',;\t', key=first_line.count)
    try:
        return _sheet(name, name[:-len('.csv')], _csv_lines(text, delimiter), budget)
    except csv.Error as error:
        raise refusal(name, '{name} cannot be read as CSV ({reason}).', name=name, reason=str(error)) from error


def _csv_lines(text: str, delimiter: str) -> Iterator[tuple[Any, ...]]:
    for line in csv.reader(io.StringIO(text, newline=''), delimiter=delimiter):
        yield tuple(line)


def _read_xlsx(name: str, content: bytes, budget: _RowBudget) -> list[Sheet]:
    if not content.startswith(b'PK\x03\x04'):
        raise refusal(name, '{name} is not a readable .xlsx workbook.', name=name)
    try:
        from openpyxl import load_workbook  # 15 MB of memory: only once a spreadsheet arrives
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise refusal(name, '{name} is not a readable .xlsx workbook.', name=name) from error
    try:
        return [_sheet(worksheet.title, worksheet.title,
                       worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), budget)
                for worksheet in workbook.worksheets]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise refusal(name, '{name} is not a readable .xlsx workbook.', name=name) from error
    finally:
        workbook.close()
