"""People administration: search, create with a password or an invitation link, edit, deactivate."""
from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, context, ui

from config import settings
from pages import theme
from pages.components import live
from pages.components.dialogs import DialogSlot, actions, error_line, show_error
from pages.components.team_sections import people_count
from pages.i18n import N_, _, error_text
from pages.layout import field_error, frame
from pages.session import acting, login_redirect, open_session
from pages.teams import picker_options
from services import accounts, events, people, teams
from services.errors import ServiceError
from services.people import PersonRow

router = APIRouter()

ROLE_LABELS = {'member': N_('Member'), 'admin': N_('Admin')}
SHOWN = 100  # a longer list only slows a phone down; search narrows it
NOBODY = 0  # the picker's "no manager" / "no team" / "all teams" entry


def invite_url(base: str, token: str) -> str:
    return f'{base.rstrip("/")}/invite/{token}'


@router.page('/admin/people')
async def people_page(request: Request) -> RedirectResponse | None:
    person = await open_session(request)
    if person is None:
        return login_redirect(request)
    if not person.is_admin:
        with frame(_('People'), person):
            ui.label(_('Only admins can manage people.')).classes('text-negative').props('data-testid=people-refused')
            ui.link(_('Back to my key results'), '/')
        return None
    client = context.client
    base = settings().base_url or str(request.base_url)
    dialogs = DialogSlot()
    filters: dict[str, object] = {'text': '', 'team_id': NOBODY}

    def show_link(name: str, token: str) -> None:
        link = invite_url(base, token)
        with dialogs.open(_('Invitation for {name}', name=name)) as dialog:
            ui.label(_('Send this link to them. It works once, for 7 days, and is shown only now.')) \
                .classes('text-sm break-words w-full')
            ui.input(value=link).props('outlined readonly data-testid=invite-link').classes('w-full')
            with ui.row().classes('w-full justify-end gap-2'):
                ui.button(_('Copy'), icon='content_copy', on_click=lambda: copy(link)) \
                    .props('unelevated data-testid=invite-copy').classes(theme.TOUCH)
                ui.button(_('Done'), on_click=dialog.close).props('flat data-testid=invite-done').classes(theme.TOUCH)

    def copy(link: str) -> None:
        ui.clipboard.write(link)
        ui.notify(_('Link copied.'))

    async def person_form(row: PersonRow | None) -> None:
        actor = await acting()
        if actor is None:
            return
        team_options = {NOBODY: _('No team')} | picker_options(await teams.team_choices(actor))
        managers = {NOBODY: _('No manager')} | {p.id: p.name for p in await people.person_choices(actor)
                                                if row is None or p.id != row.id}
        with dialogs.open(_('Edit {name}', name=row.name) if row else _('New person')) as dialog:
            name = ui.input(_('Name'), value=row.name if row else '').props('outlined data-testid=person-name') \
                .classes('w-full')
            email = ui.input(_('E-mail'), value=(row.email or '') if row else '') \
                .props('outlined type=email data-testid=person-email').classes('w-full')
            email.set_enabled(row is None)
            role = ui.select({key: _(label) for key, label in ROLE_LABELS.items()}, label=_('Role'),
                             value=row.role if row else 'member').props('outlined data-testid=person-role') \
                .classes('w-full')
            team = ui.select(team_options, label=_('Team'), with_input=True,
                             value=row.team_id if row and row.team_id in team_options else NOBODY) \
                .props('outlined data-testid=person-team').classes('w-full')
            if row and row.team_id and row.team_id not in team_options:
                ui.label(_('Their team {name} is archived; choose another.', name=row.team_name)) \
                    .classes('text-sm text-warning break-words w-full')
            manager = ui.select(managers, label=_('Manager'), with_input=True,
                                value=row.manager_id if row and row.manager_id in managers else NOBODY) \
                .props('outlined data-testid=person-manager').classes('w-full')
            if row and row.manager_id and row.manager_id not in managers:
                ui.label(_('Their manager {name} is deactivated; choose another.', name=row.manager_name)) \
                    .classes('text-sm text-warning break-words w-full')
            if row is None:
                access = ui.radio({'invite': _('Send an invitation link'), 'password': _('Set a first password')},
                                  value='invite').props('data-testid=person-access')
                password = ui.input(_('First password'), password=True, password_toggle_button=True) \
                    .props('outlined autocomplete=new-password data-testid=person-password').classes('w-full') \
                    .bind_visibility_from(access, 'value', value='password')
            line = error_line()
            fields = {'name': name, 'email': email, 'role': role, 'team': team, 'manager': manager}

            async def save() -> None:
                actor = await acting()
                if actor is None:
                    return
                chosen = dict(name=name.value or '', role=role.value, team_id=team.value or None,
                              manager_id=manager.value or None)
                try:
                    if row is not None:
                        await accounts.update_person(actor, row.id, **chosen)
                        token = None
                    else:
                        secret = (password.value or '') if access.value == 'password' else None
                        if access.value == 'password' and not secret:
                            field_error(password, _('Enter a first password, or send an invitation link instead.'))
                            return
                        _created, token = await accounts.create_person(actor, email=email.value or '',
                                                                       password=secret, **chosen)
                except ServiceError as error:
                    show_error(error, fields | ({'password': password} if row is None else {}), line)
                    return
                if token:
                    show_link(chosen['name'], token)
                else:
                    dialogs.close()
                await people_list.refresh()

            actions(dialog, _('Save') if row else _('Create'), save, 'person-save')

    async def new_invite(row: PersonRow) -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            show_link(row.name, await accounts.invite(actor, row.id))
        except ServiceError as error:
            ui.notify(error_text(error), type='negative')
        await people_list.refresh()

    def confirm_active(row: PersonRow) -> None:
        title = _('Reactivate {name}?', name=row.name) if not row.active else _('Deactivate {name}?', name=row.name)
        with dialogs.open(title) as dialog:
            ui.label(_('They can sign in again.') if not row.active else
                     _('They are signed out everywhere at once and cannot sign in. Their OKRs stay.')) \
                .classes('text-sm break-words w-full')
            line = error_line()

            async def save() -> None:
                actor = await acting()
                if actor is None:
                    return
                try:
                    await accounts.set_active(actor, row.id, not row.active)
                except ServiceError as error:
                    show_error(error, {}, line)
                    return
                dialogs.close()
                await people_list.refresh()
            actions(dialog, _('Reactivate') if not row.active else _('Deactivate'), save, 'person-active-confirm',
                    color='primary' if not row.active else 'negative')

    def person_menu(row: PersonRow) -> None:
        with ui.button(icon='more_vert').props(f'flat round aria-label="{_("Actions")}" '
                                               f'data-testid=person-menu data-person-id={row.id}').classes(theme.TOUCH):
            with ui.menu():
                entries = [('edit', _('Edit'), 'person-edit', lambda: person_form(row))]
                if row.active and row.email:
                    entries.append(('link', _('New invitation link'), 'person-invite', lambda: new_invite(row)))
                if row.id != person.id:
                    entries.append(('person_add' if not row.active else 'person_off',
                                    _('Reactivate') if not row.active else _('Deactivate'), 'person-active',
                                    lambda: confirm_active(row)))
                for icon, label, testid, handler in entries:
                    with ui.menu_item(on_click=handler).props(f'data-testid={testid} data-person-id={row.id}') \
                            .classes(theme.TOUCH):
                        with ui.row().classes('items-center gap-3 no-wrap'):
                            ui.icon(icon)
                            ui.label(label)

    def person_card(row: PersonRow) -> None:
        with ui.card().classes(theme.CARD).props(f'flat bordered data-testid=person-card data-person-id={row.id}'):
            with ui.row().classes('w-full items-start no-wrap gap-1'):
                with ui.column().classes('gap-0 min-w-0 flex-1'):
                    with ui.row().classes('w-full items-center gap-x-2 gap-y-0'):
                        ui.label(row.name).classes('text-base font-medium break-words min-w-0')
                        if row.role == 'admin':
                            ui.badge(_('Admin'), color='accent')
                        if not row.active:
                            ui.badge(_('Inactive'), color='grey')
                        elif row.invite_pending:
                            ui.badge(_('Invitation pending'), color='info').props('outline')
                        elif not row.has_login:
                            ui.badge(_('No sign-in yet'), color='warning').props('outline')
                    if row.email:
                        ui.label(row.email).classes(f'{theme.MUTED} break-all')
                    details = [row.team_name or _('No team')]
                    if row.manager_name:
                        details.append(_('Manager: {name}', name=row.manager_name))
                    ui.label(' · '.join(details)).classes(f'{theme.MUTED} break-words')
                person_menu(row)

    @ui.refreshable
    async def people_list() -> None:
        actor = await acting()
        if actor is None:
            return
        try:
            rows = await people.list_people(actor, text=str(filters['text']), team_id=filters['team_id'] or None)
        except ServiceError as error:
            ui.label(error_text(error)).classes('text-negative')
            return
        ui.label(people_count(len(rows))).classes(theme.MUTED).props('data-testid=people-count')
        for row in rows[:SHOWN]:
            person_card(row)
        if len(rows) > SHOWN:
            ui.label(_('Showing the first {n}; search to find the others.', n=SHOWN)).classes(theme.MUTED)

    async def search(key: str, value: object) -> None:
        filters[key] = value or ('' if key == 'text' else NOBODY)
        await people_list.refresh()

    async def on_org_change(change: events.Change) -> None:
        if change.kind in ('person', 'team'):
            await live.refresh(people_list, client)

    team_filter = {NOBODY: _('All teams')} | picker_options(await teams.team_choices(person))
    with frame(_('People'), person):
        ui.button(_('Add person'), icon='person_add', on_click=lambda: person_form(None)) \
            .props('unelevated data-testid=person-create').classes(theme.TOUCH)
        with ui.row().classes('w-full gap-2'):
            ui.input(_('Search by name or e-mail'), on_change=lambda e: search('text', e.value)) \
                .props('outlined dense clearable debounce=300 data-testid=people-search') \
                .classes('flex-1 min-w-[12rem]')
            ui.select(team_filter, value=NOBODY, label=_('Team'), on_change=lambda e: search('team_id', e.value)) \
                .props('outlined dense data-testid=people-team').classes('flex-1 min-w-[10rem]')
        with ui.column().classes('w-full gap-2'):
            await people_list()
    events.org_changed.subscribe(on_org_change)
    return None
