"""The stand-up's controls on the board: the shared 15-minute timer, presenter mode, notes and ending it.

The state lives in the database (services/standups.py); every viewer of the team's board shows it and
follows its changes through the event bus. The countdown itself ticks in the browser, so fifty open
boards cost the server nothing between changes.
"""
import html
from collections.abc import Awaitable, Callable

from nicegui import ui

from pages import theme
from pages.components.dialogs import DialogSlot, actions, error_line
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services import standups
from services.errors import Conflict, ServiceError

# Ticks every element marked data-okr-timer from the seconds it was given, counted from when they arrived.
TIMER_SCRIPT = '''<script>
(() => {
  const format = (seconds) => {
    const whole = Math.round(Math.abs(seconds));
    const text = String(Math.floor(whole / 60)).padStart(2, '0') + ':' + String(whole % 60).padStart(2, '0');
    return seconds < -0.5 ? '+' + text : text;
  };
  setInterval(() => {
    for (const el of document.querySelectorAll('[data-okr-timer]')) {
      const fresh = el.okrVersion !== el.dataset.version;
      if (fresh) {
        el.okrVersion = el.dataset.version;
        el.okrBase = performance.now();
      }
      if (!fresh && el.dataset.running !== 'true') continue;
      const running = el.dataset.running === 'true';
      const left = Number(el.dataset.remaining) - (running ? (performance.now() - el.okrBase) / 1000 : 0);
      el.textContent = format(left);
      el.classList.toggle('text-negative', left < -0.5);
    }
  }, 250);
})();
</script>'''

# A banner while the connection is down; NiceGUI replays what was missed when it comes back.
RECONNECT_SCRIPT = '''<div id="okrboard-reconnecting" data-testid="board-reconnecting" role="status" hidden
  style="position:fixed;top:0;left:0;right:0;z-index:9999;padding:12px;text-align:center;
         background:#bf8700;color:white;font-size:1.25rem;font-weight:500">{text}</div>
<script>
(() => {{
  const banner = document.getElementById('okrboard-reconnecting');
  const watch = () => {{
    if (!window.socket) return setTimeout(watch, 200);
    window.socket.on('disconnect', () => {{ banner.hidden = false; }});
    window.socket.on('connect', () => {{ banner.hidden = true; }});
  }};
  watch();
}})();
</script>'''


def timer_text(remaining: float) -> str:
    """mm:ss left, or +mm:ss once the meeting runs over (the same format the browser ticks in)."""
    whole = round(abs(remaining))
    text = f'{whole // 60:02d}:{whole % 60:02d}'
    return f'+{text}' if remaining < -0.5 else text


def add_scripts() -> None:
    ui.add_body_html(TIMER_SCRIPT)
    ui.add_body_html(RECONNECT_SCRIPT.format(text=html.escape(_('Connection lost: reconnecting…'))))


class MeetingControls:
    """One board client's view of the team's stand-up, kept in step with every other viewer."""

    def __init__(self, team_id: int, cycle_id: int, order: Callable[[], list[int]]) -> None:
        self.team_id = team_id
        self.cycle_id = cycle_id
        self.order = order  # ids of the people in the order the board shows them
        self.state: standups.Meeting | None = None
        self.version = 0
        self.notes_dirty = False
        self.notes_base = ''  # the saved text this viewer's typing started from
        self.ending = False
        self.end_dialog = DialogSlot()

    async def load(self, actor) -> None:
        """The meeting's state; whether this viewer may run it is asked once, on the first load."""
        if self.state is None:
            self.state = await standups.meeting(actor, self.team_id, self.cycle_id)
        else:
            self.state = await standups.current(self.team_id, self.cycle_id, can_run=self.state.can_run)

    @property
    def presenter_id(self) -> int | None:
        return self.state.presenter_id if self.state else None

    def timer(self) -> None:
        """The countdown with start/pause and reset."""
        with ui.row().classes('items-center gap-2 no-wrap'):
            self.timer_label = ui.label().classes('text-4xl font-bold tabular-nums min-w-[7rem] text-center') \
                .props('data-testid=board-timer')
            self.start_button = ui.button(on_click=self.toggle_timer) \
                .props('unelevated data-testid=board-timer-start').classes(theme.TOUCH)
            self.reset_button = ui.button(icon='replay', on_click=self.reset_timer) \
                .props(f'flat round aria-label="{_("Reset the timer")}" data-testid=board-timer-reset') \
                .classes('min-w-[44px]').tooltip(_('Reset the timer'))
        self.show_timer()

    def presenter(self) -> None:
        """Previous / next person, which every viewer follows, and the end of the meeting."""
        with ui.row().classes('items-center gap-2'):
            self.previous_button = ui.button(icon='chevron_left', on_click=lambda: self.step(-1)) \
                .props(f'outline aria-label="{_("Previous person")}" data-testid=board-previous') \
                .classes(theme.TOUCH).tooltip(_('Previous person'))
            self.next_button = ui.button(_('Next person'), icon='chevron_right', on_click=lambda: self.step(1)) \
                .props('outline data-testid=board-next').classes(theme.TOUCH)
            self.stop_button = ui.button(_('Show everyone'), icon='groups', on_click=self.stop_presenting) \
                .props('flat data-testid=board-stop-presenting').classes(theme.TOUCH)
            self.end_button = ui.button(_('End stand-up'), icon='flag', on_click=self.confirm_end) \
                .props('unelevated color=secondary data-testid=board-end-meeting').classes(theme.TOUCH)
        self.show_presenter()

    def notes_panel(self) -> None:
        ui.label(_('Notes: decisions and blockers')).classes('text-xl 2xl:text-2xl font-medium')
        self.notes = ui.textarea(placeholder=_('Type during the meeting; they become the minutes.'),
                                 on_change=self.mark_dirty) \
            .props(f'outlined autogrow counter maxlength={standups.NOTES_LIMIT} input-style="max-height: 40vh" '
                   'data-testid=board-notes').classes('w-full text-lg')
        self.notes.on('blur', self.save_notes)
        # Another viewer's text, when both saved different notes: shown to be put together, never lost.
        self.their_notes = ui.label().classes('w-full whitespace-pre-wrap break-words p-2 rounded bg-orange-1') \
            .props('data-testid=board-notes-theirs')
        self.their_notes.set_visibility(False)
        with ui.row().classes('w-full items-center gap-2'):
            self.save_button = ui.button(_('Save notes'), on_click=self.save_notes) \
                .props('flat data-testid=board-notes-save').classes(theme.TOUCH)
            self.saved_label = ui.label().classes('text-sm text-grey-7').props('data-testid=board-notes-status')
        self.show_notes(force=True)

    def show(self, meeting: standups.Meeting) -> None:
        """Bring every control to this state (after this viewer's action, or another viewer's)."""
        self.state = meeting
        self.show_timer()
        self.show_presenter()
        self.show_notes()

    def show_timer(self) -> None:
        if self.state is None or not hasattr(self, 'timer_label'):
            return
        timer = self.state.timer
        self.version += 1
        self.timer_label.text = timer_text(timer.remaining)
        self.timer_label.classes(replace='text-4xl font-bold tabular-nums min-w-[7rem] text-center'
                                 + (' text-negative' if timer.remaining < -0.5 else ''))
        self.timer_label.props(f'data-okr-timer data-remaining={timer.remaining:.1f} '
                               f'data-running={"true" if timer.running else "false"} data-version={self.version}')
        self.start_button.text = _('Pause') if timer.running else _('Start timer')
        self.start_button.props(f'icon={"pause" if timer.running else "play_arrow"}')
        for button in (self.start_button, self.reset_button):
            button.set_enabled(self.state.can_run)

    def show_presenter(self) -> None:
        if self.state is None or not hasattr(self, 'next_button'):
            return
        order = self.order()
        position = order.index(self.presenter_id) if self.presenter_id in order else None
        self.previous_button.set_enabled(self.state.can_run and position is not None and position > 0)
        self.next_button.set_enabled(self.state.can_run and bool(order)
                                     and (position is None or position < len(order) - 1))
        self.next_button.text = _('Next person') if position is not None else _('Present')
        self.stop_button.set_visibility(position is not None)
        self.stop_button.set_enabled(self.state.can_run)
        self.end_button.set_enabled(self.state.can_run)

    def show_notes(self, *, force: bool = False) -> None:
        if self.state is None or not hasattr(self, 'notes'):
            return
        if force or not self.notes_dirty:  # never overwrite what this viewer is typing
            self.notes.set_value(self.state.notes)
            self.notes_base = self.state.notes
            self.notes_dirty = False
        self.notes.set_enabled(self.state.can_run)
        self.save_button.set_enabled(self.state.can_run)

    def mark_dirty(self) -> None:
        if self.state is not None and self.notes.value != self.notes_base:
            self.notes_dirty = True
            self.saved_label.text = _('Not saved yet')

    def ended_elsewhere(self) -> None:
        """The stand-up was ended on another screen while this one had unsaved notes: say so, keep them."""
        if self.notes_dirty and not self.ending and hasattr(self, 'notes'):
            self.notes_base = ''  # a save now starts the next stand-up's notes with this text
            field_error(self.notes, _('The stand-up was ended on another screen without these notes. '
                                      'Save them to keep them for the next stand-up.'))

    async def toggle_timer(self) -> None:
        if self.state is not None and self.state.timer.running:
            await self._run(standups.pause_timer)
        else:
            await self._run(standups.start_timer)

    async def reset_timer(self) -> None:
        await self._run(standups.reset_timer)

    async def step(self, direction: int) -> None:
        order = self.order()
        if not order:
            return
        if self.presenter_id in order:
            position = min(max(order.index(self.presenter_id) + direction, 0), len(order) - 1)
        else:
            position = 0
        await self._run(standups.present, order[position])

    async def present(self, person_id: int) -> None:
        await self._run(standups.present, person_id)

    async def stop_presenting(self) -> None:
        await self._run(standups.present, None)

    async def save_notes(self) -> None:
        if not self.notes_dirty:
            return
        text = self.notes.value or ''
        actor = await acting()
        if actor is None:
            return
        try:
            meeting = await standups.save_notes(actor, self.team_id, self.cycle_id, text, base=self.notes_base)
        except Conflict as error:
            self.notes_base = error.params['notes']  # once put together, the next save goes through
            self.their_notes.set_text(_('Saved by someone else:') + '\n' + self.notes_base)
            self.their_notes.set_visibility(True)
            field_error(self.notes, error_text(error))
            return
        except ServiceError as error:
            field_error(self.notes, error_text(error))
            return
        field_error(self.notes, None)
        self.their_notes.set_visibility(False)
        self.notes_dirty = False
        self.notes_base = text
        self.saved_label.text = _('Saved')
        self.show(meeting)

    async def confirm_end(self) -> None:
        with self.end_dialog.open(_('End the stand-up?')) as dialog:
            ui.label(_('The notes are kept as its minutes, and the board then shows changes from now on.')) \
                .classes('break-words w-full')
            self.end_error = error_line()
            actions(dialog, _('End stand-up'), self.end, 'board-end-confirm')

    async def end(self) -> None:
        if self.ending or self.state is None:
            return  # a double tap ends it once
        self.ending = True
        try:
            actor = await acting()
            if actor is None:
                return
            try:
                await standups.end_meeting(actor, self.team_id, self.cycle_id, self.notes.value or '',
                                           previous_end=self.state.previous_end)
            except ServiceError as error:
                self.end_error.set_text(error_text(error))  # the dialog stays open with the reason
                return
            ui.notify(_('Stand-up ended; its minutes are on the team page.'), type='positive')
            self.notes_dirty = False
            field_error(self.notes, None)
            self.their_notes.set_visibility(False)
            self.end_dialog.close()  # its slot goes with it; the bus brings every board, this one too, up to date
        finally:
            self.ending = False

    async def _run(self, change: Callable[..., Awaitable[standups.Meeting]], *args: object) -> None:
        """A change to the timer or the presenter: shown here at once, and on other screens through the bus."""
        actor = await acting()
        if actor is None:
            return
        try:
            meeting = await change(actor, self.team_id, self.cycle_id, *args)
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
            return
        self.show(meeting)
