"""A small Trello client: the lists and open cards of one board, and how many cards sit in the done list."""
from typing import Any

from services.integrations import remote
from services.integrations.remote import RemoteError

DEFAULT_BASE_URL = 'https://api.trello.com'


async def board_counts(base_url: str, board_id: str, done_list_id: str, *, key: str, token: str) -> tuple[int, int]:
    """(cards in the done list, all open cards) of the board."""
    auth = {'key': key, 'token': token}
    board = f'{base_url}/1/boards/{board_id}'
    async with remote.client(headers={'Accept': 'application/json'}) as http:
        lists = await remote.get_json(http, f'{board}/lists', params=auth | {'fields': 'id,name'},
                                      not_found='There is no such board, or the token may not see it.',
                                      secrets=(key, token))
        if done_list_id not in _ids(lists, 'id'):
            raise RemoteError('The done list is not on this board (any more).')
        cards = await remote.get_json(http, f'{board}/cards', params=auth | {'fields': 'idList'},
                                      not_found='There is no such board, or the token may not see it.',
                                      secrets=(key, token))
        places = _ids(cards, 'idList')
    return sum(place == done_list_id for place in places), len(places)


def _ids(items: Any, name: str) -> list[str]:
    if not isinstance(items, list) or not all(isinstance(item, dict) and isinstance(item.get(name), str)
                                              for item in items):
        raise remote.unexpected()
    return [item[name] for item in items]


def measure(done: int, total: int, how: str) -> float:
    """done_count: cards in the done list; done_share: their percent of all open cards."""
    if how == 'done_share':
        if not total:
            raise RemoteError('The board has no cards, so there is no share to take.')
        return 100 * done / total
    return float(done)
