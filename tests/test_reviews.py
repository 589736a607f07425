from datetime import UTC, datetime

import pytest

from models.okr import KeyResult
from models.reviews import Assessment, ReviewSettings
from services import clock, review_settings, reviews
from services.errors import Forbidden, Invalid
from tests.factories_reviews import review_team


async def test_self_assessment_then_review_writes_the_default_blend_on_the_key_result(database) -> None:
    team = await review_team()

    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score='0.2', reflection='Slow start')
    assert (await KeyResult.get(id=team.kr.id)).score == 0.2
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.9, comment='Strong finish')

    assert (await KeyResult.get(id=team.kr.id)).score == 0.7  # 0.3 x 0.2 + 0.7 x 0.9 = 0.69
    row = await Assessment.get(key_result_id=team.kr.id, round='end')
    assert (row.self_score, row.manager_score, row.self_by_id, row.manager_by_id) == (0.2, 0.9, team.ben.id,
                                                                                      team.mia.id)


async def test_a_changed_split_blends_with_the_new_shares(database) -> None:
    team = await review_team()
    await review_settings.set_review_settings(team.admin, self_percent=60, okr_weight=None)

    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.2, reflection='Slow start')
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.9, comment='Strong finish')

    assert (await KeyResult.get(id=team.kr.id)).score == 0.5  # 0.6 x 0.2 + 0.4 x 0.9 = 0.48


async def test_changing_the_split_during_review_rescores_what_was_given(database) -> None:
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.2, reflection='Slow start')
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.9, comment='Strong finish')

    await review_settings.set_review_settings(team.admin, self_percent='60', okr_weight='20')

    assert (await KeyResult.get(id=team.kr.id)).score == 0.5
    assert await review_settings.review_settings() == review_settings.ReviewConfig(0.6, 20)


async def test_the_objective_owner_assesses_a_key_result_without_owner(database) -> None:
    team = await review_team()

    await reviews.submit_self_assessment(team.ben, key_result_id=team.other.id, score=1, reflection='Shipped')

    assert (await KeyResult.get(id=team.other.id)).score == 1.0


async def test_someone_who_is_not_the_manager_cannot_review(database) -> None:
    team = await review_team()

    with pytest.raises(Forbidden):
        await reviews.submit_manager_review(team.cara, key_result_id=team.kr.id, score=0.5, comment='Fine')

    assert not await Assessment.exists()


async def test_the_owner_cannot_review_their_own_key_result_even_as_admin(database) -> None:
    team = await review_team()
    team.ben.role = 'admin'
    await team.ben.save()

    with pytest.raises(Forbidden, match='your own'):
        await reviews.submit_manager_review(team.ben, key_result_id=team.kr.id, score=1, comment='Great me')

    assert not await Assessment.exists()


async def test_only_the_owner_self_assesses(database) -> None:
    team = await review_team()

    with pytest.raises(Forbidden):
        await reviews.submit_self_assessment(team.mia, key_result_id=team.kr.id, score=0.5, reflection='For Ben')

    assert not await Assessment.exists()


async def test_an_admin_may_review_anyone_else(database) -> None:
    team = await review_team()

    await reviews.submit_manager_review(team.admin, key_result_id=team.kr.id, score=0.6, comment='Fair')

    assert (await KeyResult.get(id=team.kr.id)).score == 0.6


@pytest.mark.parametrize(('score', 'message'), [
    (1.5, 'A score is from 0.0 to 1.0, not 1.5.'),
    (-0.1, 'A score is from 0.0 to 1.0, not -0.1.'),
    ('abc', 'Enter a score from 0.0 to 1.0, like 0.7.'),
    ('', 'Enter a score from 0.0 to 1.0, like 0.7.'),
    ('nan', 'Enter a score from 0.0 to 1.0, like 0.7.'),
    (0.35, 'Use steps of 0.1, like 0.6 or 0.7.'),
])
async def test_bad_scores_are_refused_and_nothing_is_written(database, score: object, message: str) -> None:
    team = await review_team()

    with pytest.raises(Invalid) as refused:
        await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=score, reflection='Ok')
    with pytest.raises(Invalid) as refused_review:
        await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=score, comment='Ok')

    assert str(refused.value) == str(refused_review.value) == message
    assert refused.value.field == 'score'
    assert not await Assessment.exists()
    assert (await KeyResult.get(id=team.kr.id)).score is None


@pytest.mark.parametrize(('text', 'message'), [
    ('   ', 'Write a few words on what you learned.'),
    ('x' * 2001, 'Use at most 2000 characters.'),
])
async def test_empty_or_long_reflection_is_refused_and_nothing_is_written(database, text: str, message: str) -> None:
    team = await review_team()

    with pytest.raises(Invalid) as refused:
        await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.5, reflection=text)

    assert (str(refused.value), refused.value.field) == (message, 'reflection')
    assert not await Assessment.exists()


async def test_empty_manager_comment_is_refused(database) -> None:
    team = await review_team()

    with pytest.raises(Invalid, match='short comment'):
        await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.5, comment='')

    assert not await Assessment.exists()


async def test_mid_round_scores_are_kept_but_do_not_change_the_key_result_score(database) -> None:
    team = await review_team(state='active')
    clock.set_now(datetime(2026, 11, 20, 9, tzinfo=UTC))  # past the middle of the quarter

    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.4, reflection='Halfway')
    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.6, comment='Keep going')

    assert (await KeyResult.get(id=team.kr.id)).score is None
    assert (await Assessment.get(key_result_id=team.kr.id)).round == 'mid'
    tasks = await reviews.review_tasks(team.ben)
    assert [(item.round, item.self_score, item.final) for item in tasks.to_assess][0] == ('mid', 0.4, 0.5)


async def test_before_the_review_date_nothing_is_open(database) -> None:
    team = await review_team(state='active')
    clock.set_now(datetime(2026, 10, 20, 9, tzinfo=UTC))

    with pytest.raises(Invalid, match='not open'):
        await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.4, reflection='Early')

    assert (await reviews.review_tasks(team.ben)).to_assess == ()


async def test_tasks_list_my_key_results_and_my_reports_key_results(database) -> None:
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Good run')

    mine = await reviews.review_tasks(team.ben)
    managed = await reviews.review_tasks(team.mia)

    assert [item.key_result_id for item in mine.to_assess] == [team.kr.id, team.other.id]
    assert mine.to_review == ()
    assert managed.to_assess == ()
    assert [(item.owner_name, item.self_score, item.reflection) for item in managed.to_review] == [
        ('Ben', 0.6, 'Good run'), ('Ben', None, '')]
    assert (await reviews.review_tasks(team.cara)).to_review == ()


@pytest.mark.parametrize(('changes', 'field'), [
    ({'self_percent': 101}, 'self_share'),
    ({'self_percent': 'half'}, 'self_share'),
    ({'self_percent': 12.5}, 'self_share'),
    ({'self_percent': None}, 'self_share'),
    ({'self_percent': 'inf'}, 'self_share'),
    ({'okr_weight': 'nan'}, 'okr_weight'),
    ({'okr_weight': 5}, 'okr_weight'),
    ({'okr_weight': 31}, 'okr_weight'),
    ({'okr_weight': 'lots'}, 'okr_weight'),
])
async def test_bad_review_settings_are_refused_and_nothing_is_written(database, changes: dict, field: str) -> None:
    team = await review_team()

    with pytest.raises(Invalid) as refused:
        await review_settings.set_review_settings(team.admin, **({'self_percent': 30, 'okr_weight': 20} | changes))

    assert refused.value.field == field
    assert not await ReviewSettings.exists()


async def test_only_admins_change_the_review_settings(database) -> None:
    team = await review_team()

    with pytest.raises(Forbidden):
        await review_settings.set_review_settings(team.mia, self_percent=50, okr_weight=None)

    assert not await ReviewSettings.exists()
