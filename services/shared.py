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

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]],
                  update: Callable[[T, list], Awaitable[T]] | None = None) -> T:
        """The shared value; after changes, `update(old, changes)` may bring it up to date instead of `load`."""
        generation = events.generation()
        held = self.loads.get(key)
        if held is None or held[0] != generation or time.monotonic() - held[1] > self.max_age:
            held = (generation, *self._start(held, generation, load, update))
            self.loads[key] = held
            while len(self.loads) > self.size:
                self.loads.pop(next(iter(self.loads)))
        try:
            return await asyncio.shield(held[2])
        except Exception:
            if self.loads.get(key) is held:
                del self.loads[key]  # the next caller tries again rather than sharing the failure
            raise

    def _start(self, held: tuple | None, generation: int, load: Callable[[], Awaitable[T]],
               update: Callable[[T, list], Awaitable[T]] | None) -> tuple[float, asyncio.Future[T]]:
        """(when the value was last loaded whole, the future that brings it)."""
        if held is not None and update is not None and time.monotonic() - held[1] <= self.max_age:
            previous = held[2]
            if previous.done() and not previous.cancelled() and previous.exception() is None:
                changes = events.changes_between(held[0], generation)
                if changes is not None:
                    return held[1], asyncio.ensure_future(update(previous.result(), changes))
        return time.monotonic(), asyncio.ensure_future(load())


def forget_all() -> None:
    """Drop every shared load: a new database (or a test) starts without them."""
    for shared in _all:
        shared.loads.clear()
