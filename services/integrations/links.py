"""Linking a key result to a Jira query or a Trello board, changing and removing that link, and reading it back.

No function here returns a credential: a link's view only says whether one is stored.
"""
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.integrations import DataLink, LinkCredential
from models.okr import KeyResult
from models.org import User
from services import clock, events, key_results
from services.errors import Forbidden, Invalid, NotFound
from services.integrations import checks
from services.integrations.trello import DEFAULT_BASE_URL as TRELLO_URL

log = logging.getLogger(__name__)

LINKABLE_KINDS = ('number', 'percent')


@dataclass(frozen=True)
class LinkView:
    """A key result's data source as people may see it: never its credential."""
    key_result_id: int
    provider: str
    base_url: str
    jql: str
    board_id: str
    done_list_id: str
    measure: str
    points_field: str
    set_up_by: str
    last_synced_at: datetime | None
    last_value: float | None
    last_error: str  # English source text with {placeholders}, empty when the last sync worked
    last_error_params: dict[str, Any]
    can_change: bool


async def key_result_for(actor: User, key_result_id: int, *, change: bool) -> tuple[KeyResult, bool]:
    """The key result, if the actor may see it (with `change`: check in on it), and whether they may check in."""
    kr, access = await key_results.visible_key_result(actor, key_result_id)
    may_checkin = access.can_checkin(kr, kr.objective)
    if change and not may_checkin:
        raise Forbidden('Only people who may check in on this key result may change its data source.')
    return kr, may_checkin


async def link_view(actor: User, key_result_id: int) -> LinkView | None:
    """The key result's data source, or None when it has none."""
    kr, may_checkin = await key_result_for(actor, key_result_id, change=False)
    link = await DataLink.get_or_none(key_result_id=kr.id).select_related('created_by')
    return _view(link, may_checkin) if link is not None else None


def _view(link: DataLink, can_change: bool) -> LinkView:
    return LinkView(key_result_id=link.key_result_id, provider=link.provider, base_url=link.base_url, jql=link.jql,
                    board_id=link.board_id, done_list_id=link.done_list_id, measure=link.measure,
                    points_field=link.points_field, set_up_by=link.created_by.name if link.created_by else '',
                    last_synced_at=link.last_synced_at, last_value=link.last_value, last_error=link.last_error,
                    last_error_params=dict(link.last_error_params or {}), can_change=can_change)


async def link_key_result(actor: User, *, key_result_id: int, provider: str, base_url: str, measure: str,
                          jql: str = '', points_field: str = '', board_id: str = '', done_list_id: str = '',
                          user: str = '', token: str = '', key: str = '') -> LinkView:
    """Make the key result take its value from Jira or Trello; blank credential fields keep the stored ones."""
    kr, _ = await key_result_for(actor, key_result_id, change=True)
    if kr.kind not in LINKABLE_KINDS:
        raise Invalid('Only number and percent key results can take their value from Jira or Trello.',
                      field='provider')
    provider = checks.provider(provider)
    settings = _settings(provider, base_url=base_url, measure=measure, jql=jql, points_field=points_field,
                         board_id=board_id, done_list_id=done_list_id)
    if kr.kind == 'percent' and settings['measure'] != 'done_share':
        raise Invalid('A percent key result takes the share done.', field='measure')
    existing = await DataLink.get_or_none(key_result_id=kr.id)
    stored = await LinkCredential.get_or_none(link_id=existing.id) \
        if existing is not None and existing.provider == provider else None
    secrets = _credential(provider, stored, user=user, token=token, key=key)
    async with in_transaction():
        fields = settings | {'created_by_id': actor.id, 'last_error': '', 'last_error_params': {}}
        if existing is None:
            link = await DataLink.create(key_result_id=kr.id, provider=provider, created_at=clock.now(), **fields)
        else:
            link = existing
            await DataLink.filter(id=link.id).update(provider=provider, **fields)
        await LinkCredential.update_or_create(defaults=secrets, link_id=link.id)
    log.info('key result %s now takes its value from %s (link %s, by %s)', kr.id, provider, link.id, actor.id)
    publish(kr)
    return await link_view(actor, kr.id)  # type: ignore[return-value] (it was just written)


def _settings(provider: str, **given: str) -> dict[str, str]:
    measure = checks.measure(provider, given['measure'])
    if provider == 'jira':
        return {'base_url': checks.server_url(given['base_url']), 'jql': checks.jql(given['jql']),
                'points_field': checks.points_field(given['points_field']), 'measure': measure,
                'board_id': '', 'done_list_id': ''}
    return {'base_url': checks.server_url(given['base_url'], default=TRELLO_URL), 'jql': '',
            'points_field': checks.DEFAULT_POINTS_FIELD, 'board_id': checks.board_id(given['board_id']),
            'done_list_id': checks.list_id(given['done_list_id']), 'measure': measure}


def _credential(provider: str, stored: LinkCredential | None, *, user: str, token: str, key: str) -> dict[str, str]:
    """The credential to store: what was typed, or for blank fields what is stored already."""
    keep = stored is not None
    if provider == 'jira':
        user = checks.secret(user, 'user', required=False, limit=checks.MAX_USER)
        token = checks.secret(token, 'token', required=not keep)
        if not token and user:
            raise Invalid('Enter the API token again when you change the user.', field='token')
        if not token and stored is not None:
            return {'user': stored.user, 'key': '', 'token': stored.token}
        return {'user': user, 'key': '', 'token': token}
    key = checks.secret(key, 'key', required=not keep)
    token = checks.secret(token, 'token', required=not keep)
    return {'user': '', 'key': key or (stored.key if stored else ''),
            'token': token or (stored.token if stored else '')}


async def unlink_key_result(actor: User, key_result_id: int) -> None:
    """Remove the key result's data source and its credential; its check-ins stay."""
    kr, _ = await key_result_for(actor, key_result_id, change=True)
    deleted = await DataLink.filter(key_result_id=kr.id).delete()  # the credential goes with it (cascade)
    if not deleted:
        raise NotFound('This key result has no data source.')
    log.info('key result %s no longer has a data source (by %s)', kr.id, actor.id)
    publish(kr)


def publish(kr: KeyResult) -> None:
    """Tell open pages that the key result's data source changed; `kr` comes with its objective."""
    objective = kr.objective
    # its own kind: a data source changing is not a change of the key result (webhooks tell only of those)
    events.okr_changed.emit(events.Change('data_link', kr.id, objective_id=objective.id, team_id=objective.team_id,
                                          cycle_id=objective.cycle_id))
