"""The calendar: a month grid (dots, then the chosen day's list) or a week list, mine or my team's."""
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from config import settings
from pages import theme
from pages.components import live
from pages.components.calendar_subscribe import subscribe_panel
from pages.i18n import N_, _, error_text
from pages.layout import frame
from pages.session import acting, login_redirect, open_session
from services import calendar, clock, events
from services.calendar import CalendarItem, CalendarView
from services.errors import ServiceError

router = APIRouter()

WEEKDAYS = (N_('Mon'), N_('Tue'), N_('Wed'), N_('Thu'), N_('Fri'), N_('Sat'), N_('Sun'))
MONTHS = (N_('January'), N_('February'), N_('March'), N_('April'), N_('May'), N_('June'), N_('July'),
          N_('August'), N_('September'), N_('October'), N_('November'), N_('December'))
DOT = 'w-[6px] h-[6px] rounded-full ring-1 ring-white'
KIND_STYLE = {  # icon and Quasar colour name of each kind of item
    'key_result': ('track_changes', 'primary'),
    'objective': ('flag', 'accent'),
    'task': ('task_alt', 'secondary'),
    'checkin': ('edit_calendar', 'info'),
    'standup': ('co_present', 'positive'),
    'review': ('rate_review', 'warning'),
    'cycle_end': ('sports_score', 'negative'),
}


def address(view: str, day: date, scope: str) -> str:
    return '/calendar?' + urlencode({'view': view, 'day': day.isoformat(), 'scope': scope})


def heading(view: str, anchor: date, start: date) -> str:
    if view == 'week':
        return _('Week of {day}', day=start.isoformat())
    return _('{month} {year}', month=_(MONTHS[anchor.month - 1]), year=anchor.year)


def day_name(day: date) -> str:
    return f'{_(WEEKDAYS[day.weekday()])} {day.isoformat()}'


def item_row(item: CalendarItem, team: bool) -> None:
    icon, color = KIND_STYLE[item.kind]
    with ui.item(on_click=lambda link=item.link: ui.navigate.to(link)).classes(f'{theme.TOUCH} px-1') \
            .props(f'clickable dense data-testid=calendar-item data-uid={item.uid}'):
        with ui.item_section().props('avatar'):
            ui.icon(icon, color=color)
        with ui.item_section().classes('min-w-0'):
            ui.label(_(item.summary, title=item.title)).classes('break-words')
            notes = [_(calendar.DUE_SOURCES[item.due_source])] if item.due_source else []
            if team and item.person_name:
                notes.insert(0, item.person_name)
            if notes:
                ui.label(' · '.join(notes)).classes(f'{theme.MUTED} break-words')


def day_list(view: CalendarView, day: date, team: bool) -> None:
    """One day: its conflicts first, then its items."""
    ui.label(day_name(day)).classes('text-subtitle2 font-medium pt-2')
    for conflict in view.conflicts_on(day):
        with ui.row().classes('w-full items-center no-wrap gap-2 text-warning').props('data-testid=calendar-conflict'):
            ui.icon('warning', color='warning')
            ui.label(_('Conflict: {name} has {count} things due this day.', name=conflict.person_name,
                       count=conflict.count)).classes('break-words min-w-0 font-medium')
    items = view.items_on(day)
    if not items:
        ui.label(_('Nothing on this day.')).classes(theme.MUTED)
    with ui.list().classes('w-full'):
        for item in items:
            item_row(item, team)


def month_grid(view: CalendarView, anchor: date, chosen: date, choose: Callable[[date], None]) -> None:
    today = clock.today()
    with ui.grid(columns=7).classes('w-full gap-1'):
        for name in WEEKDAYS:
            ui.label(_(name)).classes(f'{theme.MUTED} text-center text-xs')
        day = view.start
        while day <= view.end:
            items, conflict = view.items_on(day), bool(view.conflicts_on(day))
            look = 'bg-primary text-white' if day == chosen else 'text-primary font-bold' if day == today else ''
            faded = '' if day.month == anchor.month else 'opacity-50'
            with ui.column().classes(f'{theme.TOUCH} min-w-0 p-1 gap-0 items-center rounded border cursor-pointer '
                                     f'{look} {faded}') \
                    .props(f'data-testid=calendar-day data-day={day.isoformat()}') \
                    .on('click', lambda day=day: choose(day)):
                with ui.row().classes('items-center gap-0 no-wrap'):
                    ui.label(str(day.day)).classes('text-sm')
                    if conflict:
                        ui.icon('warning', color='warning', size='xs').props('data-testid=calendar-day-conflict')
                with ui.row().classes('gap-[2px] justify-center no-wrap overflow-hidden w-full'):
                    for item in items[:4]:
                        ui.element('div').classes(f'{DOT} bg-{KIND_STYLE[item.kind][1]}')
            day += timedelta(days=1)


def choices(current: str, options: dict[str, str], testid: str, target: Callable[[str], str]) -> None:
    """A row of buttons, the current one filled; each opens the calendar's address for its option."""
    with ui.button_group().props('flat'):
        for key, label in options.items():
            ui.button(label, on_click=lambda key=key: ui.navigate.to(target(key))) \
                .props(f'{"unelevated" if key == current else "outline"} no-caps data-testid={testid}-{key}') \
                .classes(theme.TOUCH)


@router.page('/calendar')
async def calendar_page(request: Request, view: str = 'month', day: str | None = None,
                        scope: str = 'mine') -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    view = view if view in calendar.VIEWS else 'month'
    scope = scope if scope in calendar.SCOPES and (scope == 'mine' or person.team_id) else 'mine'
    problem = None
    try:
        anchor = calendar.parse_day(day)
    except ServiceError as error:
        anchor, problem = clock.today(), error_text(error)
    start, end = calendar.period(view, anchor)
    state: dict[str, Any] = {'chosen': anchor, 'view': None}  # the chosen day, the view last loaded

    def choose(chosen: date) -> None:
        state['chosen'] = chosen
        chosen_day.refresh()

    @ui.refreshable
    async def section() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            state['view'] = await calendar.calendar(actor, start=start, end=end, scope=scope)
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative')
            return
        shown = state['view']
        if view == 'month':
            month_grid(shown, anchor, state['chosen'], choose)
            chosen_day()
        else:
            for each in range(7):
                day_list(shown, start + timedelta(days=each), scope == 'team')

    @ui.refreshable
    def chosen_day() -> None:
        with ui.column().classes('w-full gap-1').props('data-testid=calendar-day-list'):
            day_list(state['view'], state['chosen'], scope == 'team')

    async def on_change(_change: events.Change) -> None:
        await live.refresh(section, client)

    async def on_standup(change: events.Change) -> None:
        if change.kind == 'standup_ended' and change.team_id == person.team_id:  # not every tick of the timer
            await live.refresh(section, client)

    client = context.client
    with frame(_('Calendar'), person):
        if problem:
            ui.label(problem).classes('text-negative break-words').props('data-testid=calendar-date-error')
        with ui.row().classes('w-full items-center gap-2'):
            ui.button(icon='chevron_left', on_click=lambda: ui.navigate.to(
                address(view, calendar.shift(view, anchor, -1), scope))) \
                .props(f'flat round aria-label="{_("Previous")}" data-testid=calendar-prev').classes(theme.TOUCH)
            ui.label(heading(view, anchor, start)).classes(f'{theme.TITLE} flex-1 text-center') \
                .props('data-testid=calendar-heading')
            ui.button(icon='chevron_right', on_click=lambda: ui.navigate.to(
                address(view, calendar.shift(view, anchor, 1), scope))) \
                .props(f'flat round aria-label="{_("Next")}" data-testid=calendar-next').classes(theme.TOUCH)
        with ui.row().classes('w-full items-center gap-2'):
            ui.button(_('Today'), on_click=lambda: ui.navigate.to(address(view, clock.today(), scope))) \
                .props('outline data-testid=calendar-today').classes(theme.TOUCH)
            choices(view, {'month': _('Month'), 'week': _('Week')}, 'calendar-view',
                    lambda chosen: address(chosen, anchor, scope))
            if person.team_id:
                choices(scope, {'mine': _('Mine'), 'team': _('My team')}, 'calendar-scope',
                        lambda chosen: address(view, anchor, chosen))
        with ui.column().classes('w-full gap-1'):
            await section()
        await subscribe_panel(settings().base_url.rstrip('/') or str(request.base_url).rstrip('/'))
    events.okr_changed.subscribe(on_change)
    events.org_changed.subscribe(on_change)
    events.standup_changed.subscribe(on_standup)
