"""What text a slide can draw: the one rule for the title slide's details and the quiz terms.

Text is drawn with Pango in the lecture's font (Lato, with the system's fallback fonts),
never through LaTeX. Emoji cannot be drawn: the installed fonts have none, and a colour
emoji font would not help (manim keeps a glyph's outline, and colour emoji are pictures), so
each would be an empty box. A text that is too long or has too many lines does not fit
where its slide puts it (the limits are set by the schema and the quiz file's checks).
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


def undrawable(text: str) -> str | None:
    """Why ``text`` cannot be drawn on a slide as written, or None: a control character or
    an emoji, named with its code point."""
    for ch in text:
        code = ord(ch)
        if ch != "\n" and (code < 32 or 0x7F <= code < 0xA0):
            return f"contains a control character (U+{code:04X})"
        if any(low <= code <= high for low, high in EMOJI_RANGES):
            name = unicodedata.name(ch, "no name")
            return (
                f"contains {ch!r} (U+{code:04X} {name}), which the slides cannot draw (the "
                "lecture's fonts have no emoji or pictographs: it would be an empty box)"
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
