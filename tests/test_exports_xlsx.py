"""The XLSX export writes the workbook import format: export, then import into a fresh database, gives the same data."""
import io

import pytest
from openpyxl import load_workbook

import db
from models.cycle import Cycle
from models.okr import Objective
from services import exports, importing
from services.errors import Invalid, NotFound
from tests import factories
from tests.factories_exports import closing_cycle, snapshot


async def test_exported_workbook_imports_into_a_fresh_database_with_every_field_equal(database, tmp_path) -> None:
    built = await closing_cycle()
    before = await snapshot()
    name, content = await exports.export_cycle(built.admin, built.cycle.id, 'xlsx')
    (tmp_path / name).write_bytes(content)

    await db.close_database()
    await db.open_database('sqlite://:memory:')
    report = await importing.import_path(tmp_path / name)

    assert report.ok, importing.report_lines(report)
    assert await snapshot() == before


async def test_team_objective_with_an_owner_comes_back_as_the_team_s_with_its_owner(database, tmp_path) -> None:
    built = await closing_cycle()
    await Objective.create(cycle=built.cycle, title='Team goal led by Sam', level='team', team=built.sales,
                           owner=built.sam)
    name, content = await exports.export_cycle(built.admin, built.cycle.id, 'xlsx')
    (tmp_path / name).write_bytes(content)

    await db.close_database()
    await db.open_database('sqlite://:memory:')
    assert (await importing.import_path(tmp_path / name)).ok

    imported = await Objective.get(title='Team goal led by Sam').select_related('team', 'owner')
    assert (imported.level, imported.team.name, imported.owner.name) == ('team', 'Sales', 'Sam Seller')


async def test_workbook_has_the_six_sheets_of_the_import_format(database) -> None:
    built = await closing_cycle()

    _, content = await exports.export_cycle(built.admin, built.cycle.id, 'xlsx')

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames == ['teams', 'people', 'cycles', 'objectives', 'key_results', 'checkins']
    key_results = list(workbook['key_results'].iter_rows(values_only=True))
    launch = next(row for row in key_results if row[2] == 'Launch v2')
    assert launch[-1] == 'Design 设计; Build; Ship'


async def test_text_that_looks_like_a_formula_stays_text(database) -> None:
    built = await closing_cycle()

    _, content = await exports.export_cycle(built.admin, built.cycle.id, 'xlsx')

    checkins = load_workbook(io.BytesIO(content))['checkins']
    notes = [checkins.cell(row=row, column=5) for row in range(2, checkins.max_row + 1)]
    formula_like = next(cell for cell in notes if cell.value and str(cell.value).startswith('='))
    assert formula_like.data_type == 's'


async def test_private_objective_of_another_team_is_left_out_for_an_employee(database) -> None:
    built = await closing_cycle()

    export = await exports.prepare_export(built.eve, built.cycle.id, 'xlsx')

    titles = [objective.title for objective in export.objectives]
    assert 'Secret pipeline' not in titles
    assert 'Learn Rust' in titles


async def test_admin_sees_the_private_objective(database) -> None:
    built = await closing_cycle()

    export = await exports.prepare_export(built.admin, built.cycle.id, 'xlsx')

    assert 'Secret pipeline' in [objective.title for objective in export.objectives]


async def test_team_export_holds_that_team_and_the_teams_below_it(database) -> None:
    built = await closing_cycle()

    export = await exports.prepare_export(built.admin, built.cycle.id, 'xlsx', team_id=built.engineering.id)

    assert [objective.title for objective in export.objectives] == ['更快交付 Ship faster', 'Learn Rust']
    assert [team.name for team in export.teams] == ['Engineering', 'Platform 平台']


async def test_team_file_name_joins_cycle_and_team(database) -> None:
    built = await closing_cycle()

    name, _ = await exports.export_cycle(built.admin, built.cycle.id, 'xlsx', team_id=built.engineering.id)

    assert name == '2026-Q4-Engineering.xlsx'


async def test_numbers_come_from_metrics(database) -> None:
    built = await closing_cycle()

    export = await exports.prepare_export(built.admin, built.cycle.id, 'xlsx')

    revenue = export.objectives[0].key_results[0]
    churn = export.objectives[0].key_results[1]
    assert (revenue.progress, revenue.score) == (0.5, 0.6)
    assert churn.progress == 0.5
    assert export.objectives[0].progress == pytest.approx(0.5)


async def test_unknown_cycle_is_refused(database) -> None:
    _, admin = await factories.company()

    with pytest.raises(NotFound):
        await exports.prepare_export(admin, 999, 'pdf')


async def test_unknown_format_is_refused(database) -> None:
    built = await closing_cycle()

    with pytest.raises(Invalid) as refused:
        await exports.prepare_export(built.admin, built.cycle.id, 'docx')

    assert refused.value.params == {'value': 'docx'}


async def test_a_cycle_closed_before_its_end_comes_back_closed(database, tmp_path) -> None:
    built = await closing_cycle()
    built.cycle.state = 'closed'
    await built.cycle.save(update_fields=['state'])
    name, content = await exports.export_cycle(built.admin, built.cycle.id, 'xlsx')
    (tmp_path / name).write_bytes(content)

    await db.close_database()
    await db.open_database('sqlite://:memory:')
    assert (await importing.import_path(tmp_path / name)).ok

    assert (await Cycle.get(name='2026 Q4')).state == 'closed'
