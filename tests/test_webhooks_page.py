import asyncio

from nicegui.testing import User

from models.webhooks import Webhook, WebhookDelivery
from services import checkins, webhooks, webhooks_events
from tests import factories
from tests.factories_webhooks import signed_receiver, webhook_for
from tests.helpers import by_testid, find_testid, sign_in


async def _open_as_admin(user: User):
    _, admin = await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/webhooks')
    await user.should_see('Add a webhook', retries=20)
    return admin


def _error_at(user: User, testid: str) -> str:
    return find_testid(user, testid)[0].props.get('error-message', '')


async def _wait_for(condition, tries: int = 60) -> None:
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.05)
    assert condition()


async def test_admin_adds_a_webhook_and_sees_its_secret_once(user: User) -> None:
    await _open_as_admin(user)

    by_testid(user, 'webhook-url').type('https://hooks.example.test/okr')
    by_testid(user, 'webhook-event-comment.changed').click()
    by_testid(user, 'webhook-save').click()
    await user.should_see('Copy this signing secret now: it is shown only once.', retries=30)

    stored = await Webhook.get()
    assert find_testid(user, 'webhook-secret')[0].value == stored.secret
    assert 'comment.changed' not in stored.events and 'checkin.recorded' in stored.events
    await user.open('/admin/webhooks')
    await user.should_see('https://hooks.example.test/okr')
    await user.should_not_see('Copy this signing secret now: it is shown only once.')
    assert not find_testid(user, 'webhook-secret')


async def test_bad_address_shows_the_message_at_the_field_and_writes_nothing(user: User) -> None:
    await _open_as_admin(user)

    by_testid(user, 'webhook-url').type('ftp://hooks.example.test/okr')
    by_testid(user, 'webhook-save').click()

    await _wait_for(lambda: bool(_error_at(user, 'webhook-url')))
    assert _error_at(user, 'webhook-url') == 'Enter a web address starting with http:// or https://.'
    assert await Webhook.all().count() == 0


async def test_saving_without_events_asks_for_one_and_writes_nothing(user: User) -> None:
    await _open_as_admin(user)

    by_testid(user, 'webhook-url').type('https://hooks.example.test/okr')
    for event in webhooks.EVENTS:
        by_testid(user, f'webhook-event-{event}').click()
    by_testid(user, 'webhook-save').click()

    await user.should_see('Choose at least one event.', retries=30)
    assert await Webhook.all().count() == 0


async def test_members_are_refused_the_webhooks_page(user: User) -> None:
    _, admin = await factories.company()
    await factories.person('Mia Member')
    await webhooks.register_webhook(admin, url='https://hooks.example.test/okr', events=webhooks.EVENTS)
    await sign_in(user, 'mia.member@acme.test')

    await user.open('/admin/webhooks')

    await user.should_see('Only admins may do this.', retries=20)
    await user.should_not_see('https://hooks.example.test/okr')
    assert not find_testid(user, 'webhook-save')


async def test_send_test_reports_the_delivery_and_lists_it(user: User) -> None:
    with signed_receiver() as receiver:
        _, admin = await factories.company()
        created = await webhook_for(admin, receiver)
        await sign_in(user, 'admin@acme.test')
        await user.open('/admin/webhooks')
        await user.should_see(receiver.url, retries=20)

        by_testid(user, f'webhook-test-{created.webhook.id}').click()
        await user.should_see('Test delivered.', retries=30)

    assert receiver.requests[0]['verified']
    assert receiver.requests[0]['body']['event'] == 'ping'
    await user.should_see('attempt 1')
    assert len(find_testid(user, 'webhook-delivery')) == 1


async def test_delete_asks_for_confirmation_then_removes_the_webhook(user: User) -> None:
    admin = await _open_as_admin(user)
    created = await webhooks.register_webhook(admin, url='https://hooks.example.test/okr', events=webhooks.EVENTS)
    await user.open('/admin/webhooks')
    await user.should_see('https://hooks.example.test/okr', retries=20)

    by_testid(user, f'webhook-delete-{created.webhook.id}').click()
    await user.should_see('Delete this webhook?')
    assert await Webhook.all().count() == 1
    by_testid(user, 'webhook-delete-confirm').click()

    await user.should_see('No webhooks yet.', retries=30)
    assert await Webhook.all().count() == 0


async def test_new_secret_replaces_the_old_one_and_is_shown_once(user: User) -> None:
    admin = await _open_as_admin(user)
    created = await webhooks.register_webhook(admin, url='https://hooks.example.test/okr', events=webhooks.EVENTS)
    await user.open('/admin/webhooks')
    await user.should_see('https://hooks.example.test/okr', retries=20)

    by_testid(user, f'webhook-rotate-{created.webhook.id}').click()
    await user.should_see('Give this webhook a new secret?')
    assert (await Webhook.get()).secret == created.secret  # nothing changes before the confirmation
    by_testid(user, 'webhook-rotate-confirm').click()
    await user.should_see('Copy this signing secret now: it is shown only once.', retries=30)

    stored = await Webhook.get()
    assert stored.secret != created.secret
    assert find_testid(user, 'webhook-secret')[0].value == stored.secret


async def test_admin_switches_a_webhook_off(user: User) -> None:
    admin = await _open_as_admin(user)
    created = await webhooks.register_webhook(admin, url='https://hooks.example.test/okr', events=webhooks.EVENTS)
    await user.open('/admin/webhooks')
    await user.should_see('https://hooks.example.test/okr', retries=20)

    by_testid(user, f'webhook-edit-{created.webhook.id}').click()
    await user.should_see('Change webhook')
    by_testid(user, 'webhook-active').click()
    by_testid(user, 'webhook-save').click()
    await user.should_see('Webhook saved', retries=30)

    assert (await Webhook.get()).active is False
    assert await WebhookDelivery.all().count() == 0


async def test_running_app_sends_a_check_in_to_its_webhook_and_lists_the_delivery(user: User) -> None:
    _, admin = await factories.company()
    kr = await factories.key_result(await factories.objective(await factories.cycle(), owner=admin), owner=admin)
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver, 'checkin.recorded')
        await sign_in(user, 'admin@acme.test')
        await user.open('/admin/webhooks')
        await user.should_see('Nothing sent yet.', retries=20)

        await checkins.record_checkin(admin, key_result_id=kr.id, value=55, confidence=6)
        await webhooks_events.settle()

    assert [(request['verified'], request['body']['data']['value']) for request in receiver.requests] == [(True, 55)]
    by_testid(user, f'webhook-refresh-{created.webhook.id}').click()
    await user.should_see('Delivered · HTTP 204', retries=30)
