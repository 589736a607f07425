"""Refreshing a section when the event bus says something changed."""
import asyncio
from weakref import WeakKeyDictionary

from nicegui import Client, ui

# An async refresh clears its section at once and rebuilds it after awaiting data: two overlapping refreshes
# of one section (an event and a save handler, or two quick events) would both rebuild it, showing it twice.
_locks: WeakKeyDictionary[ui.refreshable, asyncio.Lock] = WeakKeyDictionary()


async def refresh(section: ui.refreshable, client: Client) -> None:
    """Refresh a section, one refresh at a time; a client that went away meanwhile is no error."""
    lock = _locks.setdefault(section, asyncio.Lock())
    async with lock:
        if client.is_deleted:
            return
        try:
            await section.refresh()
        except RuntimeError:
            if not client.is_deleted:
                raise
