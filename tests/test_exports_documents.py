"""The PDF and PPTX exports: rendered back to text and images, or read back with python-pptx."""
import io
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from pptx import Presentation

from models.cycle import Cycle
from services import clock, exports
from services import retrospective as retrospectives
from services.errors import ServiceError
from services.exports import labels, pdf
from services.exports.pptx import RETROSPECTIVE_SLIDES
from tests.factories_exports import closing_cycle, retrospective

needs_poppler = pytest.mark.skipif(shutil.which('pdftotext') is None or shutil.which('pdftoppm') is None,
                                   reason='poppler-utils is not installed')


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / 'export.pdf'
    path.write_bytes(content)
    return subprocess.run(['pdftotext', '-layout', str(path), '-'], capture_output=True, check=True,
                          text=True, timeout=60).stdout


@needs_poppler
async def test_pdf_text_holds_chinese_and_english_titles_and_the_retrospective(database, tmp_path) -> None:
    built = await closing_cycle()
    await Cycle.filter(id=built.cycle.id).update(state='closed')  # a score chart only once scores exist
    export = (await exports.prepare_export(built.admin, built.cycle.id, 'pdf')).with_retrospective(
        retrospective(built.cycle))

    text = pdf_text(exports.render(export, 'pdf', 'zh_CN'), tmp_path)

    for title in ('增长收入 Grow revenue', '更快交付 Ship faster', 'Learn Rust', 'Launch v2', '复盘计划 plan ahead',
                  '团队协作 teamwork'):
        assert title in text
    assert '得分分布' in text and '做得好的' in text


@needs_poppler
async def test_pdf_first_page_renders_to_an_image(database, tmp_path) -> None:
    built = await closing_cycle()
    name, content = await exports.export_cycle(built.admin, built.cycle.id, 'pdf')
    (tmp_path / name).write_bytes(content)

    subprocess.run(['pdftoppm', '-png', '-r', '50', '-f', '1', '-l', '1', str(tmp_path / name),
                    str(tmp_path / 'page')], check=True, timeout=60)

    pages = list(tmp_path.glob('page*.png'))
    assert name == '2026-Q4.pdf'
    assert len(pages) == 1 and pages[0].stat().st_size > 1000


async def test_pdf_without_a_chinese_font_says_how_to_get_one(tmp_path) -> None:
    with pytest.raises(ServiceError) as refused:
        labels.find_font('', known=(str(tmp_path / 'missing.ttf'),))

    assert 'OKRBOARD_PDF_FONT' in refused.value.message


async def test_configured_font_wins_over_known_paths(tmp_path) -> None:
    font = tmp_path / 'mine.ttf'
    font.write_bytes(b'not checked here')

    assert labels.find_font(str(font), known=()) == font


async def test_configured_file_that_is_no_font_is_refused_with_a_message(database, tmp_path, monkeypatch) -> None:
    built = await closing_cycle()
    export = await exports.prepare_export(built.admin, built.cycle.id, 'pdf')
    font = tmp_path / 'broken.ttf'
    font.write_bytes(b'not a font')
    monkeypatch.setattr(pdf, 'find_font', lambda: font)

    with pytest.raises(ServiceError) as refused:
        exports.render(export, 'pdf')

    assert refused.value.params == {'name': 'broken.ttf'}


async def test_pptx_has_title_summary_one_slide_per_objective_and_the_retrospective(database) -> None:
    built = await closing_cycle()
    export = (await exports.prepare_export(built.admin, built.cycle.id, 'pptx')).with_retrospective(
        retrospective(built.cycle))

    deck = Presentation(io.BytesIO(exports.render(export, 'pptx', 'en')))

    slides = list(deck.slides)
    assert len(slides) == 2 + len(export.objectives) + RETROSPECTIVE_SLIDES
    titles = [slide.shapes.title.text for slide in slides]
    assert titles[:2] == ['2026 Q4', 'Summary']
    assert titles[2:2 + len(export.objectives)] == [objective.title for objective in export.objectives]
    assert titles[-2].startswith('Retrospective')


async def test_pptx_objective_slide_shows_each_key_result_with_a_bar_and_a_status(database) -> None:
    clock.set_now(datetime(2026, 10, 16, 12, tzinfo=UTC))
    built = await closing_cycle()
    _, content = await exports.export_cycle(built.admin, built.cycle.id, 'pptx')

    deck = Presentation(io.BytesIO(content))

    slide = next(slide for slide in deck.slides if slide.shapes.title.text == '增长收入 Grow revenue')
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert 'Revenue 收入' in texts and 'Churn' in texts
    assert '50% · On track' in texts  # revenue: half way, two weeks into the cycle
    assert '50% · At risk' in texts  # churn: the same progress, but confidence 3
    bars = [shape for shape in slide.shapes if shape.shape_type == 1]  # autoshapes: track and fill of each bar
    assert len(bars) == 4


async def test_an_unpublished_retrospective_stays_out_of_an_employees_slides(database) -> None:
    built = await closing_cycle()

    _, mine = await exports.export_cycle(built.sam, built.cycle.id, 'pptx')
    _, admins = await exports.export_cycle(built.admin, built.cycle.id, 'pptx')  # the admin may edit it

    assert len(Presentation(io.BytesIO(mine)).slides) == 2 + 3  # the private objective is not Sam's to see
    assert len(Presentation(io.BytesIO(admins)).slides) == 2 + 4 + RETROSPECTIVE_SLIDES


async def test_a_published_retrospective_goes_into_the_pdf_and_the_slides(database, tmp_path) -> None:
    built = await closing_cycle()
    await retrospectives.save_sections(built.admin, built.cycle.id, None, gains='Weekly demos kept us honest',
                                      problems='Too many objectives', plan='Three objectives at most',
                                      version=0)
    await retrospectives.publish(built.admin, built.cycle.id, None)

    _, pdf = await exports.export_cycle(built.admin, built.cycle.id, 'pdf')
    (tmp_path / 'out.pdf').write_bytes(pdf)
    _, slides = await exports.export_cycle(built.admin, built.cycle.id, 'pptx')

    text = subprocess.run(['pdftotext', str(tmp_path / 'out.pdf'), '-'], capture_output=True, text=True).stdout
    assert 'Weekly demos kept us honest' in ' '.join(text.split())
    shapes_text = ' '.join(shape.text_frame.text for slide in Presentation(io.BytesIO(slides)).slides
                           for shape in slide.shapes if shape.has_text_frame)
    assert 'Three objectives at most' in shapes_text
