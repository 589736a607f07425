"""Checking what people type into a data-source form, field by field."""
import ipaddress
import re
from urllib.parse import urlsplit

from services.errors import Invalid

PROVIDERS = ('jira', 'trello')
MEASURES = {'jira': ('done_count', 'done_share', 'story_points'), 'trello': ('done_count', 'done_share')}
MAX_URL = 500
MAX_JQL = 2000
MAX_USER = 200
MAX_SECRET = 1000
DEFAULT_POINTS_FIELD = 'customfield_10016'
POINTS_FIELD = re.compile(r'[A-Za-z][A-Za-z0-9_]{0,63}')
BOARD_ID = re.compile(r'[A-Za-z0-9]{8}|[0-9a-f]{24}')  # a board's short link (as in its URL) or its full id
LIST_ID = re.compile(r'[0-9a-f]{24}')
BOARD_URL = re.compile(r'https?://(?:www\.)?trello\.com/b/([A-Za-z0-9]{8})(?:/.*)?')


def provider(value: str | None) -> str:
    if value not in PROVIDERS:
        raise Invalid('Choose Jira or Trello.', field='provider')
    return value


def measure(provider_: str, value: str | None) -> str:
    if value not in MEASURES[provider_]:
        raise Invalid('Choose what to count.', field='measure')
    return value


def server_url(value: str | None, *, default: str = '') -> str:
    """An http(s) address with a host, without credentials, query or fragment; no trailing slash."""
    url = (value or '').strip().rstrip('/') or default
    if not url:
        raise Invalid('Enter the server address.', field='base_url')
    if len(url) > MAX_URL:
        raise Invalid('Use at most {n} characters.', field='base_url', n=MAX_URL)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks the port is a number in range)
    except ValueError as error:
        raise Invalid('Enter an address such as https://jira.example.com.', field='base_url') from error
    if (parts.scheme not in ('http', 'https') or not parts.hostname or any(c.isspace() for c in url)
            or any(ord(c) < 0x20 for c in url)):
        raise Invalid('Enter an address such as https://jira.example.com.', field='base_url')
    if parts.username is not None or parts.password is not None:
        raise Invalid('Put the user and token in their own fields, not in the address.', field='base_url')
    if parts.query or parts.fragment:
        raise Invalid('Enter the server address without a query (? or #).', field='base_url')
    if _link_local(parts.hostname):
        raise Invalid('This address is not allowed.', field='base_url')
    return url


def _link_local(host: str) -> bool:
    """Cloud metadata services live on link-local addresses; a token must never be sent there."""
    try:
        return ipaddress.ip_address(host).is_link_local
    except ValueError:
        return host.lower().rstrip('.') == 'metadata.google.internal'


def jql(value: str | None) -> str:
    text = ' '.join((value or '').split())
    if not text:
        raise Invalid('Enter a JQL query.', field='jql')
    if len(text) > MAX_JQL:
        raise Invalid('Use at most {n} characters.', field='jql', n=MAX_JQL)
    return text


def points_field(value: str | None) -> str:
    name = (value or '').strip() or DEFAULT_POINTS_FIELD
    if not POINTS_FIELD.fullmatch(name):
        raise Invalid('Enter a Jira field id such as customfield_10016.', field='points_field')
    return name


def board_id(value: str | None) -> str:
    """A board's short link or id; a pasted board address works too."""
    text = (value or '').strip()
    if found := BOARD_URL.fullmatch(text):
        text = found.group(1)
    if not BOARD_ID.fullmatch(text):
        raise Invalid('Enter the board id: the 8 characters after /b/ in the board address.', field='board_id')
    return text


def list_id(value: str | None) -> str:
    text = (value or '').strip().lower()
    if not LIST_ID.fullmatch(text):
        raise Invalid('Enter the list id: 24 characters, digits and a to f.', field='done_list_id')
    return text


def secret(value: str | None, field: str, *, required: bool, limit: int = MAX_SECRET) -> str:
    """A token, key or user name as typed; blank is allowed only where blank means keep the stored one."""
    text = (value or '').strip()
    if not text and required:
        raise Invalid('This field is required.', field=field)
    if len(text) > limit:
        raise Invalid('Use at most {n} characters.', field=field, n=limit)
    if any(c.isspace() or ord(c) < 0x20 for c in text):
        raise Invalid('Remove the spaces from this field.', field=field)
    return text
