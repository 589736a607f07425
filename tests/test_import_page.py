from nicegui import ui
from nicegui.testing import User

from models.okr import KeyResult, Objective
from tests import factories
from tests.factories_import import PUZZLE, SINGLE_HEADER, counts, csv_bytes, needs_data
from tests.helpers import by_testid, find_testid, sign_in

GOOD = csv_bytes([SINGLE_HEADER,
                  ['2026 Q1', 'Sales', 'Grow', '', 'Sign customers', 'admin@acme.test', 'number', '0', '10', '4',
                   '', '', '6', 'P1', ''],
                  ['2026 Q1', 'Sales', 'Grow', '', 'Keep customers', '', 'percent', '80', '95', '90', '%', '', '',
                   '', '']])
BAD = csv_bytes([SINGLE_HEADER,
                 ['2026 Q1', 'Sales', 'Grow', '', 'Sign customers', '', 'number', '0', 'ten', '4', '', '', '', '', ''],
                 ['Sprint 9', 'Sales', 'Grow', '', 'Keep customers', '', 'number', '0', '10', '4', '', '', '', '',
                  '']])


async def upload(user: User, *files: tuple[str, bytes]) -> None:
    element = find_testid(user, 'import-upload')[0]
    assert isinstance(element, ui.upload)
    await element.handle_uploads([ui.upload.SmallFileUpload(name, 'text/csv', content) for name, content in files])


async def open_as_admin(user: User) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/import')
    await user.should_see('Choose an .xlsx file or CSV files')


async def test_admin_checks_a_file_then_imports_it(user: User) -> None:
    await open_as_admin(user)

    await upload(user, ('okrs.csv', GOOD))
    await user.should_see('All 2 rows are valid. Nothing is written yet.', retries=30)
    assert by_testid(user, 'import-created-key_results').elements.pop().text == '2'
    assert not await Objective.exists()

    by_testid(user, 'import-run').click()
    await user.should_see('Imported 2 rows.', retries=30)
    assert await KeyResult.filter(objective__title='Grow').count() == 2
    assert by_testid(user, 'import-stage').elements.pop().text == 'Done'


async def test_bad_rows_are_listed_by_sheet_row_and_column_and_nothing_is_written(user: User) -> None:
    await open_as_admin(user)
    before = await counts()

    await upload(user, ('okrs.csv', BAD))

    await user.should_see('Problems found: 2. Nothing was written.', retries=30)
    await user.should_see('okrs.csv, row 2, column target')
    await user.should_see('Not a number: "ten".')
    await user.should_see('okrs.csv, row 3, column cycle')
    assert len(find_testid(user, 'import-error')) == 2
    assert not find_testid(user, 'import-run')
    assert await counts() == before


async def test_a_file_that_is_no_spreadsheet_is_refused_before_reading(user: User) -> None:
    await open_as_admin(user)
    before = await counts()

    await upload(user, ('notes.txt', b'hello'))

    await user.should_see('notes.txt is not a spreadsheet: use an .xlsx file or CSV files.', retries=30)
    assert await counts() == before


async def test_member_is_told_only_admins_may_import(user: User) -> None:
    root, _ = await factories.company()
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await user.open('/admin/import')

    await user.should_see('Only admins may import spreadsheets. Ask an admin of your company.')
    assert not find_testid(user, 'import-upload')


@needs_data
async def test_admin_imports_the_puzzle_workbook_as_csv_files(user: User) -> None:
    await open_as_admin(user)
    files = [(path.name, path.read_bytes()) for path in sorted(PUZZLE.glob('*.csv'))]

    await upload(user, *files)
    await user.should_see('All 1175 rows are valid. Nothing is written yet.', retries=50)
    by_testid(user, 'import-run').click()

    await user.should_see('Imported 1175 rows.', retries=50)
    assert by_testid(user, 'import-created-checkins').elements.pop().text == '860'
    assert (await counts())['CheckIn'] == 860
