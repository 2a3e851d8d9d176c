"""Storyboard rows 4-9: fitting a line y = m x through the origin to 90 students' test scores.

Every number comes from ``self.values.regression`` (mathcore); curves and live values call
``mathcore.regression`` (mse, mse_prime, residuals). Scores are drawn in points, the model
works in units of ``score_scale`` points.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    ReplacementTransform,
    SurroundingRectangle,
    TransformMatchingShapes,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

from mathcore import regression
from mathcore.lecture import RegressionValues
from scenes import theme
from scenes.base import LectureScene
from scenes.drawings.scores_plot import DescentTable, ScoresPlot, SlopePlot, nice_ceiling


def scores_plot(r: RegressionValues, side: float = 5.6) -> ScoresPlot:
    """The Test 1 / Test 2 axes at the left of the frame, below the heading."""
    plot = ScoresPlot(r.score_scale, side=side)
    return plot.to_edge(LEFT, buff=0.6).to_edge(DOWN, buff=0.4)


def panel(*parts, buff: float = 0.35) -> VGroup:
    """Items stacked top to bottom, left-aligned."""
    return VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=buff)


def label_value(tex: str, value: float, digits: int, color: str) -> VGroup:
    """``tex = value`` with a live DecimalNumber (``group[1]``) for updaters."""
    number = theme.number(value, digits=digits, size=theme.MATH_SIZE, color=color)
    return VGroup(theme.math(tex, "="), number).arrange(RIGHT, buff=0.2)


class TestScores(LectureScene):
    title = "Test scores"

    def construct(self) -> None:
        r = self.values.regression
        heading = theme.heading("Test scores")
        plot = scores_plot(r)
        dots = plot.scatter(r.x, r.y)
        info = panel(
            theme.text(f"{theme.fmt(len(r.x), 0)} students in a course"),
            theme.caption("each dot: one student's", "Test 1 and Test 2 scores"),
        )
        question = panel(
            theme.text("Which line fits best?", color=theme.MODEL),
            VGroup(theme.text("a line through the origin:"), theme.math(r"y = m\,x")).arrange(
                RIGHT, buff=0.2
            ),
            theme.caption("one number to choose: the slope m"),
        )
        side = panel(info, question, buff=0.8).next_to(plot, RIGHT, buff=0.9)
        side.set_y(plot.axes.get_center()[1])
        self.play(FadeIn(heading, shift=0.2 * DOWN), Create(plot.axes), FadeIn(plot.tick_labels))
        self.play(
            FadeIn(plot.axis_labels),
            LaggedStart(*(GrowFromCenter(d) for d in dots), lag_ratio=0.03, run_time=2.5),
            FadeIn(info[0], shift=0.2 * LEFT),
        )
        self.play(FadeIn(info[1]))
        self.beat()

        slope = ValueTracker(0.5 * r.fit.m_best)
        line = plot.line(slope.get_value())
        line.add_updater(lambda mob: plot.put_line(mob, slope.get_value()))
        self.add(line, dots)
        self.play(FadeIn(question[0]), Create(line))
        self.play(FadeIn(question[1:]), slope.animate.set_value(1.3 * r.fit.m_best), run_time=2)
        self.play(slope.animate.set_value(0.8 * r.fit.m_best), run_time=2)
        self.beat()


class MeanSquaredError(LectureScene):
    title = "Mean squared error"

    def construct(self) -> None:
        r = self.values.regression
        x, y, n = r.x, r.y, len(r.x)
        heading = theme.heading("Mean squared error")
        plot = scores_plot(r, side=5.3)
        dots = plot.scatter(r.x, r.y)
        slope = ValueTracker(0.6 * r.fit.m_best)
        line = plot.line(slope.get_value())
        segments = plot.residuals(x, y, regression.residuals(slope.get_value(), x, y))
        self.add(heading, plot, segments, line, dots)
        self.remove(segments)
        what = theme.caption(
            "the average of the squares of the vertical",
            "distances from each point to the line",
        ).next_to(plot, RIGHT, buff=0.6).align_to(plot, UP)
        self.play(Create(line), FadeIn(what))
        self.play(LaggedStart(*(Create(s) for s in segments), lag_ratio=0.01, run_time=1.5))
        self.remove(*segments)
        self.add(segments, line, dots)
        self.beat()

        top = theme.math(
            r"\mathrm{MSE}", "=", r"\frac{1}{n}", r"\Big(",
            "(y_1 - m x_1)^2", "+", "(y_2 - m x_2)^2",
            size=34,
        )  # fmt: skip
        bottom = theme.math("+", r"\cdots", "+", "(y_n - m x_n)^2", r"\Big)", size=34)
        top[0].set_color(theme.COST)
        formula = panel(top, bottom, buff=0.25).next_to(what, DOWN, buff=0.6, aligned_edge=LEFT)
        bottom.align_to(top[4], LEFT)
        self.play(Write(top[:4]))
        for term, i in ((top[4], 0), (top[6], 1), (bottom[3], n - 1)):
            square = plot.residual_square(x[i], y[i], regression.residuals(slope.get_value(), x, y)[i])
            self.play(
                FadeIn(term if term is not top[6] else top[5:7]),
                dots[i].animate.set_color(theme.ACCENT).scale(1.6),
                segments[i].animate.set_stroke(theme.ACCENT, width=5),
                term.animate.set_color(theme.ACCENT),
                FadeIn(square),
                run_time=0.9,
            )
            if term is top[4]:
                self.play(FadeIn(bottom[:3]), run_time=0.5)
            self.play(
                dots[i].animate.set_color(theme.DATA).scale(1 / 1.6),
                segments[i].animate.set_stroke(theme.COST, width=2.5),
                term.animate.set_color(theme.TEXT),
                FadeOut(square),
                run_time=0.6,
            )
        self.play(FadeIn(bottom[4]))
        self.remove(*top, *bottom)
        self.add(formula)
        self.beat()

        m_row = label_value("m", slope.get_value(), 3, theme.MODEL)
        mse_row = label_value(r"\mathrm{MSE}", regression.mse(slope.get_value(), x, y), 4, theme.COST)
        readout = panel(m_row, mse_row, buff=0.3).next_to(formula, DOWN, buff=0.7, aligned_edge=LEFT)
        goal = theme.caption("goal: find the m that makes", "MSE as small as possible")
        goal.next_to(readout, DOWN, buff=0.5, aligned_edge=LEFT)
        line.add_updater(lambda mob: plot.put_line(mob, slope.get_value()))
        segments.add_updater(
            lambda g: plot.put_residuals(g, x, y, regression.residuals(slope.get_value(), x, y))
        )
        m_row[1].add_updater(lambda d: d.set_value(slope.get_value()))
        mse_row[1].add_updater(lambda d: d.set_value(regression.mse(slope.get_value(), x, y)))
        self.play(FadeIn(readout, shift=0.2 * UP))
        self.play(slope.animate.set_value(1.25 * r.fit.m_best), run_time=3)
        self.play(slope.animate.set_value(0.8 * r.fit.m_best), run_time=2.5)
        self.play(FadeIn(goal))
        self.beat()


class Calculus(LectureScene):
    title = "Calculus"

    def construct(self) -> None:
        fit, r = self.values.regression.fit, self.values.regression
        setup = theme.text("Find the m that makes MSE as small as possible.")
        job = theme.text("This sounds like a job for…", color=theme.MUTED)
        gag = theme.text("Bloschtegans theorem!!!", size=theme.TITLE_SIZE, color=theme.ACCENT)
        VGroup(setup, job, gag).arrange(DOWN, buff=0.6)
        self.play(FadeIn(setup), FadeIn(job, shift=0.2 * DOWN))
        self.play(Write(gag), run_time=1.2)
        self.play(Indicate(gag, color=theme.FAKE, scale_factor=1.15))
        self.beat()

        heading = theme.heading("I mean, calculus.")
        self.play(FadeOut(setup), FadeOut(job), ReplacementTransform(gag, heading))
        lines = [
            theme.math(r"\mathrm{MSE}(m)", "=", r"\frac{1}{n}", r"\sum_{i=1}^{n}", "(y_i - m x_i)^2"),
            theme.math(
                r"\mathrm{MSE}'(m)", "=", r"-\frac{2}{n}", r"\sum_{i=1}^{n}", "x_i",
                "(y_i - m x_i)", "=", "0",
            ),
            theme.math(r"\sum_{i=1}^{n}", "x_i y_i", "-", "m", r"\sum_{i=1}^{n}", "x_i^2", "=", "0"),
            theme.math("m", "=", r"\frac{\sum_{i=1}^{n} x_i y_i}{\sum_{i=1}^{n} x_i^2}"),
        ]  # fmt: skip
        notes = [
            "the cost, in summation form",
            "set the derivative with respect to m to 0",
            "multiply by −n/2 and expand",
            "solve for m",
        ]
        column = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        column.next_to(heading, DOWN, buff=0.4).to_edge(LEFT, buff=1.2)
        side = VGroup()
        for line, note in zip(lines, notes, strict=True):
            side.add(theme.text(note, size=theme.SMALL_SIZE, color=theme.MUTED).move_to(line))
            side[-1].align_to(column.get_right() + 0.9 * RIGHT, LEFT)
        self.play(Write(lines[0]), FadeIn(side[0]))
        self.beat()
        transforms = (
            TransformMatchingTex(
                lines[0].copy(), lines[1],
                key_map={"(y_i - m x_i)^2": "(y_i - m x_i)", r"\frac{1}{n}": r"-\frac{2}{n}"},
            ),
            TransformMatchingShapes(lines[1].copy(), lines[2]),
            TransformMatchingShapes(lines[2].copy(), lines[3]),
        )  # fmt: skip
        for k, transform in enumerate(transforms, start=1):
            self.play(transform, FadeIn(side[k], shift=0.2 * LEFT), run_time=1.6)
            self.beat()

        box = SurroundingRectangle(lines[3], color=theme.MODEL, buff=0.15)
        numbers = theme.math(
            r"\sum x_i y_i = " + theme.fmt_tex(fit.sum_xy),
            r",\quad \sum x_i^2 = " + theme.fmt_tex(fit.sum_xx),
            r",\quad m_{\text{best}} = \frac{" + theme.fmt_tex(fit.sum_xy) + "}{"
            + theme.fmt_tex(fit.sum_xx) + "} = " + theme.fmt_tex(fit.m_best),
            size=36,
        )  # fmt: skip
        numbers[2].set_color(theme.MODEL)
        units = theme.caption(
            f"for the {theme.fmt(len(r.x), 0)} students, with scores measured in units of "
            f"{theme.fmt(r.score_scale, 0)} points (x_i = Test 1 / {theme.fmt(r.score_scale, 0)})"
        )
        panel(numbers, units, buff=0.2).to_edge(DOWN, buff=0.45)
        self.play(Create(box), FadeIn(numbers[:2], shift=0.2 * UP))
        self.play(FadeIn(numbers[2], shift=0.2 * UP), FadeIn(units))
        self.beat()


def slope_window(r: RegressionValues) -> tuple[float, float]:
    """The m range that shows the whole parabola (symmetric about m_best) and the descent."""
    lo = min(0.0, float(np.min(r.descent.m)))
    hi = max(2.0 * r.fit.m_best, float(np.max(r.descent.m)))
    return lo, nice_ceiling(hi)


def slope_plot(r: RegressionValues, window: tuple[float, float], **size) -> SlopePlot:
    """The (m, MSE) axes over ``window`` with the curve sampled from mathcore."""
    grid = np.linspace(*window, 161)
    values = regression.mse(grid, r.x, r.y)
    plot = SlopePlot(window, nice_ceiling(float(np.max(values))), **size)
    plot.add(plot.curve(grid, values))
    return plot


class MSEAgainstSlope(LectureScene):
    title = "MSE against m"

    def construct(self) -> None:
        r = self.values.regression
        fit = r.fit
        heading = theme.heading("MSE against m")
        plot = slope_plot(r, slope_window(r), width=8.0, height=5.2)
        plot.next_to(heading, DOWN, buff=0.6)
        curve = plot[-1]
        self.play(FadeIn(heading), Create(plot.axes), FadeIn(plot.tick_labels, plot.axis_labels))
        self.play(Create(curve), run_time=2)
        self.beat()

        low = plot.point(fit.m_best, fit.mse_best)
        dot = Dot(low, color=theme.MODEL, radius=0.09)
        drop = DashedLine(low, plot.point(fit.m_best, 0), color=theme.MODEL, stroke_width=2)
        tag = panel(
            theme.math(r"m_{\text{best}} = " + theme.fmt_tex(fit.m_best), color=theme.MODEL),
            theme.math(r"\mathrm{MSE} = " + theme.fmt_tex(fit.mse_best, 4), color=theme.COST),
            buff=0.15,
        ).next_to(low, UP, buff=1.0)
        self.play(FadeIn(dot, scale=0.5), Create(drop), FadeIn(tag, shift=0.2 * DOWN))
        self.beat()

        scatter = scores_plot(r, side=5.2)
        dots = scatter.scatter(r.x, r.y)
        best = scatter.line(fit.m_best)
        right = VGroup(plot, dot, drop, tag)
        self.play(right.animate.scale(0.62).to_edge(RIGHT, buff=0.5).shift(0.6 * UP))
        equation = theme.math(
            r"y = " + theme.fmt_tex(fit.m_best) + r"\,x", color=theme.MODEL
        ).next_to(right, DOWN, buff=0.6)
        note = theme.caption("the best line through the origin").next_to(equation, DOWN)
        self.play(FadeIn(scatter), LaggedStart(*(FadeIn(d) for d in dots), lag_ratio=0.01))
        self.play(Create(best), Write(equation), FadeIn(note), run_time=1.5)
        self.beat()


class GradientDescent(LectureScene):
    title = "Gradient descent"

    def construct(self) -> None:
        r = self.values.regression
        d, x, y = r.descent, r.x, r.y
        lr = theme.fmt_tex(d.lr, decimals_needed(d.lr))
        heading = theme.text("Gradient descent", size=theme.HEADING_SIZE, weight="BOLD")
        heading.to_corner(UL, buff=theme.EDGE_BUFFER)
        rule = theme.math(r"m_{k+1} = m_k - " + lr + r"\cdot \mathrm{MSE}'(m_k)", size=36)
        rule.to_corner(UR, buff=theme.EDGE_BUFFER)
        rule[0].set_color(theme.GRADIENT)
        scatter = ScoresPlot(r.score_scale, side=3.7)
        curve_plot = slope_plot(r, (0.0, nice_ceiling(1.2 * max(np.max(d.m), r.fit.m_best))),
                                width=4.6, height=3.7)  # fmt: skip
        table = DescentTable(d, first=5, last=2)
        VGroup(scatter, curve_plot, table).arrange(RIGHT, buff=0.45, aligned_edge=UP)
        VGroup(scatter, curve_plot, table).next_to(rule, DOWN, buff=0.5).set_x(0)

        k = ValueTracker(0.0)
        steps = np.arange(len(d.m))

        def m_now() -> float:
            return float(np.interp(k.get_value(), steps, d.m))

        line = scatter.line(m_now())
        line.add_updater(lambda mob: scatter.put_line(mob, m_now()))
        dot = always_redraw(
            lambda: Dot(curve_plot.point(m_now(), regression.mse(m_now(), x, y)),
                        color=theme.MODEL, radius=0.08)
        )  # fmt: skip
        tangent = curve_plot.tangent(d.m[0], d.mse[0], d.grad[0])
        tangent.add_updater(
            lambda mob: curve_plot.put_tangent(
                mob, m_now(), regression.mse(m_now(), x, y), regression.mse_prime(m_now(), x, y)
            )
        )
        self.play(FadeIn(heading), Write(rule), FadeIn(scatter, curve_plot, table.header))
        self.play(
            LaggedStart(*(FadeIn(p) for p in scatter.scatter(x, y)), lag_ratio=0.01),
            Create(line), FadeIn(dot), FadeIn(table.rows[0]),
        )  # fmt: skip
        explain = step_caption(d, 0, lr).next_to(curve_plot, DOWN, buff=0.5).set_x(0)
        self.play(Create(tangent), FadeIn(explain[0]))
        self.beat()

        for step in range(3):
            start = curve_plot.point(d.m[step], d.mse[step])
            arrow = Arrow(start, curve_plot.point(d.m[step + 1], d.mse[step]), buff=0,
                          color=theme.GRADIENT, stroke_width=4, max_tip_length_to_length_ratio=0.5,
                          tip_length=0.14)  # fmt: skip
            if step > 0:
                new = step_caption(d, step, lr).move_to(explain)
                self.play(ReplacementTransform(explain, new), run_time=0.8)
                explain = new
            self.play(GrowArrow(arrow), FadeIn(explain[1]), run_time=1.0)
            self.play(k.animate.set_value(step + 1), FadeIn(table.rows[step + 1]), run_time=1.4)
            self.play(FadeOut(arrow), run_time=0.4)
            if step == 0:
                self.beat()
        self.beat()

        live = VGroup(
            theme.math("k ="), theme.number(3, 0, size=theme.MATH_SIZE * 0.8),
        ).arrange(RIGHT, buff=0.15).move_to(explain)  # fmt: skip
        live[1].add_updater(lambda n: n.set_value(round(k.get_value())))
        self.play(FadeOut(explain), FadeIn(live))
        self.play(k.animate.set_value(4), FadeIn(table.rows[4]), run_time=0.8)
        self.play(k.animate.set_value(d.steps), run_time=5, rate_func=linear)
        self.play(FadeIn(table.ellipsis), LaggedStart(*(FadeIn(row) for row in table.rows[5:])))
        target = scatter.line(r.fit.m_best, color=theme.TEXT, width=2).set_opacity(0.6)
        ending = theme.math(
            "m_{" + theme.fmt_tex(d.steps, 0) + "} = " + theme.fmt_tex(d.m[-1], 4),
            r"\qquad m_{\text{best}} = \frac{\sum x_i y_i}{\sum x_i^2} = "
            + theme.fmt_tex(r.fit.m_best, 4),
            size=34,
        ).move_to(live)  # fmt: skip
        ending[0].set_color(theme.MODEL)
        self.play(FadeOut(live), FadeIn(ending), Create(target))
        self.beat()


def decimals_needed(value: float, most: int = 4) -> int:
    """The fewest decimals (at least one) that show ``value`` exactly, up to ``most``."""
    for digits in range(1, most + 1):
        if theme.fmt(value, digits) == theme.fmt(value, most).rstrip("0").rstrip("."):
            return digits
    return most


def step_caption(d: regression.Descent, k: int, lr: str) -> VGroup:
    """Two lines for step k: the tangent's slope, then the update with the numbers."""
    slope = theme.math(
        r"\mathrm{MSE}'(m_" + str(k) + ") = " + theme.fmt_tex(d.grad[k]),
        r"\ \text{(slope of the tangent)}",
        size=32, color=theme.GRADIENT,
    )  # fmt: skip
    update = theme.math(
        "m_" + str(k + 1) + " = " + theme.fmt_tex(d.m[k]) + " - " + lr
        + r"\cdot(" + theme.fmt_tex(d.grad[k]) + ") = " + theme.fmt_tex(d.m[k + 1]),
        size=32,
    )  # fmt: skip
    return VGroup(slope, update).arrange(DOWN, buff=0.2)


class Recap(LectureScene):
    title = "Recap"

    def construct(self) -> None:
        heading = theme.heading("Recap: what we did")
        items = [
            (theme.text("Started with labelled data:"), theme.math("(x,", "y)"), "y is the label"),
            (theme.text("Chose a model:"), theme.math("y = m\\,x"), "one parameter, m"),
            (theme.text("Chose a cost function:"), theme.math(r"\mathrm{MSE}"), "how wrong the line is"),
            (theme.text("Optimized:"), theme.text("found the m that minimizes the cost"), "calculus, or gradient descent"),
        ]  # fmt: skip
        colors = [theme.DATA, theme.MODEL, theme.COST, theme.GRADIENT]
        rows = VGroup()
        for number, ((words, formula, note), color) in enumerate(zip(items, colors, strict=True), 1):
            badge = theme.text(theme.fmt(number, 0), size=theme.BODY_SIZE, color=color, weight="BOLD")
            formula.set_color(color)
            main = VGroup(badge, words, formula).arrange(RIGHT, buff=0.3)
            aside = theme.text(note, size=theme.SMALL_SIZE, color=theme.MUTED)
            rows.add(panel(main, aside.shift(0.0 * RIGHT), buff=0.12))
            aside.align_to(words, LEFT)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.55).next_to(heading, DOWN, buff=0.7)
        rows.set_x(0)
        self.play(FadeIn(heading))
        for row in rows:
            self.play(FadeIn(row, shift=0.25 * RIGHT))
            self.beat()
