"""Section 5: the chain rule, backpropagation factor by factor, and the close."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    RoundedRectangle,
    SurroundingRectangle,
    VGroup,
    Write,
)

from mathcore.network import BackpropExample
from scenes import theme
from scenes.base import LectureScene
from scenes.drawings.network_diagram import LayeredNetwork
from scenes.notes import Note


class ChainRule(LectureScene):
    """(f∘g∘h)' as a product of local derivatives along a chain of boxes."""

    def construct(self) -> None:
        head = theme.heading("The Chain Rule")
        self.play(FadeIn(head))

        names = ["x", "h", "g", "f"]
        colors = [theme.DATA, theme.GRADIENT, theme.ACCENT, theme.MODEL]
        boxes = VGroup(
            *(
                VGroup(
                    RoundedRectangle(width=1.3, height=1.0, corner_radius=0.15, color=color),
                    theme.math(name, color=color),
                )
                for name, color in zip(names, colors, strict=True)
            )
        ).arrange(RIGHT, buff=1.7)
        boxes.next_to(head, DOWN, buff=0.7)
        arrows = VGroup(
            *(
                Arrow(a.get_right(), b.get_left(), buff=0.12, color=theme.MUTED)
                for a, b in itertools.pairwise(boxes)
            )
        )
        local = [r"\frac{dh}{dx}", r"\frac{dg}{dh}", r"\frac{df}{dg}"]
        local_labels = VGroup(
            *(
                theme.math(tex, size=32, color=theme.GRADIENT).next_to(arrow, UP, buff=0.12)
                for tex, arrow in zip(local, arrows, strict=True)
            )
        )
        self.play(FadeIn(boxes[0]))
        for arrow, box in zip(arrows, boxes[1:], strict=True):
            self.play(Create(arrow), FadeIn(box), run_time=0.6)
        intro = theme.text(
            "If f, g and h are differentiable, each link has its own derivative:",
            size=theme.SMALL_SIZE,
            color=theme.MUTED,
        ).next_to(boxes, DOWN, buff=0.5)
        self.play(FadeIn(intro), Write(local_labels))
        self.beat(
            Note(
                "To train a network, gradient descent needs the derivative of the cost with "
                "respect to every weight. The tool is the chain rule. If f, g and h are all "
                "differentiable, each link in the chain has its own derivative.",
                "Warm-up: what is the derivative of sin(x²)? Which part is g, which is h?",
                narration=(
                    "To train a network, gradient descent needs the derivative of the cost "
                    "with respect to every weight. The tool is the chain rule from calculus. "
                    "Picture a chain: x goes into h, h into g, and g into f. If f, g and h are "
                    "all differentiable, each link has its own derivative: dh/dx, dg/dh and "
                    "df/dg. A warm-up: what is the derivative of sin(x²)? The outer function "
                    "is sine and the inner one is x², so it is cos(x²) times two x."
                ),
            )
        )

        rule = theme.math(
            r"(f\circ g\circ h)'(x)",
            "=",
            r"f'(g(h(x)))",
            r"\cdot",
            r"g'(h(x))",
            r"\cdot",
            r"h'(x)",
            size=44,
        )
        leibniz = theme.math(
            "=", r"\frac{df}{dg}", r"\cdot", r"\frac{dg}{dh}", r"\cdot", r"\frac{dh}{dx}", size=44
        )
        for part, color in (
            (rule[2], theme.MODEL),
            (rule[4], theme.ACCENT),
            (rule[6], theme.GRADIENT),
        ):
            part.set_color(color)
        for part, color in (
            (leibniz[1], theme.MODEL),
            (leibniz[3], theme.ACCENT),
            (leibniz[5], theme.GRADIENT),
        ):
            part.set_color(color)
        formulas = VGroup(rule, leibniz).arrange(DOWN, buff=0.45)
        leibniz.align_to(rule[1], LEFT)
        formulas.next_to(intro, DOWN, buff=0.55)
        self.play(Write(rule), run_time=2.0)
        self.play(Write(leibniz), run_time=1.5)
        moral = theme.text(
            "Multiply the local derivatives along the path: that is backpropagation.",
            size=theme.SMALL_SIZE,
            color=theme.ACCENT,
        ).next_to(formulas, DOWN, buff=0.5)
        self.play(FadeIn(moral, shift=UP * 0.2))
        self.beat(
            Note(
                "The derivative of f∘g∘h is f′(g(h(x)))·g′(h(x))·h′(x), or in Leibniz notation "
                "df/dg · dg/dh · dh/dx. Multiply the local derivatives along the path: that is "
                "all backpropagation is.",
                narration=(
                    "Then the derivative of f∘g∘h is f′(g(h(x))) times g′(h(x)) times h′(x): "
                    "each function's derivative, taken at the point the chain feeds it. In "
                    "Leibniz notation, it is df/dg times dg/dh times dh/dx. Multiply the local "
                    "derivatives along the path: that is all backpropagation is."
                ),
            )
        )


class _Factor:
    """One column of the factor table: its symbol, local formula, value, and the diagram
    part it comes from."""

    def __init__(self, symbol: str, formula: str, value: float, part: Mobject) -> None:
        self.symbol = symbol
        self.formula = formula
        self.value = value
        self.part = part


class Backpropagation(LectureScene):
    """∂J/∂θ₁⁽²⁾ and ∂J/∂θ₁₁⁽¹⁾ built factor by factor on the trained network, evaluated at
    one real training point and checked against finite differences."""

    def construct(self) -> None:
        ex = self.values.backprop
        net = self.values.network.final
        head = theme.heading("Backpropagation: the chain rule, one input")
        self.play(FadeIn(head))

        diagram = LayeredNetwork(
            [["x", "y"], [f"a_{{{i + 1}}}" for i in range(net.hidden)], ["p"]],
            [net.theta1, net.theta2[None, :]],
            layer_gap=2.1,
            node_gap=0.62,
            radius=0.24,
            max_width=4.6,
        )
        example = self._example_card(ex)
        top = VGroup(diagram, example).arrange(RIGHT, buff=0.9).next_to(head, DOWN, buff=0.3)
        self.play(FadeIn(diagram), FadeIn(example))
        fmt = theme.fmt
        self.beat(
            Note(
                "Wouldn't it be fun to work out ∂J/∂θ₁⁽²⁾ and ∂J/∂θ₁₁⁽¹⁾? For one input: this "
                f"training point, (x, y) = ({fmt(ex.x, 2)}, {fmt(ex.y, 2)}) with label "
                f"c = {fmt(ex.c, 0)}, in the trained network. The forward pass gives "
                f"a₁ = {fmt(ex.a1)}, and with θ₁⁽²⁾ = {fmt(ex.theta1_2)} the output is "
                f"p = {fmt(ex.p)}.",
                "Is the network right about this point? How sure is it?",
                (
                    ("x", fmt(ex.x, 2)),
                    ("y", fmt(ex.y, 2)),
                    ("c", fmt(ex.c, 0)),
                    ("a₁", fmt(ex.a1)),
                    ("θ₁⁽²⁾", fmt(ex.theta1_2)),
                    ("p", fmt(ex.p)),
                ),
                narration=(
                    "Wouldn't it be fun to work out the derivatives ∂J/∂θ₁⁽²⁾ and ∂J/∂θ₁₁⁽¹⁾? "
                    "We will do it for one input: this training point, "
                    f"(x, y) = ({fmt(ex.x, 2)}, {fmt(ex.y, 2)}), with label c = {fmt(ex.c, 0)}, "
                    f"in the trained network. The forward pass gives a₁ = {fmt(ex.a1)}, and "
                    f"with θ₁⁽²⁾ = {fmt(ex.theta1_2)} the output is p = {fmt(ex.p)}. Is the "
                    "network right about this point? Compare p with c: the further apart "
                    "they are, the larger the cost, and the derivatives say how each weight "
                    "should move to bring them together."
                ),
            )
        )

        unit = ex.unit
        a1_node = diagram.nodes[1][unit]
        p_node = diagram.nodes[2][0]
        out_edge = diagram.edge(1, 0, unit)
        in_edge = diagram.edge(0, unit, 0)

        first = [
            _Factor(r"\frac{\partial J}{\partial p}", r"\frac{p-c}{p(1-p)}", ex.dJ_dp, p_node),
            _Factor(r"\frac{\partial p}{\partial z^{(2)}}", r"p(1-p)", ex.dp_dz2, p_node),
            _Factor(
                r"\frac{\partial z^{(2)}}{\partial \theta_1^{(2)}}",
                r"a_1",
                ex.dz2_dtheta1_2,
                out_edge,
            ),
        ]
        outer = (("∂J/∂p", fmt(ex.dJ_dp)), ("∂p/∂z⁽²⁾", fmt(ex.dp_dz2)))
        table = self._derive(
            r"\frac{\partial J}{\partial \theta_1^{(2)}}",
            first,
            simplified=r"(p-c)\,a_1",
            value=ex.dJ_dtheta1_2,
            check=ex.fd_dJ_dtheta1_2,
            anchor=top,
            note=Note(
                "First, the output weight. Follow the path from J back to θ₁⁽²⁾: "
                "∂J/∂θ₁⁽²⁾ = ∂J/∂p · ∂p/∂z⁽²⁾ · ∂z⁽²⁾/∂θ₁⁽²⁾, and each local rule is easy: "
                "(p − c)/(p(1 − p)), then p(1 − p), then a₁.",
                "Which factors cancel when we multiply?",
                narration=(
                    "First, the output weight. Follow the path from J back to θ₁⁽²⁾: "
                    "∂J/∂θ₁⁽²⁾ = ∂J/∂p times ∂p/∂z⁽²⁾ times ∂z⁽²⁾/∂θ₁⁽²⁾. Each factor has an "
                    "easy local rule: ∂J/∂p is (p − c) over p(one − p); ∂p/∂z⁽²⁾ is the "
                    "sigmoid's derivative, p(one − p); and ∂z⁽²⁾/∂θ₁⁽²⁾ is just a₁. Which "
                    "factors cancel when we multiply? The p(one − p) under the first factor "
                    "cancels the whole second one."
                ),
            ),
        )
        self.beat(
            Note(
                "Put the numbers in: the p(1 − p) cancels, leaving (p − c)·a₁ = "
                f"{fmt(ex.dJ_dtheta1_2, 4)}. A finite difference, nudging θ₁⁽²⁾ a tiny bit and "
                f"watching J, gives {fmt(ex.fd_dJ_dtheta1_2, 4)}: the chain rule is right.",
                values=(
                    *outer,
                    ("∂z⁽²⁾/∂θ₁⁽²⁾ = a₁", fmt(ex.dz2_dtheta1_2)),
                    ("∂J/∂θ₁⁽²⁾", fmt(ex.dJ_dtheta1_2, 4)),
                    ("finite difference", fmt(ex.fd_dJ_dtheta1_2, 4)),
                ),
                narration=(
                    f"Now the values: {fmt(ex.dJ_dp)}, {fmt(ex.dp_dz2)} and "
                    f"{fmt(ex.dz2_dtheta1_2)}. The p(one − p) cancels, leaving "
                    f"(p − c)·a₁ = {fmt(ex.dJ_dtheta1_2, 4)}. As a check, a finite "
                    "difference, nudging θ₁⁽²⁾ a tiny bit each way and watching J, gives "
                    f"{fmt(ex.fd_dJ_dtheta1_2, 4)}: the chain rule is right."
                ),
            )
        )
        self.play(FadeOut(table))

        second = [
            _Factor(r"\frac{\partial J}{\partial p}", r"\frac{p-c}{p(1-p)}", ex.dJ_dp, p_node),
            _Factor(r"\frac{\partial p}{\partial z^{(2)}}", r"p(1-p)", ex.dp_dz2, p_node),
            _Factor(
                r"\frac{\partial z^{(2)}}{\partial a_1}", r"\theta_1^{(2)}", ex.dz2_da1, out_edge
            ),
            _Factor(r"\frac{\partial a_1}{\partial z_1^{(1)}}", r"a_1(1-a_1)", ex.da1_dz1, a1_node),
            _Factor(
                r"\frac{\partial z_1^{(1)}}{\partial \theta_{11}^{(1)}}",
                "x",
                ex.dz1_dtheta11,
                in_edge,
            ),
        ]
        self._derive(
            r"\frac{\partial J}{\partial \theta_{11}^{(1)}}",
            second,
            simplified=r"(p-c)\,\theta_1^{(2)}\,a_1(1-a_1)\,x",
            value=ex.dJ_dtheta11_1,
            check=ex.fd_dJ_dtheta11_1,
            anchor=top,
            note=Note(
                "Now a weight one layer deeper, θ₁₁⁽¹⁾: the path is two links longer, through "
                "a₁ and z₁⁽¹⁾. The first two factors are the ones we already computed: "
                "backpropagation reuses them instead of starting over. That is why it is fast.",
                "Which factors have we already computed? What are the new local rules?",
                narration=(
                    "Now a weight one layer deeper, θ₁₁⁽¹⁾. The path is two links longer: "
                    "from z⁽²⁾ back to a₁, through z₁⁽¹⁾, and along the edge to θ₁₁⁽¹⁾. The "
                    "first two factors are the ones we already computed; backpropagation "
                    "reuses them instead of starting over, and that is why it is fast. The "
                    "new local rules: ∂z⁽²⁾/∂a₁ is the weight θ₁⁽²⁾, ∂a₁/∂z₁⁽¹⁾ is the "
                    "sigmoid's derivative a₁(one − a₁), and ∂z₁⁽¹⁾/∂θ₁₁⁽¹⁾ is the input x."
                ),
            ),
        )
        self.beat(
            Note(
                "The numbers: (p − c)·θ₁⁽²⁾·a₁(1 − a₁)·x = "
                f"{fmt(ex.dJ_dtheta11_1, 4)}, and the finite difference agrees: "
                f"{fmt(ex.fd_dJ_dtheta11_1, 4)}. One more note on signs: the talk used "
                "J = c ln p + (1 − c) ln(1 − p), but these derivatives belong to the negative "
                "log-likelihood, the cost gradient descent actually minimizes.",
                "How many such products would a network with a million weights need? (One per "
                "weight, and backpropagation shares the common factors.)",
                (
                    *outer,
                    ("∂z⁽²⁾/∂a₁ = θ₁⁽²⁾", fmt(ex.dz2_da1)),
                    ("∂a₁/∂z₁⁽¹⁾", fmt(ex.da1_dz1)),
                    ("∂z₁⁽¹⁾/∂θ₁₁⁽¹⁾ = x", fmt(ex.dz1_dtheta11)),
                    ("∂J/∂θ₁₁⁽¹⁾", fmt(ex.dJ_dtheta11_1, 4)),
                    ("finite difference", fmt(ex.fd_dJ_dtheta11_1, 4)),
                ),
                narration=(
                    f"The values: {fmt(ex.dJ_dp)}, {fmt(ex.dp_dz2)}, {fmt(ex.dz2_da1)}, "
                    f"{fmt(ex.da1_dz1)} and {fmt(ex.dz1_dtheta11)}. Their product, "
                    "(p − c)·θ₁⁽²⁾·a₁(one − a₁)·x, is "
                    f"{fmt(ex.dJ_dtheta11_1, 4)}, and the finite difference agrees: "
                    f"{fmt(ex.fd_dJ_dtheta11_1, 4)}. How many such products would a network "
                    "with a million weights need? One per weight, and backpropagation shares "
                    "their common factors, from the output back."
                ),
            )
        )

    def _example_card(self, ex: BackpropExample) -> VGroup:
        """The chosen training point and the forward-pass values the factors use."""
        rows = [
            (r"(x,\,y)", rf"({theme.fmt_tex(ex.x, 2)},\ {theme.fmt_tex(ex.y, 2)})"),
            ("c", theme.fmt_tex(ex.c, 0)),
            (r"a_1", theme.fmt_tex(ex.a1)),
            (r"\theta_1^{(2)}", theme.fmt_tex(ex.theta1_2)),
            ("p", theme.fmt_tex(ex.p)),
        ]
        cells = [theme.math(k, "=", v, size=30) for k, v in rows]
        lines = VGroup(
            VGroup(*cells[:2]).arrange(DOWN, aligned_edge=LEFT, buff=0.18),
            VGroup(*cells[2:]).arrange(DOWN, aligned_edge=LEFT, buff=0.18),
        ).arrange(RIGHT, aligned_edge=UP, buff=0.7)
        title = theme.text("one training point", size=theme.TINY_SIZE, color=theme.MUTED)
        card = VGroup(title, lines).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        box = SurroundingRectangle(card, buff=0.2, corner_radius=0.1, color=theme.MUTED)
        box.set_fill(theme.PANEL, opacity=1.0).set_stroke(width=1)
        return VGroup(box, card)

    def _derive(
        self,
        lhs: str,
        factors: Sequence[_Factor],
        *,
        simplified: str,
        value: float,
        check: float,
        anchor: Mobject,
        note: Note,
    ) -> VGroup:
        """Write the derivative as a row of factors, highlight each factor's part of the
        network and its local formula (a slide, whose speaker note is ``note``), then the
        values, the product and the check."""
        symbols = VGroup(*(theme.math(f.symbol, size=34) for f in factors))
        formulas = VGroup(*(theme.math(f.formula, size=32, color=theme.GRADIENT) for f in factors))
        numbers = VGroup(
            *(theme.math(theme.fmt_tex(f.value), size=30, color=theme.MODEL) for f in factors)
        )
        column = 0.45 + max(
            max(s.width, f.width, n.width)
            for s, f, n in zip(symbols, formulas, numbers, strict=True)
        )
        lhs_tex = theme.math(lhs, "=", size=34)
        x0 = lhs_tex.get_right()[0] + 0.25 + column / 2
        row_y = [lhs_tex.get_y(), lhs_tex.get_y() - 0.95, lhs_tex.get_y() - 1.65]
        rows = (symbols, formulas, numbers)
        dots = [VGroup(), VGroup(), VGroup()]  # the product dots of each row
        for i in range(len(factors)):
            x = x0 + i * column
            for row, y, row_dots in zip(rows, row_y, dots, strict=True):
                row[i].move_to([x, y, 0])
                if i:
                    row_dots.add(theme.math(r"\cdot", size=34).move_to([x - column / 2, y, 0]))
        row_labels = VGroup(
            theme.text("local rule", size=theme.TINY_SIZE, color=theme.MUTED),
            theme.text("value", size=theme.TINY_SIZE, color=theme.MUTED),
        )
        row_labels[0].move_to([lhs_tex.get_x(), row_y[1], 0])
        row_labels[1].move_to([lhs_tex.get_x(), row_y[2], 0])
        result = theme.math("=", simplified, "=", theme.fmt_tex(value, 4), size=34)
        result[3].set_color(theme.MODEL)
        result.next_to(numbers, DOWN, buff=0.45)
        result.shift((lhs_tex[1].get_x() - result[0].get_x()) * RIGHT)
        fd = theme.math(
            r"\text{check: }\ \tfrac{J(\theta+h)-J(\theta-h)}{2h}",
            r"\approx",
            theme.fmt_tex(check, 4),
            size=30,
            color=theme.MUTED,
        )
        fd[2].set_color(theme.GRADIENT)
        fd.next_to(result, RIGHT, buff=0.9)
        table = VGroup(lhs_tex, *rows, *dots, row_labels, result, fd)
        table.next_to(anchor, DOWN, buff=0.35).set_x(0)

        self.play(Write(lhs_tex))
        for i, factor in enumerate(factors):
            glow = self._highlight(factor.part)
            joiner = [FadeIn(dots[0][i - 1])] if i else []
            self.play(Write(symbols[i]), *joiner, Create(glow), run_time=0.8)
            self.play(FadeIn(formulas[i], shift=DOWN * 0.15), FadeOut(glow), run_time=0.6)
        self.play(FadeIn(row_labels[0]), FadeIn(dots[1]))
        self.beat(note)

        self.play(
            FadeIn(row_labels[1]),
            FadeIn(dots[2]),
            *(FadeIn(n, shift=DOWN * 0.15) for n in numbers),
            run_time=1.2,
        )
        self.play(Write(result), run_time=1.2)
        self.play(FadeIn(fd, shift=UP * 0.15))
        return table

    @staticmethod
    def _highlight(part: Mobject) -> Mobject:
        """A glowing copy of an edge, or a ring around a node."""
        if isinstance(part, Line):
            return part.copy().set_stroke(color=theme.ACCENT, width=9, opacity=1.0)
        ring = Circle(radius=part.width / 2 + 0.1, color=theme.ACCENT, stroke_width=5)
        return ring.move_to(part)


class ThankYou(LectureScene):
    """The close: thanks, and the road we travelled."""

    def construct(self) -> None:
        thanks = theme.text("Thank you!", size=theme.TITLE_SIZE * 1.3, weight="BOLD")
        road = theme.text(
            "data  \u2192  model  \u2192  cost  \u2192  gradient descent  \u2192  chain rule",
            size=theme.BODY_SIZE,
            color=theme.MUTED,
        )
        who = theme.text(
            f"{self.talk.speaker}  \u00b7  {self.talk.club}",
            size=theme.SMALL_SIZE,
            color=theme.MUTED,
        )
        VGroup(thanks, road, who).arrange(DOWN, buff=0.6)
        self.play(Write(thanks), run_time=1.5)
        self.play(FadeIn(road, shift=UP * 0.2), FadeIn(who))
        self.beat(
            Note(
                "Thank you! The road we travelled: data, a model, a cost, gradient descent, and "
                "the chain rule to compute the gradients. The network that wrote the Balderdash "
                "terms is the same idea, with many more layers and weights.",
                "Questions? And: what would you like to teach a network to do?",
                narration=(
                    "Thank you! The road we travelled: data, a model, a cost, gradient "
                    "descent, and the chain rule to compute the gradients. The network that "
                    "wrote the Balderdash terms is the same idea, with many more layers and "
                    "weights. What would you like to teach a network to do? Whatever it is, "
                    "you now know the steps."
                ),
            )
        )
