"""The classification plane and a training read-out, drawn from mathcore's results.

* :func:`plane_axes` -- a framed plane sized to the data (with padding), equal scale on x, y;
* :func:`scatter` -- the labelled points as Dots, c = 0 blue and c = 1 orange;
* :func:`place_line` -- the decision line m1 x + m2 y + b = 0 clipped to the plane
  (mathcore.logistic.line_in_box);
* :func:`region_pixels` / :func:`region_image` -- the two decision regions as ONE raster
  image, tinted by the class the model predicts (p >= 1/2: orange), stronger where it is sure;
* :func:`boundary_curve` -- the p = 1/2 level line of a probability grid (marching squares);
* :class:`TrainingReadout` -- step k, cost J and accuracy, moved by a step tracker;
* :func:`cost_curve` -- J against k, drawn up to the current step.

Probability grids come from mathcore (``logistic.decision_grid``, ``network.decision_grid``)
evaluated at the pixel centres given by :func:`pixel_centres`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    DecimalNumber,
    Dot,
    ImageMobject,
    Line,
    Rectangle,
    ValueTracker,
    VGroup,
    VMobject,
)
from manim.constants import RESAMPLING_ALGORITHMS, CapStyleType
from manim.utils.color import ManimColor

from mathcore import logistic, network
from mathcore.data import LabeledPoints
from scenes import theme
from scenes.base import follow
from scenes.drawings.contours import crossings, drawn_pieces

#: Pixels along the longer side of a region image.
RESOLUTION = 220


# -- the plane --------------------------------------------------------------------------
def plane_limits(
    X: np.ndarray, pad: float = 0.3
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The data's bounding box grown by ``pad`` and rounded out to whole units."""
    lo = np.floor(np.min(X, axis=0) - pad)
    hi = np.ceil(np.max(X, axis=0) + pad)
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def plane_axes(X: np.ndarray, height: float = 6.0, pad: float = 0.3) -> Axes:
    """Faint axes in a frame around the data, one unit the same length on x and y.

    ``axes.xlim`` and ``axes.ylim`` hold the plane's coordinate box.
    """
    (x0, x1), (y0, y1) = plane_limits(X, pad)
    axes = Axes(
        x_range=[x0, x1, 1],
        y_range=[y0, y1, 1],
        x_length=height * (x1 - x0) / (y1 - y0),
        y_length=height,
        tips=False,
        axis_config={"color": theme.MUTED, "stroke_width": 1.5, "stroke_opacity": 0.45},
    )
    frame = Rectangle(width=axes.x_length, height=axes.y_length)
    frame.set_stroke(theme.MUTED, width=1.5, opacity=0.8).move_to(axes.c2p(x0, y0), DOWN + LEFT)
    step = 1 if max(x1 - x0, y1 - y0) <= 8 else 2
    numbers = VGroup(
        *(
            theme.number(v, digits=0, size=theme.NUMBER_MATH_SIZE, color=theme.MUTED).next_to(
                axes.c2p(v, y0), DOWN, buff=0.16
            )
            for v in np.arange(np.ceil(x0 / step) * step, x1 + 1e-9, step)
        ),
        *(
            theme.number(v, digits=0, size=theme.NUMBER_MATH_SIZE, color=theme.MUTED).next_to(
                axes.c2p(x0, v), LEFT, buff=0.1
            )
            for v in np.arange(np.ceil(y0 / step) * step, y1 + 1e-9, step)
        ),
    )
    x_label = theme.math("x", size=theme.MATH_SIZE - 8, color=theme.MUTED)
    y_label = theme.math("y", size=theme.MATH_SIZE - 8, color=theme.MUTED)
    x_label.next_to(frame, RIGHT, buff=0.12).align_to(frame, DOWN)
    y_label.next_to(frame, UP, buff=0.1).align_to(frame, LEFT)
    axes.add(frame, numbers, x_label, y_label)
    axes.numbers = numbers
    axes.xlim, axes.ylim = (x0, x1), (y0, y1)
    axes.frame = frame
    return axes


def scatter(axes: Axes, points: LabeledPoints, radius: float = 0.075) -> VGroup:
    """One Dot per point, blue for c = 0 and orange for c = 1, with a thin dark rim."""
    dots = VGroup()
    for (x, y), c in zip(points.X, points.c, strict=True):
        dot = Dot(axes.c2p(x, y), radius=radius, color=theme.CLASS1 if c == 1 else theme.CLASS0)
        dot.set_stroke(theme.BACKGROUND, width=1.2)
        dots.add(dot)
    return dots


def class_legend(size: float = theme.SMALL_SIZE) -> VGroup:
    """Two rows: a blue dot 'c = 0 (blue)' and an orange dot 'c = 1 (orange)'."""
    rows = VGroup()
    for c, color, name in ((0, theme.CLASS0, "blue"), (1, theme.CLASS1, "orange")):
        dot = Dot(radius=0.12, color=color)
        label = theme.math(rf"c = {c}", size=size + 12)
        word = theme.text(name, size=size + 2, color=color)
        rows.add(VGroup(dot, label, word).arrange(RIGHT, buff=0.2))
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)


# -- the decision line ------------------------------------------------------------------
def place_line(line: Line, axes: Axes, params: np.ndarray) -> Line:
    """Move ``line`` onto m1 x + m2 y + b = 0 inside the plane (hidden if it misses)."""
    segment = logistic.line_in_box(params, axes.xlim, axes.ylim)
    if segment is None:
        line.set_stroke(opacity=0.0)
        return line
    (xa, ya), (xb, yb) = segment
    line.put_start_and_end_on(axes.c2p(xa, ya), axes.c2p(xb, yb))
    line.set_stroke(opacity=1.0)
    return line


def decision_line(axes: Axes, params: np.ndarray, width: float = 5.0) -> Line:
    """The decision line of ``params`` = [m1, m2, b] in the MODEL color."""
    line = Line(axes.c2p(0, 0), axes.c2p(1, 0), color=theme.MODEL, stroke_width=width)
    return place_line(line, axes, params)


# -- decision regions as one raster -----------------------------------------------------
def pixel_centres(axes: Axes, resolution: int = RESOLUTION) -> tuple[np.ndarray, np.ndarray]:
    """Grid coordinates xs (W,), ys (H,) at the centres of the region image's pixels."""
    (x0, x1), (y0, y1) = axes.xlim, axes.ylim
    scale = resolution / max(x1 - x0, y1 - y0)
    width, height = round((x1 - x0) * scale), round((y1 - y0) * scale)
    xs = x0 + (np.arange(width) + 0.5) * (x1 - x0) / width
    ys = y0 + (np.arange(height) + 0.5) * (y1 - y0) / height
    return xs, ys


def _rgb(color: str) -> np.ndarray:
    return np.array(ManimColor(color).to_int_rgb(), dtype=float)


def region_pixels(grid: np.ndarray, floor: float = 0.13, gain: float = 0.27) -> np.ndarray:
    """RGBA pixels (H, W, 4) for a probability grid (H, W) whose row j lies at ys[j].

    Orange where p >= 1/2, blue elsewhere; alpha grows with the model's confidence |2p - 1|.
    Row 0 of an image is its top, so the grid is flipped upside down.
    """
    p = np.flipud(np.asarray(grid, dtype=float))
    orange = (p >= 0.5)[..., None]
    rgb = np.where(orange, _rgb(theme.CLASS1), _rgb(theme.CLASS0))
    alpha = 255.0 * (floor + gain * np.abs(2.0 * p - 1.0))
    return np.dstack([rgb, alpha]).astype(np.uint8)


def show_pixels(image: ImageMobject, pixels: np.ndarray) -> ImageMobject:
    """Swap the picture of a region image (same size), keeping later fades correct."""
    image.pixel_array = pixels
    image.orig_alpha_pixel_array = pixels[:, :, 3].copy()
    return image


def region_image(axes: Axes, pixels: np.ndarray) -> ImageMobject:
    """The RGBA ``pixels`` stretched over the plane's coordinate box."""
    image = ImageMobject(pixels)
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
    lower = axes.c2p(axes.xlim[0], axes.ylim[0])
    upper = axes.c2p(axes.xlim[1], axes.ylim[1])
    image.stretch_to_fit_width(upper[0] - lower[0])
    image.stretch_to_fit_height(upper[1] - lower[1])
    image.move_to((lower + upper) / 2)
    return image


def logistic_pixels(axes: Axes, params: np.ndarray) -> np.ndarray:
    """Region pixels of the logistic model with ``params`` = [m1, m2, b]."""
    xs, ys = pixel_centres(axes)
    return region_pixels(logistic.decision_grid(params, xs, ys))


def network_grid(axes: Axes, params: network.NetworkParams) -> np.ndarray:
    """The network's p on the region image's pixel centres, shape (H, W)."""
    xs, ys = pixel_centres(axes)
    return network.decision_grid(params, xs, ys)


# -- the p = 1/2 level line -------------------------------------------------------------
def boundary_curve(axes: Axes, grid: np.ndarray, width: float = 4.0) -> VMobject:
    """The level line p = 1/2 of ``grid`` (H, W), sampled at :func:`pixel_centres`, traced by
    marching squares: a segment across each grid cell whose corners lie on both sides."""
    xs, ys = pixel_centres(axes)
    curve = VMobject(stroke_color=theme.MODEL, stroke_width=width, cap_style=CapStyleType.ROUND)
    return drawn_pieces(curve, axes, crossings(xs, ys, grid, 0.5))


# -- training read-out ------------------------------------------------------------------
def show_value(number: DecimalNumber, value: float) -> DecimalNumber:
    """Set a DecimalNumber only if its text would change (rebuilding one costs ~8 ms)."""
    digits = number.num_decimal_places
    if theme.fmt(value, digits) != theme.fmt(number.get_value(), digits):
        number.set_value(value)
    return number


class TrainingReadout(VGroup):
    """Rows 'step k', 'cost J', 'accuracy' whose values follow ``tracker`` (a step index).

    ``cost`` and ``accuracy`` are mathcore's per-step arrays; values are rounded to the
    step shown, so every number on screen is one mathcore computed. Every value is a
    DecimalNumber changed in place (:func:`show_value`): a value replaced by a new mobject
    stays drawn under the new one until the animation ends (the Cairo renderer lists what it
    draws when an animation begins), a ghost of the starting value.
    """

    def __init__(
        self,
        tracker: ValueTracker,
        cost: np.ndarray,
        accuracy: np.ndarray,
        step_name: str = "step",
        size: float = theme.BODY_SIZE,
    ) -> None:
        super().__init__()
        self.tracker, self.cost_values, self.accuracy_values = tracker, cost, accuracy
        self.size = size
        labels = VGroup(
            theme.text(step_name, size=size, color=theme.MUTED),
            theme.math("J", size=size + 8, color=theme.COST),
            theme.text("accuracy", size=size, color=theme.MUTED),
        )
        number_size = max(size + 4, theme.NUMBER_MATH_SIZE)
        self.step_value = theme.number(
            len(cost) - 1, digits=0, size=number_size, group_with_commas=False
        )
        self.cost_value = theme.number(float(cost[0]), digits=3, size=number_size, color=theme.COST)
        self.accuracy_value = theme.number(100.0, digits=0, size=number_size, unit=r"\%")
        self.numbers = VGroup(self.step_value, self.cost_value, self.accuracy_value)
        labels.arrange(DOWN, aligned_edge=RIGHT, buff=0.32)
        for label, value in zip(labels, self.numbers, strict=True):
            value.next_to(label, RIGHT, buff=0.35)  # at the widest values: left edges stay
        self.step_value.set_value(0)
        self.accuracy_value.set_value(self._percent(0))
        self.add(labels, self.numbers)
        self._shown = 0
        follow(self, lambda _m: self._follow(), tracker)

    def step(self) -> int:
        return round(self.tracker.get_value())

    def _percent(self, k: int) -> float:
        """Step k's accuracy in percent, as :func:`scenes.theme.percent` rounds it."""
        return float(theme.percent(float(self.accuracy_values[k])).rstrip("%"))

    def _follow(self) -> None:
        k = self.step()
        if k == self._shown:
            return
        self._shown = k
        show_value(self.step_value, k)
        show_value(self.cost_value, float(self.cost_values[k]))
        show_value(self.accuracy_value, self._percent(k))


def cost_curve(
    cost: np.ndarray,
    tracker: ValueTracker,
    width: float = 4.6,
    height: float = 1.8,
    step_tex: str = "k",
) -> VGroup:
    """J against step k (mathcore's per-step costs), drawn up to the tracker's step."""
    steps = len(cost) - 1
    axes = Axes(
        x_range=[0, steps, steps],
        y_range=[0, float(np.max(cost)), float(np.max(cost))],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": theme.MUTED, "stroke_width": 1.5, "include_ticks": False},
    )
    full = VMobject(stroke_opacity=0.0)  # the whole curve, unseen; ``drawn`` is its start
    full.set_points_as_corners(axes.c2p(np.column_stack([np.arange(steps + 1), cost])))
    drawn = VMobject(stroke_color=theme.COST, stroke_width=3)
    dot = Dot(radius=0.06, color=theme.COST)

    def along(mob: VMobject) -> None:
        k = tracker.get_value()
        mob.pointwise_become_partial(full, 0.0, max(k, 1e-3) / steps)

    along(drawn)
    follow(drawn, along, tracker)
    follow(
        dot,
        lambda d: d.move_to(
            axes.c2p(round(tracker.get_value()), float(cost[round(tracker.get_value())]))
        ),
        tracker,
    )
    k_label = theme.math(step_tex, size=theme.SMALL_SIZE + 4, color=theme.MUTED)
    k_label.next_to(axes.x_axis, RIGHT, buff=0.12)
    j_label = theme.math("J", size=theme.SMALL_SIZE + 4, color=theme.COST)
    j_label.next_to(axes.y_axis, UP, buff=0.1)
    return VGroup(axes, full, drawn, dot, k_label, j_label)
