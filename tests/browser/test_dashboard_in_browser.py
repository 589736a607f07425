"""The dashboard and the monthly report on a 390x844 phone in a real Chromium, and the snapshot job reaching them."""
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import PHONE, REPO, Server, child_environment, sign_in

pytestmark = pytest.mark.browser


def test_snapshots_from_the_command_line_reach_an_open_dashboard_which_keeps_its_place(
        phone: BrowserContext, server: Server, screenshots: Path) -> None:
    page = phone.new_page()
    sign_in(page, 'admin@acme.test', server.data['password'])
    page.goto('/dashboard?animation=off')
    expect(page.get_by_test_id('dash-stats')).to_be_visible()
    page.get_by_test_id('dash-adoption').scroll_into_view_if_needed()
    page.evaluate('document.querySelector("[data-testid=dash-stats]").dataset.before = "yes"')
    place = page.evaluate('window.scrollY')
    port = int(server.url.rsplit(':', 1)[1])

    done = subprocess.run([sys.executable, 'main.py', 'job', 'snapshots'], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env=child_environment(server.data_dir, port), check=False)

    assert done.returncode == 0, done.stdout + done.stderr
    expect(page.locator('[data-testid=dash-stats][data-before=yes]')).to_have_count(0)  # rebuilt live
    expect(page.get_by_test_id('dash-stats')).not_to_contain_text('No snapshots yet')
    assert abs(page.evaluate('window.scrollY') - place) <= 2
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    page.screenshot(path=screenshots / 'dashboard-390.png', full_page=True)

    page.get_by_test_id('dash-report').click()
    expect(page.get_by_test_id('report-table')).to_be_visible()
    assert page.evaluate('document.documentElement.scrollWidth') <= PHONE['width']
    grid = page.get_by_test_id('report-grid')
    assert page.evaluate('(e) => e.scrollWidth <= e.clientWidth', grid.element_handle())
    page.screenshot(path=screenshots / 'report-390.png', full_page=True)
