"""Design tokens: the only place with colours and recurring class lists."""
from nicegui import ui

STATUS_COLOR = {'done': 'positive', 'on_track': 'primary', 'at_risk': 'warning', 'off_track': 'negative'}
STATUS_HEX = {'done': '#21ba45', 'on_track': '#1976d2', 'at_risk': '#f2c037', 'off_track': '#c10015'}
CARD = 'w-full p-3 gap-1'
PAGE = 'w-full max-w-3xl mx-auto p-3 gap-3'
WIDE_PAGE = 'w-full max-w-6xl mx-auto p-3 gap-3'
SCREEN_PAGE = 'w-full p-3 gap-3'  # a board on a TV uses the whole width
MUTED = 'text-sm text-grey-7'
TITLE = 'text-h6 font-medium'
TOUCH = 'min-h-[44px]'


def apply() -> None:
    ui.colors(primary='#1f6feb', secondary='#57606a', accent='#8250df', positive='#1a7f37',
              negative='#cf222e', warning='#d4a72c', info='#0969da')


