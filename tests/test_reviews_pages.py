from nicegui.testing import User

from models.cycle import Cycle
from models.okr import KeyResult
from models.reviews import Assessment, ReviewSettings
from pages import theme
from services import reviews
from tests.factories_reviews import review_team
from tests.helpers import by_testid, find_testid, sign_in


async def test_owner_self_assesses_a_key_result_from_the_reviews_page(user: User) -> None:
    team = await review_team()
    await sign_in(user, 'ben@acme.test')

    await user.open('/reviews')
    await user.should_see('OKR scores are for learning, not pay.', retries=20)
    find_testid(user, 'assess-score', kr_id=team.kr.id)[0].set_value(0.8)
    by_testid(user, 'assess-reflection', kr_id=team.kr.id).type('Two big deals came late')
    by_testid(user, 'assess-save', kr_id=team.kr.id).click()

    await user.should_see('Self-assessment saved', retries=30)
    row = await Assessment.get(key_result_id=team.kr.id, round='end')
    assert (row.self_score, row.reflection) == (0.8, 'Two big deals came late')
    assert (await KeyResult.get(id=team.kr.id)).score == 0.8


async def test_empty_reflection_says_so_at_the_field_and_writes_nothing(user: User) -> None:
    team = await review_team()
    await sign_in(user, 'ben@acme.test')
    await user.open('/reviews')
    await user.should_see('Sign 100 customers', retries=20)

    by_testid(user, 'assess-save', kr_id=team.kr.id).click()

    await user.should_see('Write a few words on what you learned.', retries=20)
    assert not await Assessment.exists()


async def test_manager_reviews_beside_the_self_assessment_and_sees_the_final_score(user: User) -> None:
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.2, reflection='Slow start')
    await sign_in(user, 'mia@acme.test')

    await user.open('/reviews')
    await user.should_see('Slow start', retries=20)
    await user.should_see('Self score 0.2')
    find_testid(user, 'review-score', kr_id=team.kr.id)[0].set_value(0.9)
    by_testid(user, 'review-comment', kr_id=team.kr.id).type('Strong finish')
    by_testid(user, 'review-save', kr_id=team.kr.id).click()

    await user.should_see('Review saved', retries=30)
    await user.should_see('Final score 0.7', retries=30)
    assert (await KeyResult.get(id=team.kr.id)).score == 0.7


async def test_colleague_without_reports_sees_nothing_to_review_or_export(user: User) -> None:
    await review_team()
    await sign_in(user, 'cara@acme.test')

    await user.open('/reviews')

    await user.should_see('Nothing to self-assess right now', retries=20)
    assert not find_testid(user, 'review-card')
    assert not find_testid(user, 'performance-panel')


async def test_manager_downloads_a_reports_performance_summary(user: User) -> None:
    team = await review_team()
    await sign_in(user, 'mia@acme.test')
    await user.open('/reviews')
    await user.should_see('Performance summary', retries=20)

    by_testid(user, 'performance-person').elements.pop().set_value(team.ben.id)
    by_testid(user, 'performance-csv').click()

    downloaded = await user.download.next(timeout=5)
    text = downloaded.content.decode('utf-8-sig')
    assert 'Sign 100 customers' in text and 'Ship the partner portal' in text


async def test_admin_sets_the_split_and_a_bad_weight_is_refused(user: User) -> None:
    await review_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/reviews')
    await user.should_see('Review settings', retries=20)

    by_testid(user, 'settings-okr-weight').elements.pop().set_value(50)
    by_testid(user, 'settings-save').click()
    await user.should_see('Choose a weight from 10 to 30 percent, or none.', retries=20)
    assert not await ReviewSettings.exists()

    by_testid(user, 'settings-self-share').elements.pop().set_value(50)
    by_testid(user, 'settings-okr-weight').elements.pop().set_value(20)
    by_testid(user, 'settings-save').click()
    await user.should_see('50 % self-assessment, 50 % manager review', retries=30)
    saved = await ReviewSettings.get()
    assert (saved.self_share, saved.okr_weight) == (0.5, 20)


async def test_reviews_page_fits_a_phone(user: User) -> None:
    team = await review_team()
    await sign_in(user, 'mia@acme.test')

    await user.open('/reviews')
    await user.should_see('Sign 100 customers', retries=20)

    page = find_testid(user, 'score-note')[0].parent_slot.parent
    assert set(theme.PAGE.split()) <= set(page.classes)
    for card in [*find_testid(user, 'review-card'), *find_testid(user, 'performance-panel')]:
        assert 'w-full' in card.classes
    for button in find_testid(user, 'review-save', kr_id=team.kr.id):
        assert theme.TOUCH in button.classes


async def test_admin_closes_a_cycle_from_its_checklist_and_it_locks(user: User) -> None:
    team = await review_team()
    await reviews.submit_self_assessment(team.ben, key_result_id=team.kr.id, score=0.6, reflection='Good run')
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')
    await user.should_see('2026 Q4', retries=20)

    by_testid(user, 'cycle-state', cycle_id=team.cycle.id).click()
    await user.should_see('Self-assessed: 1 of 2 key results', retries=20)
    await user.should_see('Reviewed by managers: 0 of 2 key results')
    await user.should_see('Mia: 0 to self-assess, 2 to review')
    by_testid(user, 'close-cycle').click()

    await user.should_see('Locked: no more check-ins', retries=30)
    cycle = await Cycle.get(id=team.cycle.id)
    assert (cycle.state, cycle.locked) == ('closed', True)


async def test_admin_closes_a_cycle_and_allows_late_updates(user: User) -> None:
    team = await review_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/cycles')
    await user.should_see('2026 Q4', retries=20)

    by_testid(user, 'cycle-state', cycle_id=team.cycle.id).click()
    await user.should_see('Close and allow late updates', retries=20)
    by_testid(user, 'close-cycle-late').click()

    await user.should_see('Reopen for review', retries=30)
    cycle = await Cycle.get(id=team.cycle.id)
    assert (cycle.state, cycle.locked) == ('closed', False)


async def test_signed_out_visit_to_reviews_redirects_to_login(user: User) -> None:
    await review_team()

    response = await user.http_client.get('/reviews', follow_redirects=False)

    assert response.status_code == 303
    assert response.headers['location'].startswith('/login?redirect_to=')


async def test_owner_sees_the_manager_review_arrive_without_reloading(user: User) -> None:
    team = await review_team()
    await sign_in(user, 'ben@acme.test')
    await user.open('/reviews')
    await user.should_see('Sign 100 customers', retries=20)

    await reviews.submit_manager_review(team.mia, key_result_id=team.kr.id, score=0.9, comment='Strong finish')

    await user.should_see('Your manager: 0.9 – Strong finish', retries=30)
