"""Local receivers for reminder tests: an SMTP server and an HTTP endpoint on 127.0.0.1, each in its own thread."""
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class _Inbox:
    def __init__(self) -> None:
        self.mails: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.mails.append(message_from_bytes(envelope.content, policy=policy.default))
        return '250 OK'


@contextmanager
def smtp_server() -> Iterator[tuple[int, list[Message]]]:
    """(port, received mails) of an SMTP server that accepts everything."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname='127.0.0.1', port=free_port())
    controller.start()
    try:
        yield controller.port, inbox.mails
    finally:
        controller.stop()


@dataclass
class Receiver:
    url: str
    requests: list[dict] = field(default_factory=list)  # path, query, body of each POST
    status: int = 200
    answer: dict = field(default_factory=lambda: {'errcode': 0, 'code': 0})
    delay: float = 0.0


@contextmanager
def http_receiver() -> Iterator[Receiver]:
    """An HTTP endpoint that records every JSON POST and answers as told."""
    receiver = Receiver(url='')

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
            body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
            parts = urlsplit(self.path)
            receiver.requests.append({'path': parts.path, 'query': parse_qs(parts.query),
                                      'body': json.loads(body or b'null')})
            if receiver.delay:
                time.sleep(receiver.delay)  # the server is slow, not the test: the client gives up first
            answer = json.dumps(receiver.answer).encode()
            try:
                self.send_response(receiver.status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except OSError:
                pass  # the client already gave up

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.02}, daemon=True)
    thread.start()
    receiver.url = f'http://127.0.0.1:{server.server_address[1]}/hook'
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    return f'http://127.0.0.1:{free_port()}/hook'
