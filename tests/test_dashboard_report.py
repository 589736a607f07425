"""The monthly health report: per unit, from the snapshots, for everyone; bad months get a clear message."""
import pytest
from nicegui.testing import User

from services import snapshots
from services.dashboards import health
from services.dashboards.report import health_report
from services.errors import Invalid
from tests.factories_dashboard import company
from tests.helpers import find_testid, sign_in


@pytest.mark.usefixtures('database')
async def test_report_gives_each_unit_its_health_progress_and_check_ins_of_the_month() -> None:
    acme = await company()
    await snapshots.take_snapshots()

    report = await health_report(acme.sam, month='2026-10')

    assert (report.cycle_name, report.day.isoformat(), report.next) == ('2026 Q4', '2026-10-15', None)
    units = {unit.unit.title: unit for unit in report.units}
    assert list(units) == ['Acme', 'Dev', 'Sales']
    sales = units['Sales']
    # the month still running has the dashboard's health: contribution counts this week's check-ins (1 of 2)
    assert (sales.progress, sales.timeliness, sales.contribution) == pytest.approx((0.45, 0.75, 0.25))
    assert sales.score == health.health_score(1, 0.75, 0.25)
    assert (sales.updated, sales.key_results) == (2, 2)
    assert units['Acme'].timeliness == pytest.approx(4 / 6)
    assert units['Dev'].depth == 1


@pytest.mark.usefixtures('database')
async def test_a_month_without_a_cycle_reports_no_units() -> None:
    acme = await company()

    report = await health_report(acme.sam, month='2026-05')

    assert report.cycle_name is None and report.units == ()
    assert report.previous == '2026-04' and report.next == '2026-06'


@pytest.mark.usefixtures('database')
@pytest.mark.parametrize('month', ['abc', '2026-13', '26-10', '2026-1'])
async def test_a_month_not_written_as_year_and_month_is_refused(month: str) -> None:
    acme = await company()

    with pytest.raises(Invalid) as refused:
        await health_report(acme.sam, month=month)

    assert refused.value.message == 'Give the month as YYYY-MM, for example {example}.'


@pytest.mark.usefixtures('database')
async def test_a_month_before_any_report_could_exist_is_refused() -> None:
    acme = await company()

    with pytest.raises(Invalid) as refused:
        await health_report(acme.sam, month='0001-01')

    assert refused.value.field == 'month'


@pytest.mark.usefixtures('database')
async def test_a_month_to_come_is_refused() -> None:
    acme = await company()

    with pytest.raises(Invalid, match='not started'):
        await health_report(acme.sam, month='2027-01')


async def test_every_member_reads_the_report_with_links_to_each_unit(user: User) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    await sign_in(user, 'sam.sales@acme.test')

    await user.open('/reports/health?month=2026-10')

    await user.should_see('Monthly health report', retries=30)
    await user.should_see('Sales')
    rows = {int(row.props['data-id']): row.props['href'] for row in find_testid(user, 'report-row')}
    assert rows[acme.sales.id] == f'/dashboard?team={acme.sales.id}&cycle={acme.cycle.id}'  # the month's cycle


async def test_a_bad_month_in_the_address_gets_a_clear_message(user: User) -> None:
    await company()
    await sign_in(user, 'sam.sales@acme.test')

    await user.open('/reports/health?month=soon')

    await user.should_see('Give the month as YYYY-MM, for example 2026-10.', retries=30)
    assert not find_testid(user, 'report-table')
