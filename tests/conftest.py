"""Every test gets an empty in-memory database and its own data folder."""
import os
import tempfile

_scratch = tempfile.mkdtemp(prefix='okrboard-tests-')
os.environ['OKRBOARD_DATABASE_URL'] = 'sqlite://:memory:'
os.environ['OKRBOARD_DATA_DIR'] = _scratch
os.environ['OKRBOARD_DEFAULT_LOCALE'] = 'en'
os.environ['NICEGUI_STORAGE_PATH'] = os.path.join(_scratch, '.nicegui')

import pytest  # noqa: E402 (the environment above must be set before the app is imported)

from services import clock  # noqa: E402


@pytest.fixture(autouse=True)
def real_time():
    yield
    clock.set_now(None)


@pytest.fixture
async def database():
    """The database alone, for service tests that need no app."""
    import db
    from services import shared
    shared.forget_all()
    await db.open_database('sqlite://:memory:')
    yield
    await db.close_database()


@pytest.fixture
async def user(user):
    """NiceGUI's simulated user, once start-up (database, scheduler) has finished."""
    from services import system
    await system.runtime.ready.wait()
    return user
