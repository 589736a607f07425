"""The fields of an objective, shared by the create page and the edit dialog."""
from datetime import date
from typing import Any

from nicegui import ui

from pages.components.related_knowledge import related_knowledge
from pages.components.unfinished import unfinished_panel
from pages.i18n import N_, _, error_text
from pages.layout import field_error
from services.errors import ServiceError
from services.objective_views import Choices

LEVEL_LABELS = {'company': N_('Company'), 'team': N_('Team'), 'person': N_('Person')}
KIND_LABELS = {'committed': N_('Committed'), 'aspirational': N_('Aspirational')}
VISIBILITY_LABELS = {'company': N_('Whole company'), 'private': N_('Private: owner, their managers and admins')}
PRIORITIES = ('P0', 'P1', 'P2', 'P3')


def parse_date(text: str | None, element: ui.element) -> tuple[bool, date | None]:
    """(ok, date) from a date field's text; an unreadable date is marked at the field."""
    text = (text or '').strip().replace('/', '-')
    if not text:
        return True, None
    try:
        return True, date.fromisoformat(text)
    except ValueError:
        field_error(element, _('Enter a date as YYYY-MM-DD.'))
        return False, None


class ObjectiveForm:
    """Inputs for every field of an objective; `values()` reads them as keyword arguments for the service."""

    def __init__(self, choices: Choices, initial: dict[str, Any]) -> None:
        self.cycle = ui.select(dict(choices.cycles), label=_('Cycle'), value=initial.get('cycle_id')) \
            .props('outlined data-testid=objective-cycle').classes('w-full')
        ui.label(_('Whose objective is it?')).classes('text-sm text-grey-8')
        self.level = ui.toggle({key: _(label) for key, label in LEVEL_LABELS.items()},
                               value=initial.get('level', 'person')) \
            .props('spread no-caps data-testid=objective-level').classes('w-full')
        self.team = ui.select(dict(choices.teams), label=_('Team'), value=initial.get('team_id'), with_input=True,
                              clearable=True).props('outlined data-testid=objective-team').classes('w-full')
        self.team.bind_visibility_from(self.level, 'value', backward=lambda level: level == 'team')
        self.owner = ui.select(dict(choices.people), label=_('Owner'), value=initial.get('owner_id'),
                               with_input=True, clearable=True) \
            .props('outlined data-testid=objective-owner').classes('w-full')
        self.title = ui.input(_('Title'), value=initial.get('title', '')) \
            .props('outlined data-testid=objective-title').classes('w-full')
        related_knowledge(self.title)
        self.description = ui.textarea(_('Description'), value=initial.get('description', '')) \
            .props('outlined autogrow data-testid=objective-description').classes('w-full')
        self.kind = ui.toggle({key: _(label) for key, label in KIND_LABELS.items()},
                              value=initial.get('kind', 'committed')) \
            .props('spread no-caps data-testid=objective-kind').classes('w-full')
        priority = initial.get('priority', '')
        options = {'': _('No priority'), **{p: p for p in PRIORITIES}, **({priority: priority} if priority else {})}
        self.priority = ui.select(options, label=_('Priority'), value=priority) \
            .props('outlined data-testid=objective-priority').classes('w-full')
        self.tags = ui.input_chips(_('Tags'), value=list(initial.get('tags', ())), new_value_mode='add-unique') \
            .props('outlined data-testid=objective-tags').classes('w-full')
        due = initial.get('due')
        self.due = ui.date_input(_('Due date'), value=due.isoformat() if due else '') \
            .props('outlined clearable data-testid=objective-due').classes('w-full')
        self.visibility = ui.select({key: _(label) for key, label in VISIBILITY_LABELS.items()},
                                    label=_('Who can see it'), value=initial.get('visibility', 'company')) \
            .props('outlined data-testid=objective-visibility').classes('w-full')
        self.error = ui.label().classes('text-negative text-sm break-words w-full') \
            .props('role=alert data-testid=objective-error')
        self.fields: dict[str, ui.element] = {
            'cycle': self.cycle, 'level': self.level, 'team': self.team, 'owner': self.owner, 'title': self.title,
            'description': self.description, 'kind': self.kind, 'priority': self.priority, 'tags': self.tags,
            'due': self.due, 'visibility': self.visibility}
        if not initial.get('title'):  # writing a new objective, not editing one
            unfinished_panel(self)

    def clear_errors(self) -> None:
        for element in self.fields.values():
            field_error(element, None)
        self.error.set_text('')

    def values(self) -> dict[str, Any] | None:
        """The form as service keyword arguments, or None when a date cannot be read."""
        self.clear_errors()
        ok, due = parse_date(self.due.value, self.due)
        if not ok:
            return None
        return {'cycle_id': self.cycle.value, 'level': self.level.value, 'team_id': self.team.value,
                'owner_id': self.owner.value, 'title': self.title.value or '', 'description': self.description.value,
                'kind': self.kind.value, 'priority': self.priority.value or '', 'tags': list(self.tags.value or []),
                'due': due, 'visibility': self.visibility.value}

    def show_error(self, error: ServiceError) -> None:
        """At the field it concerns when that field can show it, else on the form's error line."""
        element = self.fields.get(error.field or '')
        if element is not None and not isinstance(element, ui.toggle):
            field_error(element, error_text(error))
        else:
            self.error.set_text(error_text(error))
