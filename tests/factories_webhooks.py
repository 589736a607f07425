"""A webhook receiver on 127.0.0.1 that checks signatures the way the README tells receivers to."""
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from models.org import User
from services import webhooks
from services.webhooks import WebhookSecret
from tests.factories_notify import free_port

MAX_AGE = 300  # seconds a receiver accepts between the signed timestamp and now


def verified(secret: str, headers: dict[str, str], body: bytes, now: float) -> bool:
    timestamp = headers.get('X-Okrboard-Timestamp', '')
    given = headers.get('X-Okrboard-Signature', '')
    expected = 'sha256=' + hmac.new(secret.encode(), timestamp.encode() + b'.' + body, hashlib.sha256).hexdigest()
    return timestamp.isdigit() and abs(now - int(timestamp)) <= MAX_AGE and hmac.compare_digest(expected, given)


@dataclass
class SignedReceiver:
    url: str
    secret: str = ''  # set once the webhook exists; requests that fail the check are answered 401
    status: int = 204
    location: str = ''  # sent with a 3xx status
    requests: list[dict] = field(default_factory=list)  # headers, body, verified of each POST
    clock: float | None = None  # the receiver's "now" in seconds, when the test moved okrboard's clock

    def bodies(self) -> list[dict]:
        return [request['body'] for request in self.requests]


@contextmanager
def signed_receiver() -> Iterator[SignedReceiver]:
    receiver = SignedReceiver(url='')

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
            body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
            headers = {name: value for name, value in self.headers.items()}
            now = receiver.clock if receiver.clock is not None else time.time()
            ok = verified(receiver.secret, headers, body, now)
            receiver.requests.append({'headers': headers, 'body': json.loads(body), 'verified': ok})
            self.send_response(receiver.status if ok else 401)
            if receiver.location:
                self.send_header('Location', receiver.location)
            self.send_header('Content-Length', '0')
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.02}, daemon=True)
    thread.start()
    receiver.url = f'http://127.0.0.1:{server.server_address[1]}/okr-events'
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    return f'http://127.0.0.1:{free_port()}/okr-events'


async def webhook_for(admin: User, receiver: SignedReceiver, *events: str) -> WebhookSecret:
    created = await webhooks.register_webhook(admin, url=receiver.url, events=events or webhooks.EVENTS)
    receiver.secret = created.secret
    return created
