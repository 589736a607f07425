"""The Export menu on the cycle and team pages: a format is chosen, the file is made, the browser downloads it."""
import io
from datetime import date

from nicegui.testing import User
from openpyxl import load_workbook
from pptx import Presentation

from models.cycle import Cycle
from tests import factories
from tests.factories_exports import closing_cycle
from tests.helpers import by_testid, find_testid, sign_in


async def test_cycle_card_exports_the_cycle_as_a_workbook_download(user: User) -> None:
    built = await closing_cycle()
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'export-xlsx', cycle_id=built.cycle.id).click()

    download = await user.download.next(timeout=10)
    workbook = load_workbook(io.BytesIO(download.content), read_only=True)
    assert 'key_results' in workbook.sheetnames


async def test_team_page_exports_that_team_as_slides(user: User) -> None:
    built = await closing_cycle()
    await sign_in(user, 'eve.engineer@acme.test')
    await user.open(f'/team/{built.engineering.id}')
    await user.should_see('更快交付 Ship faster', retries=30)

    by_testid(user, 'export-pptx').click()

    download = await user.download.next(timeout=15)
    titles = [slide.shapes.title.text for slide in Presentation(io.BytesIO(download.content)).slides]
    assert '更快交付 Ship faster' in titles and '增长收入 Grow revenue' not in titles


async def test_export_menu_is_enabled_again_and_the_spinner_gone_after_the_download(user: User) -> None:
    built = await closing_cycle()
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')

    by_testid(user, 'export-xlsx', cycle_id=built.cycle.id).click()
    await user.download.next(timeout=10)

    menu = find_testid(user, 'export-menu', cycle_id=built.cycle.id)[0]
    assert menu.enabled
    assert not find_testid(user, 'export-busy', cycle_id=built.cycle.id)[0].visible


async def test_export_of_a_cycle_deleted_meanwhile_says_so_and_downloads_nothing(user: User) -> None:
    await closing_cycle()
    gone = await factories.cycle('2027 Q1', start=date(2027, 1, 1), end=date(2027, 3, 31), state='planning')
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')
    await Cycle.filter(id=gone.id).delete()

    by_testid(user, 'export-pdf', cycle_id=gone.id).click()

    await user.should_see('This cycle does not exist.', retries=30)
    assert user.download.http_responses == []
    assert find_testid(user, 'export-menu', cycle_id=gone.id)[0].enabled
