"""Refreshing a section when the event bus says something changed."""
import asyncio
from weakref import WeakKeyDictionary

from nicegui import Client, ui

# One lock per refreshable section: two overlapping rebuilds of an async section would fill it twice.
_locks: WeakKeyDictionary[ui.refreshable, asyncio.Lock] = WeakKeyDictionary()


async def refresh(section: ui.refreshable, client: Client) -> None:
    """Rebuild a section, one rebuild at a time; a client that went away meanwhile is no error."""
    lock = _locks.setdefault(section, asyncio.Lock())
    async with lock:
        if client.is_deleted:
            return
        try:
            await section.refresh()
        except RuntimeError:
            if not client.is_deleted:
                raise
