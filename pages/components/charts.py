"""ECharts options for the dashboard, built from its read models (pure: no UI calls, tested without a browser)."""
from collections.abc import Callable

from pages.i18n import N_
from pages.theme import STATUS_HEX
from services import metrics
from services.dashboards.views import Adoption, Health, Heatmap, StatRow, Trend

Translate = Callable[..., str]
HEAT_ON_PACE = '#b7e4c0'  # within 20 points behind: on track, by the status definition
PART_LABELS = {'completion': N_('Completion'), 'timeliness': N_('Timeliness'), 'contribution': N_('Contribution')}
PART_COLORS = {'completion': '#1f6feb', 'timeliness': '#8250df', 'contribution': '#1a7f37'}
TREND_LABELS = (N_('This cycle'), N_('Previous cycle'), N_('A year earlier'))  # the service's line names
BAND_COLORS = (STATUS_HEX['off_track'], STATUS_HEX['at_risk'], STATUS_HEX['done'])


def _plain(text: str, /, **params: object) -> str:
    return text.format(**params) if params else text


def base(translate: Translate = _plain, animation: bool = True, name: str = 'chart') -> dict:
    """What every dashboard chart shares: the PNG download (named after the chart), drawn tooltips, phone labels."""
    return {
        'animation': animation,
        'toolbox': {'right': 4, 'top': 0, 'feature': {'saveAsImage': {'title': translate(N_('Save as PNG')),
                                                                      'name': f'okrboard-{name}', 'pixelRatio': 2}}},
        'tooltip': {'renderMode': 'richText', 'confine': True},  # drawn, not HTML: names are user text
        'grid': {'left': 8, 'right': 16, 'top': 36, 'bottom': 8, 'containLabel': True},
    }


def week_labels(count: int, translate: Translate = _plain) -> list[str]:
    return [translate(N_('W{number}'), number=index + 1) for index in range(count)]


def points(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def heatmap_options(heatmap: Heatmap, translate: Translate = _plain, animation: bool = True) -> dict:
    """Rows are units or people (top first), columns weeks; a cell is progress minus expected progress, in points."""
    names = [row.subject.title for row in heatmap.rows]
    data = [[column, len(names) - 1 - row_index, points(cell)]
            for row_index, row in enumerate(heatmap.rows) for column, cell in enumerate(row.cells) if cell is not None]
    return {
        **base(translate, animation, 'heatmap'),
        'grid': {'left': 8, 'right': 16, 'top': 36, 'bottom': 56, 'containLabel': True},
        'xAxis': {'type': 'category', 'data': week_labels(len(heatmap.weeks), translate), 'splitArea': {'show': True},
                  'axisLabel': {'hideOverlap': True}},
        'yAxis': {'type': 'category', 'data': list(reversed(names)), 'splitArea': {'show': True},
                  'axisLabel': {'width': 112, 'overflow': 'truncate'}, 'triggerEvent': True},
        'visualMap': heat_scale(translate),
        'series': [{'type': 'heatmap', 'name': translate(N_('Points ahead of expected progress')), 'data': data,
                    'label': {'show': False}}],  # a phone is too narrow for numbers; the tooltip has them
    }


def heat_scale(translate: Translate = _plain) -> dict:
    """Four bands with the thresholds of the status definition, so a cell's colour reads as a status."""
    off, risk = round(metrics.OFF_TRACK_PACE * 100), round(metrics.AT_RISK_PACE * 100)
    return {'type': 'piecewise', 'orient': 'horizontal', 'left': 'center', 'bottom': 0, 'itemGap': 4,
            'itemWidth': 12, 'itemHeight': 12, 'textGap': 4,  # four bands side by side on a 390px phone
            'pieces': [
                {'lt': off, 'color': STATUS_HEX['off_track'], 'label': f'≤ {signed(off)}'},
                {'gte': off, 'lt': risk, 'color': STATUS_HEX['at_risk'], 'label': f'{signed(off)}…{signed(risk)}'},
                {'gte': risk, 'lt': 0, 'color': HEAT_ON_PACE, 'label': f'{signed(risk)}…0'},
                {'gte': 0, 'color': STATUS_HEX['done'], 'label': translate(N_('≥ 0 ahead'))}]}


def signed(value: int) -> str:
    """A typographic minus: short legend labels that fit a phone."""
    return f'−{-value}' if value < 0 else str(value)


def heat_row(heatmap: Heatmap, y_index: int) -> int:
    """The row a clicked cell or axis label stands for (the y axis lists rows bottom-up)."""
    return len(heatmap.rows) - 1 - y_index


def trend_options(trend: Trend, translate: Translate = _plain, animation: bool = True) -> dict:
    """Progress per week, in percent: this cycle, the earlier cycles it is compared with, its objectives."""
    series = [{'type': 'line', 'name': translate(N_('Expected')), 'data': [points(value) for value in trend.expected],
               'lineStyle': {'type': 'dashed', 'width': 1}, 'showSymbol': False, 'color': '#8c959f'}]
    for line in trend.series:
        name = translate(line.name) if line.translate else line.name
        if line.translate and line.name != 'This cycle':
            name = f'{name} ({line.cycle_name})'
        series.append({'type': 'line', 'name': name, 'data': [points(value) for value in line.points],
                       'connectNulls': False, 'lineStyle': {'width': 3 if line.name == 'This cycle' else 1.5,
                                                            'type': 'solid' if line.translate else 'dotted'}})
    return {
        **base(translate, animation, 'trend'),
        'tooltip': {'trigger': 'axis', 'renderMode': 'richText', 'confine': True},
        # a few lines wrap onto two legend rows; many (one per objective) page instead
        'legend': {'type': 'scroll' if len(series) > 5 else 'plain', 'bottom': 0},
        # a wrapped legend takes two rows of about 24px: the week labels stay clear of it
        'grid': {'left': 8, 'right': 16, 'top': 36, 'bottom': 48 if len(series) > 5 else 84, 'containLabel': True},
        'xAxis': {'type': 'category', 'data': week_labels(trend.weeks, translate), 'axisLabel': {'hideOverlap': True}},
        'yAxis': {'type': 'value', 'min': 0, 'max': 100, 'axisLabel': {'formatter': '{value}%'}},
        'series': series,
    }


def health_options(healths: tuple[Health, ...], translate: Translate = _plain, animation: bool = True) -> dict:
    """A bar per unit or person, split into what each part adds to the score (the parts sum to the score)."""
    names = [item.subject.title for item in healths]
    part_names = [part.name for part in healths[0].parts] if healths else list(PART_COLORS)
    series = []
    for index, part_name in enumerate(part_names):
        series.append({'type': 'bar', 'stack': 'score', 'name': translate(PART_LABELS.get(part_name, part_name)),
                       'color': PART_COLORS.get(part_name), 'barMaxWidth': 28,
                       'data': [share_of_score(item, index) for item in healths]})
    return {
        **base(translate, animation, 'health'),
        'tooltip': {'trigger': 'axis', 'axisPointer': {'type': 'shadow'}, 'renderMode': 'richText', 'confine': True},
        'legend': {'bottom': 0},
        'grid': {'left': 8, 'right': 16, 'top': 36, 'bottom': 40, 'containLabel': True},
        'xAxis': {'type': 'value', 'min': 0, 'max': 100},
        'yAxis': {'type': 'category', 'data': names, 'inverse': True, 'triggerEvent': True,
                  'axisLabel': {'width': 96, 'overflow': 'truncate'}},
        'series': series,
    }


def share_of_score(item: Health, index: int) -> float:
    """What one part adds to the score, in points: its value times its weight."""
    part = item.parts[index]
    return round(part.value * part.weight * 100, 1)


def adoption_options(adoption: Adoption, translate: Translate = _plain, animation: bool = True) -> dict:
    """The share of key results updated this week, a bar per team."""
    teams = adoption.teams
    return {
        **base(translate, animation, 'adoption'),
        'grid': {'left': 8, 'right': 48, 'top': 36, 'bottom': 8, 'containLabel': True},  # room for the labels
        'xAxis': {'type': 'value', 'min': 0, 'max': 100, 'axisLabel': {'formatter': '{value}%'}},
        'yAxis': {'type': 'category', 'data': [team.team.title for team in teams], 'inverse': True,
                  'triggerEvent': True, 'axisLabel': {'width': 96, 'overflow': 'truncate'}},
        'series': [{'type': 'bar', 'name': translate(N_('Key results updated this week')), 'barMaxWidth': 24,
                    'data': [points(team.share) for team in teams], 'label': {'show': True, 'position': 'right',
                                                                              'formatter': '{c}%'}}],
    }


def scores_options(adoption: Adoption, translate: Translate = _plain, animation: bool = True) -> dict:
    """How the key results of closed cycles scored: a stacked bar per cycle, in three bands."""
    bands = tuple(translate(band) for band in metrics.SCORE_BANDS)  # the same labels as the retrospective
    return {
        **base(translate, animation, 'scores'),
        'tooltip': {'trigger': 'axis', 'axisPointer': {'type': 'shadow'}, 'renderMode': 'richText', 'confine': True},
        'legend': {'bottom': 0},
        'grid': {'left': 8, 'right': 16, 'top': 36, 'bottom': 40, 'containLabel': True},
        'xAxis': {'type': 'category', 'data': [name for name, _ in adoption.scores]},
        'yAxis': {'type': 'value', 'minInterval': 1},
        'series': [{'type': 'bar', 'stack': 'scores', 'name': band, 'color': BAND_COLORS[index], 'barMaxWidth': 40,
                    'data': [counts[index] for _, counts in adoption.scores]} for index, band in enumerate(bands)],
    }


def stats_options(stats: tuple[StatRow, ...], translate: Translate = _plain, animation: bool = True) -> dict:
    """Progress and action-plan task completion per unit or person, side by side, in percent."""
    return {
        **base(translate, animation, 'statistics'),
        'tooltip': {'trigger': 'axis', 'axisPointer': {'type': 'shadow'}, 'renderMode': 'richText', 'confine': True},
        'legend': {'bottom': 0},
        'grid': {'left': 8, 'right': 16, 'top': 36, 'bottom': 40, 'containLabel': True},
        'xAxis': {'type': 'value', 'min': 0, 'max': 100, 'axisLabel': {'formatter': '{value}%'}},
        'yAxis': {'type': 'category', 'data': [row.subject.title for row in stats], 'inverse': True,
                  'triggerEvent': True, 'axisLabel': {'width': 96, 'overflow': 'truncate'}},
        'series': [{'type': 'bar', 'name': translate(N_('Progress')), 'barMaxWidth': 16,
                    'data': [points(row.progress) for row in stats]},
                   {'type': 'bar', 'name': translate(N_('Tasks done')), 'barMaxWidth': 16,
                    'data': [points(row.task_rate) for row in stats]}],
    }
