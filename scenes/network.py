"""Storyboard rows 15-17: logistic regression as a graph, a hidden layer, what it learns."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Arrow,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    ImageMobject,
    Indicate,
    LaggedStart,
    Line,
    ReplacementTransform,
    SurroundingRectangle,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from scenes import theme
from scenes.base import LectureScene
from scenes.drawings.network_diagram import LayeredNetwork, edge_label
from scenes.drawings.plane import (
    TrainingReadout,
    boundary_curve,
    cost_curve,
    decision_line,
    logistic_pixels,
    network_grid,
    plane_axes,
    region_image,
    region_pixels,
    scatter,
    show_pixels,
)
from scenes.notes import Note, ints


def _signed(value: float) -> str:
    """'+ 1.234' or '- 1.234' for the middle of a LaTeX sum."""
    text = theme.fmt_tex(value)
    return rf"- {text[1:]}" if text.startswith("-") else rf"+ {text}"


class LogisticAsGraph(LectureScene):
    def construct(self) -> None:
        fit, points = self.values.logistic, self.values.separable
        m1, m2, b = fit.params[-1]
        heading = theme.heading(self.title)
        net = LayeredNetwork(
            [["x", "y"], [r"\sigma"]],
            [fit.params[-1][None, :2]],
            layer_gap=4.2,
            node_gap=2.6,
            radius=0.55,
        )
        net.move_to([-4.0, 0.5, 0])
        neuron = net.nodes[1][0]
        output = theme.math("p", size=theme.MATH_SIZE + 8, color=theme.MODEL)
        output.next_to(neuron, RIGHT, buff=1.3)
        arrow = Arrow(neuron.get_right(), output.get_left(), buff=0.12, color=theme.MODEL)
        bias = theme.math(r"+\,b", size=theme.BODY_SIZE + 4, color=theme.MODEL)
        bias.next_to(neuron, DOWN, buff=0.2)
        upper, lower = net.edge(0, 0, 0), net.edge(0, 0, 1)
        names = VGroup(edge_label(upper, "m_1", 1), edge_label(lower, "m_2", -1))
        formula = theme.math(r"p = \sigma(m_1 x + m_2 y + b)", color=theme.MODEL)
        formula.next_to(net, DOWN, buff=0.8).set_x(net.get_x() + 1.0)

        self.play(FadeIn(heading), LaggedStart(*(FadeIn(n) for n in net.node_group)))
        self.play(Create(net.edge_group), FadeIn(names), FadeIn(bias), run_time=1.2)
        self.play(Create(arrow), FadeIn(output), Write(formula))
        self.beat(
            Note(
                "The logistic regression we used can be drawn as a graph: the inputs x and y, "
                "edges weighted m₁ and m₂ into one σ neuron with bias b, and out comes p.",
                narration=(
                    "The logistic regression model we used can be drawn as a graph. The inputs x and y travel along edges weighted m₁ and m₂ into one "
                    "neuron, which adds the bias b and applies σ. Out comes "
                    "p = σ(m₁x + m₂y + b), the probability of orange."
                ),
            )
        )

        values = VGroup(
            edge_label(upper, rf"m_1 = {theme.fmt_tex(m1)}", 1),
            edge_label(lower, rf"m_2 = {theme.fmt_tex(m2)}", -1),
        )
        bias_value = theme.math(
            rf"b = {theme.fmt_tex(b)}", size=theme.BODY_SIZE + 4, color=theme.MODEL
        ).next_to(neuron, DOWN, buff=0.2)
        fitted = theme.math(
            rf"p = \sigma({theme.fmt_tex(m1)}\,x {_signed(m2)}\,y {_signed(b)})",
            color=theme.MODEL,
        ).move_to(formula)
        axes = plane_axes(points.X, height=5.0).to_edge(RIGHT, buff=0.6).shift(0.35 * DOWN)
        regions = region_image(axes, logistic_pixels(axes, fit.params[-1]))
        dots = scatter(axes, points, radius=0.05)
        line = decision_line(axes, fit.params[-1], width=4)
        same = theme.caption("the fitted model from before", size=theme.SMALL_SIZE)
        same.next_to(axes, UP, buff=0.2)
        self.play(
            ReplacementTransform(names, values),
            ReplacementTransform(bias, bias_value),
            ReplacementTransform(formula, fitted),
            run_time=1.4,
        )
        self.add(regions, axes, line, dots)
        self.play(FadeIn(regions), Create(axes), FadeIn(dots), Create(line), FadeIn(same))
        fmt = theme.fmt
        self.beat(
            Note(
                f"With the fitted values, m₁ = {fmt(m1)}, m₂ = {fmt(m2)}, b = {fmt(b)}: the "
                "same model and the same line as before, just drawn differently.",
                "In this picture, what would it mean to add more neurons?",
                (("m₁", fmt(m1)), ("m₂", fmt(m2)), ("b", fmt(b))),
                narration=(
                    f"With the fitted values, m₁ = {fmt(m1)}, m₂ = {fmt(m2)} and b = {fmt(b)}, "
                    "it is the same model and the same line as before, just drawn "
                    "differently. In this picture, what would it mean to add more neurons? "
                    "More lines, combined by one more σ."
                ),
            )
        )


def _hidden_names(k: int, *, spoken: bool = False) -> str:
    """The hidden neurons as a note writes them: 'a₁', 'a₁ and a₂', 'a₁ … a₄' (for the
    voice, 'a₁ to a₄')."""
    if k == 1:
        return "a₁"
    if k == 2:
        return "a₁ and a₂"
    return f"a₁ {'to' if spoken else '…'} a{theme.subscript(k)}"


def _box(mob: VMobject) -> np.ndarray:
    """(left, bottom, right, top) of ``mob``."""
    return np.array([*mob.get_corner(DL)[:2], *mob.get_corner(UR)[:2]])


def _place_line_marks(lines: VGroup, frame: VMobject, gap: float = 0.1) -> None:
    """Place each (line, arrow, label) group's arrow and label on its own line's visible
    segment, inside ``frame``, so that each is read as its own line's: the arrow at the
    point of the segment nearest its middle that is clear of the other lines and arrows;
    the label beside the segment near an end (on the arrow's side, then the other), further
    along when that spot is taken, touching no other label, arrow or line and nearer its
    own line than any other. When no spot is free, the one that breaks the least."""
    inner = _box(frame) + np.array([gap, gap, -gap, -gap])
    segments = [(line.get_start()[:2], line.get_end()[:2]) for line, _arrow, _label in lines]
    arrows: list[np.ndarray] = []
    for index, (_line, arrow, _label) in enumerate(lines):
        start, end = segments[index]
        others = segments[:index] + segments[index + 1 :]
        tip = arrow.get_end()[:2] - arrow.get_start()[:2]
        spots = [start + t * (end - start) for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)]

        def arrow_score(base: np.ndarray, tip=tip, others=others) -> float:
            box = np.concatenate([np.minimum(base, base + tip), np.maximum(base, base + tip)])
            near = min((_segment_distance(base, *s) for s in others), default=1.0)
            clear = min((_box_gap(box, other) for other in arrows), default=1.0)
            if _inside(box, inner) and near >= 0.45 and clear >= gap:
                return np.inf
            return (10.0 if _inside(box, inner) else 0.0) + min(near, 0.45) + min(clear, 1.0)

        base = _best(spots, arrow_score)
        arrow.shift([*(base - arrow.get_start()[:2]), 0.0])
        arrows.append(_box(arrow))
    taken = list(arrows)
    for index, (_line, arrow, label) in enumerate(lines):
        start, end = segments[index]
        others = segments[:index] + segments[index + 1 :]
        length = float(np.linalg.norm(end - start))
        along = (end - start) / length
        normal = arrow.get_end()[:2] - arrow.get_start()[:2]
        normal /= float(np.linalg.norm(normal))
        # half the label's extent across the line, plus a little air
        across = (abs(normal[0]) * label.width + abs(normal[1]) * label.height) / 2 + 0.08
        half = np.array([label.width, label.height]) / 2
        spots = [
            anchor + distance * inward + side * across * normal
            for distance in sorted({min(d, length / 2) for d in (0.45, 0.9, 1.35)})
            for anchor, inward in ((end, -along), (start, along))
            for side in (1.0, -1.0)
        ]

        def label_score(centre: np.ndarray, half=half, across=across, others=others) -> float:
            box = np.concatenate([centre - half, centre + half])
            clear = min((_box_gap(box, other) for other in taken), default=1.0)
            # how far the other lines stay from the label (0 when one crosses it)
            near = min((_segment_box_gap(*s, box) for s in others), default=1.0)
            own = min((_segment_distance(centre, *s) for s in others), default=1.0) - across
            if _inside(box, inner) and clear >= gap and near >= 0.05 and own >= 0.3:
                return np.inf
            return (
                (10.0 if _inside(box, inner) else 0.0)
                + min(clear, 1.0)
                + min(near, 0.05) * 10
                + min(own, 0.3)
            )

        label.move_to([*_best(spots, label_score), 0.0])
        taken.append(_box(label))


def _best(spots: list[np.ndarray], score: Callable[[np.ndarray], float]) -> np.ndarray:
    """The first spot that scores infinity (free), else the highest-scoring one."""
    scores = [score(spot) for spot in spots]
    free = [spot for spot, value in zip(spots, scores, strict=True) if value == np.inf]
    return free[0] if free else spots[int(np.argmax(scores))]


def _inside(box: np.ndarray, inner: np.ndarray) -> bool:
    return bool(np.all(box[:2] >= inner[:2]) and np.all(box[2:] <= inner[2:]))


def _segment_distance(point: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    """The distance from ``point`` to the segment from ``a`` to ``b`` (2-d)."""
    t = float(np.clip(np.dot(point - a, b - a) / np.dot(b - a, b - a), 0.0, 1.0))
    return float(np.linalg.norm(point - (a + t * (b - a))))


def _segment_box_gap(a: np.ndarray, b: np.ndarray, box: np.ndarray) -> float:
    """About how far the segment from ``a`` to ``b`` stays from ``box`` (sampled; 0 when it
    crosses it)."""
    points = np.linspace(a, b, 80)
    dx = np.maximum(np.maximum(box[0] - points[:, 0], points[:, 0] - box[2]), 0.0)
    dy = np.maximum(np.maximum(box[1] - points[:, 1], points[:, 1] - box[3]), 0.0)
    return float(np.min(np.hypot(dx, dy)))


def _box_gap(a: np.ndarray, b: np.ndarray) -> float:
    """The gap between boxes ``a`` and ``b`` (left, bottom, right, top): negative when they
    overlap."""
    dx = max(b[0] - a[2], a[0] - b[2])
    dy = max(b[1] - a[3], a[1] - b[3])
    return float(max(dx, dy)) if max(dx, dy) < 0 else float(np.hypot(max(dx, 0), max(dy, 0)))


class StackingALayer(LectureScene):
    def construct(self) -> None:
        trained = self.values.network
        final, k = trained.final, trained.hidden
        heading = theme.heading(self.title)
        hidden = [f"a_{i + 1}" for i in range(k)]
        where, shape = [-3.1, -0.35, 0], {"layer_gap": 3.3, "node_gap": 1.2, "radius": 0.4}
        single = LayeredNetwork([["x", "y"], ["p"]], layer_gap=6.6, radius=0.4).move_to(where)
        plain = LayeredNetwork([["x", "y"], hidden, ["p"]], **shape).move_to(where)
        net = LayeredNetwork(
            [["x", "y"], hidden, ["p"]], [final.theta1, final.theta2[None, :]], **shape
        ).move_to(where)
        quote = theme.caption(
            "\u201cTaking inspiration from neurons in the brain (or perhaps just driven by",
            "pure masochism), we can ramp up the complexity by stacking another layer.\u201d",
        )
        quote.arrange(DOWN, buff=0.12).to_edge(DOWN, buff=0.35)

        self.play(FadeIn(heading), FadeIn(single))
        self.play(FadeIn(quote))
        self.play(ReplacementTransform(single, plain), run_time=1.6)
        fmt = theme.fmt
        neurons = _hidden_names(k)
        self.beat(
            Note(
                "Taking inspiration from neurons in the brain, or perhaps just driven by pure "
                "masochism, we ramp up the complexity by stacking another layer: x and y feed "
                f"{fmt(k, 0)} hidden {'neuron' if k == 1 else 'neurons'} {neurons}, and "
                f"{'it feeds' if k == 1 else 'those feed'} p.",
                "Before the next slide: how many parameters do you think this network has?",
                narration=(
                    "Taking inspiration from neurons in the brain, or perhaps just driven by "
                    "pure masochism, we can ramp up the complexity by stacking another layer. "
                    f"Now x and y feed {fmt(k, 0)} hidden {'neuron' if k == 1 else 'neurons'}, "
                    f"{_hidden_names(k, spoken=True)}, and "
                    f"{'it feeds' if k == 1 else 'those feed'} the output p."
                ),
            )
        )

        unit = theme.math(
            r"a_i = \sigma\bigl(\theta_{i1}^{(1)} x + \theta_{i2}^{(1)} y + b_i^{(1)}\bigr)",
            size=theme.LABEL_MATH_SIZE,
        )
        count = theme.math(rf"i = 1, \dots, {k}", size=theme.LABEL_MATH_SIZE, color=theme.MUTED)
        out = theme.math(
            rf"p = \sigma\bigl(\theta_1^{{(2)}} a_1 + \dots + \theta_{k}^{{(2)}} a_{k}"
            r" + b^{(2)}\bigr)",
            size=theme.LABEL_MATH_SIZE,
            color=theme.MODEL,
        )
        size = theme.caption(
            f"{len(final.flat())} parameters instead of 3,",
            "all trained by gradient descent",
            size=theme.SMALL_SIZE,
        )
        column = VGroup(unit, count, out, size).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        count.shift(0.6 * RIGHT)
        column.to_edge(RIGHT, buff=0.4).to_edge(UP, buff=1.3)
        self.play(Write(unit), FadeIn(count), FadeOut(quote), run_time=1.4)
        self.play(Write(out), FadeIn(size), run_time=1.2)
        count = len(final.flat())
        self.beat(
            Note(
                "Each hidden neuron is its own little logistic regression, "
                "aᵢ = σ(θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾), and the output combines them: "
                f"p = σ(θ₁⁽²⁾a₁ + … + b⁽²⁾). That makes {fmt(count, 0)} parameters instead "
                "of three, all trained by gradient descent.",
                "Did your guess for the number of parameters match?",
                ints(("hidden neurons", k), ("parameters", count)),
                narration=(
                    "Each hidden neuron is its own little logistic regression: "
                    "aᵢ = σ(θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾), with its own two weights and bias. "
                    "The output p combines them the same way: σ of a weight θ⁽²⁾ times each "
                    "hidden aᵢ, summed, plus the bias b⁽²⁾. How many parameters is that? "
                    f"{fmt(count, 0)}, instead of three, and gradient descent trains them all."
                ),
            )
        )

        legend = self._legend().next_to(column, DOWN, buff=0.5, aligned_edge=LEFT)
        self.play(Transform(plain.edge_group, net.edge_group), FadeIn(legend), run_time=1.6)
        self.beat(
            Note(
                "These are the weights of the trained network: solid edges are positive "
                "weights, dashed ones negative, and the wider the edge, the bigger the weight.",
                "Which hidden neuron listens mostly to x, and which to y?",
                narration=(
                    "These are the weights of the trained network. Solid edges are positive "
                    "weights, dashed ones negative, and the wider the edge, the bigger the "
                    "weight. Which hidden neuron listens mostly to x, and which to y? Compare "
                    "the widths of the two edges coming into each one."
                ),
            )
        )

        path = [plain.edge(0, 0, 0), plain.edge(0, 0, 1), plain.edge(1, 0, 0)]
        where = [net.edge(0, 0, 0), net.edge(0, 0, 1), net.edge(1, 0, 0)]  # the same places
        names = (r"\theta_{11}^{(1)}", r"\theta_{12}^{(1)}", r"\theta_1^{(2)}")
        weights = (final.theta1[0, 0], final.theta1[0, 1], final.theta2[0])
        labels = VGroup(  # the names on the edges, clear of the other edges
            edge_label(where[0], names[0]),
            edge_label(where[1], names[1], -1, 0.5),
            edge_label(where[2], names[2]),
        )
        values = VGroup(  # the values where the legend was
            *(
                theme.math(
                    rf"{name} = {theme.fmt_tex(w)}", size=theme.LABEL_MATH_SIZE, color=theme.MODEL
                )
                for name, w in zip(names, weights, strict=True)
            )
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        values.move_to(legend, UL)
        others = VGroup(*(e for e in plain.edge_group if all(e is not p for p in path)))
        faded = VGroup(*plain.nodes[1][1:])
        self.play(
            others.animate.set_stroke(opacity=0.1),
            faded.animate.set_opacity(0.3),
            *(Indicate(line, color=line.get_color(), scale_factor=1.0) for line in path),
            FadeIn(labels),
            FadeOut(legend),
            FadeIn(values, shift=0.2 * UP),
            run_time=1.4,
        )
        theta11, theta12 = fmt(final.theta1[0, 0]), fmt(final.theta1[0, 1])
        theta1_2 = fmt(final.theta2[0])
        self.beat(
            Note(
                "Now the notation: one path through the network. θ₁₁⁽¹⁾ and θ₁₂⁽¹⁾ weight x and "
                "y into a₁, and θ₁⁽²⁾ weights a₁ into p. Superscript: the layer; subscripts: "
                f"which neuron, from which input. Here θ₁₁⁽¹⁾ = {theta11}, "
                f"θ₁₂⁽¹⁾ = {theta12} and θ₁⁽²⁾ = {theta1_2}.",
                values=(("θ₁₁⁽¹⁾", theta11), ("θ₁₂⁽¹⁾", theta12), ("θ₁⁽²⁾", theta1_2)),
                narration=(
                    "Now the notation, on one path through the network. θ₁₁⁽¹⁾ and θ₁₂⁽¹⁾ "
                    "weight x and y on their way into a₁, and θ₁⁽²⁾ weights a₁ on its way "
                    "into p. The superscript in parentheses is the layer; the subscripts say "
                    f"which neuron, and from which input. Here θ₁₁⁽¹⁾ = {theta11}, "
                    f"θ₁₂⁽¹⁾ = {theta12}, and θ₁⁽²⁾ = {theta1_2}."
                ),
            )
        )

    def _legend(self) -> VGroup:
        """Solid > 0, dashed < 0 (in the MODEL color: a weight is a parameter), width grows
        with |weight|."""
        rows = VGroup()
        for kind, tex in ((Line, r"> 0"), (DashedLine, r"< 0")):
            swatch = kind(LEFT * 0.35, RIGHT * 0.35, color=theme.MODEL, stroke_width=6)
            rows.add(VGroup(swatch, theme.math(r"\text{weight} " + tex, size=theme.BODY_SIZE)))
        for row in rows:
            row.arrange(RIGHT, buff=0.25)
        thin = Line(LEFT * 0.35, RIGHT * 0.35, color=theme.MUTED, stroke_width=2)
        thick = Line(LEFT * 0.35, RIGHT * 0.35, color=theme.MUTED, stroke_width=9)
        width = VGroup(
            VGroup(thin, thick).arrange(DOWN, buff=0.12),
            theme.math(r"\text{width} \propto |\text{weight}|", size=theme.BODY_SIZE),
        )
        rows.add(width.arrange(RIGHT, buff=0.25))
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)


class NetworkResult(LectureScene):
    def construct(self) -> None:
        points, trained = self.values.hopeless_data, self.values.network
        # the best straight line of all (by accuracy, scene 14), not logistic regression's
        steps, line_accuracy = trained.steps, self.values.insights.best_line.accuracy
        heading = theme.heading(self.title)
        axes = plane_axes(points.X, height=5.6).to_edge(LEFT, buff=0.75).to_edge(DOWN, buff=0.5)
        dots = scatter(axes, points)
        # boundaries at steps spread as k = K u^3: dense early, where the network changes fast
        shown = np.unique(np.round(steps * np.linspace(0.0, 1.0, 56) ** 3).astype(int))
        grids = [network_grid(axes, trained.params_at(int(k))) for k in shown]
        frames = [region_pixels(grid) for grid in grids]
        curves = [boundary_curve(axes, grid) for grid in grids]
        regions = region_image(axes, frames[0])
        boundary = curves[0].copy()

        tracker = ValueTracker(0.0)
        title = theme.text(
            "Gradient descent with backpropagation",
            size=theme.SMALL_SIZE + 2,
            color=theme.MUTED,
        )
        setup = theme.math(
            rf"{trained.hidden} \text{{ hidden units}},\quad \eta = {theme.fmt_tex(trained.lr, 2)}",
            size=theme.BODY_SIZE + 2,
        )
        # "step", as in scene 13: one step of full-batch gradient descent (an epoch)
        readout = TrainingReadout(tracker, trained.cost, trained.accuracy, step_name="step")
        curve = cost_curve(trained.cost, tracker, width=4.8, height=1.3)
        column = VGroup(title, setup, readout, curve).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        column.next_to(axes.frame, RIGHT, buff=0.7).to_edge(UP, buff=1.3)
        readout.shift(0.4 * RIGHT)

        self.play(FadeIn(heading), Create(axes), run_time=1.0)
        self.play(LaggedStart(*(FadeIn(d, scale=0.5) for d in dots), lag_ratio=0.01), run_time=1.2)
        self.add(regions, axes, boundary, dots)
        self.play(FadeIn(regions), Create(boundary), FadeIn(title), FadeIn(setup))
        self.play(FadeIn(readout), FadeIn(curve))
        fmt, percent = theme.fmt, theme.percent
        eta, k = fmt(trained.lr, 2), trained.hidden
        cost_0, accuracy_0 = fmt(float(trained.cost[0])), percent(float(trained.accuracy[0]))
        self.beat(
            Note(
                "Training the network on the ring data: gradient descent, with the derivatives "
                f"computed by backpropagation. {fmt(k, 0)} hidden neurons, learning rate {eta}. "
                f"At the random start the cost is {cost_0} and the accuracy {accuracy_0}.",
                values=(
                    *ints(("hidden neurons", k)),
                    ("η", eta),
                    ("cost J", cost_0),
                    ("accuracy", accuracy_0),
                ),
                narration=(
                    "Now we train such a network on the ring data: gradient descent, with the "
                    "derivatives computed by backpropagation, which is where we are headed "
                    f"next. It has {fmt(k, 0)} hidden neurons, and the learning rate is "
                    f"η = {eta}. At the random start, the cost is {cost_0} and the accuracy "
                    f"{accuracy_0}."
                ),
            )
        )

        def index() -> int:
            return int(np.searchsorted(shown, tracker.get_value(), side="right")) - 1

        def swap(image: ImageMobject) -> None:
            show_pixels(image, frames[index()])

        def trace(mob: VMobject) -> None:
            mob.set_points(curves[index()].points)

        regions.add_updater(swap)
        boundary.add_updater(trace)
        # the column's still words overlap nothing: drawn first, they stay in the renderer's
        # still background instead of being redrawn with the moving plane at every frame
        self.bring_to_back(title, setup)
        self.play(tracker.animate.set_value(steps), run_time=10.0, rate_func=lambda t: t**3)
        regions.clear_updaters()
        boundary.clear_updaters()
        cost_n = fmt(float(trained.cost[-1]))
        net, line = percent(float(trained.accuracy[-1])), percent(line_accuracy)
        self.beat(
            Note(
                f"{fmt(steps, 0)} steps of descent: watch the boundary bend around the ring as the cost "
                f"falls to {cost_n}.",
                "What do you think each hidden neuron contributes to this curved boundary? "
                "(Each one is a line; the output combines them.)",
                (*ints(("steps", steps)), ("cost J", cost_n), ("accuracy", net)),
                narration=(
                    f"Here are {fmt(steps, 0)} steps of gradient descent. Watch the boundary bend "
                    f"around the ring as the cost falls to {cost_n}. What does each hidden "
                    "neuron contribute to this curve? Each one draws a line, and the output "
                    "neuron blends those lines into a curved boundary."
                ),
            )
        )

        verdict = VGroup(
            theme.text("network", size=theme.SMALL_SIZE + 2, color=theme.MUTED),
            theme.math(
                theme.percent(float(trained.accuracy[-1])).replace("%", r"\%"),
                size=theme.HEADING_SIZE + 8,
            ),
            theme.text("best line", size=theme.SMALL_SIZE + 2, color=theme.MUTED),
            theme.math(
                theme.percent(line_accuracy).replace("%", r"\%"),
                size=theme.HEADING_SIZE + 8,
                color=theme.COST,
            ),
        ).arrange(RIGHT, buff=0.3)
        verdict.next_to(curve, DOWN, buff=0.45).align_to(column, LEFT)
        box = SurroundingRectangle(readout.accuracy_value, color=theme.TEXT, buff=0.1)
        self.play(Create(box), FadeIn(verdict, shift=0.2 * UP))
        self.beat(
            Note(
                f"The network gets {net} of the points right, where the best line got {line}. "
                "Same four steps as the regression; only the model changed.",
                "What would you need to change to make the network even better, or to use it "
                "on a different problem?",
                (("network accuracy", net), ("best line accuracy", line)),
                narration=(
                    f"The network gets {net} of the points right, where the best line got "
                    f"{line}. It took the same four steps as the regression: data, a model, a "
                    "cost, and gradient descent. Only the model changed."
                ),
            )
        )
        self._hidden_lines(axes, regions, boundary, keep=(heading, axes, dots, regions, boundary))

    def _hidden_lines(
        self,
        axes: VMobject,
        regions: ImageMobject,
        boundary: VMobject,
        keep: tuple,
    ) -> None:
        """What each hidden unit does (mathcore.hidden_lines): its own line a_i = 1/2 over the
        data, an arrow to the side where it fires (a_i > 1/2); then the output, which adds
        them with its weights into the learned boundary."""
        units = self.values.insights.hidden_lines
        k = len(units)
        fmt = theme.fmt
        size = theme.LABEL_MATH_SIZE
        drawn = VGroup()
        for unit in units:
            if unit.segment is None:  # this unit's line misses the data's box
                continue
            start, end = (axes.c2p(*point) for point in unit.segment)
            line = DashedLine(start, end, dash_length=0.14, dashed_ratio=0.6)
            line.set_stroke(theme.TEXT, width=3.5)
            normal = np.array([*unit.normal, 0.0]) / float(np.hypot(*unit.normal))
            middle = (start + end) / 2
            arrow = Arrow(middle, middle + 0.6 * normal, buff=0.0, color=theme.TEXT)
            arrow.set_stroke(width=4)
            label = theme.math(rf"a_{{{unit.unit + 1}}}", size=size, color=theme.TEXT)
            label.add_background_rectangle(color=theme.BACKGROUND, opacity=0.85, buff=0.05)
            drawn.add(VGroup(line, arrow, label))
        _place_line_marks(drawn, axes.frame)
        title = theme.text("Each hidden unit draws a line", color=theme.TEXT)
        rule = theme.math(
            r"a_i = \tfrac12 \iff \theta_{i1}^{(1)}x + \theta_{i2}^{(1)}y + b_i^{(1)} = 0",
            size=size,
        )
        fires = theme.caption(
            "a straight line, since \u03c3(z) = \u00bd exactly at z = 0;",
            "on the arrow's side a\u1d62 > \u00bd: the unit fires there",
        )
        first = VGroup(title, rule, fires).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        first.next_to(axes.frame, RIGHT, buff=0.6).to_edge(UP, buff=1.3)
        self.play(
            *(FadeOut(m) for m in self.mobjects if all(m is not kept for kept in keep)),
            regions.animate.set_opacity(0.25),
            boundary.animate.set_stroke(opacity=0.25),
            FadeIn(title),
        )
        self.play(Write(rule), FadeIn(fires), run_time=1.4)
        self.play(LaggedStart(*(Create(unit) for unit in drawn), lag_ratio=0.5), run_time=3.0)
        self.beat(
            Note(
                "What does each hidden unit do? Unit i says aᵢ = σ(θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾), "
                "and σ is ½ exactly where its input is 0: a straight line, "
                "θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾ = 0. Here are the trained network's "
                f"{fmt(k, 0)} lines, each with an arrow to the side where its unit fires "
                "(aᵢ > ½).",
                "Each unit alone is a logistic regression. Could any one of these lines "
                "separate the classes?",
                ints(("hidden units", k)),
                narration=(
                    "What does each hidden unit do? Unit i computes "
                    "aᵢ = σ(θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾), and σ is one half exactly where its "
                    "input is zero. So each unit draws a straight line over the data, where "
                    "θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾ = zero. Here are the trained network's "
                    f"{fmt(k, 0)} lines. The arrow points to the side where the unit fires, "
                    "aᵢ greater than one half. Each one alone is just a logistic regression."
                ),
            )
        )

        weights = [unit.weight_out for unit in units]
        out = theme.math(
            r"p = \sigma\bigl(\theta_1^{(2)} a_1 + \dots"
            rf" + \theta_{{{k}}}^{{(2)}} a_{{{k}}} + b^{{(2)}}\bigr)",
            size=size,
            color=theme.MODEL,
        )
        values = VGroup(
            *(
                theme.math(
                    rf"\theta_{{{unit.unit + 1}}}^{{(2)}} = {theme.fmt_tex(w)}",
                    size=size,
                    color=theme.MODEL,
                )
                for unit, w in zip(units, weights, strict=True)
            )
        )
        values.arrange_in_grid(cols=2, col_alignments="ll", buff=(0.5, 0.2))
        if all(w < 0 for w in weights):
            lines_text = (
                "Every output weight is negative: a unit that fires",
                "pulls p toward blue. p > \u00bd (orange) only where no",
                "unit fires: inside all the lines, rounded by \u03c3.",
            )
        else:
            lines_text = (
                "A positive weight pulls p toward orange on its",
                "unit's arrow side, a negative one toward blue:",
                "the boundary p = \u00bd is built from the lines.",
            )
        combine = theme.caption(*lines_text, color=theme.TEXT)
        second = VGroup(out, values, combine).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        second.next_to(rule, DOWN, buff=0.45, aligned_edge=LEFT)  # where ``fires`` was
        self.play(FadeOut(fires), Write(out), FadeIn(values, shift=0.2 * UP), run_time=1.4)
        self.bring_to_back(title, rule, out, values)  # still, as above
        self.play(
            regions.animate.set_opacity(1.0),
            boundary.animate.set_stroke(opacity=1.0),
            FadeIn(combine),
            run_time=1.6,
        )
        self.play(Indicate(boundary, color=theme.MODEL, scale_factor=1.0))
        shown = [fmt(w) for w in weights]
        names = [f"θ{theme.subscript(unit.unit + 1)}⁽²⁾" for unit in units]
        all_negative = all(w < 0 for w in weights)
        self.beat(
            Note(
                "The output neuron adds the units up: p = σ(θ₁⁽²⁾a₁ + … + b⁽²⁾), with the "
                f"weights {', '.join(f'{n} = {v}' for n, v in zip(names, shown, strict=True))}. "
                + (
                    "All of them are negative: a unit that fires pulls p toward blue, so p is "
                    "above ½, orange, only where no unit fires, inside all the lines: a "
                    "polygon, its corners rounded by the sigmoids. That is the learned "
                    "boundary."
                    if all_negative
                    else "A positive weight pulls p toward orange on its unit's side, a "
                    "negative one toward blue: the boundary p = ½ is made of the lines."
                ),
                "With three units, what shape could the orange region be? With one?",
                tuple(zip(names, shown, strict=True)),
                narration=(
                    "The output neuron adds the units up, each with its own weight θ⁽²⁾, and "
                    "applies σ once more. "
                    + (
                        f"Here all {fmt(k, 0)} weights are negative: a unit that fires pulls "
                        "p toward blue. "
                        "So p is above one half, orange, only where no unit fires: inside all "
                        "the lines. That is a polygon with its corners rounded by the sigmoids, "
                        "and it is exactly the learned boundary."
                        if all_negative
                        else "A positive weight pulls p toward orange on its unit's side, and a "
                        "negative one toward blue; the boundary, p equals one half, is built "
                        "out of the lines."
                    )
                ),
            )
        )
