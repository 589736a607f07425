"""Scores shown to people: defaults marked as such, refused settings, the learning note, one set of band labels."""
import csv
import io
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from nicegui.testing import User
from pptx import Presentation

from models.cycle import Cycle
from models.reviews import ReviewSettings
from pages.components import charts, retro_parts
from services import clock, exports, metrics, performance, reviews
from services import retrospective as retro
from services.dashboards.views import Adoption
from tests.factories_dashboard import company
from tests.factories_exports import closing_cycle
from tests.factories_retrospective import quarter
from tests.factories_reviews import review_team
from tests.helpers import by_testid, find_testid, sign_in


async def test_a_key_result_nobody_scored_is_marked_not_reviewed_in_the_summary(database) -> None:
    team = await review_team()
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.8, comment='Agreed')

    summary = await performance.performance_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id)

    assert [(row.key_result_title, row.reviewed) for row in summary.rows] == [
        ('Sign 100 customers', True), ('Ship the partner portal', False)]
    assert summary.not_reviewed == 1


async def test_the_csv_shows_defaults_as_not_scored_yet_and_labels_the_okr_part(database) -> None:
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Good run')

    exported = await performance.export_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id, kind='csv')

    lines = list(csv.reader(io.StringIO(exported.content.decode('utf-8-sig'))))
    assert ['Grow revenue', 'Ship the partner portal', '0.0', '', '', 'Not scored yet (progress 0.0)'] in lines
    assert ['Grow revenue', 'Sign 100 customers', '0.6', '0.6', '', '0.6'] in lines
    assert ['Key results not reviewed yet', '1'] in lines
    assert ['OKR score (with default scores)', '0.3'] in lines
    assert [performance.DEFAULTS_NOTE] in lines


async def test_a_fully_reviewed_summary_carries_no_default_note(database) -> None:
    team = await review_team()
    for kr in (team.kr, team.other):
        await reviews.submit_manager_review(team.mia, key_result_id=kr.id, score=0.5, comment='Fine')

    exported = await performance.export_summary(team.mia, person_id=team.ben.id, cycle_id=team.cycle.id, kind='csv')

    lines = list(csv.reader(io.StringIO(exported.content.decode('utf-8-sig'))))
    assert ['OKR score', '0.5'] in lines and ['Key results not reviewed yet', '0'] in lines
    assert [performance.DEFAULTS_NOTE] not in lines


@pytest.mark.parametrize('field, value, message', [
    ('settings-self-share', 120, 'Enter a whole percentage from 0 to 100.'),
    ('settings-self-share', -5, 'Enter a whole percentage from 0 to 100.'),
    ('settings-okr-weight', 31, 'Choose a weight from 10 to 30 percent, or none.'),
    ('settings-okr-weight', 5, 'Choose a weight from 10 to 30 percent, or none.')])
async def test_out_of_range_review_settings_are_refused_at_the_field_not_clamped(
        user: User, field: str, value: int, message: str) -> None:
    await review_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/reviews')
    await user.should_see('Review settings', retries=20)

    by_testid(user, field).elements.pop().set_value(value)
    by_testid(user, field).trigger('blur')  # where the browser would leave the field
    by_testid(user, 'settings-save').click()

    await user.should_see(message, retries=20)
    assert by_testid(user, field).elements.pop().props.get('error-message') == message
    assert not await ReviewSettings.exists()


async def test_the_manager_sees_a_mid_cycle_blend_as_not_final(user: User) -> None:
    team = await review_team(state='active')
    clock.set_now(datetime(2026, 11, 20, 9, tzinfo=UTC))
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.4, reflection='Halfway')
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.6, comment='Keep going')
    await sign_in(user, 'mia@acme.test')

    await user.open('/reviews')

    await user.should_see('Blended (mid-cycle, not final) 0.5', retries=20)
    await user.should_not_see('Final score')


async def test_the_owner_sees_the_final_score_on_their_card_after_the_end_round(user: User) -> None:
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.2, reflection='Slow start')
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.9, comment='Strong finish')
    await sign_in(user, 'ben@acme.test')

    await user.open('/reviews')

    await user.should_see('Final score 0.7', retries=20)
    assert find_testid(user, 'assess-final', kr_id=team.kr.id)
    assert not find_testid(user, 'assess-final', kr_id=team.other.id)


async def test_the_retrospective_page_carries_the_learning_note(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')

    await user.open(f'/retrospective?cycle={q.cycle.id}&team={q.sales.id}')

    await user.should_see('Sales · 2026 Q4', retries=30)
    await user.should_see('OKR scores are for learning, not pay.')


async def test_the_dashboard_scores_chart_carries_the_learning_note(user: User) -> None:
    acme = await company()
    await sign_in(user, 'admin@acme.test')

    await user.open(f'/dashboard?animation=off&cycle={acme.cycle.id}')

    await user.should_see('Scores of closed cycles', retries=30)
    adoption = find_testid(user, 'dash-adoption')[0]
    assert any(note in adoption.descendants() for note in find_testid(user, 'score-note'))


async def test_retrospective_and_dashboard_label_score_bands_alike(database) -> None:
    q = await quarter()

    numbers = (await retro.retrospective(q.admin, q.cycle.id, None)).numbers
    dashboard = charts.scores_options(Adoption((), (), (('2026 Q4', (1, 2, 3)),)))

    retro_labels = tuple(retro_parts.score_options(numbers)['xAxis']['data'])
    assert retro_labels == metrics.SCORE_BANDS == ('0–0.3', '0.3–0.7', '0.7–1.0')
    assert tuple(series['name'] for series in dashboard['series']) == metrics.SCORE_BANDS


def test_every_score_band_label_has_a_chinese_translation() -> None:
    from locales import catalog

    assert [band for band in metrics.SCORE_BANDS if band not in catalog('zh_CN')] == []


def _slide_texts(content: bytes, first: int, last: int | None = None) -> list[str]:
    slides = list(Presentation(io.BytesIO(content)).slides)[first:last]
    return [shape.text_frame.text for slide in slides for shape in slide.shapes
            if shape.has_text_frame and shape != slide.shapes.title]


@pytest.mark.parametrize('state, scored', [('planning', False), ('active', False), ('review', True),
                                           ('closed', True)])
async def test_slides_print_scores_only_for_cycles_in_review_or_closed(database, state: str, scored: bool) -> None:
    built = await closing_cycle()
    await Cycle.filter(id=built.cycle.id).update(state=state)

    export = await exports.prepare_export(built.admin, built.cycle.id, 'pptx')
    content = exports.render(export, 'pptx', 'en')
    facts, summary = _slide_texts(content, 2), _slide_texts(content, 1, 2)

    assert any('Score 0.' in text for text in facts) is scored
    assert any('Progress ' in text for text in facts)
    assert ('Score distribution' in summary) is scored


@pytest.mark.skipif(shutil.which('pdftotext') is None, reason='poppler-utils is not installed')
@pytest.mark.parametrize('state, scored', [('active', False), ('closed', True)])
async def test_the_pdf_prints_scores_only_for_cycles_in_review_or_closed(database, tmp_path, state: str,
                                                                          scored: bool) -> None:
    built = await closing_cycle()
    await Cycle.filter(id=built.cycle.id).update(state=state)
    name, content = await exports.export_cycle(built.admin, built.cycle.id, 'pdf')
    (tmp_path / name).write_bytes(content)

    text = subprocess.run(['pdftotext', str(tmp_path / name), '-'], capture_output=True, check=True, text=True,
                          timeout=60).stdout

    assert ('Score 0.' in text) is scored and ('Score distribution' in text) is scored
    assert 'Progress ' in text
