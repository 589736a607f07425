"""Generic JSON webhook: the message's fields as a JSON object."""
from services.channels.base import Message, Settings, post_json


def payload(message: Message) -> dict:
    return {'title': message.title, 'text': message.text, 'link': message.link, 'recipient': message.recipient_name}


async def send(settings: Settings, message: Message) -> None:
    await post_json(settings['url'], payload(message))
