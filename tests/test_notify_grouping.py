"""Group chats get one post per run; people choose whether anything reaches them outside the app."""
from datetime import UTC, datetime, timedelta

from models.notify import Delivery, Notification
from services import channel_config, clock, delivery, key_results, notifications, reminders
from tests import factories
from tests.factories_notify import http_receiver, smtp_server

MONDAY_9_05 = datetime(2026, 11, 2, 1, 5, tzinfo=UTC)  # 09:05 in Asia/Shanghai, the cycle's check-in day


async def _team_of_three(url: str):
    root, admin = await factories.company()
    cycle = await factories.cycle()
    people = []
    for name in ('Ben', 'Cai', 'Dee'):
        person = await factories.person(name, team=root)
        objective = await factories.objective(cycle, f'{name} grows', owner=person)
        await factories.key_result(objective, f'{name} signs customers', owner=person, target=10)
        people.append(person)
    group = await channel_config.save_channel(admin, channel_id=None, kind='dingtalk', name='Team room',
                                              values={'url': url})
    return admin, people, group


async def test_a_group_chat_gets_one_post_naming_everyone_to_remind(database: None) -> None:
    with http_receiver() as room:
        _, people, group = await _team_of_three(room.url)
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()

        assert len(room.requests) == 1
        text = room.requests[0]['body']['markdown']['text']
    assert all(person.name in text for person in people)
    assert await Delivery.filter(channel_id=group.id, status='sent').count() == 3


async def test_personal_channels_still_get_one_message_per_person(database: None) -> None:
    with smtp_server() as (port, inbox):
        root, admin = await factories.company()
        cycle = await factories.cycle()
        for name in ('Ben', 'Cai'):
            person = await factories.person(name, team=root)
            objective = await factories.objective(cycle, f'{name} grows', owner=person)
            await factories.key_result(objective, f'{name} signs customers', owner=person, target=10)
        await channel_config.save_channel(admin, channel_id=None, kind='email', name='Mail', values={
            'host': '127.0.0.1', 'port': str(port), 'security': 'none', 'sender': 'okr@acme.test'})
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()

        assert len(inbox) == 2
    assert all(mail['Date'] and mail['Message-ID'] for mail in inbox)


async def test_a_failed_group_post_is_retried_once_for_everyone_in_it(database: None) -> None:
    with http_receiver() as room:
        room.status = 500
        _, _, group = await _team_of_three(room.url)
        clock.set_now(MONDAY_9_05)
        await reminders.checkin_due()
        room.status = 200
        clock.set_now(MONDAY_9_05 + timedelta(minutes=2))

        await delivery.deliver_due()

        assert len(room.requests) == 2
    assert await Delivery.filter(channel_id=group.id, status='sent', attempt=2).count() == 3


async def test_turning_reminders_outside_the_app_off_covers_channels_added_later(database: None) -> None:
    with http_receiver() as room:
        _, people, _ = await _team_of_three(room.url)
        ben = people[0]
        await notifications.save_preferences(ben, muted_channels=[], quiet_start='', quiet_end='', language='',
                                             outside_app=False)
        admin = await factories.User.get(email='admin@acme.test')
        await channel_config.save_channel(admin, channel_id=None, kind='slack', name='Later',
                                          values={'url': room.url})

        assert await channel_config.channels_for(ben) == []
        assert len(await channel_config.channels_for(people[1])) == 2


async def test_shortening_quiet_hours_releases_reminders_held_back(database: None) -> None:
    with http_receiver() as room:
        _, people, group = await _team_of_three(room.url)
        ben = people[0]
        await notifications.save_preferences(ben, muted_channels=[], quiet_start='08:00', quiet_end='12:00',
                                             language='')
        clock.set_now(MONDAY_9_05)
        await reminders.checkin_due()
        held = await Delivery.get(status='postponed', notification__recipient_id=ben.id)
        assert held.next_try_at.astimezone(UTC) == datetime(2026, 11, 2, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai

        await notifications.save_preferences(ben, muted_channels=[], quiet_start='08:00', quiet_end='09:00',
                                             language='')
        await delivery.deliver_due()

        assert any('Ben' in str(request['body']) for request in room.requests[1:])
    assert await Delivery.filter(notification__recipient_id=ben.id, channel_id=group.id, status='sent').count() == 1


async def test_moving_quiet_hours_later_keeps_the_reminder_held_until_the_new_end(database: None) -> None:
    with http_receiver() as room:
        _, people, _ = await _team_of_three(room.url)
        ben = people[0]
        await notifications.save_preferences(ben, muted_channels=[], quiet_start='08:00', quiet_end='10:00',
                                             language='')
        clock.set_now(MONDAY_9_05)
        await reminders.checkin_due()

        await notifications.save_preferences(ben, muted_channels=[], quiet_start='08:00', quiet_end='11:00',
                                             language='')
        await delivery.deliver_due()

    held = await Delivery.get(status='postponed', notification__recipient_id=ben.id)
    assert held.next_try_at.astimezone(UTC) == datetime(2026, 11, 2, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai
    assert await Notification.filter(recipient_id=ben.id).count() == 1


async def test_a_key_result_added_last_week_is_not_stalled(database: None) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'New this week', owner=ben, target=10)
    kr.created_at = datetime(2026, 11, 20, tzinfo=UTC)
    await kr.save(update_fields=['created_at'])
    old = await factories.key_result(objective, 'There from the start', owner=ben, target=10)
    old.created_at = datetime(2026, 10, 1, tzinfo=UTC)
    await old.save(update_fields=['created_at'])
    clock.set_now(datetime(2026, 11, 25, tzinfo=UTC))

    cards = {card.id: card for card in await key_results.my_key_results(ben, cycle.id)}

    assert not cards[kr.id].stalled
    assert cards[old.id].stalled


async def test_a_room_never_hears_of_a_private_objective_or_a_mention(database: None) -> None:
    with http_receiver() as room:
        _, people, group = await _team_of_three(room.url)
        ben = people[0]
        secret = await factories.objective(await factories.Cycle.first(), 'Secret plan', owner=ben,
                                           visibility='private')
        hidden = await factories.key_result(secret, 'Hidden number', owner=ben, target=10)
        await reminders.notify(ben, rule='due-soon', period='p', subject=f'kr:{hidden.id}', title='Due: Hidden number',
                               body='', link='/')
        await reminders.notify(ben, rule='mention', period='p', subject=f'objective:{secret.id}',
                               title='Cai mentioned you', body='about my offer', link='/')

        assert room.requests == []
    assert not await Delivery.exists(channel_id=group.id)


async def test_a_room_post_for_one_person_still_names_them(database: None) -> None:
    with http_receiver() as room:
        _, people, _ = await _team_of_three(room.url)
        for other in people[1:]:
            await notifications.save_preferences(other, muted_channels=[], quiet_start='', quiet_end='',
                                                 language='', outside_app=False)
        clock.set_now(MONDAY_9_05)

        await reminders.checkin_due()

        assert len(room.requests) == 1
        assert 'Ben' in room.requests[0]['body']['markdown']['text']


def test_a_long_room_list_is_cut_into_posts_each_platform_accepts() -> None:
    lines = [f'- Person {n}: Check in on a key result with a long title {"x" * 150}' for n in range(50)]

    posts = delivery.room_posts(lines)

    assert sum(len(post) for post in posts) == 50
    assert all(len(post) <= delivery.ROOM_POST_LINES for post in posts)
    assert all(len('\n'.join(post)) <= delivery.ROOM_POST_CHARS for post in posts)


async def test_reminders_held_by_quiet_hours_are_dropped_when_the_person_turns_channels_off(database: None) -> None:
    with http_receiver() as room:
        _, people, _ = await _team_of_three(room.url)
        ben = people[0]
        await notifications.save_preferences(ben, muted_channels=[], quiet_start='08:00', quiet_end='12:00',
                                             language='')
        clock.set_now(MONDAY_9_05)
        await reminders.checkin_due()
        before = len(room.requests)

        await notifications.save_preferences(ben, muted_channels=[], quiet_start='', quiet_end='', language='',
                                             outside_app=False)
        await delivery.deliver_due()

        assert all('Ben' not in str(request['body']) for request in room.requests[before:])
    assert await Delivery.filter(notification__recipient_id=ben.id, status='dropped').count() == 1
