from collections.abc import AsyncIterator

import pytest

from models.checkin import CheckIn
from models.okr import KeyResult
from services import events
from services.integrations import links, remote, sync
from tests import factories_integrations as fakes
from tests.factories_integrations import Fake, bens_key_result, fake_server, issue, jira_link, trello_link
from tests.factories_okrs import Org, org

pytestmark = pytest.mark.usefixtures('database')


@pytest.fixture
async def fake() -> AsyncIterator[Fake]:
    async with fake_server() as server:
        yield server


@pytest.fixture
async def acme() -> Org:
    return await org()


async def checkins_of(kr: KeyResult) -> list[CheckIn]:
    return await CheckIn.filter(key_result_id=kr.id).order_by('id')


@pytest.mark.parametrize(('status', 'reason'), [(401, 'The token was refused.'),
                                                (500, 'The server failed (HTTP {status}).'),
                                                (404, 'There is no Jira search at this address.')])
async def test_jira_failure_is_stored_with_its_reason_and_writes_no_checkin(acme: Org, fake: Fake, status: int,
                                                                            reason: str) -> None:
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)
    fake.status = status

    view = await sync.sync_now(acme.ben, kr.id)

    assert view.last_error == reason
    assert await checkins_of(kr) == []


async def test_refused_token_from_the_fake_itself_is_reported(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    await link_trello_with_wrong_token(acme, kr, fake)

    view = await sync.sync_now(acme.ben, kr.id)

    assert view.last_error == 'The token was refused.'
    assert await checkins_of(kr) == []


async def link_trello_with_wrong_token(acme: Org, kr: KeyResult, fake: Fake) -> None:
    await links.link_key_result(acme.ben, key_result_id=kr.id, provider='trello', base_url=fake.url,
                                board_id=fakes.BOARD, done_list_id=fakes.DONE_LIST, measure='done_count',
                                key=fakes.TRELLO_KEY, token='not-the-token')


async def test_jira_refusing_the_query_gives_its_own_reason(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)
    fake.status = 400

    view = await sync.sync_now(acme.ben, kr.id)

    assert (view.last_error, view.last_error_params) == ('The server refused the request: {reason}',
                                                         {'reason': 'Forced failure'})


async def test_server_that_does_not_answer_in_time_is_reported(acme: Org, fake: Fake,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, 'TIMEOUT', 0.2)
    kr = await bens_key_result(acme)
    await trello_link(acme.ben, kr, fake)
    fake.hang = True

    view = await sync.sync_now(acme.ben, kr.id)

    assert (view.last_error, view.last_error_params) == ('The server did not answer within {seconds} seconds.',
                                                         {'seconds': '0.2'})
    assert await checkins_of(kr) == []


@pytest.mark.parametrize('body', ['{"issues": [', '<html>oops</html>', '{"total": 1}', '[1, 2]'])
async def test_malformed_answer_is_reported(acme: Org, fake: Fake, body: str) -> None:
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)
    fake.raw_body = body

    view = await sync.sync_now(acme.ben, kr.id)

    assert view.last_error in ('The server sent an answer that is not valid JSON.',
                               'The server sent an answer of an unexpected shape.')
    assert await checkins_of(kr) == []


async def test_answer_larger_than_the_limit_is_refused(acme: Org, fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, 'MAX_BYTES', 1_000)
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)
    fake.raw_body = '[' + '1, ' * 1_000 + '1]'

    view = await sync.sync_now(acme.ben, kr.id)

    assert view.last_error == 'The answer is larger than {n} MB; narrow the query.'
    assert await checkins_of(kr) == []


async def test_unreachable_server_is_reported(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    async with fake_server() as gone:
        await jira_link(acme.ben, kr, gone)

    view = await sync.sync_now(acme.ben, kr.id)

    assert view.last_error == 'Could not reach the server.'


async def test_trello_board_without_the_done_list_is_reported(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    await trello_link(acme.ben, kr, fake)
    fake.lists = [fakes.DOING_LIST]

    view = await sync.sync_now(acme.ben, kr.id)

    assert view.last_error == 'The done list is not on this board (any more).'


async def test_success_after_a_failure_clears_the_reason(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)
    fake.status = 500
    await sync.sync_now(acme.ben, kr.id)
    fake.status = 200
    fake.issues = [issue(True)]

    view = await sync.sync_now(acme.ben, kr.id)

    assert (view.last_error, view.last_value) == ('', 1)


async def test_link_whose_author_may_no_longer_check_in_stores_the_reason(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    fake.issues = [issue(True)]
    await jira_link(acme.ben, kr, fake)
    acme.ben.active = False
    await acme.ben.save()

    view = await sync.sync_now(acme.lena, kr.id)

    assert view.last_error.startswith('The person who set up this link may no longer check in')
    assert await checkins_of(kr) == []
    assert fake.requests == []


async def test_a_failed_sync_keeps_the_last_good_one_and_is_no_key_result_change(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)
    fake.issues = [issue(True), issue(True)]
    good = await sync.sync_now(acme.ben, kr.id)
    heard: list[events.Change] = []
    events.okr_changed.subscribe(heard.append)
    fake.status = 500

    failed = await sync.sync_now(acme.ben, kr.id)

    assert (failed.last_synced_at, failed.last_value) == (good.last_synced_at, good.last_value)
    assert failed.last_error and [change.kind for change in heard] == ['data_link']
    events.okr_changed.unsubscribe(heard.append)
