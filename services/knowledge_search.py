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
MEANINGFUL = re.compile(r'[^\W_]')  # a letter, a digit or a CJK character
MAX_SHORT_RELATED = 5  # two-character Chinese words matched by substring, one query each


def terms_of(query: str) -> list[str]:
    """The words of a query; punctuation alone ('[', '"', '%') is no word and finds nothing."""
    return [term for term in query[:MAX_QUERY].split() if MEANINGFUL.search(term)]


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


async def _tagged_ids(terms: list[str]) -> list[list[int]]:
    """For each term, the items with a tag containing it: tag values, not the JSON text they are stored as."""
    rows = await KnowledgeItem.all().values_list('id', 'tags')
    return [[item_id for item_id, item_tags in rows if any(term.lower() in str(tag).lower() for tag in item_tags or ())]
            for term in terms]


async def _like_ids(terms: list[str], limit: int) -> list[int]:
    """Every term somewhere in title, body or a tag, ignoring case; title hits first, then the newest."""
    matches = "UPPER({column}) LIKE UPPER(?) ESCAPE '\\'"
    text_match = f'{matches.format(column="title")} OR {matches.format(column="body")}'
    conditions: list[str] = []
    params: list[object] = []
    for term, tagged in zip(terms, await _tagged_ids(terms), strict=True):
        in_tags = f' OR id IN ({", ".join("?" * len(tagged))})' if tagged else ''
        conditions.append(f'({text_match}{in_tags})')
        params += [like_pattern(term), like_pattern(term), *tagged]
    sql = (f'SELECT id FROM knowledge_item WHERE {" AND ".join(conditions)} '
           f'ORDER BY CASE WHEN {matches.format(column="title")} THEN 0 ELSE 1 END, updated_at DESC, id DESC LIMIT ?')
    _, rows = await connections.get('default').execute_query(numbered(sql), [*params, like_pattern(terms[0]), limit])
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
    if not query.strip():
        return await browse(actor, tag=tag, limit=limit)
    terms = terms_of(query)
    if not terms:
        return []
    wanted = limit * 4 if tag else limit  # the tag is checked after ranking
    if all(len(term) >= TRIGRAM for term in terms) and await knowledge_index.has_index():
        ids, snippets = await _fts_ids(' AND '.join(phrase(term) for term in terms), wanted * 2)
        # the index holds the tags as JSON text: a hit only on its brackets and quotes does not count
        found = [item for item in await views(actor, ids, snippets) if all(_contains(item, term) for term in terms)]
    else:
        found = await views(actor, await _like_ids(terms, wanted))
    if tag:
        found = [item for item in found if tag.lower() in (kept.lower() for kept in item.tags)]
    return [item if item.snippet else _with_snippet(item, terms) for item in found[:limit]]


def _contains(item: KnowledgeView, term: str) -> bool:
    """The term in the title, the body or one tag's value, ignoring case."""
    term = term.lower()
    return any(term in text.lower() for text in (item.title, item.body, *item.tags))


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


def short_related_terms(text: str) -> list[str]:
    """Chinese words of two characters, too short for the index: searched by substring, like a short query."""
    words = re.findall(r'\w+', text)
    return list(dict.fromkeys(word for word in words if len(word) == TRIGRAM - 1 and CJK.search(word)))[
        :MAX_SHORT_RELATED]


async def related(actor: User, text: str, *, limit: int = RELATED) -> list[KnowledgeView]:
    """Lessons that share the most words with a text being written (an objective's title), best first."""
    require_active(actor)
    terms, short = related_terms(text[:MAX_QUERY]), short_related_terms(text[:MAX_QUERY])
    ids: list[int] = []
    snippets: dict[int, str] = {}
    if terms and await knowledge_index.has_index():
        ids, snippets = await _fts_ids(' OR '.join(phrase(term) for term in terms), limit)
    for term in short:
        ids += [item_id for item_id in await _like_ids([term], limit) if item_id not in ids]
    return [item if item.snippet else _with_snippet(item, short) for item in await views(actor, ids[:limit], snippets)]
