"""E-mail over SMTP (plain, STARTTLS or TLS), off the event loop, with a short timeout."""
import asyncio
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from services.channels.base import ChannelFailure, Message, Settings

TIMEOUT_SECONDS = 5
SECURITY = ('none', 'starttls', 'tls')


def settings_from_url(url: str) -> Settings:
    """smtp://user:password@host:port, `?starttls=1` for STARTTLS, smtps:// for TLS; `?from=` sets the sender."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    security = 'tls' if parts.scheme == 'smtps' else 'starttls' if query.get('starttls', ['0'])[0] in (
        '1', 'true', 'yes') else 'none'
    user = unquote(parts.username or '')
    sender = query.get('from', [''])[0] or (user if '@' in user else f'okrboard@{parts.hostname or "localhost"}')
    return {'host': parts.hostname or '', 'port': parts.port or (465 if security == 'tls' else 25),
            'security': security, 'user': user, 'password': unquote(parts.password or ''), 'sender': sender}


def build(settings: Settings, message: Message) -> EmailMessage:
    mail = EmailMessage()
    mail['Subject'] = message.title
    mail['From'] = settings['sender']
    mail['To'] = message.recipient_email or ''
    mail['Date'] = formatdate(usegmt=True)  # spam filters mark mail without a date or an id
    mail['Message-ID'] = make_msgid(domain=settings['sender'].rpartition('@')[2] or None)
    mail.set_content(f'{message.text}\n\n{message.link_label}: {message.link}\n')
    return mail


def _send_now(settings: Settings, mail: EmailMessage) -> None:
    host, port = settings['host'], int(settings['port'])
    if settings.get('security') == 'tls':
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_SECONDS,
                                                context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
    with client:
        if settings.get('security') == 'starttls':
            client.starttls(context=ssl.create_default_context())
        if settings.get('user'):
            client.login(settings['user'], settings.get('password') or '')
        client.send_message(mail)


async def send(settings: Settings, message: Message) -> None:
    if not message.recipient_email:
        raise ChannelFailure('the recipient has no e-mail address')
    try:
        await asyncio.to_thread(_send_now, settings, build(settings, message))
    except (OSError, smtplib.SMTPException) as error:
        raise ChannelFailure(f'{type(error).__name__}: {error}') from error
