from datetime import UTC, datetime, timedelta

import pytest

from models.webhooks import WebhookDelivery
from services import checkins, clock, comments, cycles, webhooks, webhooks_events, webhooks_sending
from tests import factories
from tests.factories_webhooks import refused_url, signed_receiver, webhook_for

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def listening(database):
    webhooks_events.listen()
    yield
    await webhooks_events.stop()


async def okrs():
    _, admin = await factories.company()
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, owner=admin)
    kr = await factories.key_result(objective, owner=admin)
    return admin, cycle, kr


async def check_in(admin, kr, value: float = 40) -> None:
    await checkins.record_checkin(admin, key_result_id=kr.id, value=value, confidence=7)
    await webhooks_events.settle()


def at(moment: datetime, receiver) -> None:
    clock.set_now(moment)
    receiver.clock = moment.timestamp()


async def test_checkin_reaches_the_receiver_signed_with_the_webhook_secret(listening) -> None:
    admin, _, kr = await okrs()
    with signed_receiver() as receiver:
        await webhook_for(admin, receiver, 'checkin.recorded')

        await check_in(admin, kr, 40)

    request = receiver.requests[0]
    assert request['verified']
    assert request['headers']['X-Okrboard-Event'] == 'checkin.recorded'
    assert request['body']['event'] == 'checkin.recorded'
    assert request['body']['id'] == request['headers']['X-Okrboard-Delivery']
    assert request['body']['data']['key_result_id'] == kr.id
    assert request['body']['data']['value'] == 40
    delivery = await WebhookDelivery.get()
    assert (delivery.status, delivery.http_status, delivery.attempt) == ('delivered', 204, 1)


async def test_a_webhook_receives_only_the_events_it_chose(listening) -> None:
    admin, cycle, kr = await okrs()
    with signed_receiver() as receiver:
        await webhook_for(admin, receiver, 'cycle.changed')

        await check_in(admin, kr)
        await cycles.set_state(admin, cycle.id, 'review')
        await webhooks_events.settle()

    assert [body['event'] for body in receiver.bodies()] == ['cycle.changed']
    assert receiver.bodies()[0]['data']['state'] == 'review'


async def test_comment_event_carries_ids_but_not_the_text(listening) -> None:
    admin, _, kr = await okrs()
    with signed_receiver() as receiver:
        await webhook_for(admin, receiver, 'comment.changed')

        comment = await comments.add_comment(admin, objective_id=kr.objective_id, body='Secret plans')
        await webhooks_events.settle()

    data = receiver.bodies()[0]['data']
    assert (data['comment_id'], data['objective_id'], data['action']) == (comment.id, kr.objective_id, 'created')
    assert 'Secret plans' not in str(receiver.bodies())


async def test_deactivated_webhook_gets_nothing(listening) -> None:
    admin, _, kr = await okrs()
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver)
        await webhooks.update_webhook(admin, created.webhook.id, url=receiver.url, events=webhooks.EVENTS,
                                      active=False)

        await check_in(admin, kr)
        await webhooks_sending.send_due()

    assert receiver.requests == []
    assert await WebhookDelivery.all().count() == 0


async def test_http_500_is_retried_after_one_then_five_minutes_until_it_arrives(listening) -> None:
    admin, _, kr = await okrs()
    with signed_receiver() as receiver:
        at(START, receiver)
        await webhook_for(admin, receiver, 'checkin.recorded')
        receiver.status = 500

        await check_in(admin, kr)
        first = await WebhookDelivery.get()
        at(START + timedelta(seconds=59), receiver)
        assert await webhooks_sending.send_due() == 0
        at(START + timedelta(minutes=1, seconds=1), receiver)
        await webhooks_sending.send_due()
        second = await WebhookDelivery.get()
        receiver.status = 200
        at(START + timedelta(minutes=6, seconds=2), receiver)
        await webhooks_sending.send_due()
        third = await WebhookDelivery.get()

    assert (first.status, first.http_status, first.attempt) == ('failed', 500, 1)
    assert first.next_attempt_at - first.attempted_at == timedelta(minutes=1)
    assert (second.status, second.attempt) == ('failed', 2)
    assert second.next_attempt_at - second.attempted_at == timedelta(minutes=5)
    assert (third.status, third.http_status, third.attempt, third.next_attempt_at) == ('delivered', 200, 3, None)
    assert len(receiver.requests) == 3 and all(request['verified'] for request in receiver.requests)
    assert len({request['body']['id'] for request in receiver.requests}) == 1


async def test_connection_refused_is_retried_after_a_minute(listening) -> None:
    admin, _, kr = await okrs()
    clock.set_now(START)
    await webhooks.register_webhook(admin, url=refused_url(), events=['checkin.recorded'])

    await check_in(admin, kr)

    delivery = await WebhookDelivery.get()
    assert (delivery.status, delivery.http_status, delivery.attempt) == ('failed', None, 1)
    assert delivery.reason.startswith('connection failed')
    assert delivery.next_attempt_at - delivery.attempted_at == timedelta(minutes=1)


async def test_delivery_gives_up_after_the_sixth_failed_attempt(listening) -> None:
    admin, _, kr = await okrs()
    clock.set_now(START)
    await webhooks.register_webhook(admin, url=refused_url(), events=['checkin.recorded'])
    await check_in(admin, kr)
    waits = []

    for _ in range(5):
        delivery = await WebhookDelivery.get()
        waits.append(delivery.next_attempt_at - delivery.attempted_at)
        clock.set_now(delivery.next_attempt_at + timedelta(seconds=1))
        await webhooks_sending.send_due()

    delivery = await WebhookDelivery.get()
    assert waits == [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
                     timedelta(hours=12)]
    assert (delivery.status, delivery.attempt, delivery.next_attempt_at) == ('gave_up', 6, None)
    clock.set_now(START + timedelta(days=3))
    await webhooks_sending.send_due()
    assert (await WebhookDelivery.get()).attempt == 6


async def test_redirect_is_not_followed_and_counts_as_a_failure(listening) -> None:
    admin, _, kr = await okrs()
    with signed_receiver() as receiver:
        await webhook_for(admin, receiver, 'checkin.recorded')
        receiver.status, receiver.location = 302, receiver.url + '/elsewhere'

        await check_in(admin, kr)

    delivery = await WebhookDelivery.get()
    assert (delivery.status, delivery.http_status) == ('failed', 302)
    assert 'redirect' in delivery.reason
    assert len(receiver.requests) == 1


async def test_a_delivery_taken_by_the_bus_is_not_sent_again_by_the_job(listening) -> None:
    admin, _, kr = await okrs()
    with signed_receiver() as receiver:
        await webhook_for(admin, receiver, 'checkin.recorded')

        await check_in(admin, kr)
        await webhooks_sending.send_due()

    assert len(receiver.requests) == 1


async def test_deliveries_beyond_the_kept_number_are_pruned(database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webhooks_sending, 'KEEP', 3)
    _, admin = await factories.company()
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver)

        for _ in range(5):
            await webhooks.send_test(admin, created.webhook.id)

    assert len(receiver.requests) == 5
    assert await WebhookDelivery.all().count() == 3


async def test_a_delivery_queued_before_a_stop_is_sent_by_the_job(database) -> None:
    _, admin = await factories.company()
    with signed_receiver() as receiver:
        created = await webhook_for(admin, receiver, 'cycle.changed')
        wanted = await webhooks_sending.wanting('cycle.changed')
        await webhooks_sending.queue(wanted, 'cycle.changed', {'cycle_id': 1, 'state': 'closed'})

        assert await webhooks_sending.send_due() == 1

    assert [wanted_webhook.id for wanted_webhook in wanted] == [created.webhook.id]
    assert receiver.requests[0]['verified']
    assert receiver.bodies()[0]['data'] == {'cycle_id': 1, 'state': 'closed'}
