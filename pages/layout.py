"""The shared frame of every signed-in page: header, navigation drawer, content column."""
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from nicegui import app, ui

from pages import theme
from pages.components.bell import bell
from pages.i18n import N_, _
from services import accounts

if TYPE_CHECKING:
    from models.org import User

NAVIGATION = (  # icon, English label, path, admins only
    ('checklist', N_('My key results'), '/', False),
    ('co_present', N_('Stand-up board'), '/board', False),
    ('insights', N_('Dashboard'), '/dashboard', False),
    ('account_tree', N_('Alignment'), '/tree', False),
    ('flag', N_('Objectives'), '/objectives', False),
    ('groups', N_('Teams'), '/teams', False),
    ('event', N_('Cycles'), '/cycles', False),
    ('grading', N_('Reviews'), '/reviews', False),
    ('calendar_month', N_('Calendar'), '/calendar', False),
    ('star', N_('OKR Star'), '/stars', False),
    ('description', N_('Reports'), '/my-reports', False),
    ('manage_accounts', N_('People'), '/admin/people', True),
    ('upload_file', N_('Import'), '/admin/import', True),
    ('campaign', N_('Channels'), '/admin/channels', True),
    ('webhook', N_('Webhooks'), '/admin/webhooks', True),
    ('history', N_('Audit log'), '/admin/audit', True),
    ('notifications', N_('Notifications'), '/notifications', False),
    ('forum', N_('Feedback'), '/feedback', False),
    ('lightbulb', N_('Knowledge'), '/knowledge', False),
    ('person', N_('Profile'), '/profile', False),
)


@contextmanager
def frame(title: str, person: 'User', *, wide: bool = False, screen: bool = False) -> Iterator[ui.column]:
    theme.apply()
    ui.page_title(f'{title} · okrboard')
    with ui.left_drawer(value=False).props('overlay bordered').classes('p-0') as drawer:
        with ui.list().classes('w-full'):
            for icon, label, path, admin_only in NAVIGATION:
                if admin_only and not person.is_admin:
                    continue
                with ui.item(on_click=lambda path=path: ui.navigate.to(path)).classes(theme.TOUCH):
                    with ui.item_section().props('avatar'):
                        ui.icon(icon)
                    ui.item_section(_(label))
            with ui.item(on_click=sign_out).classes(theme.TOUCH).props(
                    'data-testid=nav-logout'):
                with ui.item_section().props('avatar'):
                    ui.icon('logout')
                ui.item_section(_('Sign out'))
    with ui.header().classes('items-center px-2 py-1 gap-2'):
        ui.button(icon='menu', on_click=drawer.toggle).props(
            f'flat round color=white aria-label="{_("Menu")}" data-testid=nav-menu')
        ui.label(title).classes('text-lg font-medium truncate min-w-0 flex-1')
        ui.label(person.name).classes('text-sm opacity-80 truncate max-w-[30%] gt-xs')
        bell(person)
    with ui.column().classes(theme.SCREEN_PAGE if screen else theme.WIDE_PAGE if wide else theme.PAGE) as content:
        yield content


def field_error(element: ui.element, message: str | None) -> None:
    """Show (or clear) a message right at the field it concerns."""
    element.props['error'] = message is not None
    element.props['error-message'] = message or ''
    element.update()


async def sign_out() -> None:
    await accounts.end_session(app.storage.client.get('session_hash'))
    ui.navigate.to('/auth/clear')
