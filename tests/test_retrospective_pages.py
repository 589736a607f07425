from nicegui.testing import User

from models.retrospectives import Retrospective as RetroRecord
from services import retrospective as retro
from tests.factories_retrospective import quarter
from tests.helpers import by_testid, find_testid, sign_in


def page(q, team=None) -> str:
    return f'/retrospective?cycle={q.cycle.id}' + (f'&team={team.id}' if team else '')


async def test_lead_sees_the_numbers_and_what_went_well_with_notes(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')

    await user.open(page(q, q.sales))

    await user.should_see('Sales · 2026 Q4', retries=30)
    assert by_testid(user, 'retro-key-results').elements.pop().text == '3'
    assert by_testid(user, 'retro-share-good').elements.pop().text == '33%'
    await user.should_see('Weekly demo day works')
    await user.should_see('Rent too high in the second city')
    assert find_testid(user, 'retro-scores') and find_testid(user, 'retro-health')


async def test_lead_writes_the_sections_and_publishes_them_in_one_go(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')
    await user.open(page(q, q.sales))
    await user.should_see('Sales · 2026 Q4', retries=30)

    by_testid(user, 'retro-gains').type('Demo days bring clinics')
    by_testid(user, 'retro-publish').click()

    await user.should_see('Published to the company', retries=30)
    record = await RetroRecord.get(cycle_id=q.cycle.id, team_id=q.sales.id)
    assert record.gains == 'Demo days bring clinics' and record.published
    await user.should_see('Published on 2027-01-05', retries=30)


async def test_save_after_someone_else_saved_reports_conflict_and_keeps_their_text(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')
    await user.open(page(q, q.sales))
    await user.should_see('Sales · 2026 Q4', retries=30)

    await retro.save_sections(q.mia, q.cycle.id, q.sales.id, gains='Mia was first', problems='', plan='', version=0)
    by_testid(user, 'retro-gains').type('Lena second')
    by_testid(user, 'retro-save').click()

    await user.should_see('Someone else saved this retrospective meanwhile', retries=30)
    assert (await RetroRecord.get(cycle_id=q.cycle.id, team_id=q.sales.id)).gains == 'Mia was first'


async def test_over_long_section_shows_the_message_and_writes_nothing(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')
    await user.open(page(q, q.sales))
    await user.should_see('Sales · 2026 Q4', retries=30)

    by_testid(user, 'retro-plan').type('x' * 5001)
    by_testid(user, 'retro-save').click()

    await user.should_see('A section has at most 5000 characters.', retries=30)
    assert await RetroRecord.all().count() == 0


async def test_member_sees_a_draft_only_once_it_is_published(user: User) -> None:
    q = await quarter()
    await retro.save_sections(q.lena, q.cycle.id, q.sales.id, gains='Demo days', problems='', plan='', version=0)
    await sign_in(user, 'dora@acme.test')

    await user.open(page(q, q.sales))
    await user.should_see('This retrospective is not published yet.', retries=30)

    await retro.publish(q.lena, q.cycle.id, q.sales.id)
    await user.open(page(q, q.sales))
    await user.should_see('Demo days', retries=30)
    assert not find_testid(user, 'retro-save')
    assert find_testid(user, 'retro-published')


async def test_cycle_page_leads_to_the_company_retrospective(user: User) -> None:
    await quarter()
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')
    await user.should_see('2026 Q4', retries=30)

    by_testid(user, 'retrospective-link').click()

    await user.should_see('Acme · 2026 Q4', retries=30)
    assert by_testid(user, 'retro-objectives').elements.pop().text == '3'


async def test_open_published_retrospective_follows_the_teams_new_text(user: User) -> None:
    q = await quarter()
    await retro.save_sections(q.lena, q.cycle.id, q.sales.id, gains='First words', problems='', plan='', version=0)
    await retro.publish(q.lena, q.cycle.id, q.sales.id)
    await sign_in(user, 'dora@acme.test')
    await user.open(page(q, q.sales))
    await user.should_see('First words', retries=30)

    await retro.save_sections(q.lena, q.cycle.id, q.sales.id, gains='Better words', problems='', plan='', version=1)

    await user.should_see('Better words', retries=30)


async def test_team_page_leads_to_the_teams_retrospective(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')
    await user.open(f'/team/{q.sales.id}')

    by_testid(user, 'retrospective-link', team_id=q.sales.id).click()

    await user.should_see('Sales · 2026 Q4', retries=30)
