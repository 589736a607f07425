"""Feishu / Lark custom bot: an interactive card with a button; optional `timestamp` and `sign` in the body."""
import base64
import hashlib
import hmac
import time

from services.channels.base import Message, Settings, post_json, require_code_zero


def signature(timestamp_s: int, secret: str) -> str:
    """The key is "timestamp\\nsecret" and the signed message is empty."""
    digest = hmac.new(f'{timestamp_s}\n{secret}'.encode(), b'', hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def payload(message: Message) -> dict:
    return {'msg_type': 'interactive', 'card': {
        'header': {'title': {'tag': 'plain_text', 'content': message.title}},
        'elements': [
            {'tag': 'div', 'text': {'tag': 'lark_md', 'content': message.text}},
            {'tag': 'action', 'actions': [{'tag': 'button', 'type': 'primary', 'url': message.link,
                                           'text': {'tag': 'plain_text', 'content': message.link_label}}]},
        ]}}


async def send(settings: Settings, message: Message) -> None:
    body = payload(message)
    if settings.get('secret'):
        timestamp = int(time.time())
        body = {'timestamp': str(timestamp), 'sign': signature(timestamp, settings['secret']), **body}
    require_code_zero(await post_json(settings['url'], body), 'code', 'StatusCode')
