"""Build a scene without writing video and record what is on screen at every slide break.

Used by the scene tests: ``build(entry)`` runs the scene's ``construct`` in manim's dry-run
mode with animations played to their end (:func:`scenes.dry_run.dry_run`), and returns one
:class:`Snapshot` per beat (and one at the end); :func:`probe` returns the built scene's
notes and slide count too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import (
    DecimalNumber,
    ImageMobject,
    Mobject,
    SingleStringMathTex,
    Text,
    VMobject,
    config,
)

from scenes import theme
from scenes.base import LectureScene
from scenes.dry_run import dry_run
from scenes.lecture import SceneEntry
from scenes.notes import Note

MEDIA = Path(__file__).resolve().parent.parent / "build" / "test-media"
TEXT_TYPES = (Text, SingleStringMathTex, DecimalNumber)


@dataclass
class ShownText:
    kind: str
    content: str
    box: tuple[float, float, float, float]  # left, bottom, right, top
    mobject: Mobject = field(repr=False)


@dataclass
class Snapshot:
    label: str
    texts: list[ShownText]
    boxes: list[tuple[str, tuple[float, float, float, float]]]
    #: Every color on screen ("#rrggbb"): fills, strokes and images of every submobject,
    #: and the background.
    colors: frozenset[str] = frozenset()

    def strings(self) -> list[str]:
        return [t.content for t in self.texts]


@dataclass(frozen=True)
class Probe:
    """A scene built by :func:`probe`: what is on screen at each beat and at the end, its
    speaker notes (one per slide) and its number of slides."""

    shots: list[Snapshot]
    notes: tuple[Note, ...]
    slides: int


def _box(mob: Mobject) -> tuple[float, float, float, float]:
    left, bottom = mob.get_corner([-1, -1, 0])[:2]
    right, top = mob.get_corner([1, 1, 0])[:2]
    return float(left), float(bottom), float(right), float(top)


def _visible(mob: Mobject) -> bool:
    if isinstance(mob, ImageMobject):
        return True
    family = [m for m in mob.get_family() if isinstance(m, VMobject) and m.has_points()]
    if not family:
        return False
    for m in family:
        fill = m.get_fill_opacity() if m.get_fill_opacities().size else 0.0
        stroke = m.get_stroke_opacity() if m.get_stroke_opacities().size else 0.0
        width = m.get_stroke_width()
        if fill > 0.05 or (stroke > 0.05 and width > 0):
            return True
    return False


def _texts(mob: Mobject, out: list[ShownText]) -> None:
    """Outermost text-like mobjects (a DecimalNumber's digits are not listed separately)."""
    if isinstance(mob, TEXT_TYPES):
        if not _visible(mob) or mob.width == 0:
            return
        if isinstance(mob, DecimalNumber):
            digits = mob.num_decimal_places
            out.append(ShownText("number", f"{mob.get_value():.{digits}f}", _box(mob), mob))
        elif isinstance(mob, Text):
            out.append(ShownText("text", mob.original_text, _box(mob), mob))
        else:
            out.append(ShownText("tex", mob.get_tex_string(), _box(mob), mob))
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


def snapshot(scene: LectureScene, label: str) -> Snapshot:
    texts: list[ShownText] = []
    boxes = []
    colors = _hex(np.array([scene.camera.background_color.to_rgba()]))
    for mob in scene.mobjects:
        _texts(mob, texts)
        colors |= colors_of(mob)
        if _visible(mob):
            boxes.append((type(mob).__name__, _box(mob)))
    return Snapshot(label, texts, boxes, frozenset(colors))


def probe(entry: SceneEntry | type[LectureScene]) -> Probe:
    """Run the scene's construct (no video): the snapshots at each beat and the end, the
    notes and the slide count."""
    shots: list[Snapshot] = []
    built = dry_run(
        entry,
        draw=True,
        on_beat=lambda scene, label: shots.append(snapshot(scene, label)),
        media_dir=MEDIA,
    )
    return Probe(shots, built.notes, built.slides)


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
    """Pairs of text objects whose boxes intersect by more than ``tolerance`` each way."""
    pairs = []
    texts = shot.texts
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
