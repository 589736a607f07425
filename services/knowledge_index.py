"""The full-text index of the knowledge base: an SQLite FTS5 table kept in step with knowledge_item by triggers.

The trigram tokenizer (SQLite 3.34+) matches any run of three or more characters, so Chinese text without spaces
is found as well as English. Other databases have no FTS5: search then falls back to LIKE.
"""
import logging

from tortoise import connections

log = logging.getLogger(__name__)

TABLE = 'knowledge_fts'
MIN_SQLITE = (3, 34, 0)

# NOTE: the lead's migration must run these same statements; ensure_index() repeats them when they are missing.
SCHEMA = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(title, body, tags, content='knowledge_item', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS knowledge_item_ai AFTER INSERT ON knowledge_item BEGIN "
    f"INSERT INTO {TABLE}(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags); END",
    f"CREATE TRIGGER IF NOT EXISTS knowledge_item_ad AFTER DELETE ON knowledge_item BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, "
    "old.tags); END",
    f"CREATE TRIGGER IF NOT EXISTS knowledge_item_au AFTER UPDATE ON knowledge_item BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, "
    f"old.tags); INSERT INTO {TABLE}(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags); END",
)


def is_sqlite() -> bool:
    return connections.get('default').capabilities.dialect == 'sqlite'


async def sqlite_version() -> tuple[int, ...]:
    _, rows = await connections.get('default').execute_query('SELECT sqlite_version()')
    return tuple(int(part) for part in str(rows[0][0]).split('.'))


async def has_index() -> bool:
    """The FTS table exists (it never does outside SQLite)."""
    if not is_sqlite():
        return False
    _, rows = await connections.get('default').execute_query(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE])
    return bool(rows)


async def ensure_index() -> bool:
    """Create the FTS table and its triggers when missing, and index the items already there; True when usable."""
    if not is_sqlite() or await sqlite_version() < MIN_SQLITE:
        return False
    if await has_index():
        return True
    connection = connections.get('default')
    for statement in SCHEMA:
        await connection.execute_script(statement)
    await connection.execute_script(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
    log.info('knowledge full-text index created')
    return True
