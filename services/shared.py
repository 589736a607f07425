"""Read models shared by every open page: loaded once between two changes on the event bus.

Fifty boards of one team all ask for the same board after a check-in; the first caller loads it and
the others wait for that load. Any change published on the bus, or `max_age` seconds passing, makes
the next caller load afresh, so the number of queries per change does not grow with the pages open.
"""
import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from services import events

T = TypeVar('T')
_all: list['Shared'] = []


class Shared(Generic[T]):
    def __init__(self, max_age: float, size: int = 64) -> None:
        self.max_age = max_age
        self.size = size
        self.loads: dict[Hashable, tuple[int, float, asyncio.Future[T]]] = {}
        _all.append(self)

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        generation = events.generation()
        held = self.loads.get(key)
        if held is None or held[0] != generation or time.monotonic() - held[1] > self.max_age:
            held = (generation, time.monotonic(), asyncio.ensure_future(load()))
            self.loads[key] = held
            while len(self.loads) > self.size:
                self.loads.pop(next(iter(self.loads)))
        try:
            return await asyncio.shield(held[2])
        except Exception:
            if self.loads.get(key) is held:
                del self.loads[key]  # the next caller tries again rather than sharing the failure
            raise


def forget_all() -> None:
    """Drop every shared load: a new database (or a test) starts without them."""
    for shared in _all:
        shared.loads.clear()
