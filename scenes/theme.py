"""The lecture's one look: colors by role, fonts, sizes, number format, text builders.

Every scene and drawing takes its colors and type from here, so the whole lecture can be
re-themed in one place. Each color has one meaning across the lecture (see
:class:`Palette`). Sizes are chosen to be read from a classroom's back row: the layout probe
(tests/scene_probe.py) checks every glyph on screen at 1080p, and a formula with scripts
needs :data:`LABEL_MATH_SIZE`, one without :data:`NUMBER_MATH_SIZE`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import ClassVar, TypeVar

import numpy as np
from manim import UP, DecimalNumber, MathTex, Mobject, Tex, Text, VGroup, VMobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.mobject.text import numbers

from scenes import number_layout

M = TypeVar("M", bound=Mobject)


# -- colors by role ---------------------------------------------------------------------
@dataclass(frozen=True)
class Palette:
    """The lecture's colors by role. Scenes read them when they draw, ``theme.MODEL`` (the
    palette in use, see :func:`palette`) or ``palette().MODEL``; never keep one at import.

    One meaning per color, across the whole lecture (a viewer who learned what orange means
    in scene 10 must not have to unlearn it in scene 16):

    ========== ====================================================================
    TEXT       words and formulas with no role of their own; hidden neurons
    MUTED      axes, ticks, captions, what is set back
    PANEL      boxes behind tables and formulas
    DATA       the data: scores, inputs x and y, real (not generated) quiz terms
    MODEL      the model and its parameters: lines y = m x, decision lines and curves,
               m, m₁, m₂, b, every weight θ (a network edge is a weight: MODEL, solid
               when positive, dashed when negative, wider when larger), the output p,
               σ; what a model made (the generated quiz terms)
    COST       cost and error: residuals, MSE, J, points on the wrong side
    GRADIENT   derivatives: MSE′, tangents, descent steps, local rules of the chain
               rule, ∂J/∂θ and its checks
    CLASS0     class c = 0 ("blue") and the region predicted for it, nothing else
    CLASS1     class c = 1 ("orange") and the region predicted for it, nothing else
    ACCENT     a highlight: what to look at now (a term being built, the path being
               differentiated, the shared factors), the joke and the teaser
    ========== ====================================================================

    ``REAL`` and ``FAKE`` (the quiz's answers) are DATA and MODEL: a real term is data, a
    generated one is what a model produced.
    """

    BACKGROUND: str
    TEXT: str
    MUTED: str
    PANEL: str  # boxes behind tables and formulas
    DATA: str  # data points, inputs
    MODEL: str  # the model: lines, boundaries, parameters, weights, p
    COST: str  # cost / error: residuals, MSE, J
    GRADIENT: str  # derivatives, gradient steps, tangents
    CLASS0: str  # class c = 0 ("blue"), only
    CLASS1: str  # class c = 1 ("orange"), only
    ACCENT: str  # highlights: the path being differentiated, the "aha"

    @property
    def REAL(self) -> str:
        """Balderdash: a real term (data)."""
        return self.DATA

    @property
    def FAKE(self) -> str:
        """Balderdash: a generated term (what a model made)."""
        return self.MODEL

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
ROLES = (*(f.name for f in fields(Palette)), "REAL", "FAKE")
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
#: The smallest formula with sub- or superscripts: scripts are set at 7/10 of the size, and
#: at 37 their lowercase letters are 16 px high at 1080p, the legible minimum of the layout
#: probe (tests/scene_probe.py, LEGIBLE_PX). Edge labels, factors, anything with θ₁₁⁽¹⁾.
LABEL_MATH_SIZE = 37
#: The smallest formula without scripts (tick labels, table numbers): its digits are 23 px
#: high at 1080p, the probe's minimum for a digit (DIGIT_PX).
NUMBER_MATH_SIZE = 25

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


def subscript(number: int) -> str:
    """A whole number as Unicode subscript digits, for notes and plain text: 4 -> '₄'."""
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def shown(value: float, digits: int) -> float:
    """The number a viewer reads when ``value`` is shown with ``digits`` decimals."""
    return float(fmt_tex(value, digits))


def reproducing_digits(check: Callable[[int], bool], start: int = 3, most: int = 6) -> int | None:
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
    drop_parsed_paths(mobject)
    if isinstance(mobject, Text):
        mobject.id_to_vgroup_dict = {}  # only Tex uses it (to color by substring)
    return mobject


def drop_parsed_paths(mobject: Mobject) -> None:
    """Replace each glyph's parsed svgelements path (``path_obj``: manim reads it only while
    making the glyph's points) by the glyph's name in the SVG (``glyph``; LaTeX:
    "g<font>-<char code>"), which the layout probe's legibility check reads
    (tests/scene_probe.py). A render's shapes already come without it
    (:mod:`pipeline.parsed_svg`)."""
    for part in mobject.get_family():
        if isinstance(part, VMobjectFromSVGPath) and part.path_obj is not None:
            part.glyph = getattr(part.path_obj, "id", None)
            part.path_obj = None


def text(content: str, size: float = BODY_SIZE, color: str | None = None, **kwargs) -> Text:
    """Plain text in the lecture font (never LaTeX: safe for any characters); ``color``
    defaults to the theme's TEXT."""
    kwargs.setdefault("disable_ligatures", True)  # one glyph per character ("ti" too)
    return light(Text(content, font=FONT, font_size=size, color=color or palette().TEXT, **kwargs))


def math(*tex: str, size: float = MATH_SIZE, color: str | None = None, **kwargs) -> MathTex:
    """A LaTeX formula in math mode (``color`` defaults to the theme's TEXT)."""
    return light(MathTex(*tex, font_size=size, color=color or palette().TEXT, **kwargs))


def tex(*content: str, size: float = BODY_SIZE, color: str | None = None, **kwargs) -> Tex:
    """LaTeX text mode (for mixed prose and formulas; ``color`` defaults to TEXT)."""
    return light(Tex(*content, font_size=size, color=color or palette().TEXT, **kwargs))


@dataclass(frozen=True)
class _Form:
    """A character's glyph at one font size, as :class:`Number` lays it out."""

    key: tuple[str, type, float]  # (character, glyph class, font size)
    glyph: VMobject
    members: list[Mobject]  # glyph.get_family()
    box: np.ndarray | None  # (2, 3) anchor box (scenes.number_layout.anchor_box)


class Number(DecimalNumber):
    """A DecimalNumber whose ``set_value`` costs little: moving numbers were the costliest
    part of a frame.

    manim's ``set_value`` copies a glyph per character (deep copies of LaTeX mobjects), then
    blanks the glyphs it replaced, and lays the row out with a dozen bounding-box walks of
    the whole family. Here the glyphs are :func:`light` (and keep no parts by substring,
    which a digit never needs); ``set_value`` gives the new characters' drawing to the glyph
    mobjects it replaces (:attr:`reuse`): the same points, colors and attributes a copy
    would have, so the same picture, without making new mobjects; and a number made only of
    glyphs (no unit, ellipsis or background) is laid out by :func:`scenes.number_layout.lay_out`
    from each character's box, kept once per character and size (:meth:`_form`)."""

    #: Reuse the replaced glyph mobjects (False: manim's way, a copy per character).
    reuse: bool = True
    #: (character, glyph class, font size) -> the glyph at that size, its family, its box
    _forms: ClassVar[dict[tuple[str, type, float], _Form]] = {}

    def _string_to_mob(self, string: str, mob_class: type | None = None, **kwargs) -> VMobject:
        glyph = numbers.string_to_mob_map.get(string)
        if glyph is None:
            glyph = light((mob_class or self.mob_class)(string, **kwargs))
            glyph.id_to_vgroup_dict = {}  # parts by substring: a digit is one part
            numbers.string_to_mob_map[string] = glyph
        spares = getattr(self, "_spares", None)
        if spares and _same_tree(spares[0], glyph):
            mob = _take_drawing(spares.pop(0), glyph)
            mob.font_size = self._font_size
            return mob
        return super()._string_to_mob(string, mob_class, **kwargs)

    def _form(self, char: str) -> _Form:
        """``char``'s glyph as manim makes it for this number's font size (a copy of the
        shared glyph, scaled), its family and its anchor box; made once."""
        key = (char, self.mob_class, self._font_size)
        form = Number._forms.get(key)
        if form is None:
            glyph = self._string_to_mob(char)
            members = glyph.get_family()
            form = Number._forms[key] = _Form(
                key, glyph, members, number_layout.anchor_box(members)
            )
        return form

    def set_value(self, number: float) -> Number:
        """manim 0.21's ``DecimalNumber.set_value``, handing the old glyphs on for reuse
        (only glyphs not reused are blanked); laid out from boxes when it can."""
        if not self.reuse:
            return super().set_value(number)
        if self._set_from_boxes(number):
            return self
        old_family = self.get_family()
        old_font_size = self.font_size
        move_to_point = self.get_edge_center(self.edge_to_fix)
        old_submobjects = self.submobjects
        self._spares = list(old_submobjects)
        try:
            self._set_submobjects_from_number(number)
        finally:
            self._spares = []
        self.font_size = old_font_size
        self.move_to(move_to_point, self.edge_to_fix)
        self._restyle(old_family, old_submobjects)
        return self

    def _set_from_boxes(self, number: float) -> bool:
        """``set_value`` for a number made only of glyphs, laid out by
        :func:`scenes.number_layout.lay_out`; False (nothing changed) for any other number."""
        if self.show_ellipsis or self.unit is not None or self.include_background_rectangle:
            return False
        string = self._get_num_string(number)
        forms = [self._form(char) for char in string]
        old_family = self.get_family()
        old_box = number_layout.anchor_box(old_family)
        if old_box is None or any(form.box is None for form in forms) or not string:
            return False
        old_height = old_box[1, 1] - old_box[0, 1]
        edge = np.asarray(self.edge_to_fix, dtype=float)
        layout = number_layout.lay_out(
            string,
            np.array([form.box for form in forms]),
            buff=self.digit_buff_per_font_unit * self._font_size,
            scale=old_height / self.initial_height if self.initial_height > 0 else 1.0,
            edge=edge,
            edge_point=number_layout.critical_point(old_box, edge),
        )
        old_submobjects = self.submobjects
        glyphs = []
        for index, form in enumerate(forms):
            spare = old_submobjects[index] if index < len(old_submobjects) else None
            if spare is not None and getattr(spare, "shows", None) == form.key:
                mob = spare  # the same character: only its place changes
            elif spare is not None and _same_tree(spare, form.glyph):
                mob = _take_drawing(spare, form.glyph)
            else:
                mob = form.glyph.copy()
            mob.shows = form.key
            for member, source in zip(mob.get_family(), form.members, strict=True):
                if len(source.points):
                    member.points = number_layout.place(layout, index, source.points)
            glyphs.append(mob)
        self.number = number
        self.submobjects = []
        self.add(*glyphs)
        self.initial_height = layout.height
        self._restyle(old_family, old_submobjects)
        return True

    def _restyle(self, old_family: list[Mobject], old_submobjects: list[Mobject]) -> None:
        """What manim does after laying out: each new glyph takes the old one's style, the
        number its colors; old glyphs no longer shown are blanked (manim's Cairo renderer
        still lists them until the animation ends)."""
        for new, old in zip(self.submobjects, old_submobjects, strict=False):
            if new is not old:
                new.match_style(old)
        kept = set(self.get_family())
        for mob in old_family:
            if mob not in kept:
                mob.points[:] = 0
        self.init_colors()


def _same_tree(a: Mobject, b: Mobject) -> bool:
    """Whether two mobjects have the same classes in the same tree of submobjects."""
    family_a, family_b = a.get_family(), b.get_family()
    return len(family_a) == len(family_b) and all(
        type(x) is type(y) and len(x.submobjects) == len(y.submobjects)
        for x, y in zip(family_a, family_b, strict=True)
    )


def _take_drawing(mob: M, glyph: Mobject) -> M:
    """``mob`` made what a copy of ``glyph`` would be (the same tree: :func:`_same_tree`):
    each member takes the attributes of the glyph's, arrays and lists copied."""
    for part, source in zip(mob.get_family(), glyph.get_family(), strict=True):
        children = part.submobjects
        part.__dict__.update(
            {
                key: value.copy() if isinstance(value, np.ndarray | list | dict) else value
                for key, value in source.__dict__.items()
            }
        )
        part.submobjects = children
    return mob


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
