"""Process lifecycle: readiness, the scheduler, housekeeping and health."""
import asyncio
import logging
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from tortoise import connections

from models.auth import LoginFailure, Session
from services import clock

log = logging.getLogger(__name__)


class Runtime:
    """What the running process holds: readiness and the scheduler. One per process."""

    def __init__(self) -> None:
        self.ready = asyncio.Event()
        self.scheduler: AsyncIOScheduler | None = None


runtime = Runtime()


def start_scheduler() -> None:
    if runtime.scheduler is not None and runtime.scheduler.running:
        return
    from services import jobs
    runtime.scheduler = AsyncIOScheduler(job_defaults={'misfire_grace_time': 3600, 'coalesce': True})
    for job in jobs.all_jobs():
        runtime.scheduler.add_job(job.run, job.trigger, id=job.name, replace_existing=True, **job.schedule)
    runtime.scheduler.start()


def stop_scheduler() -> None:
    if runtime.scheduler is not None and runtime.scheduler.running:
        runtime.scheduler.shutdown(wait=False)
    runtime.scheduler = None


async def housekeeping() -> None:
    """Forget expired sessions and old login failures."""
    sessions = await Session.filter(expires_at__lt=clock.now()).delete()
    failures = await LoginFailure.filter(at__lt=clock.now() - timedelta(days=1)).delete()
    log.info('housekeeping removed %d sessions and %d login failures', sessions, failures)


async def health() -> dict:
    database = 'down'
    if runtime.ready.is_set():
        try:
            await connections.get('default').execute_query('SELECT 1')
            database = 'ok'
        except Exception:  # any failure to answer means the database is not usable
            log.warning('health check: database does not answer')
    scheduler = 'running' if runtime.scheduler is not None and runtime.scheduler.running else 'stopped'
    status = 'ok' if database == 'ok' and scheduler == 'running' else 'unavailable'
    return {'status': status, 'database': database, 'scheduler': scheduler}
