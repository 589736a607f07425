"""While writing an objective: the previous cycle's unfinished objectives of the same team or owner, one tap to copy."""
from typing import TYPE_CHECKING

from nicegui import ui

from pages import theme
from pages.components import format as fmt
from pages.components.adjustment import fill_later
from pages.i18n import _, error_text
from pages.session import acting
from services import next_cycle
from services.cycles import CycleInfo
from services.errors import ServiceError
from services.next_cycle import CopyCandidate

if TYPE_CHECKING:
    from pages.components.objective_form import ObjectiveForm

Found = tuple[CycleInfo | None, list[CopyCandidate]]


def unfinished_panel(form: 'ObjectiveForm') -> None:
    """A panel under the form that follows its cycle, level, team and owner."""
    container = ui.column().classes('w-full gap-1').props('data-testid=unfinished-panel')
    state = {'ticket': 0}

    async def load() -> Found | None:
        actor = await acting()
        if actor is None or form.cycle.value is None:
            return None
        team_id = form.team.value if form.level.value == 'team' else None
        owner_id = form.owner.value if form.level.value == 'person' else None
        try:
            return await next_cycle.unfinished_before(actor, form.cycle.value, team_id=team_id, owner_id=owner_id)
        except ServiceError:
            return None

    async def copy(source_cycle_id: int, objective_id: int) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            result = await next_cycle.copy_objectives(actor, source_cycle_id=source_cycle_id,
                                                      target_cycle_id=form.cycle.value, objective_ids=[objective_id])
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        if result.copies:
            ui.notify(_('Objective copied'), type='positive')
            ui.navigate.to(f'/objective/{result.copies[0][1]}')

    def build(found: Found, ticket: int) -> None:
        if ticket != state['ticket']:
            return  # a newer choice in the form is loading
        container.clear()
        previous, candidates = found
        if previous is None or not candidates:
            return
        ui.label(_('Unfinished in {cycle}', cycle=previous.name)).classes('font-medium pt-2')
        for candidate in candidates:
            with ui.row().classes('w-full items-center no-wrap gap-2') \
                    .props(f'data-testid=unfinished-objective data-objective-id={candidate.id}'):
                with ui.column().classes('min-w-0 flex-1 gap-0'):
                    ui.label(candidate.title).classes('break-words w-full')
                    ui.label(fmt.percent(candidate.progress)).classes(theme.MUTED)
                ui.button(_('Copy into this cycle'), icon='content_copy',
                          on_click=lambda objective_id=candidate.id: copy(previous.id, objective_id)) \
                    .props(f'flat no-caps data-testid=unfinished-copy data-objective-id={candidate.id}') \
                    .classes(theme.TOUCH)

    def show() -> None:
        state['ticket'] += 1
        ticket = state['ticket']
        fill_later(container, load, lambda found: build(found, ticket))

    show()
    for element in (form.cycle, form.level, form.team, form.owner):
        element.on_value_change(show)
