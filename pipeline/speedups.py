"""Faster frames from manim's Cairo renderer: the same pixels, less work per frame.

manim 0.21 draws a frame as a picture of the scene's *static* mobjects, made once per
animation, with every *moving* mobject drawn on top. Its split is coarse: everything listed
after the first mobject that moves or has an updater counts as moving, so a slide with a line
that turns (an updater, added early) redraws every formula, label and dot added after it, on
every frame. And some of its per-frame steps cost far more than they need to: a mobject's
family is rebuilt by recursion with a duplicate check at every level, a copy goes through
``copy.deepcopy`` for every attribute, and a picture (``ImageMobject``, the classification
regions) is laid on the frame through a whole frame-sized image.

:func:`install` (called by :func:`pipeline.jobs.render_scene`) changes only how the frame is
computed, never what it shows:

* **Static mobjects drawn once** (:class:`StaticLayer`): at the start of each animation, every
  mobject of manim's moving list that is neither animated nor updated (nor inside one that
  is) is drawn once over manim's static picture, in manim's order; each frame then draws only
  the rest. This gives the same pixels as drawing everything in order exactly when each such
  mobject covers no pixel of a moving mobject drawn before it: checked on every frame with
  conservative boxes (the points' box, widened by the stroke and two pixels), and a mobject
  that would overlap goes back to being drawn every frame (the picture is made again without
  it). A static mobject changed anyway (by another mobject's updater) stops the layer for the
  rest of the animation: each frame compares what is drawn of them (points, colors, widths,
  order, children) with the state they were drawn in.
* **Families** listed without recursion (the same list: ``get_family`` is a depth-first
  listing of a tree; a family with a shared member keeps manim's own rule).
* **Copies** (``Mobject.copy``, what every animation does to its mobject) copy plain values
  and number arrays directly instead of through ``copy.deepcopy``.
* **Pictures** blended over the rectangle they cover instead of the whole frame (outside it,
  manim blends fully transparent pixels: no change).

Every pixel is the same as without them: ``tests/test_speedups.py`` renders scenes both ways
and compares frames. :func:`uninstall` puts manim's own methods back.
"""

from __future__ import annotations

import copy
import enum
import hashlib
import inspect
import os
import pickle
import weakref
from collections.abc import Iterable, Sequence
from operator import attrgetter
from pathlib import Path, PosixPath
from types import FunctionType
from typing import Any

import numpy as np
from manim import config
from manim.animation.composition import AnimationGroup
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP, Camera
from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import SVGMobject
from manim.mobject.types.image_mobject import AbstractImageMobject
from manim.mobject.types.vectorized_mobject import VMobject
from manim.renderer.cairo_renderer import CairoRenderer
from manim.utils.color import ManimColor
from manim.utils.family import extract_mobject_family_members
from manim.utils.tex import TexTemplate
from PIL import Image

_ORIGINALS: dict[tuple[type, str], Any] = {}


def install() -> None:
    """Use the faster methods in this process (idempotent)."""
    if _ORIGINALS:
        return
    for owner, name, replacement in _PATCHES:
        _ORIGINALS[(owner, name)] = owner.__dict__[name]
        setattr(owner, name, replacement)


def uninstall() -> None:
    """Put manim's own methods back."""
    for (owner, name), original in _ORIGINALS.items():
        setattr(owner, name, original)
    _ORIGINALS.clear()


def installed() -> bool:
    return bool(_ORIGINALS)


def _original(owner: type, name: str) -> Any:
    return _ORIGINALS.get((owner, name)) or owner.__dict__[name]


# -- families and copies --------------------------------------------------------------------
def get_family(self: Mobject, recurse: bool = True) -> list[Mobject]:
    """``Mobject.get_family`` without recursion: the mobject, then its submobjects' families
    in order (depth first); manim's own method when a member appears twice."""
    family = []
    stack = [self]
    while stack:
        mob = stack.pop()
        family.append(mob)
        if mob.submobjects:
            stack.extend(reversed(mob.submobjects))
    if len(family) > 1 and len(set(family)) != len(family):
        return _original(Mobject, "get_family")(self)
    return family


_PLAIN = frozenset({int, float, bool, str, bytes, complex, type(None), np.float64, np.int64})
#: Shared by a copy, not copied: immutable (a path, a function), or a settings object manim
#: reads when a mobject is made and never changes afterwards (a LaTeX template).
_SHARED = frozenset({PosixPath, FunctionType, TexTemplate})
_AS_IS = set(_PLAIN | _SHARED)


def deepcopy_mobject(self: Mobject, memo: dict[int, Any]) -> Mobject:
    """``Mobject.__deepcopy__`` with plain values shared and number arrays, colors and lists
    copied directly (what ``copy.deepcopy`` does to them, without its dispatch); anything
    else is deep copied as before."""
    cls = self.__class__
    result = cls.__new__(cls)
    memo[id(self)] = result
    attributes = result.__dict__
    for key, value in self.__dict__.items():
        attributes[key] = value if type(value) in _AS_IS else _copied(value, memo)
    result.original_id = str(id(self))
    return result


def _copied(value: Any, memo: dict[int, Any]) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if isinstance(value, enum.Enum):
        _AS_IS.add(kind)  # an enumeration's members are constants
        return value
    done = memo.get(id(value))
    if done is not None:
        return done
    if kind is np.ndarray and value.dtype.kind in "biuf":
        made: Any = value.copy()
    elif kind is ManimColor:
        made = kind.__new__(kind)
        made.__dict__.update(
            {k: v.copy() if type(v) is np.ndarray else v for k, v in value.__dict__.items()}
        )
    elif kind is list:
        made = []
        memo[id(value)] = made
        memo.setdefault(id(memo), []).append(value)
        made.extend(item if type(item) in _AS_IS else _copied(item, memo) for item in value)
        return made
    elif isinstance(value, Mobject):
        return value.__deepcopy__(memo)
    elif kind.__module__ == "svgelements.svgelements":
        return value  # a glyph's parsed SVG path: read once, when its points are made
    else:
        return copy.deepcopy(value, memo)
    memo[id(value)] = made
    memo.setdefault(id(memo), []).append(value)  # as copy.deepcopy keeps it alive
    return made


def update(self: Mobject, dt: float = 0, recursive: bool = True) -> Mobject:
    """``Mobject.update`` without recursion, in the same order (a mobject's updaters, then
    its submobjects', depth first; a suspended mobject skips its own family), and with each
    updater's signature read once (manim reads it at every call, to know whether it takes
    ``dt``)."""
    if self.updating_suspended:
        return self
    if self.updaters:
        _run_updaters(self, dt)
    if not recursive or not self.submobjects:
        return self
    stack = [iter(self.submobjects)]
    while stack:
        for mob in stack[-1]:
            if mob.updating_suspended:
                continue
            if mob.updaters:
                _run_updaters(mob, dt)
            if mob.submobjects:
                stack.append(iter(mob.submobjects))
                break
        else:
            stack.pop()
    return self


_TAKES_DT: dict[Any, bool] = {}


def _run_updaters(mob: Mobject, dt: float) -> None:
    for updater in mob.updaters:
        try:
            takes_dt = _TAKES_DT.get(updater)
        except TypeError:  # not hashable: read each time, as manim does
            takes_dt = "dt" in inspect.signature(updater).parameters
        if takes_dt is None:
            takes_dt = _TAKES_DT[updater] = "dt" in inspect.signature(updater).parameters
        if takes_dt:
            updater(mob, dt)
        else:
            updater(mob)


def type_or_raise(self: Camera, mobject: Mobject) -> type:
    """``Camera.type_or_raise`` (which kind of drawing a mobject gets) found once per class:
    manim builds its table of kinds again at every call, for every mobject of every frame."""
    kind = _KIND_OF.get(type(mobject))
    if kind is None or "display_funcs" not in self.__dict__:  # manim makes the table here
        kind = _KIND_OF[type(mobject)] = _original(Camera, "type_or_raise")(self, mobject)
    return kind


_KIND_OF: dict[type, type] = {}


class _PathRecorder:
    """Stands for a cairo context while manim sets a path: passes each call on, and keeps
    it to replay."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.calls: list[tuple[int, tuple[float, ...]]] = []

    def new_path(self) -> None:
        self.ctx.new_path()
        self.calls.append((0, ()))

    def new_sub_path(self) -> None:
        self.ctx.new_sub_path()
        self.calls.append((1, ()))

    def close_path(self) -> None:
        self.ctx.close_path()
        self.calls.append((2, ()))

    def move_to(self, x: float, y: float) -> None:
        self.ctx.move_to(x, y)
        self.calls.append((3, (x, y)))

    def curve_to(self, *xy: float) -> None:
        self.ctx.curve_to(*xy)
        self.calls.append((4, xy))


#: Per mobject: its points, what splits them into subpaths, and the calls its path took
#: (None until the same points are drawn a second time).
_PATHS: weakref.WeakKeyDictionary[VMobject, tuple] = weakref.WeakKeyDictionary()


def set_cairo_context_path(self: Camera, ctx: Any, vmobject: VMobject) -> Camera:
    """manim's ``Camera.set_cairo_context_path``, its calls to cairo kept per mobject and
    replayed while its points (and what splits them into subpaths) stay the same: a mobject
    drawn on many frames without moving (a formula fading in, dots over a changing picture)
    has its path worked out once. Kept from the second frame it is drawn the same (a mobject
    moving on every frame is not worth keeping)."""
    points = vmobject.points
    key = (vmobject.n_points_per_cubic_curve, vmobject.tolerance_for_point_equality)
    kept = _PATHS.get(vmobject)
    if (
        kept is None
        or kept[1] != key
        or kept[0].shape != points.shape
        or not np.array_equal(kept[0], points)
    ):
        _original(Camera, "set_cairo_context_path")(self, ctx, vmobject)
        _PATHS[vmobject] = (points.copy(), key, None)
        return self
    calls = kept[2]
    if calls is None:
        recorder = _PathRecorder(ctx)
        _original(Camera, "set_cairo_context_path")(self, recorder, vmobject)
        _PATHS[vmobject] = (kept[0], key, recorder.calls)
        return self
    do = (ctx.new_path, ctx.new_sub_path, ctx.close_path, ctx.move_to, ctx.curve_to)
    for op, arguments in calls:
        do[op](*arguments)
    return self


# -- SVG mobjects kept on disk ---------------------------------------------------------------
#: Bump when what is kept changes.
_SVG_FORMAT = 1


def generate_mobject(self: SVGMobject) -> SVGMobject:
    """``SVGMobject.generate_mobject`` (parse the SVG file of a text or formula, make its
    glyphs), kept on disk beside manim's caches: the same file read with the same settings
    gives the same glyphs in every later scene and run, loaded instead of parsed. Each
    entry is named by a digest of the file's bytes and of what manim itself keys its
    in-memory cache on (``hash_seed``: the class, default style, path settings), written
    under a temporary name and moved into place whole; one that cannot be read is made
    again. The glyphs keep their points, colors and attributes; only the parsed SVG path
    each glyph is made from (``path_obj``) is not kept: it is read once, when the points
    are made."""
    make = _original(SVGMobject, "generate_mobject")
    try:
        content = Path(self.get_file_path()).read_bytes()
    except OSError:
        return make(self)  # manim says what is missing
    seed = [part for part in self.hash_seed if part is not self.file_name]
    digest = hashlib.sha256(repr((_SVG_FORMAT, seed)).encode() + b"\0" + content).hexdigest()
    entry = Path(config.get_dir("media_dir")) / "svg_mobjects" / f"{digest[:40]}.pickle"
    try:
        parts, groups = pickle.loads(entry.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    else:
        self.add(*parts)
        self.id_to_vgroup_dict = groups
        return self
    make(self)
    paths = [mob for mob in self.get_family() if hasattr(mob, "path_obj")]
    kept = [mob.path_obj for mob in paths]
    try:
        for mob in paths:
            mob.path_obj = None
        data = pickle.dumps((self.submobjects, self.id_to_vgroup_dict), pickle.HIGHEST_PROTOCOL)
    finally:
        for mob, path in zip(paths, kept, strict=True):
            mob.path_obj = path
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_name(f".{entry.stem}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, entry)
    except OSError:
        partial.unlink(missing_ok=True)  # a full disk: parsed again next time
    return self


# -- pictures -------------------------------------------------------------------------------
def display_image_mobject(
    self: Camera, image_mobject: AbstractImageMobject, pixel_array: np.ndarray
) -> None:
    """manim's ``Camera.display_image_mobject``, blending over the picture's rectangle only.

    manim pastes the transformed picture into a transparent frame-sized image and blends
    that over the whole frame; outside the rectangle every pixel it blends is transparent
    (alpha 0), which leaves the frame as it was. Here the same picture is blended over the
    rectangle, clipped to the frame."""
    placed = _place_image(self, image_mobject)
    if placed is None:
        return
    sub_image, (x0, y0) = placed
    width, height = sub_image.size
    left, top = max(x0, 0), max(y0, 0)
    right, bottom = min(x0 + width, self.pixel_width), min(y0 + height, self.pixel_height)
    if right <= left or bottom <= top:
        return
    if (left, top, right, bottom) != (x0, y0, x0 + width, y0 + height):
        sub_image = sub_image.crop((left - x0, top - y0, right - x0, bottom - y0))
    region = pixel_array[top:bottom, left:right]
    under = Image.fromarray(np.ascontiguousarray(region), mode=self.image_mode)
    region[:] = np.asarray(Image.alpha_composite(under, sub_image), dtype="uint8")


def _place_image(
    camera: Camera, image_mobject: AbstractImageMobject
) -> tuple[Image.Image, tuple[int, int]] | None:
    """The picture as manim transforms it for the frame, and its top-left pixel; None where
    manim draws nothing. (The first part of manim's ``display_image_mobject``, unchanged.)"""
    from manim.utils.space_ops import cross2d

    sub_image = Image.fromarray(image_mobject.get_pixel_array(), mode="RGBA")
    original_coords = np.array(
        [[0, 0], [sub_image.width, 0], [0, sub_image.height], [sub_image.width, sub_image.height]]
    )
    target_coords = camera.points_to_subpixel_coords(image_mobject, image_mobject.points)
    int_target_coords = target_coords.astype(np.int64)
    shift_vector = np.array(
        [min(*[x for x, y in int_target_coords]), min(*[y for x, y in int_target_coords])]
    )
    target_coords -= shift_vector
    int_target_coords -= shift_vector
    target_size = (
        max(*[x for x, y in int_target_coords]),
        max(*[y for x, y in int_target_coords]),
    )
    ordered_vertices = [target_coords[i] for i in (0, 1, 3, 2)]
    sides = [ordered_vertices[(i + 1) % 4] - ordered_vertices[i] for i in range(4)]
    side_lengths_in_pixels = np.linalg.norm(sides, axis=1)
    longest_side_index = np.argmax(side_lengths_in_pixels)
    longest_side = sides[longest_side_index]
    longest_side_length_in_pixels = side_lengths_in_pixels[longest_side_index]
    if longest_side_length_in_pixels == 0:
        return None
    previous_side = sides[(longest_side_index - 1) % 4]
    next_side = sides[(longest_side_index - 1) % 4]
    h1 = abs(cross2d(longest_side, previous_side)) / longest_side_length_in_pixels
    h2 = abs(cross2d(longest_side, next_side)) / longest_side_length_in_pixels
    if max(h1, h2) < 0.5:
        return None
    homography_matrix = []
    for (x, y), (X, Y) in zip(target_coords, original_coords, strict=True):
        homography_matrix.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        homography_matrix.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
    A = np.array(homography_matrix, dtype=np.float64)
    b = original_coords.reshape(8).astype(np.float64)
    try:
        transform_coefficients = np.linalg.solve(A, b)
    except np.linalg.LinAlgError:
        return None
    sub_image = sub_image.transform(
        size=target_size,
        method=Image.Transform.PERSPECTIVE,
        data=transform_coefficients,
        resample=image_mobject.resampling_algorithm,
    )
    return sub_image, (int(shift_vector[0]), int(shift_vector[1]))


# -- static mobjects drawn once per animation -------------------------------------------------
#: What is drawn of a mobject besides its arrays (compared on every frame).
_VECTOR_LOOK = attrgetter(
    "stroke_width",
    "background_stroke_width",
    "z_index",
    "sheen_factor",
    "joint_type",
    "cap_style",
    "background_image",
    "tolerance_for_point_equality",
    "shade_in_3d",
)
_IMAGE_LOOK = attrgetter("z_index", "resampling_algorithm")
#: The widest a stroke reaches past its path, in stroke widths: a miter join (cairo's limit
#: is 10) reaches 5 widths out.
_MITER_REACH = 5.0
_PIXELS_AROUND = 2.0  # antialiasing and resampling, in pixels


def _animated_families(animations: Iterable[Any]) -> list[Mobject]:
    """Every mobject an animation changes (as manim's ``get_moving_mobjects`` lists them)."""
    found: list[Mobject] = []
    for animation in animations:
        found.extend(animation.mobject.get_family())
        if isinstance(animation, AnimationGroup):
            found.extend(_animated_families(animation.animations))
    return found


_KINDS = 5  # points, fill, stroke, background stroke colors; a picture's pixels
_EMPTY = np.zeros(0)


def _arrays(mob: Mobject) -> tuple[np.ndarray, ...]:
    if isinstance(mob, VMobject):
        return mob.points, mob.fill_rgbas, mob.stroke_rgbas, mob.background_stroke_rgbas, _EMPTY
    if isinstance(mob, AbstractImageMobject):
        return mob.points, _EMPTY, _EMPTY, _EMPTY, mob.pixel_array
    return mob.points, _EMPTY, _EMPTY, _EMPTY, _EMPTY


def _look(mob: Mobject, arrays: tuple[np.ndarray, ...]) -> tuple:
    if isinstance(mob, VMobject):
        attributes = _VECTOR_LOOK(mob)
    elif isinstance(mob, AbstractImageMobject):
        attributes = _IMAGE_LOOK(mob)
    else:
        attributes = (type(mob), mob.z_index)
    return attributes, tuple(mob.submobjects), tuple(a.shape for a in arrays)


class _Snapshot:
    """What is drawn of some mobjects (their attributes, children and arrays), to tell
    which of them changed since."""

    def __init__(self, mobjects: Sequence[Mobject]) -> None:
        arrays = [_arrays(mob) for mob in mobjects]
        self.looks = [_look(mob, a) for mob, a in zip(mobjects, arrays, strict=True)]
        sizes = np.array([[a.size for a in own] for own in arrays], dtype=np.int64)
        self.sizes = sizes.reshape(len(mobjects), _KINDS)
        self.ends = np.cumsum(self.sizes, axis=0)
        self.joined = [
            np.concatenate([own[k].ravel() for own in arrays]) if arrays else _EMPTY
            for k in range(_KINDS)
        ]

    def changed(self, mobjects: Sequence[Mobject]) -> np.ndarray:
        """For each of ``mobjects`` (those of the snapshot, in order), whether it changed."""
        arrays = [_arrays(mob) for mob in mobjects]
        looks = [_look(mob, a) for mob, a in zip(mobjects, arrays, strict=True)]
        out = np.zeros(len(mobjects), dtype=bool)
        for i, (before, now) in enumerate(zip(self.looks, looks, strict=True)):
            try:
                out[i] = bool(before != now)
            except ValueError:  # an attribute that is an array: compare it the long way
                out[i] = True
        for k in range(_KINDS):
            sizes = self.sizes[:, k]
            if not sizes.any():
                continue
            if out.any():  # sizes may differ: one by one, where the looks agree
                for i in np.nonzero(~out & (sizes > 0))[0]:
                    end = self.ends[i, k]
                    before = self.joined[k][end - sizes[i] : end]
                    if not np.array_equal(before, arrays[i][k].ravel()):
                        out[i] = True
                continue
            now = np.concatenate([own[k].ravel() for own in arrays])
            differ = np.nonzero(now != self.joined[k])[0]
            if len(differ):
                out[np.searchsorted(self.ends[:, k], differ, side="right")] = True
        return out


_EVERYWHERE = np.array([[-np.inf, -np.inf, np.inf, np.inf]])
_NOWHERE = np.zeros((0, 4))
_NOWHERE_ROW = np.array([[np.inf, np.inf, -np.inf, -np.inf]])  # meets no box
#: Cubic Bezier control points of each of ``_PIECES`` equal parts of a curve, from its own
#: four (de Casteljau): each part lies in the box of its control points.
_PIECES = 8
_FINE_CURVES = 16  # mobjects of more curves keep one box


def _split_matrix(pieces: int) -> np.ndarray:
    rows = []
    for k in range(pieces):
        a, b = k / pieces, (k + 1) / pieces
        for t0, t1, t2 in ((a, a, a), (a, a, b), (a, b, b), (b, b, b)):
            # the blossom of the cubic at (t0, t1, t2): a control point of the part [a, b]
            row = np.zeros(4)
            for i, weights in enumerate(_blossom_weights(t0, t1, t2)):
                row[i] = weights
            rows.append(row)
    return np.array(rows)


def _blossom_weights(t0: float, t1: float, t2: float) -> tuple[float, float, float, float]:
    s0, s1, s2 = 1 - t0, 1 - t1, 1 - t2
    return (
        s0 * s1 * s2,
        t0 * s1 * s2 + s0 * t1 * s2 + s0 * s1 * t2,
        t0 * t1 * s2 + t0 * s1 * t2 + s0 * t1 * t2,
        t0 * t1 * t2,
    )


_SPLIT = _split_matrix(_PIECES)


def _reach(camera: Camera, mob: Mobject) -> float:
    """How far past its points what ``mob`` draws can reach, in frame units: half its widest
    stroke (times the reach of a square cap's corner), or 5 stroke widths where a path has
    corners (a miter join; cairo's limit is 10 widths), and two pixels of antialiasing."""
    pixel = _PIXELS_AROUND * camera.frame_width / camera.pixel_width
    if _KIND_OF.get(type(mob)) is not VMobject and not isinstance(mob, VMobject):
        return pixel
    width = max(float(np.max(mob.stroke_width)), float(np.max(mob.background_stroke_width)))
    if width <= 0:
        return pixel
    nppcc = mob.n_points_per_cubic_curve
    simple = len(mob.points) == nppcc  # one curve: no join, no closing
    factor = 0.75 if simple else _MITER_REACH
    return factor * width * camera.cairo_line_width_multiple + pixel


def _box(camera: Camera, mob: Mobject) -> np.ndarray:
    """(1, 4) [x_min, y_min, x_max, y_max] holding every pixel ``mob`` can touch; none for a
    mobject manim does not draw (no points, or a plain Mobject such as a ValueTracker);
    everywhere for a kind this does not know."""
    points = mob.points
    if not len(points) or camera.type_or_raise(mob) is Mobject:
        return _NOWHERE
    if not isinstance(mob, VMobject | AbstractImageMobject):
        return _EVERYWHERE
    margin = _reach(camera, mob)
    low, high = points[:, :2].min(axis=0) - margin, points[:, :2].max(axis=0) + margin
    return np.array([[low[0], low[1], high[0], high[1]]])


def _boxes(camera: Camera, mobjects: Sequence[Mobject]) -> np.ndarray:
    """(n, 4): :func:`_box` of each of ``mobjects`` (a box meeting none for a mobject not
    drawn), worked out together."""
    boxes = np.tile(_NOWHERE_ROW, (len(mobjects), 1))
    rows, points, reach = [], [], []
    for row, mob in enumerate(mobjects):
        own = mob.points
        if not len(own):
            continue
        kind = _KIND_OF.get(type(mob)) or camera.type_or_raise(mob)
        if kind is Mobject:
            continue
        if kind is not VMobject and kind is not AbstractImageMobject:
            boxes[row] = _EVERYWHERE[0]
            continue
        rows.append(row)
        points.append(own[:, :2])
        reach.append(_reach(camera, mob))
    if rows:
        starts = np.cumsum([0, *(len(p) for p in points[:-1])])
        joined = np.concatenate(points)
        margin = np.asarray(reach)[:, None]
        boxes[rows, :2] = np.minimum.reduceat(joined, starts, axis=0) - margin
        boxes[rows, 2:] = np.maximum.reduceat(joined, starts, axis=0) + margin
    return boxes


def _fine_boxes(camera: Camera, mob: Mobject) -> np.ndarray:
    """(k, 4) boxes that together hold every pixel ``mob`` can touch: one per eighth of
    each of its curves (a thin line across a plot covers its diagonal, not its box)."""
    coarse = _box(camera, mob)
    if not isinstance(mob, VMobject) or not len(coarse) or not np.isfinite(coarse).all():
        return coarse
    nppcc = mob.n_points_per_cubic_curve
    points = mob.points[: len(mob.points) // nppcc * nppcc, :2]
    if nppcc != 4 or not len(points) or len(points) > _FINE_CURVES * nppcc:
        return coarse  # a glyph of many curves: its box is close enough
    parts = np.einsum("pk,ckd->cpd", _SPLIT, points.reshape(-1, 4, 2))
    parts = parts.reshape(-1, 4, 2)  # the control points of every eighth of every curve
    margin = _reach(camera, mob)
    return np.concatenate([parts.min(axis=1) - margin, parts.max(axis=1) + margin], axis=1)


def _touching(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(len(a), len(b)) whether box a[i] meets box b[j]."""
    return (
        (a[:, None, 0] <= b[None, :, 2])
        & (a[:, None, 2] >= b[None, :, 0])
        & (a[:, None, 1] <= b[None, :, 3])
        & (a[:, None, 3] >= b[None, :, 1])
    )


class _DrawList:
    """What the camera draws of ``mobjects`` (``Camera.get_mobjects_to_display``: their
    families, each member once, by z-index, those with points), listed again only when a
    family changed (a member's submobjects or z-index)."""

    def __init__(self, camera: Camera, mobjects: Sequence[Mobject]) -> None:
        self.camera = camera
        self.mobjects = mobjects
        self.members: list[Mobject] = []
        self.key: list[tuple] | None = None

    def _key(self) -> list[tuple]:
        return [(tuple(mob.submobjects), mob.z_index) for mob in self.members]

    def get(self) -> list[Mobject]:
        if self.key is None or self._key() != self.key:
            # manim's list, with the members without points kept (filtered below: the same
            # order, as a member's place does not depend on the others having points)
            self.members = extract_mobject_family_members(
                self.mobjects, use_z_index=self.camera.use_z_index
            )
            self.key = self._key()
        return [mob for mob in self.members if len(mob.points)]


Pen = tuple[Any, Any]  # cairo's line join and line cap


def _pen_set_by(mob: Mobject) -> Pen | None:
    """What drawing ``mob`` sets of cairo's line join and cap (None for each it leaves as
    it is: manim sets them only when they are not AUTO), or None when it strokes nothing
    (then it neither sets nor uses them)."""
    if _KIND_OF.get(type(mob)) is not VMobject and not isinstance(mob, VMobject):
        return None
    width, background = mob.stroke_width, mob.background_stroke_width
    if isinstance(width, str):  # as VMobject.get_stroke_width reads it
        width = int(width)
    if max(0.0, width) == 0 and max(0.0, background) == 0:
        return None
    return LINE_JOIN_MAP[mob.joint_type], CAP_STYLE_MAP[mob.cap_style]


def _pens(sets: Sequence[Pen | None], start: Pen) -> tuple[list[Pen | None], Pen]:
    """The join and cap each mobject strokes with when mobjects that set ``sets``
    (:func:`_pen_set_by`) are drawn in order from a context whose pen is ``start`` (None:
    strokes nothing), and the pen left at the end.

    cairo keeps the line join and cap of the last stroke that set them, so a mobject whose
    own are AUTO strokes with those of the last one drawn before it: drawn in another
    order, its pen is set explicitly."""
    join, cap = start
    pens: list[Pen | None] = []
    for own in sets:
        if own is None:
            pens.append(None)
            continue
        join = own[0] if own[0] is not None else join
        cap = own[1] if own[1] is not None else cap
        pens.append((join, cap))
    return pens, (join, cap)


#: A layer that has to make its picture again on more than one frame in this many (each
#: time costs about a frame of drawing everything) gives way to manim's own drawing.
_REMAKE_SHARE = 3
_REMAKES_ALLOWED = 3  # ...after these


class StaticLayer:
    """For one animation: the mobjects that do not change, drawn once over manim's static
    picture (``picture``); each frame draws the others over it, in manim's order.

    Every mobject of manim's moving list that no animation moves is taken to be still, also
    one an updater could change: each frame first looks whether one did
    (:class:`_Snapshot`); one that changed is drawn every frame from then on.

    The frame is the one manim draws when, for every still mobject, no moving mobject drawn
    before it in manim's order touches its pixels, and it strokes with the same line join
    and cap (cairo's pen, see :func:`_pens`) as in manim's order; a still mobject for which
    either fails is drawn every frame (the picture is made again without it). The pen is
    followed across frames as manim's drawing leaves it (``self.pen``), and left so after
    each frame."""

    def __init__(
        self,
        renderer: CairoRenderer,
        moving: Sequence[Mobject],
        still: list[Mobject],
    ) -> None:
        self.renderer = renderer
        self.camera: Camera = renderer.camera
        self.context = self.camera.get_cairo_context(self.camera.pixel_array)
        self.pen: Pen = (self.context.get_line_join(), self.context.get_line_cap())
        self.moving = moving
        self.draw_list = _DrawList(self.camera, moving)
        self.parents = {
            child: mob
            for mob in extract_mobject_family_members(moving)
            for child in mob.submobjects
        }
        self.remade = 0  # how many times the picture was made again
        self.frames = 0
        drawn = self.draw_list.get()
        pens = dict(zip(drawn, _pens([_pen_set_by(m) for m in drawn], self.pen)[0], strict=True))
        self._make(still, [pens[mob] for mob in still])

    @classmethod
    def plan(cls, renderer: CairoRenderer, scene: Any) -> StaticLayer | None:
        """The layer for the animation ``scene`` has begun, or None when it would not help
        (a scene updater that could change anything, a mobject colored by a background
        image, drawn another way)."""
        if scene.updaters or not scene.moving_mobjects:
            return None
        animated: set[Mobject] = set(_animated_families(scene.animations or ()))
        for mob in scene.foreground_mobjects:
            animated.update(mob.get_family())
        drawn = renderer.camera.get_mobjects_to_display(scene.moving_mobjects)
        if any(isinstance(mob, VMobject) and mob.get_background_image() for mob in drawn):
            return None
        still = [mob for mob in drawn if mob not in animated and _can_stay(mob)]
        if not still:
            return None
        return cls(renderer, scene.moving_mobjects, still)

    def _set_pen(self, pen: Pen) -> None:
        self.context.set_line_join(pen[0])
        self.context.set_line_cap(pen[1])

    def _draw(
        self,
        mobjects: list[Mobject],
        sets: list[Pen | None],
        pens: list[Pen | None],
        start: Pen,
    ) -> None:
        """Draw ``mobjects`` (which set ``sets`` of the pen) in order from pen ``start``,
        each stroking with its pen: in runs, the pen set where the one the context would
        give differs."""
        current = start
        self._set_pen(current)
        run: list[Mobject] = []
        for mob, own, pen in zip(mobjects, sets, pens, strict=True):
            if pen is not None:
                assert own is not None
                would = (
                    own[0] if own[0] is not None else current[0],
                    own[1] if own[1] is not None else current[1],
                )
                if would != pen:
                    if run:
                        self.camera.capture_mobjects(run, include_submobjects=False)
                        run = []
                    self._set_pen(pen)
                current = pen
            run.append(mob)
        if run:
            self.camera.capture_mobjects(run, include_submobjects=False)

    def _make(self, still: list[Mobject], pens: list[Pen | None]) -> None:
        """Draw ``still`` (in manim's order, each with its pen) over manim's static picture;
        the context's pen is left as it was."""
        self.still, self.still_pens = still, pens
        camera = self.camera
        if self.renderer.static_image is not None:
            camera.set_frame_to_background(self.renderer.static_image)
        else:
            camera.reset()
        if still:
            self._draw(still, [_pen_set_by(m) for m in still], pens, self.pen)
        self._set_pen(self.pen)
        self.picture = camera.pixel_array.copy()
        self.snapshot = _Snapshot(still)
        self.still_boxes = _boxes(camera, still)
        self.fine: dict[Mobject, np.ndarray] = {}

    def draw(self) -> bool:
        """Draw the frame into the camera; False (and nothing drawn) when the layer does not
        hold: a still mobject left the picture, or a mobject is drawn another way."""
        out = self.snapshot.changed(self.still)
        while True:
            drawn = self.draw_list.get()
            if any(isinstance(mob, VMobject) and mob.get_background_image() for mob in drawn):
                return False
            sets = [_pen_set_by(mob) for mob in drawn]
            pens, end = _pens(sets, self.pen)
            place = {mob: i for i, mob in enumerate(drawn)}
            still_at = np.array([place.get(mob, -1) for mob in self.still], dtype=np.int64)
            if np.any(still_at < 0):
                return False  # a still mobject is no longer drawn
            is_still = np.zeros(len(drawn), dtype=bool)
            is_still[still_at] = True
            live_at = np.nonzero(~is_still)[0]
            live = [drawn[i] for i in live_at]
            out |= self._blocked(self.still_boxes, still_at, live, live_at)
            out |= np.array(
                [pens[at] != pen for at, pen in zip(still_at, self.still_pens, strict=True)],
                dtype=bool,
            )
            if not out.any():
                break
            # drawn another way than manim draws it: drawn every frame from now on
            self.remade += 1
            if self.remade > _REMAKES_ALLOWED and self.remade * _REMAKE_SHARE > self.frames + 1:
                return False  # remade too often to gain anything
            gone = self._with_siblings(out)
            order = [mob for mob, g in zip(self.still, gone, strict=True) if not g]
            self._make(order, [pen for pen, g in zip(self.still_pens, gone, strict=True) if not g])
            out = np.zeros(len(self.still), dtype=bool)
        self.frames += 1
        self.camera.set_frame_to_background(self.picture)
        self._draw(live, [sets[i] for i in live_at], [pens[i] for i in live_at], self.pen)
        self.pen = end  # as manim's drawing of the whole list leaves it
        self._set_pen(end)
        return True

    def _with_siblings(self, out: np.ndarray) -> np.ndarray:
        """``out`` and the still mobjects of the same parent as one in it (the other dashes
        of a dashed line, the other letters of a word: what moves over one usually moves
        over the next, and each new picture costs a frame)."""
        parents = {self.parents.get(mob) for mob, o in zip(self.still, out, strict=True) if o}
        parents.discard(None)
        if not parents:
            return out
        return out | np.array([self.parents.get(mob) in parents for mob in self.still], dtype=bool)

    def _blocked(
        self,
        still_boxes: np.ndarray,
        still_at: np.ndarray,
        live: list[Mobject],
        live_at: np.ndarray,
    ) -> np.ndarray:
        """For each still mobject (its boxes and places), whether a moving one drawn
        before it may touch it: their boxes meet, and so do the boxes of some eighth of a
        curve of each."""
        out = np.zeros(len(still_at), dtype=bool)
        if not len(still_at) or not len(live):
            return out
        before = live_at < still_at.max()
        if not before.any():
            return out
        live = [mob for mob, keep in zip(live, before, strict=True) if keep]
        at = live_at[before]
        touch = _touching(_boxes(self.camera, live), still_boxes) & (
            at[:, None] < still_at[None, :]
        )
        if not touch.any():
            return out
        drawn = self.draw_list.get()
        fine: dict[int, np.ndarray] = {}
        for row, column in zip(*np.nonzero(touch), strict=True):
            if out[column]:
                continue
            if row not in fine:
                fine[row] = _fine_boxes(self.camera, live[row])
            if _touching(fine[row], self._fine_of(drawn[still_at[column]])).any():
                out[column] = True
        return out

    def _fine_of(self, mob: Mobject) -> np.ndarray:
        """:func:`_fine_boxes` of an unchanged mobject, kept until the picture is made again."""
        boxes = self.fine.get(mob)
        if boxes is None:
            boxes = self.fine[mob] = _fine_boxes(self.camera, mob)
        return boxes


def _can_stay(mob: Mobject) -> bool:
    """Whether ``mob`` can be drawn into the picture (a kind whose pixels :func:`_box`
    bounds)."""
    return isinstance(mob, VMobject | AbstractImageMobject)


def save_static_frame_data(
    self: CairoRenderer, scene: Any, static_mobjects: Iterable[Mobject]
) -> np.ndarray | None:
    """manim's static picture, then this animation's :class:`StaticLayer` (if any) and the
    list of what its frames draw (:class:`_DrawList`)."""
    image = _original(CairoRenderer, "save_static_frame_data")(self, scene, static_mobjects)
    self.static_layer = None
    self.draw_list = None
    if not self.skip_animations and not scene.is_current_animation_frozen_frame():
        self.static_layer = StaticLayer.plan(self, scene)
        self.draw_list = _DrawList(self.camera, scene.moving_mobjects)
    return image


def render(
    self: CairoRenderer, scene: Any, time: float, moving_mobjects: Iterable[Mobject] | None = None
) -> None:
    """A frame of an animation: through its :class:`StaticLayer` while it holds, else as
    manim draws it (``update_frame``), with the list of what to draw kept between frames."""
    layer = getattr(self, "static_layer", None)
    if layer is not None and moving_mobjects is layer.moving:
        if layer.draw():
            self.add_frame(self.get_frame())
            return
        self.static_layer = None  # manim's own way for the rest of the animation
    listed = getattr(self, "draw_list", None)
    if listed is None or moving_mobjects is not listed.mobjects or not moving_mobjects:
        _original(CairoRenderer, "render")(self, scene, time, moving_mobjects)
        return
    if self.static_image is not None:
        self.camera.set_frame_to_background(self.static_image)
    else:
        self.camera.reset()
    self.camera.capture_mobjects(listed.get(), include_submobjects=False)
    self.add_frame(self.get_frame())


_PATCHES: tuple[tuple[type, str, Any], ...] = (
    (Mobject, "get_family", get_family),
    (Mobject, "__deepcopy__", deepcopy_mobject),
    (Mobject, "update", update),
    (Camera, "display_image_mobject", display_image_mobject),
    (Camera, "type_or_raise", type_or_raise),
    (Camera, "set_cairo_context_path", set_cairo_context_path),
    (SVGMobject, "generate_mobject", generate_mobject),
    (CairoRenderer, "save_static_frame_data", save_static_frame_data),
    (CairoRenderer, "render", render),
)
