"""A real OpenID provider (oidc-provider-mock) on 127.0.0.1, and a browser-like walk through its sign-in."""
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from nicegui import app
from werkzeug.serving import make_server

from config import settings
from services import oidc

CLIENT_ID = 'okrboard'
APP_URL = 'http://127.0.0.1'


@dataclass(frozen=True)
class Provider:
    url: str

    def add_person(self, sub: str, *, email: str | None, verified: bool | None = True, name: str = '') -> None:
        """What the provider will say about `sub` when it signs in."""
        claims: dict[str, object] = {'name': name or sub}
        if email is not None:
            claims['email'] = email
        if verified is not None:
            claims['email_verified'] = verified
        httpx.put(f'{self.url}/users/{sub}', json=claims, timeout=5).raise_for_status()


def free_port() -> int:
    """A port nothing listens on (yet): a provider that is down."""
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


@contextmanager
def running_provider() -> Iterator[Provider]:
    """oidc-provider-mock served by werkzeug on a free 127.0.0.1 port, in a thread; shut down on exit."""
    from oidc_provider_mock import app as provider_app
    server = make_server('127.0.0.1', 0, provider_app(require_nonce=True), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
    thread.start()
    try:
        yield Provider(f'http://127.0.0.1:{server.server_port}')
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def configure(monkeypatch: pytest.MonkeyPatch, issuer: str, **more: object) -> None:
    """Point okrboard's single sign-on settings at `issuer` for one test."""
    oidc.forget()
    values = {'oidc_issuer': issuer, 'oidc_client_id': CLIENT_ID, 'oidc_client_secret': 'not-so-secret', **more}
    for name, value in values.items():
        monkeypatch.setattr(settings(), name, value)


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f'?{parts.query}' if parts.query else '')


class Browser:
    """One browser with its cookie jars: okrboard in-process, the provider over real HTTP on 127.0.0.1."""

    def __init__(self, okrboard: httpx.AsyncClient, provider_http: httpx.AsyncClient, provider: Provider) -> None:
        self.okrboard = okrboard
        self.provider_http = provider_http
        self.provider = provider

    async def start(self, redirect_to: str = '/') -> str:
        """Click the SSO button: where okrboard sends the browser."""
        response = await self.okrboard.get('/auth/sso/start', params={'redirect_to': redirect_to})
        assert response.status_code == 303
        return response.headers['location']

    async def consent(self, authorize_url: str, sub: str) -> str:
        """Sign in as `sub` on the provider's page: the callback URL it sends the browser back to."""
        assert authorize_url.startswith(self.provider.url), authorize_url
        assert (await self.provider_http.get(authorize_url)).status_code == 200
        answer = await self.provider_http.post(authorize_url, data={'sub': sub})
        assert answer.status_code in (302, 303), answer.text[:500]
        return answer.headers['location']

    async def callback_for(self, sub: str, redirect_to: str = '/') -> str:
        return await self.consent(await self.start(redirect_to), sub)

    async def back_to_okrboard(self, callback_url: str) -> str:
        """Follow okrboard's own redirects from the callback on: the page the browser finally lands on."""
        location = callback_url
        while _local(location).startswith('/auth/'):
            response = await self.okrboard.get(_local(location))
            assert response.status_code == 303, response.text[:500]
            location = response.headers['location']
        return location

    async def sign_in(self, sub: str, redirect_to: str = '/') -> str:
        return await self.back_to_okrboard(await self.callback_for(sub, redirect_to))

    @property
    def session_cookie(self) -> str | None:
        return self.okrboard.cookies.get('okrboard_session')


@asynccontextmanager
async def browser(provider: Provider) -> AsyncIterator[Browser]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=APP_URL) as okrboard, \
            httpx.AsyncClient(timeout=5) as provider_http:
        yield Browser(okrboard, provider_http, provider)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


async def foreign_token(provider: Provider, sub: str, *, client_id: str, nonce: str) -> dict:
    """A genuine, provider-signed token response obtained by some client, for crafting bad callbacks."""
    redirect_uri = f'{APP_URL}/elsewhere'
    async with httpx.AsyncClient(timeout=5) as http:
        answer = await http.post(f'{provider.url}/oauth2/authorize', data={'sub': sub}, params={
            'response_type': 'code', 'client_id': client_id, 'redirect_uri': redirect_uri,
            'scope': 'openid email profile', 'nonce': nonce, 'state': 'x'})
        code = query_of(answer.headers['location'])['code']
        token = await http.post(f'{provider.url}/oauth2/token', auth=(client_id, 'any'), data={
            'grant_type': 'authorization_code', 'code': code, 'redirect_uri': redirect_uri})
    token.raise_for_status()
    return token.json()
