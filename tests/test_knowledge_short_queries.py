"""Short searches and related lessons: two-character Chinese words, tags matched by value, punctuation ignored."""
import pytest
from nicegui.testing import User

from services import knowledge, knowledge_index, knowledge_search
from tests import factories
from tests.helpers import by_testid, sign_in


@pytest.fixture
async def indexed(database):
    assert await knowledge_index.ensure_index()
    yield


async def lessons():
    _, admin = await factories.company()
    ben = await factories.person('Ben')
    dependencies = await knowledge.save_item(ben, title='依赖', body='提前对齐跨团队的交付时间。')
    levels = await knowledge.save_item(ben, title='职级', body='晋升标准写清楚。')
    hiring = await knowledge.save_item(ben, title='Interview in pairs', body='Two people, one rubric.', tags=['hiring'])
    return admin, dependencies, levels, hiring


async def test_related_lessons_find_two_character_chinese_titles(indexed) -> None:
    admin, dependencies, levels, _ = await lessons()

    assert [item.id for item in await knowledge_search.related(admin, '依赖')] == [dependencies.id]
    assert [item.id for item in await knowledge_search.related(admin, '理顺 职级')] == [levels.id]
    assert await knowledge_search.related(admin, '招聘') == []


async def test_related_lessons_combine_index_hits_and_short_words(indexed) -> None:
    admin, dependencies, _, _ = await lessons()
    rhythm = await knowledge.save_item(admin, title='交付节奏每周一次', body='')

    found = await knowledge_search.related(admin, '交付节奏 依赖')

    assert [item.id for item in found] == [rhythm.id, dependencies.id]


@pytest.mark.parametrize('query', ['[', ']', '"', '[]', '""', '",', '-- !'])
async def test_punctuation_only_query_finds_nothing(indexed, query) -> None:
    admin, *_ = await lessons()

    assert await knowledge_search.search(admin, query) == []
    assert len(await knowledge_search.search(admin, '  ')) == 3


@pytest.mark.parametrize('query', ['g"', '["h', 'g",', ':"h', 'ring"]', '["hiring"]'])
async def test_short_query_does_not_match_the_json_around_tags(indexed, query) -> None:
    admin, *_ = await lessons()

    assert await knowledge_search.search(admin, query) == []


async def test_short_query_matches_a_tag_by_its_value(indexed) -> None:
    admin, _, _, hiring = await lessons()
    await knowledge.save_item(admin, title='招聘', body='', tags=['面试'])

    assert [item.id for item in await knowledge_search.search(admin, 'ng')] == [hiring.id]
    assert [item.title for item in await knowledge_search.search(admin, '面试')] == ['招聘']
    assert [item.id for item in await knowledge_search.search(admin, 'in pa')] == [hiring.id]
    assert [item.id for item in await knowledge_search.search(admin, 'hiring rubric')] == [hiring.id]


async def test_new_objective_form_shows_a_two_character_lesson(user: User) -> None:
    _, admin = await factories.company()
    await factories.cycle()
    await knowledge.save_item(admin, title='依赖', body='提前对齐。')
    await sign_in(user, 'admin@acme.test')
    await user.open('/objectives/new')

    by_testid(user, 'objective-title').type('依赖')

    await user.should_see('依赖', retries=30)
    await user.should_see('Related lessons', retries=30)
