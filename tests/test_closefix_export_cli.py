from pathlib import Path

import pytest

import cli
from services.errors import NotFound
from services.exports.command import export_by_name
from tests.factories_exports import closing_cycle


async def test_cycle_and_team_names_are_matched_whatever_their_case(database) -> None:
    built = await closing_cycle()

    name, content = await export_by_name(built.cycle.name.lower(), 'xlsx', 'SALES')

    assert name == '2026-Q4-Sales.xlsx' and content


async def test_a_cycle_named_differently_is_still_refused(database) -> None:
    await closing_cycle()

    with pytest.raises(NotFound):
        await export_by_name('2026 q3', 'xlsx')


def test_cli_refuses_an_out_folder_that_does_not_exist_before_rendering(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / 'missing' / 'q4.pdf'
    options = cli.parse(['export', '--cycle', '2026 Q4', '--format', 'pdf', '--out', str(out)])

    with pytest.raises(SystemExit) as stopped:
        cli.run_command_or_serve(options, serve=lambda: None)

    assert stopped.value.code == 2
    assert 'does not exist' in capsys.readouterr().err
    assert not out.parent.exists()
