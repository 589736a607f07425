"""Spreadsheets for import tests, written into temporary folders, and a snapshot of what the database holds."""
import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User

DATA = Path(__file__).resolve().parents[1].parent / 'shared' / 'data'
PUZZLE = DATA / 'puzzle-okr-demo'
IPLD = DATA / 'ipld-scored' / 'okrs.csv'
needs_data = pytest.mark.skipif(not PUZZLE.is_dir() or not IPLD.is_file(),
                                reason='the real data sets in ../shared/data are not here')

SINGLE_HEADER = ['cycle', 'team', 'objective', 'objective_owner', 'key_result', 'owner', 'type', 'start', 'target',
                 'current', 'unit', 'due', 'confidence', 'priority', 'score']


def csv_bytes(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator='\n').writerows(rows)
    return out.getvalue().encode('utf-8')


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    path.write_bytes(csv_bytes(rows))
    return path


def write_folder(folder: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook as a folder of CSV files named after its sheets."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        write_csv(folder / f'{name}.csv', rows)
    return folder


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def small_workbook() -> dict[str, list[list[object]]]:
    """Two teams, two people, one cycle, two objectives (one aligned to the other), three key results, check-ins."""
    return {
        'teams': [['name', 'parent'], ['Sales', ''], ['Inside sales', 'Sales']],
        'people': [['email', 'name', 'team', 'manager_email', 'role'],
                   ['sam@acme.test', 'Sam', 'Sales', '', 'member'],
                   ['ivy@acme.test', 'Ivy', 'Inside sales', 'sam@acme.test', 'member']],
        'cycles': [['name', 'start', 'end'], ['Spring push', '2026-03-01', '2026-05-31']],
        'objectives': [['ref', 'cycle', 'title', 'description', 'team', 'owner_email', 'aligns_to', 'priority',
                        'type', 'status'],
                       ['O1', 'Spring push', 'Win the region', '', 'Sales', '', '', 'P0', 'committed', 'active'],
                       ['O2', 'Spring push', 'Fill the pipeline', '', 'Inside sales', 'ivy@acme.test', 'O1;K2', '',
                        'aspirational', '']],
        'key_results': [['ref', 'objective_ref', 'title', 'type', 'start', 'target', 'current', 'unit', 'direction',
                         'weight', 'owner_email', 'due', 'confidence', 'milestones'],
                        ['K1', 'O1', 'Sign customers', 'number', '', '10', '', '', 'increase', '1', 'sam@acme.test',
                         '', '', ''],
                        ['K2', 'O1', 'Launch the offer', 'milestone', '', '', '', '', '', '', '', '', '',
                         'Draft;Review;Publish'],
                        ['K3', 'O2', 'Cut the churn', 'percent', '8', '4', '7', '%', 'decrease', '', 'ivy@acme.test',
                         '2026-05-15', '6', '']],
        'checkins': [['kr_ref', 'at', 'value', 'confidence', 'note', 'author_email'],
                     ['K1', '2026-03-09T09:00:00', '2', '6', 'first deals', 'sam@acme.test'],
                     ['K1', '2026-03-16T09:00:00', '5', '7', '', 'sam@acme.test'],
                     ['K2', '2026-03-16T10:00:00', '1', '5', 'draft done', 'pat@partner.test']],
    }


async def counts() -> dict[str, int]:
    """How many rows each table the importer writes holds: equal before and after means nothing was written."""
    return {model.__name__: await model.all().count()
            for model in (Team, User, Cycle, Objective, KeyResult, Milestone, Alignment, CheckIn)}
