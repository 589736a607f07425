import ast
import string
from datetime import date
from pathlib import Path

import pytest

from locales import catalog
from services.importing.periods import parse_period

ROOT = Path(__file__).resolve().parents[1]
MESSAGE_CALLS = {'fail': 1, 'refusal': 1, 'CellError': 0, 'RowError': 3, '_': 0, 'N_': 0, 'get': 3}


@pytest.mark.parametrize(('name', 'cadence', 'start', 'end'), [
    ('2019 Q1', 'quarter', date(2019, 1, 1), date(2019, 3, 31)),
    ('2019-Q1', 'quarter', date(2019, 1, 1), date(2019, 3, 31)),
    ('FY24 Q3', 'quarter', date(2024, 7, 1), date(2024, 9, 30)),
    ('2024 H2', 'half', date(2024, 7, 1), date(2024, 12, 31)),
    ('2024', 'year', date(2024, 1, 1), date(2024, 12, 31)),
    ('2024年第一季度', 'quarter', date(2024, 1, 1), date(2024, 3, 31)),
    ('2024年Q1', 'quarter', date(2024, 1, 1), date(2024, 3, 31)),
    ('2024年第4季度', 'quarter', date(2024, 10, 1), date(2024, 12, 31)),
    ('2024年下半年', 'half', date(2024, 7, 1), date(2024, 12, 31)),
])
def test_period_names_give_their_dates(name: str, cadence: str, start: date, end: date) -> None:
    period = parse_period(name)

    assert period is not None
    assert (period.cadence, period.start, period.end) == (cadence, start, end)


@pytest.mark.parametrize('name', ['GJ 24/25-Q2', 'Sprint 5', '24', '2019 Q5', 'Q1'])
def test_names_that_are_no_period(name: str) -> None:
    assert parse_period(name) is None


def _messages(path: Path) -> set[str]:
    """English texts the importer shows: messages of row errors and refusals, and the page's strings."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, 'attr', getattr(node.func, 'id', ''))
            position = MESSAGE_CALLS.get(name)
            if position is not None and len(node.args) > position and isinstance(node.args[position], ast.Constant):
                found.add(node.args[position].value)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                and str(node.value.value).startswith('Unknown '):
            found.add(node.value.value)
    return {text for text in found if isinstance(text, str) and (' ' in text or text[:1].isupper())}


def test_every_import_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    texts = set().union(*(_messages(path) for path in (ROOT / 'services' / 'importing').glob('*.py')),
                        _messages(ROOT / 'pages' / 'imports.py'))
    chinese = catalog('zh_CN')

    assert sorted(text for text in texts if text not in chinese) == []
    fields = string.Formatter()
    for text in texts:
        assert ({name for _, name, _, _ in fields.parse(text) if name}
                == {name for _, name, _, _ in fields.parse(chinese[text]) if name}), text
