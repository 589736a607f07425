from datetime import UTC, datetime

import pytest

from models.notify import Notification
from models.org import User
from models.reports import Report, ReportComment, ReportTemplate
from services import clock, reports, reports_templates
from services.errors import Conflict, Forbidden, Invalid, NotFound
from services.reports_periods import parse_period
from services.reports_reminders import report_due
from services.reports_team import add_comment, history, team_reports
from tests import factories
from tests.factories_reports import report_team

pytestmark = pytest.mark.usefixtures('database')


def answer(view: reports.ReportView, key: str) -> str:
    return dict((section.key, text) for section, text in view.sections)[key]


async def test_progress_is_prefilled_from_the_check_ins_of_the_period_only() -> None:
    team = await report_team()

    view = await reports.my_report(team.ben, kind='weekly')

    assert view.period == '2026-W49'
    assert answer(view, 'progress') == '- Sign 100 customers: 20 deals → 35 deals (Two big deals)'
    assert [section.title for section, _ in view.sections][0] == 'Progress this period'


async def test_monthly_report_covers_the_calendar_month() -> None:
    team = await report_team()

    view = await reports.my_report(team.ben, kind='monthly', period='2026-11')

    assert (view.period_start.isoformat(), view.period_end.isoformat()) == ('2026-11-01', '2026-11-30')
    assert answer(view, 'progress') == ('- Sign 100 customers: 0 deals → 20 deals (Last week)\n'
                                        '- Sign 100 customers: 20 deals → 35 deals (Two big deals)')


async def test_opening_the_report_twice_gives_the_same_report() -> None:
    team = await report_team()

    first = await reports.my_report(team.ben, kind='weekly')
    second = await reports.my_report(team.ben, kind='weekly', period='2026-w49')

    assert first.id == second.id and await Report.all().count() == 1


@pytest.mark.parametrize(('kind', 'period', 'message'), [
    ('weekly', '2026-W54', '"2026-W54" is not a week; use the form 2026-W49.'),
    ('weekly', 'next week', '"next week" is not a week; use the form 2026-W49.'),
    ('monthly', '2026-13', '"2026-13" is not a month; use the form 2026-12.'),
    ('daily', '2026-12', 'Choose a weekly or a monthly report.'),
])
async def test_a_period_that_names_no_week_or_month_is_refused(kind: str, period: str, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        parse_period(kind, period)
    assert str(refused.value) == message


async def test_a_future_period_cannot_be_written_yet() -> None:
    team = await report_team()

    with pytest.raises(Invalid, match='has not started yet'):
        await reports.my_report(team.ben, kind='weekly', period='2026-W50')
    assert not await Report.exists()


async def test_draft_is_saved_then_submitted_once() -> None:
    team = await report_team()
    view = await reports.my_report(team.ben, kind='weekly')

    saved = await reports.save_report(team.ben, report_id=view.id, answers={'achievements': 'Won Acme'},
                                      expected_version=view.version)
    submitted = await reports.save_report(team.ben, report_id=view.id, answers={'achievements': 'Won Acme'},
                                          expected_version=saved.version, submit=True)

    assert (saved.status, submitted.status) == ('draft', 'submitted')
    assert answer(submitted, 'achievements') == 'Won Acme' and submitted.submitted_at.date().isoformat() == '2026-12-02'
    with pytest.raises(Conflict, match='submitted already'):
        await reports.save_report(team.ben, report_id=view.id, answers={}, expected_version=submitted.version,
                                  submit=True)


async def test_saving_an_old_version_reports_a_conflict_and_keeps_the_newer_text() -> None:
    team = await report_team()
    view = await reports.my_report(team.ben, kind='weekly')
    await reports.save_report(team.ben, report_id=view.id, answers={'problems': 'From tab one'},
                              expected_version=view.version)

    with pytest.raises(Conflict, match='changed in another window'):
        await reports.save_report(team.ben, report_id=view.id, answers={'problems': 'From tab two'},
                                  expected_version=view.version)
    assert (await Report.get(id=view.id)).answers['problems'] == 'From tab one'


async def test_too_long_answer_is_refused_at_its_section_and_nothing_is_written() -> None:
    team = await report_team()
    view = await reports.my_report(team.ben, kind='weekly')

    with pytest.raises(Invalid) as refused:
        await reports.save_report(team.ben, report_id=view.id, answers={'plan': 'x' * 5001},
                                  expected_version=view.version)
    assert (refused.value.field, str(refused.value)) == ('plan', 'Use at most 5000 characters.')
    assert (await Report.get(id=view.id)).version == view.version


async def test_empty_report_cannot_be_submitted() -> None:
    team = await report_team(checkins_made=False)
    view = await reports.my_report(team.ben, kind='weekly')

    with pytest.raises(Invalid, match='Write at least one section'):
        await reports.save_report(team.ben, report_id=view.id, answers={}, expected_version=view.version,
                                  submit=True)
    assert (await Report.get(id=view.id)).status == 'draft'


async def submitted_report(team) -> reports.ReportView:
    view = await reports.my_report(team.ben, kind='weekly')
    return await reports.save_report(team.ben, report_id=view.id, answers={'help': 'A designer'},
                                     expected_version=view.version, submit=True)


async def test_manager_and_admin_read_a_report_but_a_colleague_cannot() -> None:
    team = await report_team()
    view = await submitted_report(team)

    assert (await reports.read_report(team.mia, report_id=view.id)).id == view.id
    assert (await reports.read_report(team.admin, report_id=view.id)).id == view.id
    with pytest.raises(NotFound):
        await reports.read_report(team.cara, report_id=view.id)
    with pytest.raises(NotFound):
        await history(team.cara, person_id=team.ben.id)


async def test_the_managers_manager_reads_a_report_too() -> None:
    team = await report_team()
    boss = await factories.person('Bo')
    await User.filter(id=team.mia.id).update(manager_id=boss.id)
    view = await submitted_report(team)

    assert (await reports.read_report(boss, report_id=view.id)).person_name == 'Ben'


async def test_a_draft_stays_with_its_author() -> None:
    team = await report_team()
    view = await reports.my_report(team.ben, kind='weekly')

    with pytest.raises(NotFound):
        await reports.read_report(team.mia, report_id=view.id)
    assert (await history(team.mia, person_id=team.ben.id))[1] == ()
    assert len((await history(team.ben, person_id=team.ben.id))[1]) == 1


async def test_manager_sees_the_team_side_by_side_with_the_missing_ones() -> None:
    team = await report_team()
    await submitted_report(team)

    seen = await team_reports(team.mia, kind='weekly')

    assert [(entry.person_name, entry.report is not None) for entry in seen.entries] == [('Ben', True),
                                                                                          ('Cara', False)]
    assert [entry.person_name for entry in seen.missing] == ['Cara']


async def test_manager_comment_notifies_the_author_and_locks_the_report() -> None:
    team = await report_team()
    view = await submitted_report(team)

    await add_comment(team.mia, report_id=view.id, text='Ask Lee from design')

    note = await Notification.get(recipient_id=team.ben.id, rule='report-comment')
    assert note.title == 'Mia commented on the report 2026-W49' and note.body == 'Ask Lee from design'
    assert (await reports.read_report(team.ben, report_id=view.id)).locked
    with pytest.raises(Forbidden):
        await reports.save_report(team.ben, report_id=view.id, answers={'help': 'Nothing'},
                                  expected_version=view.version)


async def test_empty_or_too_long_comment_is_refused_and_nothing_is_written() -> None:
    team = await report_team()
    view = await submitted_report(team)

    with pytest.raises(Invalid, match='Write a comment first.'):
        await add_comment(team.mia, report_id=view.id, text='   ')
    with pytest.raises(Invalid, match='Use at most 2000 characters.'):
        await add_comment(team.mia, report_id=view.id, text='x' * 2001)
    assert not await ReportComment.exists() and not await Notification.exists(rule='report-comment')


async def test_colleague_cannot_comment() -> None:
    team = await report_team()
    view = await submitted_report(team)

    with pytest.raises(NotFound):
        await add_comment(team.cara, report_id=view.id, text='Nice')
    assert not await ReportComment.exists()


async def test_history_lists_a_persons_reports_newest_first() -> None:
    team = await report_team()
    await reports.my_report(team.ben, kind='weekly', period='2026-W47')
    await reports.my_report(team.ben, kind='weekly')

    name, rows = await history(team.ben, person_id=team.ben.id)

    assert name == 'Ben' and [row.period for row in rows] == ['2026-W49', '2026-W47']


async def test_report_due_reminds_once_per_person_per_week_from_friday_afternoon() -> None:
    team = await report_team()
    await submitted_report(team)

    assert await report_due() == 0
    clock.set_now(datetime(2026, 12, 4, 8, 5, tzinfo=UTC))  # Friday 16:05 in Shanghai
    first = await report_due()
    again = await report_due()

    reminded = set(await Notification.filter(rule='report-due').values_list('recipient_id', flat=True))
    assert reminded == {team.admin.id, team.mia.id, team.cara.id}
    assert (first, again) == (3, 0)


def test_report_due_is_a_scheduled_job() -> None:
    from services import jobs
    assert jobs.find('report-due').run is report_due


@pytest.mark.parametrize(('sections', 'message'), [
    ([], 'A report needs at least one section.'),
    ([{'title': 'Wins'}, {'title': '  '}], 'Section 2 needs a title.'),
    ([{'title': 'x' * 101}], 'The title of section 1 is longer than 100 characters.'),
    ([{'title': f'Part {n}'} for n in range(11)], 'A report has at most 10 sections.'),
])
async def test_bad_template_is_refused_and_nothing_is_written(sections: list[dict], message: str) -> None:
    team = await report_team()

    with pytest.raises(Invalid) as refused:
        await reports_templates.save_sections(team.admin, kind='weekly', sections=sections)
    assert str(refused.value) == message
    assert not await ReportTemplate.exists()


async def test_admin_renames_reorders_and_adds_sections_keeping_their_keys() -> None:
    team = await report_team()

    saved = await reports_templates.save_sections(team.admin, kind='weekly', sections=[
        {'key': 'plan', 'title': 'Next week'}, {'key': 'progress', 'title': 'Progress this period'},
        {'title': 'Risks'}])

    assert [(s.key, s.title, s.default) for s in saved] == [('plan', 'Next week', False),
                                                             ('progress', 'Progress this period', True),
                                                             ('section_1', 'Risks', False)]
    assert await reports_templates.sections_of('weekly') == saved
    assert len(await reports_templates.sections_of('monthly')) == 5


async def test_only_admins_edit_templates() -> None:
    team = await report_team()

    with pytest.raises(Forbidden):
        await reports_templates.save_sections(team.mia, kind='weekly', sections=[{'title': 'Wins'}])
    assert not await ReportTemplate.exists()
