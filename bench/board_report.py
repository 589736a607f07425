"""The board bench's results: one plain dict (written as JSON), the table on stdout, and the budgets."""
import math
import os
from datetime import date

from bench.board_demo import DemoBoard
from bench.board_measure import Level, Run

LATENCY_BUDGET_MS = 150.0  # p95 from a check-in's save to its arrival at a board, with 50 boards open
IDLE_RSS_RATIO = 1.6  # okrboard's idle memory against the bare page's
BUSY_RSS_RATIO = 2.0  # with 50 boards open against the bare page with 50 clients


def results(okrboard: Run, bare: Run, board: DemoBoard, shape: tuple[int, int], bare_push: str,
            checkins: int) -> dict:
    levels = [{'clients': mine.clients, 'okrboard': _level(mine), 'bare': _level(theirs),
               'median_ratio': _ratio(mine.median_ms, theirs.median_ms),
               'p95_ratio': _ratio(mine.p95_ms, theirs.p95_ms),
               'rss_ratio': _ratio(mine.rss_mb, theirs.rss_mb)}
              for mine, theirs in zip(okrboard.levels, bare.levels, strict=True)]
    found = {
        'date': date.today().isoformat(), 'cores': os.cpu_count(), 'checkins_per_level': checkins,
        'bare_push': bare_push,
        'board': {'path': board.path, 'key_result_id': board.key_result_id, 'people': shape[0],
                  'key_results': shape[1]},
        'idle_rss_mb': {'okrboard': round(okrboard.idle_rss_mb, 1), 'bare': round(bare.idle_rss_mb, 1),
                        'ratio': _ratio(okrboard.idle_rss_mb, bare.idle_rss_mb)},
        'levels': levels,
    }
    found['budgets'] = budgets(found)
    return found


def _level(level: Level) -> dict:
    return {'median_ms': _round(level.median_ms), 'p95_ms': _round(level.p95_ms),
            'first_median_ms': _round(level.first_median_ms), 'last_p95_ms': _round(level.last_p95_ms),
            'pairs': len(level.latencies_ms), 'missed': level.missed,
            'median_elements': level.median_elements, 'queries': level.queries,
            'median_queries': level.median_queries, 'rss_mb': _round(level.rss_mb)}


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 1)


def _ratio(mine: float, theirs: float) -> float | None:
    if math.isnan(mine) or math.isnan(theirs) or theirs <= 0:
        return None
    return round(mine / theirs, 2)


def budgets(found: dict) -> list[dict]:
    """Each budget with the measured value and whether it holds; the largest level stands for '50 boards'."""
    top = found['levels'][-1]
    clients, p95 = top['clients'], top['okrboard']['p95_ms']
    queries = [level['okrboard']['median_queries'] for level in found['levels']]
    missed = sum(level[app]['missed'] for level in found['levels'] for app in ('okrboard', 'bare'))
    idle, busy = found['idle_rss_mb']['ratio'], top['rss_ratio']
    return [
        _budget(f'check-in to {clients} boards, p95', _text(p95, ' ms'), f'< {LATENCY_BUDGET_MS:g} ms',
                p95 is not None and p95 < LATENCY_BUDGET_MS),
        _budget('idle RSS / bare page', _text(idle, 'x'), f'<= {IDLE_RSS_RATIO:g}x',
                idle is not None and idle <= IDLE_RSS_RATIO),
        _budget(f'RSS with {clients} boards / bare page with {clients}', _text(busy, 'x'), f'<= {BUSY_RSS_RATIO:g}x',
                busy is not None and busy <= BUSY_RSS_RATIO),
        _budget('queries per check-in, by boards open', ' / '.join(_text(count) for count in queries),
                'the same at every level', None not in queries and len(set(queries)) == 1),
        _budget('changes that missed a client', str(missed), '0', missed == 0),
    ]


def _budget(name: str, value: str, limit: str, ok: bool) -> dict:
    return {'name': name, 'value': value, 'limit': limit, 'ok': ok}


def _text(value: float | None, unit: str = '') -> str:
    return '-' if value is None else f'{value:g}{unit}'


def report(found: dict) -> str:
    board = found['board']
    lines = [f'board {board["path"]}: {board["people"]} people, {board["key_results"]} key results; '
             f'bare page push: {found["bare_push"]}; {found["checkins_per_level"]} changes per level; '
             f'{found["cores"]} cores, load {found.get("load_average", "-")}; {found["date"]}', '',
             f'{"":>7}  {"okrboard: check-in -> each board, ms":<45}  {"bare: save -> each client, ms":<45}',
             f'{"clients":>7}  {_LATENCY_HEADER}  {_LATENCY_HEADER}  {"p95 ratio":>9}']
    for level in found['levels']:
        lines.append(f'{level["clients"]:>7}  {_latency(level["okrboard"])}  {_latency(level["bare"])}  '
                     f'{_text(level["p95_ratio"], "x"):>9}')
    idle = found['idle_rss_mb']
    lines += ['', f'{"clients":>7}  {"okrboard RSS MB":>15}  {"bare RSS MB":>11}  {"ratio":>6}  '
                  f'{"queries per check-in":>20}',
              f'{"idle":>7}  {idle["okrboard"]:>15}  {idle["bare"]:>11}  {_text(idle["ratio"], "x"):>6}  '
              f'{"(" + _text(idle.get("okrboard_right_after_demo_load"), " MB right after --demo") + ")":>20}']
    for level in found['levels']:
        mine, theirs = level['okrboard'], level['bare']
        queries = f'{min(mine["queries"])}-{max(mine["queries"])}' if mine['queries'] else '-'
        lines.append(f'{level["clients"]:>7}  {_text(mine["rss_mb"]):>15}  {_text(theirs["rss_mb"]):>11}  '
                     f'{_text(level["rss_ratio"], "x"):>6}  {queries:>20}')
    lines += ['', 'budgets:']
    width = max(len(budget['name']) for budget in found['budgets'])
    for budget in found['budgets']:
        lines.append(f'  {budget["name"]:<{width}}  {budget["value"]:>14}  {budget["limit"]:<24} '
                     f'{"ok" if budget["ok"] else "EXCEEDED"}')
    if 'seconds' in found:
        lines.append(f'({found["seconds"]:g} s)')
    return '\n'.join(lines)


_LATENCY_HEADER = f'{"median":>6} {"p95":>6} {"first":>6} {"last p95":>8} {"missed":>6} {"elements":>8}'


def _latency(level: dict) -> str:
    """Milliseconds: over every (change, client) pair, the first client's median, the last one's p95; update size."""
    return (f'{_text(level["median_ms"]):>6} {_text(level["p95_ms"]):>6} {_text(level["first_median_ms"]):>6} '
            f'{_text(level["last_p95_ms"]):>8} {level["missed"]:>6} {_text(level["median_elements"]):>8}')
