"""Database lifecycle: configuration, migrations, SQLite pragmas."""
import logging
import os

from tortoise import Tortoise, connections

from config import settings

log = logging.getLogger(__name__)

MODEL_MODULES = ['models.org', 'models.auth', 'models.cycle', 'models.okr', 'models.checkin']


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
        from tortoise.migrations.api import migrate
        await migrate(config=config)
        await Tortoise.close_connections()
        await Tortoise.init(config=config, _enable_global_fallback=True)
    if url.startswith('sqlite'):
        connection = connections.get('default')
        for pragma in ('journal_mode=WAL', 'foreign_keys=ON', 'busy_timeout=5000', 'synchronous=FULL'):
            await connection.execute_script(f'PRAGMA {pragma};')
    log.info('database ready')


async def close_database() -> None:
    context = Tortoise._get_context()
    if context is not None and context.inited:
        # what TortoiseContext.__aexit__ does, minus resetting a context variable set in another task
        await context.close_connections()
        context._apps = None
        context._inited = False
