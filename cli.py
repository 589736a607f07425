"""Command line: `python main.py [--demo]`, `python main.py import PATH [--dry-run]`."""
import argparse
import asyncio
import logging
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
    return parser.parse_args(argv)


async def prepare(options: argparse.Namespace) -> None:
    """Start-up work asked for on the command line: the demo company."""
    if not options.demo:
        return
    from services import demo
    accounts = await demo.ensure_demo(password=options.demo_password)
    sys.stdout.write(f'demo admin: {accounts.admin_email}\ndemo employee: {accounts.employee_email}\n')
    sys.stdout.flush()


def run_command_or_serve(options: argparse.Namespace, serve: Callable[[], None]) -> None:
    if options.command == 'import':
        sys.exit(asyncio.run(_import(options.path, options.dry_run)))
    serve()


async def _import(path: str, dry_run: bool) -> int:
    import db
    from services import importing
    await db.open_database()
    try:
        report = await importing.import_path(path, dry_run=dry_run)
    finally:
        await db.close_database()
    for line in importing.report_lines(report):
        sys.stdout.write(line + '\n')
    return 0 if report.ok else 1
