import time

import pytest

from models.okr import Objective
from models.org import User
from services import importing
from tests import factories
from tests.factories_import import SINGLE_HEADER, counts, csv_bytes, small_workbook, write_csv, write_folder

pytestmark = pytest.mark.usefixtures('database')


def kr_row(**values: object) -> list[object]:
    row = dict.fromkeys(SINGLE_HEADER, '') | {'cycle': '2026 Q1', 'team': 'Sales', 'objective': 'Grow',
                                              'key_result': 'Sign customers', 'type': 'number', 'start': '0',
                                              'target': '10', 'current': '2'}
    row.update(values)
    return [row[name] for name in SINGLE_HEADER]


async def refused(path_or_content: object, name: str = 'okrs.csv') -> importing.ImportReport:
    """Import and expect a refusal that leaves the database as it was."""
    _, admin = await factories.company()
    before = await counts()
    if isinstance(path_or_content, bytes):
        report = await importing.import_upload(admin, name, path_or_content)
    else:
        report = await importing.import_path(path_or_content)
    assert not report.ok
    assert await counts() == before
    return report


def only(report: importing.ImportReport) -> tuple[str, int | None, str | None, str]:
    assert report.error_count == 1, importing.report_lines(report)
    error = report.errors[0]
    return error.sheet, error.row, error.column, error.text()


async def test_text_in_a_number_column_names_sheet_row_and_column(tmp_path) -> None:
    path = write_csv(tmp_path / 'okrs.csv', [SINGLE_HEADER, kr_row(), kr_row(key_result='Retain', target='lots')])

    report = await refused(path)

    assert only(report) == ('okrs.csv', 3, 'target', 'Not a number: "lots".')


async def test_one_bad_row_keeps_every_good_row_out_too(tmp_path) -> None:
    rows = [SINGLE_HEADER] + [kr_row(key_result=f'KR {n}') for n in range(5)] + [kr_row(confidence='11')]

    report = await refused(write_csv(tmp_path / 'okrs.csv', rows))

    assert only(report) == ('okrs.csv', 7, 'confidence', 'Confidence is a whole number from 0 to 10, not "11".')


async def test_missing_columns_are_named(tmp_path) -> None:
    path = write_csv(tmp_path / 'okrs.csv', [['cycle', 'team', 'owner'], ['2026 Q1', 'Sales', 'Ann']])

    report = await refused(path)

    assert only(report) == ('okrs.csv', 1, None, 'Missing columns: objective, key_result.')


async def test_missing_columns_of_a_workbook_sheet_are_named(tmp_path) -> None:
    sheets = small_workbook()
    sheets['checkins'] = [['kr_ref', 'value'], ['K1', '3']]

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert only(report) == ('checkins.csv', 1, None, 'Missing columns: at.')


async def test_cycle_name_that_is_no_period_asks_for_its_dates(tmp_path) -> None:
    path = write_csv(tmp_path / 'okrs.csv', [SINGLE_HEADER, kr_row(cycle='Sprint Rainbow')])

    report = await refused(path)

    sheet, row, column, message = only(report)
    assert (sheet, row, column) == ('okrs.csv', 2, 'cycle')
    assert message.startswith('There is no cycle "Sprint Rainbow", and its name is no period such as 2024 Q1')
    assert 'start and end dates' in message


async def test_unknown_owner_is_no_error_but_a_person_without_login(tmp_path) -> None:
    _, admin = await factories.company()
    path = write_csv(tmp_path / 'okrs.csv', [SINGLE_HEADER, kr_row(owner='Nobody Known')])

    report = await importing.import_path(path, actor=admin)

    assert report.ok and report.created['people'] == 1
    assert await User.filter(name='Nobody Known', email=None, password_hash=None).exists()


async def test_unknown_team_in_a_workbook_is_an_error(tmp_path) -> None:
    sheets = small_workbook()
    sheets['objectives'][1][4] = 'Salse'

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert only(report) == ('objectives.csv', 2, 'team',
                            'Unknown team "Salse": add it to the teams sheet, or create it first.')


async def test_empty_file_is_refused(tmp_path) -> None:
    (tmp_path / 'okrs.csv').write_bytes(b'')

    report = await refused(tmp_path / 'okrs.csv')

    assert only(report) == ('okrs.csv', None, None, 'The file okrs.csv is empty.')


async def test_header_without_rows_is_refused(tmp_path) -> None:
    report = await refused(write_csv(tmp_path / 'okrs.csv', [SINGLE_HEADER]))

    assert only(report)[3] == 'The file okrs.csv has no rows to import under its header.'


async def test_binary_file_named_csv_is_no_spreadsheet() -> None:
    report = await refused(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'okrs.csv')

    assert only(report)[3] == 'okrs.csv is not a spreadsheet: use an .xlsx file or CSV files.'


async def test_file_of_another_type_is_no_spreadsheet() -> None:
    report = await refused(b'%PDF-1.7 something', 'okrs.pdf')

    assert only(report)[3] == 'okrs.pdf is not a spreadsheet: use an .xlsx file or CSV files.'


async def test_text_named_xlsx_is_no_workbook() -> None:
    report = await refused(b'cycle,objective,key_result\n', 'okrs.xlsx')

    assert only(report)[3] == 'okrs.xlsx is not a readable .xlsx workbook.'


async def test_csv_that_is_not_utf8_says_how_to_save_it() -> None:
    report = await refused(csv_bytes([SINGLE_HEADER, kr_row(objective='Größer')]).decode().encode('latin-1'))

    assert only(report)[3] == 'okrs.csv is not UTF-8 text: save it as "CSV UTF-8".'


async def test_file_over_20_mb_is_refused() -> None:
    report = await refused(b'cycle,objective,key_result\n' + b'x' * (20 * 1024 * 1024))

    assert only(report)[3] == 'The file is larger than 20 MB; split it into smaller files.'


async def test_file_over_100000_rows_is_refused() -> None:
    content = b'cycle,objective,key_result\n' + b'2026 Q1,A,B\n' * 100_001

    report = await refused(content)

    assert only(report)[3] == 'The file has more than 100000 rows; split it into smaller files.'


async def test_50000_rows_are_checked_quickly_and_one_bad_row_stops_them_all() -> None:
    rows = [SINGLE_HEADER] + [kr_row(objective=f'Objective {n // 4}', key_result=f'KR {n}') for n in range(50_000)]
    rows[40_000] = kr_row(objective='Objective x', key_result='KR x', start='zero')
    started = time.perf_counter()

    report = await refused(csv_bytes(rows))

    assert only(report) == ('okrs.csv', 40_001, 'start', 'Not a number: "zero".')
    assert time.perf_counter() - started < 30


async def test_milestone_value_beyond_its_steps(tmp_path) -> None:
    sheets = small_workbook()
    sheets['checkins'].append(['K2', '2026-03-20T10:00:00', '4', '5', '', ''])

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert only(report) == ('checkins.csv', 5, 'value', 'Choose how many of the 3 steps are done, not "4".')


async def test_checkin_for_an_unknown_key_result(tmp_path) -> None:
    sheets = small_workbook()
    sheets['checkins'].append(['K9', '2026-03-20T10:00:00', '4', '5', '', ''])

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert only(report) == ('checkins.csv', 5, 'kr_ref',
                            'Unknown key result "K9": no row of the key_results sheet has this ref.')


async def test_bad_date_and_unknown_type(tmp_path) -> None:
    sheets = small_workbook()
    sheets['key_results'][3][11] = '31.12.2026'
    sheets['key_results'][3][3] = 'ratio'

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert [(error.row, error.column, error.text()) for error in report.errors] == [
        (4, 'type', 'Unknown type "ratio": use number, percent, currency, boolean or milestone.'),
        (4, 'due', 'Not a date: "31.12.2026"; write it as YYYY-MM-DD.')]


async def test_teams_that_are_each_others_parents(tmp_path) -> None:
    sheets = small_workbook()
    sheets['teams'] = [['name', 'parent'], ['Sales', 'Inside sales'], ['Inside sales', 'Sales']]

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert report.errors[0].text() == 'The team "Sales" and its parents form a loop.'


async def test_duplicate_ref_and_cycle_ending_before_it_starts(tmp_path) -> None:
    sheets = small_workbook()
    sheets['cycles'].append(['Backwards', '2026-06-30', '2026-06-01'])
    sheets['key_results'].append(['K1', 'O1', 'Again', 'number', '0', '1', '', '', '', '', '', '', '', ''])

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert [(error.sheet, error.row, error.column, error.text()) for error in report.errors] == [
        ('cycles.csv', 3, 'end', 'The cycle must end after it starts: 2026-06-30 to 2026-06-01.'),
        ('key_results.csv', 5, 'ref', 'The ref "K1" appears twice (also row 2).')]


async def test_alignment_to_an_unknown_ref(tmp_path) -> None:
    sheets = small_workbook()
    sheets['objectives'][2][6] = 'O1;O7'

    report = await refused(write_folder(tmp_path / 'okrs', sheets))

    assert only(report) == ('objectives.csv', 3, 'aligns_to', 'Unknown ref "O7": no objective or key result has it.')


async def test_missing_path_is_refused() -> None:
    report = await refused('no-such-folder')

    assert only(report)[3] == 'There is no file or folder named no-such-folder.'


async def test_an_objective_row_with_an_unknown_level_or_visibility_is_refused(database: None, tmp_path) -> None:
    workbook = tmp_path / 'okrs'
    workbook.mkdir()
    (workbook / 'cycles.csv').write_text('name,start,end\n2026 Q4,2026-10-01,2026-12-31\n')
    (workbook / 'objectives.csv').write_text('ref,cycle,title,level,visibility\n'
                                             'O1,2026 Q4,Grow,galaxy,company\nO2,2026 Q4,Hide,company,secret\n'
                                             'O3,2026 Q4,Team without team,team,company\n')

    report = await importing.import_path(workbook)

    text = '\n'.join(importing.report_lines(report))
    assert 'Unknown level "galaxy"' in text and 'Unknown visibility "secret"' in text
    assert 'A team objective needs its team.' in text
    assert await Objective.all().count() == 0
