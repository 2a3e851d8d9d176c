"""Storyboard rows 10-14: classifying points with logistic regression, and where it fails."""

from __future__ import annotations

import math
import sys

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    DashedVMobject,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    GrowFromCenter,
    ImageMobject,
    Indicate,
    LaggedStart,
    Line,
    MoveToTarget,
    Rectangle,
    ReplacementTransform,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from mathcore import activation, logistic
from scenes import theme
from scenes.base import LectureScene
from scenes.drawings.contours import level_lines
from scenes.drawings.plane import (
    TrainingReadout,
    class_legend,
    cost_curve,
    decision_line,
    logistic_pixels,
    place_line,
    plane_axes,
    region_image,
    scatter,
    show_pixels,
    show_value,
)
from scenes.notes import Note, ints

PLANE_HEIGHT = 5.6


def _powers_of_ten(value: float) -> str:
    """A tiny number for a note, e.g. 7.9e-31 -> '8 × 10^−31'."""
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa} × 10^{theme.fmt(int(exponent), 0)}"


def _plane(X: np.ndarray) -> Axes:
    """The plane on the left half of the frame, under the heading."""
    axes = plane_axes(X, height=PLANE_HEIGHT)
    axes.to_edge(LEFT, buff=0.75).to_edge(DOWN, buff=0.5)
    return axes


def _show_points(scene: LectureScene, dots: VGroup, run_time: float = 2.0) -> None:
    scene.play(LaggedStart(*(GrowFromCenter(d) for d in dots), lag_ratio=0.015), run_time=run_time)


def _param_values(params: np.ndarray) -> tuple[tuple[str, str], ...]:
    """Note values m₁, m₂, b of the logistic parameters ``params``, as on screen."""
    names = ("m₁", "m₂", "b")
    return tuple((name, theme.fmt(float(x))) for name, x in zip(names, params, strict=True))


def _plus(value: float) -> str:
    """A term added in a sum, as said: "+ 2.376" or "− 2.376" (three decimals)."""
    text = theme.fmt(value)
    return f"{theme.MINUS} {text[1:]}" if text.startswith(theme.MINUS) else f"+ {text}"


def _column(*rows: VMobject, buff: float = 0.4) -> VGroup:
    """Rows stacked left-aligned in the right half of the frame, below the heading."""
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    return group.move_to([3.6, 0.0, 0.0]).to_edge(UP, buff=1.35)


class ClassificationData(LectureScene):
    def construct(self) -> None:
        points = self.values.separable
        heading = theme.heading(self.title)
        axes = _plane(points.X)
        dots = scatter(axes, points)
        self.play(FadeIn(heading), Create(axes), run_time=1.2)
        _show_points(self, dots)

        labelled = VGroup(
            theme.text("1  Labeled data:", color=theme.MUTED),
            theme.math(r"(x,\ y,\ c)"),
        ).arrange(RIGHT, buff=0.25)
        classes = theme.math(r"c \in \{0, 1\}", color=theme.TEXT)
        legend = class_legend()
        column = _column(labelled, classes, legend)
        legend.shift(0.3 * RIGHT)
        self.play(FadeIn(labelled, shift=0.2 * LEFT), FadeIn(classes), FadeIn(legend))
        self.beat(
            Note(
                f"A new problem: {theme.fmt(len(points.c), 0)} points, each labelled blue or "
                "orange. Step one is the same as before, labelled data, now (x, y, c): the "
                "label c is 0 for blue and 1 for orange.",
                narration=(
                    "Moving on to a new problem: suppose we have a bunch of points, each "
                    "labelled blue or orange. Step one is the same as before, labelled data. "
                    "Each point now comes as (x, y, c), where the label c is zero for blue and "
                    "one for orange."
                ),
            )
        )

        centre = axes.c2p(sum(axes.xlim) / 2, sum(axes.ylim) / 2)
        newcomer = Dot(centre, radius=0.11, color=theme.TEXT).set_stroke(theme.BACKGROUND, 2)
        mark = theme.text("?", size=theme.HEADING_SIZE, weight="BOLD")
        mark.next_to(newcomer, UP + RIGHT, buff=0.05)
        mark.set_stroke(theme.BACKGROUND, width=6, background=True)
        question = theme.text("Which color is a new point?", color=theme.TEXT)
        goal = theme.caption(
            "Let the computer learn the difference",
            "from the labeled points, then decide",
            "the color of any point we give it.",
        )
        VGroup(question, goal).arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(
            column, DOWN, buff=0.8, aligned_edge=LEFT
        )
        self.play(GrowFromCenter(newcomer), Write(mark), FadeIn(question, shift=0.2 * UP))
        for color in (theme.CLASS0, theme.CLASS1):
            flash = Flash(newcomer, color=color, flash_radius=0.3)
            self.play(flash, newcomer.animate.set_color(color), run_time=0.8)
        self.play(newcomer.animate.set_color(theme.TEXT), FadeIn(goal), run_time=0.8)
        self.beat(
            Note(
                "We want the computer to learn what the difference is, and to decide the color "
                "of any future dot we give it.",
                "A new point lands here, in the middle. Blue or orange? How did you decide?",
                narration=(
                    "We wish to get a computer to learn what the difference is, and to decide "
                    "the color of any future point we give it. Say a new point lands here, in "
                    "the middle. Blue or orange? You would probably look at its neighbours; "
                    "we want the computer to learn a rule like that from the labelled points."
                ),
            )
        )


class LogisticModel(LectureScene):
    def construct(self) -> None:
        heading = theme.heading(self.title)
        style = {"color": theme.MUTED, "stroke_width": 2}
        axes = Axes([-6, 6, 2], [0, 1, 0.5], 6.0, 3.4, tips=False, axis_config=style)
        axes.to_edge(LEFT, buff=0.8).shift(0.2 * DOWN)
        z_label = theme.math("z", size=theme.BODY_SIZE, color=theme.MUTED)
        z_label.next_to(axes.x_axis, RIGHT, buff=0.15)
        ticks = VGroup(
            *(
                theme.math(tex, size=theme.BODY_SIZE, color=theme.MUTED).next_to(
                    axes.c2p(-6, value), LEFT, buff=0.15
                )
                for tex, value in ((r"0", 0.0), (r"\frac{1}{2}", 0.5), (r"1", 1.0))
            ),
            *(  # numbers on the z axis too
                theme.number(z, digits=0, size=theme.NUMBER_MATH_SIZE, color=theme.MUTED).next_to(
                    axes.c2p(z, 0), DOWN, buff=0.15
                )
                for z in range(-6, 7, 2)
            ),
        )
        zs = np.linspace(-6.0, 6.0, 97)
        sigma = VMobject(stroke_color=theme.MODEL, stroke_width=5)
        sigma.set_points_smoothly(axes.c2p(np.column_stack([zs, activation.sigmoid(zs)])))
        formula = theme.math(r"\sigma(z) = \frac{1}{1 + e^{-z}}", color=theme.MODEL)
        formula.next_to(axes, UP, buff=0.45)
        self.play(FadeIn(heading), Create(axes), FadeIn(z_label), FadeIn(ticks))
        self.play(Create(sigma), Write(formula), run_time=2.0)

        half = float(activation.sigmoid(0.0))
        midpoint = Dot(axes.c2p(0, half), radius=0.09, color=theme.ACCENT)
        guide = DashedLine(axes.c2p(-6, half), axes.c2p(6, half), dash_length=0.1)
        guide.set_stroke(theme.MUTED, width=2, opacity=0.7)
        half_label = theme.math(
            r"\sigma(0) = \frac{1}{2}", size=theme.BODY_SIZE + 2, color=theme.ACCENT
        )
        half_label.next_to(midpoint, UP + LEFT, buff=0.15)
        self.play(Create(guide), GrowFromCenter(midpoint), Write(half_label))
        self.beat(
            Note(
                "Step two, a model. It needs the sigmoid, σ(z) = 1/(1 + e^(−z)): it squashes "
                f"any number z into the interval from 0 to 1, and σ(0) = {theme.fmt(half, 1)}.",
                "What is σ(z) for a very large z? A very negative z? So what can we read σ as?",
                narration=(
                    "Step two, a model. It needs the sigmoid, σ(z) = one over one plus e^(−z). "
                    "What is σ(z) for a very large z? Close to one. For a very negative z? "
                    "Close to zero. It squashes any number into the interval from zero to "
                    "one, so we can read it as a probability; right in the middle, σ of zero "
                    "is ½."
                ),
            )
        )

        step = theme.text("2  Model:", color=theme.MUTED)
        rule = theme.math(
            r"c = \begin{cases} 1 & \text{if } \sigma(m_1 x + m_2 y + b) \ge \tfrac12 \\"
            r" 0 & \text{if } \sigma(m_1 x + m_2 y + b) < \tfrac12 \end{cases}",
            size=theme.LABEL_MATH_SIZE,
        )
        params = VGroup(
            theme.text("three parameters:", size=theme.SMALL_SIZE + 2, color=theme.MUTED),
            theme.math(r"m_1,\ m_2,\ b", color=theme.MODEL),
        ).arrange(RIGHT, buff=0.25)
        line_note = theme.caption(
            "σ ≥ ½ exactly when m₁x + m₂y + b ≥ 0:",
            "the boundary between the colors is a line.",
        )
        column = _column(step, rule, params, line_note, buff=0.45)
        column.to_edge(RIGHT, buff=0.5)
        self.play(FadeIn(step), Write(rule), run_time=1.6)
        self.play(FadeIn(params, shift=0.2 * UP))
        self.play(FadeIn(line_note))
        self.beat(
            Note(
                "The model: colour a point orange (c = 1) if σ(m₁x + m₂y + b) ≥ ½, and blue "
                "otherwise. Three parameters, m₁, m₂ and b. Since σ ≥ ½ exactly when "
                "m₁x + m₂y + b ≥ 0, the boundary between the colors is a straight line.",
                "Why is the boundary a straight line?",
                narration=(
                    "The model: a point is orange, c equals one, if σ(m₁x + m₂y + b) ≥ ½, and "
                    "blue, c equals zero, otherwise. It has three parameters, m₁, m₂ and b. "
                    "Why is the boundary between the colors a straight line? Because σ ≥ ½ "
                    "exactly when m₁x + m₂y + b ≥ zero, and where it equals zero, that is the "
                    "equation of a line."
                ),
            )
        )

        slope = VMobject(stroke_color=theme.GRADIENT, stroke_width=4)
        slope.set_points_smoothly(axes.c2p(np.column_stack([zs, activation.sigmoid_prime(zs)])))
        derivative = theme.math(
            r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)", color=theme.GRADIENT
        )
        derivative.next_to(VGroup(axes, ticks), DOWN, buff=0.45)
        peak = axes.c2p(1.5, float(activation.sigmoid_prime(1.5)))
        slope_label = theme.math(r"\sigma'", size=theme.BODY_SIZE + 4, color=theme.GRADIENT)
        slope_label.next_to(peak, UP + RIGHT, buff=0.1)
        self.play(Create(slope), Write(derivative), FadeIn(slope_label), run_time=1.6)
        self.play(Indicate(derivative, color=theme.GRADIENT, scale_factor=1.08))
        top = theme.fmt(float(activation.sigmoid_prime(0.0)), 2)
        self.beat(
            Note(
                "One more property we will need: σ′ = σ(1 − σ). The derivative is built from σ "
                f"itself, which makes it cheap to compute. It peaks at z = 0, where σ′ = {top}.",
                "Where is the sigmoid steepest, and what is σ′ far out on either side?",
                narration=(
                    "One more property we will need: the derivative, drawn in green. "
                    "σ′(z) = σ(z) times (one − σ(z)): it is built from σ itself, which makes "
                    "it cheap to compute. Where is the sigmoid steepest? At z equals zero, "
                    "where σ′ peaks; far out on either side the curve is flat, and σ′ is "
                    "nearly zero."
                ),
            )
        )

        # the derivation the talk skips, in two lines (checked in tests/test_derivations.py)
        size = theme.LABEL_MATH_SIZE
        title = theme.text("Why σ′ = σ(1 − σ), in two lines:", color=theme.MUTED)
        rows = [
            theme.math(r"\sigma'(z)", "=", r"\frac{d}{dz}\,\bigl(1 + e^{-z}\bigr)^{-1}", size=size),
            theme.math(r"\sigma'(z)", "=", r"\frac{e^{-z}}{\bigl(1 + e^{-z}\bigr)^{2}}", size=size),
            theme.math(
                r"\sigma'(z)",
                "=",
                r"\frac{1}{1 + e^{-z}}\cdot\frac{e^{-z}}{1 + e^{-z}}",
                size=size,
            ),
            theme.math(r"\sigma'(z)", "=", r"\sigma(z)\,\bigl(1 - \sigma(z)\bigr)", size=size),
        ]
        for row in rows[1:]:
            row[0].set_opacity(0.0)  # one left-hand side: the rows continue the first
        rows[3][2].set_color(theme.GRADIENT)
        identity = theme.math(
            r"\frac{e^{-z}}{1 + e^{-z}} = 1 - \frac{1}{1 + e^{-z}} = 1 - \sigma(z)",
            size=size,
            color=theme.MUTED,
        )
        steps = VGroup(
            theme.text("line 1: the chain rule", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("line 2: split it", size=theme.SMALL_SIZE, color=theme.MUTED),
        )
        block = VGroup(title, *rows, identity).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        for row in rows[1:]:
            row.align_to(rows[0], LEFT)
        identity.shift(0.5 * RIGHT)
        for label, row in zip(steps, rows[1:3], strict=True):
            label.next_to(row, RIGHT, buff=0.4)
        VGroup(block, steps).to_edge(RIGHT, buff=0.4).to_edge(UP, buff=1.25)
        self.play(FadeOut(column), FadeIn(title))
        self.play(Write(rows[0]), run_time=1.2)
        self.play(FadeIn(rows[1][1:], shift=0.2 * DOWN), FadeIn(steps[0]), run_time=1.2)
        self.play(FadeIn(rows[2][1:], shift=0.2 * DOWN), FadeIn(steps[1]), run_time=1.2)
        self.play(FadeIn(identity), run_time=1.0)
        self.play(FadeIn(rows[3][1:], shift=0.2 * DOWN), Indicate(derivative, scale_factor=1.05))
        self.beat(
            Note(
                "Where σ′ = σ(1 − σ) comes from, in two lines. Write σ(z) = (1 + e^(−z))^(−1). "
                "Line 1, the chain rule: σ′(z) = −(1 + e^(−z))^(−2) · (−e^(−z)) = "
                "e^(−z)/(1 + e^(−z))². Line 2: split it into 1/(1 + e^(−z)) times "
                "e^(−z)/(1 + e^(−z)); the first factor is σ(z), and the second is "
                "1 − 1/(1 + e^(−z)) = 1 − σ(z).",
                "Check it at z = 0: what do both sides give?",
                narration=(
                    "Where does σ′ = σ(one − σ) come from? Two lines. Write σ(z) as one plus "
                    "e^(−z), to the power minus one. Line one, the chain rule: the outer "
                    "derivative is minus that base squared, under one, and the inner "
                    "derivative is −e^(−z); the two minus signs cancel, leaving e^(−z) over "
                    "one plus e^(−z), squared. Line two: split that into one over one plus "
                    "e^(−z), which is σ(z), times e^(−z) over one plus e^(−z), which is "
                    "one minus σ(z). So σ′ = σ(one − σ)."
                ),
            )
        )


class CostFunction(LectureScene):
    def construct(self) -> None:
        size = theme.LABEL_MATH_SIZE  # its exponents c_i are scripts of scripts
        heading = theme.heading(self.title)
        prob = theme.math(r"p_i = \sigma(m_1 x_i + m_2 y_i + b)", size=size, color=theme.MODEL)
        likelihood = theme.math(
            r"L = \prod_{i=1}^{n} \begin{cases} p_i & \text{if } c_i = 1 \\"
            r" 1 - p_i & \text{if } c_i = 0 \end{cases}",
            r"= \prod_{i=1}^{n} p_i^{\,c_i}\,(1 - p_i)^{1 - c_i}",
            size=size,
        )
        log_likelihood = theme.math(
            r"\ln L = \sum_{i=1}^{n} \bigl[\, c_i \ln p_i + (1 - c_i) \ln(1 - p_i) \,\bigr]",
            size=size,
        )
        cost = theme.math(
            r"J(m_1, m_2, b) = ",
            r"-",
            r"\frac{1}{n} \sum_{i=1}^{n}"
            r" \bigl[\, c_i \ln p_i + (1 - c_i) \ln(1 - p_i) \,\bigr]",
            size=size,
            color=theme.COST,
        )
        box = SurroundingRectangle(cost, color=theme.COST, buff=0.15, corner_radius=0.08)
        formulas = VGroup(prob, likelihood, log_likelihood, VGroup(cost, box))
        formulas.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        captions = VGroup(
            theme.caption("the model's chance", "that point i is orange"),
            theme.caption("the likelihood of", "the labels we saw"),
            theme.caption("logs turn the", "product into a sum"),
            theme.caption("the cost: the mean", "negative log-likelihood"),
        )
        for caption, formula in zip(captions, formulas, strict=True):
            caption.arrange(DOWN, aligned_edge=RIGHT, buff=0.12)
            caption.next_to(formula, LEFT, buff=0.5)
        for caption in captions:
            caption.align_to(captions, RIGHT)
        VGroup(captions, formulas).next_to(heading, DOWN, buff=0.5)
        note = theme.caption(
            "The talk's J has no minus sign. Gradient descent minimizes,",
            "so it descends on \u2212(1/n) ln L: a small J means likely labels.",
            color=theme.TEXT,
        )
        note.arrange(DOWN, buff=0.12).next_to(formulas, DOWN, buff=0.35).set_x(0)

        self.play(FadeIn(heading), Write(prob), FadeIn(captions[0]))
        self.play(FadeIn(captions[1]), Write(likelihood[0]), run_time=1.5)
        self.play(Write(likelihood[1]), run_time=1.2)
        self.beat(
            Note(
                "Step three, a cost function. pᵢ = σ(m₁xᵢ + m₂yᵢ + b) is the model's chance "
                "that point i is orange. The likelihood of the labels we saw multiplies pᵢ for "
                "each orange point and 1 − pᵢ for each blue one: Π pᵢ^cᵢ (1 − pᵢ)^(1 − cᵢ). "
                "(The talk's formula for this line is garbled; this is what it means.)",
                "Why does the exponent trick pick the right factor? Try cᵢ = 1, then cᵢ = 0.",
                narration=(
                    "Step three, a cost function. pᵢ = σ(m₁xᵢ + m₂yᵢ + b) is the model's "
                    "chance that point i is orange. The likelihood L of the labels we saw "
                    "multiplies pᵢ for each orange point and one minus pᵢ for each blue one. "
                    "In one formula: the product of pᵢ to the power cᵢ, times one minus pᵢ to "
                    "the power one minus cᵢ. Why does that pick the right factor? When cᵢ is "
                    "one, the second factor has power zero and drops out; when cᵢ is zero, "
                    "the first one does."
                ),
            )
        )

        self.play(FadeIn(captions[2]))
        self.play(ReplacementTransform(likelihood[1].copy(), log_likelihood), run_time=1.4)
        n = len(self.values.separable.c)
        # L = e^(−n·J): the likelihood of the labels at the start of the descent (mathcore's J)
        start = _powers_of_ten(math.exp(-n * float(self.values.logistic.cost[0])))
        smallest = _powers_of_ten(sys.float_info.min)  # the smallest double a computer keeps
        self.beat(
            Note(
                "Logs turn the product into a sum: ln L = Σ [cᵢ ln pᵢ + (1 − cᵢ) ln(1 − pᵢ)]. "
                "The log is increasing, so the best parameters are the same; a sum is far "
                "easier to differentiate. And a product of probabilities is tiny: at the start "
                f"of the descent the {theme.fmt(n, 0)} factors make L = {start}. A computer's "
                f"numbers (double precision) reach down to about {smallest}, so this one still "
                "fits, but a few thousand points would make L round to zero; the sum of logs "
                "never does.",
                narration=(
                    "Logs turn the product into a sum: ln L is the sum of cᵢ ln pᵢ plus "
                    "(one − cᵢ) ln(one − pᵢ). The log is increasing, so the best parameters do "
                    "not change. But a sum is far easier to differentiate. And a product of "
                    "many probabilities is tiny: with a few thousand points it would be too "
                    "small even for a computer, which would round it to zero. The sum of "
                    "logs never has that problem."
                ),
            )
        )

        self.play(FadeIn(captions[3]), Write(cost), run_time=1.6)
        self.play(Create(box), FadeIn(note, shift=0.1 * UP))
        self.play(Indicate(cost[1], color=theme.ACCENT, scale_factor=1.8))
        self.beat(
            Note(
                "The cost J = −(1/n) Σ [c ln p + (1 − c) ln(1 − p)], the mean negative "
                "log-likelihood. Note the minus sign: the talk wrote J without it, but then "
                "used ∂J/∂p = (p − c)/(p(1 − p)), which is the derivative of this version. "
                "Gradient descent minimizes, so it descends on −(1/n) ln L: a small J means "
                "likely labels.",
                "Spot the difference from the talk's formula. What would gradient descent do "
                "without the minus sign?",
                narration=(
                    "The cost J, a function of m₁, m₂ and b, is minus one over n times that "
                    "sum: the mean negative log-likelihood. Notice the minus sign. The talk "
                    "wrote J without it, but gradient descent minimizes, so it must descend on "
                    "minus one over n times ln L: a small J means the labels we saw are likely. What would "
                    "descent do without the minus sign? It would make those labels as "
                    "unlikely as it could."
                ),
            )
        )
        self._one_point_cost(heading)
        self._gradient(heading)

    def _one_point_cost(self, heading: VMobject) -> None:
        """A plot of -ln p, the cost of one orange point (c = 1): a confident mistake costs
        most. Points from mathcore's sigmoid and cross-entropy, at chosen logits z."""
        self.play(*(FadeOut(m) for m in self.mobjects if m is not heading))
        style = {"color": theme.MUTED, "stroke_width": 2, "include_ticks": True}
        axes = Axes([0, 1, 0.5], [0, 5, 1], 5.6, 4.4, tips=False, axis_config=style)
        axes.to_edge(LEFT, buff=1.1).to_edge(DOWN, buff=0.9)
        ticks = VGroup(
            *(
                theme.number(v, digits=1 if v % 1 else 0, size=theme.NUMBER_MATH_SIZE)
                .set_color(theme.MUTED)
                .next_to(axes.c2p(v, 0), DOWN, buff=0.15)
                for v in (0.0, 0.5, 1.0)
            ),
            *(
                theme.number(v, digits=0, size=theme.NUMBER_MATH_SIZE)
                .set_color(theme.MUTED)
                .next_to(axes.c2p(0, v), LEFT, buff=0.15)
                for v in range(1, 6)
            ),
        )
        p_label = theme.math("p", size=theme.MATH_SIZE, color=theme.MODEL)
        p_label.next_to(axes.x_axis, RIGHT, buff=0.2)
        j_label = theme.math(r"-\ln p", size=theme.MATH_SIZE, color=theme.COST)
        j_label.next_to(axes.y_axis, UP, buff=0.15)
        zs = np.linspace(-4.95, 8.0, 240)  # logits: p = σ(z) from about 0.007 to 1
        ps, costs = activation.sigmoid(zs), activation.cross_entropy_from_logit(zs, 1.0)
        curve = VMobject(stroke_color=theme.COST, stroke_width=5)
        curve.set_points_smoothly(axes.c2p(np.column_stack([ps, costs])))
        # the mirror image: a blue point (c = 0) pays -ln(1 - p), drawn from p = 0 to about 0.993
        blue = -zs[::-1]
        qs, blue_costs = activation.sigmoid(blue), activation.cross_entropy_from_logit(blue, 0.0)
        mirror = VMobject(stroke_color=theme.COST, stroke_width=3, stroke_opacity=0.7)
        mirror.set_points_smoothly(axes.c2p(np.column_stack([qs, blue_costs])))
        mirror = DashedVMobject(mirror, num_dashes=40, dashed_ratio=0.6)
        mirror_label = theme.math(
            r"-\ln(1 - p)", r"\text{ if } c = 0", size=theme.LABEL_MATH_SIZE, color=theme.COST
        )
        mirror_label[1].set_color(theme.MUTED)
        mirror_label.next_to(axes.c2p(0.93, 2.7), LEFT, buff=0.25)
        chosen = (4.0, 0.0, -4.0)  # sure and right, unsure, sure and wrong
        marks = [
            (float(activation.sigmoid(z)), float(activation.cross_entropy_from_logit(z, 1.0)))
            for z in chosen
        ]
        dots = VGroup(*(Dot(axes.c2p(p, j), radius=0.09, color=theme.ACCENT) for p, j in marks))
        title = theme.text("One orange point (c = 1) costs:", color=theme.TEXT)
        rows = VGroup()
        words = ("sure and right", "unsure", "sure and wrong")
        for word, (p, j) in zip(words, marks, strict=True):
            rows.add(
                VGroup(
                    theme.text(word, size=theme.SMALL_SIZE + 2, color=theme.MUTED),
                    theme.math(
                        rf"p = {theme.fmt_tex(p)}:\ \ -\ln p = {theme.fmt_tex(j)}",
                        size=theme.LABEL_MATH_SIZE,
                    ),
                ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            )
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        lesson = theme.caption(
            "A confident mistake costs most: \u2212ln p",
            "grows without bound as p goes to 0.",
            "(A blue point, c = 0, costs \u2212ln(1 \u2212 p):",
            "the mirror image, dashed.)",
            color=theme.TEXT,
        )
        column = VGroup(title, rows, lesson).arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        column.next_to(axes, RIGHT, buff=1.0).to_edge(UP, buff=1.3)
        self.play(Create(axes), FadeIn(ticks, p_label, j_label), FadeIn(title))
        self.play(Create(curve), run_time=1.6)
        for dot, row in zip(dots, rows, strict=True):
            self.play(GrowFromCenter(dot), FadeIn(row, shift=0.2 * LEFT), run_time=0.8)
        self.play(FadeIn(lesson[:2]), Indicate(dots[-1], color=theme.COST, scale_factor=1.6))
        self.play(FadeIn(lesson[2:]), Create(mirror), FadeIn(mirror_label), run_time=1.4)
        fmt = theme.fmt
        shown = [(fmt(p), fmt(j)) for p, j in marks]
        self.beat(
            Note(
                "Why this cost? Look at what one point pays. For an orange point, c = 1, the "
                f"cost is −ln p: sure and right (p = {shown[0][0]}) costs {shown[0][1]}; "
                f"unsure (p = {shown[1][0]}) costs ln 2 = {shown[1][1]}; sure and wrong "
                f"(p = {shown[2][0]}) costs {shown[2][1]}, and −ln p grows without bound as "
                "p goes to 0. A confident mistake costs most, so descent works hardest on "
                "those. A blue point pays −ln(1 − p), the mirror image.",
                "What does a model pay for saying p = 0 to an orange point?",
                tuple(
                    (label, value) for (p, j) in shown for label, value in (("p", p), ("−ln p", j))
                ),
                narration=(
                    "Why this cost? Look at what one point pays. For an orange point, c equals "
                    "one, the cost is −ln p. If the model is sure and right, "
                    f"p = {shown[0][0]}, it pays only {shown[0][1]}. Unsure, "
                    f"p = {shown[1][0]}, it pays ln two, {shown[1][1]}. Sure and wrong, "
                    f"p = {shown[2][0]}, it pays {shown[2][1]}, and the cost grows without "
                    "bound as p goes to zero. A confident mistake costs most. A blue point "
                    "pays −ln(one − p), the mirror image."
                ),
            )
        )

    def _gradient(self, heading: VMobject) -> None:
        """The logistic gradient from the chain rule and σ′ = σ(1 − σ): (p − c) times the
        input, averaged (checked in tests/test_derivations.py)."""
        self.play(*(FadeOut(m) for m in self.mobjects if m is not heading))
        size = theme.LABEL_MATH_SIZE
        title = theme.text("The gradient of J, by the chain rule (one point i):", color=theme.TEXT)
        model = theme.math(
            r"J_i = -\bigl[c_i \ln p_i + (1 - c_i)\ln(1 - p_i)\bigr],\quad "
            r"p_i = \sigma(z_i),\quad z_i = m_1 x_i + m_2 y_i + b",
            size=size,
            color=theme.MUTED,
        )
        factors = [
            theme.math(
                r"\frac{\partial J_i}{\partial p_i}",
                "=",
                r"-\frac{c_i}{p_i} + \frac{1 - c_i}{1 - p_i}",
                "=",
                r"\frac{p_i - c_i}{p_i(1 - p_i)}",
                size=size,
            ),
            theme.math(r"\frac{\partial p_i}{\partial z_i}", "=", r"p_i(1 - p_i)", size=size),
            theme.math(r"\frac{\partial z_i}{\partial m_1}", "=", r"x_i", size=size),
        ]
        for row in factors:
            row[-1].set_color(theme.GRADIENT)
        asides = (
            theme.text("from J", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("σ′ = σ(1 − σ)", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("from z", size=theme.SMALL_SIZE, color=theme.MUTED),
        )
        product = theme.math(
            r"\frac{\partial J_i}{\partial m_1}",
            "=",
            r"\frac{p_i - c_i}{p_i(1 - p_i)}\cdot p_i(1 - p_i)\cdot x_i",
            "=",
            r"(p_i - c_i)",
            r"\,x_i",
            size=size,
        )
        product[4].set_color(theme.ACCENT)
        block = VGroup(title, model, *factors, product).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        block.next_to(heading, DOWN, buff=0.35).to_edge(LEFT, buff=0.8)
        for row in factors:  # the three local rules in one column of = signs
            row.shift((factors[0][1].get_x() - row[1].get_x()) * RIGHT)
        for aside, row in zip(asides, factors, strict=True):
            aside.next_to(factors[0], RIGHT, buff=0.8).set_y(row.get_y())
        self.play(FadeIn(title), FadeIn(model))
        for row, aside in zip(factors, asides, strict=True):
            self.play(Write(row), FadeIn(aside), run_time=1.2)
        self.play(Write(product), run_time=1.6)
        self.beat(
            Note(
                "The talk skips how gradient descent gets its gradient. For one point, follow "
                "J back to m₁ through p and z: ∂J/∂p = −c/p + (1 − c)/(1 − p) = "
                "(p − c)/(p(1 − p)); ∂p/∂z = p(1 − p), the σ′ = σ(1 − σ) of the last scene; "
                "∂z/∂m₁ = x. Multiply: p(1 − p) cancels, and ∂Jᵢ/∂m₁ = (pᵢ − cᵢ)xᵢ.",
                "Which factor cancels, and why is that lucky?",
                narration=(
                    "Now the step the talk skips: where gradient descent gets its gradient. "
                    "Take one point i and follow J back to m₁, through p and z. From J, "
                    "∂J/∂p is −c over p plus (one − c) over (one − p), which is (p − c) over "
                    "p(one − p). From p = σ(z), ∂p/∂z = p(one − p): that is σ′ = σ(one − σ). "
                    "From z, ∂z/∂m₁ = x. Multiply the three: p(one − p) cancels, and what is "
                    "left is ∂J/∂m₁ = (pᵢ − cᵢ) times xᵢ."
                ),
            )
        )

        sums = [
            theme.math(
                rf"\frac{{\partial J}}{{\partial {name}}}",
                "=",
                r"\frac{1}{n}\sum_{i=1}^{n}",
                r"(p_i - c_i)",
                rf"\,{factor}",
                size=size,
            )
            for name, factor in (("m_1", "x_i"), ("m_2", "y_i"), ("b", r"\cdot 1"))
        ]
        for row in sums:
            row[0].set_color(theme.GRADIENT)
            row[3].set_color(theme.ACCENT)
        pattern = theme.caption(
            "the error p \u2212 c times the input, averaged: the \u2207J of gradient",
            "descent in the next scene, and the pattern backpropagation finds again",
            color=theme.TEXT,
        )
        summary = VGroup(*sums, pattern).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        for row in sums[1:]:
            row.shift((sums[0][1].get_x() - row[1].get_x()) * RIGHT)
        lift = (model.get_top()[1] - product.get_top()[1]) * UP  # to where the model was
        summary.next_to(product, DOWN, buff=0.45).align_to(product, LEFT).shift(lift)
        self.play(FadeOut(model, *factors, *asides), product.animate.shift(lift), run_time=1.0)
        self.play(
            LaggedStart(*(Write(row) for row in sums), lag_ratio=0.6),
            FadeIn(pattern),
            run_time=2.4,
        )
        self.beat(
            Note(
                "Every point contributes its own (pᵢ − cᵢ) times its input, and J is the mean: "
                "∂J/∂m₁ = (1/n) Σ (pᵢ − cᵢ)xᵢ, ∂J/∂m₂ = (1/n) Σ (pᵢ − cᵢ)yᵢ, ∂J/∂b = "
                "(1/n) Σ (pᵢ − cᵢ). The error times the input: this is the ∇J the next scene "
                "descends on, and the same (p − c)·input will come back in backpropagation.",
                "Which points push the line hardest? (The ones with the largest error p − c.)",
                narration=(
                    "Every point contributes its own error, pᵢ − cᵢ, times its input, and J is "
                    "the mean over the points. So ∂J/∂m₁ is one over n times the sum of "
                    "(pᵢ − cᵢ) xᵢ; ∂J/∂m₂ the same with yᵢ; and ∂J/∂b the sum of the errors "
                    "alone. The error times the input: that is the gradient the next scene "
                    "descends on, and the pattern backpropagation will find again."
                ),
            )
        )


class LogisticResult(LectureScene):
    def construct(self) -> None:
        points, fit = self.values.separable, self.values.logistic
        steps = len(fit.params) - 1
        heading = theme.heading(self.title)
        axes = _plane(points.X)
        dots = scatter(axes, points)
        # step of each precomputed region image: denser early, where the line moves fast
        shown = np.unique(np.round(steps * np.linspace(0.0, 1.0, 48) ** 2).astype(int))
        frames = [logistic_pixels(axes, fit.params[k]) for k in shown]
        regions = region_image(axes, frames[0])
        line = decision_line(axes, fit.params[0])

        tracker = ValueTracker(0.0)
        title = VGroup(
            theme.text("4  Gradient descent,", color=theme.MUTED),
            theme.math(r"\eta = " + theme.fmt_tex(fit.lr, 2), size=theme.LABEL_MATH_SIZE),
        ).arrange(RIGHT, buff=0.25)
        rule = theme.math(
            r"(m_1, m_2, b) \leftarrow (m_1, m_2, b) - \eta\,",
            r"\nabla J",
            size=theme.LABEL_MATH_SIZE,
        )
        rule[1].set_color(theme.GRADIENT)
        readout = TrainingReadout(tracker, fit.cost, fit.accuracy)
        numbers = [  # laid out at their widest, so no value grows into its neighbour
            theme.number(-99.999, size=theme.LABEL_MATH_SIZE, color=theme.MODEL)
            for _ in fit.params[0]
        ]
        names = [
            theme.math(tex, size=theme.LABEL_MATH_SIZE, color=theme.MODEL)
            for tex in (r"m_1 =", r"m_2 =", r"b =")
        ]
        params = VGroup(
            *(VGroup(n, v).arrange(RIGHT, buff=0.15) for n, v in zip(names, numbers, strict=True))
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        for name, number in zip(names, numbers, strict=True):
            number.next_to(name, RIGHT, buff=0.15)
        for number, value in zip(numbers, fit.params[0], strict=True):
            number.set_value(float(value))
        curve = cost_curve(fit.cost, tracker, width=4.8, height=1.4)
        numbers_row = VGroup(readout, params).arrange(RIGHT, buff=0.6, aligned_edge=UP)
        column = _column(title, rule, numbers_row, curve, buff=0.45)
        column.to_edge(RIGHT, buff=0.45)

        self.play(FadeIn(heading), Create(axes), run_time=1.0)
        _show_points(self, dots, run_time=1.2)
        self.add(regions, axes, line, dots)
        self.play(FadeIn(regions), Create(line), FadeIn(title), FadeIn(rule))
        self.play(FadeIn(readout), FadeIn(params), FadeIn(curve))
        fmt, percent = theme.fmt, theme.percent
        eta = fmt(fit.lr, 2)
        cost_0, accuracy_0 = fmt(float(fit.cost[0])), percent(float(fit.accuracy[0]))
        cost_n, accuracy_n = fmt(float(fit.cost[-1])), percent(float(fit.accuracy[-1]))
        final = (*_param_values(fit.params[-1]), ("cost J", cost_n), ("accuracy", accuracy_n))
        self.beat(
            Note(
                f"Step four: gradient descent on (m₁, m₂, b), with learning rate η = {eta}. We "
                f"start from a poor line: the cost is J = {cost_0} and only {accuracy_0} of "
                "the points are on the right side.",
                "Which way do you expect the line to move first?",
                (
                    ("η", eta),
                    *_param_values(fit.params[0]),
                    ("cost J", cost_0),
                    ("accuracy", accuracy_0),
                ),
                narration=(
                    "Step four: optimize. Here that means gradient descent on all three "
                    "parameters at once: each step moves (m₁, m₂, b) against the gradient of "
                    f"J, scaled by the learning rate η = {eta}. We start from a poor line: the "
                    f"cost is J = {cost_0}, and only {accuracy_0} of the points are on the "
                    "right side. Which way will the line move first? Let's watch."
                ),
            )
        )

        def sweep(mob: Line) -> None:
            k = tracker.get_value()
            low = min(int(k), steps - 1)
            share = k - low
            place_line(mob, axes, (1 - share) * fit.params[low] + share * fit.params[low + 1])

        def swap(image: ImageMobject) -> None:
            index = int(np.searchsorted(shown, tracker.get_value(), side="right")) - 1
            show_pixels(image, frames[index])

        def follow_params(_mob: VGroup) -> None:
            for number, value in zip(numbers, fit.params[round(tracker.get_value())], strict=True):
                show_value(number, float(value))

        line.add_updater(sweep)
        regions.add_updater(swap)
        params.add_updater(follow_params)
        # the column's still words overlap nothing: drawn first, they stay in the renderer's
        # still background instead of being redrawn with the moving plane at every frame
        self.bring_to_back(title, rule)
        self.play(tracker.animate.set_value(steps), run_time=9.0, rate_func=lambda t: t**2)
        for mob in (line, regions, params):
            mob.clear_updaters()
        self.beat(
            Note(
                f"Here's the result on the data: {fmt(steps, 0)} steps of descent. The line "
                f"sweeps into place, the cost falls to {cost_n} and the accuracy climbs to "
                f"{accuracy_n}.",
                values=(*ints(("steps", steps)), *final),
                narration=(
                    f"Here's the result on the data: {fmt(steps, 0)} steps of gradient "
                    "descent. The line sweeps into place, and the shaded half-planes turn "
                    f"with it. The cost falls to {cost_n}, and the accuracy climbs to "
                    f"{accuracy_n}."
                ),
            )
        )

        equation = theme.math(  # the learned line, where the update rule was
            rf"{theme.fmt_tex(fit.m1)}\,x {'+' if fit.m2 >= 0 else ''}"
            rf"{theme.fmt_tex(fit.m2)}\,y {'+' if fit.b >= 0 else ''}"
            rf"{theme.fmt_tex(fit.b)} = 0",
            size=theme.MATH_SIZE,
            color=theme.MODEL,
        )
        equation.move_to(rule, LEFT)
        self.play(
            FadeOut(rule, shift=0.2 * UP),
            FadeIn(equation, shift=0.2 * UP),
            Indicate(line, color=theme.MODEL, scale_factor=1.0),
        )
        self.play(
            Indicate(readout.accuracy_value, color=theme.GRADIENT),
            Indicate(params, color=theme.MODEL, scale_factor=1.05),
        )
        self.beat(
            Note(
                f"The learned line: {fmt(fit.m1)} x + {fmt(fit.m2)} y + {fmt(fit.b)} = 0. "
                "Nobody told the computer where it goes: it learned it from the labelled "
                "points.",
                "Which points are still on the wrong side? Could any straight line get them all?",
                final,
                narration=(
                    f"The learned boundary is the line {fmt(fit.m1)} x {_plus(fit.m2)} y "
                    f"{_plus(fit.b)} = zero. Nobody told the computer where it goes: it "
                    "learned it from the labelled points. Which points are still on the "
                    "wrong side? Only a few, close to the line, where the two colors meet."
                ),
            )
        )

        # the same descent in parameter space: J over (m1, m2) with b held at the end's b
        # (mathcore.landscape), the path moving in step with the line
        view = self.values.insights.landscape
        span = (float(view.m1[0]), float(view.m1[-1])), (float(view.m2[0]), float(view.m2[-1]))
        box = Axes(
            [*span[0], 1.0],
            [*span[1], 1.0],
            3.2 * (span[0][1] - span[0][0]) / (span[1][1] - span[1][0]),
            3.2,
            tips=False,
            axis_config={"color": theme.MUTED, "stroke_width": 1.5, "include_ticks": False},
        )
        frame = Rectangle(width=box.x_length, height=box.y_length)
        frame.set_stroke(theme.MUTED, width=1.5, opacity=0.8).move_to(box)
        levels = np.quantile(view.J, np.linspace(0.02, 0.9, 9))
        contours = level_lines(box, view.m1, view.m2, view.J, levels)
        m_labels = VGroup(
            theme.math("m_1", size=theme.LABEL_MATH_SIZE, color=theme.MODEL),
            theme.math("m_2", size=theme.LABEL_MATH_SIZE, color=theme.MODEL),
        )
        m_labels[0].next_to(frame, DOWN, buff=0.12)
        m_labels[1].next_to(frame, UP, buff=0.1).align_to(frame, LEFT)
        path = VMobject(stroke_opacity=0.0)  # the whole path, unseen; ``trail`` is its start
        path.set_points_as_corners(box.c2p(np.column_stack([view.path_m1, view.path_m2])))
        trail = VMobject(stroke_color=theme.GRADIENT, stroke_width=4)
        here = Dot(box.c2p(view.path_m1[0], view.path_m2[0]), radius=0.08, color=theme.MODEL)
        held = theme.math(rf"b = {theme.fmt_tex(view.b_fixed)}", size=theme.LABEL_MATH_SIZE)
        held.set_color(theme.MODEL)
        held_words = theme.caption("J over (m\u2081, m\u2082), with b held at", "its final value:")
        landscape = VGroup(box, frame, contours, path, trail, here, m_labels)
        moved = theme.caption(
            f"(the path's own b: from {theme.fmt(float(view.path_b[0]))} "
            f"to {theme.fmt(float(view.path_b[-1]))})"
        )
        held.next_to(held_words[1], RIGHT, buff=0.25)
        header = VGroup(held_words, held, moved)
        moved.next_to(held_words, DOWN, buff=0.12, aligned_edge=LEFT)
        panel = VGroup(header, landscape).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        panel.next_to(title, DOWN, buff=0.4, aligned_edge=LEFT)
        params.generate_target().next_to(landscape, RIGHT, buff=0.4).align_to(frame, UP)

        def along(mob: VMobject) -> None:
            mob.pointwise_become_partial(path, 0.0, max(tracker.get_value(), 1e-3) / steps)

        def walk(dot: Dot) -> None:
            k = tracker.get_value()
            low = min(int(k), steps - 1)
            share = k - low
            m1, m2 = (1 - share) * fit.params[low, :2] + share * fit.params[low + 1, :2]
            dot.move_to(box.c2p(m1, m2))

        self.play(
            FadeOut(equation, readout, curve),
            MoveToTarget(params),
            FadeIn(header, box, frame, contours, m_labels),
            run_time=1.2,
        )
        self.add(path, trail, here)
        for mob, updater in ((line, sweep), (regions, swap), (params, follow_params)):
            mob.add_updater(updater)
        trail.add_updater(along)
        here.add_updater(walk)
        self.bring_to_back(header, box, frame, contours, m_labels)  # still, as above
        self.play(tracker.animate.set_value(0), run_time=1.0)  # back to the start
        self.play(tracker.animate.set_value(steps), run_time=9.0, rate_func=lambda t: t**2)
        for mob in (line, regions, params, trail, here):
            mob.clear_updaters()
        b_end, b_start = fmt(view.b_fixed), fmt(float(view.path_b[0]))
        self.beat(
            Note(
                "The same descent, seen in parameter space: each point of this picture is a "
                "choice of (m₁, m₂), its contour lines are levels of the cost J, and the green "
                "path is where gradient descent took the parameters, step by step, while the "
                "line on the left swept into place. A picture has room for two parameters, so "
                f"b is held at its final value, b = {b_end}. The path's own b moved (from "
                f"{b_start}), so the contours are exactly right under the path only at its end.",
                "Why does the path cross the contour lines at right angles, at least at first?",
                (("b held at", b_end), ("b at the start", b_start)),
                narration=(
                    "Here is the same descent, seen in parameter space. Each point of this "
                    "picture is a choice of m₁ and m₂; the contour lines are levels of the "
                    "cost J, and the green path is where gradient descent took the parameters, "
                    "step by step, in time with the line on the left. A picture has room for "
                    f"two parameters only, so b is held at its final value, {b_end}. The path's "
                    f"own b started at {b_start} and moved too, so these contours are exact "
                    "under the path only at its end."
                ),
            )
        )


class HopelessLine(LectureScene):
    def construct(self) -> None:
        points, fit = self.values.hopeless_data, self.values.hopeless
        best = fit.params[-1]
        heading = theme.heading(self.title)
        axes = _plane(points.X)
        dots = scatter(axes, points)
        self.play(FadeIn(heading), Create(axes), run_time=1.0)
        _show_points(self, dots)
        what_if = theme.text("What if the data look like this?")
        hopeless = theme.text(
            "A logistic regression would be hopeless…", color=theme.MUTED, size=theme.SMALL_SIZE + 2
        )
        column = _column(what_if, hopeless)
        self.play(FadeIn(what_if, shift=0.2 * UP))
        self.play(FadeIn(hopeless))
        self.beat(
            Note(
                "In that demonstration the decision boundary was always a line. What if our "
                "data look like this: one color ringed by the other?",
                "Can anyone draw one straight line that separates blue from orange?",
                narration=(
                    "In the previous demonstration, the decision boundary was always a line. "
                    "What if our data look like this, one color ringed by the other? Can you "
                    "draw one straight line that separates blue from orange? No: whichever "
                    "line you draw, both colors end up on both sides. A logistic regression "
                    "would be hopeless."
                ),
            )
        )

        regions = region_image(axes, logistic_pixels(axes, best))
        line = decision_line(axes, best)
        predicted = logistic.predict_proba(best, points.X) >= 0.5
        wrong = predicted != (points.c == 1)
        # each wrong point gets a rim in the COST color, on the dot itself: rings around
        # the dots overlapped into a clump where the points are dense
        missed = VGroup(*(dot for dot, miss in zip(dots, wrong, strict=True) if miss))
        right = VGroup(*(dot for dot, miss in zip(dots, wrong, strict=True) if not miss))
        best_text = theme.text(
            f"Logistic regression, {len(fit.params) - 1} steps of descent:",
            size=theme.SMALL_SIZE,
            color=theme.MUTED,
        )
        score = VGroup(
            theme.text("accuracy", color=theme.MUTED),
            theme.text(
                theme.percent(float(fit.accuracy[-1])),
                size=theme.HEADING_SIZE,
                color=theme.COST,
                weight="BOLD",
            ),
        ).arrange(RIGHT, buff=0.3)
        coin = theme.caption(
            "About a coin flip: every point with", "a red rim is on the wrong side."
        )
        # what is true about that line: the cross-entropy optimum gives up (mathcore.best_line)
        optimum = self.values.insights.hopeless_optimum
        m1, m2, cost = float(best[0]), float(best[1]), float(fit.cost[-1])
        p_all = logistic.predict_proba(best, points.X)
        p_low, p_high = float(np.min(p_all)), float(np.max(p_all))
        size = theme.LABEL_MATH_SIZE
        gives_up = VGroup(
            theme.math(
                rf"m_1 = {theme.fmt_tex(m1)},\ \ m_2 = {theme.fmt_tex(m2)}",
                size=size,
                color=theme.MODEL,
            ),
            theme.math(
                rf"J = {theme.fmt_tex(cost, 4)} \approx \ln 2 = {theme.fmt_tex(optimum.ln2, 4)}",
                size=size,
                color=theme.COST,
            ),
            theme.math(
                rf"{theme.fmt_tex(p_low)} \le p_i \le {theme.fmt_tex(p_high)}",
                size=size,
                color=theme.MODEL,
            ),
            theme.caption(
                "Weights near 0 and p near \u00bd everywhere:",
                "the model gives up, says fifty-fifty,",
                "and its line is arbitrary.",
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        result = VGroup(best_text, score, coin).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        result.next_to(column, DOWN, buff=0.5, aligned_edge=LEFT)
        gives_up.next_to(score, DOWN, buff=0.3, aligned_edge=LEFT)  # where ``coin`` was
        self.add(regions, axes, line, dots)
        self.play(FadeIn(regions), Create(line), FadeIn(best_text), run_time=1.5)
        self.play(
            right.animate.set_opacity(0.35),
            missed.animate.set_stroke(theme.COST, width=2.5),
            FadeIn(score),
            run_time=1.5,
        )
        self.play(FadeIn(coin))
        steps, accuracy = len(fit.params) - 1, theme.percent(float(fit.accuracy[-1]))
        self.beat(
            Note(
                "A logistic regression is hopeless here: the line it finds, after "
                f"{theme.fmt(steps, 0)} steps of descent, gets {accuracy} right, about a coin "
                "flip. Every point with a red rim is on the wrong side.",
                values=(*ints(("steps", steps)), ("accuracy", accuracy)),
                narration=(
                    "Here is the line logistic regression finds anyway, after "
                    f"{theme.fmt(steps, 0)} steps of descent. It gets {accuracy} of the points "
                    "right, about a coin flip: every point with a red rim is on the wrong side."
                ),
            )
        )

        self.play(FadeOut(coin), FadeIn(gives_up[:3], shift=0.2 * UP), run_time=1.2)
        self.play(FadeIn(gives_up[3]))
        fmt = theme.fmt
        weights, ln2 = (fmt(m1), fmt(m2)), fmt(optimum.ln2, 4)
        spread = (fmt(p_low), fmt(p_high))
        self.beat(
            Note(
                f"The truth about that line: its weights are near zero, m₁ = {weights[0]} and "
                f"m₂ = {weights[1]}, and its cost J = {fmt(cost, 4)} is just under "
                f"ln 2 = {ln2}, the cost of saying p = ½ for every point. Every pᵢ is between "
                f"{spread[0]} and {spread[1]}. When the classes surround each other, no tilt "
                "of a line lowers J by much: the best the cross-entropy can do is to give up "
                "and say fifty-fifty everywhere, and then where its line p = ½ falls is "
                "almost arbitrary (the faint shading says how unsure it is).",
                "Why is ln 2 the cost of a model that always says ½?",
                (
                    ("m₁", weights[0]),
                    ("m₂", weights[1]),
                    ("J", fmt(cost, 4)),
                    ("ln 2", ln2),
                    ("smallest pᵢ", spread[0]),
                    ("largest pᵢ", spread[1]),
                ),
                narration=(
                    "But is that really the best line? Look at what the model learned. Its "
                    f"weights are almost zero: m₁ = {weights[0]}, m₂ = {weights[1]}. Its cost "
                    f"is J = {fmt(cost, 4)}, just under ln two, {ln2}, which is what a model "
                    "pays for saying one half at every point. And every pᵢ lies between "
                    f"{spread[0]} and {spread[1]}. The model has given up: it says fifty-fifty "
                    "everywhere, and where its line falls is almost arbitrary."
                ),
            )
        )

        by_accuracy = self.values.insights.best_line
        line_params = by_accuracy.params
        on_side = logistic.predict_proba(line_params, points.X) >= 0.5  # w . (x, y) + b >= 0
        wrong_now = on_side != (points.c == 1)
        regions_now = region_image(axes, logistic_pixels(axes, line_params))
        line_now = decision_line(axes, line_params)
        versus = VGroup(
            theme.text("logistic regression", size=theme.SMALL_SIZE + 2, color=theme.MUTED),
            theme.math(theme.percent(float(fit.accuracy[-1])).replace("%", r"\%"), size=size),
            theme.text("best line by accuracy", size=theme.SMALL_SIZE + 2, color=theme.MUTED),
            theme.math(
                theme.percent(by_accuracy.accuracy).replace("%", r"\%"),
                size=theme.HEADING_SIZE + 4,
                color=theme.MODEL,
            ),
        )
        versus.arrange_in_grid(rows=2, cols=2, col_alignments="lr", buff=(0.35, 0.25))
        searched = theme.caption(
            f"{fmt(by_accuracy.n_correct, 0)} of {fmt(by_accuracy.n, 0)} points, the best of all "
            "lines",
            "(every one tried). Still, a line cannot",
            "enclose a ring: it cuts off one side.",
        )
        verdict = VGroup(versus, searched).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        verdict.next_to(column, DOWN, buff=0.5, aligned_edge=LEFT)
        self.add(regions_now, regions, axes, line, line_now, dots)
        regions_now.set_opacity(0.0)
        restyle = [
            dot.animate.set_fill(opacity=1.0).set_stroke(
                theme.COST if miss else theme.BACKGROUND,
                width=2.5 if miss else 1.2,
                opacity=1.0,
            )
            if miss
            else dot.animate.set_fill(opacity=0.35).set_stroke(
                theme.BACKGROUND, width=1.2, opacity=0.35
            )
            for dot, miss in zip(dots, wrong_now, strict=True)
        ]
        self.play(
            FadeOut(best_text, score, gives_up),
            regions.animate.set_opacity(0.0),
            regions_now.animate.set_opacity(1.0),
            line.animate.set_stroke(opacity=0.3),
            Create(line_now),
            FadeIn(versus, shift=0.2 * UP),
            run_time=1.6,
        )
        self.play(*restyle, FadeIn(searched), run_time=1.5)
        best_accuracy = theme.percent(by_accuracy.accuracy)
        self.beat(
            Note(
                "Is there a better straight line at all? Yes: trying every line (each one "
                "through two of the points, nudged), the best by accuracy gets "
                f"{best_accuracy}, {fmt(by_accuracy.n_correct, 0)} of "
                f"{fmt(by_accuracy.n, 0)} points. But even the best line cannot enclose a "
                "ring: it cuts off one side of the outer ring, and the rest of the outer "
                "ring stays on the orange side.",
                "Where would you put a second line, and a third, to do better?",
                (
                    ("logistic regression", accuracy),
                    ("best line by accuracy", best_accuracy),
                    *ints(("right", by_accuracy.n_correct), ("points", by_accuracy.n)),
                ),
                narration=(
                    "Is there a better straight line at all? Yes. Trying every line, the best "
                    f"one by accuracy gets {best_accuracy} of the points right, "
                    f"{fmt(by_accuracy.n_correct, 0)} of {fmt(by_accuracy.n, 0)}. But even the "
                    "best line cannot enclose a ring: it cuts off one side of the outer ring, "
                    "and the rest of that ring stays with the orange points. Where would you "
                    "put a second line, and a third, to do better?"
                ),
            )
        )
        result = verdict  # what the teaser goes under now

        teaser = theme.text(
            "Neural networks!", size=theme.TITLE_SIZE, color=theme.ACCENT, weight="BOLD"
        )
        teaser.next_to(result, DOWN, buff=0.8).align_to(result, LEFT)
        self.play(Write(teaser), run_time=1.2)
        self.play(Indicate(teaser, color=theme.ACCENT, scale_factor=1.1))
        self.beat(
            Note(
                "What we need is a curved boundary. Enter: neural networks!",
                "How could we build a curved boundary out of straight lines and sigmoids?",
                (("accuracy", accuracy),),
                narration=(
                    "What we need is a curved boundary. How could we build one out of "
                    "straight lines and sigmoids? By feeding several of them into one more "
                    "sigmoid. Enter: neural networks!"
                ),
            )
        )
