from nicegui.testing import User

from models.knowledge import KnowledgeItem
from services import knowledge
from tests import factories
from tests.factories_retrospective import quarter
from tests.helpers import by_testid, find_testid, sign_in


async def ben() -> tuple:
    root, admin = await factories.company()
    return admin, await factories.person('Ben', team=root)


async def test_person_saves_a_lesson_and_finds_it_in_the_list(user: User) -> None:
    await ben()
    await sign_in(user, 'ben@acme.test')
    await user.open('/knowledge')
    await user.should_see('No lessons yet', retries=30)

    by_testid(user, 'knowledge-new').click()
    by_testid(user, 'lesson-title').type('Demo day doubles sales')
    by_testid(user, 'lesson-body').type('Invite clients every Friday.')
    by_testid(user, 'lesson-save').click()

    await user.should_see('Lesson saved', retries=30)
    await user.should_see('Demo day doubles sales', retries=30)
    assert (await KnowledgeItem.get()).body == 'Invite clients every Friday.'


async def test_lesson_without_title_is_refused_at_the_field(user: User) -> None:
    await ben()
    await sign_in(user, 'ben@acme.test')
    await user.open('/knowledge')

    by_testid(user, 'knowledge-new').click()
    by_testid(user, 'lesson-body').type('Only a body')
    by_testid(user, 'lesson-save').click()

    await user.should_see('Give the lesson a title.', retries=30)
    assert await KnowledgeItem.all().count() == 0


async def test_too_many_tags_are_refused_and_nothing_is_written(user: User) -> None:
    await ben()
    await sign_in(user, 'ben@acme.test')
    await user.open('/knowledge')

    by_testid(user, 'knowledge-new').click()
    by_testid(user, 'lesson-title').type('Tagged')
    by_testid(user, 'lesson-tags').elements.pop().value = [f'tag{n}' for n in range(11)]
    by_testid(user, 'lesson-save').click()

    await user.should_see('At most 10 tags.', retries=30)
    assert await KnowledgeItem.all().count() == 0


async def test_chinese_search_and_tag_chips_narrow_the_list(user: User) -> None:
    admin, person = await ben()
    await knowledge.save_item(person, title='提高客户留存率', body='每周回访老客户', tags=['增长'])
    await knowledge.save_item(person, title='结对面试', body='招聘更快', tags=['招聘'])
    await sign_in(user, 'ben@acme.test')
    await user.open('/knowledge')
    await user.should_see('结对面试', retries=30)

    by_testid(user, 'knowledge-search').type('留存率')
    await user.should_not_see('结对面试', retries=30)
    await user.should_see('提高客户留存率')

    by_testid(user, 'knowledge-search').elements.pop().value = ''
    by_testid(user, 'knowledge-tag', tag='招聘').click()
    await user.should_not_see('提高客户留存率', retries=30)
    await user.should_see('结对面试')


async def test_author_edits_and_deletes_a_lesson_on_its_page(user: User) -> None:
    _, person = await ben()
    item = await knowledge.save_item(person, title='Cold calls', body='')
    await sign_in(user, 'ben@acme.test')
    await user.open(f'/knowledge/{item.id}')
    await user.should_see('Cold calls', retries=30)

    by_testid(user, 'knowledge-edit').click()
    by_testid(user, 'lesson-title').type(' work')
    by_testid(user, 'lesson-save').click()
    await user.should_see('Lesson saved', retries=30)
    await user.should_see('Cold calls work')
    by_testid(user, 'knowledge-delete').click()

    await user.should_see('Lesson deleted', retries=30)
    assert await KnowledgeItem.all().count() == 0


async def test_others_cannot_edit_a_lesson(user: User) -> None:
    _, person = await ben()
    item = await knowledge.save_item(person, title='Cold calls', body='')
    await factories.person('Cai')
    await sign_in(user, 'cai@acme.test')

    await user.open(f'/knowledge/{item.id}')

    await user.should_see('Cold calls', retries=30)
    assert not find_testid(user, 'knowledge-edit')


async def test_objective_page_saves_a_lesson_from_the_objective(user: User) -> None:
    _, person = await ben()
    objective = await factories.objective(await factories.cycle(), 'Win the north', owner=person)
    await sign_in(user, 'ben@acme.test')
    await user.open(f'/objective/{objective.id}')
    await user.should_see('Win the north', retries=30)

    by_testid(user, 'lesson-from', objective_id=objective.id).click()
    by_testid(user, 'lesson-save').click()

    await user.should_see('Lesson saved', retries=30)
    item = await KnowledgeItem.get()
    assert (item.title, item.source_kind, item.source_id) == ('Win the north', 'objective', objective.id)


async def test_retrospective_item_is_saved_as_a_lesson_with_its_notes(user: User) -> None:
    q = await quarter()
    await sign_in(user, 'lena@acme.test')
    await user.open(f'/retrospective?cycle={q.cycle.id}&team={q.sales.id}')
    await user.should_see('Sales · 2026 Q4', retries=30)

    by_testid(user, 'lesson-from-item', kr_id=q.signed.id).click()
    by_testid(user, 'lesson-save').click()

    await user.should_see('Lesson saved', retries=30)
    item = await KnowledgeItem.get()
    assert item.title == 'Sign 10 clinics' and 'Weekly demo day works' in item.body
    assert (item.source_kind, item.cycle_id, item.team_id) == ('key_result', q.cycle.id, q.sales.id)


async def test_new_objective_form_shows_related_lessons_while_typing(user: User) -> None:
    _, person = await ben()
    await factories.cycle()
    await knowledge.save_item(person, title='客户留存靠回访', body='')
    await sign_in(user, 'ben@acme.test')
    await user.open('/objectives/new')

    by_testid(user, 'objective-title').type('提高客户留存')

    await user.should_see('客户留存靠回访', retries=30)
    assert find_testid(user, 'related-lesson')
