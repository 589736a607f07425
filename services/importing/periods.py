"""Reading a cycle's dates from its name: '2019 Q1', 'FY24 Q3', '2024 H2', '2024', '2024年第一季度', '2024年Q1'."""
import re
from dataclasses import dataclass
from datetime import date

from services.cycles import preset_dates


@dataclass(frozen=True)
class Period:
    cadence: str  # quarter, half, year
    start: date
    end: date


_CHINESE_DIGITS = {'一': 1, '二': 2, '三': 3, '四': 4, '1': 1, '2': 2, '3': 3, '4': 4}
_YEAR = r'(?:fy\s*)?(?P<year>\d{4}|\d{2})'
_PATTERNS = (
    (re.compile(_YEAR + r'\s*[-_/ ]?\s*q(?P<part>[1-4])'), 'quarter'),
    (re.compile(r'q(?P<part>[1-4])\s*[-_/ ]?\s*' + _YEAR), 'quarter'),
    (re.compile(_YEAR + r'\s*[-_/ ]?\s*h(?P<part>[12])'), 'half'),
    (re.compile(r'h(?P<part>[12])\s*[-_/ ]?\s*' + _YEAR), 'half'),
    (re.compile(_YEAR), 'year'),
    (re.compile(r'(?P<year>\d{4})\s*年?\s*第?\s*(?P<part>[一二三四1-4])\s*季度?'), 'quarter'),
    (re.compile(r'(?P<year>\d{4})\s*年?\s*q(?P<part>[1-4])'), 'quarter'),
    (re.compile(r'(?P<year>\d{4})\s*年?\s*(?P<part>[上下])\s*半年'), 'half'),
    (re.compile(r'(?P<year>\d{4})\s*年?\s*(?:度|全年)?'), 'year'),
)


def parse_period(name: str) -> Period | None:
    """The quarter, half or year a cycle's name stands for; None when the name is no period."""
    text = ' '.join(str(name).split()).lower()
    for pattern, cadence in _PATTERNS:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        if len(found['year']) == 2 and 'fy' not in text:  # a bare '24' is no year, 'FY24' is
            return None
        year = int(found['year'])
        year = year + 2000 if year < 100 else year
        if not 1900 <= year <= 2200:
            return None
        part = _part(found.groupdict().get('part'))
        start, end = preset_dates(cadence, year, part)
        return Period(cadence, start, end)
    return None


def _part(text: str | None) -> int:
    if text is None:
        return 1
    if text in ('上', '下'):
        return 1 if text == '上' else 2
    return _CHINESE_DIGITS.get(text) or int(text)
