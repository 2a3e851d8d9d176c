"""The lecture's one look: colors by role, fonts, sizes, number format, text builders.

Every scene and drawing takes its colors and type from here, so the whole lecture can be
re-themed in one place. Sizes are chosen to stay legible at 480p.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TypeVar

from manim import UP, DecimalNumber, MathTex, Mobject, Tex, Text, VGroup, VMobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.mobject.text import numbers

M = TypeVar("M", bound=Mobject)


# -- colors by role ---------------------------------------------------------------------
@dataclass(frozen=True)
class Palette:
    """The lecture's colors by role. Scenes read them when they draw, ``theme.MODEL`` (the
    palette in use, see :func:`palette`) or ``palette().MODEL``; never keep one at import."""

    BACKGROUND: str
    TEXT: str
    MUTED: str
    PANEL: str  # boxes behind tables and formulas
    DATA: str  # data points, inputs
    MODEL: str  # the model: lines, boundaries, parameters
    COST: str  # cost / error: residuals, MSE, J
    GRADIENT: str  # derivatives, gradient steps, tangents
    CLASS0: str  # class c = 0 ("blue")
    CLASS1: str  # class c = 1 ("orange")
    ACCENT: str  # highlights: the path being differentiated, the "aha"

    @property
    def REAL(self) -> str:
        """Balderdash: a real term."""
        return self.GRADIENT

    @property
    def FAKE(self) -> str:
        """Balderdash: a generated term."""
        return self.COST

    @property
    def POSITIVE_WEIGHT(self) -> str:
        """A positive weight on a network edge."""
        return self.CLASS1

    @property
    def NEGATIVE_WEIGHT(self) -> str:
        """A negative weight on a network edge."""
        return self.CLASS0

    def role(self, name: str) -> str:
        """The color of the role ``name`` (one of :data:`ROLES`)."""
        if name not in ROLES:
            raise ValueError(f"unknown color role '{name}': use one of {', '.join(ROLES)}")
        return getattr(self, name)


#: For projectors (the default).
DARK = Palette(
    BACKGROUND="#0E1117",
    TEXT="#ECEFF4",
    MUTED="#8C96A8",
    PANEL="#1A1F2B",
    DATA="#5CC8E8",
    MODEL="#FFC857",
    COST="#FF6B6B",
    GRADIENT="#7BD389",
    CLASS0="#4C9BE8",
    CLASS1="#F5A142",
    ACCENT="#C792EA",
)
#: For print.
LIGHT = Palette(
    BACKGROUND="#FFFFFF",
    TEXT="#1B1F27",
    MUTED="#5C6677",
    PANEL="#EEF1F6",
    DATA="#1B82AD",
    MODEL="#B7791F",
    COST="#D64545",
    GRADIENT="#2F8F4E",
    CLASS0="#2563C9",
    CLASS1="#E07A10",
    ACCENT="#8A3FB5",
)
ROLES = (
    *(f.name for f in fields(Palette)),
    "REAL",
    "FAKE",
    "POSITIVE_WEIGHT",
    "NEGATIVE_WEIGHT",
)
_THEMES: dict[str, Palette] = {"dark": DARK, "light": LIGHT}
#: Each theme's colors by role name (a read-only view of the palettes above, for checks).
PALETTES: dict[str, dict[str, str]] = {
    name: {role: getattr(colors, role) for role in ROLES} for name, colors in _THEMES.items()
}
_current = "dark"


def current() -> str:
    """The name of the palette in use: "dark" or "light"."""
    return _current


def palette() -> Palette:
    """The palette in use."""
    return _THEMES[_current]


def use(name: str) -> None:
    """Draw in the palette ``name`` ("dark" or "light") from now on: every color is read
    from the palette in use when a scene draws it, so nothing else needs to change."""
    global _current
    if name not in _THEMES:
        raise ValueError(f"unknown theme '{name}': use {' or '.join(_THEMES)}")
    _current = name


def role(name: str) -> str:
    """The color of the role ``name`` ("DATA", "MODEL", ...) in the palette in use."""
    return palette().role(name)


def __getattr__(name: str) -> str:
    """``theme.DATA`` and the other roles: the color of the palette in use, at each read."""
    if name in ROLES:
        return getattr(palette(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def decimals_needed(value: float, most: int = 4) -> int:
    """The fewest decimals (at least one) that show ``value`` exactly, up to ``most``."""
    for digits in range(1, most + 1):
        if fmt(value, digits) == fmt(value, most).rstrip("0").rstrip("."):
            return digits
    return most


def shown(value: float, digits: int) -> float:
    """The number a viewer reads when ``value`` is shown with ``digits`` decimals."""
    return float(fmt_tex(value, digits))


def reproducing_digits(
    check: Callable[[int], bool], start: int = 3, most: int = 6
) -> int | None:
    """The fewest decimals, from ``start`` to ``most``, at which ``check(digits)`` holds, or
    None. A slide that shows a computation uses it to pick the precision of its inputs:
    ``check`` redoes the arithmetic on the inputs as shown (:func:`shown`) and compares the
    result, as shown, with mathcore's (see :func:`same_shown`), so a viewer who redoes the
    arithmetic finds the digits on the slide. A slide for which no precision works says
    ≈ instead of =."""
    for digits in range(start, most + 1):
        if check(digits):
            return digits
    return None


def same_shown(value: float, exact: float, digits: int) -> bool:
    """Whether ``value`` (arithmetic redone on shown inputs) shows as ``exact`` does."""
    return fmt(value, digits) == fmt(exact, digits)


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


def text(content: str, size: float = BODY_SIZE, color: str | None = None, **kwargs) -> Text:
    """Plain text in the lecture font (never LaTeX: safe for any characters); ``color``
    defaults to the theme's TEXT."""
    return light(Text(content, font=FONT, font_size=size, color=color or palette().TEXT, **kwargs))


def math(*tex: str, size: float = MATH_SIZE, color: str | None = None, **kwargs) -> MathTex:
    """A LaTeX formula in math mode (``color`` defaults to the theme's TEXT)."""
    return light(MathTex(*tex, font_size=size, color=color or palette().TEXT, **kwargs))


def tex(*content: str, size: float = BODY_SIZE, color: str | None = None, **kwargs) -> Tex:
    """LaTeX text mode (for mixed prose and formulas; ``color`` defaults to TEXT)."""
    return light(Tex(*content, font_size=size, color=color or palette().TEXT, **kwargs))


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
    value: float, digits: int = 3, size: float = BODY_SIZE, color: str | None = None, **kwargs
) -> DecimalNumber:
    """A number that can move with a ValueTracker; shows ``digits`` decimals (``color``
    defaults to the theme's TEXT)."""
    return Number(
        value, num_decimal_places=digits, font_size=size, color=color or palette().TEXT, **kwargs
    )


def heading(content: str, size: float = HEADING_SIZE) -> Text:
    """A scene heading at the top edge."""
    return text(content, size=size, weight="BOLD").to_edge(UP, buff=EDGE_BUFFER)


def caption(*lines: str, size: float = SMALL_SIZE, color: str | None = None) -> VGroup:
    """Small lines of text (``color`` defaults to the theme's MUTED), left-aligned, stacked."""
    group = VGroup(*(text(line, size=size, color=color or palette().MUTED) for line in lines))
    return group.arrange(direction=[0, -1, 0], aligned_edge=[-1, 0, 0], buff=0.12)
