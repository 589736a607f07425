"""The words, colours and font the PDF and PPTX exports share; words are translated into the chosen locale."""
from pathlib import Path

from config import settings
from locales import translate
from services.errors import ServiceError

KNOWN_FONTS = (
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',  # Debian and Ubuntu: fonts-droid-fallback
    '/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf',  # Fedora
)
# Droid's fallback font has Chinese glyphs only: Latin letters and digits come from one of these
KNOWN_LATIN_FONTS = (
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',  # Debian and Ubuntu: fonts-dejavu-core
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',  # Fedora
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
)

STATUS_RGB = {'done': (33, 186, 69), 'on_track': (25, 118, 210), 'at_risk': (242, 192, 55),
              'off_track': (193, 0, 21)}
TRACK_RGB = (224, 224, 224)
INK_RGB = (33, 33, 33)
MUTED_RGB = (117, 117, 117)


def N_(text: str) -> str:  # noqa: N802 (the usual name of the marker)
    """Mark a string for translation where it is defined."""
    return text


STATUS_LABELS = {'done': N_('Done'), 'on_track': N_('On track'), 'at_risk': N_('At risk'),
                 'off_track': N_('Off track')}
WORDS = {
    'company': N_('Company'), 'summary': N_('Summary'), 'objectives': N_('Objectives'),
    'key_results': N_('Key results'), 'progress': N_('Progress'), 'status': N_('Status'), 'score': N_('Score'),
    'owner': N_('Owner'), 'team': N_('Team'), 'average': N_('Average progress'),
    'progress_chart': N_('Progress by objective'), 'score_chart': N_('Score distribution'),
    'retrospective': N_('Retrospective'), 'went_well': N_('What went well'), 'did_not': N_('What did not go well'),
    'gains': N_('Gains'), 'problems': N_('Problems'), 'plan': N_('Plan for the next cycle'),
    'good_share': N_('Scored 0.7 or more'), 'low_share': N_('Scored 0.3 or less'),
    'timeliness': N_('Check-ins on time'), 'none': N_('No objectives in this export.'),
    'scores_note': N_('Scores show learning, not pay: 0.7 is a good score.'),
}


class Words:
    """Translated words for one export."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def __getitem__(self, key: str) -> str:
        return translate(self.locale, WORDS[key])

    def format(self, key: str, **params: object) -> str:
        return translate(self.locale, WORDS[key], **params)

    def status(self, status: str) -> str:
        return translate(self.locale, STATUS_LABELS.get(status, status))


def percent(share: float) -> str:
    return f'{round(share * 100)}%'


def find_font(configured: str | None = None, known: tuple[str, ...] = KNOWN_FONTS) -> Path:
    """The font with Chinese glyphs: OKRBOARD_PDF_FONT when set, else the first known path that exists."""
    configured = settings().pdf_font if configured is None else configured
    candidates = (configured,) if configured else known
    for candidate in candidates:
        if Path(candidate).is_file():
            return Path(candidate)
    raise ServiceError('No font with Chinese characters was found for the PDF: install fonts-droid-fallback or set '
                       'OKRBOARD_PDF_FONT to a .ttf file.')


def find_latin_font(known: tuple[str, ...] = KNOWN_LATIN_FONTS) -> Path | None:
    """A font for Latin text; None when the Chinese font has to cover it alone."""
    return next((Path(candidate) for candidate in known if Path(candidate).is_file()), None)
