"""ECharts options for the key results' progress over time (pure: no UI calls)."""
from collections.abc import Sequence
from datetime import datetime


def history_options(series: Sequence[tuple[str, Sequence[tuple[datetime, float]]]]) -> dict:
    """A line per key result: (title, [(moment, progress 0..1), ...]) drawn as percent over time."""
    return {
        'animation': False,  # still pictures in tests and screenshots
        'grid': {'left': 40, 'right': 12, 'top': 16, 'bottom': 64, 'containLabel': False},
        'tooltip': {'trigger': 'axis', 'renderMode': 'richText'},  # drawn, not HTML: titles are user text
        'legend': {'type': 'scroll', 'bottom': 0},
        # phones are narrow; numeric dates read the same in every language (ECharts names months in its own)
        'xAxis': {'type': 'time', 'splitNumber': 4, 'axisLabel': {'hideOverlap': True, 'formatter': '{MM}-{dd}'}},
        'yAxis': {'type': 'value', 'min': 0, 'max': 100, 'axisLabel': {'formatter': '{value}%'}},
        'series': [{'type': 'line', 'name': title, 'step': 'end', 'showSymbol': True,
                    'data': [[moment.isoformat(), round(progress * 100, 1)] for moment, progress in points]}
                   for title, points in series],
    }
