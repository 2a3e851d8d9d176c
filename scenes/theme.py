"""The lecture's one look: colors by role, fonts, sizes, number format, text builders.

Every scene and drawing takes its colors and type from here, so the whole lecture can be
re-themed in one place. Sizes are chosen to stay legible at 480p.
"""

from __future__ import annotations

from typing import TypeVar

from manim import UP, DecimalNumber, MathTex, Mobject, Tex, Text, VGroup, VMobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.mobject.text import numbers

M = TypeVar("M", bound=Mobject)

# -- colors by role ---------------------------------------------------------------------
BACKGROUND = "#0E1117"
TEXT = "#ECEFF4"
MUTED = "#8C96A8"
PANEL = "#1A1F2B"  # boxes behind tables and formulas
DATA = "#5CC8E8"  # data points, inputs
MODEL = "#FFC857"  # the model: lines, boundaries, parameters
COST = "#FF6B6B"  # cost / error: residuals, MSE, J
GRADIENT = "#7BD389"  # derivatives, gradient steps, tangents
CLASS0 = "#4C9BE8"  # class c = 0 ("blue")
CLASS1 = "#F5A142"  # class c = 1 ("orange")
ACCENT = "#C792EA"  # highlights: the path being differentiated, the "aha"
REAL = "#7BD389"  # Balderdash: a real term
FAKE = "#FF6B6B"  # Balderdash: a generated term
POSITIVE_WEIGHT = CLASS1
NEGATIVE_WEIGHT = CLASS0

# -- type ---------------------------------------------------------------------------------
FONT = "Lato"
TITLE_SIZE = 56
HEADING_SIZE = 40
BODY_SIZE = 30
SMALL_SIZE = 24
TINY_SIZE = 20
MATH_SIZE = 40

# -- timing -------------------------------------------------------------------------------
BEAT_PAUSE = 0.8  # seconds a video holds at each slide break
EDGE_BUFFER = 0.35

# -- numbers ------------------------------------------------------------------------------
MINUS = "\u2212"


def fmt(value: float, digits: int = 3) -> str:
    """Format a number for a slide: fixed ``digits`` decimals and a typographic minus."""
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = MINUS + text[1:] if float(text) != 0.0 else text[1:]
    return text


def fmt_tex(value: float, digits: int = 3) -> str:
    """The same number for LaTeX (an ASCII minus, which TeX typesets as a minus)."""
    return fmt(value, digits).replace(MINUS, "-")


def percent(value: float, digits: int = 0) -> str:
    """A fraction 0..1 as a percentage, e.g. 0.9812 -> '98%'."""
    return f"{100.0 * value:.{digits}f}%"


# -- builders -----------------------------------------------------------------------------
def light(mobject: M) -> M:
    """Drop the parsed SVG paths each glyph keeps after its points are made.

    manim deep-copies a mobject at the start of every animation on it; with these parsed
    paths a 60-letter Text took 81 ms to copy, without them 2 ms (measured here). The glyphs'
    points, colors and submobjects are untouched.
    """
    for part in mobject.get_family():
        if isinstance(part, VMobjectFromSVGPath):
            part.path_obj = None
    if isinstance(mobject, Text):
        mobject.id_to_vgroup_dict = {}  # only Tex uses it (to color by substring)
    return mobject


def text(content: str, size: float = BODY_SIZE, color: str = TEXT, **kwargs) -> Text:
    """Plain text in the lecture font (never LaTeX: safe for any characters)."""
    return light(Text(content, font=FONT, font_size=size, color=color, **kwargs))


def math(*tex: str, size: float = MATH_SIZE, color: str = TEXT, **kwargs) -> MathTex:
    """A LaTeX formula in math mode."""
    return light(MathTex(*tex, font_size=size, color=color, **kwargs))


def tex(*content: str, size: float = BODY_SIZE, color: str = TEXT, **kwargs) -> Tex:
    """LaTeX text mode (for mixed prose and formulas)."""
    return light(Tex(*content, font_size=size, color=color, **kwargs))


class Number(DecimalNumber):
    """A DecimalNumber whose digit glyphs are :func:`light`: every ``set_value`` copies a
    digit per character, which made moving numbers the costliest part of a frame."""

    def _string_to_mob(self, string: str, mob_class: type | None = None, **kwargs) -> VMobject:
        if string not in numbers.string_to_mob_map:
            numbers.string_to_mob_map[string] = light(
                (mob_class or self.mob_class)(string, **kwargs)
            )
        return super()._string_to_mob(string, mob_class, **kwargs)


def number(
    value: float, digits: int = 3, size: float = BODY_SIZE, color: str = TEXT, **kwargs
) -> DecimalNumber:
    """A number that can move with a ValueTracker; shows ``digits`` decimals."""
    return Number(value, num_decimal_places=digits, font_size=size, color=color, **kwargs)


def heading(content: str, size: float = HEADING_SIZE) -> Text:
    """A scene heading at the top edge."""
    return text(content, size=size, weight="BOLD").to_edge(UP, buff=EDGE_BUFFER)


def caption(*lines: str, size: float = SMALL_SIZE, color: str = MUTED) -> VGroup:
    """Small muted lines of text, left-aligned, stacked."""
    group = VGroup(*(text(line, size=size, color=color) for line in lines))
    return group.arrange(direction=[0, -1, 0], aligned_edge=[-1, 0, 0], buff=0.12)
