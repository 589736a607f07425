"""Message catalogs. English source strings are the keys; zh_CN/*.json holds one file per page area."""
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from config import LOCALES

FOLDER = Path(__file__).parent


@lru_cache(maxsize=len(LOCALES))
def catalog(locale: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((FOLDER / locale).glob('*.json')):
        merged.update(json.loads(path.read_text(encoding='utf-8')))
    return merged


def translate(locale: str, text: str, /, **params: Any) -> str:
    """The text in `locale` (English when no translation exists), with {placeholders} filled."""
    translated = catalog(locale).get(text, text) if locale != 'en' else text
    return translated.format(**params) if params else translated


def negotiate(accept_language: str | None, default: str) -> str:
    """The best of our locales for an Accept-Language header."""
    for part in (accept_language or '').split(','):
        tag = part.split(';')[0].strip().lower()
        if tag.startswith('zh'):
            return 'zh_CN'
        if tag.startswith('en'):
            return 'en'
    return default
