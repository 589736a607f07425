"""okrboard: the composition root. Settings, database, scheduler, pages, `ui.run`."""
import asyncio
import logging
import os
import sys

from fastapi import Request
from fastapi.responses import PlainTextResponse
from nicegui import app, ui

import cli
import db
from api import calendar, health, relay, v1
from config import settings
from pages import routers
from services import events, knowledge_index, shared, system, webhooks_events

logging.basicConfig(level=logging.INFO, stream=sys.stderr, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
log = logging.getLogger('okrboard')
system.runtime = system.Runtime()
events.clear()
shared.forget_all()


async def startup() -> None:
    await db.open_database()
    await knowledge_index.ensure_index()
    system.start_scheduler()
    webhooks_events.listen()
    system.runtime.ready.set()
    log.info('okrboard ready on %s:%s', settings().host, settings().port)


async def shutdown() -> None:
    system.runtime.ready.clear()
    system.stop_scheduler()
    await webhooks_events.stop()
    await db.close_database()


@app.middleware('http')
async def guard(request: Request, call_next):
    """Hold requests until start-up is done; add the security headers NiceGUI leaves to us."""
    if not system.runtime.ready.is_set() and not request.url.path.startswith('/_nicegui/'):
        try:
            await asyncio.wait_for(system.runtime.ready.wait(), timeout=30)
        except TimeoutError:
            if request.url.path != '/healthz':
                return PlainTextResponse('okrboard is starting, try again shortly', status_code=503)
    response = await call_next(request)
    response.headers['X-Content-Type-Options'] = 'nosniff'
    response.headers['Referrer-Policy'] = 'same-origin'
    response.headers['X-Frame-Options'] = 'DENY'
    response.headers['Content-Security-Policy'] = "frame-ancestors 'none'"
    if settings().https:
        response.headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
    return response


app.on_startup(startup)
app.on_shutdown(shutdown)
lifespan = app.router.lifespan_context
for router in [health.router, relay.router, calendar.router, *v1.routers, *routers()]:
    app.include_router(router)
# FastAPI wraps the lifespan once per included router; the test plugin re-runs this file per test and would nest it
app.router.lifespan_context = lifespan

if __name__ in {'__main__', '__mp_main__'}:
    arguments = [] if os.environ.get('NICEGUI_USER_SIMULATION') else sys.argv[1:]  # pytest's own arguments
    cli.run_command_or_serve(cli.parse(arguments), lambda: ui.run(
        host=settings().host, port=settings().port, title='okrboard', reload=False, show=False,
        storage_secret=settings().resolved_storage_secret(), favicon='🎯', language='zh-CN',
        session_middleware_kwargs={'max_age': settings().session_hours * 3600, 'same_site': 'lax',
                                   'https_only': settings().https}))
