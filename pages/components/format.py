"""Pure formatting of numbers people read."""
from datetime import datetime

from pages.i18n import N_, _


def number(value: float | None) -> str:
    if value is None:
        return '—'
    return f'{value:,.2f}'.rstrip('0').rstrip('.') if value != int(value) else f'{int(value):,}'


def kr_value(kind: str, current: float, target: float | None, unit: str, steps: int = 0) -> str:
    """'42 / 100 %', '3 / 5 steps', 'done' or 'not done'."""
    if kind == 'boolean':
        return _('done') if current >= 1 else _('not done')
    if kind == 'milestone':
        total = steps or int(target or 0)
        return _('{done} / {total} steps', done=int(current), total=total)
    suffix = f' {unit}' if unit else ''
    if target is None:
        return f'{number(current)}{suffix}'
    return f'{number(current)} / {number(target)}{suffix}'


def percent(share: float) -> str:
    return f'{round(share * 100)}%'


def when(moment: datetime, tz) -> str:
    return moment.astimezone(tz).strftime('%Y-%m-%d %H:%M')


STATUS_LABELS = {'done': N_('Done'), 'on_track': N_('On track'), 'at_risk': N_('At risk'), 'off_track': N_('Off track')}


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


SOURCE_LABELS = {'web': N_('web'), 'api': N_('API'), 'import': N_('import'), 'jira': N_('Jira'), 'trello': N_('Trello')}


def source_label(source: str) -> str:
    return _(SOURCE_LABELS.get(source, source))
