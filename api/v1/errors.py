"""One error format for every /api/v1 answer: {"error": {"code", "message", "field"}}, never HTML or a traceback."""
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException  # FastAPI's own is a subclass; body parsing raises this one

from services.errors import Conflict, Forbidden, Invalid, NotFound, ServiceError, Throttled

log = logging.getLogger(__name__)

STATUS_OF: list[tuple[type[ServiceError], int, str]] = [
    (Invalid, 422, 'invalid'), (NotFound, 404, 'not_found'), (Forbidden, 403, 'forbidden'),
    (Conflict, 409, 'conflict'), (Throttled, 429, 'rate_limited')]
CODE_OF_STATUS = {400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'not_allowed',
                  409: 'conflict', 422: 'invalid', 429: 'rate_limited'}


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {'model': ErrorBody, 'description': description} for status, description in [
        (400, 'The request is malformed'), (401, 'No valid bearer token'), (403, 'Not allowed'),
        (404, 'Not found or not visible to you'), (409, 'Changed by someone else first'),
        (422, 'A value is invalid'), (429, 'Too many requests; see Retry-After')]}


class ApiProblem(Exception):
    """A refusal raised by the API layer itself (authentication, scope)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def error_response(status: int, message: str, *, code: str | None = None, field: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code or CODE_OF_STATUS.get(status, 'error'), message=message, field=field))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def from_service_error(error: ServiceError) -> JSONResponse:
    status, code = next(((status, code) for kind, status, code in STATUS_OF if isinstance(error, kind)),
                        (400, 'bad_request'))
    headers = {'Retry-After': str(error.params.get('seconds', 60))} if isinstance(error, Throttled) else None
    return error_response(status, str(error), code=code, field=error.field, headers=headers)


def from_validation_error(error: RequestValidationError) -> JSONResponse:
    problems = error.errors()
    first = problems[0] if problems else {}
    if first.get('type') == 'json_invalid':
        return error_response(400, 'The body is not valid JSON.')
    location = [str(part) for part in first.get('loc', ()) if part not in ('body', 'query', 'path', 'header')]
    return error_response(422, str(first.get('msg', 'Invalid request.')), field='.'.join(location) or None)


class ApiRoute(APIRoute):
    """Answers every failure of an /api/v1 route in the one error format, without touching the rest of the app."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiProblem as problem:
                return error_response(problem.status, problem.message, headers=problem.headers)
            except ServiceError as error:
                return from_service_error(error)
            except RequestValidationError as error:
                return from_validation_error(error)
            except HTTPException as error:
                return error_response(error.status_code, str(error.detail), headers=error.headers)
            except Exception:
                log.exception('api call %s %s failed', request.method, request.url.path)
                return error_response(500, 'Something went wrong on the server.', code='internal')
        return guarded
