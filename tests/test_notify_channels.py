import base64
import hashlib
import hmac
from urllib.parse import urlsplit

import httpx
import pytest

from services import channels
from services.channels import ChannelFailure, Message, base
from services.channels.mail import settings_from_url
from tests.factories_notify import closed_port_url, http_receiver, smtp_server

MESSAGE = Message(title='Time to check in', text='- Raise NPS', link='http://127.0.0.1:8080/?checkin=7',
                  link_label='Open in okrboard', recipient_name='Ben', recipient_email='ben@acme.test')


async def test_dingtalk_sends_markdown_signed_in_the_query() -> None:
    with http_receiver() as hook:
        await channels.send('dingtalk', {'url': hook.url + '?access_token=abc', 'secret': 'SECxyz'}, MESSAGE)

    sent = hook.requests[0]
    assert sent['body']['msgtype'] == 'markdown'
    assert sent['body']['markdown']['title'] == 'Time to check in'
    assert '[Open in okrboard](http://127.0.0.1:8080/?checkin=7)' in sent['body']['markdown']['text']
    assert sent['query']['access_token'] == ['abc']
    timestamp = sent['query']['timestamp'][0]
    expected = base64.b64encode(hmac.new(b'SECxyz', f'{timestamp}\nSECxyz'.encode(), hashlib.sha256).digest())
    assert sent['query']['sign'][0] == expected.decode()


async def test_wecom_sends_markdown_with_the_link() -> None:
    with http_receiver() as hook:
        await channels.send('wecom', {'url': hook.url}, MESSAGE)

    body = hook.requests[0]['body']
    assert body['msgtype'] == 'markdown'
    assert 'http://127.0.0.1:8080/?checkin=7' in body['markdown']['content']


async def test_feishu_sends_a_card_signed_in_the_body() -> None:
    with http_receiver() as hook:
        await channels.send('feishu', {'url': hook.url, 'secret': 'shh'}, MESSAGE)

    body = hook.requests[0]['body']
    assert body['msg_type'] == 'interactive'
    assert body['card']['header']['title']['content'] == 'Time to check in'
    assert body['card']['elements'][1]['actions'][0]['url'] == MESSAGE.link
    key = f'{body["timestamp"]}\nshh'.encode()
    assert body['sign'] == base64.b64encode(hmac.new(key, b'', hashlib.sha256).digest()).decode()


async def test_unsigned_feishu_message_carries_no_signature() -> None:
    with http_receiver() as hook:
        await channels.send('feishu', {'url': hook.url, 'secret': ''}, MESSAGE)

    assert 'sign' not in hook.requests[0]['body']


async def test_slack_sends_mrkdwn_blocks_with_the_link() -> None:
    with http_receiver() as hook:
        await channels.send('slack', {'url': hook.url}, MESSAGE)

    blocks = hook.requests[0]['body']['blocks']
    assert blocks[0]['text']['type'] == 'mrkdwn'
    assert blocks[1]['text']['text'] == '<http://127.0.0.1:8080/?checkin=7|Open in okrboard>'


async def test_generic_webhook_posts_the_fields_as_json() -> None:
    with http_receiver() as hook:
        await channels.send('webhook', {'url': hook.url}, MESSAGE)

    assert hook.requests[0]['body'] == {'title': 'Time to check in', 'text': '- Raise NPS', 'link': MESSAGE.link,
                                        'recipient': 'Ben'}


async def test_apprise_url_reaches_a_local_json_endpoint() -> None:
    with http_receiver() as hook:
        port = urlsplit(hook.url).port
        await channels.send('apprise', {'url': f'json://127.0.0.1:{port}/'}, MESSAGE)

    assert hook.requests[0]['body']['title'] == 'Time to check in'
    assert MESSAGE.link in hook.requests[0]['body']['message']


async def test_email_reaches_the_smtp_server_with_the_link() -> None:
    with smtp_server() as (port, mails):
        await channels.send('email', settings_from_url(f'smtp://127.0.0.1:{port}?from=okr@acme.test'), MESSAGE)

    assert len(mails) == 1
    assert mails[0]['To'] == 'ben@acme.test'
    assert mails[0]['From'] == 'okr@acme.test'
    assert MESSAGE.link in mails[0].get_content()


def test_smtp_url_reads_user_password_port_and_tls() -> None:
    assert settings_from_url('smtp://bot%40acme.test:p%40ss@mail.local:2525?starttls=1') == {
        'host': 'mail.local', 'port': 2525, 'security': 'starttls', 'user': 'bot@acme.test', 'password': 'p@ss',
        'sender': 'bot@acme.test'}
    assert settings_from_url('smtps://mail.local')['security'] == 'tls'
    assert settings_from_url('smtps://mail.local')['port'] == 465


async def test_closed_port_fails_with_connection_refused() -> None:
    with pytest.raises(ChannelFailure, match='connection failed'):
        await channels.send('webhook', {'url': closed_port_url()}, MESSAGE)


async def test_http_500_fails_with_the_status() -> None:
    with http_receiver() as hook:
        hook.status = 500
        with pytest.raises(ChannelFailure, match='HTTP 500'):
            await channels.send('slack', {'url': hook.url}, MESSAGE)


async def test_slow_receiver_fails_with_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, 'TIMEOUT', httpx.Timeout(0.2))
    with http_receiver() as hook:
        hook.delay = 1
        with pytest.raises(ChannelFailure, match='timeout'):
            await channels.send('wecom', {'url': hook.url}, MESSAGE)


async def test_robot_error_code_in_a_200_answer_is_a_failure() -> None:
    with http_receiver() as hook:
        hook.answer = {'errcode': 310000, 'errmsg': 'sign not match'}
        with pytest.raises(ChannelFailure, match='sign not match'):
            await channels.send('dingtalk', {'url': hook.url}, MESSAGE)


async def test_smtp_server_that_is_down_fails_with_the_reason() -> None:
    with pytest.raises(ChannelFailure, match='Connection refused'):
        await channels.send('email', settings_from_url(f'smtp://127.0.0.1:{urlsplit(closed_port_url()).port}'),
                            MESSAGE)
