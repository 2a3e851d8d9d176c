"""The lecture's one look: colors by role, fonts, sizes, number format, text builders.

Every scene and drawing takes its colors and type from here, so the whole lecture can be
re-themed in one place. Sizes are chosen to stay legible at 480p.
"""

from __future__ import annotations

from manim import UP, DecimalNumber, MathTex, Tex, Text, VGroup

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
def text(content: str, size: float = BODY_SIZE, color: str = TEXT, **kwargs) -> Text:
    """Plain text in the lecture font (never LaTeX: safe for any characters)."""
    return Text(content, font=FONT, font_size=size, color=color, **kwargs)


def math(*tex: str, size: float = MATH_SIZE, color: str = TEXT, **kwargs) -> MathTex:
    """A LaTeX formula in math mode."""
    return MathTex(*tex, font_size=size, color=color, **kwargs)


def tex(*content: str, size: float = BODY_SIZE, color: str = TEXT, **kwargs) -> Tex:
    """LaTeX text mode (for mixed prose and formulas)."""
    return Tex(*content, font_size=size, color=color, **kwargs)


def number(
    value: float, digits: int = 3, size: float = BODY_SIZE, color: str = TEXT, **kwargs
) -> DecimalNumber:
    """A DecimalNumber that can move with a ValueTracker; shows ``digits`` decimals."""
    return DecimalNumber(value, num_decimal_places=digits, font_size=size, color=color, **kwargs)


def heading(content: str, size: float = HEADING_SIZE) -> Text:
    """A scene heading at the top edge."""
    return text(content, size=size, weight="BOLD").to_edge(UP, buff=EDGE_BUFFER)


def caption(*lines: str, size: float = SMALL_SIZE, color: str = MUTED) -> VGroup:
    """Small muted lines of text, left-aligned, stacked."""
    group = VGroup(*(text(line, size=size, color=color) for line in lines))
    return group.arrange(direction=[0, -1, 0], aligned_edge=[-1, 0, 0], buff=0.12)
