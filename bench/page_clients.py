"""NiceGUI page clients without a browser: load a page over HTTP, then follow its updates over socket.io.

Speaks the protocol of NiceGUI 3.18's static/nicegui.js: the page's HTML carries the element tree and the
socket.io query (`client_id`, `next_message_id`, `implicit_handshake`); the client connects with those plus
a fresh `document_id` and `tab_id`, applies every `update` message to its copy of the tree, and acknowledges
the messages it has seen every few seconds so the server can drop them from its history.
"""
import asyncio
import html
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
import socketio

SOCKET_PATH = '/_nicegui_ws/socket.io'
ACK_EVERY = 3.0  # seconds, as the browser script does
MAX_DEPTH = 12  # a watched label sits a few levels below its anchor
ELEMENTS = re.compile(r'String\.raw`(.*?)`', re.DOTALL)
CLIENT_ID = re.compile(r"'client_id': '([0-9a-f-]+)'")
NEXT_MESSAGE_ID = re.compile(r"'next_message_id': (\d+)")


@dataclass(frozen=True)
class Watch:
    """The label to follow: the descendant with data-testid `value` of the element whose props include `anchor`."""
    anchor: tuple[tuple[str, str], ...]
    value: str


class PageClient:
    """One open page, like a browser tab: keeps its element tree current, notes when the watched label changes."""

    def __init__(self, base_url: str, path: str, cookies: dict[str, str], watch: Watch) -> None:
        self.base_url, self.path, self.cookies, self.watch = base_url, path, cookies, watch
        self.elements: dict[str, dict] = {}
        self.parents: dict[str, str] = {}
        self.client_id = ''
        self.next_message_id = 0
        self.acked_message_id = -1
        self.socket = socketio.AsyncClient(reconnection=False)
        self.socket.on('update', self._on_update)
        self._baseline: str | None = None
        self._arrival: asyncio.Event | None = None
        self.arrived_at: float | None = None
        self.arrived_elements = 0  # size of the update that carried the change: in place, or redrawn

    async def open(self, timeout: float) -> None:
        async with httpx.AsyncClient(base_url=self.base_url, cookies=self.cookies, timeout=timeout) as http:
            response = await http.get(self.path)
        if response.status_code != 200 or response.url.path != self.path.split('?')[0]:
            raise RuntimeError(f'GET {self.path} ended at {response.url} with {response.status_code}')
        self._read_page(response.text)
        query = {'client_id': self.client_id, 'next_message_id': self.next_message_id, 'implicit_handshake': 'true',
                 'document_id': str(uuid.uuid4()), 'tab_id': str(uuid.uuid4())}
        await self.socket.connect(f'{self.base_url}?{urlencode(query)}', socketio_path=SOCKET_PATH,
                                  transports=['websocket'], wait_timeout=timeout)

    def _read_page(self, page: str) -> None:
        elements, client_id, next_id = ELEMENTS.search(page), CLIENT_ID.search(page), NEXT_MESSAGE_ID.search(page)
        if not (elements and client_id and next_id):
            raise RuntimeError(f'{self.path} is not a NiceGUI page this client understands')
        self._apply(json.loads(html.unescape(elements.group(1))))  # NiceGUI escapes &, <, >, ` and $ as entities
        self.client_id, self.next_message_id = client_id.group(1), int(next_id.group(1))

    def _apply(self, changed: dict[str, dict | None]) -> None:
        for element_id, element in changed.items():
            if element is None:
                self.elements.pop(element_id, None)
                self.parents.pop(element_id, None)
                continue
            self.elements[element_id] = element
            for child in _children(element):
                self.parents[str(child)] = element_id

    def _on_update(self, message: dict) -> None:
        received = time.perf_counter()  # first: what follows is this client's own bookkeeping
        message_id = message.pop('_id', None)
        if message_id is not None:
            if message_id < self.next_message_id:
                return  # a message replayed from the server's history
            self.next_message_id = message_id + 1
        self._apply(message)
        if self._arrival is None:
            return
        for element_id, element in message.items():
            if (element and element.get('props', {}).get('data-testid') == self.watch.value
                    and element.get('text') != self._baseline and self._anchored(element_id)):
                self.arrived_at = received
                self.arrived_elements = len(message)
                self._arrival.set()
                self._arrival = None
                return

    def _anchored(self, element_id: str) -> bool:
        for _ in range(MAX_DEPTH):
            element_id = self.parents.get(element_id, '')
            props = self.elements.get(element_id, {}).get('props', {})
            if all(props.get(key) == value for key, value in self.watch.anchor):
                return True
        return False

    def value_text(self) -> str | None:
        """The watched label's text in this client's current tree."""
        for element_id, element in self.elements.items():
            if element.get('props', {}).get('data-testid') == self.watch.value and self._anchored(element_id):
                return element.get('text')
        return None

    def expect_change(self) -> asyncio.Event:
        """From now on, note the first update that changes the watched label."""
        self._baseline = self.value_text()
        if self._baseline is None:
            raise RuntimeError(f'{self.path} shows no {self.watch.value} under {dict(self.watch.anchor)}')
        self.arrived_at = None
        self._arrival = asyncio.Event()
        return self._arrival

    async def acknowledge(self) -> None:
        if self.socket.connected and self.acked_message_id < self.next_message_id:
            await self.socket.emit('ack', {'client_id': self.client_id, 'next_message_id': self.next_message_id})
            self.acked_message_id = self.next_message_id

    async def close(self) -> None:
        if self.socket.connected:
            await self.socket.disconnect()


def _children(element: dict) -> list[int]:
    children = list(element.get('children', []))
    for slot in element.get('slots', {}).values():
        children.extend(slot.get('ids', []))
    return children


class Audience:
    """The open page clients of one server, acknowledged in the background like browser tabs."""

    def __init__(self) -> None:
        self.clients: list[PageClient] = []
        self._acking: asyncio.Task | None = None

    async def grow(self, count: int, new_client: Callable[[int], PageClient], timeout: float) -> None:
        """Open clients one after another until there are `count`."""
        while len(self.clients) < count:
            client = new_client(len(self.clients))
            await client.open(timeout)
            self.clients.append(client)
        if self._acking is None:
            self._acking = asyncio.create_task(self._acknowledge_forever())

    async def _acknowledge_forever(self) -> None:
        while True:
            await asyncio.sleep(ACK_EVERY)
            await asyncio.gather(*(client.acknowledge() for client in self.clients), return_exceptions=True)

    def expect_change(self) -> list[asyncio.Event]:
        return [client.expect_change() for client in self.clients]

    async def arrivals(self, expected: list[asyncio.Event], started: float, timeout: float) -> list[float | None]:
        """Milliseconds from `started` to each client's arrival; None for a client that saw nothing in time."""
        try:
            await asyncio.wait_for(asyncio.gather(*(arrival.wait() for arrival in expected)), timeout)
        except TimeoutError:
            pass
        return [None if client.arrived_at is None else (client.arrived_at - started) * 1000
                for client in self.clients]

    async def close(self) -> None:
        if self._acking is not None:
            self._acking.cancel()
        await asyncio.gather(*(client.close() for client in self.clients), return_exceptions=True)
        self.clients.clear()
