import asyncio
from collections.abc import AsyncIterator

import pytest
from nicegui import ui
from nicegui.testing import User

from models.checkin import CheckIn
from models.integrations import DataLink, LinkCredential
from models.okr import KeyResult
from services.integrations import sync
from tests import factories_integrations as fakes
from tests.factories_integrations import Fake, fake_server
from tests.factories_okrs import Org, org
from tests.helpers import by_testid, find_testid, sign_in


@pytest.fixture
async def fake() -> AsyncIterator[Fake]:
    async with fake_server() as server:
        yield server


async def wait_for(user: User, name: str, **data: object) -> list[ui.element]:
    for _ in range(60):
        if found := find_testid(user, name, **data):
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f'no element with data-testid={name}')


async def open_key_result(user: User, acme: Org, kr: KeyResult, email: str = 'ben@acme.test') -> None:
    await sign_in(user, email)
    await user.open(f'/objective/{kr.objective_id}')  # type: ignore[attr-defined]
    await user.should_see(kr.title, retries=20)


def error_at(user: User, testid: str) -> str:
    return find_testid(user, testid)[0].props.get('error-message', '')


def everything_shown(user: User) -> str:
    assert user.client is not None
    return ' '.join(f'{element.props} {getattr(element, "value", "")} {getattr(element, "text", "")}'
                    for element in user.client.layout.descendants())


async def test_owner_links_a_jira_query_and_syncs_it_now(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    fake.issues = [fakes.issue(True), fakes.issue(True), fakes.issue(False)]
    await open_key_result(user, acme, kr)

    await wait_for(user, 'ds-link', kr_id=kr.id)
    by_testid(user, 'ds-link', kr_id=kr.id).click()
    by_testid(user, 'ds-url').type(fake.url)
    by_testid(user, 'ds-jql').type('project = OKR')
    by_testid(user, 'ds-user').type(fakes.JIRA_USER)
    by_testid(user, 'ds-token').type(fakes.JIRA_TOKEN)
    by_testid(user, 'ds-save').click()
    await user.should_see('Data source saved', retries=30)
    await wait_for(user, 'ds-sync', kr_id=kr.id)

    by_testid(user, 'ds-sync', kr_id=kr.id).click()

    await user.should_see('2 / 10', retries=30)
    section = (await wait_for(user, 'ds-section', kr_id=kr.id))[0]
    assert section.props['caption'].endswith('value 2')
    [checkin] = await CheckIn.filter(key_result_id=kr.id)
    assert (checkin.value, checkin.source) == (2, 'jira')


async def test_failed_sync_shows_its_reason_on_the_key_result(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await fakes.trello_link(acme.ben, kr, fake)
    fake.status = 500
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-sync', kr_id=kr.id)

    by_testid(user, 'ds-sync', kr_id=kr.id).click()

    await user.should_see('Sync failed: The server failed (HTTP 500).', retries=30)
    assert 'text-negative' in find_testid(user, 'ds-error', kr_id=kr.id)[0].classes
    assert await CheckIn.filter(key_result_id=kr.id).count() == 0


async def test_bad_address_is_refused_at_the_field_and_nothing_is_written(user: User) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-link', kr_id=kr.id)

    by_testid(user, 'ds-link', kr_id=kr.id).click()
    by_testid(user, 'ds-url').type('ftp://jira.acme.test')
    by_testid(user, 'ds-jql').type('project = OKR')
    by_testid(user, 'ds-token').type(fakes.JIRA_TOKEN)
    by_testid(user, 'ds-save').click()

    for _ in range(60):
        if error_at(user, 'ds-url'):
            break
        await asyncio.sleep(0.05)
    assert error_at(user, 'ds-url') == 'Enter an address such as https://jira.example.com.'
    assert await DataLink.all().count() == 0 and await LinkCredential.all().count() == 0


async def test_missing_query_is_refused_at_the_field(user: User) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-link', kr_id=kr.id)

    by_testid(user, 'ds-link', kr_id=kr.id).click()
    by_testid(user, 'ds-url').type('https://jira.acme.test')
    by_testid(user, 'ds-token').type(fakes.JIRA_TOKEN)
    by_testid(user, 'ds-save').click()

    for _ in range(60):
        if error_at(user, 'ds-jql'):
            break
        await asyncio.sleep(0.05)
    assert error_at(user, 'ds-jql') == 'Enter a JQL query.'
    assert await DataLink.all().count() == 0


async def test_editing_shows_blank_credential_fields_and_keeps_the_stored_ones(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await fakes.jira_link(acme.ben, kr, fake)
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-edit', kr_id=kr.id)

    by_testid(user, 'ds-edit', kr_id=kr.id).click()
    assert [find_testid(user, name)[0].value for name in ('ds-user', 'ds-token')] == ['', '']
    assert fakes.JIRA_TOKEN not in everything_shown(user) and fakes.JIRA_USER not in everything_shown(user)
    find_testid(user, 'ds-jql')[0].value = 'project = WEB'
    by_testid(user, 'ds-save').click()

    await user.should_see('Data source saved', retries=30)
    assert (await DataLink.get(key_result_id=kr.id)).jql == 'project = WEB'
    assert (await LinkCredential.get(link__key_result_id=kr.id)).token == fakes.JIRA_TOKEN


async def test_unlink_asks_first_then_removes_the_link(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await fakes.jira_link(acme.ben, kr, fake)
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-unlink', kr_id=kr.id)

    by_testid(user, 'ds-unlink', kr_id=kr.id).click()
    await user.should_see('Unlink from Jira?')
    assert await DataLink.all().count() == 1
    by_testid(user, 'ds-unlink-confirm').click()

    await wait_for(user, 'ds-link', kr_id=kr.id)
    assert await DataLink.all().count() == 0


async def test_someone_who_may_not_check_in_sees_the_source_but_no_controls(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await fakes.jira_link(acme.ben, kr, fake)
    await open_key_result(user, acme, kr, email='cara@acme.test')

    await wait_for(user, 'ds-section', kr_id=kr.id)

    assert not find_testid(user, 'ds-sync') and not find_testid(user, 'ds-edit')
    assert fakes.JIRA_TOKEN not in everything_shown(user)


async def test_percent_key_result_links_a_trello_board_by_its_address(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme, kind='percent', target=100)
    fake.cards = [fakes.DONE_LIST, fakes.DOING_LIST]
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-link', kr_id=kr.id)

    by_testid(user, 'ds-link', kr_id=kr.id).click()
    find_testid(user, 'ds-provider')[0].value = 'trello'
    by_testid(user, 'ds-url').type(fake.url)
    by_testid(user, 'ds-board').type(f'https://trello.com/b/{fakes.BOARD}/roadmap')
    by_testid(user, 'ds-list').type(fakes.DONE_LIST)
    by_testid(user, 'ds-key').type(fakes.TRELLO_KEY)
    by_testid(user, 'ds-token').type(fakes.TRELLO_TOKEN)
    by_testid(user, 'ds-save').click()
    await user.should_see('Data source saved', retries=30)
    await wait_for(user, 'ds-sync', kr_id=kr.id)
    by_testid(user, 'ds-sync', kr_id=kr.id).click()

    await user.should_see('50 / 100', retries=30)
    link = await DataLink.get(key_result_id=kr.id)
    assert (link.provider, link.board_id, link.measure) == ('trello', fakes.BOARD, 'done_share')
    [checkin] = await CheckIn.filter(key_result_id=kr.id)
    assert (checkin.value, checkin.source) == (50, 'trello')


async def test_failure_of_the_hourly_job_appears_on_an_open_page(user: User, fake: Fake) -> None:
    acme = await org()
    kr = await fakes.bens_key_result(acme)
    await fakes.jira_link(acme.ben, kr, fake)
    await open_key_result(user, acme, kr)
    await wait_for(user, 'ds-section', kr_id=kr.id)
    fake.status = 401

    await sync.sync_all_links()

    await user.should_see('Sync failed: The token was refused.', retries=30)
