"""DingTalk group robot: a markdown message; with a signing secret, `timestamp` and `sign` in the query."""
import base64
import hashlib
import hmac
import time
from urllib.parse import quote_plus

from services.channels.base import Message, Settings, markdown_lines, post_json, require_code_zero


def signature(timestamp_ms: int, secret: str) -> str:
    digest = hmac.new(secret.encode(), f'{timestamp_ms}\n{secret}'.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    joiner = '&' if '?' in url else '?'
    return f'{url}{joiner}timestamp={timestamp_ms}&sign={quote_plus(signature(timestamp_ms, secret))}'


def payload(message: Message) -> dict:
    return {'msgtype': 'markdown', 'markdown': {'title': message.title, 'text': markdown_lines(message)}}


async def send(settings: Settings, message: Message) -> None:
    url = settings['url']
    if settings.get('secret'):
        url = signed_url(url, settings['secret'], int(time.time() * 1000))
    require_code_zero(await post_json(url, payload(message)), 'errcode')
