"""Database lifecycle: configuration, migrations, SQLite pragmas."""
import logging
import os

from tortoise import Tortoise, connections
from tortoise.exceptions import BaseORMException

from config import settings

log = logging.getLogger(__name__)

MODEL_MODULES = ['models.org', 'models.auth', 'models.cycle', 'models.okr', 'models.checkin', 'models.standup',
                 'models.notify', 'models.snapshot', 'models.api', 'models.social', 'models.webhooks',
                 'models.reviews', 'models.adjustments', 'models.calendar_feeds', 'models.integrations',
                 'models.audit', 'models.recognition', 'models.retrospectives', 'models.knowledge',
                 'models.reports']


def tortoise_config(url: str | None = None) -> dict:
    return {
        'connections': {'default': url or settings().resolved_database_url()},
        'apps': {'models': {'models': MODEL_MODULES, 'default_connection': 'default', 'migrations': 'migrations'}},
        'use_tz': True,
        'timezone': 'UTC',
    }


def __getattr__(name: str) -> dict:
    if name == 'TORTOISE_ORM':  # read by the `tortoise` CLI through [tool.tortoise], resolved when asked
        return tortoise_config()
    raise AttributeError(name)


def _is_memory(url: str) -> bool:
    return ':memory:' in url


async def open_database(url: str | None = None) -> None:
    """Create or upgrade the schema, then connect. Safe to call twice."""
    if Tortoise._inited:  # the test plugin enters the app lifespan more than once
        return
    config = tortoise_config(url)
    url = config['connections']['default']
    if url.startswith('sqlite://') and not _is_memory(url):
        os.makedirs(os.path.dirname(os.path.abspath(url.removeprefix('sqlite://'))), exist_ok=True)
    if _is_memory(url):
        await Tortoise.init(config=config, _enable_global_fallback=True)
        await Tortoise.generate_schemas()
    else:
        await _create_or_upgrade(config)
        await Tortoise.init(config=config, _enable_global_fallback=True)
    if url.startswith('sqlite'):
        connection = connections.get('default')
        for pragma in ('journal_mode=WAL', 'foreign_keys=ON', 'busy_timeout=5000', 'synchronous=FULL'):
            await connection.execute_script(f'PRAGMA {pragma};')
    log.info('database ready')


async def _create_or_upgrade(config: dict) -> None:
    """A new database gets the models' schema and its migrations recorded as applied; an old one is migrated.

    Tortoise 1.1.9's CreateModel drops a self-referencing foreign key (team.parent_id) that
    generate_schemas keeps, so the first schema comes from the models themselves.
    """
    from tortoise.migrations.api import migrate
    await Tortoise.init(config=config)
    fresh = not await _table_exists('team')
    if fresh:
        await Tortoise.generate_schemas()
    await close_database()
    await migrate(config=config, fake=fresh)
    await close_database()


async def _table_exists(table: str) -> bool:
    try:
        await connections.get('default').execute_query(f'SELECT 1 FROM "{table}" LIMIT 1')
    except BaseORMException:
        return False
    return True


async def close_database() -> None:
    context = Tortoise._get_context()
    if context is not None and context.inited:
        # what TortoiseContext.__aexit__ does, minus resetting a context variable set in another task
        await context.close_connections()
        context._apps = None
        context._inited = False
