"""The comments of an objective page: one thread for the objective and one per key result, live for all viewers.

User text is only ever shown through ui.label and ui.link: bold, italic and bare http(s) links are the whole
formatting, so nothing a person types can become markup or script.
"""
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from nicegui import context, ui

from config import settings
from pages import theme
from pages.components import format as fmt
from pages.components import live
from pages.components.dialogs import DialogSlot, actions, confirm
from pages.components.follow import follow_toggle
from pages.components.kudos import kudos_button
from pages.i18n import _, error_text
from pages.layout import field_error
from pages.session import acting
from services import comments, events, recognition
from services.comments import CommentView, Overview
from services.errors import ServiceError
from services.recognition import KudosState

_TOKEN = re.compile(r'\*\*(?P<bold>[^*\n]+?)\*\*|\*(?P<italic>[^*\n]+?)\*|(?P<link>https?://[^\s<>"\'`]+)')
_TRAILING = '.,;:!?)]}\'"'  # punctuation that ends a sentence, not the address


@dataclass(frozen=True)
class Segment:
    kind: str  # text, bold, italic, link
    text: str


def segments(body: str) -> list[Segment]:
    """Split a comment into plain, bold, italic and link pieces; a link is only an http or https address."""
    found: list[Segment] = []
    position = 0
    for match in _TOKEN.finditer(body):
        kind = match.lastgroup or 'text'
        text = match.group(kind)
        tail = ''
        if kind == 'link':
            stripped = text.rstrip(_TRAILING)
            text, tail = stripped, text[len(stripped):]
            if not _is_web_address(text):
                continue
        found.append(Segment('text', body[position:match.start()]))
        found.append(Segment(kind, text))
        found.append(Segment('text', tail))
        position = match.end()
    found.append(Segment('text', body[position:]))
    return [segment for segment in found if segment.text]


def _is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ('http', 'https') and bool(parts.netloc)


def rich_text(body: str) -> None:
    """Show a comment's text: every piece escaped, links opening in a new tab without access to this one."""
    with ui.element('div').classes('w-full break-words whitespace-pre-wrap').props('data-testid=comment-body'):
        for segment in segments(body):
            if segment.kind == 'link':
                ui.link(segment.text, segment.text, new_tab=True).props('rel="noopener noreferrer"') \
                    .classes('inline break-all')
            else:
                style = {'bold': 'font-bold', 'italic': 'italic'}.get(segment.kind, '')
                ui.label(segment.text).classes(f'inline whitespace-pre-wrap {style}')


class Thread:
    """The comments on one objective, key result or check-in, with a box to write one (or a reply)."""

    def __init__(self, objective_id: int, key_result_id: int | None, slot: DialogSlot, people: tuple[str, ...],
                 checkin_id: int | None = None) -> None:
        self.objective_id, self.key_result_id, self.slot, self.people = objective_id, key_result_id, slot, people
        self.checkin_id = checkin_id
        self.name = f'checkin-{checkin_id}' if checkin_id else f'kr-{key_result_id}' if key_result_id else 'objective'
        self.replying_to: CommentView | None = None
        self.client = context.client
        self.entries = ui.refreshable(self._entries)  # one per thread: live.refresh locks per section

    async def load(self) -> tuple[list[CommentView], dict[int, KudosState]]:
        """The thread's comments and their kudos, each in one load however long the thread is."""
        actor = await acting()
        if actor is None:
            return [], {}
        try:
            shown = await comments.list_comments(actor, objective_id=self.objective_id,
                                                 key_result_id=self.key_result_id, checkin_id=self.checkin_id)
            live = [comment.id for comment in shown if not comment.deleted]
            return shown, await recognition.kudos_states(actor, live)
        except ServiceError:
            return [], {}

    async def _entries(self) -> None:
        shown, kudos = await self.load()
        if not shown:
            ui.label(_('No comments yet.')).classes(theme.MUTED)
        for comment in shown:
            self.entry(comment, kudos.get(comment.id))

    def entry(self, comment: CommentView, kudos: KudosState | None) -> None:
        indent = 'ml-6' if comment.depth else ''
        with ui.column().classes(f'w-full gap-0 {indent}') \
                .props(f'data-testid=comment data-comment-id={comment.id} data-thread={self.name}'):
            meta = [comment.author_name or _('Former member'), fmt.when(comment.created_at, settings().tz)]
            if comment.edited and not comment.deleted:
                meta.append(_('edited'))
            ui.label(' · '.join(meta)).classes('text-xs text-grey-7 break-words w-full')
            if comment.deleted:
                ui.label(_('Comment deleted')).classes(f'{theme.MUTED} italic')
                return
            rich_text(comment.body)
            with ui.row().classes('gap-1'):
                ui.button(_('Reply'), on_click=lambda: self.reply_to(comment)) \
                    .props(f'flat dense no-caps data-testid=comment-reply data-comment-id={comment.id}') \
                    .classes(theme.TOUCH)
                kudos_button(kudos)
                if comment.mine:
                    ui.button(_('Edit'), on_click=lambda: self.open_edit(comment)) \
                        .props(f'flat dense no-caps data-testid=comment-edit data-comment-id={comment.id}') \
                        .classes(theme.TOUCH)
                    ui.button(_('Delete'), on_click=lambda: self.delete(comment)) \
                        .props(f'flat dense no-caps color=negative data-testid=comment-delete '
                               f'data-comment-id={comment.id}').classes(theme.TOUCH)

    async def build(self) -> None:
        with ui.column().classes('w-full gap-2').props(f'data-testid=comment-thread data-thread={self.name}'):
            await self.entries()
            self.replying = ui.row().classes('w-full items-center gap-1 text-sm')
            self.replying.set_visibility(False)
            self.box = ui.textarea(placeholder=_('Write a comment; @name to mention someone')) \
                .props(f'outlined dense autogrow maxlength={comments.MAX_COMMENT} '
                       f'data-testid=comment-input data-thread={self.name}').classes('w-full')
            with ui.row().classes('w-full items-center gap-2 no-wrap'):
                ui.select(list(self.people), label=_('Mention'), with_input=True, on_change=self.mention) \
                    .props(f'outlined dense data-testid=comment-mention data-thread={self.name}') \
                    .classes('flex-1 min-w-0')
                ui.button(_('Comment'), icon='send', on_click=self.submit) \
                    .props(f'unelevated data-testid=comment-submit data-thread={self.name}').classes(theme.TOUCH)

    def mention(self, event: Any) -> None:
        if event.value:
            self.box.value = f'{(self.box.value or "").rstrip()} @{event.value} '.lstrip()
            event.sender.value = None

    def reply_to(self, comment: CommentView | None) -> None:
        self.replying_to = comment
        self.replying.clear()
        with self.replying:
            if comment is not None:
                ui.label(_('Replying to {name}', name=comment.author_name)).classes('text-grey-7 break-words')
                ui.button(_('Cancel'), on_click=lambda: self.reply_to(None)).props('flat dense no-caps') \
                    .classes(theme.TOUCH)
        self.replying.set_visibility(comment is not None)

    async def submit(self) -> None:
        actor = await acting()
        if actor is None:
            return
        parent = self.replying_to.id if self.replying_to else None
        try:
            await comments.add_comment(actor, objective_id=self.objective_id, key_result_id=self.key_result_id,
                                       checkin_id=self.checkin_id, parent_id=parent, body=self.box.value or '')
        except ServiceError as error:
            field_error(self.box, error_text(error))
            return
        field_error(self.box, None)
        self.box.value = ''
        self.reply_to(None)
        await self.refresh()

    def delete(self, comment: CommentView) -> None:
        confirm(self.slot, _('Delete this comment?'), _('Its text is removed for everyone; replies stay.'), _('Delete'),
                'comment-delete-confirm', lambda actor: comments.delete_comment(actor, comment.id),
                lambda _result: self.refresh(), color='negative')

    def open_edit(self, comment: CommentView) -> None:
        async def save() -> None:
            actor = await acting()
            if actor is None:
                return
            try:
                await comments.edit_comment(actor, comment.id, body=box.value or '')
            except ServiceError as error:
                field_error(box, error_text(error))
                return
            await self.refresh()
            self.slot.close()  # last: it deletes the dialog this handler runs in

        with self.slot.open(_('Edit comment')) as dialog:
            box = ui.textarea(value=comment.body).props(
                f'outlined autogrow maxlength={comments.MAX_COMMENT} data-testid=comment-edit-input') \
                .classes('w-full')
            actions(dialog, _('Save'), save, 'comment-edit-save')

    async def refresh(self) -> None:
        await live.refresh(self.entries, self.client)


async def comments_section(objective_id: int) -> None:
    """Follow toggles and comment threads under an objective's key results; nothing when it cannot be viewed."""
    found = await _overview(objective_id)
    if found is None:
        return
    slot = DialogSlot()
    threads: list[Thread] = []
    toggles: dict[int, ui.button] = {}
    state = {'found': found}
    client = context.client

    def count_label(found: Overview, key_result_id: int) -> str:
        return _('Comments ({n})', n=found.counts.get(key_result_id, 0))

    @ui.refreshable
    async def key_result_threads() -> None:
        found = state['found']
        del threads[1:]
        toggles.clear()
        for key_result_id, title in found.key_results:
            with ui.column().classes(f'{theme.CARD} border rounded').props(f'data-kr-id={key_result_id}'):
                with ui.row().classes('w-full items-center no-wrap gap-1'):
                    ui.label(title).classes('font-medium break-words min-w-0 flex-1')
                    follow_toggle(objective_id, key_result_id, f'kr:{key_result_id}' in found.followed)
                toggles[key_result_id] = ui.button(count_label(found, key_result_id)) \
                    .props(f'flat dense no-caps data-testid=comments-toggle data-thread=kr-{key_result_id}') \
                    .classes(theme.TOUCH)
                with ui.column().classes('w-full') as holder:
                    threads.append(Thread(objective_id, key_result_id, slot, found.people))
                    await threads[-1].build()
                holder.set_visibility(False)
                toggles[key_result_id].on_click(lambda holder=holder: holder.set_visibility(not holder.visible))

    with ui.column().classes('w-full gap-3 pt-2').props('data-testid=comments-section'):
        with ui.row().classes('w-full items-center'):
            ui.label(_('Comments')).classes(theme.TITLE)
            ui.space()
            follow_toggle(objective_id, None, f'objective:{objective_id}' in found.followed)
        threads.append(Thread(objective_id, None, slot, found.people))
        await threads[0].build()
        await key_result_threads()

    async def on_comment(change: events.Change) -> None:
        if change.objective_id != objective_id or client.is_deleted:
            return
        for thread in threads:
            await thread.refresh()
        fresh = await _overview(objective_id)
        for key_result_id, toggle in toggles.items():
            toggle.text = count_label(fresh, key_result_id) if fresh else toggle.text

    async def on_okr_change(change: events.Change) -> None:
        """Rebuild the key results' threads only when key results came, went or were renamed."""
        if change.objective_id != objective_id or client.is_deleted:
            return
        fresh = await _overview(objective_id)
        if fresh is not None and fresh.key_results != state['found'].key_results:
            state['found'] = fresh
            await live.refresh(key_result_threads, client)

    events.comment_added.subscribe(on_comment)
    events.okr_changed.subscribe(on_okr_change)


async def _overview(objective_id: int) -> Overview | None:
    actor = await acting()
    if actor is None:
        return None
    try:
        return await comments.overview(actor, objective_id)
    except ServiceError:
        return None



class CheckInComments:
    """Folded comment threads under the check-ins of one key result's history, live while the history is open."""

    def __init__(self, objective_id: int, key_result_id: int, people: tuple[str, ...], counts: dict[int, int]) -> None:
        self.objective_id, self.key_result_id, self.people, self.counts = objective_id, key_result_id, people, counts
        self.slot = DialogSlot()
        self.client = context.client
        self.threads: list[Thread] = []
        self.toggles: dict[int, ui.button] = {}

    def under(self, checkin_id: int) -> None:
        """The toggle and, once opened, the thread of one check-in (built on first open: most stay closed)."""
        toggle = ui.button(_('Comments ({n})', n=self.counts.get(checkin_id, 0))) \
            .props(f'flat dense no-caps data-testid=comments-toggle data-thread=checkin-{checkin_id}') \
            .classes(theme.TOUCH)
        holder = ui.column().classes('w-full')
        holder.set_visibility(False)
        self.toggles[checkin_id] = toggle

        async def open_or_fold() -> None:
            if not holder.default_slot.children:
                with holder:
                    self.threads.append(Thread(self.objective_id, self.key_result_id, self.slot, self.people,
                                               checkin_id))
                    await self.threads[-1].build()
            holder.set_visibility(not holder.visible)
        toggle.on_click(open_or_fold)

    async def on_comment(self, change: events.Change) -> None:
        if change.objective_id != self.objective_id or self.client.is_deleted:
            return
        for thread in self.threads:
            await thread.refresh()
        actor = await acting()
        if actor is not None:
            self.counts = await comments.checkin_comment_counts(actor, self.key_result_id)
            for checkin_id, toggle in self.toggles.items():
                toggle.text = _('Comments ({n})', n=self.counts.get(checkin_id, 0))

    def follow_while_open(self, dialog: ui.dialog) -> None:
        events.comment_added.subscribe(self.on_comment)
        dialog.on('hide', lambda: events.comment_added.unsubscribe(self.on_comment))


async def checkin_comments(key_result_id: int) -> CheckInComments | None:
    """The comment threads of a key result's check-ins, or None when the viewer may not see them."""
    actor = await acting()
    if actor is None:
        return None
    try:
        objective_id = await comments.objective_of_key_result(key_result_id)
        found = await comments.overview(actor, objective_id)
        counts = await comments.checkin_comment_counts(actor, key_result_id)
    except ServiceError:
        return None
    return CheckInComments(objective_id, key_result_id, found.people, counts)
