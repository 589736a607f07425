"""Admins read the audit log page; members are turned away."""
from nicegui.testing import User

from services import audit, cycles, objectives
from tests import factories
from tests.helpers import by_testid, find_testid, sign_in


async def logged_changes() -> tuple:
    root, admin = await factories.company()
    cycle = await factories.cycle(state='planning')
    objective = await objectives.create_objective(admin, cycle_id=cycle.id, level='company', title='Grow')
    await objectives.update_objective(admin, objective.id, title='Grow faster')
    await cycles.set_state(admin, cycle.id, 'active')
    return root, admin, objective


async def test_admin_sees_who_changed_what_from_before_to_after(user: User) -> None:
    await logged_changes()
    await sign_in(user, 'admin@acme.test')

    await user.open('/admin/audit')

    await user.should_see('title: Grow → Grow faster', retries=30)
    await user.should_see('state: planning → active')
    assert len(find_testid(user, 'audit-entry')) == 3


async def test_admin_filters_the_log_by_kind(user: User) -> None:
    await logged_changes()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/audit')
    await user.should_see('Audit log', retries=30)

    find_testid(user, 'audit-kind')[0].value = 'cycle'
    by_testid(user, 'audit-apply').click()

    await user.should_not_see('title: Grow → Grow faster', retries=30)
    assert len(find_testid(user, 'audit-entry')) == 1


async def test_a_date_range_that_ends_before_it_starts_shows_a_message(user: User) -> None:
    await logged_changes()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/audit')
    await user.should_see('Audit log', retries=30)

    by_testid(user, 'audit-start').type('2026-12-05')
    by_testid(user, 'audit-end').type('2026-12-01')
    by_testid(user, 'audit-apply').click()

    await user.should_see('The end must come after the start.', retries=30)
    assert len(find_testid(user, 'audit-entry')) == 3  # the list stays as it was


async def test_a_search_with_nothing_found_says_so(user: User) -> None:
    await logged_changes()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/audit')
    await user.should_see('Audit log', retries=30)

    by_testid(user, 'audit-search').type('no such thing')
    by_testid(user, 'audit-apply').click()

    await user.should_see('No entries match.', retries=30)


async def test_members_are_turned_away(user: User) -> None:
    root, _, _ = await logged_changes()
    await factories.person('Ben', team=root)
    await sign_in(user, 'ben@acme.test')

    await user.open('/admin/audit')

    await user.should_see('Only admins may do this.', retries=30)
    assert not find_testid(user, 'audit-entry')


async def test_show_more_brings_the_older_entries(user: User) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')
    for number in range(audit.PAGE_SIZE + 1):
        await objectives.update_objective(admin, objective.id, title=f'Grow {number}')
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/audit')
    await user.should_see('title: Grow 29 → Grow 30', retries=30)
    assert len(find_testid(user, 'audit-entry')) == audit.PAGE_SIZE

    by_testid(user, 'audit-more').click()

    await user.should_see('title: Grow → Grow 0', retries=30)
    assert not find_testid(user, 'audit-more')
