"""`python main.py export`: a file on success; one line on stderr and exit code 2 on a bad cycle, team or format."""
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

import cli
from services.errors import Invalid, NotFound
from services.exports.command import export_by_name
from tests import factories
from tests.factories_exports import closing_cycle
from tests.factories_import import small_workbook, write_xlsx
from tests.test_import_cli import run_cli


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the small workbook, with Sam as its admin."""
    folder = tmp_path_factory.mktemp('export-cli')
    sheets = small_workbook()
    sheets['people'][1][-1] = 'admin'
    imported = run_cli('import', str(write_xlsx(folder / 'small.xlsx', sheets)), data_dir=folder)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    return folder


def test_cli_exports_a_team_of_a_cycle_to_a_pdf_file(data_dir: Path) -> None:
    out = data_dir / 'spring.pdf'

    result = run_cli('export', '--cycle', 'Spring push', '--format', 'pdf', '--out', str(out), '--team', 'Sales',
                     data_dir=data_dir)

    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b'%PDF')


def test_cli_unknown_cycle_exits_2_with_a_message_and_writes_no_file(data_dir: Path) -> None:
    out = data_dir / 'none.pdf'

    result = run_cli('export', '--cycle', 'Autumn', '--format', 'pdf', '--out', str(out), data_dir=data_dir)

    assert result.returncode == 2
    assert 'There is no cycle named "Autumn".' in result.stderr
    assert 'Traceback' not in result.stderr
    assert not out.exists()


async def test_unknown_team_is_refused_by_name(database) -> None:
    built = await closing_cycle()

    with pytest.raises(NotFound) as refused:
        await export_by_name(built.cycle.name, 'pptx', 'Marketing')

    assert str(refused.value) == 'There is no team named "Marketing".'


async def test_team_named_twice_is_refused(database) -> None:
    built = await closing_cycle()
    await factories.team('Sales', built.engineering)

    with pytest.raises(Invalid):
        await export_by_name(built.cycle.name, 'xlsx', 'Sales')


async def test_named_team_is_exported_as_the_first_admin(database) -> None:
    built = await closing_cycle()

    name, content = await export_by_name(built.cycle.name, 'xlsx', 'Sales')

    titles = [row[2] for row in load_workbook(io.BytesIO(content)).worksheets[3].iter_rows(min_row=2, values_only=True)]
    assert name == '2026-Q4-Sales.xlsx'
    assert titles == ['Secret pipeline']  # private, but the first admin sees it


def test_cli_unknown_format_exits_2_with_the_formats_it_knows(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.parse(['export', '--cycle', 'Spring push', '--format', 'docx', '--out', 'x.docx'])

    assert stopped.value.code == 2
    assert "invalid choice: 'docx'" in capsys.readouterr().err
