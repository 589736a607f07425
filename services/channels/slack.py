"""Slack incoming webhook: mrkdwn blocks, with the link to act."""
from services.channels.base import Message, Settings, post_json


def _escape(text: str) -> str:
    return text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def payload(message: Message) -> dict:
    text = f'*{_escape(message.title)}*\n{_escape(message.text)}'
    return {'text': f'{message.title}: {message.link}', 'blocks': [
        {'type': 'section', 'text': {'type': 'mrkdwn', 'text': text}},
        {'type': 'section', 'text': {'type': 'mrkdwn', 'text': f'<{message.link}|{_escape(message.link_label)}>'}},
    ]}


async def send(settings: Settings, message: Message) -> None:
    await post_json(settings['url'], payload(message))
