"""Build a scene without writing video and record what a viewer sees: at every slide break,
after every animation, and inside every animation.

Used by the scene tests: ``build(entry)`` runs the scene's ``construct`` in manim's dry-run
mode with animations played to their end (:func:`scenes.dry_run.dry_run`), and returns one
:class:`Snapshot` per beat (and one at the end); :func:`probe` returns the built scene's
notes and slide count too, and with ``samples`` it also records:

* ``rests``: the frame after every ``play``, where it stays until the next one starts (what
  the legibility check reads, :func:`too_small`);
* ``moments``: frames *inside* every ``play``, at the fractions ``samples`` of its run time.
  A moment lists what manim's Cairo renderer draws at that time: the mobjects it set apart
  as static when the animation began, plus the families of those it set apart as moving
  (a flat list taken when the animation began). A text an updater took out of the scene
  during the animation is still in that list, so it is still drawn: a ghost, as the old
  accuracy read-out left its first value under every new one. Such a text is ``stale``
  (:func:`stale_texts`); two texts in the same place are caught by
  :func:`overlapping_texts`, off-frame parts by :func:`outside_frame`.

Legibility (:func:`too_small`). The reader is the projector's back row: a classroom's
farthest seat is about 8 screen heights from the screen (the usual limit for a projected
image: 4 heights for detail work, 6 for reading, 8 for watching). From there one pixel of a
1080p frame subtends 1/(8 x 1080) rad, 0.4 arcminute, and a 20/20 eye, which tells letters
apart at 5 arcminutes, needs a 13 px letter with no margin at all. The probe asks
:data:`LEGIBLE_PX` = 16 px (6.4 arcminutes, a quarter more than that limit; 8.5 from 6
heights) of the smallest letters that must be read: lowercase x-height letters, and the
sub- and superscripts of a formula (the issue's 6 px fraction at 480p is 13.5 px at 1080p,
its scene 12 exponents 15 px); and :data:`DIGIT_PX` = 23 px of a digit: digits are cap
height, 1.44 times the x-height in both the lecture's fonts (Lato, Computer Modern), so it
is the same 16 px x-height, for the glyphs that carry the numbers. In the theme's sizes:
every plain text size passes (the smallest, 20, has a 19 px x-height), a formula with sub-
or superscripts needs ``theme.LABEL_MATH_SIZE`` (37: its script letters are 16.4 px), one
without, ``theme.NUMBER_MATH_SIZE`` (25: digits 23.3 px). Glyphs are measured from their
outlines at 1080p: where a glyph's character is known (plain text, a number) it is checked
by its kind -- ASCII digits against :data:`DIGIT_PX`, other letters and digits against
:data:`LEGIBLE_PX`, punctuation not at all; in a formula every glyph is held to
:data:`LEGIBLE_PX` but marks (dots, commas, bars, minus and equals signs: much shorter than
the formula's typical glyph, flat, or short and thin, see :func:`_is_mark`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DecimalNumber,
    ImageMobject,
    Mobject,
    SingleStringMathTex,
    Text,
    VMobject,
    Wait,
    config,
)
from manim.animation.composition import AnimationGroup
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.utils.family import extract_mobject_family_members

from scenes import theme
from scenes.base import LectureScene
from scenes.dry_run import dry_run
from scenes.lecture import SceneEntry
from scenes.notes import Note

MEDIA = Path(__file__).resolve().parent.parent / "build" / "test-media"
TEXT_TYPES = (Text, SingleStringMathTex, DecimalNumber)
#: Where inside each animation :func:`probe` looks, as fractions of its run time (sparse:
#: every play of every scene is sampled in the default test run).
SAMPLES = (0.5,)
#: The smallest letter a back-row viewer reads, in pixels of a 1080p frame (see above).
LEGIBLE_PX = 16.0
#: The smallest digit: the same x-height, for a glyph of cap height.
DIGIT_PX = 23.0
#: A text at least this opaque counts in a frame (a cross-fade's two halves do not).
SOLID = 0.6


@dataclass
class ShownText:
    kind: str
    content: str
    box: tuple[float, float, float, float]  # left, bottom, right, top
    mobject: Mobject = field(repr=False)
    #: How opaque its most opaque glyph is.
    opacity: float = 1.0
    #: Drawn, though no longer part of the scene (a ghost), inside an animation.
    stale: bool = False
    #: Moved by the animation being sampled (its own mobject or in its family).
    animated: bool = False
    #: Its glyphs as measured when the frame was taken (what it is, height px, width px;
    #: see :func:`_glyphs`): between animations only, where legibility is checked.
    glyphs: list[tuple[str | None, float, float]] = field(default_factory=list, repr=False)


@dataclass
class Snapshot:
    label: str
    texts: list[ShownText]
    boxes: list[tuple[str, tuple[float, float, float, float]]]
    #: Every color on screen ("#rrggbb"): fills, strokes and images of every submobject,
    #: and the background (recorded at slide breaks only).
    colors: frozenset[str] = frozenset()
    #: The slide being played (1 for the first), as numbered in the slides.
    slide: int = 0

    def strings(self) -> list[str]:
        return [t.content for t in self.texts]

    @property
    def where(self) -> str:
        """'slide 3, beat 3' or 'slide 2, inside play 7 at 0.5': for failure messages."""
        return f"slide {self.slide}, {self.label}"


@dataclass(frozen=True)
class Probe:
    """A scene built by :func:`probe`: what is on screen at each beat and at the end, its
    speaker notes (one per slide) and its number of slides; with ``samples``, also the frame
    after every animation (``rests``) and inside every animation (``moments``)."""

    shots: list[Snapshot]
    notes: tuple[Note, ...]
    slides: int
    rests: list[Snapshot] = field(default_factory=list)
    moments: list[Snapshot] = field(default_factory=list)


def _box(mob: Mobject) -> tuple[float, float, float, float]:
    left, bottom = mob.get_corner([-1, -1, 0])[:2]
    right, top = mob.get_corner([1, 1, 0])[:2]
    return float(left), float(bottom), float(right), float(top)


def _opacity(mob: Mobject) -> float:
    """How opaque the most opaque part of ``mob`` is (fill or stroke of some width)."""
    if isinstance(mob, ImageMobject):
        return 1.0
    best = 0.0
    for m in mob.get_family():
        if not (isinstance(m, VMobject) and m.has_points()):
            continue
        fill = m.get_fill_opacity() if m.get_fill_opacities().size else 0.0
        stroke = m.get_stroke_opacity() if m.get_stroke_opacities().size else 0.0
        best = max(best, fill, stroke if m.get_stroke_width() > 0 else 0.0)
    return float(best)


def _visible(mob: Mobject) -> bool:
    return _opacity(mob) > 0.05


def _content(mob: Mobject) -> tuple[str, str]:
    if isinstance(mob, DecimalNumber):
        digits = mob.num_decimal_places
        return "number", f"{mob.get_value():.{digits}f}{mob.unit or ''}"
    if isinstance(mob, Text):
        return "text", mob.original_text
    return "tex", mob.get_tex_string()


def _texts(mob: Mobject, out: list[ShownText]) -> None:
    """Outermost text-like mobjects (a DecimalNumber's digits are not listed separately)."""
    if isinstance(mob, TEXT_TYPES):
        if not _visible(mob) or mob.width == 0:
            return
        kind, content = _content(mob)
        text = ShownText(kind, content, _box(mob), mob, _opacity(mob))
        text.glyphs = _glyphs(text)  # now: the mobject may change in a later animation
        out.append(text)
        return
    for sub in mob.submobjects:
        _texts(sub, out)


def _hex(rgbas: np.ndarray) -> set[str]:
    rgb = np.round(np.asarray(rgbas, dtype=float).reshape(-1, 4)[:, :3] * 255).astype(int)
    return {"#{:02x}{:02x}{:02x}".format(*row) for row in np.unique(rgb, axis=0)}


def _seen(rgbas: np.ndarray | None, width: float = 1.0) -> np.ndarray:
    """The colors (rows r, g, b, a in 0..1) that show: not transparent, on a line of some
    width."""
    if rgbas is None or not len(rgbas) or width < 1e-3:  # text glyphs have 1e-15 strokes
        return np.empty((0, 4))
    rgbas = np.asarray(rgbas, dtype=float).reshape(-1, 4)
    return rgbas[rgbas[:, 3] > 0]


def colors_of(mob: Mobject) -> set[str]:
    """Every color that shows of ``mob`` and its submobjects: fills, strokes, background
    strokes (of some width), and the pixels of images (those not fully transparent)."""
    found: set[str] = set()
    for part in mob.get_family():
        if isinstance(part, ImageMobject):
            found |= _hex(_seen(np.asarray(part.pixel_array) / 255.0))
        elif isinstance(part, VMobject) and part.has_points():
            found |= _hex(_seen(part.fill_rgbas))
            found |= _hex(_seen(part.stroke_rgbas, part.stroke_width))
            found |= _hex(_seen(part.background_stroke_rgbas, part.background_stroke_width))
    return found


def snapshot(scene: LectureScene, label: str, *, colors: bool = True) -> Snapshot:
    """What is on screen between animations (at a beat, or after a play)."""
    texts: list[ShownText] = []
    boxes = []
    found = _hex(np.array([scene.camera.background_color.to_rgba()])) if colors else set()
    for mob in scene.mobjects:
        _texts(mob, texts)
        if colors:
            found |= colors_of(mob)
        if _visible(mob):
            boxes.append((type(mob).__name__, _box(mob)))
    slide = scene.beats if label.startswith("beat") else scene.beats + 1
    return Snapshot(label, texts, boxes, frozenset(found), slide=max(slide, 1))


def _animated(animations: Iterable[Any]) -> set[int]:
    """Ids of every mobject the animations move (their mobjects' families, nested)."""
    ids: set[int] = set()
    for animation in animations:
        ids |= {id(m) for m in animation.mobject.get_family()}
        if isinstance(animation, AnimationGroup):
            ids |= _animated(animation.animations)
    return ids


def moment(scene: LectureScene, label: str) -> Snapshot:
    """What the renderer draws inside the animation being played: the static mobjects it
    kept from the animation's start and the families of the moving ones (a flat list taken
    at that start, so it still holds a text an updater has since replaced)."""
    drawn = list(scene.static_mobjects) + extract_mobject_family_members(scene.moving_mobjects)
    drawn_ids = {id(m) for m in drawn}
    in_scene = {id(m) for m in extract_mobject_family_members(scene.mobjects)}
    animated = _animated(scene.animations or [])
    candidates: list[Mobject] = []
    for mob in scene.mobjects:
        _outermost_texts(mob, candidates)
    taken = {id(m) for c in candidates for m in c.get_family()}
    for mob in drawn:  # texts drawn though gone from the scene (parents come first)
        if isinstance(mob, TEXT_TYPES) and id(mob) not in taken:
            candidates.append(mob)
            taken |= {id(m) for m in mob.get_family()}
    texts: list[ShownText] = []
    for mob in candidates:
        glyphs = [m for m in mob.get_family() if id(m) in drawn_ids and m.has_points()]
        if not glyphs or mob.width == 0 or not _visible(mob):
            continue
        kind, content = _content(mob)
        texts.append(
            ShownText(
                kind,
                content,
                _box(mob),
                mob,
                _opacity(mob),
                stale=id(mob) not in in_scene,
                animated=id(mob) in animated,
            )
        )
    boxes = [(type(m).__name__, _box(m)) for m in scene.mobjects if _visible(m)]
    return Snapshot(label, texts, boxes, slide=scene.beats + 1)


def _outermost_texts(mob: Mobject, out: list[Mobject]) -> None:
    if isinstance(mob, TEXT_TYPES):
        out.append(mob)
        return
    for sub in mob.submobjects:
        _outermost_texts(sub, out)


def _probing(
    cls: type[LectureScene],
    samples: Sequence[float],
    rests: list[Snapshot],
    moments: list[Snapshot],
) -> type[LectureScene]:
    """``cls`` that records a :func:`moment` at each fraction of ``samples`` inside every
    animation, and a :func:`snapshot` after it."""

    def play_internal(self: LectureScene, skip_rendering: bool = False) -> None:
        animations = self.animations or []
        if len(animations) == 1 and isinstance(animations[0], Wait):
            cls.play_internal(self, skip_rendering)  # a pause: nothing moves
            return
        self._probed = getattr(self, "_probed", 0) + 1
        duration = self.get_run_time(animations)
        for alpha in samples:
            self.update_to_time(alpha * duration)
            moments.append(moment(self, f"inside play {self._probed} at {alpha:g}"))
        cls.play_internal(self, skip_rendering)
        rests.append(snapshot(self, f"after play {self._probed}", colors=False))

    return type(
        cls.__name__, (cls,), {"play_internal": play_internal, "__module__": cls.__module__}
    )


def probe(entry: SceneEntry | type[LectureScene], samples: Sequence[float] = ()) -> Probe:
    """Run the scene's construct (no video): the snapshots at each beat and the end, the
    notes and the slide count; with ``samples`` (fractions of a run time, e.g.
    :data:`SAMPLES`), the frames inside and after every animation too."""
    shots: list[Snapshot] = []
    rests: list[Snapshot] = []
    moments: list[Snapshot] = []
    cls = entry.load() if isinstance(entry, SceneEntry) else entry
    if samples:
        cls = _probing(cls, samples, rests, moments)
    built = dry_run(
        cls,
        draw=True,
        on_beat=lambda scene, label: shots.append(snapshot(scene, label)),
        media_dir=MEDIA,
    )
    return Probe(shots, built.notes, built.slides, rests, moments)


def build(entry: SceneEntry | type[LectureScene]) -> list[Snapshot]:
    """Run the scene's construct (no video) and return the snapshots at each beat and the end."""
    return probe(entry).shots


def foreign_colors(shot: Snapshot, palette: str | None = None) -> set[str]:
    """Colors on screen that belong to another theme's palette and not to ``palette`` (the
    one in use by default): a color the scene took before the theme was switched."""
    mine = {c.lower() for c in theme.PALETTES[palette or theme.current()].values()}
    others = {
        c.lower()
        for name, colors in theme.PALETTES.items()
        if name != (palette or theme.current())
        for c in colors.values()
    }
    return set(shot.colors) & (others - mine)


def frame_box() -> tuple[float, float, float, float]:
    w, h = config.frame_width / 2, config.frame_height / 2
    return -w, -h, w, h


NUMBER = re.compile(r"(?<![\w.])([-\u2212]?\s*\d+(?:\.\d+)?)(\s*\\?%)?")


def numbers_in(strings: list[str]) -> list[tuple[float, int]]:
    """Every decimal number written in the strings, as (value, decimals shown).
    Percentages are returned as fractions with two more decimals."""
    found = []
    for s in strings:
        s = s.replace("{-}", "-").replace("{,}", "")
        for match in NUMBER.finditer(s):
            raw = match.group(1).replace("\u2212", "-").replace(" ", "")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            value = float(raw)
            if match.group(2):
                found.append((value / 100.0, decimals + 2))
            else:
                found.append((value, decimals))
    return found


def shows(strings: list[str], expected: float, min_decimals: int = 2) -> bool:
    """Whether some number on screen is ``expected`` rounded to the decimals it shows."""
    for value, decimals in numbers_in(strings):
        if (
            decimals >= min_decimals
            and abs(value - round(expected, decimals)) < 0.5 * 10.0**-decimals + 1e-12
        ):
            return True
    return False


def all_strings(shots: list[Snapshot]) -> list[str]:
    return [s for shot in shots for s in shot.strings()]


def overlapping_texts(shot: Snapshot, tolerance: float = 0.03) -> list[tuple[str, str]]:
    """Pairs of text objects whose boxes intersect by more than ``tolerance`` each way.

    Inside an animation, a pair counts only if both texts are solid (at least
    :data:`SOLID` opaque: the two halves of a cross-fade are not) and neither is moved by
    the animation (a text flying to its place may pass over another): what is left is what
    updaters change, a counter growing into its neighbour or a ghost under a read-out."""
    pairs = []
    texts = [t for t in shot.texts if t.opacity >= SOLID and not t.animated]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if _contains(a.mobject, b.mobject) or _contains(b.mobject, a.mobject):
                continue
            dx = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
            dy = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
            if dx > tolerance and dy > tolerance:
                pairs.append((a.content[:40], b.content[:40]))
    return pairs


def _contains(outer: Mobject, inner: Mobject) -> bool:
    return inner in outer.get_family()[1:]


def stale_texts(shot: Snapshot) -> list[str]:
    """Texts drawn inside an animation though no longer in the scene: a ghost of a value
    an updater replaced (the Cairo renderer draws the mobjects it listed when the
    animation began)."""
    return [t.content[:40] for t in shot.texts if t.stale and t.opacity >= SOLID]


def outside_frame(shot: Snapshot, tolerance: float = 0.05) -> list[str]:
    left, bottom, right, top = frame_box()
    bad = []
    for name, box in shot.boxes:
        if (
            box[0] < left - tolerance
            or box[1] < bottom - tolerance
            or box[2] > right + tolerance
            or box[3] > top + tolerance
        ):
            bad.append(f"{name} {tuple(round(v, 2) for v in box)}")
    return bad


# -- legibility ---------------------------------------------------------------------------
_NUMERIC = re.compile(r"^[0-9.,%\-\u2212+()]+$")


def px(length: float) -> float:
    """A length in frame units, in pixels of a 1080p frame."""
    return length * 1080.0 / config.frame_height


def _glyphs(text: ShownText) -> list[tuple[str | None, float, float]]:
    """The glyph outlines of a text: (what it is, height px, width px). What it is: the
    character where it is known (plain text, a number; "?" for a LaTeX glyph that is a
    letter or digit, "." for any other LaTeX glyph), else None."""
    mob = text.mobject
    if isinstance(mob, DecimalNumber):
        found = []
        for part in mob.submobjects:
            char = part.get_tex_string() if isinstance(part, SingleStringMathTex) else None
            found += [(char, px(g.height), px(g.width)) for g in _outlines(part)]
        return found
    outlines = _outlines(mob)
    if isinstance(mob, Text):
        chars: list[str | None] = [c for c in mob.original_text if not c.isspace()]
    else:
        tex = re.sub(r"\\[,;! ]|\\(?=%)|[{}\s]", "", mob.get_tex_string())
        chars = list(tex) if _NUMERIC.match(tex) else [_tex_glyph(g) for g in outlines]
    if len(chars) != len(outlines):
        chars = [None] * len(outlines)
    sizes = [(px(g.height), px(g.width)) for g in outlines]
    if isinstance(mob, Text) and len(outlines) > 1 and mob.height > 1.5 * mob.width:
        sizes = [(w, h) for h, w in sizes]  # a rotated label (an axis name): read sideways
    return [(char, h, w) for char, (h, w) in zip(chars, sizes, strict=True)]


def _tex_glyph(glyph: VMobject) -> str | None:
    """'?' for a LaTeX glyph that is a letter or digit, '.' for another one (punctuation,
    an operator, a delimiter), from its name in the SVG, "g<font>-<code>": the Computer
    Modern fonts keep ASCII's codes for digits and Latin letters. None if unnamed."""
    name = getattr(glyph, "glyph", None) or getattr(getattr(glyph, "path_obj", None), "id", None)
    match = re.fullmatch(r"g\d+-(\d+)", name or "")
    if not match:
        return None
    code = int(match[1])
    return "?" if 48 <= code <= 57 or 65 <= code <= 90 or 97 <= code <= 122 else "."


def _outlines(mob: Mobject) -> list[VMobject]:
    """The glyphs of a text (not its background plate)."""
    return [m for m in mob.get_family() if isinstance(m, VMobjectFromSVGPath) and m.has_points()]


def _is_mark(char: str | None, height: float, width: float, typical: float) -> bool:
    """A glyph that is not a letter or digit: known punctuation, or (character unknown) a
    glyph much shorter than the text's typical glyph, or flat (a bar, a minus sign)."""
    if char is not None:
        return char != "?" and not char.isalnum()
    return height < 0.5 * typical or width > 2.5 * height


def too_small(shot: Snapshot) -> list[tuple[str, float, float]]:
    """Texts with a glyph below the legible size at 1080p: (text, smallest glyph px, the
    size it needs). Only texts with a letter or digit count, and only their letters and
    digits (see the module's notes for the sizes and why)."""
    small = []
    for text in shot.texts:
        if text.opacity < SOLID:
            continue
        letters = re.sub(r"\\[A-Za-z]+", "", text.content)
        if not any(c.isalnum() for c in letters):
            continue
        glyphs = text.glyphs
        if not glyphs:
            continue
        typical = float(np.median([h for _, h, _ in glyphs]))
        worst: tuple[float, float] | None = None
        for char, height, width in glyphs:
            if max(height, width) < 0.5 or _is_mark(char, height, width, typical):
                continue  # a degenerate outline (nothing drawn), or punctuation
            needed = DIGIT_PX if char is not None and char in "0123456789" else LEGIBLE_PX
            if height < needed - 0.05 and (worst is None or height / needed < worst[0] / worst[1]):
                worst = (height, needed)
        if worst is not None:
            small.append((text.content[:50], round(worst[0], 1), worst[1]))
    return small


# -- arithmetic a viewer can redo ---------------------------------------------------------
_EXPRESSION = re.compile(r"^[\d.+\-*/() ]+$")
_NUMBER_ONLY = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")


def _plain_arithmetic(tex: str) -> str:
    """A formula's text with LaTeX's arithmetic spelled for Python: · and × as *, fractions
    of plain numbers as (a)/(b), spacing and braces gone, a true minus as '-'."""
    s = tex.replace("\u2212", "-").replace("{-}", "-").replace("{,}", "")
    s = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", s)
    s = re.sub(r"\\(?:cdot|times)", "*", s)
    s = re.sub(r"\\(?:left|right|big|Big|bigl|bigr|Bigl|Bigr)(?![A-Za-z])", "", s)
    s = re.sub(r"\\[,;:! ]|\\quad|\\qquad", " ", s)
    return s.replace("{", "").replace("}", "")


def computations(strings: list[str]) -> list[tuple[str, str, float]]:
    """Every computation written out on screen: ``expression = result`` where the
    expression is arithmetic on plain numbers (with an operator) and the result a plain
    number; as (expression, result as shown, the expression's value). A result after
    ``\\approx`` is not a claim of equality and is skipped."""
    found = []
    for text in dict.fromkeys(strings):
        parts = re.split(r"(=|\\approx)", _plain_arithmetic(text))
        for i in range(0, len(parts) - 2, 2):
            left, sign, right = parts[i].strip(), parts[i + 1], parts[i + 2].strip()
            if sign != "=" or not _EXPRESSION.match(left) or not _NUMBER_ONLY.match(right):
                continue
            if not re.search(r"\d\s*[-+*/]|\)\s*[-+*/(]|[-+*/]\s*\(", left):
                continue  # a lone (negative) number, not a computation
            try:
                value = float(eval(left, {"__builtins__": {}}, {}))  # digits and operators only
            except (SyntaxError, ZeroDivisionError):
                continue
            found.append((left, right, value))
    return found


def arithmetic_errors(strings: list[str]) -> list[str]:
    """Computations on screen whose shown digits do not give the shown result (rounded to
    the decimals the result shows)."""
    errors = []
    for left, right, value in computations(strings):
        decimals = len(right.split(".")[1]) if "." in right else 0
        if theme.fmt_tex(value, decimals) != theme.fmt_tex(float(right), decimals):
            errors.append(
                f"{left} = {right}, but those digits give {theme.fmt_tex(value, decimals + 2)}"
            )
    return errors
