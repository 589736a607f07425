"""The audit log records who changed objectives, key results, scores, cycles and settings, from what to what."""
from datetime import UTC, datetime

import pytest

from models.audit import AuditEntry
from services import (
    audit,
    channel_config,
    clock,
    cycles,
    key_result_edits,
    objectives,
    review_settings,
    reviews,
    webhooks,
)
from services.audit import AuditFilter
from services.errors import Forbidden, Invalid
from tests import factories
from tests.factories_reviews import review_team


async def entries(kind: str) -> list[AuditEntry]:
    return await AuditEntry.filter(kind=kind).order_by('id')


async def test_creating_an_objective_records_its_fields_and_who(database) -> None:
    root, admin = await factories.company()
    cycle = await factories.cycle()

    objective = await objectives.create_objective(admin, cycle_id=cycle.id, level='company', title='Grow')

    [entry] = await entries('objective')
    assert (entry.action, entry.actor_id, entry.subject_id, entry.title) == ('create', admin.id, objective.id, 'Grow')
    assert entry.before == {}
    assert entry.after['title'] == 'Grow' and entry.after['cycle_id'] == cycle.id


async def test_updating_an_objective_keeps_only_the_changed_fields(database) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')

    await objectives.update_objective(admin, objective.id, title='Grow faster', priority='P1')

    [entry] = await entries('objective')
    assert entry.action == 'update'
    assert entry.before == {'title': 'Grow', 'priority': ''}
    assert entry.after == {'title': 'Grow faster', 'priority': 'P1'}


async def test_an_update_that_changes_nothing_writes_no_entry(database) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')

    await objectives.update_objective(admin, objective.id, title='Grow')

    assert await entries('objective') == []


async def test_deleting_and_restoring_an_objective_are_recorded(database) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')

    await objectives.delete_objective(admin, objective.id)
    await objectives.restore_objective(admin, objective.id)

    deleted, restored = await entries('objective')
    assert (deleted.action, deleted.before['deleted_at'], restored.action) == ('delete', None, 'restore')
    assert deleted.after['deleted_at'] and restored.after == {'deleted_at': None}


async def test_changed_alignments_are_recorded(database) -> None:
    root, admin = await factories.company()
    cycle = await factories.cycle()
    parent = await factories.objective(cycle, 'Company goal', level='company')
    child = await factories.objective(cycle, 'Team goal', team_=root)

    await objectives.set_alignments(admin, child.id, [parent.id], [])

    [entry] = await entries('objective')
    assert (entry.before, entry.after) == ({'aligns_to': []}, {'aligns_to': [f'objective {parent.id}']})


async def test_key_result_create_update_delete_are_recorded(database) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')

    kr = await key_result_edits.add_key_result(admin, objective.id, title='Sign customers', target=10)
    await key_result_edits.update_key_result(admin, kr.id, target=20)
    await key_result_edits.delete_key_result(admin, kr.id)

    created, updated, deleted = await entries('key_result')
    assert (created.action, created.after['target'], created.before) == ('create', 10.0, {})
    assert (updated.before, updated.after) == ({'target': 10.0}, {'target': 20.0})
    assert deleted.action == 'delete' and deleted.subject_id == kr.id


async def test_a_status_override_is_recorded_with_its_reason(database) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')
    kr = await factories.key_result(objective, 'Sign customers')

    await key_result_edits.set_status_override(admin, kr.id, 'at_risk', 'Supplier late')

    [entry] = await entries('key_result')
    assert entry.after == {'status_override': 'at_risk', 'status_reason': 'Supplier late'}


async def test_a_final_score_is_recorded_as_a_score_by_the_reviewer(database) -> None:
    team = await review_team()
    clock.set_now(datetime(2026, 12, 30, 10, tzinfo=UTC))

    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.2, reflection='Slow start')

    [entry] = await AuditEntry.filter(action='score')
    assert (entry.actor_id, entry.subject_id, entry.before, entry.after) == (team.ben.id, team.kr.id,
                                                                           {'score': None}, {'score': 0.2})


async def test_a_cycle_state_change_is_recorded(database) -> None:
    root, admin = await factories.company()
    cycle = await factories.cycle(state='planning')

    await cycles.set_state(admin, cycle.id, 'active')

    [entry] = await entries('cycle')
    assert (entry.before, entry.after, entry.title) == ({'state': 'planning'}, {'state': 'active'}, cycle.name)


async def test_a_channel_save_records_that_the_secret_changed_never_the_secret(database) -> None:
    root, admin = await factories.company()
    values = {'url': 'https://oapi.dingtalk.com/robot/send?access_token=abc', 'secret': 'SEC-very-secret'}

    view = await channel_config.save_channel(admin, channel_id=None, kind='dingtalk', name='Team chat', values=values)
    await channel_config.save_channel(admin, channel_id=view.id, kind='dingtalk', name='Team chat',
                                      values={**values, 'secret': 'SEC-new-secret'})

    created, changed = await entries('channel')
    assert created.after['name'] == 'Team chat' and created.after['secret:secret'] == audit.SECRET_CHANGED
    assert (changed.before, changed.after) == ({'secret:secret': 'changed'}, {'secret:secret': 'changed'})
    stored = str([(entry.before, entry.after) for entry in (created, changed)])
    assert 'SEC-' not in stored and 'access_token' not in stored
    assert created.after['url'] == 'https://oapi.dingtalk.com/robot/send'


async def test_a_webhook_secret_rotation_is_recorded_without_the_secret(database) -> None:
    root, admin = await factories.company()
    registered = await webhooks.register_webhook(admin, url='https://hooks.example.com/okr?token=abc',
                                                 events=['objective.changed'])

    rotated = await webhooks.rotate_secret(admin, registered.webhook.id)

    created, changed = await entries('webhook')
    assert (changed.before, changed.after) == ({'secret:secret': 'changed'}, {'secret:secret': 'changed'})
    stored = str([(entry.title, entry.before, entry.after) for entry in (created, changed)])
    assert registered.secret not in stored and rotated.secret not in stored and 'token=abc' not in stored


async def test_a_review_settings_change_is_recorded(database) -> None:
    root, admin = await factories.company()

    await review_settings.set_review_settings(admin, self_percent=50, okr_weight=None)

    [entry] = await entries('setting')
    assert (entry.action, entry.before, entry.after) == ('setting', {'self_share': 0.3}, {'self_share': 0.5})


async def test_admins_filter_the_log_by_kind_actor_and_text(database) -> None:
    root, admin = await factories.company()
    mia = await factories.person('Mia', team=root, role='admin')
    cycle = await factories.cycle(state='planning')
    objective = await objectives.create_objective(admin, cycle_id=cycle.id, level='company', title='Grow')
    await objectives.update_objective(mia, objective.id, title='Grow revenue')
    await cycles.set_state(mia, cycle.id, 'active')

    by_kind = await audit.browse(admin, AuditFilter(kind='cycle'))
    by_actor = await audit.browse(admin, AuditFilter(actor_id=mia.id))
    by_text = await audit.browse(admin, AuditFilter(text='revenue'))
    by_id = await audit.browse(admin, AuditFilter(text=str(objective.id), kind='objective'))

    assert [row.kind for row in by_kind.rows] == ['cycle']
    assert [row.kind for row in by_actor.rows] == ['cycle', 'objective']  # newest first
    assert [row.title for row in by_text.rows] == ['Grow revenue']
    assert len(by_id.rows) == 2


async def test_the_log_comes_in_pages_newest_first(database) -> None:
    root, admin = await factories.company()
    objective = await factories.objective(await factories.cycle(), 'Grow', level='company')
    for number in range(3):
        await objectives.update_objective(admin, objective.id, title=f'Grow {number}')

    first = await audit.browse(admin, AuditFilter(), limit=2)
    rest = await audit.browse(admin, AuditFilter(), shown=2, limit=2)

    assert [row.title for row in first.rows] == ['Grow 2', 'Grow 1'] and first.more
    assert [row.title for row in rest.rows] == ['Grow 0'] and not rest.more


async def test_a_date_range_ending_before_it_starts_is_refused(database) -> None:
    root, admin = await factories.company()
    where = audit.parse_filter(kind=None, actor_id=None, start='2026-12-05', end='2026-12-01', text='')

    with pytest.raises(Invalid) as refused:
        await audit.browse(admin, where)

    assert (refused.value.field, refused.value.message) == ('end', 'The end must come after the start.')


async def test_members_may_not_read_the_log(database) -> None:
    root, admin = await factories.company()
    ben = await factories.person('Ben', team=root)

    with pytest.raises(Forbidden):
        await audit.browse(ben, AuditFilter())
