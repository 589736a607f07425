import pytest

from models.webhooks import Webhook, WebhookDelivery
from services import webhooks
from services.errors import Forbidden, Invalid, NotFound
from tests import factories
from tests.factories_webhooks import signed_receiver, webhook_for

BAD_URLS = [
    ('', 'Enter the address that receives the events.'),
    ('ftp://hooks.example.test/in', 'Enter a web address starting with http:// or https://.'),
    ('hooks.example.test/in', 'Enter a web address starting with http:// or https://.'),
    ('javascript:alert(1)', 'Enter a web address starting with http:// or https://.'),
    ('https:///in', 'The address needs a host name.'),
    ('https://bot:pa55@hooks.example.test/in', 'Leave user names and passwords out of the address: '
                                                'the signature proves the sender.'),
    ('https://hooks.example.test:http/in', 'The port must be a number from 1 to 65535.'),
    ('https://hooks.example.test:70000/in', 'The port must be a number from 1 to 65535.'),
    ('https://hooks.example.test:/in', 'The port must be a number from 1 to 65535.'),
    ('https://hooks.example.test/a b', 'The address may not contain spaces.'),
    ('https://hooks.example.test/' + 'a' * 2000, 'Use at most {n} characters.'),
]


@pytest.mark.parametrize(('url', 'message'), BAD_URLS)
async def test_bad_url_is_refused_with_its_message_and_nothing_is_written(database, url: str, message: str) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await webhooks.register_webhook(admin, url=url, events=['checkin.recorded'])

    assert (refused.value.message, refused.value.field) == (message, 'url')
    assert await Webhook.all().count() == 0


@pytest.mark.parametrize(('events', 'message'), [([], 'Choose at least one event.'),
                                                 (['checkin.recorded', 'payday'], 'Unknown event: {event}.')])
async def test_bad_event_choice_is_refused_and_nothing_is_written(database, events: list[str], message: str) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await webhooks.register_webhook(admin, url='https://hooks.example.test/in', events=events)

    assert (refused.value.message, refused.value.field) == (message, 'events')
    assert await Webhook.all().count() == 0


async def test_registering_returns_a_secret_once_and_lists_the_webhook_without_it(database) -> None:
    _, admin = await factories.company()

    created = await webhooks.register_webhook(admin, url=' https://hooks.example.test:8443/in ',
                                              events=['cycle.changed', 'checkin.recorded'])

    assert created.secret.startswith('whsec_') and len(created.secret) > 40
    listed = await webhooks.list_webhooks(admin)
    assert [(view.url, view.events, view.active) for view in listed] == [
        ('https://hooks.example.test:8443/in', ('checkin.recorded', 'cycle.changed'), True)]
    assert created.secret not in repr(listed)


async def test_members_may_not_register_list_test_or_delete_webhooks(database) -> None:
    _, admin = await factories.company()
    created = await webhooks.register_webhook(admin, url='https://hooks.example.test/in', events=webhooks.EVENTS)
    member = await factories.person('Mia Member')

    with pytest.raises(Forbidden):
        await webhooks.register_webhook(member, url='https://evil.example.test/', events=webhooks.EVENTS)
    for attempt in (webhooks.list_webhooks(member), webhooks.send_test(member, created.webhook.id),
                    webhooks.rotate_secret(member, created.webhook.id),
                    webhooks.delete_webhook(member, created.webhook.id),
                    webhooks.list_deliveries(member, created.webhook.id)):
        with pytest.raises(Forbidden):
            await attempt

    assert await Webhook.all().count() == 1
    assert (await Webhook.get()).secret == created.secret
    assert await WebhookDelivery.all().count() == 0


async def test_a_bad_change_keeps_the_webhook_as_it_was(database) -> None:
    _, admin = await factories.company()
    created = await webhooks.register_webhook(admin, url='https://hooks.example.test/in', events=webhooks.EVENTS)

    with pytest.raises(Invalid):
        await webhooks.update_webhook(admin, created.webhook.id, url='gopher://x', events=[], active=False)

    stored = await Webhook.get()
    assert (stored.url, stored.active, len(stored.events)) == ('https://hooks.example.test/in', True, 5)


async def test_rotated_secret_signs_the_next_delivery_and_the_old_one_no_longer_does(database) -> None:
    _, admin = await factories.company()
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver)
        old_secret = created.secret

        rotated = await webhooks.rotate_secret(admin, created.webhook.id)
        await webhooks.send_test(admin, created.webhook.id)
        receiver.secret = rotated.secret
        result = await webhooks.send_test(admin, created.webhook.id)

    assert rotated.secret != old_secret
    assert [request['verified'] for request in receiver.requests] == [False, True]
    assert (result.event, result.status, result.http_status) == ('ping', 'delivered', 204)


async def test_a_failed_test_is_not_retried(database) -> None:
    _, admin = await factories.company()
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver)
        receiver.status = 503

        result = await webhooks.send_test(admin, created.webhook.id)

    assert (result.status, result.http_status, result.next_attempt_at) == ('failed', 503, None)
    assert result.reason == 'HTTP 503 Service Unavailable'


async def test_deleting_a_webhook_removes_its_deliveries(database) -> None:
    _, admin = await factories.company()
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver)
        await webhooks.send_test(admin, created.webhook.id)

        await webhooks.delete_webhook(admin, created.webhook.id)

    assert await Webhook.all().count() == 0
    assert await WebhookDelivery.all().count() == 0
    with pytest.raises(NotFound):
        await webhooks.list_deliveries(admin, created.webhook.id)
