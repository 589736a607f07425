"""The dashboard page: its sections, drill-down links, bad addresses and live updates."""
from nicegui.testing import User

from services import checkins, snapshots
from tests.factories_dashboard import company
from tests.helpers import by_testid, find_testid, sign_in

SECTIONS = ('dash-heatmap', 'dash-trend', 'dash-health', 'dash-warnings', 'dash-adoption')


async def open_dashboard(user: User, query: str = '') -> None:
    await user.open(f'/dashboard?animation=off{query}')
    await user.should_see('Progress against expected, by week', retries=30)


async def test_company_dashboard_shows_every_section_and_links_to_each_unit(user: User) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    await sign_in(user, 'admin@acme.test')

    await open_dashboard(user, f'&cycle={acme.cycle.id}')

    for name in SECTIONS:
        assert find_testid(user, name), name
    rows = {int(row.props['data-id']): row.props['href'] for row in find_testid(user, 'dash-row')}
    assert rows == {acme.dev.id: f'/dashboard?cycle={acme.cycle.id}&team={acme.dev.id}',
                    acme.sales.id: f'/dashboard?cycle={acme.cycle.id}&team={acme.sales.id}'}


async def test_drilling_down_from_a_unit_reaches_its_people_then_a_person(user: User) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    await sign_in(user, 'admin@acme.test')
    await open_dashboard(user, f'&cycle={acme.cycle.id}')

    await user.open(by_testid(user, 'dash-row', id=acme.sales.id).elements.pop().props['href'] + '&animation=off')
    await user.should_see('Sam Sales', retries=30)
    person = by_testid(user, 'dash-row', kind='person', id=acme.sam.id).elements.pop()
    await user.open(person.props['href'] + '&animation=off')

    await user.should_see('Close deals', retries=30)
    await user.should_see('Cut churn')


async def test_warnings_link_to_the_objective_of_the_key_result(user: User) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    await sign_in(user, 'admin@acme.test')

    await open_dashboard(user, f'&cycle={acme.cycle.id}')

    await user.should_see('No check-in for 10 days')
    links = [link for link in find_testid(user, 'dash-link', kind='key_result', id=acme.fall.id)]
    assert links and links[0].props['href'] == f'/objective/{acme.sales_objective.id}'


async def test_a_team_id_that_is_not_a_number_gets_a_clear_message(user: User) -> None:
    await company()
    await sign_in(user, 'admin@acme.test')

    await user.open('/dashboard?team=abc')

    await user.should_see('"abc" is not a valid number.', retries=30)
    assert not find_testid(user, 'dash-heatmap')


async def test_an_unknown_person_gets_a_clear_message(user: User) -> None:
    await company()
    await sign_in(user, 'admin@acme.test')

    await user.open('/dashboard?person=999')

    await user.should_see('This person does not exist.', retries=30)


async def test_a_company_without_cycles_says_so(user: User) -> None:
    from tests import factories
    await factories.company()
    await sign_in(user, 'admin@acme.test')

    await user.open('/dashboard')

    await user.should_see('There is no cycle yet.', retries=30)


async def test_a_check_in_elsewhere_updates_the_warnings(user: User) -> None:
    acme = await company()
    await snapshots.take_snapshots()
    await sign_in(user, 'sam.sales@acme.test')
    await open_dashboard(user, f'&cycle={acme.cycle.id}&team={acme.sales.id}')
    await user.should_see('No check-in for 10 days')

    await checkins.record_checkin(acme.sam, key_result_id=acme.fall.id, value=70, confidence=6)

    await user.should_not_see('No check-in for 10 days', retries=30)


async def test_the_dashboard_is_in_the_navigation(user: User) -> None:
    await company()
    await sign_in(user, 'sam.sales@acme.test')

    await user.should_see('Dashboard')


async def test_an_id_too_large_for_the_database_gets_a_message(user: User) -> None:
    await company()
    await sign_in(user, 'admin@acme.test')

    await user.open('/dashboard?team=99999999999999999999999')

    await user.should_see('is not a valid number')
