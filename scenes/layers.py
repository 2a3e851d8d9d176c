"""Still shapes drawn as layers, and shapes that paint nothing skipped: the camera that
:class:`scenes.camera.LectureCamera` builds on.

Shapes that paint nothing: manim builds the cairo path of every shape it draws, then fills
and strokes it, even when every color of the shape is fully transparent (the texts of a
``LaggedStart`` of ``FadeIn`` not yet begun, at opacity 0: most of them, most of the time).
Painting with alpha 0 leaves every pixel as it was (cairo's OVER operator), so such a shape
is skipped; what its drawing leaves in the cairo context for the shapes after it (the line
join and cap of a stroke with a width) is set as manim would.

Still shapes: manim's Cairo renderer redraws, at every frame of an animation, everything
drawn after the first mobject that moves (the drawing order must be kept): often hundreds of
shapes that do not change (the network above a sweep's regions, a slide's words above the
one that is indicated). :class:`StillLayersCamera` notes what each shape would draw (its
points, colors and stroke: :func:`look`); a run of at least :data:`LAYER_RUN` painting
shapes in a row that drew the same over the last frames is drawn once into a transparent
layer the size of the frame, which later frames paint in one step at its place in the order,
for as long as every shape in it draws the same. A run that grew (the items of a
``LaggedStart`` stopping one after the other) starts from the kept layer of the shorter run.

Pixels: a layer composited over the frame is cairo's OVER in another order (shapes over
each other, then over the frame, instead of each over the frame), the same in exact
arithmetic: an 8-bit pixel can differ by a rounding step where shapes of the layer overlap
(at most 3 of 255 in the lecture's 20 scenes). What a run of shapes leaves set in the cairo
context for the shapes after it (the line join and cap of AUTO strokes) is set as drawing
them would leave it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, NamedTuple

import cairo
import numpy as np
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP, Camera
from manim.constants import CapStyleType, LineJointType

#: The fewest painting shapes in a row drawn as a layer (painting a layer costs about what
#: drawing a few shapes does).
LAYER_RUN = 8
#: Frames a shape must have drawn the same before it joins a layer (a shape that has just
#: stopped may move again: a layer made for one frame costs more than it saves), and more
#: for each time it moved again after stopping (a number that changes every few frames
#: would otherwise join a layer, and make a new one, every few frames).
LAYER_AFTER = 2
LAYER_AFTER_RESTART = 4
#: Layers kept (the runs of still shapes of an animation: usually one or two).
LAYERS = 4


class _Still:
    """What the camera keeps from frame to frame. Slots, no ``__dict__``: manim's scene
    caching hashes the camera's attributes, and what is kept changes no picture."""

    __slots__ = ("drawing", "drawn", "layers")

    def __init__(self) -> None:
        #: shape -> (what it drew at the last frame, how many frames in a row it drew that,
        #: how many times it changed again after drawing the same)
        self.drawn: dict[Any, tuple[tuple | None, int, int]] = {}
        #: the same, for the frame being drawn (None: no frame is)
        self.drawing: dict[Any, tuple[tuple | None, int, int]] | None = None
        #: what a layer was drawn from -> (the layer, its box, line join and cap after it)
        self.layers: OrderedDict[LayerKey, tuple[Any, tuple[int, int, int, int], Any, Any]] = (
            OrderedDict()
        )


class StillLayersCamera(Camera):
    """manim's Cairo camera, drawing runs of still shapes as layers, and skipping shapes
    that paint nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.still = _Still()

    def display_vectorized(
        self, vmobject: Any, ctx: Any, unseen: bool | None = None
    ) -> StillLayersCamera:
        """manim's, except that a shape with nothing to paint (``unseen``; found here when
        not given: :func:`paints_nothing`) is not drawn (same pixels)."""
        if paints_nothing(vmobject) if unseen is None else unseen:
            # manim's ``apply_stroke`` sets these and leaves them set: the shapes drawn
            # after this one with AUTO joins or caps stroke with them
            if vmobject.get_stroke_width(True) != 0 or vmobject.get_stroke_width(False) != 0:
                if vmobject.joint_type != LineJointType.AUTO:
                    ctx.set_line_join(LINE_JOIN_MAP[vmobject.joint_type])
                if vmobject.cap_style != CapStyleType.AUTO:
                    ctx.set_line_cap(CAP_STYLE_MAP[vmobject.cap_style])
            return self
        return super().display_vectorized(vmobject, ctx)

    def capture_mobjects(self, mobjects: Any, **kwargs: Any) -> None:
        """manim's; then what the shapes drawn now drew becomes "the last frame's"."""
        self.still.drawing = {}
        try:
            super().capture_mobjects(mobjects, **kwargs)
            self.still.drawn = self.still.drawing
        finally:
            self.still.drawing = None

    def display_multiple_non_background_colored_vmobjects(
        self, vmobjects: Any, pixel_array: np.ndarray
    ) -> None:
        """manim's (each shape drawn in order), with runs of still shapes painted as
        layers."""
        ctx = self.get_cairo_context(pixel_array)
        shapes = list(vmobjects)
        before = self.still.drawn
        now = self.still.drawing
        if now is None:  # called outside capture_mobjects: draw as manim does
            for shape in shapes:
                self.display_vectorized(shape, ctx)
            return
        still: list[bool] = []
        seen: list[bool] = []
        drawn: list[tuple | None] = []
        for shape in shapes:
            what, unseen = look(shape)
            last = before.get(shape)
            if last is None:
                count, restarts = 0, 0
            elif what is not None and last[0] == what:
                count, restarts = last[1] + 1, last[2]
            else:
                count, restarts = 0, last[2] + (last[1] > 0)
            now[shape] = (what, count, restarts)
            drawn.append(what)
            still.append(count >= LAYER_AFTER + LAYER_AFTER_RESTART * restarts)
            seen.append(not unseen)
        start = 0
        while start < len(shapes):
            end = start
            while end < len(shapes) and still[end]:
                end += 1
            # what a layer saves is drawing the shapes that paint (the others cost nothing)
            if sum(seen[start:end]) >= LAYER_RUN:
                self._paint_layer(ctx, shapes[start:end], drawn[start:end], seen[start:end])
                start = end
                continue
            for index in range(start, max(end, start + 1)):
                self.display_vectorized(shapes[index], ctx, unseen=not seen[index])
            start = max(end, start + 1)

    def _paint_layer(self, ctx: Any, shapes: list, drawn: list, seen: list[bool]) -> None:
        """Paint ``shapes`` (in a row, each drawing ``drawn``, painting something where
        ``seen``) as one layer, made when first needed; the line join and cap are left as
        drawing them would leave them."""
        key = LayerKey(
            tuple(map(id, shapes)),
            tuple(drawn),
            (ctx.get_line_join(), ctx.get_line_cap(), tuple(ctx.get_matrix())),
        )
        found = self.still.layers.get(key)
        if found is None:
            found = self._make_layer(ctx, shapes, seen, key)
            self.still.layers[key] = found
            if len(self.still.layers) > LAYERS:
                self.still.layers.popitem(last=False)
        else:
            self.still.layers.move_to_end(key)
        layer, (left, top, right, bottom), join, cap = found
        if right > left and bottom > top:
            ctx.save()
            ctx.identity_matrix()
            ctx.set_source_surface(layer, 0, 0)
            ctx.new_path()  # the last shape's path is still there: fill the box alone
            ctx.rectangle(left, top, right - left, bottom - top)
            ctx.fill()
            ctx.restore()
        ctx.set_line_join(join)
        ctx.set_line_cap(cap)

    def _make_layer(self, ctx: Any, shapes: list, seen: list[bool], key: LayerKey) -> tuple:
        """``shapes`` drawn as this camera draws them, onto a transparent surface the size
        of the frame; a box holding every pixel they paint; the line join and cap after
        them. A kept layer of the first of these shapes (a run that grew: the items of a
        ``LaggedStart`` stopping one after the other) is copied, and only the rest drawn."""
        layer = cairo.ImageSurface(cairo.FORMAT_ARGB32, self.pixel_width, self.pixel_height)
        on = cairo.Context(layer)
        on.set_matrix(ctx.get_matrix())
        on.set_line_join(ctx.get_line_join())
        on.set_line_cap(ctx.get_line_cap())
        box, done = (0, 0, 0, 0), 0
        for other, (old, old_box, join, cap) in reversed(self.still.layers.items()):
            if other.starts(key):
                on.save()
                on.identity_matrix()
                on.set_source_surface(old, 0, 0)
                on.set_operator(cairo.OPERATOR_SOURCE)
                on.paint()
                on.restore()
                on.set_line_join(join)
                on.set_line_cap(cap)
                box, done = old_box, len(other.shapes)
                break
        rest = list(zip(shapes[done:], seen[done:], strict=True))
        for shape, shown in rest:
            self.display_vectorized(shape, on, unseen=not shown)
        layer.flush()
        box = union(box, self._device_box([shape for shape, shown in rest if shown], on))
        return layer, box, on.get_line_join(), on.get_line_cap()

    def _device_box(self, shapes: list, ctx: Any) -> tuple[int, int, int, int]:
        """A box (left, top, right, bottom, in pixels, inside the frame) holding every pixel
        that drawing ``shapes`` (shapes that paint) paints: their points' box (a Bezier
        curve stays inside its control points' hull), widened by the widest stroke's longest
        miter and a pixel of antialiasing."""
        corners, half_width = [], 0.0
        for shape in shapes:
            points = shape.points
            if len(points) == 0 or not np.all(np.isfinite(points)):
                continue  # manim draws no path for points it cannot use
            corners.append(points[:, :2].min(axis=0))
            corners.append(points[:, :2].max(axis=0))
            widest = max(shape.get_stroke_width(False), shape.get_stroke_width(True))
            half_width = max(half_width, widest * self.cairo_line_width_multiple / 2)
        if not corners:
            return (0, 0, 0, 0)
        low, high = np.min(corners, axis=0), np.max(corners, axis=0)
        pad = half_width * max(ctx.get_miter_limit(), 1.0)
        xs, ys = [], []
        for x in (low[0] - pad, high[0] + pad):
            for y in (low[1] - pad, high[1] + pad):
                dx, dy = ctx.user_to_device(x, y)
                xs.append(dx)
                ys.append(dy)
        left = max(int(np.floor(min(xs))) - 2, 0)
        top = max(int(np.floor(min(ys))) - 2, 0)
        right = min(int(np.ceil(max(xs))) + 2, self.pixel_width)
        bottom = min(int(np.ceil(max(ys))) + 2, self.pixel_height)
        return (left, top, right, bottom) if right > left and bottom > top else (0, 0, 0, 0)


class LayerKey(NamedTuple):
    """What a layer was drawn from: its shapes (by id), what each drew (:func:`look`),
    and the context it was drawn in (line join and cap before it, user-to-device
    transform)."""

    shapes: tuple[int, ...]
    drawn: tuple
    context: tuple

    def starts(self, other: LayerKey) -> bool:
        """Whether this layer's shapes are the first of ``other``'s, drawing the same, in
        the same context."""
        n = len(self.shapes)
        return (
            n < len(other.shapes)
            and self.context == other.context
            and other.shapes[:n] == self.shapes
            and other.drawn[:n] == self.drawn
        )


def union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple:
    """The box holding boxes ``a`` and ``b`` (an empty box: right <= left)."""
    if a[2] <= a[0]:
        return b
    if b[2] <= b[0]:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def look(vmobject: Any) -> tuple[tuple | None, bool]:
    """What drawing ``vmobject`` paints, as far as manim's ``display_vectorized`` reads it:
    points, fill and stroke colors, stroke widths, joins and caps (None: a gradient, which
    manim places by the whole family's extent, so it is never taken as still); and whether
    it paints nothing (:func:`paints_nothing`), from the same colors."""
    colors = _colors(vmobject)
    fill, stroke, background, width, background_width = colors
    unseen = _nothing(*colors)
    if len(fill) > 1 or len(stroke) > 1 or len(background) > 1:
        return None, unseen
    what = (
        type(vmobject),
        vmobject.points.tobytes(),
        fill.tobytes(),
        stroke.tobytes(),
        background.tobytes(),
        width,
        background_width,
        vmobject.joint_type,
        vmobject.cap_style,
    )
    return what, unseen


def paints_nothing(vmobject: Any) -> bool:
    """Whether drawing ``vmobject`` paints nothing: its fill colors all have alpha 0, and
    so do its stroke colors, background stroke included, unless that stroke has no width
    (manim's ``Camera.apply_fill`` and ``apply_stroke`` paint these colors, and only these)."""
    return _nothing(*_colors(vmobject))


def _colors(vmobject: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """Fill, stroke and background stroke colors (RGBA rows), stroke and background stroke
    widths: what manim's ``apply_fill`` and ``apply_stroke`` paint with."""
    return (
        vmobject.get_fill_rgbas(),
        vmobject.get_stroke_rgbas(False),
        vmobject.get_stroke_rgbas(True),
        vmobject.get_stroke_width(False),
        vmobject.get_stroke_width(True),
    )


def _nothing(
    fill: np.ndarray, stroke: np.ndarray, background: np.ndarray, width: float, under: float
) -> bool:
    return not (
        fill[:, 3].any()
        or (width != 0 and stroke[:, 3].any())
        or (under != 0 and background[:, 3].any())
    )
