"""Storyboard rows 10-14: classifying points with logistic regression, and where it fails."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Flash,
    GrowFromCenter,
    ImageMobject,
    Indicate,
    LaggedStart,
    Line,
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

PLANE_HEIGHT = 6.1


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
            )
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
            size=theme.MATH_SIZE - 6,
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
        derivative.next_to(axes, DOWN, buff=0.55)
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


class CostFunction(LectureScene):
    def construct(self) -> None:
        size = theme.MATH_SIZE - 6
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
            "so it descends on \u2212ln L: a small J means likely labels.",
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
        self.beat(
            Note(
                "Logs turn the product into a sum: ln L = Σ [cᵢ ln pᵢ + (1 − cᵢ) ln(1 − pᵢ)]. "
                "The log is increasing, so the best parameters are the same; a sum is far "
                f"easier to differentiate, and {theme.fmt(n, 0)} probabilities multiplied "
                "together are a number too small for a computer to hold.",
                narration=(
                    "Logs turn the product into a sum: ln L is the sum of cᵢ ln pᵢ plus "
                    "(one − cᵢ) ln(one − pᵢ). The log is increasing, so the best parameters do "
                    "not change. But a sum is far easier to differentiate, and a product of "
                    "many probabilities is a number too small for a computer to hold."
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
                "Gradient descent minimizes, so it descends on −ln L: a small J means likely "
                "labels.",
                "Spot the difference from the talk's formula. What would gradient descent do "
                "without the minus sign?",
                narration=(
                    "The cost J, a function of m₁, m₂ and b, is minus one over n times that "
                    "sum: the mean negative log-likelihood. Notice the minus sign. The talk "
                    "wrote J without it, but gradient descent minimizes, so it must descend on "
                    "minus ln L: a small J means the labels we saw are likely. What would "
                    "descent do without the minus sign? It would make those labels as "
                    "unlikely as it could."
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
            theme.text("4  Gradient descent on", color=theme.MUTED),
            theme.math(r"(m_1, m_2, b)", color=theme.MODEL),
        ).arrange(RIGHT, buff=0.2)
        rule = theme.math(
            r"(m_1, m_2, b) \leftarrow (m_1, m_2, b) - \eta\,",
            r"\nabla J",
            r",\quad \eta = " + theme.fmt_tex(fit.lr, 2),
            size=theme.MATH_SIZE - 8,
        )
        rule[1].set_color(theme.GRADIENT)
        readout = TrainingReadout(tracker, fit.cost, fit.accuracy)
        numbers = [
            theme.number(float(v), size=theme.BODY_SIZE + 4, color=theme.MODEL)
            for v in fit.params[0]
        ]
        names = [
            theme.math(tex, size=theme.BODY_SIZE + 4, color=theme.MODEL)
            for tex in (r"m_1 =", r"m_2 =", r"b =")
        ]
        params = VGroup(
            *(VGroup(n, v).arrange(RIGHT, buff=0.15) for n, v in zip(names, numbers, strict=True))
        ).arrange(RIGHT, buff=0.45)
        curve = cost_curve(fit.cost, tracker, width=4.8, height=1.5)
        column = _column(title, rule, readout, params, curve, buff=0.42)
        column.to_edge(RIGHT, buff=0.45)
        readout.shift(0.4 * RIGHT)

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

        equation = VGroup(
            theme.text("the line", size=theme.SMALL_SIZE + 2, color=theme.MUTED),
            theme.math(
                rf"{theme.fmt_tex(fit.m1)}\,x {'+' if fit.m2 >= 0 else ''}"
                rf"{theme.fmt_tex(fit.m2)}\,y {'+' if fit.b >= 0 else ''}"
                rf"{theme.fmt_tex(fit.b)} = 0",
                size=theme.MATH_SIZE - 6,
                color=theme.MODEL,
            ),
        ).arrange(RIGHT, buff=0.3)
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
        rings = VGroup(
            *(
                Circle(radius=0.13, color=theme.COST, stroke_width=1.8).move_to(dot)
                for dot, miss in zip(dots, wrong, strict=True)
                if miss
            )
        )
        right = VGroup(*(dot for dot, miss in zip(dots, wrong, strict=True) if not miss))
        best_text = theme.text(
            f"The best line, after {len(fit.params) - 1} steps of descent:",
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
        coin = theme.caption("About a coin flip: every circled", "point is on the wrong side.")
        result = VGroup(best_text, score, coin).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        result.next_to(column, DOWN, buff=0.7, aligned_edge=LEFT)
        self.add(regions, axes, line, dots)
        self.play(FadeIn(regions), Create(line), FadeIn(best_text), run_time=1.5)
        self.play(right.animate.set_opacity(0.35), Create(rings), FadeIn(score), run_time=1.5)
        self.play(FadeIn(coin))
        steps, accuracy = len(fit.params) - 1, theme.percent(float(fit.accuracy[-1]))
        self.beat(
            Note(
                "A logistic regression is hopeless here: the best line, after "
                f"{theme.fmt(steps, 0)} steps of descent, gets {accuracy} right, about a coin "
                "flip. Every circled point is on the wrong side.",
                values=(*ints(("steps", steps)), ("accuracy", accuracy)),
                narration=(
                    "Here is the best line anyway, after "
                    f"{theme.fmt(steps, 0)} steps of descent. It gets {accuracy} of the points "
                    "right, about a coin flip: every circled point is on the wrong side."
                ),
            )
        )

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
