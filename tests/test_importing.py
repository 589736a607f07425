from collections import Counter
from datetime import date

import pytest

from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import Alignment, KeyResult, Milestone, Objective
from models.org import Team, User
from services import importing, key_results
from services.errors import Forbidden
from tests import factories
from tests.factories_import import (
    IPLD,
    PUZZLE,
    counts,
    needs_data,
    small_workbook,
    write_csv,
    write_folder,
    write_xlsx,
)

pytestmark = pytest.mark.usefixtures('database')


async def progress_of(ref: str) -> float:
    kr = await KeyResult.get(ref=ref).prefetch_related('objective__cycle')
    steps = await key_results.steps_by_key_result([kr.id])
    return key_results.numbers(kr, kr.objective.cycle, steps[kr.id])[0]


@needs_data
async def test_puzzle_workbook_imports_every_row() -> None:
    report = await importing.import_path(PUZZLE)

    assert report.ok, importing.report_lines(report)
    assert report.layout == 'workbook'
    assert await counts() == {'Team': 9, 'User': 9, 'Cycle': 3, 'Objective': 75, 'KeyResult': 219,
                              'Milestone': 330, 'Alignment': 0, 'CheckIn': 860}
    assert report.created['checkins'] == 860
    assert await CheckIn.filter(source='import').count() == 860
    assert await User.filter(password_hash__not_isnull=True).count() == 0


@needs_data
async def test_puzzle_top_team_becomes_the_company_of_an_empty_database() -> None:
    await importing.import_path(PUZZLE)

    root = await Team.get(parent_id=None)
    assert (root.name, root.kind) == ('Puzzle ITC', 'company')
    assert await Team.filter(parent_id=root.id).count() == 8


@needs_data
async def test_puzzle_hangs_under_an_existing_company() -> None:
    acme, _ = await factories.company()

    await importing.import_path(PUZZLE)

    puzzle = await Team.get(name='Puzzle ITC')
    assert puzzle.parent_id == acme.id
    assert await Team.filter(parent_id=puzzle.id).count() == 8


@needs_data
async def test_puzzle_progress_matches_values_computed_by_hand() -> None:
    await importing.import_path(PUZZLE)

    assert await progress_of('K1227') == pytest.approx(1 / 3)  # milestone, 1 of 3 steps
    assert await progress_of('K1222') == 1  # milestone, 3 of 3 steps
    assert await progress_of('K44') == pytest.approx(48.7 / 53)  # no baseline: start 0
    assert await progress_of('K1230') == pytest.approx((968405 - 800000) / (1200000 - 800000))
    assert await progress_of('K45') == 0  # decreasing from 2 to 1, now at 4.3
    assert await progress_of('K104') == 1  # start equals target, and it holds


@needs_data
async def test_puzzle_checkins_appear_in_each_key_results_history() -> None:
    _, admin = await factories.company()
    expected = Counter(line.split(',')[0] for line in (PUZZLE / 'checkins.csv').read_text().splitlines()[1:])

    await importing.import_path(PUZZLE)

    shown = 0
    for kr in await KeyResult.all():
        history = await key_results.history(admin, kr.id)
        assert len(history) == expected.get(kr.ref, 0), kr.ref
        assert all(row.source == 'import' for row in history)
        shown += len(history)
    assert shown == 860
    k108 = await KeyResult.get(ref='K108')
    assert [row.value for row in await key_results.history(admin, k108.id)] == [36.1, 35, 38]


@needs_data
async def test_importing_puzzle_twice_adds_nothing() -> None:
    await importing.import_path(PUZZLE)
    before = await counts()

    again = await importing.import_path(PUZZLE)

    assert again.ok
    assert await counts() == before
    assert set(again.created.values()) == {0}
    assert again.unchanged['checkins'] == 860
    assert again.unchanged['objectives'] == 75


@needs_data
async def test_dry_run_of_puzzle_writes_nothing_and_says_what_it_would_create() -> None:
    report = await importing.import_path(PUZZLE, dry_run=True)

    assert report.ok and report.dry_run
    assert report.created['key_results'] == 219
    assert set((await counts()).values()) == {0}
    assert 'Dry run: all 1175 rows are valid; nothing was written.' in importing.report_lines(report)


@needs_data
async def test_ipld_single_sheet_imports_with_cycles_read_from_their_names() -> None:
    report = await importing.import_path(IPLD)

    assert report.ok, importing.report_lines(report)
    assert report.layout == 'single_sheet'
    assert (await counts())['KeyResult'] == 68
    assert await Objective.all().count() == 25
    quarter = await Cycle.get(name='2019 Q1')
    assert (quarter.start, quarter.end, quarter.cadence) == (date(2019, 1, 1), date(2019, 3, 31), 'quarter')
    assert await Cycle.all().count() == 7
    assert await User.filter(email=None, password_hash=None).count() == 9


@needs_data
async def test_ipld_scores_are_kept_and_a_second_import_adds_nothing() -> None:
    await importing.import_path(IPLD)
    before = await counts()

    again = await importing.import_path(IPLD)

    assert await counts() == before and again.unchanged['key_results'] == 68
    scores = await KeyResult.all().values_list('score', flat=True)
    assert Counter(scores)[1.0] == 20 and Counter(scores)[None] == 19
    assert sorted(set(await Objective.all().values_list('level', flat=True))) == ['team']


async def test_key_result_value_comes_from_its_last_checkin_when_the_sheet_has_none(tmp_path) -> None:
    await importing.import_path(write_folder(tmp_path / 'okrs', small_workbook()))

    k1 = await KeyResult.get(ref='K1')
    assert (k1.current, k1.confidence, k1.start) == (5, 7, 0)
    assert await progress_of('K2') == pytest.approx(1 / 3)
    assert await progress_of('K3') == pytest.approx(0.25)


async def test_objective_levels_follow_owner_then_team(tmp_path) -> None:
    sheets = small_workbook()
    sheets['objectives'].append(['O3', 'Spring push', 'Be known', '', '', '', '', '', '', ''])

    await importing.import_path(write_folder(tmp_path / 'okrs', sheets))

    levels = dict(await Objective.all().values_list('ref', 'level'))
    assert levels == {'O1': 'team', 'O2': 'person', 'O3': 'company'}


async def test_aligns_to_links_objectives_and_key_results(tmp_path) -> None:
    await importing.import_path(write_folder(tmp_path / 'okrs', small_workbook()))

    o1, o2, k2 = await Objective.get(ref='O1'), await Objective.get(ref='O2'), await KeyResult.get(ref='K2')
    links = await Alignment.filter(objective_id=o2.id).values_list('parent_objective_id', 'parent_key_result_id')
    assert sorted(links, key=str) == sorted([(o1.id, None), (None, k2.id)], key=str)


async def test_unknown_author_becomes_a_person_without_login(tmp_path) -> None:
    await importing.import_path(write_folder(tmp_path / 'okrs', small_workbook()))

    pat = await User.get(email='pat@partner.test')
    assert (pat.name, pat.password_hash) == ('pat', None)
    ivy = await User.get(email='ivy@acme.test').prefetch_related('manager', 'team')
    assert (ivy.manager.name, ivy.team.name) == ('Sam', 'Inside sales')


async def test_new_checkins_on_a_second_import_move_the_value(tmp_path) -> None:
    sheets = small_workbook()
    await importing.import_path(write_folder(tmp_path / 'first', sheets))
    sheets['checkins'].append(['K1', '2026-03-23T09:00:00', '8', '8', '', 'sam@acme.test'])

    report = await importing.import_path(write_folder(tmp_path / 'second', sheets))

    assert report.created['checkins'] == 1 and report.unchanged['checkins'] == 3
    k1 = await KeyResult.get(ref='K1')
    assert (k1.current, k1.confidence, k1.version) == (8, 8, 1)


async def test_xlsx_workbook_with_chinese_headers_and_excel_dates(tmp_path) -> None:
    path = write_xlsx(tmp_path / 'okr.xlsx', {
        '周期': [['名称', '开始日期', '结束日期'], ['2026 春季', date(2026, 3, 1), date(2026, 5, 31)]],
        '目标': [['编号', '周期', '目标', '团队', '负责人'], ['O1', '2026 春季', '提升客户满意度', '', '']],
        '关键成果': [['编号', '目标编号', '关键成果', '类型', '起始值', '目标值', '当前值', '里程碑', '截止日期'],
                     ['K1', 'O1', '上线新版本', '里程碑', '', '', 2, '设计;开发;发布', date(2026, 5, 1)],
                     ['K2', 'O1', '满意度达到 90%', '百分比', 70, 90, 80, '', None]],
    })

    report = await importing.import_path(path)

    assert report.ok, importing.report_lines(report)
    assert await progress_of('K1') == pytest.approx(2 / 3)
    assert await progress_of('K2') == pytest.approx(0.5)
    assert (await KeyResult.get(ref='K1')).due == date(2026, 5, 1)
    assert await Milestone.all().count() == 3


async def test_single_sheet_in_chinese_creates_cycle_from_chinese_period(tmp_path) -> None:
    path = write_csv(tmp_path / 'okr.csv', [
        ['周期', '团队', '目标', '关键成果', '负责人', '类型', '起始值', '目标值', '当前值', '单位', '信心', '得分'],
        ['2024年第一季度', '市场部', '扩大品牌影响力', '公众号粉丝达到 1 万', '王伟', '数值', '2000', '10000', '6000',
         '人', '7', '0.5'],
        ['2024年第一季度', '市场部', '扩大品牌影响力', '举办 3 场线下活动', 'li@acme.test', '数值', '0', '3', '3', '场',
         '', '1'],
    ])

    report = await importing.import_path(path)

    assert report.ok, importing.report_lines(report)
    cycle = await Cycle.get(name='2024年第一季度')
    assert (cycle.start, cycle.end) == (date(2024, 1, 1), date(2024, 3, 31))
    objective = await Objective.get(title='扩大品牌影响力').prefetch_related('team')
    assert (objective.level, objective.team.name) == ('team', '市场部')
    assert await KeyResult.filter(objective_id=objective.id).count() == 2
    assert await User.filter(name='王伟', email=None).exists()
    assert await User.filter(email='li@acme.test').exists()


async def test_import_from_a_page_needs_an_admin(tmp_path) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    before = await counts()

    with pytest.raises(Forbidden):
        await importing.import_upload(ben, 'okr.csv', b'cycle,objective,key_result\n2024 Q1,A,B\n')

    assert await counts() == before


async def test_progress_is_reported_while_checking_and_writing(tmp_path) -> None:
    seen: list[tuple[str, int, int]] = []

    await importing.import_path(write_folder(tmp_path / 'okrs', small_workbook()),
                                progress=lambda stage, done, total: seen.append((stage, done, total)))

    assert seen[0] == ('checking', 0, 13)
    assert ('checking', 13, 13) in seen
    assert [step for step in seen if step[0] == 'writing'][-1] == ('writing', 7, 8)
    assert seen[-1] == ('done', 1, 1)
