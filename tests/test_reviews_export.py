import csv
import io

import pytest
from openpyxl import load_workbook

from services import performance, review_settings, reviews
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_reviews import review_team


async def _scored_team():
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Good run')
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.8, comment='Agreed')
    return team


async def test_summary_lists_the_persons_key_results_with_the_weighted_okr_part(database) -> None:
    team = await _scored_team()
    await review_settings.set_review_settings(team.admin, self_percent=30, okr_weight=20)

    summary = await performance.performance_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id)

    assert [(row.key_result_title, row.self_score, row.manager_score, row.final) for row in summary.rows] == [
        ('Sign 100 customers', 0.6, 0.8, 0.7), ('Ship the partner portal', None, None, 0.0)]
    assert (summary.okr_score, summary.okr_weight, summary.okr_part) == (0.35, 20, 7.0)


async def test_csv_export_contains_one_row_per_key_result(database) -> None:
    team = await _scored_team()

    exported = await performance.export_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id, kind='csv')

    lines = list(csv.reader(io.StringIO(exported.content.decode('utf-8-sig'))))
    assert lines[0] == ['Employee', 'Ben']
    header = lines.index(list(performance.HEADERS))
    assert lines[header + 1] == ['Grow revenue', 'Sign 100 customers', '0.6', '0.6', '0.8', '0.7']
    assert lines[header + 2] == ['Grow revenue', 'Ship the partner portal', '0.0', '', '',
                                 'Not scored yet (progress 0.0)']
    assert ['OKR weight (%)', ''] in lines
    assert exported.filename == f'performance-{team.ben.id}-{team.cycle.id}.csv'


async def test_xlsx_export_holds_the_same_table(database) -> None:
    team = await _scored_team()

    exported = await performance.export_summary(team.admin, person_id=team.ben.id, cycle_id=team.cycle.id,
                                                kind='xlsx')

    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]
    assert ('Grow revenue', 'Sign 100 customers', 0.6, 0.6, 0.8, 0.7) in rows


async def test_titles_that_look_like_formulas_are_exported_as_text(database) -> None:
    team = await review_team()
    objective = await factories.objective(team.cycle, '=HYPERLINK("x")', owner=team.ben)
    await factories.key_result(objective, '@SUM(A1)', owner=team.ben)

    exported = await performance.export_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id, kind='csv')

    text = exported.content.decode('utf-8-sig')
    assert '\'=HYPERLINK' in text and '\'@SUM(A1)' in text


async def test_only_the_manager_or_an_admin_may_export(database) -> None:
    team = await _scored_team()

    for outsider in (team.cara, team.ben):
        with pytest.raises(Forbidden):
            await performance.export_summary(outsider, person_id=team.ben.id, cycle_id=team.cycle.id, kind='csv')
    with pytest.raises(Invalid):
        await performance.export_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id, kind='pdf')


async def test_export_choices_are_my_reports_or_everyone_for_admins(database) -> None:
    team = await review_team()

    assert [choice.name for choice in await performance.summary_people(team.mia)] == ['Ben', 'Cara']
    assert await performance.summary_people(team.ben) == []
    assert len(await performance.summary_people(team.admin)) == 4


async def test_export_speaks_the_readers_language(database) -> None:
    team = await _scored_team()

    exported = await performance.export_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id, kind='csv',
                                                locale='zh_CN')

    text = exported.content.decode('utf-8-sig')
    assert '员工,Ben' in text and '最终得分' in text and '不与薪酬挂钩' in text


def test_every_text_of_the_export_has_a_chinese_translation() -> None:
    from locales import catalog

    assert [text for text in (*performance.HEADERS, *performance.LABELS) if text not in catalog('zh_CN')] == []
