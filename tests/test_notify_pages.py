import asyncio

from nicegui.testing import User

from models.notify import Channel, Delivery, Notification
from services import channel_config, delivery, notifications
from tests import factories
from tests.factories_notify import http_receiver
from tests.helpers import by_testid, find_testid, sign_in


def _error_at(user: User, testid: str) -> str:
    return find_testid(user, testid)[0].props.get('error-message', '')


async def _wait_for(condition, tries: int = 50) -> None:
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.05)
    assert condition()


async def _open_channels(user: User, kind: str) -> None:
    await factories.company()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/channels')
    await user.should_see('Add or change a channel', retries=20)
    find_testid(user, 'channel-kind')[0].value = kind
    await _wait_for(lambda: bool(find_testid(user, 'channel-url' if kind != 'email' else 'channel-host')))


async def test_admin_adds_a_webhook_channel_and_its_test_message_arrives(user: User) -> None:
    with http_receiver() as hook:
        await _open_channels(user, 'webhook')
        by_testid(user, 'channel-name').type('Ops hook')
        by_testid(user, 'channel-url').type(hook.url)
        by_testid(user, 'channel-save').click()
        await user.should_see('Channel saved', retries=30)
        channel = await Channel.get(name='Ops hook')

        by_testid(user, f'channel-test-{channel.id}').click()
        await user.should_see('Test message sent.', retries=30)

        assert hook.requests[0]['body']['title'] == 'okrboard test message'
    assert await Delivery.filter(channel_id=channel.id, status='sent').count() == 1


async def test_failing_test_message_shows_the_exact_error_next_to_the_channel(user: User) -> None:
    with http_receiver() as hook:
        hook.status = 500
        await _open_channels(user, 'slack')
        by_testid(user, 'channel-name').type('Slack')
        by_testid(user, 'channel-url').type(hook.url)
        by_testid(user, 'channel-save').click()
        await user.should_see('Channel saved', retries=30)
        channel = await Channel.get(name='Slack')

        by_testid(user, f'channel-test-{channel.id}').click()

        await user.should_see('Failed: HTTP 500', retries=30)


async def test_bad_webhook_url_is_refused_at_the_field(user: User) -> None:
    await _open_channels(user, 'dingtalk')
    by_testid(user, 'channel-name').type('Robot')
    by_testid(user, 'channel-url').type('not a url')

    by_testid(user, 'channel-save').click()

    await _wait_for(lambda: _error_at(user, 'channel-url') != '')
    assert _error_at(user, 'channel-url') == 'Enter a web address starting with http:// or https://.'
    assert await Channel.all().count() == 0


async def test_email_channel_without_host_is_refused_at_the_field(user: User) -> None:
    await _open_channels(user, 'email')
    by_testid(user, 'channel-name').type('Mail')
    by_testid(user, 'channel-port').type('25')
    by_testid(user, 'channel-sender').type('okr@acme.test')

    by_testid(user, 'channel-save').click()

    await _wait_for(lambda: _error_at(user, 'channel-host') != '')
    assert _error_at(user, 'channel-host') == 'This field is required.'
    assert await Channel.all().count() == 0


async def test_email_channel_with_a_non_numeric_port_is_refused_at_the_field(user: User) -> None:
    await _open_channels(user, 'email')
    by_testid(user, 'channel-name').type('Mail')
    by_testid(user, 'channel-host').type('127.0.0.1')
    by_testid(user, 'channel-port').type('smtp')
    by_testid(user, 'channel-sender').type('okr@acme.test')

    by_testid(user, 'channel-save').click()

    await _wait_for(lambda: _error_at(user, 'channel-port') != '')
    assert _error_at(user, 'channel-port') == 'Enter a port number from 1 to 65535.'
    assert await Channel.all().count() == 0


async def test_saved_secret_is_never_sent_back_to_the_browser(user: User) -> None:
    _, admin = await factories.company()
    await channel_config.save_channel(admin, channel_id=None, kind='feishu', name='Lark',
                                      values={'url': 'http://127.0.0.1:9/hook', 'secret': 'top-secret-value'})
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/channels')
    await user.should_see('Lark', retries=20)

    user.find('Edit').click()

    await _wait_for(lambda: bool(find_testid(user, 'channel-secret')))
    secret = find_testid(user, 'channel-secret')[0]
    assert secret.value == '' and 'Saved' in secret.props.get('placeholder', '')
    assert all('top-secret-value' not in str(element.props) and 'top-secret-value' != getattr(element, 'value', None)
               for element in user.client.layout.descendants())


async def test_members_cannot_open_the_channels_page(user: User) -> None:
    root, _ = await factories.company()
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await user.open('/admin/channels')

    await user.should_see('Only admins may do this.', retries=20)
    await user.should_not_see('Add or change a channel')


async def test_bell_counts_a_new_notification_live_and_the_list_marks_it_read(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await notifications.create_notification(ben, rule='checkin-due', period='2026-11-02', subject='cycle:1',
                                            title='Time to check in: 2026 Q4', body='- Raise NPS', link='/')
    await _wait_for(lambda: find_testid(user, 'bell-count')[0].text == '1')

    by_testid(user, 'nav-bell').click()
    await user.should_see('Time to check in: 2026 Q4', retries=30)
    by_testid(user, 'notifications-read-all').click()
    await _wait_for(lambda: find_testid(user, 'notification')[0].props.get('data-read') == '1')

    assert await Notification.filter(recipient_id=ben.id, read_at=None).count() == 0


async def test_reminder_link_opens_the_check_in_sheet_of_that_key_result(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    await sign_in(user, 'ben@acme.test')

    await user.open(f'/?checkin={kr.id}')

    await user.should_see('Now: 4 / 10', retries=20)
    by_testid(user, 'checkin-save')


async def test_profile_saves_quiet_hours_and_refuses_a_bad_time(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')
    await user.open('/profile')
    await user.should_see('Reminders', retries=20)

    by_testid(user, 'prefs-quiet-start').type('25:00')
    by_testid(user, 'prefs-quiet-end').type('07:00')
    by_testid(user, 'prefs-save').click()
    await _wait_for(lambda: _error_at(user, 'prefs-quiet-start') != '')
    assert _error_at(user, 'prefs-quiet-start') == 'Enter a time such as 22:00.'
    assert (await ben.__class__.get(id=ben.id)).notification_prefs == {}

    find_testid(user, 'prefs-quiet-start')[0].value = '22:00'
    by_testid(user, 'prefs-save').click()
    await user.should_see('Reminder settings saved.', retries=30)

    prefs = (await ben.__class__.get(id=ben.id)).notification_prefs
    assert (prefs['quiet_start'], prefs['quiet_end']) == ('22:00', '07:00')


async def test_a_link_to_someone_elses_key_result_says_why_no_sheet_opens(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await factories.person('Cleo', team=root)
    cycle = await factories.cycle()
    objective = await factories.objective(cycle, 'Grow', owner=ben)
    kr = await factories.key_result(objective, 'Sign 10 customers', owner=ben, target=10, current=4)
    await sign_in(user, 'cleo@acme.test')

    await user.open(f'/?checkin={kr.id}')

    await user.should_see('You may not check in on this key result.', retries=20)
    assert not find_testid(user, 'checkin-save')


async def test_editing_a_channel_shows_its_saved_settings_but_not_its_password(user: User) -> None:
    _, admin = await factories.company()
    view = await channel_config.save_channel(admin, channel_id=None, kind='email', name='Office mail', values={
        'host': 'mail.acme.test', 'port': '465', 'security': 'tls', 'user': 'robot', 'password': 'hunter2',
        'sender': 'okr@acme.test'})
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/channels')
    by_testid(user, f'channel-edit-{view.id}').click()

    await _wait_for(lambda: find_testid(user, 'channel-host')[0].value == 'mail.acme.test')
    assert find_testid(user, 'channel-port')[0].value == '465'
    assert find_testid(user, 'channel-security')[0].value == 'tls'
    assert find_testid(user, 'channel-user')[0].value == 'robot'
    assert find_testid(user, 'channel-sender')[0].value == 'okr@acme.test'
    assert find_testid(user, 'channel-password')[0].value == ''
    assert find_testid(user, 'channel-name')[0].value == 'Office mail'


async def test_deleting_a_channel_asks_first_and_cancel_keeps_it(user: User) -> None:
    _, admin = await factories.company()
    view = await channel_config.save_channel(admin, channel_id=None, kind='slack', name='Team room',
                                             values={'url': 'http://127.0.0.1:9/hook'})
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/channels')

    by_testid(user, f'channel-delete-{view.id}').click()
    await user.should_see('Delete Team room?')
    user.find('Cancel').elements.pop().run_method('click')  # the dialog's own Cancel is the newest
    assert await Channel.exists(id=view.id)

    by_testid(user, f'channel-delete-{view.id}').click()
    by_testid(user, 'channel-delete-confirm').click()
    await _wait_for(lambda: not find_testid(user, f'channel-delete-{view.id}'))
    assert not await Channel.exists(id=view.id)


async def test_the_delivery_log_shows_the_attempt_and_when_the_retry_is_due(user: User) -> None:
    with http_receiver() as hook:
        hook.status = 500
        _, admin = await factories.company()
        view = await channel_config.save_channel(admin, channel_id=None, kind='webhook', name='Hook',
                                                 values={'url': hook.url})
        recipient = await factories.person('Ben', team=(await factories.Team.get(parent_id=None)))
        notification = await notifications.create_notification(recipient, rule='test', period='p', subject='s',
                                                              title='Hello', body='', link='/')
        await delivery.dispatch(notification)
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/channels')

    await user.should_see('Attempt 1')
    await user.should_see('next try')
    assert await Delivery.filter(channel_id=view.id, status='failed').count() == 1


async def test_the_notification_list_shows_a_comment_without_its_formatting_marks(user: User) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)
    await notifications.create_notification(ben, rule='mention', period='p', subject='objective:1',
                                            title='Ada mentioned you', body='This is **urgent** now', link='/')
    await sign_in(user, 'ben@acme.test')

    await user.open('/notifications')

    await user.should_see('This is urgent now')
    await user.should_not_see('**urgent**')
