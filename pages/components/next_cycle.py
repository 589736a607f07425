"""Copy to next cycle: pick the target cycle and the objectives (unfinished ones ticked), see the count, copy."""
from nicegui import ui

from pages import theme
from pages.components import format as fmt
from pages.components.dialogs import DialogSlot, error_line, show_error
from pages.i18n import _
from pages.session import acting
from services import next_cycle
from services.cycles import CycleInfo
from services.errors import ServiceError
from services.next_cycle import CopyCandidate


def _preview_text(candidates: list[CopyCandidate], chosen: set[int]) -> str:
    picked = [candidate for candidate in candidates if candidate.id in chosen]
    return _('{objectives} objectives and {key_results} key results will be copied.', objectives=len(picked),
             key_results=sum(candidate.key_results for candidate in picked))


async def open_copy_dialog(slot: DialogSlot, source: CycleInfo) -> None:
    """The dialog that copies objectives of `source` into another open cycle."""
    targets = await next_cycle.open_targets(source.id)
    state: dict = {'candidates': [], 'chosen': set()}

    async def load() -> None:
        actor = await acting()
        if actor is None:
            return
        state['candidates'] = await next_cycle.copy_candidates(actor, source.id, target.value)
        state['chosen'] = {c.id for c in state['candidates'] if c.unfinished and not c.copied}
        checklist.refresh()

    def toggle(objective_id: int, ticked: bool) -> None:
        (state['chosen'].add if ticked else state['chosen'].discard)(objective_id)
        preview.set_text(_preview_text(state['candidates'], state['chosen']))

    @ui.refreshable
    def checklist() -> None:
        if not state['candidates']:
            ui.label(_('You have no objectives in this cycle that you may copy.')).classes(theme.MUTED)
        for candidate in state['candidates']:
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                ui.checkbox(value=candidate.id in state['chosen'],
                            on_change=lambda e, objective_id=candidate.id: toggle(objective_id, e.value)) \
                    .props(f'data-testid=copy-objective data-objective-id={candidate.id}'
                           + (' disable' if candidate.copied else '')).classes(theme.TOUCH)
                with ui.column().classes('min-w-0 flex-1 gap-0'):
                    ui.label(candidate.title).classes('break-words w-full')
                    details = [candidate.where, fmt.percent(candidate.progress)]
                    if candidate.copied:
                        details.append(_('already copied'))
                    ui.label(' · '.join(filter(None, details))).classes(theme.MUTED)
        preview.set_text(_preview_text(state['candidates'], state['chosen']))

    async def copy() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            result = await next_cycle.copy_objectives(actor, source_cycle_id=source.id, target_cycle_id=target.value,
                                                      objective_ids=sorted(state['chosen']))
        except ServiceError as error:
            show_error(error, {'target': target}, problem)
            return
        outcome.set_text(_('{objectives} objectives and {key_results} key results copied.',
                           objectives=result.objectives, key_results=result.key_results))
        await load()

    with slot.open(_('Copy to next cycle')):
        ui.label(_('Objectives keep every field but check-ins and scores; each key result starts from its '
                   'current value.')).classes(theme.MUTED)
        if not targets:
            ui.label(_('There is no open cycle to copy into.')).props('data-testid=copy-no-target')
            ui.button(_('Close'), on_click=slot.close).props('flat').classes(theme.TOUCH)
            return
        target = ui.select({cycle.id: cycle.name for cycle in targets}, value=targets[0].id, label=_('Copy into'),
                           on_change=load).props('outlined data-testid=copy-target').classes('w-full')
        preview = ui.label().classes('font-medium').props('data-testid=copy-preview')
        with ui.column().classes('w-full gap-1 max-h-[50vh] overflow-y-auto'):
            checklist()
        problem = error_line()
        outcome = ui.label().classes('text-positive font-medium break-words w-full').props('data-testid=copy-result')
        with ui.row().classes('w-full justify-end gap-2 pt-2'):
            ui.button(_('Close'), on_click=slot.close).props('flat').classes(theme.TOUCH)
            ui.button(_('Copy'), icon='content_copy', on_click=copy) \
                .props('unelevated data-testid=copy-confirm').classes(f'{theme.TOUCH} flex-1 sm:flex-none')
    await load()
