"""Comments on objectives, key results and check-ins: threads, @mentions, edit and soft delete of one's own."""
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from models.checkin import CheckIn
from models.okr import KeyResult
from models.org import User
from models.social import Comment
from services import clock, events, follows
from services.access import require_active
from services.errors import Forbidden, Invalid, NotFound
from services.follows import Target

log = logging.getLogger(__name__)

MAX_COMMENT = 5000
EXCERPT = 200  # characters of the comment in a notification


@dataclass(frozen=True)
class CommentView:
    id: int
    parent_id: int | None
    key_result_id: int | None
    checkin_id: int | None
    author_id: int | None
    author_name: str
    body: str  # '' once deleted
    created_at: datetime
    edited: bool
    deleted: bool
    mine: bool
    depth: int  # 0 for a comment, 1 for a reply


def check_body(body: str) -> str:
    body = (body or '').strip()
    if not body:
        raise Invalid('Write a comment first.', field='body')
    if len(body) > MAX_COMMENT:
        raise Invalid('Use at most {n} characters.', field='body', n=MAX_COMMENT)
    return body


def mentioned(body: str, people: list[tuple[int, str, str]]) -> list[int]:
    """Ids of the people named as '@Name' or '@e-mail' in the text, longest names first so 'Ann Lee' beats 'Ann'."""
    found: list[int] = []
    text = body.casefold()
    for person_id, name, email in sorted(people, key=lambda p: -len(p[1])):
        for handle in filter(None, (name, email)):
            if re.search('@' + re.escape(handle.casefold()) + r'(?![\w@.-])', text):
                found.append(person_id)
                break
    return sorted(set(found))


async def _people() -> list[tuple[int, str, str]]:
    return [(row[0], row[1], row[2] or '') for row in await User.filter(active=True).values_list('id', 'name', 'email')]


async def _target_of(actor: User, objective_id: int, key_result_id: int | None,
                     checkin_id: int | None) -> Target:
    if checkin_id is not None:
        checkin = await CheckIn.filter(id=checkin_id).select_related('key_result').first()
        if checkin is None or checkin.key_result.objective_id != objective_id:
            raise NotFound('This check-in does not exist.')
        key_result_id = checkin.key_result_id
    return await follows.find_target(actor, objective_id=objective_id, key_result_id=key_result_id)


def _id(row: KeyResult | None) -> int | None:
    return row.id if row else None


async def list_comments(actor: User, *, objective_id: int, key_result_id: int | None = None,
                        checkin_id: int | None = None) -> list[CommentView]:
    """The thread of one objective, key result or check-in, each comment followed by its replies."""
    target = await _target_of(actor, objective_id, key_result_id, checkin_id)
    rows = await Comment.filter(objective_id=target.objective.id, key_result_id=_id(target.key_result),
                                checkin_id=checkin_id).select_related('author')
    replies: dict[int, list[Comment]] = {}
    for row in rows:
        if row.parent_id is not None:
            replies.setdefault(row.parent_id, []).append(row)
    ordered: list[CommentView] = []
    for row in rows:
        if row.parent_id is None:
            ordered.append(_view(actor, row, 0))
            ordered += [_view(actor, reply, 1) for reply in replies.get(row.id, [])]
    return ordered


def _view(actor: User, row: Comment, depth: int) -> CommentView:
    deleted = row.deleted_at is not None
    return CommentView(row.id, row.parent_id, row.key_result_id, row.checkin_id, row.author_id,
                       row.author.name if row.author else '', '' if deleted else row.body, row.created_at,
                       row.edited_at is not None, deleted, row.author_id == actor.id, depth)


async def objective_of_key_result(key_result_id: int) -> int:
    kr = await KeyResult.filter(id=key_result_id).first()
    if kr is None:
        raise NotFound('This key result does not exist.')
    return kr.objective_id


async def checkin_comment_counts(actor: User, key_result_id: int) -> dict[int, int]:
    """How many comments (not deleted) each check-in of a key result has."""
    kr = await KeyResult.filter(id=key_result_id).first()
    if kr is None:
        raise NotFound('This key result does not exist.')
    await follows.find_target(actor, objective_id=kr.objective_id, key_result_id=key_result_id)
    counts: dict[int, int] = {}
    for checkin_id in await Comment.filter(key_result_id=key_result_id, deleted_at=None,
                                           checkin_id__not_isnull=True).values_list('checkin_id', flat=True):
        counts[checkin_id] = counts.get(checkin_id, 0) + 1
    return counts


async def comment_counts(actor: User, objective_id: int) -> dict[int | None, int]:
    """How many comments (not deleted) each key result of the objective has; the objective's own under None."""
    await follows.find_target(actor, objective_id=objective_id)
    counts: dict[int | None, int] = {}
    for key_result_id in await Comment.filter(objective_id=objective_id, deleted_at=None, checkin_id=None) \
            .values_list('key_result_id', flat=True):
        counts[key_result_id] = counts.get(key_result_id, 0) + 1
    return counts


async def add_comment(actor: User, *, objective_id: int, body: str, key_result_id: int | None = None,
                      checkin_id: int | None = None, parent_id: int | None = None) -> Comment:
    """Comment (or reply to a comment) on what the actor may view; mentioned people and followers are told."""
    target = await _target_of(require_active(actor), objective_id, key_result_id, checkin_id)
    body = check_body(body)
    if parent_id is not None:
        parent = await Comment.filter(id=parent_id, objective_id=objective_id,
                                      key_result_id=_id(target.key_result), checkin_id=checkin_id).first()
        if parent is None:
            raise NotFound('This comment does not exist.')
        parent_id = parent.parent_id or parent.id  # threads are one level deep: a reply to a reply joins the thread
    mentions = [person_id for person_id in mentioned(body, await _people()) if person_id != actor.id]
    comment = await Comment.create(objective=target.objective, key_result=target.key_result, checkin_id=checkin_id,
                                   parent_id=parent_id, author=actor, body=body, mentions=mentions,
                                   created_at=clock.now())
    log.info('comment %d added on objective %d by user %d', comment.id, objective_id, actor.id)
    _publish(comment)
    await _tell(actor, comment, target)
    return comment


async def _tell(actor: User, comment: Comment, target: Target) -> None:
    excerpt = comment.body[:EXCERPT]
    period = f'comment:{comment.id}'
    await follows.tell(set(comment.mentions), target, rule='mention', period=period,
                       title='{name} mentioned you in a comment on {item}', body=excerpt, name=actor.name,
                       item=target.title)
    watchers = await follows.followers(target) - set(comment.mentions) - {actor.id}
    await follows.tell(watchers, target, rule='follow_comment', period=period,
                       title='{name} commented on {item}', body=excerpt, name=actor.name, item=target.title)


async def _own(actor: User, comment_id: int) -> Comment:
    comment = await Comment.filter(id=comment_id, deleted_at=None).first()
    if comment is None:
        raise NotFound('This comment does not exist.')
    await follows.find_target(require_active(actor), objective_id=comment.objective_id)
    if comment.author_id != actor.id:
        raise Forbidden('You may only change your own comments.')
    return comment


async def edit_comment(actor: User, comment_id: int, *, body: str) -> Comment:
    """Change the text of one's own comment."""
    comment = await _own(actor, comment_id)
    comment.body = check_body(body)
    comment.edited_at = clock.now()
    await comment.save(update_fields=['body', 'edited_at'])
    log.info('comment %d edited by user %d', comment.id, actor.id)
    _publish(comment)
    return comment


async def delete_comment(actor: User, comment_id: int) -> Comment:
    """Delete one's own comment; its replies stay, under a 'comment deleted' marker."""
    comment = await _own(actor, comment_id)
    comment.deleted_at = clock.now()
    comment.body = ''
    comment.mentions = []
    await comment.save(update_fields=['deleted_at', 'body', 'mentions'])
    log.info('comment %d deleted by user %d', comment.id, actor.id)
    _publish(comment)
    return comment


def _publish(comment: Comment) -> None:
    events.comment_added.emit(events.Change('comment', comment.id, objective_id=comment.objective_id))


@dataclass(frozen=True)
class Overview:
    """What the comments section of an objective page needs besides the threads."""
    key_results: tuple[tuple[int, str], ...]  # (id, title) of the objective's key results
    counts: dict[int | None, int]  # comments per key result; the objective's own under None
    followed: frozenset[str]  # subjects the viewer follows: 'objective:3', 'kr:12'
    people: tuple[str, ...]  # names to @mention


async def overview(actor: User, objective_id: int) -> Overview:
    """The key results, comment counts, follows and mentionable names of one objective the actor may view."""
    counts = await comment_counts(actor, objective_id)
    key_results = await KeyResult.filter(objective_id=objective_id, deleted_at=None).order_by('position', 'id') \
        .values_list('id', 'title')
    followed = await follows.followed_subjects(actor, objective_id)
    return Overview(tuple((row[0], row[1]) for row in key_results), counts, frozenset(followed),
                    tuple(sorted(name for _, name, _ in await _people())))
