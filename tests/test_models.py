import ast
from pathlib import Path

import pytest

MODELS = sorted((Path(__file__).parent.parent / 'models').glob('*.py'))


@pytest.mark.parametrize('path', MODELS, ids=lambda p: p.name)
def test_model_docstrings_have_no_apostrophes_or_semicolons(path: Path) -> None:
    # Tortoise 1.1 writes a model's docstring into CREATE TABLE unescaped, and its migrations split their SQL at
    # semicolons: an apostrophe or a semicolon breaks the migration of an existing database.
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, ast.ClassDef):
            docstring = ast.get_docstring(node) or ''
            assert "'" not in docstring and ';' not in docstring, node.name
