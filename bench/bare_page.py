"""The bare NiceGUI app okrboard's board is compared with: a board-like page of cards and a phone page to save from.

`python bench/bare_page.py --port PORT --cards 5 --rows 4 [--push text|rebuild]` serves on 127.0.0.1 only:
- `/`: `cards` cards of `rows` rows each (labels, a progress bar, a badge); row 0-0's value
  (data-testid=bare-value) shows the last saved value;
- `/phone`: a number input (bare-input) and a Save button (bare-save) that tells every open board, which then
  sets that one label's text (`text`, the least NiceGUI can do) or rebuilds all its cards (`rebuild`);
- `/healthz`: answers once the app serves.
No database and no sign-in: what is left is NiceGUI's own cost of the same pages and pushes.
"""
import argparse

from nicegui import Event, app, ui

saved: Event[[]] = Event()
state = {'value': 0.0, 'cards': 5, 'rows': 4, 'push': 'text'}


def _value() -> str:
    return f'{state["value"]:g} / 100'


def _row(card: int, row: int, labels: dict[str, ui.label]) -> None:
    with ui.column().classes('w-full gap-1 py-2 border-t').props(f'data-testid=bare-row data-row-id={card}-{row}'):
        ui.label(f'Objective {card + 1}').classes('text-sm lg:text-base text-grey-7 break-words w-full')
        ui.label(f'Key result {card + 1}.{row + 1}').classes('text-lg lg:text-2xl font-medium break-words w-full')
        ui.linear_progress(value=0.5, show_value=False, size='18px', color='positive').props('rounded')
        with ui.row().classes('w-full items-center gap-x-4 gap-y-1 text-base lg:text-xl'):
            value = ui.label(_value() if (card, row) == (0, 0) else f'{10 * row + card} / 100')
            value.classes('font-medium').props('data-testid=bare-value')
            if (card, row) == (0, 0):
                labels['value'] = value
            ui.label('50%')
            ui.label('+5%').classes('text-positive')
            ui.badge('on track', color='positive').classes('text-base')


@ui.page('/')
def board_page() -> None:
    labels: dict[str, ui.label] = {}

    @ui.refreshable
    def cards() -> None:
        with ui.element('div').classes('w-full grid grid-cols-1 md:grid-cols-2 xl:grid-cols-3 gap-4'):
            for card in range(state['cards']):
                with ui.card().classes('w-full p-4 gap-2 min-w-0').props('flat bordered'):
                    ui.label(f'Person {card + 1}').classes('text-xl lg:text-3xl font-bold break-words w-full')
                    for row in range(state['rows']):
                        _row(card, row, labels)

    def on_saved() -> None:
        if state['push'] == 'text':
            labels['value'].set_text(_value())
        else:
            cards.refresh()

    ui.label('Stand-up board').classes('text-h5')
    cards()
    saved.subscribe(on_saved)


@ui.page('/phone')
def phone_page() -> None:
    def save() -> None:
        state['value'] = float(number.value or 0)
        saved.emit()
        ui.notify('Saved', type='positive')

    number = ui.number('New value', value=state['value']).props('outlined data-testid=bare-input').classes('w-full')
    ui.button('Save', on_click=save).props('unelevated data-testid=bare-save').classes('w-full min-h-[44px]')


@app.get('/healthz')
def health() -> dict[str, str]:
    return {'status': 'ok'}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--cards', type=int, default=state['cards'])
    parser.add_argument('--rows', type=int, default=state['rows'])
    parser.add_argument('--push', choices=('text', 'rebuild'), default=state['push'])
    options = parser.parse_args()
    state.update(cards=max(1, options.cards), rows=max(1, options.rows), push=options.push)
    ui.run(host='127.0.0.1', port=options.port, title='bare', reload=False, show=False)


if __name__ in {'__main__', '__mp_main__'}:
    main()
