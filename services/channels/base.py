"""What every channel family shares: the message, the failure, and a JSON POST with short timeouts."""
import json
from dataclasses import dataclass
from typing import Any

import httpx

TIMEOUT = httpx.Timeout(5.0, connect=3.0)
Settings = dict[str, Any]


@dataclass(frozen=True)
class Message:
    """A reminder ready to send, already in the recipient's language."""
    title: str
    text: str  # plain text, one or more lines
    link: str  # the deep link to act on
    link_label: str
    recipient_name: str = ''
    recipient_email: str | None = None


class ChannelFailure(Exception):
    """The channel did not take the message; the text says why (shown in the delivery log)."""


async def post_json(url: str, payload: dict) -> Any:
    """POST JSON and return the decoded answer (None when it is not JSON)."""
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as client:
            response = await client.post(url, content=json.dumps(payload, ensure_ascii=False).encode(),
                                         headers={'Content-Type': 'application/json; charset=utf-8'})
    except httpx.TimeoutException as error:
        raise ChannelFailure(f'timeout: {type(error).__name__}') from error
    except httpx.HTTPError as error:
        raise ChannelFailure(f'connection failed: {str(error) or type(error).__name__}') from error
    if response.status_code >= 400:
        raise ChannelFailure(f'HTTP {response.status_code}: {response.text[:200]}')
    try:
        return response.json()
    except ValueError:
        return None


def require_code_zero(answer: Any, *keys: str) -> None:
    """Chat robots answer HTTP 200 with an error code in the body: anything but 0 is a failure."""
    if not isinstance(answer, dict):
        return
    for key in keys:
        if key in answer and answer[key] not in (0, '0'):
            raise ChannelFailure(f'{key} {answer[key]}: {answer.get("errmsg") or answer.get("msg") or ""}'.strip())


def markdown_lines(message: Message) -> str:
    return f'### {message.title}\n\n{message.text}\n\n[{message.link_label}]({message.link})'
