"""What the Jira and Trello clients share: one GET with a timeout, and failures as reasons people can read."""
import asyncio
import json
import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

TIMEOUT = 10.0  # seconds for each request; tests shorten it
MAX_REASON = 200  # characters of a server's own explanation kept in a stored reason
MAX_BYTES = 20_000_000  # one answer; a page of 100 Jira issues is far below


class RemoteError(Exception):
    """A failed call to another system; `message` is an English source text with {placeholders} from `params`."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params


class _WithoutQuery(logging.Filter):
    """httpx logs every request URL, and Trello wants its key and token in the query string: drop the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_strip_query(arg) if isinstance(arg, httpx.URL) else arg for arg in record.args)
        return True


def _strip_query(url: httpx.URL) -> str:
    parts = urlsplit(str(url))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, '', ''))


def _install_filter() -> None:
    logger = logging.getLogger('httpx')
    if not any(isinstance(existing, _WithoutQuery) for existing in logger.filters):
        logger.addFilter(_WithoutQuery())


_install_filter()


def client(**options: Any) -> httpx.AsyncClient:
    """A client that never follows redirects (a token must not travel to another host) and gives up in time."""
    return httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False, **options)


async def get_json(http: httpx.AsyncClient, url: str, *, params: dict[str, Any] | None = None,
                   not_found: str, secrets: tuple[str, ...] = ()) -> Any:
    """GET `url` and decode its JSON body, or raise RemoteError saying what went wrong."""
    try:
        async with asyncio.timeout(TIMEOUT):  # the whole answer, not each read: a trickling server gets no longer
            status, body = await _fetch(http, url, params)
    except (TimeoutError, httpx.TimeoutException) as error:
        raise RemoteError('The server did not answer within {seconds} seconds.', seconds=f'{TIMEOUT:g}') from error
    except httpx.HTTPError as error:
        raise RemoteError('Could not reach the server.') from error
    if status == 401:
        raise RemoteError('The token was refused.')
    if status == 403:
        raise RemoteError('The token may not read this.')
    if status == 404:
        raise RemoteError(not_found)
    if status == 400:
        raise RemoteError('The server refused the request: {reason}', reason=_reason(body, secrets))
    if status >= 500:
        raise RemoteError('The server failed (HTTP {status}).', status=status)
    if not 200 <= status < 300:
        raise RemoteError('The server answered with HTTP {status}.', status=status)
    try:
        return json.loads(body)
    except ValueError as error:
        raise RemoteError('The server sent an answer that is not valid JSON.') from error


async def _fetch(http: httpx.AsyncClient, url: str, params: dict[str, Any] | None) -> tuple[int, bytes]:
    """The status and body, read no further than MAX_BYTES."""
    body = bytearray()
    async with http.stream('GET', url, params=params) as response:
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > MAX_BYTES:
                raise RemoteError('The answer is larger than {n} MB; narrow the query.', n=MAX_BYTES // 1_000_000)
    return response.status_code, bytes(body)


def _reason(body: bytes, secrets: tuple[str, ...]) -> str:
    """The server's own explanation (Jira's errorMessages, else the body), short and without our secrets."""
    text = body.decode('utf-8', errors='replace')
    try:
        found = json.loads(text)
        messages = found.get('errorMessages') if isinstance(found, dict) else None
        if isinstance(messages, list):
            text = '; '.join(str(message) for message in messages)
    except ValueError:
        pass
    for secret in secrets:
        if secret:
            text = text.replace(secret, '***')
    text = ' '.join(text.split())[:MAX_REASON]
    return text or '?'


def unexpected() -> RemoteError:
    return RemoteError('The server sent an answer of an unexpected shape.')
