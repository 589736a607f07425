"""The errors services raise. Messages are English source strings that pages translate."""
from typing import Any


class ServiceError(Exception):
    """A refusal with a message for people; `params` fill the message's {placeholders}."""

    def __init__(self, message: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.field = field
        self.params = params


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    pass


class Invalid(ServiceError):
    """Bad input; `field` names the input it concerns."""


class Conflict(ServiceError):
    """Someone else changed the same thing first."""

    def __init__(self, message: str, *, current: Any = None, **params: Any) -> None:
        super().__init__(message, **params)
        self.current = current


class Throttled(ServiceError):
    pass
