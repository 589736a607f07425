"""The read-only parts of a retrospective page: numbers, charts and the key results that went well or not."""
from collections.abc import Callable

from nicegui import ui

from pages import theme
from pages.components import charts
from pages.components.format import number, percent
from pages.components.score_note import score_note
from pages.i18n import N_, _
from services.retrospective_types import RetroItem, RetroNumbers


def score_options(numbers: RetroNumbers, translate: charts.Translate = charts._plain, animation: bool = True) -> dict:
    """How many key results scored in each band: a bar per band, coloured from bad to good."""
    return {
        **charts.base(translate, animation),
        'xAxis': {'type': 'category', 'data': [translate(name)  # the labels of metrics.SCORE_BANDS
                                               for name, _ in numbers.score_buckets]},
        'yAxis': {'type': 'value', 'minInterval': 1},
        'series': [{'type': 'bar', 'name': translate(N_('Key results')), 'barMaxWidth': 48,
                    'data': [{'value': count, 'itemStyle': {'color': charts.BAND_COLORS[index]}}
                             for index, (_, count) in enumerate(numbers.score_buckets)],
                    'label': {'show': True, 'position': 'top'}}],
    }


def health_line_options(numbers: RetroNumbers, translate: charts.Translate = charts._plain,
                        animation: bool = True) -> dict:
    """Health 0-100 at each week's end of the cycle."""
    return {
        **charts.base(translate, animation),
        'tooltip': {'trigger': 'axis', 'renderMode': 'richText', 'confine': True},
        'xAxis': {'type': 'category', 'data': [day.strftime('%m-%d') for day, _ in numbers.health],
                  'axisLabel': {'hideOverlap': True}},
        'yAxis': {'type': 'value', 'min': 0, 'max': 100},
        'series': [{'type': 'line', 'name': translate(N_('Health')), 'data': [value for _, value in numbers.health],
                    'color': charts.PART_COLORS['completion']}],
    }


def figure(label: str, value: str, testid: str) -> None:
    with ui.card().classes('p-2 gap-0 min-w-[9rem] flex-1').props('flat bordered'):
        ui.label(value).classes('text-h6').props(f'data-testid={testid}')
        ui.label(label).classes(f'{theme.MUTED} break-words')


def numbers_section(numbers: RetroNumbers) -> None:
    score_note()
    with ui.row().classes('w-full gap-2'):
        figure(_('Objectives'), str(numbers.objectives), 'retro-objectives')
        figure(_('Key results'), str(numbers.key_results), 'retro-key-results')
        figure(_('Scored 0.7 or more'), percent(numbers.share_good), 'retro-share-good')
        figure(_('Scored 0.3 or less'), percent(numbers.share_low), 'retro-share-low')
        figure(_('Check-ins on time'), percent(numbers.timeliness) if numbers.timeliness is not None else '—',
               'retro-timeliness')
    if numbers.key_results:
        ui.label(_('Score distribution')).classes('font-medium pt-2')
        ui.echart(score_options(numbers, _)).classes('w-full h-56').props('data-testid=retro-scores')
    if numbers.health:
        ui.label(_('Health over the cycle')).classes('font-medium pt-2')
        ui.echart(health_line_options(numbers, _)).classes('w-full h-56').props('data-testid=retro-health')


def items_section(title: str, items: tuple[RetroItem, ...], testid: str,
                  lesson: Callable[[RetroItem], None]) -> None:
    """Key results with their score and the check-in notes that tell the story."""
    ui.label(title).classes(f'{theme.TITLE} pt-2')
    if not items:
        ui.label(_('No key results.')).classes(theme.MUTED)
    for item in items:
        with ui.card().classes(theme.CARD).props(f'flat bordered data-testid={testid} data-kr-id={item.key_result_id}'):
            with ui.row().classes('w-full items-start gap-2 no-wrap'):
                ui.label(item.title).classes('font-medium break-words min-w-0 flex-1')
                ui.badge(number(item.score), color='grey-8').props('data-testid=retro-item-score')
            details = [item.objective_title] + ([item.owner_name] if item.owner_name else [])
            ui.label(' · '.join(details)).classes(f'{theme.MUTED} break-words w-full')
            for note in item.notes:
                ui.label(f'“{note}”').classes('text-sm break-words whitespace-pre-wrap w-full')
            lesson(item)
