"""The light formatting of comments: bold, italic and web links only; everything else stays text."""
from pages.components.comments import Segment, segments


def test_bold_italic_and_a_web_link_are_recognised() -> None:
    assert segments('**Big** and *small* at https://example.com/x.') == [
        Segment('bold', 'Big'), Segment('text', ' and '), Segment('italic', 'small'), Segment('text', ' at '),
        Segment('link', 'https://example.com/x'), Segment('text', '.')]


def test_other_schemes_and_markdown_links_stay_plain_text() -> None:
    for text in ('javascript:alert(1)', '[x](javascript:alert(1))', 'data:text/html,<b>x</b>', 'ftp://a.b/c',
                 '<script>alert(1)</script>', 'https://'):
        assert segments(text) == [Segment('text', text)]
