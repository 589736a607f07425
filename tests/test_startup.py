import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from nicegui.testing import User

import db
from locales import negotiate
from models.org import Team

ROOT = Path(__file__).parent.parent


def child_environment(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith('PYTEST_') and key not in {'NICEGUI_USER_SIMULATION', 'OKRBOARD_DATABASE_URL'}}
    env.update(overrides)
    return env


@pytest.mark.parametrize(('name', 'value'), [
    ('OKRBOARD_PORT', 'eighty'), ('OKRBOARD_DEFAULT_LOCALE', 'fr'), ('OKRBOARD_TIMEZONE', 'Mars/Olympus'),
])
def test_bad_setting_stops_start_up_with_one_line_naming_it(tmp_path: Path, name: str, value: str) -> None:
    result = subprocess.run([sys.executable, 'main.py'], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=child_environment(OKRBOARD_DATA_DIR=str(tmp_path), **{name: value}))

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f'okrboard: bad setting {name}:')


async def test_file_database_is_created_by_migrations_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    url = f'sqlite://{tmp_path / "okr.sqlite3"}'
    await db.open_database(url)
    try:
        from tortoise import connections
        connection = connections.get('default')
        _, wal = await connection.execute_query('PRAGMA journal_mode')
        _, keys = await connection.execute_query('PRAGMA foreign_keys')
        _, applied = await connection.execute_query('SELECT COUNT(*) FROM tortoise_migrations')
        assert wal[0][0] == 'wal'
        assert keys[0][0] == 1
        assert applied[0][0] >= 1
        await Team.create(name='Kept')
    finally:
        await db.close_database()

    await db.open_database(url)  # a second start upgrades nothing and loses nothing
    try:
        assert await Team.filter(name='Kept').count() == 1
    finally:
        await db.close_database()


async def test_healthz_answers_ok_once_started(user: User) -> None:
    from nicegui import app
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url='http://test') as client:
        response = await client.get('/healthz')

    assert response.status_code == 200
    assert response.json()['status'] == 'ok'


@pytest.mark.parametrize(('header', 'locale'), [
    ('zh-CN,zh;q=0.9,en;q=0.8', 'zh_CN'), ('en-US,en;q=0.9', 'en'), ('fr-FR', 'zh_CN'), (None, 'zh_CN'),
])
def test_browser_language_picks_a_locale_else_the_default(header: str | None, locale: str) -> None:
    assert negotiate(header, 'zh_CN') == locale


async def test_every_migration_applies_to_a_database_made_by_the_first_one(tmp_path: Path) -> None:
    """What an older install goes through at upgrade: each later migration runs its SQL for real."""
    from tortoise import Tortoise, connections
    from tortoise.migrations.api import migrate
    config = db.tortoise_config(f'sqlite://{tmp_path / "old.sqlite3"}')

    await migrate(config=config)  # from nothing, through every migration in turn
    await db.close_database()

    await Tortoise.init(config=config)
    try:
        _, tables = await connections.get('default').execute_query("SELECT name FROM sqlite_master WHERE type='table'")
        names = {row[0] for row in tables}
        for model in Tortoise.apps['models'].values():
            assert model._meta.db_table in names, model.__name__
    finally:
        await db.close_database()
