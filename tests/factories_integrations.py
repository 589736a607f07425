"""Fake Jira and Trello servers on 127.0.0.1 answering the few REST calls okrboard makes, and linked key results."""
import asyncio
import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from models.okr import KeyResult
from models.org import User
from services.integrations import links
from tests import factories
from tests.factories_okrs import Org

JIRA_USER = 'robot@acme.test'
JIRA_TOKEN = 'jira-SECRET-token-0001'
TRELLO_KEY = 'trello0key0SECRET0000000000000000'
TRELLO_TOKEN = 'trello-SECRET-token-0002'
BOARD = 'AbCd1234'
DONE_LIST = 'd' * 24
DOING_LIST = 'a' * 24


def issue(done: bool, points: float | None = None) -> dict[str, Any]:
    category = 'done' if done else 'indeterminate'
    return {'key': 'OKR-1', 'fields': {'status': {'name': 'Whatever', 'statusCategory': {'key': category}},
                                       'customfield_10016': points}}


@dataclass
class Fake:
    """What the fake answers: normal data, or a forced status, a raw body, or no answer at all."""
    url: str = ''
    status: int = 200
    raw_body: str | None = None
    hang: bool = False
    page_cap: int = 100  # Jira caps maxResults on its own; a small cap makes the client page
    issues: list[dict[str, Any]] = field(default_factory=list)
    lists: list[str] = field(default_factory=lambda: [DOING_LIST, DONE_LIST])
    cards: list[str] = field(default_factory=list)  # the list id of each open card
    requests: list[str] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def _forced(self) -> web.Response | None:
        if self.hang:
            await self.release.wait()
        if self.status != 200:
            return web.json_response({'errorMessages': ['Forced failure']}, status=self.status)
        if self.raw_body is not None:
            return web.Response(text=self.raw_body, content_type='application/json')
        return None

    async def jira_search(self, request: web.Request) -> web.Response:
        self.requests.append(request.path)
        if (forced := await self._forced()) is not None:
            return forced
        if request.headers.get('Authorization') not in (jira_basic(), f'Bearer {JIRA_TOKEN}'):
            return web.Response(status=401, text='Unauthorized')
        start = int(request.query['startAt'])
        size = min(int(request.query['maxResults']), self.page_cap)
        return web.json_response({'startAt': start, 'maxResults': size, 'total': len(self.issues),
                                  'issues': self.issues[start:start + size]})

    async def trello(self, request: web.Request) -> web.Response:
        self.requests.append(request.path)
        if (forced := await self._forced()) is not None:
            return forced
        if (request.query.get('key'), request.query.get('token')) != (TRELLO_KEY, TRELLO_TOKEN):
            return web.Response(status=401, text='invalid token')
        if request.match_info['board'] != BOARD:
            return web.Response(status=404, text='The requested resource was not found.')
        if request.match_info['what'] == 'lists':
            return web.json_response([{'id': list_id, 'name': 'List'} for list_id in self.lists])
        return web.json_response([{'id': f'card{n}', 'idList': list_id} for n, list_id in enumerate(self.cards)])


def jira_basic() -> str:
    return 'Basic ' + base64.b64encode(f'{JIRA_USER}:{JIRA_TOKEN}'.encode()).decode()


@asynccontextmanager
async def fake_server() -> AsyncIterator[Fake]:
    """Serve a Fake on a free port of 127.0.0.1 for the length of the block."""
    fake = Fake()
    app = web.Application()
    app.router.add_get('/rest/api/2/search', fake.jira_search)
    app.router.add_get('/1/boards/{board}/{what:lists|cards}', fake.trello)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, '127.0.0.1', 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    fake.url = f'http://{host}:{port}'
    try:
        yield fake
    finally:
        fake.release.set()
        await runner.cleanup()


async def jira_link(actor: User, kr: KeyResult, fake: Fake, *, measure: str = 'done_count',
                    bearer: bool = False) -> links.LinkView:
    return await links.link_key_result(actor, key_result_id=kr.id, provider='jira', base_url=fake.url,
                                       jql='project = OKR', measure=measure, user='' if bearer else JIRA_USER,
                                       token=JIRA_TOKEN)


async def trello_link(actor: User, kr: KeyResult, fake: Fake, *, measure: str = 'done_count') -> links.LinkView:
    return await links.link_key_result(actor, key_result_id=kr.id, provider='trello', base_url=fake.url,
                                       board_id=BOARD, done_list_id=DONE_LIST, measure=measure, key=TRELLO_KEY,
                                       token=TRELLO_TOKEN)


async def bens_key_result(acme: Org, *, kind: str = 'number', target: float = 10) -> KeyResult:
    objective = await factories.objective(acme.cycle, 'Ship faster', owner=acme.ben)
    return await factories.key_result(objective, 'Close issues', owner=acme.ben, kind=kind, target=target)
