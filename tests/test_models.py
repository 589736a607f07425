import ast
from pathlib import Path

import pytest

MODELS = sorted((Path(__file__).parent.parent / 'models').glob('*.py'))


@pytest.mark.parametrize('path', MODELS, ids=lambda p: p.name)
def test_model_docstrings_have_no_apostrophes(path: Path) -> None:
    # Tortoise 1.1 writes a model's docstring into CREATE TABLE unescaped; an apostrophe breaks the migration.
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, ast.ClassDef):
            assert "'" not in (ast.get_docstring(node) or ''), node.name
