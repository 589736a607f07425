"""Changes made by the command line in another process reach the running server's bus, signed or not at all."""
import json

import httpx
from nicegui import app
from nicegui.testing import User

from services import events, relay


async def send(body: bytes, signature: str | None) -> httpx.Response:
    headers = {relay.SIGNATURE_HEADER: signature} if signature is not None else {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://127.0.0.1') as client:
        return await client.post(relay.PATH, content=body, headers=headers)


def listen() -> list[events.Change]:
    heard: list[events.Change] = []
    events.okr_changed.subscribe(heard.append, expect_args=True)
    return heard


async def test_signed_changes_are_published_on_the_servers_bus(user: User) -> None:
    heard = listen()
    body = json.dumps([{'topic': 'okr_changed', 'kind': 'cycle', 'id': 3, 'cycle_id': 3}]).encode()

    response = await send(body, relay.signature(body))

    assert response.status_code == 204
    assert heard == [events.Change('cycle', 3, cycle_id=3)]


async def test_unsigned_forged_and_malformed_messages_publish_nothing(user: User) -> None:
    heard = listen()
    body = json.dumps([{'topic': 'okr_changed', 'kind': 'cycle', 'id': 3}]).encode()

    assert (await send(body, None)).status_code == 403
    assert (await send(body, 'f' * 64)).status_code == 403
    assert (await send(body + b' ', relay.signature(body))).status_code == 403
    assert (await send(b'{not json', relay.signature(b'{not json'))).status_code == 400
    assert (await send(b'{}', relay.signature(b'{}'))).status_code == 400
    odd = json.dumps([{'topic': 'nope', 'kind': 'cycle', 'id': 1}, {'topic': 'okr_changed', 'kind': 'x', 'id': 'a'},
                      {'topic': 'okr_changed', 'kind': 'x', 'id': 1, 'team_id': 'drop table'}]).encode()
    assert (await send(odd, relay.signature(odd))).status_code == 204
    assert heard == []


async def test_changes_made_inside_a_command_are_collected_in_order(database) -> None:
    with relay.collected() as changes:
        events.org_changed.emit(events.Change('team', 1, team_id=1))
        events.checkin_recorded.emit(events.Change('key_result', 7, objective_id=2))
    events.okr_changed.emit(events.Change('cycle', 9))

    assert changes == [('org_changed', events.Change('team', 1, team_id=1)),
                       ('checkin_recorded', events.Change('key_result', 7, objective_id=2))]
