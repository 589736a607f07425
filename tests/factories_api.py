"""Tokens and an HTTP client for the REST API tests."""
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from nicegui import app

from models.org import User
from services import tokens


@asynccontextmanager
async def api_client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://127.0.0.1') as client:
        yield client


async def token(person: User, scope: str = 'read-write', name: str = 'CI') -> str:
    return (await tokens.create_token(person, name=name, scope=scope)).secret


def bearer(secret: str) -> dict[str, str]:
    return {'Authorization': f'Bearer {secret}'}
