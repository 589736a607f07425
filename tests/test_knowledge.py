import pytest

from models.knowledge import KnowledgeItem
from services import knowledge, knowledge_index, knowledge_search
from services.errors import Forbidden, Invalid, NotFound
from tests import factories


@pytest.fixture
async def indexed(database):
    assert await knowledge_index.ensure_index()
    yield


async def people():
    _, admin = await factories.company()
    return admin, await factories.person('Ben'), await factories.person('Cai')


async def test_search_finds_english_words_ranked_by_title_first(indexed) -> None:
    admin, ben, _ = await people()
    in_body = await knowledge.save_item(ben, title='Weekly rhythm', body='Run a demo day every Friday for sales')
    in_title = await knowledge.save_item(ben, title='Demo day doubles sales', body='Invite clients.')
    await knowledge.save_item(ben, title='Hiring', body='Interview in pairs')

    found = await knowledge_search.search(admin, 'demo day')

    assert [item.id for item in found] == [in_title.id, in_body.id]
    assert 'demo day' in found[1].snippet


async def test_search_finds_chinese_of_three_characters_through_the_index(indexed) -> None:
    admin, ben, _ = await people()
    item = await knowledge.save_item(ben, title='提高客户留存率', body='每周回访老客户，流失率下降一半。')
    await knowledge.save_item(ben, title='招聘', body='结对面试')

    found = await knowledge_search.search(admin, '留存率')

    assert [hit.id for hit in found] == [item.id]


async def test_two_character_chinese_query_falls_back_to_like(indexed) -> None:
    admin, ben, _ = await people()
    item = await knowledge.save_item(ben, title='收入增长的做法', body='先做老客户。')
    await knowledge.save_item(ben, title='招聘', body='结对面试')

    found = await knowledge_search.search(admin, '增长')

    assert [hit.id for hit in found] == [item.id]


async def test_search_text_with_quotes_and_operators_is_plain_text(indexed) -> None:
    admin, ben, _ = await people()
    await knowledge.save_item(ben, title='Say "NOT" clearly', body='x')

    found = await knowledge_search.search(admin, '"NOT" clearly')

    assert len(found) == 1


async def test_edited_text_is_found_and_the_old_text_is_not(indexed) -> None:
    admin, ben, _ = await people()
    item = await knowledge.save_item(ben, title='Cold calls', body='')

    await knowledge.edit_item(ben, item.id, title='Warm introductions', body='', tags=[], kind='practice')

    assert await knowledge_search.search(admin, 'cold') == []
    assert [hit.kind for hit in await knowledge_search.search(admin, 'warm')] == ['practice']


async def test_tags_are_cleaned_counted_and_browsed(indexed) -> None:
    admin, ben, _ = await people()
    first = await knowledge.save_item(ben, title='One', tags=[' #sales ', 'Sales', '增长'])
    await knowledge.save_item(ben, title='Two', tags=['hiring'])

    assert first.tags == ['sales', '增长']
    assert await knowledge_search.tags(admin) == [('hiring', 1), ('sales', 1), ('增长', 1)]
    assert [item.title for item in await knowledge_search.browse(admin, tag='增长')] == ['One']


async def test_related_lessons_share_words_with_an_objective_title(indexed) -> None:
    admin, ben, _ = await people()
    retention = await knowledge.save_item(ben, title='客户留存靠回访', body='')
    await knowledge.save_item(ben, title='Hiring in pairs', body='')

    assert [item.id for item in await knowledge_search.related(admin, '提高客户留存')] == [retention.id]
    assert await knowledge_search.related(admin, 'Grow revenue') == []


async def test_only_author_or_admin_may_delete(indexed) -> None:
    admin, ben, cai = await people()
    item = await knowledge.save_item(ben, title='Keep it', body='')

    with pytest.raises(Forbidden):
        await knowledge.delete_item(cai, item.id)
    await knowledge.delete_item(admin, item.id)

    assert await KnowledgeItem.all().count() == 0
    assert await knowledge_search.search(admin, 'keep') == []
    with pytest.raises(NotFound):
        await knowledge.get_item(ben, item.id)


@pytest.mark.parametrize(('fields', 'field', 'message'), [
    ({'title': '   '}, 'title', 'Give the lesson a title.'),
    ({'title': 'x' * 201}, 'title', 'A title has at most 200 characters.'),
    ({'body': 'x' * 10_001}, 'body', 'The text has at most 10000 characters.'),
    ({'tags': [f'tag{n}' for n in range(11)]}, 'tags', 'At most 10 tags.'),
    ({'tags': ['x' * 31]}, 'tags', 'A tag has at most 30 characters.'),
    ({'kind': 'rumour'}, 'kind', 'Choose lesson or practice.'),
])
async def test_bad_input_is_refused_and_nothing_is_written(indexed, fields, field, message) -> None:
    _, ben, _ = await people()

    with pytest.raises(Invalid) as refused:
        await knowledge.save_item(ben, **{'title': 'Fine', **fields})

    assert (refused.value.field, str(refused.value)) == (field, message)
    assert await KnowledgeItem.all().count() == 0


async def test_a_lesson_from_a_private_objective_needs_sight_of_it(indexed) -> None:
    admin, ben, cai = await people()
    cycle = await factories.cycle()
    secret = await factories.objective(cycle, 'Secret', owner=ben, visibility='private')

    with pytest.raises(NotFound):
        await knowledge.save_item(cai, title='Peek', source_kind='objective', source_id=secret.id)
    item = await knowledge.save_item(ben, title='Mine', source_kind='objective', source_id=secret.id)

    assert (item.cycle_id, item.source_kind, item.source_id) == (cycle.id, 'objective', secret.id)
    assert await KnowledgeItem.all().count() == 1


async def test_index_built_later_covers_items_saved_before(database) -> None:
    admin, ben, _ = await people()
    await knowledge.save_item(ben, title='Before the index', body='')

    await knowledge_index.ensure_index()

    assert len(await knowledge_search.search(admin, 'index')) == 1


async def test_a_lesson_from_a_retrospective_needs_it_published_or_an_editor(indexed) -> None:
    from services import retrospective
    from tests.factories_retrospective import quarter
    q = await quarter()
    record = await retrospective.save_sections(q.lena, q.cycle.id, q.sales.id, gains='Demo days', problems='',
                                               plan='', version=0)

    with pytest.raises(NotFound):
        await knowledge.save_item(q.dora, title='Peek', source_kind='retrospective', source_id=record.id)
    item = await knowledge.save_item(q.lena, title='Gains', body='Demo days', source_kind='retrospective',
                                     source_id=record.id)

    assert (item.cycle_id, item.team_id) == (q.cycle.id, q.sales.id)
    assert await KnowledgeItem.all().count() == 1


async def test_short_query_ignores_case_and_treats_wildcards_as_text(indexed) -> None:
    admin, ben, _ = await people()
    plan = await knowledge.save_item(ben, title='Q3 plan', body='')
    await knowledge.save_item(ben, title='Other', body='')

    assert [item.id for item in await knowledge_search.search(admin, 'q3')] == [plan.id]
    assert await knowledge_search.search(admin, '%') == []
