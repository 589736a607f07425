"""Chart options are built from read models alone, without a browser."""
from datetime import date

from pages.components import charts
from pages.theme import STATUS_HEX
from services.dashboards.views import (
    Adoption,
    Health,
    HealthPart,
    Heatmap,
    HeatRow,
    Link,
    StatRow,
    TeamAdoption,
    Trend,
    TrendSeries,
)

SALES, DEV = Link('team', 2, 'Sales'), Link('team', 3, 'Dev')
HEAT = Heatmap((date(2026, 10, 7), date(2026, 10, 14), date(2026, 10, 21)),
               (HeatRow(SALES, (0.1, -0.25, None)), HeatRow(DEV, (0.3, None, None))))


def test_heatmap_cells_are_points_ahead_of_expected_with_the_first_row_on_top() -> None:
    options = charts.heatmap_options(HEAT)

    assert options['xAxis']['data'] == ['W1', 'W2', 'W3']
    assert options['yAxis']['data'] == ['Dev', 'Sales']
    assert options['series'][0]['data'] == [[0, 1, 10.0], [1, 1, -25.0], [0, 0, 30.0]]
    assert [piece.get('lt') for piece in options['visualMap']['pieces']] == [-40, -20, 0, None]
    assert charts.heat_row(HEAT, 1) == 0


def test_heatmap_bands_follow_the_status_thresholds_and_say_their_numbers() -> None:
    pieces = charts.heat_scale()['pieces']

    assert [piece['color'] for piece in pieces] == [STATUS_HEX['off_track'], STATUS_HEX['at_risk'],
                                                   charts.HEAT_ON_PACE, STATUS_HEX['done']]
    assert all(any(char.isdigit() for char in piece['label']) for piece in pieces)


def test_every_chart_can_be_saved_as_png_and_drawn_without_animation() -> None:
    trend = Trend(2, (0.0, 0.5), (TrendSeries('This cycle', 'Q4', (0.1, None)),))
    built = [charts.heatmap_options(HEAT, animation=False), charts.trend_options(trend, animation=False),
             charts.health_options((), animation=False), charts.adoption_options(Adoption((), (), ()), animation=False),
             charts.scores_options(Adoption((), (), ()), animation=False), charts.stats_options((), animation=False)]

    for options in built:
        assert options['animation'] is False
        assert 'saveAsImage' in options['toolbox']['feature']
        assert options['tooltip']['renderMode'] == 'richText'


def test_trend_shows_expected_progress_and_names_earlier_cycles() -> None:
    trend = Trend(2, (0.0, 0.5), (TrendSeries('This cycle', '2026 Q4', (0.1, None)),
                                  TrendSeries('Previous cycle', '2026 Q3', (0.2, 0.6)),
                                  TrendSeries('Grow <b>revenue</b>', '2026 Q4', (0.3, None), translate=False)))

    options = charts.trend_options(trend)

    assert [series['name'] for series in options['series']] == [
        'Expected', 'This cycle', 'Previous cycle (2026 Q3)', 'Grow <b>revenue</b>']
    assert options['series'][0]['data'] == [0.0, 50.0]
    assert options['series'][1]['data'] == [10.0, None]


def test_health_bars_split_the_score_into_its_weighted_parts() -> None:
    item = Health(SALES, 78, (HealthPart('completion', 1.0, 0.5, ()), HealthPart('timeliness', 0.75, 0.3, ()),
                              HealthPart('contribution', 0.25, 0.2, ())))

    options = charts.health_options((item,))

    assert [series['data'][0] for series in options['series']] == [50.0, 22.5, 5.0]
    assert options['yAxis']['data'] == ['Sales']


def test_adoption_and_score_bands_count_what_the_read_model_says() -> None:
    adoption = Adoption((TeamAdoption(SALES, 4, 3),), (), (('2026 Q3', (1, 3, 1)),))

    assert charts.adoption_options(adoption)['series'][0]['data'] == [75.0]
    assert [series['data'] for series in charts.scores_options(adoption)['series']] == [[1], [3], [1]]


def test_statistics_show_progress_and_task_completion_in_percent() -> None:
    options = charts.stats_options((StatRow(SALES, 0.45, 0.0, 0.15, 1, 4), StatRow(DEV, 0.5, None, None, None, None)))

    assert options['series'][0]['data'] == [45.0, 50.0]
    assert options['series'][1]['data'] == [25.0, None]


def test_heatmap_legend_labels_are_short_enough_for_a_phone() -> None:
    labels = [piece['label'] for piece in charts.heat_scale()['pieces']]

    assert labels == ['≤ −40', '−40…−20', '−20…0', '≥ 0 ahead']


def test_a_wrapped_trend_legend_leaves_room_for_the_week_labels() -> None:
    trend = Trend(2, (0.0, 0.5), (TrendSeries('This cycle', '2026 Q4', (0.1, None)),
                                  TrendSeries('Previous cycle', '2026 Q3', (0.2, 0.6)),
                                  TrendSeries('A year earlier', '2025 Q4', (0.2, 0.6))))

    assert charts.trend_options(trend)['grid']['bottom'] >= 2 * 24 + 30  # two legend rows and the axis labels


def test_statistics_names_can_be_clicked_like_the_other_charts() -> None:
    options = charts.stats_options((StatRow(SALES, 0.45, 0.0, 0.15, 1, 4),))

    assert options['yAxis']['triggerEvent'] is True
