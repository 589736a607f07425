"""Turning one cell into a value of the domain, or a CellError whose message quotes the cell."""
import math
import re
from datetime import date, datetime, time
from typing import Any

from config import settings
from services.accounts import EMAIL

KR_KINDS = {'number': 'number', 'percent': 'percent', 'currency': 'currency', 'boolean': 'boolean',
            'milestone': 'milestone', '数值': 'number', '数字': 'number', '百分比': 'percent', '金额': 'currency',
            '货币': 'currency', '是否': 'boolean', '布尔': 'boolean', '里程碑': 'milestone'}
DIRECTIONS = {'increase': 'increase', 'decrease': 'decrease', 'up': 'increase', 'down': 'decrease',
              '增加': 'increase', '增长': 'increase', '上升': 'increase', '减少': 'decrease', '下降': 'decrease'}
OBJECTIVE_KINDS = {'committed': 'committed', 'aspirational': 'aspirational', '承诺': 'committed',
                   '承诺型': 'committed', '挑战': 'aspirational', '挑战型': 'aspirational'}
OBJECTIVE_STATUSES = {'draft': 'draft', 'active': 'active', 'closed': 'closed', 'cancelled': 'cancelled',
                      '草稿': 'draft', '进行中': 'active', '已关闭': 'closed', '已取消': 'cancelled'}
LEVELS = {'company': 'company', 'team': 'team', 'person': 'person', '公司': 'company', '团队': 'team',
          '个人': 'person'}
VISIBILITIES = {'company': 'company', 'private': 'private', '公开': 'company', '全公司': 'company', '私密': 'private'}
CYCLE_STATES = {'planning': 'planning', 'active': 'active', 'review': 'review', 'closed': 'closed',
                '计划中': 'planning', '进行中': 'active', '评审中': 'review', '已关闭': 'closed'}
ROLES = {'admin': 'admin', 'member': 'member', '管理员': 'admin', '成员': 'member', '员工': 'member'}
CADENCES = {'quarter': 'quarter', 'half': 'half', 'year': 'year', 'custom': 'custom', '季度': 'quarter',
            '半年': 'half', '年度': 'year', '自定义': 'custom'}
TEAM_KINDS = {'company': 'company', 'department': 'department', 'team': 'team', '公司': 'company',
              '部门': 'department', '团队': 'team'}
YES = {'1', 'yes', 'true', 'done', 'y', '是', '完成', '已完成'}
NO = {'0', 'no', 'false', 'n', '否', '未完成'}
LARGEST = 1e15
_NUMBER = re.compile(r'[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?')
_THOUSANDS = re.compile(r'[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?')
_DATE = re.compile(r'(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?')


class CellError(Exception):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: Any) -> str:
    """The cell as the person typed it, shortened for a message."""
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return text if len(text) <= 60 else text[:57] + '...'


def text(value: Any, limit: int) -> str:
    found = '' if blank(value) else ' '.join(str(value).split())
    if len(found) > limit:
        raise CellError('Use at most {limit} characters; this has {length}.', limit=limit, length=len(found))
    return found


def long_text(value: Any, limit: int) -> str:
    found = '' if blank(value) else str(value).strip()
    if len(found) > limit:
        raise CellError('Use at most {limit} characters; this has {length}.', limit=limit, length=len(found))
    return found


def number(value: Any) -> float | None:
    if blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        raise CellError('Not a number: "{value}".', value=shown(value))
    if isinstance(value, (int, float)):
        found = float(value)
    else:
        cleaned = str(value).strip().removesuffix('%').strip()
        if _THOUSANDS.fullmatch(cleaned):
            cleaned = cleaned.replace(',', '')
        if not _NUMBER.fullmatch(cleaned):
            raise CellError('Not a number: "{value}".', value=shown(value))
        found = float(cleaned)
    if not math.isfinite(found):
        raise CellError('Not a number: "{value}".', value=shown(value))
    if abs(found) > LARGEST:
        raise CellError('The number {value} is too large.', value=shown(value))
    return found


def measured(value: Any, kind: str) -> float | None:
    """A start, target, current or check-in value; a boolean key result also takes yes and no."""
    if kind == 'boolean' and not blank(value) and not isinstance(value, (int, float)):
        word = str(value).strip().lower()
        if word in YES or word in NO:
            return 1.0 if word in YES else 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    return number(value)


def confidence(value: Any) -> int | None:
    if blank(value):
        return None
    try:
        found = None if isinstance(value, bool) else number(value)
    except CellError:
        found = None
    if found is None or found != int(found) or not 0 <= found <= 10:
        raise CellError('Confidence is a whole number from 0 to 10, not "{value}".', value=shown(value))
    return int(found)


def score(value: Any) -> float | None:
    found = number(value)
    if found is not None and not 0 <= found <= 1:
        raise CellError('A score is from 0 to 1, not "{value}".', value=shown(value))
    return found


def weight(value: Any) -> float:
    found = number(value)
    if found is not None and found < 0:
        raise CellError('A weight cannot be negative: "{value}".', value=shown(value))
    return 1.0 if found is None else found


def day(value: Any) -> date | None:
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = _DATE.fullmatch(str(value).strip().split('T')[0].split(' ')[0]) if isinstance(value, str) else None
    try:
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        pass
    raise CellError('Not a date: "{value}"; write it as YYYY-MM-DD.', value=shown(value))


def moment(value: Any) -> datetime:
    """A point in time; without a time zone it is the company's local time."""
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime.combine(value, time.min)
    elif isinstance(value, str) and value.strip():
        try:
            found = datetime.fromisoformat(value.strip().replace('/', '-'))
        except ValueError:
            raise CellError('Not a date and time: "{value}"; write it as YYYY-MM-DD HH:MM.',
                            value=shown(value)) from None
    else:
        raise CellError('This cell is required.')
    return found if found.tzinfo else found.replace(tzinfo=settings().tz)


def choice(value: Any, options: dict[str, str], message: str) -> str | None:
    if blank(value):
        return None
    found = options.get(str(value).strip().lower())
    if found is None:
        raise CellError(message, value=shown(value))
    return found


def email(value: Any) -> str | None:
    if blank(value):
        return None
    found = str(value).strip().lower()
    if len(found) > 254 or not EMAIL.match(found):
        raise CellError('Not an e-mail address: "{value}".', value=shown(value))
    return found


def refs(value: Any) -> list[str]:
    """Refs or step names separated by ';' (or a Chinese '；'); a step name may span lines."""
    if blank(value):
        return []
    return [part.strip() for part in re.split(r'[;；]', str(value)) if part.strip()]


def ref(value: Any) -> str:
    found = text(value, 100)
    if isinstance(value, float) and value == int(value):  # a ref typed as 12 reads back from Excel as 12.0
        found = str(int(value))
    return found
