from datetime import datetime, time, timedelta

import pytest

import config
from models.checkin import CheckIn
from models.cycle import Cycle
from models.okr import KeyResult
from models.org import User
from services import clock, demo, jobs, key_results
from tests.factories_notify import smtp_server


def _next_checkin_moment() -> datetime:
    today = clock.today()
    monday = today + timedelta(days=(0 - today.weekday()) % 7 or 7)
    return datetime.combine(monday, time(9, 5), tzinfo=config.settings().tz)


async def _expected_mails(monday: datetime) -> set[tuple[int, int]]:
    """(owner, cycle) pairs with a key result not done and not checked in during the week before."""
    since = datetime.combine(monday.date() - timedelta(days=6), time.min, tzinfo=config.settings().tz)
    expected = set()
    for cycle in await Cycle.filter(state='active'):
        krs = await KeyResult.filter(objective__cycle_id=cycle.id, deleted_at=None).select_related('objective')
        steps = await key_results.steps_by_key_result([kr.id for kr in krs])
        for kr in krs:
            owner = kr.owner_id or kr.objective.owner_id
            done = key_results.numbers(kr, cycle, steps[kr.id], on=monday.date())[2] == 'done'
            if owner and not done and not await CheckIn.exists(key_result_id=kr.id, at__gte=since):
                expected.add((owner, cycle.id))
    return expected


async def test_demo_checkin_due_job_mails_each_missing_owner_in_their_language(
        database: None, monkeypatch: pytest.MonkeyPatch) -> None:
    await demo.ensure_demo()
    chinese = await User.filter(email__not_isnull=True).order_by('id').offset(3).limit(10)
    await User.filter(id__in=[person.id for person in chinese]).update(locale='zh_CN')
    moment = _next_checkin_moment()
    clock.set_now(moment)
    expected = await _expected_mails(moment)
    emails = dict(await User.all().values_list('email', 'id'))

    with smtp_server() as (port, mails):
        monkeypatch.setenv('OKRBOARD_SMTP_URL', f'smtp://127.0.0.1:{port}?from=okr@demo.test')
        monkeypatch.setenv('OKRBOARD_BASE_URL', 'https://okr.demo.test')
        config.settings.cache_clear()
        try:
            await jobs.find('checkin-due').run()
            await jobs.find('checkin-due').run()
        finally:
            monkeypatch.undo()
            config.settings.cache_clear()

    assert expected and len(mails) == len(expected)
    chinese_ids = {person.id for person in chinese}
    for mail in mails:
        person_id = emails[mail['To']]
        assert (mail['Subject'].startswith('该更新进展了') if person_id in chinese_ids
                else mail['Subject'].startswith('Time to check in'))
        link = next(line for line in mail.get_content().splitlines() if 'https://okr.demo.test/?checkin=' in line)
        kr_id = int(link.rsplit('=', 1)[1])
        kr = await KeyResult.get(id=kr_id).select_related('objective')
        assert person_id in (kr.owner_id, kr.objective.owner_id)
