"""Command line: `python main.py [--demo]`, `import PATH [--dry-run]`, `export --cycle NAME ...`, `job NAME`."""
import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python main.py', description='okrboard, the OKR workspace')
    parser.add_argument('--demo', action='store_true', help='load the demo company into an empty database')
    parser.add_argument('--demo-password', default='demo', help='password of every demo account')
    commands = parser.add_subparsers(dest='command')
    importing = commands.add_parser('import', help='import a spreadsheet, CSV file or folder of CSV files')
    importing.add_argument('path')
    importing.add_argument('--dry-run', action='store_true', help='check every row, write nothing')
    exporting = commands.add_parser('export', help='export a cycle as PDF, PPTX or XLSX, as the first admin sees it',
                                    description='Export a cycle. It runs as the first admin, so private objectives '
                                    'are included.')
    exporting.add_argument('--cycle', required=True, metavar='NAME', help='the cycle, by name (e.g. "2026 Q4")')
    exporting.add_argument('--format', required=True, choices=('pdf', 'pptx', 'xlsx'), dest='file_format')
    exporting.add_argument('--out', required=True, metavar='FILE', help='where to write the file')
    exporting.add_argument('--team', metavar='NAME', help='only this team and the teams below it')
    job = commands.add_parser('job', help='run a scheduled job once, now')
    job.add_argument('name', nargs='?', help='the job to run (see --list)')
    job.add_argument('--list', action='store_true', help='list the scheduled jobs')
    return parser.parse_args(argv)


def run_command_or_serve(options: argparse.Namespace, serve: Callable[[], None]) -> None:
    if options.command == 'import':
        sys.exit(asyncio.run(_import(options.path, options.dry_run)))
    if options.command == 'export':
        sys.exit(asyncio.run(_export(options.cycle, options.file_format, options.out, options.team)))
    if options.command == 'job':
        sys.exit(asyncio.run(_job(options.name, options.list)))
    if options.demo:
        asyncio.run(_load_demo(options.demo_password))
    serve()


async def _load_demo(password: str) -> None:
    """Load the demo company before serving; a database holding other data stops start-up with one line."""
    import db
    from locales import translate
    from services import demo
    from services.errors import ServiceError
    await db.open_database()
    try:
        accounts = await demo.ensure_demo(password=password, snapshot=True)
    except ServiceError as error:
        sys.exit(f'okrboard: {translate("en", error.message, **error.params)}')
    finally:
        await db.close_database()
    sys.stdout.write(f'demo admin: {accounts.admin_email}\ndemo employee: {accounts.employee_email}\n')
    sys.stdout.flush()


async def _import(path: str, dry_run: bool) -> int:
    import db
    from services import importing, relay
    await db.open_database()
    try:
        with relay.collected() as changes:
            report = await importing.import_path(path, dry_run=dry_run)
    finally:
        await db.close_database()
    await relay.tell_server(changes)  # open boards and pages show the import without a reload
    for line in importing.report_lines(report):
        sys.stdout.write(line + '\n')
    return 0 if report.ok else 1


async def _export(cycle: str, file_format: str, out: str, team: str | None) -> int:
    """Write one export; a refusal or an unwritable file is one line on stderr and exit code 2."""
    import db
    from locales import translate
    from services.errors import ServiceError
    from services.exports.command import export_by_name
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        sys.stderr.write(f'okrboard: cannot write {out}: the folder {folder} does not exist\n')
        return 2
    await db.open_database()
    try:
        _, content = await export_by_name(cycle, file_format, team)
    except ServiceError as error:
        sys.stderr.write(f'okrboard: {translate("en", error.message, **error.params)}\n')
        return 2
    finally:
        await db.close_database()
    try:
        with open(out, 'wb') as file:
            file.write(content)
    except OSError as error:
        sys.stderr.write(f'okrboard: cannot write {out}: {error.strerror}\n')
        return 2
    sys.stdout.write(f'exported {cycle} to {out} ({len(content)} bytes)\n')
    return 0


async def _job(name: str | None, list_only: bool) -> int:
    """Run one scheduled job now, through the code path the schedule uses; its changes reach the server."""
    from services import jobs
    if list_only or not name:
        for job in jobs.all_jobs():
            sys.stdout.write(f'{job.name:<20} {job.description}\n')
        return 0 if list_only else 2
    job = jobs.find(name)
    if job is None:
        sys.stderr.write(f'okrboard: no job named {name!r}; `python main.py job --list` shows them\n')
        return 2
    import db
    from services import relay
    await db.open_database()
    try:
        with relay.collected() as changes:
            await job.run()
    finally:
        await db.close_database()
    await relay.tell_server(changes)
    sys.stdout.write(f'job {name} done\n')
    return 0
