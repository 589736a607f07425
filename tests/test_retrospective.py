import pytest

from models.retrospectives import Retrospective as RetroRecord
from services import retrospective as retro
from services.errors import Conflict, Forbidden, Invalid, NotFound
from tests.factories_retrospective import quarter


async def test_company_numbers_count_scores_in_buckets_and_shares(database) -> None:
    q = await quarter()

    report = await retro.retrospective(q.admin, q.cycle.id, None)

    numbers = report.numbers
    assert (numbers.objectives, numbers.key_results) == (3, 4)
    assert numbers.score_buckets == (('0–0.3', 1), ('0.3–0.7', 1), ('0.7–1.0', 2))
    assert (numbers.share_good, numbers.share_low) == (0.5, 0.25)
    assert numbers.timeliness == pytest.approx(5 / 52)
    assert report.team_name == 'Acme' and report.team_id is None


async def test_best_and_worst_key_results_come_in_score_order_with_newest_notes(database) -> None:
    q = await quarter()

    report = await retro.retrospective(q.admin, q.cycle.id, None)

    assert [(item.title, item.score) for item in report.went_well] == [('Release weekly', 1.0),
                                                                      ('Sign 10 clinics', 0.9)]
    assert [item.title for item in report.did_not] == ['Make 100 calls', 'Open 4 offices']
    assert report.went_well[1].notes == ('Weekly demo day works', 'Two referrals from the first', 'Warm-up calls')
    assert report.did_not[1].notes == ('Rent too high in the second city',)
    assert report.went_well[1].owner_name == 'Sam'


async def test_team_retrospective_covers_teams_below_and_leaves_out_private_objectives(database) -> None:
    q = await quarter()

    report = await retro.retrospective(q.lena, q.cycle.id, q.sales.id)

    assert (report.numbers.objectives, report.numbers.key_results) == (2, 3)
    assert 'Send 10 letters' not in {item.title for item in report.went_well + report.did_not}
    assert report.numbers.timeliness == pytest.approx(5 / 39)


async def test_health_has_one_point_per_week_of_the_cycle(database) -> None:
    q = await quarter()

    health = (await retro.retrospective(q.admin, q.cycle.id, q.sales.id)).numbers.health

    assert len(health) == 14
    assert all(0 <= value <= 100 for _, value in health)


async def test_without_snapshots_timeliness_is_unknown(database) -> None:
    q = await quarter(with_snapshots=False)

    numbers = (await retro.retrospective(q.admin, q.cycle.id, None)).numbers

    assert numbers.timeliness is None and numbers.health == ()


async def test_lead_and_members_manager_edit_a_team_but_not_the_company(database) -> None:
    q = await quarter()

    await retro.save_sections(q.lena, q.cycle.id, q.sales.id, gains='Demo days', problems='', plan='', version=0)
    await retro.save_sections(q.mia, q.cycle.id, q.sales.id, gains='Demo days', problems='Rent', plan='', version=1)

    assert (await retro.retrospective(q.lena, q.cycle.id, q.sales.id)).problems == 'Rent'
    with pytest.raises(Forbidden):
        await retro.save_sections(q.lena, q.cycle.id, None, gains='x', problems='', plan='', version=0)
    with pytest.raises(Forbidden):
        await retro.save_sections(q.dora, q.cycle.id, q.sales.id, gains='x', problems='', plan='', version=1)


async def test_second_save_from_the_same_version_reports_conflict(database) -> None:
    q = await quarter()
    await retro.save_sections(q.admin, q.cycle.id, None, gains='Ours', problems='', plan='', version=0)

    with pytest.raises(Conflict):
        await retro.save_sections(q.admin, q.cycle.id, None, gains='Theirs', problems='', plan='', version=0)

    assert (await RetroRecord.get(cycle_id=q.cycle.id, team_id=None)).gains == 'Ours'


async def test_over_long_section_is_refused_and_nothing_is_written(database) -> None:
    q = await quarter()

    with pytest.raises(Invalid) as refused:
        await retro.save_sections(q.admin, q.cycle.id, None, gains='', problems='x' * 5001, plan='', version=0)

    assert refused.value.field == 'problems'
    assert 'at most 5000' in str(refused.value)
    assert await RetroRecord.all().count() == 0


async def test_only_editors_see_it_until_it_is_published(database) -> None:
    q = await quarter()
    await retro.save_sections(q.lena, q.cycle.id, q.sales.id, gains='Demo days', problems='', plan='', version=0)
    with pytest.raises(NotFound):
        await retro.retrospective(q.dora, q.cycle.id, q.sales.id)

    await retro.publish(q.lena, q.cycle.id, q.sales.id)

    seen = await retro.retrospective(q.dora, q.cycle.id, q.sales.id)
    assert seen.published and seen.gains == 'Demo days'
    listed = await retro.published_retrospectives(q.dora, q.cycle.id)
    assert [item.team_name for item in listed] == ['Sales']


async def test_unknown_team_is_not_found(database) -> None:
    q = await quarter()

    with pytest.raises(NotFound):
        await retro.retrospective(q.admin, q.cycle.id, 9999)
