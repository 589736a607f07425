"""Browse and search the knowledge base: FTS5 trigram ranked by bm25, LIKE for words under three characters."""
import re
from collections import Counter
from dataclasses import replace

from tortoise import connections

from models.knowledge import KnowledgeItem
from models.org import User
from services import knowledge_index
from services.access import require_active
from services.knowledge import MAX_TAG, KnowledgeView, views

TRIGRAM = 3  # the trigram tokenizer cannot match fewer characters
MAX_QUERY = 200
PAGE = 50
RELATED = 3
MAX_RELATED_TERMS = 40
TITLE_WEIGHT, BODY_WEIGHT, TAGS_WEIGHT = 10.0, 1.0, 5.0
SNIPPET_WORDS = 16
COMMON_WORDS = frozenset({'the', 'and', 'for', 'with', 'our', 'from', 'more', 'all', 'new', 'get', 'make'})
CJK = re.compile(r'[\u3400-\u9fff\uf900-\ufaff]')


def terms_of(query: str) -> list[str]:
    return query[:MAX_QUERY].split()


def phrase(term: str) -> str:
    """A term as an FTS5 string, so quotes and operators in it are plain text."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    return '%' + term.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_') + '%'


async def _fts_ids(match: str, limit: int) -> tuple[list[int], dict[int, str]]:
    sql = (f'SELECT rowid, snippet({knowledge_index.TABLE}, 1, \'\', \'\', \'…\', {SNIPPET_WORDS}) '
           f'FROM {knowledge_index.TABLE} WHERE {knowledge_index.TABLE} MATCH ? '
           f'ORDER BY bm25({knowledge_index.TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}, {TAGS_WEIGHT}), rowid DESC LIMIT ?')
    _, rows = await connections.get('default').execute_query(sql, [match, limit])
    return [row[0] for row in rows], {row[0]: row[1] for row in rows}


def numbered(sql: str) -> str:
    """SQLite takes '?' parameters, PostgreSQL '$1', '$2', ...: the fallback below runs on both."""
    if knowledge_index.is_sqlite():
        return sql
    parts = sql.split('?')
    return parts[0] + ''.join(f'${number}{part}' for number, part in enumerate(parts[1:], start=1))


async def _like_ids(terms: list[str], limit: int) -> list[int]:
    """Every term somewhere in title, body or tags, ignoring case; title hits first, then the newest."""
    matches = "UPPER({column}) LIKE UPPER(?) ESCAPE '\\'"
    one_term = ' OR '.join(matches.format(column=column) for column in ('title', 'body', 'CAST(tags AS TEXT)'))
    where = ' AND '.join(f'({one_term})' for _ in terms)
    sql = (f'SELECT id FROM knowledge_item WHERE {where} '
           f'ORDER BY CASE WHEN {matches.format(column="title")} THEN 0 ELSE 1 END, updated_at DESC, id DESC LIMIT ?')
    params: list[object] = [like_pattern(term) for term in terms for _ in range(3)] + [like_pattern(terms[0]), limit]
    _, rows = await connections.get('default').execute_query(numbered(sql), params)
    return [row[0] for row in rows]


def like_snippet(body: str, terms: list[str], width: int = 80) -> str:
    """The stretch of the body around the first term found, when the database could not cut it."""
    lowered = body.lower()
    at = min((lowered.find(term.lower()) for term in terms if term.lower() in lowered), default=-1)
    if at < 0:
        return body[:width] + ('…' if len(body) > width else '')
    start = max(0, at - width // 3)
    return ('…' if start else '') + body[start:start + width] + ('…' if start + width < len(body) else '')


async def search(actor: User, query: str, *, tag: str | None = None, limit: int = PAGE) -> list[KnowledgeView]:
    """Items matching every word of the query (and the tag), best first, each with the part of its text that matched."""
    require_active(actor)
    terms = terms_of(query)
    if not terms:
        return await browse(actor, tag=tag, limit=limit)
    wanted = limit * 4 if tag else limit  # the tag is checked after ranking
    if all(len(term) >= TRIGRAM for term in terms) and await knowledge_index.has_index():
        ids, snippets = await _fts_ids(' AND '.join(phrase(term) for term in terms), wanted)
    else:
        ids, snippets = await _like_ids(terms, wanted), {}
    found = await views(actor, ids, snippets)
    if tag:
        found = [item for item in found if tag.lower() in (kept.lower() for kept in item.tags)]
    return [item if item.snippet else _with_snippet(item, terms) for item in found[:limit]]


def _with_snippet(item: KnowledgeView, terms: list[str]) -> KnowledgeView:
    return replace(item, snippet=like_snippet(item.body, terms))


async def browse(actor: User, *, tag: str | None = None, limit: int = PAGE) -> list[KnowledgeView]:
    """The newest items, or the newest with a tag."""
    require_active(actor)
    if tag:
        # JSON arrays are stored as text: a LIKE narrows the rows, the exact tag is checked after loading
        ids = await _like_ids([tag[:MAX_TAG]], limit * 4)
        found = [item for item in await views(actor, ids) if tag.lower() in (kept.lower() for kept in item.tags)]
        return sorted(found, key=lambda item: (item.updated_at, item.id), reverse=True)[:limit]
    ids = await KnowledgeItem.all().order_by('-updated_at', '-id').limit(limit).values_list('id', flat=True)
    return await views(actor, list(ids))


async def tags(actor: User) -> list[tuple[str, int]]:
    """Every tag with the number of items that carry it, most used first."""
    require_active(actor)
    counts: Counter[str] = Counter()
    for item_tags in await KnowledgeItem.all().values_list('tags', flat=True):
        counts.update(item_tags or [])
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0].lower()))


def related_terms(text: str) -> list[str]:
    """Search terms from an objective's title: its longer words, and every three characters of Chinese runs."""
    result: list[str] = []
    for word in re.findall(r'\w+', text.lower()):
        if CJK.search(word):
            result += [word[at:at + TRIGRAM] for at in range(max(1, len(word) - TRIGRAM + 1))]
        elif len(word) >= TRIGRAM and word not in COMMON_WORDS and not word.isdigit():
            result.append(word)
    return list(dict.fromkeys(term for term in result if len(term) >= TRIGRAM))[:MAX_RELATED_TERMS]


async def related(actor: User, text: str, *, limit: int = RELATED) -> list[KnowledgeView]:
    """Lessons that share the most words with a text being written (an objective's title), best first."""
    require_active(actor)
    terms = related_terms(text[:MAX_QUERY])
    if not terms or not await knowledge_index.has_index():
        return []
    ids, snippets = await _fts_ids(' OR '.join(phrase(term) for term in terms), limit)
    return await views(actor, ids, snippets)
