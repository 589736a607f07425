import logging
from collections.abc import AsyncIterator

import pytest

from models.checkin import CheckIn
from models.integrations import DataLink
from models.okr import KeyResult
from services import jobs
from services.errors import Forbidden
from services.integrations import sync
from tests import factories
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


async def test_jira_done_count_is_checked_in_by_whoever_set_up_the_link(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    fake.issues = [issue(True), issue(True), issue(False)]
    await jira_link(acme.ben, kr, fake)

    view = await sync.sync_now(acme.ben, kr.id)

    [checkin] = await checkins_of(kr)
    assert (checkin.value, checkin.source, checkin.author_id) == (2, 'jira', acme.ben.id)
    assert (view.last_value, view.last_error) == (2, '')
    assert (await KeyResult.get(id=kr.id)).current == 2


async def test_jira_share_done_fills_a_percent_key_result(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme, kind='percent', target=100)
    fake.issues = [issue(True), issue(False), issue(False), issue(True)]
    await jira_link(acme.ben, kr, fake, measure='done_share')

    await sync.sync_now(acme.ben, kr.id)

    assert [c.value for c in await checkins_of(kr)] == [50]


async def test_jira_story_points_add_up_done_issues_across_pages(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme, target=40)
    fake.page_cap = 2
    fake.issues = [issue(True, 3), issue(False, 8), issue(True, 5), issue(True, None), issue(True, 2.5)]
    await jira_link(acme.ben, kr, fake, measure='story_points')

    await sync.sync_now(acme.ben, kr.id)

    assert [c.value for c in await checkins_of(kr)] == [10.5]
    assert len(fake.requests) == 3


async def test_jira_bearer_token_alone_is_accepted(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    fake.issues = [issue(True)]
    await jira_link(acme.ben, kr, fake, bearer=True)

    await sync.sync_now(acme.ben, kr.id)

    assert [c.value for c in await checkins_of(kr)] == [1]


async def test_trello_counts_cards_in_the_done_list(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    fake.cards = [fakes.DONE_LIST, fakes.DOING_LIST, fakes.DONE_LIST, fakes.DONE_LIST]
    await trello_link(acme.ben, kr, fake)

    await sync.sync_now(acme.ben, kr.id)

    [checkin] = await checkins_of(kr)
    assert (checkin.value, checkin.source) == (3, 'trello')


async def test_trello_share_done_is_a_percent_of_open_cards(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme, kind='percent', target=100)
    fake.cards = [fakes.DONE_LIST, fakes.DOING_LIST, fakes.DOING_LIST, fakes.DOING_LIST]
    await trello_link(acme.ben, kr, fake, measure='done_share')

    await sync.sync_now(acme.ben, kr.id)

    assert [c.value for c in await checkins_of(kr)] == [25]


async def test_unchanged_value_writes_no_second_checkin_but_notes_the_sync(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    fake.issues = [issue(True)]
    await jira_link(acme.ben, kr, fake)
    first = await sync.sync_now(acme.ben, kr.id)

    second = await sync.sync_now(acme.ben, kr.id)

    assert len(await checkins_of(kr)) == 1
    assert second.last_synced_at is not None and second.last_synced_at >= first.last_synced_at


async def test_someone_who_may_not_check_in_cannot_sync(acme: Org, fake: Fake) -> None:
    kr = await bens_key_result(acme)
    await jira_link(acme.ben, kr, fake)

    with pytest.raises(Forbidden):
        await sync.sync_now(acme.cara, kr.id)

    assert fake.requests == []


async def test_hourly_job_syncs_every_link_of_open_cycles(acme: Org, fake: Fake) -> None:
    jira_kr = await bens_key_result(acme)
    trello_kr = await bens_key_result(acme)
    fake.issues = [issue(True)] * 4
    fake.cards = [fakes.DONE_LIST] * 2
    await jira_link(acme.ben, jira_kr, fake)
    await trello_link(acme.ben, trello_kr, fake)
    locked_cycle = await factories.cycle('2026 Q3', state='closed')
    locked_cycle.locked = True
    await locked_cycle.save()
    locked_objective = await factories.objective(locked_cycle, 'Old', owner=acme.ben)
    locked_kr = await factories.key_result(locked_objective, owner=acme.ben)
    await jira_link(acme.ben, locked_kr, fake)

    worked = await sync.sync_all_links()

    assert worked == 2
    assert [c.value for c in await CheckIn.filter(key_result_id__in=[jira_kr.id, trello_kr.id]).order_by('id')] \
        == [4, 2]
    assert await checkins_of(locked_kr) == []


async def test_secrets_never_reach_the_log(acme: Org, fake: Fake, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # as main.py configures it; at DEBUG Tortoise prints every SQL parameter
    jira_kr = await bens_key_result(acme)
    trello_kr = await bens_key_result(acme)
    await jira_link(acme.ben, jira_kr, fake)
    await trello_link(acme.ben, trello_kr, fake)
    fake.issues = [issue(True)]

    await sync.sync_all_links()
    fake.status = 401
    await sync.sync_all_links()

    assert 'HTTP Request' in caplog.text and 'The token was refused' in caplog.text
    for secret in (fakes.JIRA_USER, fakes.JIRA_TOKEN, fakes.TRELLO_KEY, fakes.TRELLO_TOKEN):
        assert secret not in caplog.text
    assert await DataLink.filter(last_error='The token was refused.').count() == 2


async def test_the_job_table_runs_the_sync_hourly() -> None:
    job = jobs.find('data-sources')

    assert job is not None and job.run is sync.sync_all_links and job.schedule == {'hours': 1}


async def test_one_broken_link_does_not_stop_the_others(acme: Org, fake: Fake,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = await bens_key_result(acme), await bens_key_result(acme)
    await jira_link(acme.ben, first, fake)
    await jira_link(acme.ben, second, fake)
    fake.issues = [issue(True)]
    real_read = sync.read_value

    async def broken_once(link: DataLink) -> float:
        if link.key_result_id == first.id:
            raise ValueError('a bug')
        return await real_read(link)
    monkeypatch.setattr(sync, 'read_value', broken_once)

    assert await sync.sync_all_links() == 1

    assert [c.value for c in await checkins_of(second)] == [1]
