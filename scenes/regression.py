"""Storyboard rows 4-9: fitting a line y = m x through the origin to 90 students' test scores.

Every number comes from ``self.values.regression`` (mathcore); curves and live values call
``mathcore.regression`` (mse, mse_prime, residuals). Scores are drawn in points, the model
works in units of ``score_scale`` points.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    Line,
    ReplacementTransform,
    SurroundingRectangle,
    TracedPath,
    TransformMatchingShapes,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mathcore import regression
from mathcore.lecture import RegressionValues
from scenes import theme
from scenes.base import LectureScene, follow
from scenes.drawings import scores_plot as draw
from scenes.drawings.plane import show_value
from scenes.notes import Note, ints
from scenes.quiz import joke_term

# The formulas on screen, in the parts that animations match or color.
# fmt: off
MSE_HEAD = (r"\mathrm{MSE}", "=", r"\frac{1}{n}", r"\Big(", "(y_1 - m x_1)^2", "+", "(y_2 - m x_2)^2")
MSE_TAIL = ("+", r"\cdots", "+", "(y_n - m x_n)^2", r"\Big)")
DERIVATION = (
    (r"\mathrm{MSE}(m)", "=", r"\frac{1}{n}", r"\sum_{i=1}^{n}", "(y_i - m x_i)^2"),
    (r"\mathrm{MSE}'(m)", "=", r"-\frac{2}{n}", r"\sum_{i=1}^{n}", "x_i", "(y_i - m x_i)", "=", "0"),
    (r"\sum_{i=1}^{n}", "x_i y_i", "-", "m", r"\sum_{i=1}^{n}", "x_i^2", "=", "0"),
    ("m", "=", r"\frac{\sum_{i=1}^{n} x_i y_i}{\sum_{i=1}^{n} x_i^2}"),
)
DERIVATIVE_KEYS = {"(y_i - m x_i)^2": "(y_i - m x_i)", r"\frac{1}{n}": r"-\frac{2}{n}"}
DERIVATION_NOTES = ("the cost", "set the derivative to 0", "multiply by −n/2, expand", "solve for m")
RECAP = (  # the color's role in the theme, words, formula, aside
    ("DATA", "Started with labelled data:", "(x, y)", "y is the label"),
    ("MODEL", "Chose a model:", r"y = m\,x", "one parameter, m"),
    ("COST", "Chose a cost function:", r"\mathrm{MSE}(m)", "the mean squared error"),
    ("GRADIENT", "Optimized:", r"\min_m \mathrm{MSE}(m)", "calculus, or gradient descent"),
)
# fmt: on


def scores_plot(r: RegressionValues, side: float = 5.6) -> draw.ScoresPlot:
    """The Test 1 / Test 2 axes at the left of the frame, below the heading."""
    plot = draw.ScoresPlot(r, side=side)
    return plot.to_edge(LEFT, buff=0.6).to_edge(DOWN, buff=0.4)


def panel(*parts, buff: float = 0.35) -> VGroup:
    """Items stacked top to bottom, left-aligned."""
    return VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=buff)


def label_value(tex: str, value: float, digits: int, color: str) -> VGroup:
    """``tex = value`` with a live DecimalNumber (``group[1]``) for updaters."""
    number = theme.number(value, digits=digits, size=theme.MATH_SIZE, color=color)
    return VGroup(theme.math(tex, "="), number).arrange(RIGHT, buff=0.2)


def show_step(number: DecimalNumber, value: Callable[[], float], tracker: ValueTracker) -> None:
    """Keep ``number`` showing ``value()`` (a function of ``tracker``), rebuilt only when that
    changes (rebuilds are slow)."""
    follow(number, lambda n: None if n.get_value() == value() else n.set_value(value()), tracker)


class TestScores(LectureScene):
    def construct(self) -> None:
        r = self.values.regression
        heading = theme.heading("Test scores")
        plot = scores_plot(r)
        dots = plot.scatter(r.x, r.y)
        info = panel(
            theme.text(f"{theme.fmt(len(r.x), 0)} students in a course"),
            theme.caption(
                "each dot: one student's Test 1 and Test 2",
                f"scores, in units of {theme.fmt(r.score_scale, 0)} points:",
                f"a score of {theme.fmt(0.85 * r.score_scale, 0)} is {theme.fmt(0.85, 2)}",
            ),
        )
        question = panel(
            theme.text("Which line fits best?", color=theme.MODEL),
            theme.math(r"y = m\,x", color=theme.MODEL),
            theme.caption("a line through the origin, with", "one number to choose: the slope m"),
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
        self.beat(
            Note(
                f"Here are Test 1 and Test 2 scores for {theme.fmt(len(r.x), 0)} students in a "
                "course. Each dot is one student: Test 1 across, Test 2 up.",
                "What do you notice? Do students who did well on Test 1 tend to do well on Test 2?",
                ints(("students", len(r.x))),
                narration=(
                    "Suppose this graph shows the scores on two tests for "
                    f"{theme.fmt(len(r.x), 0)} students in a course. Each dot is one student: "
                    "the first test's score across, the second test's score up. Do students "
                    "who did well on the first test tend to do well on the second? That trend "
                    "in the cloud of dots is what we want a line to capture."
                ),
            )
        )

        slope = ValueTracker(0.5 * r.fit.m_best)
        line = plot.follow(r.x, r.y, slope)[0]
        self.add(line, dots)
        self.play(FadeIn(question[0]), Create(line))
        self.play(FadeIn(question[1:]), slope.animate.set_value(1.3 * r.fit.m_best), run_time=2)
        self.play(slope.animate.set_value(0.8 * r.fit.m_best), run_time=2)
        self.remove(slope)
        self.beat(
            Note(
                "We want the line that best captures the relationship. To keep it simple, lines "
                "through the origin, y = m x: there is one number to choose, the slope m. "
                "Watch the line swing: too steep, then too flat.",
                "Which slope looks best to you? Have a few people call out a guess for m and "
                "write them on the board: we will compare them with the answer.",
                narration=(
                    "We wish to find the line that best captures the relationship between "
                    "these points. To keep it simple, we take lines through the origin, "
                    "y = m x: there is just one number to choose, the slope m. Watch the line "
                    "swing, too steep, then too flat. Which slope looks best to you? Make a "
                    "guess for m now; we will compare it with the answer."
                ),
            )
        )


class MeanSquaredError(LectureScene):
    def construct(self) -> None:
        r = self.values.regression
        x, y, n = r.x, r.y, len(r.x)
        heading = theme.heading("Mean squared error")
        plot = scores_plot(r, side=5.3)
        dots = plot.scatter(r.x, r.y)
        slope = ValueTracker(0.75 * r.fit.m_best)
        line, segments = plot.follow(x, y, slope)
        self.add(heading, plot, line, dots)
        what = theme.caption(
            "the average of the squares of the vertical", "distances from each point to the line"
        )
        what.next_to(plot, RIGHT, buff=0.6).align_to(plot, UP)
        self.play(Create(line), FadeIn(what))
        self.play(LaggedStart(*(Create(s) for s in segments), lag_ratio=0.01, run_time=1.5))
        self.remove(*segments)
        self.add(segments, line, dots)
        # the words beside the plot overlap nothing: drawn first, they stay in the renderer's
        # still background while the line and the points move (not redrawn at every frame)
        self.bring_to_back(what)
        self.beat(
            Note(
                "How do we measure 'best'? The most common measure is the mean squared error: "
                "take the vertical distance from each point to the line, the red segments, "
                "square it, and average over all the points.",
                "Why vertical distances, and not the shortest distance to the line? (We "
                "predict Test 2 from Test 1: the error is in y.)",
                narration=(
                    "How do we measure how well a line fits? The most common measure is the "
                    "mean squared error: the average of the squares of the vertical distances "
                    "from each point to the line, drawn here in red. Why vertical distances, "
                    "and not the shortest distance to the line? Because we predict the second "
                    "score from the first: the error is in y."
                ),
            )
        )

        size = theme.LABEL_MATH_SIZE
        top, bottom = theme.math(*MSE_HEAD, size=size), theme.math(*MSE_TAIL, size=size)
        top[0].set_color(theme.COST)
        formula = panel(top, bottom, buff=0.25).next_to(what, DOWN, buff=0.6, aligned_edge=LEFT)
        bottom.align_to(top[4], LEFT)
        self.play(Write(top[:4]))
        for parts, i in ((top[4:5], 0), (top[5:7], 1), (bottom[:4], n - 1)):
            term = parts[-1]
            ri = regression.residuals(slope.get_value(), x, y)[i]
            square = plot.residual_square(x[i], y[i], ri)
            self.play(
                FadeIn(parts),
                term.animate.set_color(theme.ACCENT),
                dots[i].animate.set_color(theme.ACCENT).scale(2),
                segments[i].animate.set_stroke(theme.ACCENT, width=5),
                FadeIn(square),
            )
            self.play(
                term.animate.set_color(theme.TEXT),
                dots[i].animate.set_color(theme.DATA).scale(0.5),
                segments[i].animate.set_stroke(theme.COST, width=2.5),
                FadeOut(square),
                run_time=0.6,
            )
        self.play(FadeIn(bottom[4]))
        self.remove(*top, *bottom)
        self.add(formula)
        self.bring_to_back(formula)
        self.beat(
            Note(
                "Written out: MSE = (1/n)((y₁ − m x₁)² + (y₂ − m x₂)² + … + (yₙ − m xₙ)²). "
                "Each term is one student's squared miss: the squares that light up on the "
                "plot.",
                "Why square the distances instead of just adding them up? (Misses above and "
                "below would cancel; squares also punish big misses, and are smooth to "
                "differentiate.)",
                narration=(
                    "Written out, MSE is one over n times a sum: (y₁ − m x₁)² for the first "
                    "point, plus (y₂ − m x₂)² for the second, and so on, up to (yₙ − m xₙ)² for "
                    "the last. Each term is one student's miss, squared: watch its square "
                    "light up on the plot. Why square the misses instead of just adding them? "
                    "Misses above and below the line would cancel; squares also punish big "
                    "misses, and they are smooth to differentiate."
                ),
            )
        )

        m_row = label_value("m", slope.get_value(), 3, theme.MODEL)
        mse_row = label_value(
            r"\mathrm{MSE}", regression.mse(slope.get_value(), x, y), 4, theme.COST
        )
        readout = panel(m_row, mse_row, buff=0.3)
        readout.next_to(formula, DOWN, buff=0.7, aligned_edge=LEFT)
        hundred = theme.fmt(r.score_scale, 0)
        units = theme.caption("in the axes' units,", f"squared: (points / {hundred})²")
        units.next_to(readout, RIGHT, buff=0.4).align_to(mse_row, DOWN)
        readout.add(units)
        goal = theme.caption("goal: find the m that makes", "MSE as small as possible")
        goal.next_to(readout, DOWN, buff=0.45, aligned_edge=LEFT)
        follow(m_row[1], lambda d: show_value(d, slope.get_value()), slope)
        follow(mse_row[1], lambda d: show_value(d, regression.mse(slope.get_value(), x, y)), slope)
        self.play(FadeIn(readout, shift=0.2 * UP))
        self.play(slope.animate.set_value(1.25 * r.fit.m_best), run_time=3)
        self.play(slope.animate.set_value(0.8 * r.fit.m_best), run_time=2.5)
        self.play(FadeIn(goal))
        self.remove(slope)
        self.beat(
            Note(
                "Every slope m gives a line, and every line an MSE: watch both numbers as the "
                "line turns. The goal is to find the value of m that makes MSE as small as "
                "possible.",
                "As the line swings, when does MSE go down, and when up?",
                narration=(
                    "Every slope m gives a line, and every line gives an MSE: watch both "
                    "numbers as the line turns. As the line swings into the cloud of points, "
                    "MSE goes down; once it is too steep, MSE climbs again. The goal, then, is "
                    "to find the value of m that makes MSE as small as possible."
                ),
            )
        )


class Calculus(LectureScene):
    def construct(self) -> None:
        fit, r = self.values.regression.fit, self.values.regression
        joke = joke_term(self.values.balderdash)
        setup = theme.text("Find the m that makes MSE as small as possible.")
        job = theme.text("This sounds like a job for…", color=theme.MUTED)
        gag = theme.text(f"{joke}!!!", size=theme.TITLE_SIZE, color=theme.ACCENT)
        VGroup(setup, job, gag).arrange(DOWN, buff=0.6)
        self.play(FadeIn(setup), FadeIn(job, shift=0.2 * DOWN))
        self.play(Write(gag), run_time=1.2)
        self.play(Indicate(gag, color=theme.ACCENT, scale_factor=1.15))
        self.beat(
            Note(
                "We want the m that makes MSE as small as possible. This sounds like a job "
                f"for… {joke}!!! (Pause for the laugh.)",
                "Who remembers where that theorem came from? (The AI-generated list: it does "
                "not exist.)",
                narration=(
                    "So: find the m that makes MSE as small as possible. This sounds like a "
                    f"job for {joke}! Remember where that one came from? The AI-generated "
                    "list: it does not exist."
                ),
            )
        )

        heading = theme.heading("I mean, calculus.")
        strike = Line(gag.get_left(), gag.get_right(), color=theme.COST, stroke_width=6)
        self.play(Create(strike), run_time=0.5)
        self.play(FadeOut(setup, job, strike), ReplacementTransform(gag, heading))
        lines = [theme.math(*parts) for parts in DERIVATION]
        column = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        column.next_to(heading, DOWN, buff=0.35).to_edge(LEFT, buff=1.0)
        side = VGroup()
        for line, note in zip(lines, DERIVATION_NOTES, strict=True):
            side.add(theme.text(note, size=theme.SMALL_SIZE, color=theme.MUTED).move_to(line))
            side[-1].align_to(column.get_right() + 0.9 * RIGHT, LEFT)
        self.play(Write(lines[0]), FadeIn(side[0]))
        self.beat(
            Note(
                "I mean, calculus. Start from the cost: MSE(m) = (1/n) Σ (yᵢ − m xᵢ)². As a "
                "function of m it is a parabola, so it has one lowest point.",
                narration=(
                    "I mean, calculus. Start from the cost: MSE(m) is one over n times the sum "
                    "of (yᵢ − m xᵢ)². As a function of m it is a parabola that opens upward, so "
                    "it has exactly one lowest point."
                ),
            )
        )
        # the step the talk skips: one squared residual differentiated by the chain rule
        one_term = theme.math(
            r"\frac{d}{dm}\,(y_i - m x_i)^2",
            "=",
            r"2\,(y_i - m x_i)",
            r"\cdot",
            r"(-x_i)",
            "=",
            r"-2\,x_i\,(y_i - m x_i)",
        )
        one_term[2].set_color(theme.GRADIENT)  # the outer derivative
        one_term[4].set_color(theme.GRADIENT)  # the inner one
        outer_inner = VGroup(
            theme.text("outer", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("inner", size=theme.SMALL_SIZE, color=theme.MUTED),
        )
        term_title = theme.text(
            "One term at a time, by the chain rule:", size=theme.SMALL_SIZE, color=theme.MUTED
        )
        term_panel = VGroup(term_title, one_term).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        term_panel.next_to(lines[0], DOWN, buff=0.45, aligned_edge=LEFT)  # where MSE′ comes
        for word, part in zip(outer_inner, (one_term[2], one_term[4]), strict=True):
            word.next_to(part, DOWN, buff=0.15)
        self.play(FadeIn(term_title), Write(one_term[:3]), run_time=1.4)
        self.play(Write(one_term[3:5]), FadeIn(outer_inner), run_time=1.0)
        self.play(Write(one_term[5:]), run_time=1.0)
        self.beat(
            Note(
                "Before the whole sum, one term. The chain rule: the derivative of the outside "
                "square is 2(yᵢ − m xᵢ), times the derivative of the inside, yᵢ − m xᵢ, with "
                "respect to m, which is −xᵢ. So d/dm (yᵢ − m xᵢ)² = −2xᵢ(yᵢ − m xᵢ).",
                "Why is the inner derivative −xᵢ and not −m? (We differentiate in m; xᵢ and "
                "yᵢ are data, fixed numbers.)",
                narration=(
                    "Before the whole sum, take one term, (yᵢ − m xᵢ)², and differentiate it "
                    "in m with the chain rule. The outside is a square, whose derivative is two "
                    "times what is inside: two (yᵢ − m xᵢ). The inside, yᵢ − m xᵢ, has "
                    "derivative −xᵢ, since xᵢ and yᵢ are data, fixed numbers. Multiply: the "
                    "derivative of one term is −two xᵢ(yᵢ − m xᵢ)."
                ),
            )
        )
        self.play(FadeOut(term_panel, outer_inner), run_time=0.6)
        transforms = (
            TransformMatchingTex(lines[0].copy(), lines[1], key_map=DERIVATIVE_KEYS),
            TransformMatchingShapes(lines[1].copy(), lines[2]),
            TransformMatchingShapes(lines[2].copy(), lines[3]),
        )
        notes = (  # one per step of the derivation, said at its beat
            Note(
                "Set its derivative to zero. The chain rule on each square gives "
                "MSE′(m) = −(2/n) Σ xᵢ (yᵢ − m xᵢ) = 0.",
                "Where does the factor −2xᵢ come from?",
                narration=(
                    "At that lowest point the derivative is zero. By the chain rule, the "
                    "derivative of each square (yᵢ − m xᵢ)² is two times (yᵢ − m xᵢ), times "
                    "the inner derivative, −xᵢ. So MSE′(m) is minus two over n times the sum "
                    "of xᵢ(yᵢ − m xᵢ), and we set it equal to zero."
                ),
            ),
            Note(
                "Multiply by −n/2 and expand the sum: Σ xᵢyᵢ − m Σ xᵢ² = 0.",
                narration=(
                    "Multiply both sides by minus n over two, and expand the sum: the sum of "
                    "xᵢyᵢ, minus m times the sum of xᵢ², equals zero."
                ),
            ),
            Note(
                "Solve for m: m = Σ xᵢyᵢ / Σ xᵢ². The talk calls it m_bestest.",
                "How do we know this is a minimum and not a maximum? (The second derivative, "
                "(2/n) Σ xᵢ², is positive.)",
                narration=(
                    "Solve for m: m is the sum of xᵢyᵢ over the sum of xᵢ². The talk calls it "
                    "m bestest. How do we know it is a minimum, not a maximum? The second "
                    "derivative, two over n times the sum of xᵢ², is positive."
                ),
            ),
        )
        for k, (transform, note) in enumerate(zip(transforms, notes, strict=True), start=1):
            self.play(transform, FadeIn(side[k], shift=0.2 * LEFT), run_time=1.6)
            self.beat(note)

        # the second derivative: the same positive number at every m, so a minimum
        second = theme.math(
            r"\mathrm{MSE}''(m)", "=", r"\frac{2}{n}\sum_{i=1}^{n} x_i^2", r"> 0", color=theme.TEXT
        )
        second[0].set_color(theme.GRADIENT)
        second_note = theme.caption(
            "the same at every m, and positive:",
            "the parabola opens upward, so the",
            "critical point is a minimum",
        )
        second_panel = VGroup(second, second_note).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        # beside the first two lines, where the side notes were (the sums come below it)
        second_panel.next_to(column, RIGHT, buff=0.9).align_to(lines[0], UP)
        self.play(FadeOut(side), Write(second), run_time=1.6)
        self.play(FadeIn(second_note, shift=0.2 * LEFT))
        self.beat(
            Note(
                "Is that critical point a minimum? Differentiate once more: each term "
                "−(2/n) xᵢ(yᵢ − m xᵢ) has derivative (2/n) xᵢ², so MSE″(m) = (2/n) Σ xᵢ². It "
                "does not depend on m, and it is positive (a sum of squares): the parabola "
                "opens upward everywhere, and the one critical point is its minimum.",
                "What would the second derivative be if every xᵢ were 0? What would that mean "
                "for the line?",
                narration=(
                    "How do we know this is a minimum, not a maximum? Differentiate once more. "
                    "Each term of MSE′, minus two over n times xᵢ(yᵢ − m xᵢ), has derivative "
                    "two over n times xᵢ². So MSE″(m) is two over n times the sum of xᵢ²: "
                    "the same at every m, and positive, being a sum of squares. The parabola "
                    "opens upward, and its one critical point is the minimum."
                ),
            )
        )

        box = SurroundingRectangle(lines[3], color=theme.MODEL, buff=0.15)
        # the sums with the decimals at which their quotient, redone on the digits shown,
        # is the m_best shown ("≈" if none up to 6 does)
        sums = theme.reproducing_digits(
            lambda d: theme.same_shown(
                theme.shown(fit.sum_xy, d) / theme.shown(fit.sum_xx, d), fit.m_best, 3
            )
        )
        xy, xx = theme.fmt_tex(fit.sum_xy, sums or 3), theme.fmt_tex(fit.sum_xx, sums or 3)
        equals = "=" if sums else r"\approx"
        best = rf"m_{{\text{{best}}}} = \frac{{{xy}}}{{{xx}}} {equals} {theme.fmt_tex(fit.m_best)}"
        numbers = panel(
            theme.math(r"\sum x_i y_i = " + xy),
            theme.math(r"\sum x_i^2 = " + xx),
            theme.math(best, color=theme.MODEL),
            buff=0.3,
        )
        numbers.next_to(column, RIGHT, buff=0.9).align_to(lines[2], UP)
        hundred = theme.fmt(r.score_scale, 0)
        units = theme.caption(
            f"sums over the {theme.fmt(len(r.x), 0)} students, "
            f"scores in units of {hundred} points (x = Test 1 / {hundred})",
            color=theme.TEXT,
        ).to_edge(DOWN, buff=0.3)
        self.play(FadeOut(second_note), Create(box))  # the side notes left for MSE″
        self.play(FadeIn(numbers[:2], shift=0.2 * UP), FadeIn(units))
        self.play(FadeIn(numbers[2], shift=0.2 * UP))
        fmt = theme.fmt
        self.beat(
            Note(
                f"For our {fmt(len(r.x), 0)} students, with scores in units of {hundred} "
                f"points: Σ xy = {fmt(fit.sum_xy, sums or 3)} and Σ x² = {fmt(fit.sum_xx, sums or 3)}, so the best "
                f"slope is m = {fmt(fit.m_best)}.",
                "How close were your guesses for the slope?",
                (
                    ("Σ xᵢyᵢ", fmt(fit.sum_xy, sums or 3)),
                    ("Σ xᵢ²", fmt(fit.sum_xx, sums or 3)),
                    ("m_best", fmt(fit.m_best)),
                    *ints(("students", len(r.x)), ("points per unit", round(r.score_scale))),
                ),
                narration=(
                    f"Now the data. Summing over the {fmt(len(r.x), 0)} students, with scores "
                    f"measured in units of {hundred} points, Σ xᵢyᵢ = {fmt(fit.sum_xy, sums or 3)} and "
                    f"Σ xᵢ² = {fmt(fit.sum_xx, sums or 3)}. So the best slope is m_best = "
                    f"{fmt(fit.m_best)}. How close was your guess?"
                ),
            )
        )


class MSEAgainstSlope(LectureScene):
    def construct(self) -> None:
        r = self.values.regression
        fit = r.fit
        heading = theme.heading("MSE against m")
        plot = draw.slope_plot(r, draw.slope_window(r), width=8.0, height=5.2)
        plot.next_to(heading, DOWN, buff=0.6)
        caption = theme.caption("each m gives a line, and the line an MSE")
        caption.move_to(plot.axes.get_top(), UP)
        self.play(FadeIn(heading), Create(plot.axes), FadeIn(plot.tick_labels, plot.axis_labels))
        self.play(Create(plot[-1]), FadeIn(caption), run_time=2)
        self.beat(
            Note(
                "Here is a graph of MSE against m for the test scores. Each m gives a line, "
                "and each line an MSE: one point of this curve.",
                "Where is the minimum? Point to it on the screen.",
                narration=(
                    "Here is a graph of MSE against m for the test scores. Each m gives a "
                    "line, and each line an MSE: one point of this curve. Where is the "
                    "minimum? At the bottom of the valley, where the curve is flat."
                ),
            )
        )

        marker = draw.minimum_marker(r, plot, theme.MATH_SIZE)
        self.play(FadeIn(marker[0], scale=0.5), GrowArrow(marker[1]), FadeIn(marker[2]))
        lowest = (("m_best", theme.fmt(fit.m_best)), ("smallest MSE", theme.fmt(fit.mse_best, 4)))
        self.beat(
            Note(
                f"The lowest point is at m_best = {theme.fmt(fit.m_best)}, where the MSE is "
                f"{theme.fmt(fit.mse_best, 4)}: exactly the slope the calculus gave us.",
                values=lowest,
                narration=(
                    f"The lowest point is at m_best = {theme.fmt(fit.m_best)}, where the MSE "
                    f"is {theme.fmt(fit.mse_best, 4)}. It is exactly the slope that calculus "
                    "gave us."
                ),
            )
        )

        small = draw.slope_plot(r, draw.slope_window(r), width=5.2, height=3.4)
        small_marker = draw.minimum_marker(r, small, theme.LABEL_MATH_SIZE)
        right = VGroup(small, small_marker).to_edge(RIGHT, buff=0.5).shift(0.5 * UP)
        scatter = scores_plot(r, side=5.2)
        dots = scatter.scatter(r.x, r.y)
        best = scatter.line(fit.m_best)
        segments = scatter.follow(r.x, r.y, ValueTracker(fit.m_best), faint=True)[1]
        equation = theme.math(r"y = " + theme.fmt_tex(fit.m_best) + r"\,x", color=theme.MODEL)
        note = theme.caption("the best line through the origin")
        panel(equation, note, buff=0.2).next_to(right, DOWN, buff=0.5)
        self.play(
            FadeOut(caption),
            ReplacementTransform(plot, small),
            ReplacementTransform(marker, small_marker),
        )
        self.play(FadeIn(scatter), LaggedStart(*(FadeIn(d) for d in dots), lag_ratio=0.01))
        self.add(segments, dots)
        self.play(Create(best), Create(segments), Write(equation), FadeIn(note), run_time=1.5)
        self.beat(
            Note(
                "And here is the resulting line through the origin of best fit, "
                f"y = {theme.fmt(fit.m_best)} x, with its residuals.",
                "Does it look like the line you would have drawn by eye?",
                (lowest[0],),
                narration=(
                    "And here is the resulting line of best fit through the origin, "
                    f"y = {theme.fmt(fit.m_best)} x, with its residuals drawn faintly. Does "
                    "it look like the line you would have drawn by eye? It runs right through "
                    "the middle of the cloud."
                ),
            )
        )

        # one picture, two views: one tracker m turns the line and moves a dot that traces
        # MSE(m) on the parabola beside it (every value from mathcore.regression)
        x, y = r.x, r.y
        low, high = draw.slope_window(r)
        m = ValueTracker(fit.m_best)
        turning, residuals = scatter.follow(x, y, m, faint=True)
        curve = small[-1]
        dot = Dot(small.point(fit.m_best, fit.mse_best), radius=0.1, color=theme.ACCENT)
        dot.add_updater(
            lambda d: d.move_to(small.point(m.get_value(), regression.mse(m.get_value(), x, y)))
        )
        trace = TracedPath(dot.get_center, stroke_color=theme.COST, stroke_width=6)
        m_row = label_value("m", fit.m_best, 3, theme.MODEL)
        mse_row = label_value(r"\mathrm{MSE}", fit.mse_best, 4, theme.COST)
        readout = panel(m_row, mse_row, buff=0.25).move_to(VGroup(equation, note), UL)
        m_row[1].add_updater(lambda d: show_value(d, m.get_value()))
        mse_row[1].add_updater(lambda d: show_value(d, regression.mse(m.get_value(), x, y)))
        self.remove(best, segments)
        self.add(residuals, turning, dots)
        self.play(
            FadeOut(equation, note, small_marker[1:]),
            FadeIn(readout),
            curve.animate.set_stroke(opacity=0.25),
            FadeIn(dot, scale=0.5),
        )
        self.add(trace)
        self.play(m.animate.set_value(low + 0.15 * (high - low)), run_time=2.5)
        self.play(m.animate.set_value(high - 0.05 * (high - low)), run_time=4.5)
        self.play(m.animate.set_value(fit.m_best), run_time=2.5)
        for mob in (dot, m_row[1], mse_row[1]):
            mob.clear_updaters()
        self.remove(m)
        self.beat(
            Note(
                "One number drives both pictures: as m sweeps, the line turns on the scatter "
                "and the dot traces MSE(m) on the parabola. Too flat, the residuals are long "
                "and the dot is high on the left; too steep, high on the right; at "
                f"m_best = {theme.fmt(fit.m_best)} the residuals are shortest and the dot sits "
                f"at the bottom, MSE = {theme.fmt(fit.mse_best, 4)}.",
                "Where on the parabola is the dot when the line is horizontal (m = 0)?",
                lowest,
                narration=(
                    "Now both views at once, driven by one number, m. As m sweeps, the line "
                    "turns on the scatter, and the dot traces MSE(m) on the parabola. When the "
                    "line is too flat, the red residuals are long and the dot is high on the "
                    "left; too steep, and it climbs on the right. At "
                    f"m_best = {theme.fmt(fit.m_best)} the residuals are as short as they get, "
                    f"and the dot sits at the bottom, MSE = {theme.fmt(fit.mse_best, 4)}."
                ),
            )
        )


class GradientDescent(LectureScene):
    def construct(self) -> None:
        r = self.values.regression
        d, x, y = r.descent, r.x, r.y
        lr = theme.fmt_tex(d.lr, theme.decimals_needed(d.lr))
        fmt, eta = theme.fmt, theme.fmt(d.lr, theme.decimals_needed(d.lr))
        dm, exact = draw.descent_digits(d)  # one precision for m and MSE′(m) in this scene
        heading = theme.text("Gradient descent", size=theme.HEADING_SIZE, weight="BOLD")
        heading.to_corner(UL, buff=theme.EDGE_BUFFER)
        rule = theme.math(
            r"m_{k+1} = m_k - \eta\,\mathrm{MSE}'(m_k)",
            rf",\quad \eta = {lr}",
            size=theme.LABEL_MATH_SIZE,
        )
        rule.to_corner(UR, buff=theme.EDGE_BUFFER).set_color(theme.GRADIENT)
        rule[1].set_color(theme.TEXT)
        scatter = draw.ScoresPlot(r, side=3.1)
        window = (0.0, draw.nice_ceiling(1.2 * max(np.max(d.m), r.fit.m_best), ticks=10))
        curve_plot = draw.slope_plot(r, window, width=4.1, height=3.7)
        table = draw.DescentTable(d, first=5, last=2, m_digits=dm)
        figures = VGroup(scatter, curve_plot, table).arrange(RIGHT, buff=0.45)
        figures.next_to(rule, DOWN, buff=0.45).set_x(0)

        k = ValueTracker(0.0)
        steps = np.arange(len(d.m))

        def m_now() -> float:
            return float(np.interp(k.get_value(), steps, d.m))

        line = follow(scatter.line(m_now()), lambda mob: scatter.put_line(mob, m_now()), k)
        # one dot moved along the curve (its outline at the origin, shifted: the very points
        # of a Dot made there), not a new Dot every frame
        outline = Dot(radius=0.08).points

        def on_curve() -> np.ndarray:
            return curve_plot.point(m_now(), regression.mse(m_now(), x, y))

        dot = Dot(on_curve(), color=theme.MODEL, radius=0.08)
        follow(dot, lambda mob: mob.set_points(outline + on_curve()), k)
        tangent = curve_plot.tangent(d.m[0], d.mse[0], d.grad[0])
        follow(
            tangent,
            lambda mob: curve_plot.put_tangent(
                mob, m_now(), regression.mse(m_now(), x, y), regression.mse_prime(m_now(), x, y)
            ),
            k,
        )
        self.play(FadeIn(heading), Write(rule), FadeIn(scatter, curve_plot, table.header))
        self.play(
            LaggedStart(*(FadeIn(p) for p in scatter.scatter(x, y)), lag_ratio=0.01),
            Create(line),
            FadeIn(dot),
            FadeIn(table.rows[0]),
        )
        explain = draw.step_caption(d, 0, lr, dm, exact).next_to(figures, DOWN, buff=0.4)
        self.play(Create(tangent), FadeIn(explain[0]))
        self.add(dot)
        self.beat(
            Note(
                "A closed form for m_best is nice, but in bigger models there is none, or it is "
                "too costly to compute. Another way: start somewhere on the curve, compute the "
                f"derivative, and let it tell you where to go. We start at m₀ = {fmt(d.m[0], dm)}: "
                f"the tangent there has slope MSE′(m₀) = {fmt(d.grad[0], dm)}.",
                "The slope is negative. Which way should m move to go downhill?",
                (
                    ("learning rate η", eta),
                    ("m₀", fmt(d.m[0], dm)),
                    ("MSE′(m₀)", fmt(d.grad[0], dm)),
                    ("MSE(m₀)", fmt(d.mse[0], 5)),
                ),
                narration=(
                    "Having a closed form for m_best is nice, but in more complicated models "
                    "it can be very costly to compute, or there is none. Another approach: "
                    "start somewhere on the curve, compute the derivative, and let it tell "
                    "you where to go. The rule at the top says how: the next m is the current "
                    f"m minus η times MSE′ there, with the learning rate η = {eta}. We start "
                    f"at m₀ = {fmt(d.m[0], dm)}; the tangent there has slope "
                    f"MSE′(m₀) = {fmt(d.grad[0], dm)}. The slope is negative, so which way should "
                    "m move? To the right, where the curve goes down."
                ),
            )
        )

        for step in range(3):
            arrow = draw.step_arrow(curve_plot, d, step)
            if step > 0:
                new = draw.step_caption(d, step, lr, dm, exact).move_to(explain)
                self.play(ReplacementTransform(explain, new), run_time=0.8)
                explain = new
            self.play(GrowArrow(arrow[0]), Create(arrow[1]), FadeIn(explain[1]), run_time=1.2)
            # what stays still while m moves, drawn first (it overlaps nothing): the renderer
            # then keeps it in the still background instead of redrawing it at every frame
            self.bring_to_back(*table.rows[: step + 1], *explain)
            self.play(k.animate.set_value(step + 1), FadeIn(table.rows[step + 1]), run_time=1.4)
            self.play(FadeOut(arrow), run_time=0.4)
            if step == 0:
                self.beat(
                    Note(
                        f"One step: m₁ = m₀ − η·MSE′(m₀) = {fmt(d.m[0], dm)} − {eta}·"
                        f"({fmt(d.grad[0], dm)}) = {fmt(d.m[1], dm)}. The dot moves down the parabola, "
                        "and the line on the scatter turns with it.",
                        values=(("m₁", fmt(d.m[1], dm)), ("MSE(m₁)", fmt(d.mse[1], 5))),
                        narration=(
                            f"One step: m₁ = m₀ − η·MSE′(m₀) = {fmt(d.m[0], dm)} − {eta}·"
                            f"({fmt(d.grad[0], dm)}) = {fmt(d.m[1], dm)}. The arrow follows the "
                            "tangent down to the new m. The dot moves down the parabola, the "
                            "line on the scatter turns with it, and the table gets its next "
                            "row."
                        ),
                    )
                )
        self.beat(
            Note(
                f"And again: m₂ = {fmt(d.m[2], dm)}, m₃ = {fmt(d.m[3], dm)}. The steps get shorter as "
                "the curve flattens out.",
                "Why do the steps shrink, when η stays the same? (Each step is η times the "
                "slope, and the slope goes to zero at the bottom.)",
                (
                    ("m₂", fmt(d.m[2], dm)),
                    ("MSE′(m₂)", fmt(d.grad[2], dm)),
                    ("m₃", fmt(d.m[3], dm)),
                ),
                narration=(
                    f"And again. From m₁ the slope gives m₂ = {fmt(d.m[2], dm)}; there, "
                    f"MSE′(m₂) = {fmt(d.grad[2], dm)}, and the next step lands on "
                    f"m₃ = {fmt(d.m[3], dm)}. Why do the steps get shorter when η stays the same? "
                    "Each step is η times the slope, and the curve flattens out toward the "
                    "bottom."
                ),
            )
        )

        labels = ("k =", r"m_k =", r"\mathrm{MSE}(m_k) =")
        widest = (d.steps, max(d.m, key=lambda v: len(fmt(v, dm))), max(d.mse))
        values = (  # laid out at their widest, so that no value grows into its neighbour
            theme.number(widest[0], 0, size=theme.MATH_SIZE),
            theme.number(widest[1], dm, size=theme.MATH_SIZE, color=theme.MODEL),
            theme.number(widest[2], 5, size=theme.MATH_SIZE, color=theme.COST),
        )
        live = VGroup(*(VGroup(theme.math(t), v) for t, v in zip(labels, values, strict=True)))
        for pair in live:
            pair.arrange(RIGHT, buff=0.15)
        live.arrange(RIGHT, buff=0.6).move_to(explain)
        for number, value in zip(values, (3, d.m[3], d.mse[3]), strict=True):
            number.set_value(value)  # a DecimalNumber keeps its left edge
        for number, array in zip(values, (steps, d.m, d.mse), strict=True):
            show_step(number, lambda a=array: a[int(k.get_value())], k)
        self.play(FadeOut(explain), FadeIn(live))
        self.bring_to_back(*table.rows[:4])
        self.play(k.animate.set_value(4), FadeIn(table.rows[4]), run_time=0.8)
        self.bring_to_back(table.rows[4])
        self.play(k.animate.set_value(d.steps), run_time=6, rate_func=linear)
        self.play(FadeIn(table.ellipsis), LaggedStart(*(FadeIn(row) for row in table.rows[5:])))
        self.remove(k)
        target = scatter.line(r.fit.m_best, color=theme.TEXT, width=2).set_opacity(0.6)
        m_last = rf"m_{{{theme.fmt_tex(d.steps, 0)}}} = {theme.fmt_tex(d.m[-1], dm)}"
        closed = r"m_{\text{best}} = \frac{\sum x_i y_i}{\sum x_i^2} = " + theme.fmt_tex(
            r.fit.m_best, dm
        )
        ending = VGroup(
            panel(
                theme.math(m_last, color=theme.MODEL),
                theme.caption(f"after {theme.fmt(d.steps, 0)} steps of gradient descent"),
                buff=0.15,
            ),
            panel(theme.math(closed), theme.caption("the closed form (calculus)"), buff=0.15),
        )
        ending.arrange(RIGHT, buff=1.2, aligned_edge=UP).move_to(live)
        self.play(FadeOut(live, tangent), FadeIn(ending), Create(target))
        self.beat(
            Note(
                f"After {fmt(d.steps, 0)} steps, m = {fmt(d.m[-1], dm)}, and the closed form "
                f"gives {fmt(r.fit.m_best, dm)}: the same answer, without solving anything. This "
                "is how neural networks are trained. A warning: each step multiplies the error "
                "in m by (1 − 2η·mean(x²)), so the descent only converges when η is below "
                f"1/mean(x²) = {fmt(r.lr_bound)}. That is why we measure scores in units of "
                f"{fmt(r.score_scale, 0)} points: on raw scores the same η diverges at once.",
                "What would happen with a learning rate twice as big? Ten times as big?",
                (
                    (f"m after {fmt(d.steps, 0)} steps", fmt(d.m[-1], dm)),
                    ("closed-form m_best", fmt(r.fit.m_best, dm)),
                    *ints(("steps", d.steps)),
                ),
                narration=(
                    "Now let it run. The counter shows the step k, m_k and its MSE, while the "
                    "dot slides to the bottom of the valley. After "
                    f"{fmt(d.steps, 0)} steps, m = {fmt(d.m[-1], dm)}, and the closed form "
                    f"gives {fmt(r.fit.m_best, dm)}: the same answer, without solving any "
                    "equation. This is how neural networks are trained. One warning: each "
                    "step multiplies the error in m by one minus two η times the mean of x², "
                    "so the descent converges only when η is below one over the mean of x². "
                    f"That is why the scores are in units of {fmt(r.score_scale, 0)} points: "
                    "on raw scores, the same η would diverge at once."
                ),
            )
        )


class Recap(LectureScene):
    def construct(self) -> None:
        r = self.values.regression
        heading = theme.heading("Recap: what we did")
        rows = VGroup()
        for number, (role, words, formula, note) in enumerate(RECAP, start=1):
            color = theme.role(role)
            badge = theme.text(theme.fmt(number, 0), color=color, weight="BOLD")
            main = VGroup(badge, theme.text(words), theme.math(formula, color=color))
            aside = theme.text(note, size=theme.SMALL_SIZE, color=theme.MUTED)
            rows.add(panel(main.arrange(RIGHT), aside, buff=0.12))
            aside.align_to(main[1], LEFT)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.6).next_to(heading, DOWN, buff=0.7)
        rows.to_edge(LEFT, buff=0.8)
        # the words start at one x: the badge digits differ in width
        words_x = max(row[0][0].get_right()[0] for row in rows) + 0.3
        for row in rows:
            main, aside = row
            main[1:].shift((words_x - main[1].get_left()[0]) * RIGHT)
            aside.align_to(main[1], LEFT)
        plot = draw.ScoresPlot(r, side=3.8).to_edge(RIGHT, buff=0.6).match_y(rows)
        slope = ValueTracker(r.descent.m[0])
        line, segments = plot.follow(r.x, r.y, slope, faint=True)
        dots = plot.scatter(r.x, r.y, radius=0.045)
        show = [
            [FadeIn(plot), LaggedStart(*(FadeIn(d) for d in dots), lag_ratio=0.01)],
            [Create(line)],
            [Create(segments)],
            [slope.animate.set_value(r.fit.m_best)],
        ]
        notes = (  # one per step of the recap, said at its beat
            Note(
                "To recap what we did, in terms we can generalize. One: we started with "
                "labelled data, pairs (x, y), where y is the label we want to predict.",
                narration=(
                    "To recap what we did, in terms we can generalize. One: we started with "
                    "labelled data, pairs (x, y), where y is the label we want to predict."
                ),
            ),
            Note(
                "Two: we chose a model, y = m x, with one parameter, m.",
                narration=(
                    "Two: we chose a model, y = m x, a line through the origin with one "
                    "parameter, m."
                ),
            ),
            Note(
                "Three: we chose a cost function, the mean squared error, that says how bad a "
                "choice of m is.",
                narration=(
                    "Three: we chose a cost function, the mean squared error, built from "
                    "these residuals. It says how bad a choice of m is."
                ),
            ),
            Note(
                "Four: we optimized, finding the m that minimizes the cost, by calculus or by "
                "gradient descent. Everything else today is these four steps again, with a "
                "fancier model.",
                "Suppose we wanted to predict a yes/no answer instead of a score. Which of the "
                "four steps would have to change?",
                narration=(
                    "Four: we optimized, finding the m that minimizes the cost, by calculus or "
                    "by gradient descent, and the line turns to its best slope. Suppose we "
                    "wanted to predict a yes-or-no answer instead of a score: what would "
                    "change? The labels, the model and the cost; the optimizing stays the "
                    "same. The rest of this lecture is these four steps again, with fancier "
                    "models."
                ),
            ),
        )
        self.play(FadeIn(heading))
        for row, animations, note in zip(rows, show, notes, strict=True):
            self.play(FadeIn(row, shift=0.25 * RIGHT), *animations, run_time=1.5)
            self.add(dots)
            if row is rows[-1]:
                self.remove(slope)
            self.beat(note)
