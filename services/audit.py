"""The audit log: services record each change inside their write, admins browse and filter the entries."""
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tortoise.expressions import Q

from config import settings
from models.audit import AuditEntry
from models.okr import Alignment
from models.org import User
from services import clock
from services.access import load_access, require_active
from services.errors import Invalid

ACTIONS = ('create', 'update', 'delete', 'restore', 'score', 'setting')
KINDS = ('objective', 'key_result', 'cycle', 'channel', 'webhook', 'setting')
SECRET = 'secret:'  # fields named so hold a keyed digest in memory only; the log keeps just that they changed
SECRET_CHANGED = 'changed'
PAGE_SIZE = 30
MAX_SEARCH = 200
_DIGEST_KEY = secrets.token_bytes(32)  # per process: digests compare two states, they are never stored


def plain(value: Any) -> Any:
    """A value as JSON keeps it: dates as ISO text, tuples as lists."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def snapshot(model: Any, names: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The named fields of a model, ready to compare and to store."""
    return {name: plain(getattr(model, name)) for name in names}


def secret_state(values: dict[str, str]) -> dict[str, str]:
    """Secret fields as keyed digests, so a change shows without the value ever reaching the log."""
    return {f'{SECRET}{name}': hmac.new(_DIGEST_KEY, (value or '').encode(), hashlib.sha256).hexdigest()
            for name, value in values.items()}


def bare_address(url: str) -> str:
    """A web address without its query or fragment, which may hold a token."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, '', ''))


def _addresses(values: dict[str, Any]) -> dict[str, Any]:
    """Web addresses without their query, which often carries a token; the query is compared as a secret."""
    shown: dict[str, Any] = {}
    for name, value in values.items():
        parts = urlsplit(value) if isinstance(value, str) and value.startswith(('http://', 'https://')) else None
        if parts is None or not (parts.query or parts.fragment):
            shown[name] = plain(value)
            continue
        shown[name] = bare_address(value)
        shown.update(secret_state({f'{name} query': f'{parts.query}#{parts.fragment}'}))
    return shown


def channel_state(channel: Any) -> dict[str, Any]:
    """What the log compares of a notification channel: its settings, and its secrets only as digests."""
    return {'kind': channel.kind, 'name': channel.name, 'enabled': channel.enabled, **_addresses(channel.settings),
            **secret_state(channel.secrets)}


def webhook_state(url: str, events: Iterable[str], active: bool, secret: str) -> dict[str, Any]:
    """What the log compares of a webhook; the signing secret only as a digest."""
    return {**_addresses({'url': url}), 'events': sorted(events), 'active': active,
            **secret_state({'secret': secret})}


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) reduced to the fields whose value differs; a field missing on one side is left out there."""
    names = [name for name in {**before, **after} if before.get(name) != after.get(name)]
    old = {name: before[name] for name in names if name in before}
    new = {name: after[name] for name in names if name in after}
    for side in (old, new):
        for name in side:
            if name.startswith(SECRET):
                side[name] = SECRET_CHANGED
    return old, new


async def record(actor: User | int | None, action: str, kind: str, subject_id: int | None, title: str,
                 before: dict[str, Any], after: dict[str, Any]) -> AuditEntry | None:
    """Write one entry (call it inside the change's transaction); a change that changed nothing writes none."""
    old, new = changed(plain(before), plain(after))
    if action not in ('create', 'delete', 'restore') and not old and not new:
        return None
    actor_id = actor.id if isinstance(actor, User) else actor
    return await AuditEntry.create(at=clock.now(), actor_id=actor_id, action=action, kind=kind, subject_id=subject_id,
                                   title=(title or '')[:500], before=old, after=new)


async def alignment_refs(objective_id: int) -> list[str]:
    """What an objective aligns to, as 'objective 3' and 'key result 5', for the log."""
    rows = await Alignment.filter(objective_id=objective_id).values_list('parent_objective_id', 'parent_key_result_id')
    return sorted(f'objective {parent}' if parent is not None else f'key result {kr}' for parent, kr in rows)


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: Any
    after: Any
    secret: bool


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_name: str  # '' for the system or an import
    action: str
    kind: str
    subject_id: int | None
    title: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    more: bool


@dataclass(frozen=True)
class AuditFilter:
    kind: str | None = None
    actor_id: int | None = None
    start: date | None = None
    end: date | None = None
    text: str = ''


def parse_filter(*, kind: str | None, actor_id: int | None, start: str | date | None, end: str | date | None,
                 text: str | None) -> AuditFilter:
    """A filter from the admin's inputs; an empty date means no bound."""
    from services.cycles import parse_day  # cycles records through this module
    return AuditFilter(kind or None, actor_id, parse_day(start, 'start') if start else None,
                       parse_day(end, 'end') if end else None, text or '')


def _row(entry: AuditEntry) -> AuditRow:
    names = list(dict.fromkeys([*entry.before, *entry.after]))
    fields = tuple(FieldChange(name.removeprefix(SECRET), entry.before.get(name), entry.after.get(name),
                               name.startswith(SECRET)) for name in names)
    return AuditRow(entry.id, entry.at, entry.actor.name if entry.actor else '', entry.action, entry.kind,
                    entry.subject_id, entry.title, fields)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=settings().tz)


def _query(where: AuditFilter) -> Any:
    if where.kind is not None and where.kind not in KINDS:
        raise Invalid('Choose one of the options.', field='kind')
    if where.start and where.end and where.start > where.end:
        raise Invalid('The end must come after the start.', field='end')
    text = ' '.join(where.text.split())
    if len(text) > MAX_SEARCH:
        raise Invalid('Use at most {n} characters.', field='text', n=MAX_SEARCH)
    query = AuditEntry.all()
    if where.kind:
        query = query.filter(kind=where.kind)
    if where.actor_id is not None:
        query = query.filter(actor_id=where.actor_id)
    if where.start:
        query = query.filter(at__gte=_day_start(where.start))
    if where.end:
        query = query.filter(at__lt=_day_start(where.end + timedelta(days=1)))
    if text:
        found = Q(title__icontains=text)
        query = query.filter(found | Q(subject_id=int(text)) if text.isdigit() and len(text) < 10 else found)
    return query


async def browse(actor: User, where: AuditFilter, *, shown: int = 0, limit: int = PAGE_SIZE) -> AuditPage:
    """Entries matching the filter, newest first, `limit` after the `shown` ones; admins only."""
    (await load_access(require_active(actor))).require_admin()
    entries = await _query(where).order_by('-at', '-id').offset(max(shown, 0)).limit(limit + 1) \
        .select_related('actor')
    return AuditPage(tuple(_row(entry) for entry in entries[:limit]), len(entries) > limit)


async def actors(actor: User) -> list[tuple[int, str]]:
    """(id, name) of everyone who appears in the log, for the filter; admins only."""
    (await load_access(require_active(actor))).require_admin()
    ids = set(await AuditEntry.filter(actor_id__not_isnull=True).distinct().values_list('actor_id', flat=True))
    return [(person.id, person.name) for person in await User.filter(id__in=ids).order_by('name')]
