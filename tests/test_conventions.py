"""House rules that must stay true without anyone remembering them."""
import ast
import json
import re
from pathlib import Path

import pytest

from locales import catalog

ROOT = Path(__file__).parent.parent
TRANSLATED_CALLS = {'_', 'N_'}
ERROR_CLASSES = {'ServiceError', 'Invalid', 'NotFound', 'Forbidden', 'Conflict', 'Throttled'}


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob('*.py'))


def imported_modules(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not _under_type_checking(node, path):
            names.append(node.module)
    return names


def _under_type_checking(node: ast.ImportFrom, path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding='utf-8'))
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and 'TYPE_CHECKING' in ast.unparse(block.test):
            if any(child is node or ast.dump(child) == ast.dump(node) for child in ast.walk(block)):
                return True
    return False


@pytest.mark.parametrize('path', sources('services'), ids=lambda p: str(p.relative_to(ROOT)))
def test_services_never_import_nicegui(path: Path) -> None:
    allowed = {'nicegui'} if path.name == 'events.py' else set()
    offending = [name for name in imported_modules(path) if name.split('.')[0] == 'nicegui' and name not in allowed]
    assert not offending, f'{path.name} imports {offending}'


@pytest.mark.parametrize('path', sources('pages'), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_never_touch_the_orm(path: Path) -> None:
    offending = [name for name in imported_modules(path) if name.split('.')[0] in {'tortoise', 'models'}]
    assert not offending, f'{path.name} imports {offending}'


def translatable_strings() -> list[tuple[str, str]]:
    """(where, English source) for every string shown to people."""
    found: list[tuple[str, str]] = []
    for folder in ('pages', 'services'):
        for path in sources(folder):
            for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, 'attr', '')
                if name in TRANSLATED_CALLS or name in ERROR_CLASSES:
                    first = node.args[0]
                    where = f'{path.relative_to(ROOT)}:{node.lineno}'
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        found.append((where, first.value))
                    elif name == 'N_':
                        found.append((where, f'<N_ needs a literal: {ast.unparse(first)}>'))
    return found


def test_every_visible_string_has_a_chinese_translation() -> None:
    chinese = catalog('zh_CN')
    missing = sorted({f'{where}: {text}' for where, text in translatable_strings() if text not in chinese})
    assert not missing, 'missing in locales/zh_CN:\n' + '\n'.join(missing)


def test_translations_keep_their_placeholders() -> None:
    placeholder = re.compile(r'\{(\w+)\}')
    wrong = [source for source, translated in catalog('zh_CN').items()
             if set(placeholder.findall(source)) != set(placeholder.findall(translated))]
    assert not wrong


def test_one_text_has_one_translation_across_the_catalog_files() -> None:
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted((ROOT / 'locales' / 'zh_CN').glob('*.json')):
        for english, chinese in json.loads(path.read_text(encoding='utf-8')).items():
            if english in seen and seen[english][1] != chinese:
                clashes.append(f'{english!r}: {seen[english][0]} and {path.name} differ')
            seen.setdefault(english, (path.name, chinese))
    assert not clashes, 'merge these into one translation:\n' + '\n'.join(clashes)


def test_no_absolute_machine_paths_in_the_repository() -> None:
    for path in [*ROOT.rglob('*.py'), *ROOT.rglob('*.md'), *ROOT.rglob('*.toml')]:
        if '.venv' in path.parts or 'site-packages' in path.parts:
            continue
        assert str(ROOT) not in path.read_text(encoding='utf-8', errors='ignore'), path
