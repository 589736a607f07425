"""Any service Apprise knows (Teams, Telegram, ntfy, ...) through one Apprise URL."""
import apprise

from services.channels.base import ChannelFailure, Message, Settings


async def send(settings: Settings, message: Message) -> None:
    notifier = apprise.Apprise()
    if not notifier.add(settings['url']):
        raise ChannelFailure('Apprise does not understand this URL')
    body = f'{message.text}\n\n{message.link_label}: {message.link}'
    if not await notifier.async_notify(body=body, title=message.title):
        raise ChannelFailure('Apprise could not deliver the message (see the server log)')
