"""The retrospective of a cycle for the company or a team: numbers, what went well or not, the team's sections."""
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from config import settings
from pages import theme
from pages.components import live
from pages.components.dialogs import DialogSlot
from pages.components.format import when
from pages.components.lesson_button import LessonDraft, lesson_button
from pages.components.retro_parts import items_section, numbers_section
from pages.i18n import N_, _, error_text
from pages.layout import field_error, frame
from pages.session import acting, login_redirect, open_session
from services import cycles, events, retrospective, teams
from services.dashboards.dashboard import parse_id
from services.errors import Conflict, ServiceError
from services.retrospective_types import RetroItem, Retrospective

if TYPE_CHECKING:
    from models.org import User as Person

router = APIRouter()

CONFLICT = N_('Someone else saved this retrospective meanwhile: their text is above, yours under each section.')
SECTION_LABELS = {'gains': N_('Gains'), 'problems': N_('Problems'), 'plan': N_('Plan for the next cycle')}


def retrospective_path(cycle_id: int | None, team_id: int | None = None) -> str:
    query = [f'cycle={cycle_id}'] if cycle_id else []
    query += [f'team={team_id}'] if team_id else []
    return '/retrospective' + (f'?{"&".join(query)}' if query else '')


def retrospective_button(cycle_id: Callable[[], int | None], team_id: int | None = None) -> ui.button:
    """The way from a cycle or a team to its retrospective."""
    return ui.button(_('Retrospective'), icon='history_edu',
                     on_click=lambda: ui.navigate.to(retrospective_path(cycle_id(), team_id))) \
        .props(f'flat no-caps data-testid=retrospective-link data-team-id={team_id or ""}').classes(theme.TOUCH)


def item_lesson(dialogs: DialogSlot, report: Retrospective) -> Callable[[RetroItem], None]:
    def button(item: RetroItem) -> None:
        body = '\n'.join(item.notes)
        draft = LessonDraft(item.title, body, source_kind='key_result', source_id=item.key_result_id)
        lesson_button(dialogs, draft, testid='lesson-from-item', kr_id=item.key_result_id)
    return button


@router.page('/retrospective')
async def retrospective_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    client = context.client
    dialogs = DialogSlot()
    state: dict[str, Any] = {'version': 0, 'can_edit': False, 'drafts': {}}
    try:
        cycle_id = parse_id(request.query_params.get('cycle'), 'cycle')
        team_id = parse_id(request.query_params.get('team'), 'team')
    except ServiceError:
        cycle_id = team_id = None
    if cycle_id is None:
        current = await cycles.current_cycle(person)
        cycle_id = current.id if current else None

    async def save(texts: dict[str, ui.textarea], line: ui.label) -> bool:
        actor = await acting()
        if actor is None or cycle_id is None:
            return False
        for element in texts.values():
            field_error(element, None)
        line.set_text('')
        try:
            record = await retrospective.save_sections(actor, cycle_id, team_id, version=state['version'],
                                                       **{name: element.value or '' for name, element in texts.items()})
        except Conflict:  # show their text, and keep the user's under it so nothing typed is lost
            state['drafts'] = {name: element.value or '' for name, element in texts.items()}
            await report_section.refresh()
            return False
        except ServiceError as error:
            if error.field in texts:
                field_error(texts[error.field], error_text(error))
            else:
                line.set_text(error_text(error))
            return False
        kept_drafts, state['version'], state['drafts'] = state['drafts'], record.version, {}
        ui.notify(_('Retrospective saved'), type='positive')
        if kept_drafts:  # the conflict is settled: the kept drafts go
            await report_section.refresh()
        return True

    async def publish(published: bool, texts: dict[str, ui.textarea], line: ui.label) -> None:
        if not await save(texts, line):  # what is typed goes out with it, or nothing does
            return
        actor = await acting()
        if actor is None or cycle_id is None:
            return
        try:
            await retrospective.publish(actor, cycle_id, team_id, published=published)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        ui.notify(_('Published to the company') if published else _('Back to draft'), type='positive')
        await report_section.refresh()

    def sections(report: Retrospective, can_edit: bool, record_id: int | None) -> None:
        texts: dict[str, ui.textarea] = {}
        drafts: dict[str, str] = state['drafts'] if can_edit else {}
        for name, label in SECTION_LABELS.items():
            value = getattr(report, name)
            with ui.row().classes('w-full items-center gap-2 pt-2'):
                ui.label(_(label)).classes(theme.TITLE)
                ui.space()
                if record_id and value:
                    lesson_button(dialogs, LessonDraft(lesson_title(report, label), value, source_kind='retrospective',
                                                       source_id=record_id), testid='lesson-from-section', section=name)
            if can_edit:
                texts[name] = ui.textarea(_(label), value=value).props(
                    f'outlined autogrow maxlength={retrospective.MAX_SECTION} data-testid=retro-{name}') \
                    .classes('w-full')
                if drafts.get(name, '').strip() not in ('', value.strip()):
                    unsaved_draft(texts[name], name, drafts[name])
            else:
                ui.label(value or '—').classes('break-words whitespace-pre-wrap w-full') \
                    .props(f'data-testid=retro-{name}')
        if can_edit:
            line = ui.label(_(CONFLICT) if drafts else '').classes('text-negative text-sm break-words w-full') \
                .props('data-testid=retro-error')
            with ui.row().classes('w-full gap-2'):
                ui.button(_('Save'), icon='save', on_click=lambda: save(texts, line)) \
                    .props('unelevated data-testid=retro-save').classes(theme.TOUCH)
                if report.published:
                    ui.button(_('Back to draft'), on_click=lambda: publish(False, texts, line)) \
                        .props('flat data-testid=retro-unpublish').classes(theme.TOUCH)
                else:
                    ui.button(_('Publish'), icon='campaign', on_click=lambda: publish(True, texts, line)) \
                        .props('outline data-testid=retro-publish').classes(theme.TOUCH)

    @ui.refreshable
    async def report_section() -> None:
        actor = await acting()
        if actor is None:
            return
        if cycle_id is None:
            ui.label(_('There is no cycle yet.')).classes(theme.MUTED)
            return
        try:
            report = await retrospective.retrospective(actor, cycle_id, team_id)
            shown = await retrospective.retrospective_state(actor, cycle_id, team_id)
        except ServiceError as error:
            ui.label(error_text(error)).classes(f'{theme.MUTED} break-words').props('data-testid=retro-missing')
            return
        state['version'], state['can_edit'] = shown.version, shown.can_edit
        ui.label(f'{report.team_name} · {report.cycle_name}').classes(f'{theme.TITLE} break-words w-full') \
            .props('data-testid=retro-title')
        if report.published and shown.published_at:
            status = _('Published on {date}', date=when(shown.published_at, settings().tz)[:10])
        else:
            status = _('Draft: only the people who may edit it see it')
        ui.label(status).classes(f'{theme.MUTED} break-words').props('data-testid=retro-status')
        ui.label(_('Only company-visible objectives are counted, the same for every reader.')) \
            .classes(f'{theme.MUTED} text-sm break-words w-full').props('data-testid=retro-scope')
        numbers_section(report.numbers)
        items_section(_('What went well'), report.went_well, 'retro-went-well', item_lesson(dialogs, report))
        items_section(_('What did not'), report.did_not, 'retro-did-not', item_lesson(dialogs, report))
        sections(report, shown.can_edit, shown.record_id)

    @ui.refreshable
    async def published_section() -> None:
        actor = await acting()
        if actor is None or cycle_id is None:
            return
        found = await retrospective.published_retrospectives(actor, cycle_id)
        ui.label(_('Published retrospectives')).classes(f'{theme.TITLE} pt-4')
        if not found:
            ui.label(_('None published yet.')).classes(theme.MUTED)
        for item in found:
            ui.link(item.team_name or _('Company'), retrospective_path(cycle_id, item.team_id)) \
                .classes(f'{theme.TOUCH} flex items-center break-words').props('data-testid=retro-published')

    async def on_change(change: events.Change) -> None:
        if change.kind != 'retrospective' or change.cycle_id != cycle_id:
            return
        await live.refresh(published_section, client)
        if not state['can_edit']:  # an editor's unsaved text stays; a save of theirs reports the conflict
            await live.refresh(report_section, client)

    with frame(_('Retrospective'), person):
        await pickers(person, cycle_id, team_id)
        await report_section()
        await published_section()
    events.okr_changed.subscribe(on_change)
    return None


def lesson_title(report: Retrospective, label: str) -> str:
    """A lesson from a section names where it comes from: "Gains: Sales, 2026 Q4"."""
    return _('{section}: {team}, {cycle}', section=_(label), team=report.team_name if report.team_id else _('Company'),
             cycle=report.cycle_name)


def unsaved_draft(box: ui.textarea, name: str, draft: str) -> None:
    """The user's own text after a conflict, kept in view with a way to take it back into the box."""
    with ui.card().classes(f'{theme.CARD} gap-1').props(f'flat bordered data-testid=retro-draft-{name}'):
        ui.label(_('Your unsaved text')).classes(f'{theme.MUTED} text-sm')
        ui.label(draft).classes('break-words whitespace-pre-wrap w-full')
        ui.button(_('Use my text'), icon='undo', on_click=lambda: box.set_value(draft)) \
            .props(f'flat dense no-caps data-testid=retro-use-draft-{name}').classes(theme.TOUCH)


async def pickers(person: 'Person', cycle_id: int | None, team_id: int | None) -> None:
    """Which cycle and whose retrospective: the company's or a team's."""
    cycle_options = {cycle.id: cycle.name for cycle in await cycles.list_cycles()}
    team_options: dict[int, str] = {0: _('Company')}
    team_options |= {team.id: '\u00a0' * 2 * team.depth + team.name
                     for team in await teams.team_choices(person) if not team.archived and team.depth > 0}
    with ui.row().classes('w-full gap-2'):
        ui.select(cycle_options, value=cycle_id, label=_('Cycle'),
                  on_change=lambda event: ui.navigate.to(retrospective_path(event.value, team_id))) \
            .props('outlined dense data-testid=retro-cycle').classes('flex-1 min-w-[10rem]')
        ui.select(team_options, value=team_id or 0, label=_('Team'),
                  on_change=lambda event: ui.navigate.to(retrospective_path(cycle_id, event.value or None))) \
            .props('outlined dense data-testid=retro-team').classes('flex-1 min-w-[10rem]')
