import asyncio

from nicegui import ui
from nicegui.testing import User

from models.notify import Notification
from models.reports import Report, ReportComment, ReportTemplate
from services import checkins, reports
from tests.factories_reports import report_team
from tests.helpers import by_testid, find_testid, sign_in

MARKUP = ('<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '<a href="javascript:alert(3)">click</a>')


async def wait_for(condition, tries: int = 60) -> None:
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0.05)
    assert condition()


async def submitted(person, **answers: str) -> reports.ReportView:
    view = await reports.my_report(person, kind='weekly')
    return await reports.save_report(person, report_id=view.id, answers=answers, expected_version=view.version,
                                     submit=True)


async def test_employee_saves_a_draft_then_submits_the_weekly_report(user: User) -> None:
    team = await report_team()
    await sign_in(user, 'ben@acme.test')

    await user.open('/my-reports')
    await user.should_see('Sign 100 customers: 20 deals → 35 deals (Two big deals)', retries=30)
    by_testid(user, 'report-answer', key='achievements').type('Won Acme')
    by_testid(user, 'report-save').click()
    await user.should_see('Report saved', retries=30)
    by_testid(user, 'report-submit').click()

    await user.should_see('Report submitted', retries=30)
    report = await Report.get(person_id=team.ben.id, period='2026-W49')
    assert (report.status, report.answers['achievements']) == ('submitted', 'Won Acme')
    await wait_for(lambda: 'Submitted' in find_testid(user, 'report-history-row', report=report.id)[0].text)


async def test_progress_is_filled_in_again_with_a_check_in_made_after_opening(user: User) -> None:
    team = await report_team()
    await sign_in(user, 'ben@acme.test')
    await user.open('/my-reports')
    await user.should_see('Two big deals', retries=30)
    await checkins.record_checkin(team.ben, key_result_id=team.kr.id, value=50, confidence=8, note='Acme signed')

    by_testid(user, 'report-refill').click()

    field = find_testid(user, 'report-answer', key='progress')[0]
    await wait_for(lambda: 'Acme signed' in (field.value or ''))
    assert field.value.splitlines()[-1] == '- Sign 100 customers: 35 deals → 50 deals (Acme signed)'


async def test_period_in_the_address_that_is_no_week_shows_a_message_and_writes_nothing(user: User) -> None:
    await report_team()
    await sign_in(user, 'ben@acme.test')

    await user.open('/my-reports/weekly/2026-W99')

    await user.should_see('"2026-W99" is not a week; use the form 2026-W49.', retries=30)
    assert not await Report.exists()


async def test_too_long_answer_is_shown_at_its_field_and_nothing_is_written(user: User) -> None:
    team = await report_team()
    await sign_in(user, 'ben@acme.test')
    await user.open('/my-reports')
    await user.should_see('Plan for next period', retries=30)

    by_testid(user, 'report-answer', key='plan').type('x' * 5001)
    by_testid(user, 'report-submit').click()

    field = find_testid(user, 'report-answer', key='plan')[0]
    await wait_for(lambda: bool(field.props.get('error-message')))
    assert field.props['error-message'] == 'Use at most 5000 characters.'
    report = await Report.get(person_id=team.ben.id)
    assert (report.status, report.version) == ('draft', 1)


async def test_save_after_another_tab_saved_reports_a_conflict(user: User) -> None:
    team = await report_team()
    await sign_in(user, 'ben@acme.test')
    await user.open('/my-reports')
    await user.should_see('Plan for next period', retries=30)
    view = await reports.my_report(team.ben, kind='weekly')
    await reports.save_report(team.ben, report_id=view.id, answers={'plan': 'From the other tab'},
                              expected_version=view.version)

    by_testid(user, 'report-answer', key='plan').type('From this tab')
    by_testid(user, 'report-save').click()

    await user.should_see('This report was changed in another window meanwhile.', retries=30)
    assert (await Report.get(id=view.id)).answers['plan'] == 'From the other tab'


async def test_manager_reads_the_team_side_by_side_and_comments_which_notifies_the_author(user: User) -> None:
    team = await report_team()
    view = await submitted(team.ben, help='A designer')
    await sign_in(user, 'mia@acme.test')

    await user.open('/team-reports')
    await user.should_see('A designer', retries=30)
    await user.should_see('Not submitted yet: Cara')
    by_testid(user, 'report-comment-input', report=view.id).type('Ask Lee')
    by_testid(user, 'report-comment-send', report=view.id).click()

    await user.should_see('Comment added', retries=30)
    assert await ReportComment.exists(report_id=view.id, text='Ask Lee')
    assert await Notification.exists(recipient_id=team.ben.id, rule='report-comment')


async def test_open_team_page_shows_a_report_as_soon_as_it_is_submitted(user: User) -> None:
    team = await report_team()
    await sign_in(user, 'mia@acme.test')
    await user.open('/team-reports')
    await user.should_see('Not submitted yet: Ben, Cara', retries=30)

    await submitted(team.ben, help='A designer')

    await user.should_see('A designer', retries=30)
    await user.should_see('Not submitted yet: Cara')


async def test_team_page_with_a_bad_period_shows_a_message(user: User) -> None:
    await report_team()
    await sign_in(user, 'mia@acme.test')

    await user.open('/team-reports?kind=monthly&period=2026-00')

    await user.should_see('"2026-00" is not a month; use the form 2026-12.', retries=30)


async def test_empty_comment_is_refused_at_the_field_and_nothing_is_written(user: User) -> None:
    team = await report_team()
    view = await submitted(team.ben, help='A designer')
    await sign_in(user, 'mia@acme.test')
    await user.open(f'/report/{view.id}')
    await user.should_see('A designer', retries=30)

    by_testid(user, 'report-comment-send', report=view.id).click()

    await user.should_see('Write a comment first.', retries=30)
    assert not await ReportComment.exists()


async def test_colleague_cannot_open_a_report(user: User) -> None:
    team = await report_team()
    view = await submitted(team.ben, help='A designer')
    await sign_in(user, 'cara@acme.test')

    await user.open(f'/report/{view.id}')

    await user.should_see('This report does not exist.', retries=30)
    await user.should_not_see('A designer')


async def test_script_image_and_javascript_link_in_a_report_show_as_plain_text(user: User) -> None:
    team = await report_team()
    view = await submitted(team.ben, achievements=MARKUP[0], problems=MARKUP[1], plan=MARKUP[2])
    await sign_in(user, 'mia@acme.test')

    await user.open(f'/report/{view.id}')
    await user.should_see(MARKUP[0], retries=30)

    shown = {key: find_testid(user, 'report-text', key=key)[0] for key in ('achievements', 'problems', 'plan')}
    assert [type(element) for element in shown.values()] == [ui.label] * 3
    assert [element.text for element in shown.values()] == list(MARKUP)
    elements = list(user.client.layout.descendants())
    assert not [element for element in elements if isinstance(element, (ui.html, ui.markdown))]
    assert not [element for element in elements if 'javascript' in str(element.props.get('href', ''))]


async def test_history_lists_my_reports_with_the_newest_first(user: User) -> None:
    team = await report_team()
    await reports.my_report(team.ben, kind='weekly', period='2026-W47')
    await sign_in(user, 'ben@acme.test')

    await user.open('/my-reports')
    await user.should_see('My history', retries=30)

    rows = [element.text for element in find_testid(user, 'report-history-row')]
    assert rows == ['Weekly 2026-W49 · Draft', 'Weekly 2026-W47 · Draft']


async def test_admin_renames_a_section_of_the_weekly_template(user: User) -> None:
    await report_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/report-templates')
    await user.should_see('Sections of the weekly report', retries=30)

    by_testid(user, 'template-title', kind='weekly', index=1).clear().type('Wins')
    by_testid(user, 'template-save', kind='weekly').click()

    await user.should_see('Sections saved', retries=30)
    template = await ReportTemplate.get(kind='weekly')
    assert [row['title'] for row in template.sections][:2] == ['Progress this period', 'Wins']


async def test_empty_section_title_is_refused_and_nothing_is_written(user: User) -> None:
    await report_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/report-templates')
    await user.should_see('Sections of the weekly report', retries=30)

    by_testid(user, 'template-title', kind='weekly', index=2).clear()
    by_testid(user, 'template-save', kind='weekly').click()

    await user.should_see('Section 3 needs a title.', retries=30)
    assert not await ReportTemplate.exists()


async def test_removing_every_section_is_refused_and_nothing_is_written(user: User) -> None:
    await report_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/report-templates')
    await user.should_see('Sections of the weekly report', retries=30)

    for _ in range(5):
        by_testid(user, 'template-delete', kind='weekly', index=0).click()
    by_testid(user, 'template-save', kind='weekly').click()

    await user.should_see('A report needs at least one section.', retries=30)
    assert not await ReportTemplate.exists()


async def test_an_eleventh_section_is_refused_and_nothing_is_written(user: User) -> None:
    await report_team()
    await sign_in(user, 'admin@acme.test')
    await user.open('/admin/report-templates')
    await user.should_see('Sections of the weekly report', retries=30)

    for index in range(5, 11):
        by_testid(user, 'template-add', kind='weekly').click()
        await wait_for(lambda index=index: bool(find_testid(user, 'template-title', kind='weekly', index=index)))
        by_testid(user, 'template-title', kind='weekly', index=index).type(f'Part {index}')
    by_testid(user, 'template-save', kind='weekly').click()

    await user.should_see('A report has at most 10 sections.', retries=30)
    assert not await ReportTemplate.exists()


async def test_member_cannot_edit_templates(user: User) -> None:
    await report_team()
    await sign_in(user, 'ben@acme.test')

    await user.open('/admin/report-templates')

    await user.should_see('Only admins may do this.', retries=30)
    assert not find_testid(user, 'template-editor')


async def test_team_reports_stack_on_a_phone_and_sit_side_by_side_on_a_desktop(user: User) -> None:
    team = await report_team()
    await submitted(team.ben, help='A designer')
    await submitted(team.cara, help='Nothing')
    await sign_in(user, 'mia@acme.test')

    await user.open('/team-reports')
    await user.should_see('Nothing', retries=30)

    cards = find_testid(user, 'report-card')
    grid = cards[0].parent_slot.parent
    assert {'grid', 'grid-cols-1', 'md:grid-cols-2'} <= set(grid.classes)
    assert all('min-w-0' in card.classes for card in cards)
    assert all('min-h-[44px]' in button.classes for button in find_testid(user, 'report-comment-send'))
