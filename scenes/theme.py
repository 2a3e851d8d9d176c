"""The lecture's one look: colors by role, fonts, sizes, number format, text builders.

Every scene and drawing takes its colors and type from here, so the whole lecture can be
re-themed in one place. Sizes are chosen to stay legible at 480p.
"""

from __future__ import annotations

import sys
from types import FunctionType
from typing import TypeVar

from manim import UP, DecimalNumber, MathTex, Mobject, Tex, Text, VGroup, VMobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.mobject.text import numbers

M = TypeVar("M", bound=Mobject)

# -- colors by role ---------------------------------------------------------------------
# The dark palette (for projectors) is the default; :func:`use` switches every role to the
# light one (for print). Scenes read these names when they are built (theme.MODEL, ...).
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
REAL = GRADIENT  # Balderdash: a real term
FAKE = COST  # Balderdash: a generated term
POSITIVE_WEIGHT = CLASS1
NEGATIVE_WEIGHT = CLASS0

ROLES = (
    "BACKGROUND",
    "TEXT",
    "MUTED",
    "PANEL",
    "DATA",
    "MODEL",
    "COST",
    "GRADIENT",
    "CLASS0",
    "CLASS1",
    "ACCENT",
    "REAL",
    "FAKE",
    "POSITIVE_WEIGHT",
    "NEGATIVE_WEIGHT",
)
_LIGHT = {
    "BACKGROUND": "#FFFFFF",
    "TEXT": "#1B1F27",
    "MUTED": "#5C6677",
    "PANEL": "#EEF1F6",
    "DATA": "#1B82AD",
    "MODEL": "#B7791F",
    "COST": "#D64545",
    "GRADIENT": "#2F8F4E",
    "CLASS0": "#2563C9",
    "CLASS1": "#E07A10",
    "ACCENT": "#8A3FB5",
}
PALETTES: dict[str, dict[str, str]] = {
    "dark": {role: globals()[role] for role in ROLES},
    "light": _LIGHT
    | {
        "REAL": _LIGHT["GRADIENT"],
        "FAKE": _LIGHT["COST"],
        "POSITIVE_WEIGHT": _LIGHT["CLASS1"],
        "NEGATIVE_WEIGHT": _LIGHT["CLASS0"],
    },
}
_current = "dark"


def current() -> str:
    """The name of the palette in use: "dark" or "light"."""
    return _current


def use(name: str) -> None:
    """Switch every color role to the palette ``name`` ("dark" or "light").

    Scenes read ``theme.X`` when they are built, so they draw the new colors. A palette
    color that a module of ``scenes`` already took at import time -- a default argument such
    as ``color: str = theme.DATA``, a module constant, a class attribute -- is switched too.
    """
    global _current
    if name not in PALETTES:
        raise ValueError(f"unknown theme '{name}': use {' or '.join(PALETTES)}")
    if name == _current:
        return
    old, new = PALETTES[_current], PALETTES[name]
    globals().update(new)
    _recolor_loaded_modules({old[role].lower(): new[role] for role in old})
    _current = name


def _recolor_loaded_modules(swap: dict[str, str]) -> None:
    """Swap palette colors (``swap``: old value, lower case -> new value) that modules of
    ``scenes`` hold in default arguments, module constants and class attributes."""

    def recolor_attribute(owner: object, name: str, value: object) -> None:
        if isinstance(value, str) and value.lower() in swap:
            setattr(owner, name, swap[value.lower()])

    def recolor_function(fn: object) -> None:
        fn = getattr(fn, "__func__", fn)  # staticmethod, classmethod
        if not isinstance(fn, FunctionType):
            return
        if fn.__defaults__:
            fn.__defaults__ = tuple(
                swap.get(v.lower(), v) if isinstance(v, str) else v for v in fn.__defaults__
            )
        if fn.__kwdefaults__:
            fn.__kwdefaults__ = {
                k: swap.get(v.lower(), v) if isinstance(v, str) else v
                for k, v in fn.__kwdefaults__.items()
            }

    for module_name, module in list(sys.modules.items()):
        if module is None or module_name == __name__ or module_name.split(".")[0] != "scenes":
            continue
        for attr, obj in list(vars(module).items()):
            if isinstance(obj, str):
                recolor_attribute(module, attr, obj)
            elif getattr(obj, "__module__", None) != module_name:
                continue  # imported from elsewhere
            elif isinstance(obj, FunctionType):
                recolor_function(obj)
            elif isinstance(obj, type):
                for name, member in list(vars(obj).items()):
                    recolor_attribute(obj, name, member)
                    recolor_function(member)


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


def text(content: str, size: float = BODY_SIZE, color: str | None = None, **kwargs) -> Text:
    """Plain text in the lecture font (never LaTeX: safe for any characters); ``color``
    defaults to the theme's TEXT."""
    return light(Text(content, font=FONT, font_size=size, color=color or TEXT, **kwargs))


def math(*tex: str, size: float = MATH_SIZE, color: str | None = None, **kwargs) -> MathTex:
    """A LaTeX formula in math mode (``color`` defaults to the theme's TEXT)."""
    return light(MathTex(*tex, font_size=size, color=color or TEXT, **kwargs))


def tex(*content: str, size: float = BODY_SIZE, color: str | None = None, **kwargs) -> Tex:
    """LaTeX text mode (for mixed prose and formulas; ``color`` defaults to TEXT)."""
    return light(Tex(*content, font_size=size, color=color or TEXT, **kwargs))


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
    return Number(value, num_decimal_places=digits, font_size=size, color=color or TEXT, **kwargs)


def heading(content: str, size: float = HEADING_SIZE) -> Text:
    """A scene heading at the top edge."""
    return text(content, size=size, weight="BOLD").to_edge(UP, buff=EDGE_BUFFER)


def caption(*lines: str, size: float = SMALL_SIZE, color: str | None = None) -> VGroup:
    """Small lines of text (``color`` defaults to the theme's MUTED), left-aligned, stacked."""
    group = VGroup(*(text(line, size=size, color=color or MUTED) for line in lines))
    return group.arrange(direction=[0, -1, 0], aligned_edge=[-1, 0, 0], buff=0.12)
