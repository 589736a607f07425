"""The PPTX export: a title slide, a summary slide, one slide per objective, then the retrospective's slides."""
import io
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

from services.exports.gather import CycleExport, KeyResultLine, ObjectiveLine
from services.exports.labels import INK_RGB, MUTED_RGB, STATUS_RGB, TRACK_RGB, Words, percent
from services.retrospective_types import RetroItem, Retrospective

RETROSPECTIVE_SLIDES = 2  # what went well and what did not; gains, problems and plan
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5


def render_pptx(export: CycleExport, locale: str = 'en') -> bytes:
    """A 16:9 deck; progress bars are drawn shapes, so they stay sharp and editable."""
    words = Words(locale)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, export)
    _summary_slide(deck, export, words)
    for objective in export.objectives:
        _objective_slide(deck, objective, words, export.cycle.scored)
    if export.retrospective is not None:
        _retrospective_slides(deck, export.retrospective, words)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _title_slide(deck: Any, export: CycleExport) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    slide.shapes.title.text = export.cycle.name + (f' · {export.team_name}' if export.team_id is not None else '')
    slide.placeholders[1].text = f'{export.cycle.start.isoformat()} – {export.cycle.end.isoformat()}'


def _titled(deck: Any, title: str) -> Any:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
    slide.shapes.title.left, slide.shapes.title.top = MARGIN, Inches(0.3)
    slide.shapes.title.width, slide.shapes.title.height = WIDTH - 2 * MARGIN, Inches(1.0)
    return slide


def _text(slide: Any, text: str, left: int, top: int, width: int, height: int, size: int = 14,
          rgb: tuple[int, int, int] = INK_RGB) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split('\n')):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.color.rgb = RGBColor(*rgb)


def _bar(slide: Any, left: int, top: int, width: int, height: int, share: float, status: str) -> None:
    for fraction, rgb in ((1.0, TRACK_RGB), (min(max(share, 0.0), 1.0), STATUS_RGB.get(status, INK_RGB))):
        if fraction <= 0:
            continue
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, Emu(int(width * fraction)), height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(*rgb)
        shape.line.fill.background()


def _summary_slide(deck: Any, export: CycleExport, words: Words) -> None:
    slide = _titled(deck, words['summary'])
    top = Inches(1.5)
    facts = (f"{words['objectives']}: {len(export.objectives)}\n{words['key_results']}: {export.key_result_count}\n"
             f"{words['average']}: {percent(export.progress)}")
    _text(slide, facts, MARGIN, top, Inches(5), Inches(1.6), size=20)
    if export.cycle.scored:
        _score_chart(slide, export, words, top)


def _score_chart(slide: Any, export: CycleExport, words: Words, top: int) -> None:
    _text(slide, words['score_chart'], Inches(7), top, Inches(5), Inches(0.5), size=16)
    most = max((count for _, count in export.score_buckets), default=0) or 1
    colours = ('off_track', 'at_risk', 'done')
    for index, (label, count) in enumerate(export.score_buckets):
        top_of_row = top + Inches(0.7) + index * Inches(0.7)
        _text(slide, label, Inches(7), top_of_row, Inches(1.2), Inches(0.5), size=12)
        _bar(slide, Inches(8.3), top_of_row + Inches(0.1), Inches(3.6), Inches(0.3), count / most,
             colours[index % len(colours)])
        _text(slide, str(count), Inches(12.0), top_of_row, Inches(0.8), Inches(0.5), size=12)
    _text(slide, words['scores_note'], MARGIN, HEIGHT - Inches(1.0), WIDTH - 2 * MARGIN, Inches(0.5), size=11,
          rgb=MUTED_RGB)


def _objective_slide(deck: Any, objective: ObjectiveLine, words: Words, scored: bool) -> None:
    slide = _titled(deck, objective.title)
    facts = [objective.owner_name or objective.team_name or words['company'],
             f"{words['progress']} {percent(objective.progress)}", words.status(objective.health_status),
             f"{words['score']} {objective.score:.1f}" if scored else '']
    _text(slide, ' · '.join(fact for fact in facts if fact), MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(0.4),
          size=14, rgb=MUTED_RGB)
    count = max(len(objective.key_results), 1)
    row = min(Inches(0.95), int((HEIGHT - Inches(2.1)) / count))
    for index, kr in enumerate(objective.key_results):
        _key_result_row(slide, kr, Inches(1.9) + index * row, row, words)


def _key_result_row(slide: Any, kr: KeyResultLine, top: int, row: int, words: Words) -> None:
    size = 14 if row >= Inches(0.7) else 10
    _text(slide, kr.title, MARGIN, top, Inches(6.4), int(row * 0.9), size=size)
    _bar(slide, Inches(7.2), top + int(row * 0.2), Inches(3.2), int(row * 0.3), kr.progress, kr.status)
    label = f'{percent(kr.progress)} · {words.status(kr.status)}'
    _text(slide, label, Inches(10.5), top, Inches(2.3), int(row * 0.9), size=size,
          rgb=STATUS_RGB.get(kr.status, INK_RGB) if kr.status != 'at_risk' else INK_RGB)


def _retrospective_slides(deck: Any, retrospective: Retrospective, words: Words) -> None:
    slide = _titled(deck, f"{words['retrospective']} · {retrospective.team_name or retrospective.cycle_name}")
    half = (WIDTH - 2 * MARGIN) // 2
    for column, (key, items) in enumerate((('went_well', retrospective.went_well),
                                           ('did_not', retrospective.did_not))):
        left = MARGIN + column * half
        _text(slide, words[key], left, Inches(1.4), half - Inches(0.2), Inches(0.5), size=18)
        _text(slide, '\n'.join(_item_line(item) for item in items[:8]) or '—', left, Inches(2.0),
              half - Inches(0.2), Inches(5), size=12)
    slide = _titled(deck, words['retrospective'])
    third = (WIDTH - 2 * MARGIN) // 3
    for column, (key, text) in enumerate((('gains', retrospective.gains), ('problems', retrospective.problems),
                                          ('plan', retrospective.plan))):
        left = MARGIN + column * third
        _text(slide, words[key], left, Inches(1.4), third - Inches(0.2), Inches(0.5), size=18)
        _text(slide, text or '—', left, Inches(2.0), third - Inches(0.2), Inches(5), size=12)


def _item_line(item: RetroItem) -> str:
    return f'{item.title} ({item.score:.1f})' + (f' — {item.notes[0]}' if item.notes else '')
