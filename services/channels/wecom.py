"""WeCom (WeChat Work) group robot: a markdown message."""
from services.channels.base import Message, Settings, markdown_lines, post_json, require_code_zero


def payload(message: Message) -> dict:
    return {'msgtype': 'markdown', 'markdown': {'content': markdown_lines(message)}}


async def send(settings: Settings, message: Message) -> None:
    require_code_zero(await post_json(settings['url'], payload(message)), 'errcode')
