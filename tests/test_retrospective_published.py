"""A published retrospective is one document: the same numbers for every reader, frozen until published again."""
from models.okr import KeyResult
from models.retrospectives import Retrospective as RetroRecord
from services import events
from services import retrospective as retro
from services.exports.gather import retrospective_for
from tests import factories
from tests.factories_retrospective import quarter


async def rescore(kr: KeyResult, score: float) -> None:
    """A review changing a score, announced on the bus like the reviews service does."""
    await KeyResult.filter(id=kr.id).update(score=score)
    events.okr_changed.emit(events.Change('key_result', kr.id, objective_id=kr.objective_id))


async def test_editors_own_private_objective_is_not_counted_in_their_draft(database) -> None:
    q = await quarter()
    private = await factories.objective(q.cycle, 'Learn Spanish', owner=q.lena, team_=q.sales, visibility='private')
    await factories.key_result(private, 'Finish 3 courses', owner=q.lena, target=3, current=3)

    lena_sees = await retro.retrospective(q.lena, q.cycle.id, q.sales.id)
    mia_sees = await retro.retrospective(q.mia, q.cycle.id, q.sales.id)

    assert lena_sees.numbers == mia_sees.numbers
    assert (lena_sees.numbers.objectives, lena_sees.numbers.key_results) == (2, 3)
    assert 'Finish 3 courses' not in {item.title for item in lena_sees.went_well + lena_sees.did_not}


async def test_owner_of_a_private_objective_reads_the_same_company_numbers_as_everyone(database) -> None:
    q = await quarter()
    await retro.publish(q.admin, q.cycle.id, None)

    seen = [(await retro.retrospective(person, q.cycle.id, None)).numbers for person in (q.sam, q.dora, q.admin)]

    assert seen[0] == seen[1] == seen[2]
    assert (seen[0].objectives, seen[0].key_results) == (3, 4)


async def test_published_numbers_and_items_stay_as_published_when_scores_change(database) -> None:
    q = await quarter()
    await retro.publish(q.lena, q.cycle.id, q.sales.id)
    before = await retro.retrospective(q.dora, q.cycle.id, q.sales.id)

    await rescore(q.calls, 1.0)

    after = await retro.retrospective(q.dora, q.cycle.id, q.sales.id)
    assert after.numbers == before.numbers and after.went_well == before.went_well
    assert after.did_not == before.did_not
    assert after.numbers.share_good == before.numbers.share_good == 1 / 3
    exported = await retrospective_for(q.dora, q.cycle.id, q.sales.id)
    assert exported is not None and exported.numbers == before.numbers


async def test_publishing_again_or_back_to_draft_shows_the_live_numbers(database) -> None:
    q = await quarter()
    await retro.publish(q.lena, q.cycle.id, q.sales.id)
    await rescore(q.calls, 1.0)

    draft = await retro.publish(q.lena, q.cycle.id, q.sales.id, published=False)
    assert draft.generated is None
    assert (await retro.retrospective(q.lena, q.cycle.id, q.sales.id)).numbers.share_good == 2 / 3

    await retro.publish(q.lena, q.cycle.id, q.sales.id)
    await rescore(q.signed, 0.1)
    republished = await retro.retrospective(q.dora, q.cycle.id, q.sales.id)
    assert republished.numbers.share_good == 2 / 3
    assert 'Make 100 calls' in {item.title for item in republished.went_well}


async def test_frozen_part_keeps_health_dates_and_check_in_notes(database) -> None:
    q = await quarter()
    live = await retro.retrospective(q.admin, q.cycle.id, None)

    await retro.publish(q.admin, q.cycle.id, None)

    record = await RetroRecord.get(cycle_id=q.cycle.id, team_id=None)
    assert record.generated is not None
    frozen = await retro.retrospective(q.dora, q.cycle.id, None)
    assert frozen.numbers == live.numbers and frozen.went_well == live.went_well and frozen.did_not == live.did_not
