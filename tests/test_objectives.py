from datetime import date

import pytest

from models.okr import Alignment, Objective, ObjectiveLink
from services import objective_views, objectives
from services.errors import Forbidden, Invalid, NotFound
from tests import factories
from tests.factories_okrs import Org, org


@pytest.fixture
async def acme(database) -> Org:
    return await org()


async def personal(acme: Org, owner=None, **fields) -> Objective:
    owner = owner or acme.ben
    return await objectives.create_objective(owner, cycle_id=acme.cycle.id, level='person', owner_id=owner.id,
                                             title=fields.pop('title', 'Win the north'), **fields)


async def test_employee_sets_a_personal_objective_with_every_field(acme: Org) -> None:
    objective = await personal(acme, description='Why it matters', kind='aspirational', priority='P1',
                               tags=['growth', ' growth ', 'north'], due=date(2026, 12, 1), visibility='private')

    stored = await Objective.get(id=objective.id)
    assert (stored.level, stored.owner_id, stored.kind, stored.priority) == ('person', acme.ben.id, 'aspirational',
                                                                             'P1')
    assert stored.tags == ['growth', 'north']
    assert (stored.due, stored.visibility) == (date(2026, 12, 1), 'private')


async def test_employee_cannot_set_an_objective_for_another_team(acme: Org) -> None:
    with pytest.raises(Forbidden):
        await objectives.create_objective(acme.ben, cycle_id=acme.cycle.id, level='team',
                                          team_id=acme.engineering.id, title='Ship it')

    assert not await Objective.exists()


async def test_only_admins_set_company_objectives(acme: Org) -> None:
    with pytest.raises(Forbidden):
        await objectives.create_objective(acme.lena, cycle_id=acme.cycle.id, level='company', title='Grow')

    created = await objectives.create_objective(acme.admin, cycle_id=acme.cycle.id, level='company', title='Grow')
    assert (created.level, created.team_id) == ('company', None)


@pytest.mark.parametrize(('changes', 'field', 'message'), [
    ({'title': '   '}, 'title', 'This field is required.'),
    ({'title': 'x' * 501}, 'title', 'Use at most {n} characters.'),
    ({'level': 'galaxy'}, 'level', 'Choose one of the options.'),
    ({'level': 'team', 'team_id': None}, 'team', 'Choose a team.'),
    ({'level': 'person', 'owner_id': None}, 'owner', 'Choose the person this objective belongs to.'),
    ({'owner_id': 9999}, 'owner', 'Choose an active person.'),
    ({'cycle_id': 9999}, 'cycle', 'Choose a cycle.'),
    ({'due': date(2027, 2, 1)}, 'due', 'Choose a due date inside the cycle ({start} to {end}).'),
    ({'kind': 'maybe'}, 'kind', 'Choose one of the options.'),
    ({'visibility': 'secret'}, 'visibility', 'Choose one of the options.'),
    ({'tags': [f't{n}' for n in range(11)]}, 'tags', 'Use at most {n} tags.'),
    ({'tags': ['x' * 31]}, 'tags', 'A tag has at most {n} characters.'),
    ({'priority': 'very very high'}, 'priority', 'Use at most {n} characters.'),
])
async def test_bad_objective_input_names_the_field_and_writes_nothing(acme: Org, changes: dict, field: str,
                                                                      message: str) -> None:
    values = dict(cycle_id=acme.cycle.id, level='person', owner_id=acme.ben.id, title='Win the north') | changes

    with pytest.raises(Invalid) as caught:
        await objectives.create_objective(acme.ben, **values)

    assert (caught.value.field, caught.value.message) == (field, message)
    assert not await Objective.exists()


async def test_locked_cycle_refuses_new_objectives(acme: Org) -> None:
    acme.cycle.locked = True
    await acme.cycle.save()

    with pytest.raises(Forbidden):
        await personal(acme)


async def test_employee_cannot_edit_another_teams_objective(acme: Org) -> None:
    theirs = await objectives.create_objective(acme.cara, cycle_id=acme.cycle.id, level='team',
                                               team_id=acme.engineering.id, title='Ship it')

    with pytest.raises(Forbidden):
        await objectives.update_objective(acme.ben, theirs.id, title='Mine now')

    assert (await Objective.get(id=theirs.id)).title == 'Ship it'


async def test_team_lead_edits_a_team_objective_and_bad_edit_changes_nothing(acme: Org) -> None:
    team_objective = await objectives.create_objective(acme.ben, cycle_id=acme.cycle.id, level='team',
                                                       team_id=acme.sales.id, title='Sell more')

    await objectives.update_objective(acme.lena, team_objective.id, title='Sell much more', priority='P0')
    with pytest.raises(Invalid):
        await objectives.update_objective(acme.lena, team_objective.id, title='')

    stored = await Objective.get(id=team_objective.id)
    assert (stored.title, stored.priority) == ('Sell much more', 'P0')


async def test_private_objective_is_seen_by_owner_manager_and_admin_only(acme: Org) -> None:
    secret = await personal(acme, title='Find a new job', visibility='private')
    await personal(acme, title='Win the north')

    def titles(rows: list) -> set[str]:
        return {row.title for row in rows}

    assert titles(await objectives.list_objectives(acme.cara, acme.cycle.id)) == {'Win the north'}
    for viewer in (acme.ben, acme.lena, acme.admin):
        assert 'Find a new job' in titles(await objectives.list_objectives(viewer, acme.cycle.id))
    with pytest.raises(NotFound):
        await objective_views.objective_detail(acme.cara, secret.id)
    assert (await objective_views.objective_detail(acme.lena, secret.id)).title == 'Find a new job'


async def test_list_filters_by_team_owner_level_and_text(acme: Org) -> None:
    await personal(acme, title='Win the north')
    await objectives.create_objective(acme.cara, cycle_id=acme.cycle.id, level='team', team_id=acme.engineering.id,
                                      title='Ship the app')
    await objectives.create_objective(acme.admin, cycle_id=acme.cycle.id, level='company', title='Grow revenue')

    async def titles(**filters) -> list[str]:
        return [row.title for row in await objectives.list_objectives(acme.admin, acme.cycle.id, **filters)]

    assert await titles() == ['Grow revenue', 'Ship the app', 'Win the north']
    assert await titles(team_id=acme.sales.id) == ['Win the north']
    assert await titles(team_id=acme.engineering.id) == ['Ship the app']
    assert await titles(owner_id=acme.ben.id) == ['Win the north']
    assert await titles(level='company') == ['Grow revenue']
    assert await titles(text='SHIP') == ['Ship the app']
    assert await titles(text="'; drop table objective; --") == []


async def test_deleted_objective_disappears_until_restored(acme: Org) -> None:
    objective = await personal(acme)

    await objectives.delete_objective(acme.ben, objective.id)
    assert await objectives.list_objectives(acme.ben, acme.cycle.id) == []
    with pytest.raises(NotFound):
        await objective_views.objective_detail(acme.ben, objective.id)

    await objectives.restore_objective(acme.ben, objective.id)
    assert [row.id for row in await objectives.list_objectives(acme.ben, acme.cycle.id)] == [objective.id]


async def test_colleague_cannot_delete_or_restore(acme: Org) -> None:
    objective = await personal(acme)

    with pytest.raises(Forbidden):
        await objectives.delete_objective(acme.cara, objective.id)
    await objectives.delete_objective(acme.ben, objective.id)
    with pytest.raises(Forbidden):
        await objectives.restore_objective(acme.cara, objective.id)

    assert (await Objective.get(id=objective.id)).deleted_at is not None


async def test_link_with_https_address_is_kept(acme: Org) -> None:
    objective = await personal(acme)

    link = await objectives.add_link(acme.ben, objective.id, title='', url='https://docs.example.com/plan',
                                     kind='meeting')

    assert (link.title, link.kind) == ('docs.example.com', 'meeting')
    detail = await objective_views.objective_detail(acme.ben, objective.id)
    assert [(row.title, row.url) for row in detail.links] == [('docs.example.com', 'https://docs.example.com/plan')]


@pytest.mark.parametrize('url', ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>x</script>',
                                 'ftp://example.com/x', 'https://', '//example.com', 'https://exa mple.com',
                                 'java\tscript:alert(1)', ''])
async def test_link_that_is_not_a_web_address_is_refused(acme: Org, url: str) -> None:
    objective = await personal(acme)

    with pytest.raises(Invalid) as caught:
        await objectives.add_link(acme.ben, objective.id, title='Plan', url=url)

    assert caught.value.field == 'url'
    assert not await ObjectiveLink.exists()


async def test_unknown_link_kind_is_refused(acme: Org) -> None:
    objective = await personal(acme)

    with pytest.raises(Invalid) as caught:
        await objectives.add_link(acme.ben, objective.id, title='Plan', url='https://x.test', kind='video')

    assert caught.value.field == 'kind'
    assert not await ObjectiveLink.exists()


async def test_removing_a_link_needs_edit_rights(acme: Org) -> None:
    objective = await personal(acme)
    link = await objectives.add_link(acme.ben, objective.id, title='Plan', url='https://x.test')

    with pytest.raises(Forbidden):
        await objectives.remove_link(acme.cara, link.id)
    await objectives.remove_link(acme.ben, link.id)

    assert not await ObjectiveLink.exists()


async def test_objective_aligns_to_objectives_and_key_results_across_teams_and_cycles(acme: Org) -> None:
    company = await objectives.create_objective(acme.admin, cycle_id=acme.cycle.id, level='company', title='Grow')
    year = await factories.cycle('2026', date(2026, 1, 1), date(2026, 12, 31))
    yearly = await objectives.create_objective(acme.admin, cycle_id=year.id, level='company', title='Year goal')
    kr = await factories.key_result(yearly, 'Revenue 10M', target=10)
    mine = await personal(acme)

    await objectives.set_alignments(acme.ben, mine.id, [company.id], [kr.id])

    detail = await objective_views.objective_detail(acme.ben, mine.id)
    assert {(item.kind, item.title) for item in detail.parents} == {('objective', 'Grow'),
                                                                    ('key_result', 'Revenue 10M')}
    assert [item.title for item in (await objective_views.objective_detail(acme.ben, yearly.id)).children] == [
        'Win the north']


async def test_objective_cannot_align_to_itself_or_its_own_key_result(acme: Org) -> None:
    mine = await personal(acme)
    own_kr = await factories.key_result(mine)

    for parents, krs in (([mine.id], []), ([], [own_kr.id])):
        with pytest.raises(Invalid) as caught:
            await objectives.set_alignments(acme.ben, mine.id, parents, krs)
        assert caught.value.message == 'An objective cannot align to itself or to its own key results.'

    assert not await Alignment.exists()


async def test_alignment_loop_is_refused(acme: Org) -> None:
    top = await objectives.create_objective(acme.admin, cycle_id=acme.cycle.id, level='company', title='Grow')
    middle = await personal(acme, title='Middle')
    bottom = await personal(acme, title='Bottom')
    middle_kr = await factories.key_result(middle)
    await objectives.set_alignments(acme.admin, middle.id, [top.id], [])
    await objectives.set_alignments(acme.admin, bottom.id, [], [middle_kr.id])

    with pytest.raises(Invalid) as caught:
        await objectives.set_alignments(acme.admin, top.id, [bottom.id], [])

    assert caught.value.field == 'parents'
    assert not await Alignment.exists(objective_id=top.id)
    choices = await objective_views.alignment_choices(acme.admin, top.id)
    assert f'objective:{bottom.id}' not in dict(choices.options)


async def test_alignment_to_a_private_objective_one_cannot_see_is_refused(acme: Org) -> None:
    secret = await personal(acme, title='Secret', visibility='private')
    theirs = await personal(acme, owner=acme.cara, title='Ship')

    with pytest.raises(Invalid):
        await objectives.set_alignments(acme.cara, theirs.id, [secret.id], [])

    assert not await Alignment.exists()


async def test_warnings_nudge_towards_three_to_five_measurable_key_results(acme: Org) -> None:
    objective = await personal(acme)

    async def codes() -> list[str]:
        return [w.code for w in (await objective_views.objective_detail(acme.ben, objective.id)).warnings]

    assert await codes() == ['fewer_than_3']
    for n in range(3):
        await factories.key_result(objective, f'KR {n}')
    assert await codes() == []
    await factories.key_result(objective, 'No target yet', target=None)
    await factories.key_result(objective, 'Launch', kind='boolean', target=None)
    await factories.key_result(objective, 'Sixth')
    assert await codes() == ['more_than_5', 'no_measurable_target']


async def test_an_objective_whose_owner_left_can_still_be_edited_without_choosing_another(acme: Org) -> None:
    objective = await personal(acme)
    await factories.User.filter(id=acme.ben.id).update(active=False)

    changed = await objectives.update_objective(acme.admin, objective.id, visibility='private')

    assert (changed.visibility, changed.owner_id) == ('private', acme.ben.id)
    other = await personal(acme, owner=acme.lena)
    with pytest.raises(Invalid):  # but nobody may hand an objective to someone who has left
        await objectives.update_objective(acme.admin, other.id, owner_id=acme.ben.id)
