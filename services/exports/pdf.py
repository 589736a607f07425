"""The PDF export: title, summary numbers, two charts drawn with shapes, every objective, then the retrospective."""
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from services.errors import ServiceError
from services.exports.gather import CycleExport, KeyResultLine, ObjectiveLine
from services.exports.labels import (
    INK_RGB,
    MUTED_RGB,
    STATUS_RGB,
    TRACK_RGB,
    Words,
    find_font,
    find_latin_font,
    percent,
)
from services.retrospective_types import RetroItem, Retrospective

FONT = 'text'
CHINESE_FONT = 'cjk'
LINE = 6.0  # mm


class _Document(FPDF):
    def __init__(self, words: Words) -> None:
        super().__init__(format='A4')
        self.words = words
        chinese, latin = find_font(), find_latin_font()
        try:
            self.add_font(CHINESE_FONT, fname=str(chinese))
            self.add_font(FONT, fname=str(latin or chinese))
        except Exception as error:  # fontTools raises many kinds of errors for a file that is no usable font
            raise ServiceError('The font {name} cannot be used for the PDF: choose a .ttf file in OKRBOARD_PDF_FONT.',
                               name=chinese.name) from error
        self.set_fallback_fonts([CHINESE_FONT])
        self.set_auto_page_break(True, margin=15)
        self.set_margins(15, 15, 15)

    def write_line(self, text: str, size: float = 10, rgb: tuple[int, int, int] = INK_RGB,
                   height: float = LINE) -> None:
        self.set_font(FONT, size=size)
        self.set_text_color(*rgb)
        self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, size: float = 14) -> None:
        if self.get_y() > self.h - 40:  # a heading never ends a page alone
            self.add_page()
        self.ln(2)
        self.write_line(text, size=size, height=size * 0.5)
        self.ln(1)

    def bar(self, x: float, y: float, width: float, height: float, share: float, status: str) -> None:
        self.set_fill_color(*TRACK_RGB)
        self.rect(x, y, width, height, style='F')
        if share > 0:
            self.set_fill_color(*STATUS_RGB.get(status, STATUS_RGB['on_track']))
            self.rect(x, y, width * min(share, 1.0), height, style='F')


def render_pdf(export: CycleExport, locale: str = 'en') -> bytes:
    """A4 PDF with the font embedded, so Chinese text shows on any reader."""
    words = Words(locale)
    pdf = _Document(words)
    pdf.add_page()
    _title(pdf, export)
    _summary(pdf, export)
    if export.objectives:
        _progress_chart(pdf, export)
        if export.cycle.scored:
            _score_chart(pdf, export)
        for objective in export.objectives:
            _objective(pdf, objective, export.cycle.scored)
    if export.retrospective is not None:
        _retrospective(pdf, export.retrospective)
    return bytes(pdf.output())


def _title(pdf: _Document, export: CycleExport) -> None:
    title = export.cycle.name + (f' · {export.team_name}' if export.team_id is not None else '')
    pdf.write_line(title, size=22, height=11)
    pdf.write_line(f'{export.cycle.start.isoformat()} – {export.cycle.end.isoformat()}', rgb=MUTED_RGB)


def _summary(pdf: _Document, export: CycleExport) -> None:
    words = pdf.words
    pdf.heading(words['summary'])
    if not export.objectives:
        pdf.write_line(words['none'], rgb=MUTED_RGB)
        return
    pdf.write_line(f"{words['objectives']}: {len(export.objectives)}    {words['key_results']}: "
                   f"{export.key_result_count}    {words['average']}: {percent(export.progress)}")
    counts: dict[str, int] = {}
    for objective in export.objectives:
        counts[objective.health_status] = counts.get(objective.health_status, 0) + 1
    pdf.write_line('    '.join(f'{words.status(status)}: {count}' for status, count in counts.items()))


def _progress_chart(pdf: _Document, export: CycleExport) -> None:
    pdf.heading(pdf.words['progress_chart'], size=12)
    label_width, bar_width = 80.0, pdf.epw - 80.0 - 15
    for objective in export.objectives:
        if pdf.get_y() > pdf.h - 25:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font(FONT, size=8)
        pdf.set_text_color(*INK_RGB)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_width - 2, 5, _shorten(pdf, objective.title, label_width - 2))
        pdf.bar(pdf.l_margin + label_width, y + 1, bar_width, 3, objective.progress, objective.health_status)
        pdf.set_xy(pdf.l_margin + label_width + bar_width + 1, y)
        pdf.cell(14, 5, percent(objective.progress))
        pdf.set_xy(pdf.l_margin, y + 5.5)


def _score_chart(pdf: _Document, export: CycleExport) -> None:
    pdf.heading(pdf.words['score_chart'], size=12)
    height, width, gap = 35.0, 30.0, 12.0
    if pdf.get_y() > pdf.h - height - 30:
        pdf.add_page()
    top = pdf.get_y() + 4
    most = max((count for _, count in export.score_buckets), default=0) or 1
    colours = (STATUS_RGB['off_track'], STATUS_RGB['at_risk'], STATUS_RGB['done'])
    pdf.set_font(FONT, size=9)
    for index, (label, count) in enumerate(export.score_buckets):
        x = pdf.l_margin + 10 + index * (width + gap)
        filled = height * count / most
        pdf.set_fill_color(*colours[index % len(colours)])
        pdf.rect(x, top + height - filled, width, filled, style='F')
        pdf.set_xy(x, top + height - filled - 5)
        pdf.cell(width, 5, str(count), align='C')
        pdf.set_xy(x, top + height + 1)
        pdf.cell(width, 5, label, align='C')
    pdf.set_draw_color(*MUTED_RGB)
    pdf.line(pdf.l_margin + 5, top + height, pdf.l_margin + 15 + 3 * (width + gap), top + height)
    pdf.set_xy(pdf.l_margin, top + height + 7)
    pdf.write_line(pdf.words['scores_note'], size=8, rgb=MUTED_RGB, height=4)


def _objective(pdf: _Document, objective: ObjectiveLine, scored: bool) -> None:
    words = pdf.words
    pdf.heading(objective.title, size=13)
    facts = [objective.owner_name or objective.team_name or words['company'],
             f"{words['progress']} {percent(objective.progress)}", words.status(objective.health_status),
             f"{words['score']} {objective.score:.1f}" if scored else '']
    pdf.write_line(' · '.join(fact for fact in facts if fact), size=9, rgb=MUTED_RGB)
    for kr in objective.key_results:
        _key_result(pdf, kr, scored)


def _key_result(pdf: _Document, kr: KeyResultLine, scored: bool) -> None:
    if pdf.get_y() > pdf.h - 28:
        pdf.add_page()
    pdf.write_line(kr.title, size=10, height=5)
    y = pdf.get_y() + 0.5
    pdf.bar(pdf.l_margin, y + 1, 60, 3, kr.progress, kr.status)
    pdf.set_xy(pdf.l_margin + 62, y)
    words = pdf.words
    details = [percent(kr.progress), words.status(kr.status)] + ([f"{words['score']} {kr.score:.1f}"] if scored else [])
    if kr.owner_name:
        details.append(f"{words['owner']} {kr.owner_name}")
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(*MUTED_RGB)
    pdf.multi_cell(0, 5, ' · '.join(details), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _retrospective(pdf: _Document, retrospective: Retrospective) -> None:
    words = pdf.words
    pdf.add_page()
    pdf.write_line(f"{words['retrospective']} · {retrospective.team_name or retrospective.cycle_name}", size=18,
                   height=9)
    numbers = retrospective.numbers
    facts = [f"{words['good_share']}: {percent(numbers.share_good)}",
             f"{words['low_share']}: {percent(numbers.share_low)}"]
    if numbers.timeliness is not None:
        facts.append(f"{words['timeliness']}: {percent(numbers.timeliness)}")
    pdf.write_line('    '.join(facts), size=9, rgb=MUTED_RGB)
    for key, items in (('went_well', retrospective.went_well), ('did_not', retrospective.did_not)):
        pdf.heading(words[key], size=12)
        for item in items:
            _retro_item(pdf, item)
    for key, text in (('gains', retrospective.gains), ('problems', retrospective.problems),
                      ('plan', retrospective.plan)):
        pdf.heading(words[key], size=12)
        pdf.write_line(text or '—')


def _retro_item(pdf: _Document, item: RetroItem) -> None:
    pdf.write_line(f'{item.title} ({item.score:.1f})', size=10, height=5)
    pdf.write_line(' · '.join(part for part in (item.objective_title, item.owner_name) if part), size=8,
                   rgb=MUTED_RGB, height=4)
    for note in item.notes[:3]:
        pdf.write_line(f'“{note}”', size=8, height=4)
    pdf.ln(1)


def _shorten(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + '…') > width:
        text = text[:-1]
    return text + '…'
