"""Drawings for the test-score regression: the scatter of Test 1 against Test 2, lines
y = m x through the origin with their residuals, and the parabola MSE(m).

``ScoresPlot`` shows scores in the model's units, x = Test 1 / score_scale and
y = Test 2 / score_scale (0 to a round number above the highest score), the units mathcore
works in: the MSE of the next scenes is in these units squared, so a miss read off the
picture is the miss in the formula. Its axis labels say so from scene 4 on. ``SlopePlot`` is the plane of (m, MSE) for the cost curve and
for gradient descent; ``DescentTable`` lists the descent's steps. Every builder takes
mathcore's results (or calls mathcore.regression) and computes nothing of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    DashedLine,
    Dot,
    Line,
    Square,
    ValueTracker,
    VGroup,
    VMobject,
)

from mathcore import regression
from mathcore.lecture import RegressionValues
from mathcore.regression import Descent
from scenes import theme
from scenes.base import follow

TICK_SIZE = theme.NUMBER_MATH_SIZE
#: Round tick spacings for score axes, times a power of ten (25 for a class scored out of 150).
SCORE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
SCORE_TICKS = 6


def axis_style() -> dict[str, object]:
    """The axes' line style, in the palette in use."""
    return {"color": theme.MUTED, "stroke_width": 2, "include_tip": False}


def nice_step(span: float, ticks: int = 5, factors: Sequence[float] = (1.0, 2.0, 5.0)) -> float:
    """A round tick spacing (one of ``factors`` times a power of ten) giving about ``ticks``
    ticks over ``span``."""
    raw = span / max(ticks, 1)
    power = 10.0 ** np.floor(np.log10(raw))
    for factor in (*factors, 10.0):
        if factor * power >= raw:
            return float(factor * power)
    return float(10.0 * power)


def score_axis(highest: float) -> tuple[float, float]:
    """The top and the tick spacing of a score axis from 0 that holds ``highest`` points:
    round numbers, about :data:`SCORE_TICKS` ticks (100 -> 0..100 by 20, 150 -> 0..150 by
    25, 143 -> 0..150 by 25)."""
    step = nice_step(max(highest, 1e-9), SCORE_TICKS, SCORE_STEPS)
    return float(np.ceil(highest / step - 1e-9) * step), step


def decimals_for(step: float) -> int:
    """How many decimals a tick label needs to show ticks ``step`` apart (0.25 -> 2)."""
    if abs(step - round(step)) < 1e-9:
        return 0
    return theme.decimals_needed(step, most=6)


def _tick_labels(axes: Axes, values: Sequence[float], digits: int, *, vertical: bool) -> VGroup:
    labels = VGroup()
    for value in values:
        label = theme.number(value, digits=digits, size=TICK_SIZE, color=theme.MUTED)
        if vertical:
            label.next_to(axes.c2p(0, value), LEFT, buff=0.15)
        else:
            label.next_to(axes.c2p(value, 0), DOWN, buff=0.15)
        labels.add(label)
    return labels


class ScoresPlot(VGroup):
    """Axes for x = Test 1 / score_scale against y = Test 2 / score_scale of the students
    ``r`` (model units), from 0 to a round ``top`` above the highest score
    (:func:`score_axis`, in points, divided by the scale) on both axes.

    Both axes have the same length, so a unit is the same on screen in x and y (squares
    of residuals look square). ``axes``, ``tick_labels``, ``axis_labels`` are parts.
    """

    def __init__(self, r: RegressionValues, *, side: float = 5.6) -> None:
        super().__init__()
        self.score_scale = scale = r.score_scale
        highest = float(max(np.max(r.x), np.max(r.y))) * scale
        top_points, step_points = score_axis(highest)
        self.top, step = top_points / scale, step_points / scale
        top = self.top
        self.axes = Axes(
            x_range=[0, top, step],
            y_range=[0, top, step],
            x_length=side,
            y_length=side,
            axis_config=axis_style(),
            tips=False,
        )
        ticks = np.arange(step, top + step / 2, step)
        digits = decimals_for(step)
        origin = theme.number(0, digits=0, size=TICK_SIZE, color=theme.MUTED)
        origin.next_to(self.axes.c2p(0, 0), DL, buff=0.12)
        self.tick_labels = VGroup(
            _tick_labels(self.axes, ticks, digits, vertical=False),
            _tick_labels(self.axes, ticks, digits, vertical=True),
            origin,
        )
        hundred = theme.fmt(scale, 0)
        x_label = theme.text(f"x = Test 1 / {hundred}", size=theme.SMALL_SIZE)
        x_label.next_to(self.tick_labels[0], DOWN, buff=0.15)
        y_label = theme.text(f"y = Test 2 / {hundred}", size=theme.SMALL_SIZE).rotate(np.pi / 2)
        y_label.next_to(self.tick_labels[1], LEFT, buff=0.15)
        self.axis_labels = VGroup(x_label, y_label)
        self.add(self.axes, self.tick_labels, self.axis_labels)

    def point(self, x: float, y: float) -> np.ndarray:
        """The screen point of (x, y) given in model units."""
        return self.axes.c2p(x, y)

    def scatter(
        self, x: np.ndarray, y: np.ndarray, *, radius: float = 0.055, color: str | None = None
    ) -> VGroup:
        """One dot per student, (x_i, y_i) in model units (``color`` defaults to DATA)."""
        color = color or theme.DATA
        return VGroup(
            *(
                Dot(self.point(xi, yi), radius=radius, color=color, fill_opacity=0.9)
                for xi, yi in zip(x, y, strict=True)
            )
        )

    def line_ends(self, m: float) -> tuple[np.ndarray, np.ndarray]:
        """Screen ends of y = m x from the origin to where it leaves the axes box."""
        top = self.top
        x_end = top if m * top <= top else top / m
        y_end = float(np.clip(m * x_end, 0.0, top))
        return self.axes.c2p(0, 0), self.axes.c2p(x_end, y_end)

    def line(self, m: float, *, color: str | None = None, width: float = 5) -> Line:
        """The line y = m x clipped to the axes (``color`` defaults to MODEL)."""
        return Line(*self.line_ends(m), color=color or theme.MODEL, stroke_width=width)

    def put_line(self, line: Line, m: float) -> Line:
        """Move an existing line (from :meth:`line`) to slope ``m`` (for updaters)."""
        return line.put_start_and_end_on(*self.line_ends(m))

    def residual_ends(
        self, x: np.ndarray | float, y: np.ndarray | float, r: np.ndarray | float
    ) -> tuple[np.ndarray, np.ndarray]:
        """From each point (x_i, y_i) down by its residual r_i = y_i - m x_i, kept in the box:
        the tops and the feet, (n, 3) each (numbers: n = 1). One call of the axes per end for
        all the points (one per point was most of a frame of the slope sweeps)."""
        x, y, r = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (x, y, r))
        feet = np.clip(y - r, 0.0, self.top)
        return self.axes.c2p(x, y).T, self.axes.c2p(x, feet).T

    def residuals(
        self, x: np.ndarray, y: np.ndarray, r: np.ndarray, *, width: float = 2.5
    ) -> VGroup:
        """Vertical segments from each point to the line; ``r`` from mathcore.residuals."""
        tops, feet = self.residual_ends(x, y, r)
        return VGroup(
            *(
                Line(top, foot, color=theme.COST, stroke_width=width)
                for top, foot in zip(tops, feet, strict=True)
            )
        )

    def put_residuals(
        self, segments: VGroup, x: np.ndarray, y: np.ndarray, r: np.ndarray
    ) -> VGroup:
        """Move existing residual segments to new residuals ``r`` (for updaters)."""
        tops, feet = self.residual_ends(x, y, r)
        for segment, top, foot in zip(segments, tops, feet, strict=True):
            segment.set_points_as_corners((top, foot))
        return segments

    def follow(
        self, x: np.ndarray, y: np.ndarray, slope: ValueTracker, *, faint: bool = False
    ) -> tuple[Line, VGroup]:
        """The line y = m x and its residuals (from mathcore), kept at ``slope``'s m by
        updaters (they run while each is on screen; they :func:`~scenes.base.follow` ``slope``
        only, so they are redrawn only while it moves)."""
        line = self.line(slope.get_value())
        follow(line, lambda mob: self.put_line(mob, slope.get_value()), slope)
        segments = self.residuals(x, y, regression.residuals(slope.get_value(), x, y))
        drawn = [slope.get_value()]

        def follow_residuals(group: VGroup) -> None:
            if slope.get_value() != drawn[0]:  # 90 segments: redraw only when m moved
                drawn[0] = slope.get_value()
                self.put_residuals(group, x, y, regression.residuals(drawn[0], x, y))

        follow(segments, follow_residuals, slope)
        if faint:
            segments.set_stroke(width=2, opacity=0.55)
        return line, segments

    def residual_square(self, xi: float, yi: float, ri: float) -> Square:
        """The square on one residual (its area is the term (y_i - m x_i)^2)."""
        (start,), (end,) = self.residual_ends(xi, yi, ri)
        side = float(np.linalg.norm(end - start))
        square = Square(side_length=max(side, 1e-3), color=theme.COST, stroke_width=2)
        square.set_fill(theme.COST, opacity=0.25)
        square.move_to((start + end) / 2).shift(side / 2 * LEFT)
        return square


class SlopePlot(VGroup):
    """The (m, MSE) plane: ``m_range`` on x, 0..``mse_top`` on y, labelled m and MSE."""

    def __init__(
        self,
        m_range: tuple[float, float],
        mse_top: float,
        *,
        width: float = 6.0,
        height: float = 4.5,
    ) -> None:
        super().__init__()
        m_lo, m_hi = m_range
        m_step, mse_step = nice_step(m_hi - m_lo), nice_step(mse_top, 4)
        self.axes = Axes(
            x_range=[m_lo, m_hi, m_step],
            y_range=[0, mse_top, mse_step],
            x_length=width,
            y_length=height,
            axis_config=axis_style(),
            tips=False,
        )
        m_ticks = np.arange(m_lo + m_step, m_hi + 1e-9, m_step)
        mse_ticks = np.arange(mse_step, mse_top + 1e-9, mse_step)
        self.tick_labels = VGroup(
            _tick_labels(self.axes, m_ticks, decimals_for(m_step), vertical=False),
            _tick_labels(self.axes, mse_ticks, decimals_for(mse_step), vertical=True),
        )
        m_label = theme.math("m", size=theme.MATH_SIZE * 0.8, color=theme.MODEL)
        m_label.next_to(self.axes.x_axis.get_end(), RIGHT, buff=0.2)
        mse_label = theme.math(r"\mathrm{MSE}", size=theme.MATH_SIZE * 0.7, color=theme.COST)
        mse_label.next_to(self.axes.y_axis.get_end(), UP, buff=0.2)
        self.axis_labels = VGroup(m_label, mse_label)
        self.add(self.axes, self.tick_labels, self.axis_labels)

    def point(self, m: float, value: float) -> np.ndarray:
        return self.axes.c2p(m, value)

    def curve(self, m: np.ndarray, values: np.ndarray, *, color: str | None = None) -> VMobject:
        """A smooth curve through the samples (m_j, MSE(m_j)) that mathcore computed
        (``color`` defaults to COST)."""
        inside = values <= self.axes.y_range[1]
        points = [self.point(mj, vj) for mj, vj in zip(m[inside], values[inside], strict=True)]
        curve = VMobject(color=color or theme.COST, stroke_width=4)
        curve.set_points_smoothly(points)
        return curve

    def tangent_ends(
        self, m: float, value: float, slope: float, half_length: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Screen ends of the tangent at (m, value) with ``slope``, ``half_length`` each side,
        cut where it leaves the axes' box (it never runs into the axis labels)."""
        here = self.point(m, value)
        direction = self.point(m + 1.0, value + slope) - here
        direction = direction / np.linalg.norm(direction)
        low, high = -half_length, half_length
        corner_a = self.axes.c2p(self.axes.x_range[0], self.axes.y_range[0])
        corner_b = self.axes.c2p(self.axes.x_range[1], self.axes.y_range[1])
        for axis in (0, 1):
            if abs(direction[axis]) > 1e-9:
                cuts = sorted(
                    (corner[axis] - here[axis]) / direction[axis] for corner in (corner_a, corner_b)
                )
                low, high = max(low, cuts[0]), min(high, cuts[1])
        high = max(high, low)
        return here + low * direction, here + high * direction

    def tangent_point(self, m: float, value: float, slope: float, at: float) -> np.ndarray:
        """The point of the tangent line at (m, value) above ``at`` on the m axis."""
        return self.point(at, value + slope * (at - m))

    def tangent(self, m: float, value: float, slope: float, *, half_length: float = 1.1) -> Line:
        """The tangent line at (m, value) with the given slope (from mathcore.mse_prime)."""
        ends = self.tangent_ends(m, value, slope, half_length)
        return Line(*ends, color=theme.GRADIENT, stroke_width=4)

    def put_tangent(
        self, line: Line, m: float, value: float, slope: float, *, half_length: float = 1.1
    ) -> Line:
        """Move an existing tangent (from :meth:`tangent`) to a new point (for updaters)."""
        return line.put_start_and_end_on(*self.tangent_ends(m, value, slope, half_length))


def nice_ceiling(value: float, ticks: int = 5) -> float:
    """``value`` rounded up to a multiple of a round tick spacing (for an axis top)."""
    step = nice_step(value, ticks)
    return float(np.ceil(value / step - 1e-9) * step)


class DescentTable(VGroup):
    """Gradient descent as a table of k, m_k, MSE (of m_k): the first ``first`` rows, an
    ellipsis row, then the last ``last`` rows. Parts: ``header``, ``rows``, ``ellipsis``;
    ``rows`` lists the first rows, then the last ones.
    """

    def __init__(
        self,
        descent: Descent,
        *,
        first: int = 5,
        last: int = 2,
        size: float = 28,
        row_gap: float = 0.5,
        widths: Sequence[float] = (0.65, 1.35, 1.45),
        m_digits: int = 4,
    ) -> None:
        super().__init__()
        self.m_digits = m_digits
        shown = list(range(min(first, descent.steps + 1)))
        tail = [k for k in range(descent.steps + 1 - last, descent.steps + 1) if k not in shown]
        centers = np.cumsum([0.0, *widths[:-1]]) + np.asarray(widths) / 2
        header_size = theme.LABEL_MATH_SIZE

        def place(cells: Sequence[VMobject], row: int) -> VGroup:
            for cell, cx in zip(cells, centers, strict=True):
                cell.move_to([cx, -row * row_gap, 0])
            return VGroup(*cells)

        self.header = place(
            [
                theme.math("k", size=header_size, color=theme.MUTED),
                theme.math("m_k", size=header_size, color=theme.MODEL),
                theme.math(r"\mathrm{MSE}", size=header_size, color=theme.COST),
            ],
            0,
        )
        self.rows = VGroup()
        for row, k in enumerate(shown, start=1):
            self.rows.add(place(self._cells(descent, k, size, m_digits), row))
        self.ellipsis = place(
            [theme.math(r"\vdots", size=size, color=theme.MUTED) for _ in centers],
            len(shown) + 1,
        )
        for row, k in enumerate(tail, start=len(shown) + 2):
            self.rows.add(place(self._cells(descent, k, size, m_digits), row))
        rule = Line(
            [0, -0.5 * row_gap, 0],
            [float(sum(widths)), -0.5 * row_gap, 0],
            color=theme.MUTED,
            stroke_width=1.5,
        )
        self.header.add(rule)
        self.add(self.header, self.rows, self.ellipsis)
        if not tail:
            self.ellipsis.set_opacity(0)

    @staticmethod
    def _cells(descent: Descent, k: int, size: float, m_digits: int) -> list[VMobject]:
        return [
            theme.number(k, digits=0, size=size, color=theme.MUTED),
            theme.number(descent.m[k], digits=m_digits, size=size, color=theme.TEXT),
            theme.number(descent.mse[k], digits=5, size=size, color=theme.TEXT),
        ]


def slope_window(r: RegressionValues) -> tuple[float, float]:
    """The m range that shows the whole parabola (symmetric about m_best) and the descent."""
    lo = min(0.0, float(np.min(r.descent.m)))
    hi = max(2.0 * r.fit.m_best, float(np.max(r.descent.m)))
    return lo, nice_ceiling(hi)


def slope_plot(
    r: RegressionValues, window: tuple[float, float], *, width: float, height: float
) -> SlopePlot:
    """The (m, MSE) axes over ``window`` with the curve sampled from mathcore."""
    grid = np.linspace(*window, 161)
    values = regression.mse(grid, r.x, r.y)
    plot = SlopePlot(window, nice_ceiling(float(np.max(values))), width=width, height=height)
    plot.add(plot.curve(grid, values))
    return plot


def minimum_marker(r: RegressionValues, plot: SlopePlot, size: float) -> VGroup:
    """The dot at (m_best, MSE(m_best)), its values above it, an arrow between them."""
    fit = r.fit
    low = plot.point(fit.m_best, fit.mse_best)
    dot = Dot(low, color=theme.MODEL, radius=0.09)
    tag = VGroup(
        theme.math(r"m_{\text{best}} = " + theme.fmt_tex(fit.m_best), size=size, color=theme.MODEL),
        theme.math(
            r"\mathrm{MSE} = " + theme.fmt_tex(fit.mse_best, 4), size=size, color=theme.COST
        ),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    tag.next_to(low, UP, buff=0.25 * plot.axes.y_length)
    arrow = Arrow(
        tag.get_bottom(),
        low,
        buff=0.12,
        color=theme.MODEL,
        stroke_width=3,
        max_tip_length_to_length_ratio=0.2,
    )
    return VGroup(dot, arrow, tag)


def step_arrow(plot: SlopePlot, d: Descent, k: int) -> VGroup:
    """Step k: an arrow down the tangent from m_k to m_{k+1}, a dashed drop to the m axis."""
    start = plot.point(d.m[k], d.mse[k])
    end = plot.tangent_point(d.m[k], d.mse[k], d.grad[k], d.m[k + 1])
    arrow = Arrow(
        start,
        end,
        buff=0,
        color=theme.GRADIENT,
        stroke_width=5,
        tip_length=0.16,
        max_tip_length_to_length_ratio=0.45,
    )
    drop = DashedLine(end, plot.point(d.m[k + 1], 0), color=theme.GRADIENT, stroke_width=2)
    return VGroup(arrow, drop)


def descent_digits(d: Descent, shown_steps: int = 3) -> tuple[int, bool]:
    """The decimals for m and MSE'(m) in the Gradient descent scene, and whether its step
    captions can say "=": the fewest decimals from 4 at which each of the first
    ``shown_steps`` updates, m_{k+1} = m_k - lr * MSE'(m_k) redone on the digits shown,
    gives m_{k+1} as shown. If none up to 6 does, (4, False): the captions say ≈."""

    def reproduces(digits: int) -> bool:
        return all(
            theme.same_shown(
                theme.shown(d.m[k], digits) - d.lr * theme.shown(d.grad[k], digits),
                d.m[k + 1],
                digits,
            )
            for k in range(min(shown_steps, d.steps))
        )

    digits = theme.reproducing_digits(reproduces, start=4)
    return (digits, True) if digits else (4, False)


def step_caption(d: Descent, k: int, lr: str, digits: int = 4, exact: bool = True) -> VGroup:
    """Two lines for step k: the tangent's slope, then the update with the numbers (shown
    with ``digits`` decimals, from :func:`descent_digits`; "≈" unless ``exact``)."""
    m_k, m_next, slope = (theme.fmt_tex(v, digits) for v in (d.m[k], d.m[k + 1], d.grad[k]))
    tangent = theme.math(
        rf"\mathrm{{MSE}}'(m_{{{k}}}) = {slope}\ \text{{(slope of the tangent)}}",
        size=theme.LABEL_MATH_SIZE,
        color=theme.GRADIENT,
    )
    equals = "=" if exact else r"\approx"
    update = theme.math(
        rf"m_{{{k + 1}}} = {m_k} - {lr} \cdot ({slope}) {equals} {m_next}",
        size=theme.LABEL_MATH_SIZE,
    )
    lines = VGroup(tangent, update)
    if not exact:
        lines.add(theme.text("≈: the numbers shown are rounded", size=20, color=theme.MUTED))
    return lines.arrange(DOWN, buff=0.2)
