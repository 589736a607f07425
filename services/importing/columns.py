"""Which sheet is which table, and which column is which field, in English or Chinese."""
import re
from dataclasses import dataclass

from services.importing.reading import Sheet
from services.importing.report import RowError, refusal

TABLES = ('teams', 'people', 'cycles', 'objectives', 'key_results', 'checkins')
SINGLE_SHEET = 'single_sheet'

REQUIRED = {
    'teams': ('name',),
    'people': ('name',),
    'cycles': ('name', 'start', 'end'),
    'objectives': ('ref', 'cycle', 'title'),
    'key_results': ('ref', 'objective_ref', 'title'),
    'checkins': ('kr_ref', 'at', 'value'),
    SINGLE_SHEET: ('cycle', 'objective', 'key_result'),
}

_TABLE_ALIASES = {
    'teams': ('team', '团队', '组织', '部门'),
    'people': ('person', 'users', 'members', '人员', '成员', '员工'),
    'cycles': ('cycle', 'periods', '周期'),
    'objectives': ('objective', '目标'),
    'key_results': ('key_result', 'krs', 'kr', '关键成果'),
    'checkins': ('checkin', 'check_ins', 'check_in', 'updates', '进展', '签到', '进度更新'),
}

_MEASURE = {
    'type': ('类型', 'kind'), 'start': ('起始值', '初始值', '基线', 'baseline', 'start_value'),
    'target': ('目标值', 'target_value'), 'current': ('当前值', 'current_value'), 'unit': ('单位',),
    'direction': ('方向',), 'weight': ('权重',), 'due': ('截止日期', '截止时间', '到期日', 'due_date', 'deadline'),
    'confidence': ('信心', '信心指数', '信心值'), 'score': ('得分', '评分', '分数'), 'priority': ('优先级',),
}

_COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    'teams': {'name': ('名称', '团队', '团队名称', 'team'), 'parent': ('上级团队', '上级', 'parent_team'),
              'kind': ('类别',)},
    'people': {'email': ('邮箱', '电子邮件', '电子邮箱', 'e_mail', 'mail'), 'name': ('姓名', '名字'),
               'team': ('团队', '部门'), 'manager_email': ('经理邮箱', '上级邮箱', '经理', 'manager'),
               'role': ('角色',)},
    'cycles': {'name': ('名称', '周期', 'cycle'), 'start': ('开始日期', '开始', '起始日期', 'start_date'),
               'end': ('结束日期', '结束', 'end_date'), 'cadence': ('节奏',), 'state': ('状态', '阶段')},
    'objectives': {'ref': ('编号', 'id'), 'cycle': ('周期',), 'title': ('目标', '标题', 'objective'),
                   'description': ('描述', '说明'), 'team': ('团队',),
                   'owner_email': ('负责人', '负责人邮箱', '目标负责人', 'owner'),
                   'aligns_to': ('对齐', '对齐到', '上级目标', 'aligns'), 'priority': ('优先级',),
                   'type': ('类型', 'kind'), 'status': ('状态',), 'level': ('层级', '级别'),
                   'visibility': ('可见性', '可见范围')},
    'key_results': {'ref': ('编号', 'id'), 'objective_ref': ('目标编号', '所属目标', 'objective'),
                    'title': ('关键成果', '标题', 'key_result'), 'owner_email': ('负责人', '负责人邮箱', 'owner'),
                    'milestones': ('里程碑', '步骤', 'steps'), **_MEASURE},
    'checkins': {'kr_ref': ('关键成果编号', '关键成果', 'key_result_ref', 'key_result'),
                 'at': ('时间', '日期', '签到时间', '更新时间', 'date', 'time'), 'value': ('值', '数值', '进度值'),
                 'confidence': ('信心', '信心指数'), 'note': ('备注', '说明', '进展'), 'next_step': ('下一步',),
                 'author_email': ('提交人', '提交人邮箱', '填写人', 'author')},
    SINGLE_SHEET: {'cycle': ('周期',), 'team': ('团队',), 'objective': ('目标',),
                   'objective_owner': ('目标负责人',), 'key_result': ('关键成果', 'kr'),
                   'owner': ('负责人', '关键成果负责人', 'owner_email'), **_MEASURE},
}


def _normal(text: str) -> str:
    text = re.sub(r'[（(].*?[)）]', '', str(text)).strip().strip('*').strip().lower()
    return re.sub(r'[\s\-_/.]+', '_', text)


def _lookup(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    found = {_normal(name): name for name in aliases}
    found.update({_normal(alias): name for name, aliases_ in aliases.items() for alias in aliases_})
    return found


_TABLE_OF = _lookup({name: aliases for name, aliases in _TABLE_ALIASES.items()})
_COLUMN_OF = {table: _lookup(aliases) for table, aliases in _COLUMN_ALIASES.items()}


@dataclass(frozen=True)
class Columns:
    """Where each field sits in a sheet's rows, and the header text people see for it."""
    index: dict[str, int]
    label: dict[str, str]

    def has(self, name: str) -> bool:
        return name in self.index


def columns_of(sheet: Sheet, table: str) -> tuple[Columns, list[RowError]]:
    index: dict[str, int] = {}
    label: dict[str, str] = {}
    errors: list[RowError] = []
    for position, text in enumerate(sheet.header):
        name = _COLUMN_OF[table].get(_normal(text)) if text else None
        if name is None:
            continue
        if name in index:
            errors.append(RowError(sheet.name, 1, text, 'The column {column} appears twice.', {'column': text}))
            continue
        index[name], label[name] = position, text
    missing = [name for name in REQUIRED[table] if name not in index]
    if missing:
        errors.append(RowError(sheet.name, 1, None, 'Missing columns: {columns}.', {'columns': ', '.join(missing)}))
    return Columns(index, label), errors


def layout_of(sheets: list[Sheet]) -> tuple[str, dict[str, Sheet], list[str]]:
    """('workbook' or 'single_sheet', the sheets by table, names of sheets left out)."""
    with_rows = [sheet for sheet in sheets if sheet.rows]
    if len(with_rows) == 1 and _is_single_sheet(with_rows[0]):
        others = [sheet.name for sheet in sheets if sheet is not with_rows[0] and sheet.header]
        return SINGLE_SHEET, {SINGLE_SHEET: with_rows[0]}, others
    tables: dict[str, Sheet] = {}
    skipped: list[str] = []
    for sheet in sheets:
        table = _TABLE_OF.get(_normal(sheet.table))
        if table is None:
            skipped.append(sheet.name)
        elif table in tables:
            raise refusal(sheet.name, 'The sheets {first} and {second} are both the {table} table.',
                          first=tables[table].name, second=sheet.name, table=table)
        else:
            tables[table] = sheet
    if not tables:
        if len(with_rows) == 1:  # one sheet that is neither a known table nor a complete single sheet
            return SINGLE_SHEET, {SINGLE_SHEET: with_rows[0]}, []
        raise refusal(sheets[0].name, 'No sheet is named after a table ({tables}), and there is more than one '
                      'sheet, so this is not the single-sheet format either.', tables=', '.join(TABLES))
    return 'workbook', tables, skipped


def _is_single_sheet(sheet: Sheet) -> bool:
    names = {_COLUMN_OF[SINGLE_SHEET].get(_normal(text)) for text in sheet.header}
    return all(name in names for name in REQUIRED[SINGLE_SHEET])
