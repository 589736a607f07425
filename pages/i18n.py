"""The translation function pages use: `_('English source', name=value)`."""
from typing import Any

from nicegui import app

from config import settings
from locales import translate
from services.errors import ServiceError


def locale() -> str:
    return app.storage.client.get('locale') or settings().default_locale


def _(text: str, /, **params: Any) -> str:
    return translate(locale(), text, **params)


def error_text(error: ServiceError) -> str:
    return _(error.message, **error.params)


def N_(text: str) -> str:  # noqa: N802 (the usual name of the marker)
    """Mark a string for translation where it is defined; translate it with `_` where it is shown."""
    return text
