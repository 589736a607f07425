"""Report templates: the sections of weekly and monthly reports, which admins may change."""
import logging
import re
from dataclasses import dataclass

from models.org import User
from models.reports import ReportTemplate
from services import events
from services.access import load_access, require_active
from services.errors import Invalid
from services.reports_periods import check_kind

log = logging.getLogger(__name__)

PROGRESS = 'progress'  # the section filled in advance from the period's check-ins
DEFAULT_SECTIONS = (  # key, English title (translated where shown while it stays the default)
    (PROGRESS, 'Progress this period'),
    ('achievements', 'Achievements'),
    ('problems', 'Problems'),
    ('plan', 'Plan for next period'),
    ('help', 'Help needed'),
)
MIN_SECTIONS, MAX_SECTIONS = 1, 10
MAX_TITLE = 100
_KEY = re.compile(r'^[a-z0-9_]{1,30}$')


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    default: bool  # the default title of a default section: pages translate it

    @property
    def prefilled(self) -> bool:
        return self.key == PROGRESS


def _section(key: str, title: str) -> Section:
    return Section(key, title, (key, title) in DEFAULT_SECTIONS)


async def sections_of(kind: str) -> tuple[Section, ...]:
    """The sections of a weekly or monthly report, in order."""
    template = await ReportTemplate.filter(kind=check_kind(kind)).first()
    rows = template.sections if template is not None else [{'key': k, 'title': t} for k, t in DEFAULT_SECTIONS]
    return tuple(_section(row['key'], row['title']) for row in rows)


def _check_sections(sections: list[dict]) -> list[dict]:
    if not sections:
        raise Invalid('A report needs at least one section.', field='sections')
    if len(sections) > MAX_SECTIONS:
        raise Invalid('A report has at most {n} sections.', field='sections', n=MAX_SECTIONS)
    checked, keys = [], set()
    for position, section in enumerate(sections, start=1):
        title = ' '.join(str(section.get('title') or '').split())
        if not title:
            raise Invalid('Section {n} needs a title.', field='sections', n=position)
        if len(title) > MAX_TITLE:
            raise Invalid('The title of section {n} is longer than {max} characters.', field='sections',
                          n=position, max=MAX_TITLE)
        key = str(section.get('key') or '')
        if not _KEY.match(key) or key in keys:
            key = _new_key(keys)
        keys.add(key)
        checked.append({'key': key, 'title': title})
    return checked


def _new_key(taken: set[str]) -> str:
    number = 1
    while f'section_{number}' in taken:
        number += 1
    return f'section_{number}'


async def save_sections(actor: User, *, kind: str, sections: list[dict]) -> tuple[Section, ...]:
    """Replace a template's sections (add, rename, remove, reorder); admins only.

    A section keeps its key when renamed or moved, so answers already written stay under it; new ones get a key.
    """
    (await load_access(require_active(actor))).require_admin()
    checked = _check_sections(sections)
    template, _ = await ReportTemplate.get_or_create(kind=check_kind(kind))
    template.sections = checked
    template.updated_by_id = actor.id
    await template.save()
    events.report_changed.emit(events.Change('report_template', template.id))
    log.info('report template %s (%s) saved by user %d: %d sections', template.id, kind, actor.id, len(checked))
    return tuple(_section(row['key'], row['title']) for row in checked)


async def reset_sections(actor: User, *, kind: str) -> tuple[Section, ...]:
    """Go back to the default sections; admins only."""
    return await save_sections(actor, kind=kind, sections=[{'key': k, 'title': t} for k, t in DEFAULT_SECTIONS])
