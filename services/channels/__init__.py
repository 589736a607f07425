"""Channel families: each turns a message into its app's own format and sends it. No database here."""
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from services.channels import apprise_url, dingtalk, feishu, mail, slack, webhook, wecom
from services.channels.base import ChannelFailure, Message, Settings

__all__ = ['ChannelFailure', 'Message', 'SENDERS', 'FIELDS', 'KINDS', 'send']


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # English; pages translate it
    secret: bool = False
    required: bool = True


_URL = Field('url', 'Webhook URL')
FIELDS: dict[str, tuple[Field, ...]] = {
    'email': (Field('host', 'SMTP host'), Field('port', 'Port'), Field('security', 'Security'),
              Field('user', 'User name', required=False), Field('password', 'Password', secret=True, required=False),
              Field('sender', 'Sender address')),
    'dingtalk': (_URL, Field('secret', 'Signing secret', secret=True, required=False)),
    'wecom': (_URL,),
    'feishu': (_URL, Field('secret', 'Signing secret', secret=True, required=False)),
    'slack': (_URL,),
    'apprise': (Field('url', 'Apprise URL', secret=True),),
    'webhook': (_URL,),
}
KINDS = tuple(FIELDS)

SENDERS: dict[str, Callable[[Settings, Message], Awaitable[None]]] = {
    'email': mail.send, 'dingtalk': dingtalk.send, 'wecom': wecom.send, 'feishu': feishu.send,
    'slack': slack.send, 'apprise': apprise_url.send, 'webhook': webhook.send,
}


async def send(kind: str, settings: dict[str, Any], message: Message) -> None:
    """Send one message; raises ChannelFailure with the reason when the other side does not take it."""
    await SENDERS[kind](settings, message)
