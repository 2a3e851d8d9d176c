"""What text a slide can draw: the one rule for the title slide's details and the quiz terms.

Text is drawn with Pango in the lecture's font (Lato, with the system's fallback fonts),
never through LaTeX. Emoji cannot be drawn: the installed fonts have none, and a colour
emoji font would not help (manim keeps a glyph's outline, and colour emoji are pictures), so
each would be an empty box. Nor can any other character outside :data:`DRAWABLE_RANGES`, the
scripts and symbols that the fonts the set-up installs (Lato and DejaVu Sans, in
``deps/debian-packages.txt``) draw in full, regular and bold (a test checks every character
of the ranges against those fonts): Chinese, Japanese, Korean, Thai, Arabic, ... would be
empty boxes too. Hebrew is left out although DejaVu Sans has its letters: manim's Text loses
glyphs of right-to-left text at the slides' small sizes, and the scene would fail. A text
that is too long or has too many lines does not fit where its slide puts it (the limits are
set by the schema and the quiz file's checks).
"""

from __future__ import annotations

import unicodedata

#: Code point ranges of emoji and pictographs (no outline glyphs in the slides' fonts).
EMOJI_RANGES = (
    (0x1F000, 0x1FFFF),  # mahjong, cards, enclosed, pictographs, emoticons, transport, ...
    (0xFE00, 0xFE0F),  # variation selectors (emoji presentation)
    (0x200D, 0x200D),  # zero-width joiner (emoji sequences)
    (0xE000, 0xF8FF),  # private use (no standard glyph)
    (0xE0000, 0xE007F),  # tags (flag sequences)
)

#: Code point ranges the lecture's fonts (Lato, DejaVu Sans) draw, every assigned character.
DRAWABLE_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x0525),  # Latin-1, Latin Extended-A/B, IPA, accents, Greek, Cyrillic
    (0x0531, 0x055F),  # Armenian capitals and marks
    (0x0561, 0x0587),  # Armenian small letters
    (0x10A0, 0x10C5),  # Georgian capitals
    (0x10D0, 0x10FA),  # Georgian letters
    (0x1E00, 0x1EFB),  # Latin Extended Additional (Vietnamese, Welsh, ...)
    (0x1F00, 0x2064),  # Greek Extended, general punctuation
    (0x2070, 0x20B5),  # superscripts and subscripts, currency signs
    (0x2100, 0x2109),  # letterlike symbols
    (0x210B, 0x2149),
    (0x2150, 0x2185),  # fractions, Roman numerals
    (0x2190, 0x2311),  # arrows, mathematical operators
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes
    (0x27F0, 0x27FF),  # long arrows
)
FONTS = "Lato and DejaVu Sans"


def undrawable(text: str) -> str | None:
    """Why ``text`` cannot be drawn on a slide as written, or None: a control character, an
    emoji or another character outside :data:`DRAWABLE_RANGES`, named with its code point."""
    for ch in text:
        code = ord(ch)
        if ch != "\n" and (code < 32 or 0x7F <= code < 0xA0):
            return f"contains a control character (U+{code:04X})"
        name = unicodedata.name(ch, "no name")
        if any(low <= code <= high for low, high in EMOJI_RANGES):
            return (
                f"contains {ch!r} (U+{code:04X} {name}), which the slides cannot draw (the "
                "lecture's fonts have no emoji or pictographs: it would be an empty box)"
            )
        if ch != "\n" and not any(low <= code <= high for low, high in DRAWABLE_RANGES):
            return (
                f"contains {ch!r} (U+{code:04X} {name}), which the slides cannot draw (the "
                f"lecture's fonts, {FONTS}, have no such letter: it would be an empty box; "
                "they draw Latin, Greek, Cyrillic, Armenian and Georgian letters, punctuation, "
                "arrows and mathematical symbols, no right-to-left script)"
            )
    return None


def too_long(text: str, longest: int, lines: int) -> str | None:
    """Why ``text`` does not fit its place on the slide (more than ``lines`` lines, or a line
    of more than ``longest`` characters), or None."""
    parts = text.splitlines() or [""]
    if len(parts) > lines:
        return f"has {len(parts)} lines; its place on the slide has room for " + (
            "1 line (no line breaks)" if lines == 1 else f"{lines} lines"
        )
    if max(len(line) for line in parts) > longest:
        return (
            f"has a line of {max(len(line) for line in parts)} characters: it is too long "
            "to fit on the slide"
        )
    return None
