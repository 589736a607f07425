import pytest

from models.notify import Channel
from services import channel_config, notifications
from services.errors import Forbidden, Invalid
from tests import factories


async def test_channel_for_a_team_reaches_its_members_and_sub_teams_only(database: None) -> None:
    root, admin = await factories.company()
    sales = await factories.team('Sales', root)
    north = await factories.team('North', sales)
    ben = await factories.person('Ben', team=north)
    eve = await factories.person('Eve', team=root)

    view = await channel_config.save_channel(admin, channel_id=None, kind='wecom', name='Sales group',
                                             values={'url': 'http://127.0.0.1:9/hook'}, team_ids=[sales.id])

    assert [c.id for c in await channel_config.channels_for(ben)] == [view.id]
    assert await channel_config.channels_for(eve) == []


async def test_secret_is_kept_when_left_empty_and_never_returned(database: None) -> None:
    _, admin = await factories.company()
    view = await channel_config.save_channel(admin, channel_id=None, kind='dingtalk', name='Robot',
                                             values={'url': 'http://127.0.0.1:9/hook', 'secret': 'SECabc'})

    changed = await channel_config.save_channel(admin, channel_id=view.id, kind='dingtalk', name='Robot 2',
                                                values={'url': 'http://127.0.0.1:9/hook', 'secret': ''})

    assert changed.saved_secrets == ('secret',)
    assert 'SECabc' not in repr(changed) and 'SECabc' not in repr(await channel_config.list_channels(admin))
    assert (await Channel.get(id=view.id)).secrets == {'secret': 'SECabc'}


async def test_members_may_not_configure_channels(database: None) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)

    with pytest.raises(Forbidden):
        await channel_config.save_channel(ben, channel_id=None, kind='slack', name='Mine',
                                          values={'url': 'http://127.0.0.1:9/hook'})
    assert await Channel.all().count() == 0


async def test_unknown_apprise_url_is_refused(database: None) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await channel_config.save_channel(admin, channel_id=None, kind='apprise', name='X',
                                          values={'url': 'nosuchservice://token'})
    assert refused.value.field == 'url'
    assert await Channel.all().count() == 0


async def test_an_over_long_channel_name_is_refused_at_the_field(database: None) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await channel_config.save_channel(admin, channel_id=None, kind='wecom', name='x' * 10_000,
                                          values={'url': 'http://127.0.0.1:9/hook'})
    assert refused.value.field == 'name'
    assert await Channel.all().count() == 0


async def test_a_muted_channel_no_longer_reaches_the_person(database: None) -> None:
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)
    view = await channel_config.save_channel(admin, channel_id=None, kind='slack', name='Slack',
                                             values={'url': 'http://127.0.0.1:9/hook'})

    await notifications.save_preferences(ben, muted_channels=[view.id], quiet_start='', quiet_end='', language='')

    assert await channel_config.channels_for(ben) == []
    assert await channel_config.my_channels(ben) == [(view.id, 'Slack')]


async def test_quiet_hours_need_both_ends(database: None) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)

    with pytest.raises(Invalid) as refused:
        await notifications.save_preferences(ben, muted_channels=[], quiet_start='22:00', quiet_end='',
                                             language='')
    assert refused.value.field == 'quiet_end'


@pytest.mark.parametrize(('kind', 'values', 'field'), [
    ('wecom', {'url': 'http://127.0.0.1:abc/x'}, 'url'),
    ('slack', {'url': 'javascript:alert(1)'}, 'url'),
    ('email', {'host': 'javascript:alert(1)', 'port': '25', 'security': 'none', 'sender': 'a@b.test'}, 'host'),
    ('email', {'host': 'http://mail.acme.test', 'port': '25', 'security': 'none', 'sender': 'a@b.test'}, 'host'),
    ('email', {'host': '127.0.0.1/evil', 'port': '25', 'security': 'none', 'sender': 'a@b.test'}, 'host'),
    ('email', {'host': 'mail.acme.test', 'port': '25', 'security': 'none', 'sender': '<img src=x>@x'}, 'sender'),
])
async def test_malformed_channel_settings_are_refused_at_their_field(database: None, kind: str, values: dict,
                                                                     field: str) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await channel_config.save_channel(admin, channel_id=None, kind=kind, name='X', values=values)

    assert refused.value.field == field
    assert await Channel.all().count() == 0


async def test_an_ip_address_is_a_valid_smtp_host(database: None) -> None:
    _, admin = await factories.company()

    view = await channel_config.save_channel(admin, channel_id=None, kind='email', name='X', values={
        'host': '10.0.0.25', 'port': '25', 'security': 'none', 'sender': 'okr@acme.test'})

    assert view.settings['host'] == '10.0.0.25'


async def test_quiet_hours_that_start_and_end_at_the_same_minute_are_refused(database: None) -> None:
    root, _ = await factories.company()
    ben = await factories.person('Ben', team=root)

    with pytest.raises(Invalid) as refused:
        await notifications.save_preferences(ben, muted_channels=[], quiet_start='23:59', quiet_end='23:59',
                                             language='')

    assert refused.value.field == 'quiet_end'
    assert notifications.preferences_of(await factories.User.get(id=ben.id)).quiet_start == ''


async def test_two_channels_may_not_share_a_name(database: None) -> None:
    _, admin = await factories.company()
    await channel_config.save_channel(admin, channel_id=None, kind='slack', name='Team room',
                                      values={'url': 'http://127.0.0.1:9/hook'})

    with pytest.raises(Invalid) as refused:
        await channel_config.save_channel(admin, channel_id=None, kind='wecom', name='Team room',
                                          values={'url': 'http://127.0.0.1:9/other'})

    assert refused.value.field == 'name'
    assert await Channel.all().count() == 1


async def test_an_over_long_web_address_is_refused_for_its_length(database: None) -> None:
    _, admin = await factories.company()

    with pytest.raises(Invalid) as refused:
        await channel_config.save_channel(admin, channel_id=None, kind='slack', name='X',
                                          values={'url': 'http://127.0.0.1/' + 'a' * 10_000})

    assert 'at most' in refused.value.message
    assert await Channel.all().count() == 0
