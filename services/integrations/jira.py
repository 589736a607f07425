"""A small Jira client: run one JQL search, page by page, and count what is done."""
from dataclasses import dataclass
from typing import Any

from services.integrations import remote
from services.integrations.remote import RemoteError

PAGE_SIZE = 100
MAX_ISSUES = 5000  # a query finding more is almost surely not the one meant, and would take long to read
DONE_CATEGORY = 'done'  # Jira's status category key for every "done" status, whatever its name


@dataclass(frozen=True)
class Issue:
    done: bool
    points: float


async def search(base_url: str, jql: str, points_field: str, *, user: str, token: str) -> list[Issue]:
    """Every issue the query finds, with its done flag and story points; a user means basic auth, else bearer."""
    auth = (user, token) if user else None
    headers = {'Accept': 'application/json'} | ({} if user else {'Authorization': f'Bearer {token}'})
    issues: list[Issue] = []
    async with remote.client(auth=auth, headers=headers) as http:
        while True:
            params = {'jql': jql, 'fields': f'status,{points_field}', 'startAt': len(issues),
                      'maxResults': PAGE_SIZE}
            page = await remote.get_json(http, f'{base_url}/rest/api/2/search', params=params,
                                         not_found='There is no Jira search at this address.',
                                         secrets=(user, token))
            batch, total = _page(page)
            issues += [_issue(raw, points_field) for raw in batch]
            if not batch or len(issues) >= total:
                return issues
            if len(issues) >= MAX_ISSUES:
                raise RemoteError('The query finds more than {n} issues; narrow it.', n=MAX_ISSUES)


def _page(page: Any) -> tuple[list[Any], int]:
    if not isinstance(page, dict) or not isinstance(page.get('issues'), list):
        raise remote.unexpected()
    total = page.get('total')
    if not isinstance(total, int):
        raise remote.unexpected()
    return page['issues'], total


def _issue(raw: Any, points_field: str) -> Issue:
    fields = raw.get('fields') if isinstance(raw, dict) else None
    if not isinstance(fields, dict):
        raise remote.unexpected()
    status = fields.get('status') or {}
    category = status.get('statusCategory') if isinstance(status, dict) else None
    done = isinstance(category, dict) and category.get('key') == DONE_CATEGORY
    points = fields.get(points_field)
    valid_points = isinstance(points, (int, float)) and not isinstance(points, bool)
    return Issue(done=done, points=float(points) if valid_points else 0.0)


def measure(issues: list[Issue], how: str) -> float:
    """done_count: issues done; done_share: percent of issues done; story_points: points of issues done."""
    done = [issue for issue in issues if issue.done]
    if how == 'story_points':
        return sum(issue.points for issue in done)
    if how == 'done_share':
        if not issues:
            raise RemoteError('The query finds no issues, so there is no share to take.')
        return 100 * len(done) / len(issues)
    return float(len(done))
