from datetime import UTC, date, datetime

import pytest

from models.checkin import CheckIn
from models.notify import Channel, Delivery, Notification
from services import channel_config, clock, delivery, notifications, reminder_rules, reminders
from tests import factories
from tests.factories_notify import closed_port_url, http_receiver

MONDAY_9_05 = datetime(2026, 11, 2, 1, 5, tzinfo=UTC)  # 09:05 in Asia/Shanghai, the cycle's check-in day


async def _company_with_webhook(url: str):
    root, admin = await factories.company()
    manager = await factories.person('Mia', team=root)
    ben = await factories.person('Ben', team=root, manager=manager)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10)
    await channel_config.save_channel(admin, channel_id=None, kind='webhook', name='Hook', values={'url': url})
    return admin, ben, manager, kr


async def test_checkin_due_reminds_the_owner_once_with_a_deep_link(database: None) -> None:
    with http_receiver() as hook:
        _, ben, _, kr = await _company_with_webhook(hook.url)
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()
        await reminders.checkin_due()

        assert len(hook.requests) == 1
    assert hook.requests[0]['body']['link'].endswith(f'/?checkin={kr.id}')
    assert await Notification.filter(recipient_id=ben.id, rule='checkin-due').count() == 1


async def test_restart_after_the_scheduled_time_catches_up_once(database: None) -> None:
    with http_receiver() as hook:
        await _company_with_webhook(hook.url)
        clock.set_now(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))  # the server was down at 09:00, back at 14:00

        await reminders.checkin_due()  # the catch-up run at start
        clock.set_now(datetime(2026, 11, 2, 6, 15, tzinfo=UTC))
        await reminders.checkin_due()  # the next scheduled run

        assert len(hook.requests) == 1


async def test_before_the_reminder_time_nothing_is_due_for_that_day(database: None) -> None:
    with http_receiver():
        await _company_with_webhook(closed_port_url())
        clock.set_now(datetime(2026, 11, 2, 0, 30, tzinfo=UTC))  # 08:30 on the check-in day

        await reminders.checkin_due()

    assert not await Notification.exists(period='2026-11-02')


async def test_a_run_on_another_day_sends_the_reminder_owed_then(database: None) -> None:
    with http_receiver() as hook:
        await _company_with_webhook(hook.url)
        clock.set_now(datetime(2026, 11, 3, 2, 0, tzinfo=UTC))  # Tuesday: the server was down all Monday
        await reminders.checkin_due()
        clock.set_now(datetime(2026, 11, 4, 18, 0, tzinfo=UTC))  # Thursday 2 am in Shanghai: the nudge is owed
        await reminders.checkin_due()
        await reminders.checkin_due()

        assert len(hook.requests) == 2
    assert set(await Notification.all().values_list('rule', 'period')) == {('checkin-due', '2026-11-02'),
                                                                           ('checkin-nudge', '2026-11-02')}


async def test_a_nudge_more_than_a_day_late_is_dropped_rather_than_sent(database: None) -> None:
    with http_receiver() as hook:
        await _company_with_webhook(hook.url)
        clock.set_now(datetime(2026, 11, 6, 3, 0, tzinfo=UTC))  # Friday 3 am: Wednesday's nudge is long past

        await reminders.checkin_due()

        assert hook.requests == []
    assert not await Notification.exists(rule='checkin-nudge')


async def test_people_who_checked_in_this_period_are_skipped(database: None) -> None:
    with http_receiver() as hook:
        _, ben, _, kr = await _company_with_webhook(hook.url)
        await CheckIn.create(key_result=kr, value=2, author=ben, at=datetime(2026, 10, 30, 3, tzinfo=UTC))
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()

        assert hook.requests == []


async def test_nudge_two_days_later_reaches_those_still_missing(database: None) -> None:
    with http_receiver() as hook:
        await _company_with_webhook(hook.url)
        clock.set_now(MONDAY_9_05)
        await reminders.checkin_due()

        clock.set_now(datetime(2026, 11, 4, 1, 5, tzinfo=UTC))
        await reminders.checkin_due()

        assert len(hook.requests) == 2
    assert await Notification.filter(rule='checkin-nudge').count() == 1


async def test_behind_pace_goes_to_owner_and_manager(database: None) -> None:
    with http_receiver():
        _, ben, manager, kr = await _company_with_webhook(closed_port_url())
        clock.set_now(datetime(2026, 11, 30, 1, 5, tzinfo=UTC))  # two thirds into the quarter, progress 0

        await reminder_rules.behind_pace()

    recipients = set(await Notification.filter(rule='behind-pace').values_list('recipient_id', flat=True))
    assert recipients == {ben.id, manager.id}


async def test_failed_delivery_is_logged_and_retried_with_backoff(database: None) -> None:
    with http_receiver() as hook:
        hook.status = 500
        await _company_with_webhook(hook.url)
        clock.set_now(MONDAY_9_05)
        await reminders.checkin_due()
        first = await Delivery.get(attempt=1)
        assert first.status == 'failed' and 'HTTP 500' in first.error

        await delivery.deliver_due()  # not due yet
        assert await Delivery.all().count() == 1

        hook.status = 200
        clock.set_now(first.next_try_at)
        assert await delivery.deliver_due() == 1
        assert await delivery.deliver_due() == 0

    assert [d.status for d in await Delivery.all().order_by('attempt')] == ['retried', 'sent']
    assert len(hook.requests) == 2


async def test_a_channel_that_is_down_does_not_stop_the_others(database: None) -> None:
    with http_receiver() as hook:
        admin, _, _, _ = await _company_with_webhook(hook.url)
        await channel_config.save_channel(admin, channel_id=None, kind='slack', name='Down',
                                          values={'url': closed_port_url()})
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()

        assert len(hook.requests) == 1
    statuses = {d.channel.name: d.status for d in await Delivery.all().select_related('channel')}
    assert statuses == {'Hook': 'sent', 'Down': 'failed'}


async def test_quiet_hours_postpone_until_they_end(database: None) -> None:
    with http_receiver() as hook:
        _, ben, _, _ = await _company_with_webhook(hook.url)
        ben.notification_prefs = {'quiet_start': '08:00', 'quiet_end': '10:00'}
        await ben.save()
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()
        assert hook.requests == []
        clock.set_now(datetime(2026, 11, 2, 2, 0, tzinfo=UTC))  # 10:00
        await delivery.deliver_due()

        assert len(hook.requests) == 1


@pytest.mark.parametrize('locale, title', [('zh_CN', '该更新进展了：2026 Q4'), ('en', 'Time to check in: 2026 Q4')])
async def test_reminder_is_written_in_the_recipients_language(database: None, locale: str, title: str) -> None:
    with http_receiver() as hook:
        _, ben, _, _ = await _company_with_webhook(hook.url)
        ben.notification_prefs = {'language': locale}
        await ben.save()
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()

        assert hook.requests[0]['body']['title'] == title


async def test_due_soon_reminds_the_owner(database: None) -> None:
    _, ben, _, kr = await _company_with_webhook(closed_port_url())
    kr.due = date(2026, 11, 4)
    await kr.save()
    clock.set_now(MONDAY_9_05)

    await reminder_rules.due_soon()
    await reminder_rules.due_soon()

    assert await Notification.filter(rule='due-soon', recipient_id=ben.id).count() == 1


async def test_a_notification_left_undispatched_by_a_crash_is_sent_once_by_the_retry_job(database: None) -> None:
    with http_receiver() as hook:
        _, ben, _, _ = await _company_with_webhook(hook.url)
        made = await notifications.create_notification(ben, rule='checkin-due', period='2026-11-02',
                                                       subject='cycle:1', title='Check in', body='', link='/')

        await delivery.deliver_due()
        await delivery.dispatch(made)  # the rule that made it, late: the retry job claimed it already

        assert len(hook.requests) == 1


async def test_an_attempt_cut_short_by_a_crash_is_tried_again_after_its_lease(database: None) -> None:
    with http_receiver() as hook:
        _, ben, _, _ = await _company_with_webhook(hook.url)
        made = await notifications.create_notification(ben, rule='checkin-due', period='2026-11-02',
                                                       subject='cycle:1', title='Check in', body='', link='/')
        made.dispatched = True
        await made.save()
        channel = await Channel.get(name='Hook')
        clock.set_now(MONDAY_9_05)
        await Delivery.create(notification=made, channel=channel, attempt=1, status='sending',
                              next_try_at=MONDAY_9_05 + delivery.LEASE, at=MONDAY_9_05)

        await delivery.deliver_due()
        assert hook.requests == []
        clock.set_now(MONDAY_9_05 + delivery.LEASE)
        await delivery.deliver_due()
        await delivery.deliver_due()

        assert len(hook.requests) == 1
    assert [d.status for d in await Delivery.all().order_by('attempt')] == ['interrupted', 'sent']
