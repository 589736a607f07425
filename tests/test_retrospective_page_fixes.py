"""The retrospective page: one document for every reader, labelled sections, drafts kept after a conflict."""
from nicegui.testing import User

from models.knowledge import KnowledgeItem
from models.okr import KeyResult
from models.retrospectives import Retrospective as RetroRecord
from services import events
from services import retrospective as retro
from tests import factories
from tests.factories_retrospective import quarter
from tests.helpers import by_testid, find_testid, sign_in


def page(q, team=None) -> str:
    return f'/retrospective?cycle={q.cycle.id}' + (f'&team={team.id}' if team else '')


def text_of(user: User, name: str) -> str:
    return by_testid(user, name).elements.pop().text


async def opened(user: User, q, email: str = 'lena@acme.test') -> None:
    await sign_in(user, email)
    await user.open(page(q, q.sales))
    await user.should_see('Sales · 2026 Q4', retries=30)


async def test_page_says_only_company_visible_objectives_count_and_leaves_out_the_editors_own(user: User) -> None:
    q = await quarter()
    private = await factories.objective(q.cycle, 'Learn Spanish', owner=q.lena, team_=q.sales, visibility='private')
    await factories.key_result(private, 'Finish 3 courses', owner=q.lena, target=3, current=3)

    await opened(user, q)

    assert text_of(user, 'retro-objectives') == '2'
    await user.should_see('Only company-visible objectives are counted')
    await user.should_not_see('Finish 3 courses')


async def test_published_page_keeps_the_numbers_it_was_published_with(user: User) -> None:
    q = await quarter()
    await retro.publish(q.lena, q.cycle.id, q.sales.id)
    await KeyResult.filter(id=q.calls.id).update(score=1.0)
    events.okr_changed.emit(events.Change('key_result', q.calls.id, objective_id=q.calls.objective_id))

    await opened(user, q, 'dora@acme.test')

    assert text_of(user, 'retro-share-good') == '33%'
    await user.should_see('Published on 2027-01-05')


async def test_section_boxes_carry_their_names_as_labels(user: User) -> None:
    q = await quarter()

    await opened(user, q)

    labels = {name: by_testid(user, f'retro-{name}').elements.pop().props.get('label')
              for name in ('gains', 'problems', 'plan')}
    assert labels == {'gains': 'Gains', 'problems': 'Problems', 'plan': 'Plan for the next cycle'}


async def test_conflict_shows_their_text_and_keeps_the_users_draft_to_take_back(user: User) -> None:
    q = await quarter()
    await opened(user, q)
    await retro.save_sections(q.mia, q.cycle.id, q.sales.id, gains='Mia was first', problems='', plan='', version=0)

    by_testid(user, 'retro-gains').type('Lena second')
    by_testid(user, 'retro-save').click()

    await user.should_see('their text is above, yours under each section', retries=30)
    assert by_testid(user, 'retro-gains').elements.pop().value == 'Mia was first'
    await user.should_see('Lena second')
    assert not find_testid(user, 'retro-draft-problems')
    assert (await RetroRecord.get(cycle_id=q.cycle.id, team_id=q.sales.id)).gains == 'Mia was first'

    by_testid(user, 'retro-use-draft-gains').click()
    by_testid(user, 'retro-save').click()

    await user.should_see('Retrospective saved', retries=30)
    assert (await RetroRecord.get(cycle_id=q.cycle.id, team_id=q.sales.id)).gains == 'Lena second'


async def test_lesson_from_a_section_is_titled_with_section_team_and_cycle(user: User) -> None:
    q = await quarter()
    await retro.save_sections(q.lena, q.cycle.id, q.sales.id, gains='Demo days', problems='', plan='', version=0)
    await opened(user, q)

    by_testid(user, 'lesson-from-section', section='gains').click()
    by_testid(user, 'lesson-save').click()

    await user.should_see('Lesson saved', retries=30)
    assert (await KnowledgeItem.get()).title == 'Gains: Sales, 2026 Q4'


async def test_lesson_from_the_company_retrospective_names_the_company(user: User) -> None:
    q = await quarter()
    await retro.save_sections(q.admin, q.cycle.id, None, gains='', problems='', plan='Fewer goals', version=0)
    await sign_in(user, 'admin@acme.test')
    await user.open(page(q))
    await user.should_see('Acme · 2026 Q4', retries=30)

    by_testid(user, 'lesson-from-section', section='plan').click()
    by_testid(user, 'lesson-save').click()

    await user.should_see('Lesson saved', retries=30)
    assert (await KnowledgeItem.get()).title == 'Plan for the next cycle: Company, 2026 Q4'
