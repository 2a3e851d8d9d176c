"""Section 5: the chain rule, backpropagation factor by factor, and the close."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Brace,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    Mobject,
    MoveAlongPath,
    RoundedRectangle,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
    config,
)

from mathcore import char_model
from mathcore.network import BackpropExample
from scenes import theme
from scenes.base import LectureScene
from scenes.drawings.network_diagram import LayeredNetwork
from scenes.intro import TEXT_WIDTH, fit_width, in_words, stack
from scenes.notes import Note, ints


class ChainRule(LectureScene):
    """(f∘g∘h)' as a product of local derivatives along a chain of boxes."""

    def construct(self) -> None:
        head = theme.heading("The Chain Rule")
        self.play(FadeIn(head))

        names = ["x", "h", "g", "f"]
        colors = [theme.DATA, theme.TEXT, theme.TEXT, theme.TEXT]  # x is the input (data)
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
        for part in (rule[2], rule[4], rule[6], leibniz[1], leibniz[3], leibniz[5]):
            part.set_color(theme.GRADIENT)  # derivatives, as on the links above
        formulas = VGroup(rule, leibniz).arrange(DOWN, buff=0.45)
        leibniz.align_to(rule[1], LEFT)
        formulas.next_to(intro, DOWN, buff=0.55)
        self.play(Write(rule), run_time=2.0)
        # the factors are pulled from the links into the product (df/dg from the last link)
        self.play(
            *(
                TransformFromCopy(label, leibniz[part])
                for label, part in zip(local_labels, (5, 3, 1), strict=True)
            ),
            FadeIn(leibniz[0], leibniz[2], leibniz[4]),
            run_time=1.8,
        )
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


#: The lines of the model for one input, in forward order (scene 19's band).
_MODEL_NAMES = ("point", "z1", "a1", "z2", "p", "J")
#: The line of the model each local derivative differentiates.
_SOURCES = {
    "dJ_dp": "J",
    "dp_dz2": "p",
    "dz2_dtheta": "z2",
    "dz2_da1": "z2",
    "da1_dz1": "a1",
    "dz1_dtheta": "z1",
}
_SYMBOLS = {
    "dJ_dp": r"\frac{\partial J}{\partial p}",
    "dp_dz2": r"\frac{\partial p}{\partial z^{(2)}}",
    "dz2_dtheta": r"\frac{\partial z^{(2)}}{\partial \theta_1^{(2)}}",
    "dz2_da1": r"\frac{\partial z^{(2)}}{\partial a_1}",
    "da1_dz1": r"\frac{\partial a_1}{\partial z_1^{(1)}}",
    "dz1_dtheta": r"\frac{\partial z_1^{(1)}}{\partial \theta_{11}^{(1)}}",
}
_RULES = {
    "dJ_dp": r"\frac{p-c}{p(1-p)}",
    "dp_dz2": r"p(1-p)",
    "dz2_dtheta": r"a_1",
    "dz2_da1": r"\theta_1^{(2)}",
    "da1_dz1": r"a_1(1-a_1)",
    "dz1_dtheta": r"x",
}
_FIRST = ("dJ_dp", "dp_dz2", "dz2_dtheta")
_SECOND = ("dJ_dp", "dp_dz2", "dz2_da1", "da1_dz1", "dz1_dtheta")
#: Decimals of the two derivatives and their finite-difference checks.
_RESULT_DIGITS = 4


@dataclass(frozen=True)
class _Shown:
    """Scene 19's numbers as the slides show them, one precision per quantity: x and y as
    the data has them, and p, a₁, θ₁⁽²⁾ with the fewest decimals at which the two products
    on the slides, redone on the digits shown, give the derivatives as shown (``equals`` is
    "=", or "\\approx" if no precision up to 6 decimals does)."""

    x: str
    y: str
    c: str
    a1: str
    theta: str
    p: str
    first: str
    second: str
    first_check: str
    second_check: str
    equals: str

    @classmethod
    def of(cls, ex: BackpropExample) -> _Shown:
        xy_digits = max(theme.decimals_needed(ex.x), theme.decimals_needed(ex.y))
        x = theme.shown(ex.x, xy_digits)

        def reproduces(digits: int) -> bool:
            p, a1, theta = (theme.shown(v, digits) for v in (ex.p, ex.a1, ex.theta1_2))
            first, second = (p - ex.c) * a1, (p - ex.c) * theta * a1 * (1.0 - a1) * x
            return theme.same_shown(first, ex.dJ_dtheta1_2, _RESULT_DIGITS) and theme.same_shown(
                second, ex.dJ_dtheta11_1, _RESULT_DIGITS
            )

        digits = theme.reproducing_digits(reproduces)
        shown = digits or 4

        def fmt(value: float, places: int = shown) -> str:
            return theme.fmt(value, places)

        return cls(
            x=fmt(ex.x, xy_digits),
            y=fmt(ex.y, xy_digits),
            c=fmt(ex.c, 0),
            a1=fmt(ex.a1),
            theta=fmt(ex.theta1_2),
            p=fmt(ex.p),
            first=fmt(ex.dJ_dtheta1_2, _RESULT_DIGITS),
            second=fmt(ex.dJ_dtheta11_1, _RESULT_DIGITS),
            first_check=fmt(ex.fd_dJ_dtheta1_2, _RESULT_DIGITS),
            second_check=fmt(ex.fd_dJ_dtheta11_1, _RESULT_DIGITS),
            equals="=" if digits else r"\approx",
        )


def _tex(number: str) -> str:
    """A number as :class:`_Shown` writes it, for LaTeX (an ASCII minus)."""
    return number.replace(theme.MINUS, "-")


def _model_lines(shown: _Shown, hidden: int) -> list[MathTex]:
    """The model for one input, forward, as scene 19 writes it: the point, z₁⁽¹⁾, a₁ = σ(z₁⁽¹⁾),
    z⁽²⁾ (θ₁⁽²⁾'s term and the other hidden units'), p = σ(z⁽²⁾) and J (one input)."""
    size = theme.LABEL_MATH_SIZE
    if hidden == 1:
        others = ""
    elif hidden == 2:
        others = r" + \theta_2^{(2)} a_2"
    else:
        others = r" + \dots"
    tex = {
        "point": rf"(x,\,y) = ({_tex(shown.x)},\ {_tex(shown.y)}),\quad c = {shown.c}",
        "z1": r"z_1^{(1)} = \theta_{11}^{(1)}\,x + \theta_{12}^{(1)}\,y + b_1^{(1)}",
        "a1": rf"a_1 = \sigma\bigl(z_1^{{(1)}}\bigr) = {_tex(shown.a1)}",
        "z2": (
            rf"z^{{(2)}} = \theta_1^{{(2)}} a_1{others} + b^{{(2)}},\quad"
            rf" \theta_1^{{(2)}} = {_tex(shown.theta)}"
        ),
        "p": rf"p = \sigma\bigl(z^{{(2)}}\bigr) = {_tex(shown.p)}",
        "J": r"J = -\bigl[\,c \ln p + (1 - c)\ln(1 - p)\,\bigr]",
    }
    return [theme.math(tex[name], size=size) for name in _MODEL_NAMES]


class _Derivation(VGroup):
    """One derivative as a row of factors: ``parts[name]`` the factor symbols (and "lhs"),
    ``dots[name]`` the product dot before a factor, ``rules[name]`` its local rule below it
    and ``rule_dots[name]`` the dot before that rule."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, MathTex] = {}
        self.dots: dict[str, MathTex] = {}
        self.rules: dict[str, MathTex] = {}
        self.rule_dots: dict[str, MathTex] = {}


class _Layout:
    """Both derivatives of scene 19 placed below the model: the factors in shared columns
    (the common prefix ∂J/∂p · ∂p/∂z⁽²⁾ in the same place in both rows), each factor's local
    rule under it, the products with their numbers, the checks, the brace on the prefix."""

    def __init__(self, top: float, shown: _Shown) -> None:
        size = theme.LABEL_MATH_SIZE
        gap = 0.5  # between two columns, the product dot in its middle
        symbols = {name: theme.math(tex, size=size) for name, tex in _SYMBOLS.items()}
        rules = {
            name: theme.math(tex, size=size, color=theme.GRADIENT) for name, tex in _RULES.items()
        }
        lhs = {
            "first": theme.math(r"\frac{\partial J}{\partial \theta_1^{(2)}}", "=", size=size),
            "second": theme.math(r"\frac{\partial J}{\partial \theta_{11}^{(1)}}", "=", size=size),
        }
        column_names = (("dJ_dp",), ("dp_dz2",), ("dz2_dtheta", "dz2_da1"), ("da1_dz1",))
        column_names += (("dz1_dtheta",),)
        widths = [
            max(max(symbols[n].width, rules[n].width) for n in names) for names in column_names
        ]
        left = -config.frame_width / 2 + 0.55
        lhs_width = max(m.width for m in lhs.values())
        x = left + lhs_width + 0.3
        centers, dots_x = {}, {}
        for names, width in zip(column_names, widths, strict=True):
            for name in names:
                centers[name] = x + width / 2
                dots_x[name] = x - gap / 2
            x += width + gap
        row_y = {"first": top - 0.5, "second": top - 2.52}
        rule_drop = 1.0
        self.rows: dict[str, _Derivation] = {}
        for row, names in (("first", _FIRST), ("second", _SECOND)):
            derivation = _Derivation()
            y = row_y[row]
            head = lhs[row].copy() if row == "first" else lhs[row]
            head.move_to([left, y, 0], aligned_edge=LEFT)
            derivation.parts["lhs"] = head
            previous = None
            for name in names:
                symbol = symbols[name].copy().move_to([centers[name], y, 0])
                rule = rules[name].copy().move_to([centers[name], y - rule_drop, 0])
                derivation.parts[name] = symbol
                derivation.rules[name] = rule
                if previous is not None:
                    middle = dots_x[name]
                    derivation.dots[name] = theme.math(r"\cdot", size=size).move_to([middle, y, 0])
                    derivation.rule_dots[name] = theme.math(r"\cdot", size=size).move_to(
                        [middle, y - rule_drop, 0]
                    )
                previous = name
            derivation.add(
                head,
                *(derivation.parts[n] for n in names),
                *derivation.dots.values(),
            )
            self.rows[row] = derivation
        first, second = self.rows["first"], self.rows["second"]
        # the second row's prefix is written by the brace, not repeated
        for name in ("dJ_dp", "dp_dz2"):
            second.rules.pop(name)
            second.rule_dots.pop(name, None)
        second.rule_dots.pop("dz2_da1")
        p, c, a1, theta, x_ = (_tex(v) for v in (shown.p, shown.c, shown.a1, shown.theta, shown.x))
        eq = shown.equals
        # the product simplified on the factors' row, the numbers on the local rules' row
        simplified = theme.math(r"= (p - c)\,a_1", size=size)
        simplified.next_to(first.parts["dz2_dtheta"], RIGHT, buff=0.35)
        numbers = theme.math(rf"= ({p} - {c})\cdot {a1}", rf"{eq} {_tex(shown.first)}", size=size)
        numbers[1].set_color(theme.GRADIENT)
        numbers.next_to(first.rules["dz2_dtheta"], RIGHT, buff=0.35)
        self.first_result = VGroup(simplified, numbers)
        self.first_check = _check(shown.first_check, size, r"\theta_1^{(2)}")
        self.first_check.next_to(simplified, RIGHT, buff=0.5)
        self.second_result = theme.math(
            rf"= ({p} - {c})\cdot({theta})\cdot {a1}\cdot(1 - {a1})\cdot {x_}",
            rf"{eq} {_tex(shown.second)}",
            size=size,
        )
        self.second_result[1].set_color(theme.GRADIENT)
        self.second_result.move_to([0, second.parts["lhs"].get_y() - 1.8, 0]).align_to(
            second.parts["dJ_dp"], LEFT
        )
        if self.second_result.get_right()[0] > config.frame_width / 2 - 0.35:  # long numbers
            self.second_result.align_to(second.parts["lhs"], LEFT)
        if self.second_result.get_right()[0] > config.frame_width / 2 - 0.35:
            self.second_result.scale_to_fit_width(config.frame_width - 0.9)  # margins 0.55, 0.35
            self.second_result.align_to(second.parts["lhs"], LEFT)
        self.second_check = _check(shown.second_check, size, r"\theta_{11}^{(1)}", lines=3)
        self.second_check.next_to(second.parts["dz1_dtheta"], RIGHT, buff=0.6)
        self.second_check.align_to(second.parts["dz1_dtheta"], UP)
        prefixes = [
            VGroup(row.parts["dJ_dp"], row.dots["dp_dz2"], row.parts["dp_dz2"])
            for row in (first, second)
        ]
        self.shared = VGroup(
            *(
                SurroundingRectangle(prefix, color=theme.ACCENT, buff=0.08, corner_radius=0.08)
                for prefix in prefixes
            )
        )
        brace = Brace(prefixes[1], DOWN, buff=0.15, color=theme.ACCENT)
        label = theme.math(r"p - c", size=size, color=theme.ACCENT).next_to(brace, DOWN, 0.1)
        label.set_y(second.rules["dz2_da1"].get_y())
        dot = theme.math(r"\cdot", size=size).move_to([dots_x["dz2_da1"], label.get_y(), 0])
        self.shared_brace = VGroup(brace, label, dot)
        self.approx = None
        if eq != "=":
            self.approx = theme.text(
                "≈: the numbers shown are rounded", size=theme.SMALL_SIZE, color=theme.MUTED
            ).next_to(self.second_result, DOWN, buff=0.2, aligned_edge=LEFT)


def _check(value: str, size: float, parameter: str, *, lines: int = 2) -> VGroup:
    """The check beside a derivative: the finite difference in ``parameter`` (TeX: the
    change of J when the parameter is nudged by ±h, over 2h) ≈ ``value``, on 2 or 3 lines."""
    if lines == 2:
        words = VGroup(
            theme.math(rf"\text{{finite difference in }} {parameter}", size=size, color=theme.MUTED)
        )
    else:
        words = VGroup(
            theme.math(r"\text{finite difference}", size=size, color=theme.MUTED),
            theme.math(rf"\text{{in }} {parameter}", size=size, color=theme.MUTED),
        )
    number = theme.math(rf"\approx {_tex(value)}", size=size, color=theme.GRADIENT)
    return VGroup(*words, number).arrange(DOWN, aligned_edge=LEFT, buff=0.12)


class Backpropagation(LectureScene):
    """∂J/∂θ₁⁽²⁾ and ∂J/∂θ₁₁⁽¹⁾ for one real training point of the trained network: the
    model written out (J, p = σ(z⁽²⁾), z⁽²⁾, a₁ = σ(z₁⁽¹⁾), z₁⁽¹⁾), each derivative built
    factor by factor from it, both kept on screen with their shared prefix braced, evaluated
    with digits that reproduce the result, and checked against finite differences."""

    def construct(self) -> None:
        ex, trained = self.values.backprop, self.values.network
        shown = _Shown.of(ex)
        head = theme.heading("Backpropagation: the chain rule, one input")
        model = _model_lines(shown, trained.hidden)
        lines = dict(zip(_MODEL_NAMES, model, strict=True))
        band = VGroup(VGroup(*model[:3]), VGroup(*model[3:]))
        for column in band:
            column.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        band.arrange(RIGHT, aligned_edge=UP, buff=0.9).next_to(head, DOWN, buff=0.3)
        diagram = LayeredNetwork(
            [["x", "y"], [f"a_{{{i + 1}}}" for i in range(trained.hidden)], ["p"]],
            [trained.final.theta1, trained.final.theta2[None, :]],
            layer_gap=2.6,
            node_gap=0.78,
            radius=0.32,
            max_width=7.0,
        )
        room = band.get_bottom()[1] - 0.5 + config.frame_height / 2 - 0.4
        if diagram.height > room:
            diagram.scale_to_fit_height(room)
        diagram.next_to(band, DOWN, buff=0.5)
        unit = ex.unit
        a1_node, p_node = diagram.nodes[1][unit], diagram.nodes[2][0]
        path = [diagram.edge(0, unit, 0), diagram.edge(0, unit, 1), diagram.edge(1, 0, unit)]

        self.play(FadeIn(head))
        self.play(FadeIn(diagram), FadeIn(lines["point"]))
        followed = VGroup(*(self._highlight(part) for part in path))
        self.play(Create(followed), run_time=0.8)
        self.beat(
            Note(
                "Wouldn't it be fun to work out ∂J/∂θ₁⁽²⁾ and ∂J/∂θ₁₁⁽¹⁾? For one input: this "
                f"training point, (x, y) = ({shown.x}, {shown.y}) with label c = {shown.c}, in "
                "the trained network. We follow one path: from x into the hidden neuron a₁, "
                "and from a₁ into p.",
                "Which color is this point? What should the network say for it?",
                (("x", shown.x), ("y", shown.y), ("c", shown.c)),
                narration=(
                    "Wouldn't it be fun to work out two of these derivatives by hand? We take "
                    f"one training point, (x, y) = ({shown.x}, {shown.y}), with label "
                    f"c = {shown.c}, and the trained network. We follow one path through it: "
                    "from x into the first hidden neuron, a₁, and from a₁ into the output p."
                ),
            )
        )

        glows = {"z1": path[:2], "a1": [a1_node], "z2": [path[2]], "p": [p_node], "J": [p_node]}
        self.play(FadeOut(followed), run_time=0.4)
        for name, parts in glows.items():
            glow = VGroup(*(self._highlight(part) for part in parts))
            self.play(FadeIn(lines[name], shift=0.15 * DOWN), Create(glow), run_time=0.8)
            self.play(FadeOut(glow), run_time=0.4)
        self.beat(
            Note(
                "The forward pass, written as the model for this one input: "
                "z₁⁽¹⁾ = θ₁₁⁽¹⁾x + θ₁₂⁽¹⁾y + b₁⁽¹⁾, then a₁ = σ(z₁⁽¹⁾) = "
                f"{shown.a1}; z⁽²⁾ = θ₁⁽²⁾a₁ + … + b⁽²⁾ with θ₁⁽²⁾ = {shown.theta}, then "
                f"p = σ(z⁽²⁾) = {shown.p}; and the cost of this one input, "
                "J = −[c ln p + (1 − c) ln(1 − p)], with its minus sign.",
                "Is the network right about this point? How sure is it?",
                (("a₁", shown.a1), ("θ₁⁽²⁾", shown.theta), ("p", shown.p)),
                narration=(
                    "First the forward pass: the model, written out for this one input. "
                    "z₁⁽¹⁾ = θ₁₁⁽¹⁾x + θ₁₂⁽¹⁾y + b₁⁽¹⁾, and the hidden neuron's output is "
                    f"a₁ = σ(z₁⁽¹⁾) = {shown.a1}. Then z⁽²⁾ adds up θ₁⁽²⁾a₁, the other hidden "
                    f"neurons' terms and a bias; here θ₁⁽²⁾ = {shown.theta}. The output is "
                    f"p = σ(z⁽²⁾) = {shown.p}. Last, the cost of this one input: "
                    "J = −[c ln p + (one − c) ln(one − p)], with its minus sign. Every derivative "
                    "we take now is the derivative of one of these lines."
                ),
            )
        )

        layout = _Layout(band.get_bottom()[1] - 0.3, shown)
        first, second = layout.rows["first"], layout.rows["second"]
        self.play(FadeOut(diagram))
        self._build(first, lines)
        self.beat(
            Note(
                "First, the output weight. Follow the path from J back to θ₁⁽²⁾: "
                "∂J/∂θ₁⁽²⁾ = ∂J/∂p · ∂p/∂z⁽²⁾ · ∂z⁽²⁾/∂θ₁⁽²⁾, and each factor is the "
                "derivative of one line of the model: (p − c)/(p(1 − p)), then p(1 − p), "
                "then a₁.",
                "Which factors cancel when we multiply?",
                narration=(
                    "First, the output weight θ₁⁽²⁾. Follow the path from J back to it: "
                    "∂J/∂θ₁⁽²⁾ = ∂J/∂p · ∂p/∂z⁽²⁾ · ∂z⁽²⁾/∂θ₁⁽²⁾. Each factor is the "
                    "derivative of one line of the model. From J, ∂J/∂p = (p − c)/(p(one − p)). "
                    "From p = σ(z⁽²⁾), ∂p/∂z⁽²⁾ = p(one − p), the sigmoid's derivative. From "
                    "z⁽²⁾, ∂z⁽²⁾/∂θ₁⁽²⁾ = a₁. Which factors cancel when we multiply?"
                ),
            )
        )

        self.play(Write(layout.first_result), run_time=1.4)
        self.play(FadeIn(layout.first_check, shift=0.15 * UP))
        self.beat(
            Note(
                "Multiply: p(1 − p) cancels, leaving (p − c)·a₁ = "
                f"({shown.p} − {shown.c})·{shown.a1} = {shown.first}. A finite difference, "
                f"nudging θ₁⁽²⁾ a tiny bit and watching J, gives {shown.first_check}: the "
                "chain rule is right.",
                values=(
                    ("p", shown.p),
                    ("a₁", shown.a1),
                    ("∂J/∂θ₁⁽²⁾", shown.first),
                    ("finite difference", shown.first_check),
                ),
                narration=(
                    "Multiply them: p(one − p) cancels, leaving p − c, times a₁. With the "
                    f"numbers, ({shown.p} − {shown.c}) times {shown.a1} is {shown.first}. A "
                    "check: nudge θ₁⁽²⁾ a tiny bit either way and watch J change. That finite "
                    f"difference gives {shown.first_check}: the chain rule is right."
                ),
            )
        )

        self.play(
            TransformFromCopy(first.parts["dJ_dp"], second.parts["dJ_dp"]),
            TransformFromCopy(first.dots["dp_dz2"], second.dots["dp_dz2"]),
            TransformFromCopy(first.parts["dp_dz2"], second.parts["dp_dz2"]),
            FadeIn(second.parts["lhs"]),
            run_time=1.2,
        )
        self.play(Create(layout.shared), FadeIn(layout.shared_brace), run_time=1.0)
        self._build(second, lines, start="dz2_da1")
        self.beat(
            Note(
                "Now a weight one layer deeper, θ₁₁⁽¹⁾: the path is two links longer, through "
                "a₁ and z₁⁽¹⁾. Its first two factors are the ones we already multiplied: "
                "∂J/∂p · ∂p/∂z⁽²⁾ = p − c. Backpropagation keeps that product and reuses it "
                "instead of starting over: that is why it is fast. The new factors are θ₁⁽²⁾, "
                "a₁(1 − a₁) and x.",
                "Which factors have we already computed? What are the new local rules?",
                narration=(
                    "Now a weight one layer deeper, θ₁₁⁽¹⁾. The path back from J is two links "
                    "longer: through a₁, and through z₁⁽¹⁾. Look at the boxes: its first two "
                    "factors are exactly the ones we already multiplied, ∂J/∂p · ∂p/∂z⁽²⁾, "
                    "which is p − c. Backpropagation keeps that product and reuses it instead "
                    "of starting over; that is why it is fast. The new factors: from z⁽²⁾, "
                    "∂z⁽²⁾/∂a₁ = θ₁⁽²⁾; from a₁ = σ(z₁⁽¹⁾), a₁(one − a₁); and from z₁⁽¹⁾, "
                    "∂z₁⁽¹⁾/∂θ₁₁⁽¹⁾ = x."
                ),
            )
        )

        extra = [FadeIn(layout.approx)] if layout.approx is not None else []
        self.play(Write(layout.second_result), *extra, run_time=1.6)
        self.play(FadeIn(layout.second_check, shift=0.15 * UP))
        self.beat(
            Note(
                f"The numbers: (p − c)·θ₁⁽²⁾·a₁(1 − a₁)·x = ({shown.p} − {shown.c})·"
                f"({shown.theta})·{shown.a1}·(1 − {shown.a1})·{shown.x} = {shown.second}, "
                f"and the finite difference agrees: {shown.second_check}. One more note on "
                "signs: the talk used J = c ln p + (1 − c) ln(1 − p), but these derivatives "
                "belong to the negative log-likelihood, the cost gradient descent actually "
                "minimizes.",
                "How many such products would a network with a million weights need? (One per "
                "weight, and backpropagation shares the common factors.)",
                (
                    ("θ₁⁽²⁾", shown.theta),
                    ("x", shown.x),
                    ("∂J/∂θ₁₁⁽¹⁾", shown.second),
                    ("finite difference", shown.second_check),
                ),
                narration=(
                    "The numbers: p − c, times θ₁⁽²⁾, times a₁(one − a₁), times x. That is "
                    f"({shown.p} − {shown.c}) times {shown.theta}, times {shown.a1}, times "
                    f"(one − {shown.a1}), times {shown.x}: {shown.second}. The finite difference "
                    f"agrees: {shown.second_check}. One note on signs: the talk wrote "
                    "J = c ln p + (one − c) ln(one − p), but these derivatives belong to its "
                    "negative, the cost gradient descent actually minimizes."
                ),
            )
        )
        self._flow(head, lines, diagram, path, a1_node, p_node, shown)

    def _flow(
        self,
        head: Mobject,
        lines: dict[str, Mobject],
        diagram: LayeredNetwork,
        path: list[Mobject],
        a1_node: Mobject,
        p_node: Mobject,
        shown: _Shown,
    ) -> None:
        """Backpropagation as a flow on the diagram: δ = p − c computed once at the output,
        then carried backwards along the lit path, each edge's gradient its target's δ times
        its input, and δ turned into δ₁ at a₁ by the local derivatives on the way."""
        keep = [head, *lines.values()]
        self.play(*(FadeOut(m) for m in self.mobjects if all(m is not k for k in keep)))
        band = VGroup(*lines.values())
        diagram.scale(0.85).next_to(band, DOWN, buff=0.6).to_edge(LEFT, buff=0.4)
        size = theme.LABEL_MATH_SIZE
        rows = VGroup(
            theme.math(r"\delta = p - c", size=size, color=theme.ACCENT),
            theme.math(
                r"\frac{\partial J}{\partial \theta_1^{(2)}} = \delta\,a_1",
                rf"= {_tex(shown.first)}",
                size=size,
            ),
            theme.math(
                r"\delta_1 = \delta\,\theta_1^{(2)}\,a_1(1 - a_1)", size=size, color=theme.ACCENT
            ),
            theme.math(
                r"\frac{\partial J}{\partial \theta_{11}^{(1)}} = \delta_1\,x",
                rf"= {_tex(shown.second)}",
                size=size,
            ),
        )
        for row in (rows[1], rows[3]):
            row[1].set_color(theme.GRADIENT)
        asides = VGroup(
            theme.text("once, at the output", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("δ times the edge's input", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("δ carried back one layer", size=theme.SMALL_SIZE, color=theme.MUTED),
            theme.text("δ₁ times the edge's input", size=theme.SMALL_SIZE, color=theme.MUTED),
        )
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.next_to(diagram, RIGHT, buff=0.5).align_to(band.get_bottom() + 0.35 * DOWN, UP)
        for aside, row in zip(asides, rows, strict=True):  # one column, right of the rows
            aside.next_to(rows, RIGHT, buff=0.35).set_y(row.get_y())
        table = VGroup(*(VGroup(row, aside) for row, aside in zip(rows, asides, strict=True)))
        lit = VGroup(*(self._highlight(part) for part in path)).set_stroke(opacity=0.45)
        delta = theme.math(r"\delta", size=size, color=theme.ACCENT).next_to(p_node, UP, 0.1)
        delta_1 = theme.math(r"\delta_1", size=size, color=theme.ACCENT)
        delta_1.next_to(a1_node, UP, buff=0.1)
        for label in (delta, delta_1):
            label.add_background_rectangle(color=theme.BACKGROUND, opacity=0.85, buff=0.05)
        pulse = Dot(p_node.get_center(), radius=0.11, color=theme.ACCENT)
        back_out = Line(p_node.get_center(), a1_node.get_center())
        back_in = Line(a1_node.get_center(), path[0].get_start())
        self.play(FadeIn(diagram), Create(lit), run_time=1.0)
        self.play(FadeIn(delta), FadeIn(table[0], shift=0.2 * LEFT), FadeIn(pulse))
        self.play(
            MoveAlongPath(pulse, back_out),
            path[2].animate.set_stroke(theme.GRADIENT),
            FadeIn(table[1], shift=0.2 * LEFT),
            run_time=1.6,
        )
        self.play(FadeIn(delta_1), FadeIn(table[2], shift=0.2 * LEFT), run_time=1.0)
        self.play(
            MoveAlongPath(pulse, back_in),
            path[0].animate.set_stroke(theme.GRADIENT),
            FadeIn(table[3], shift=0.2 * LEFT),
            run_time=1.6,
        )
        self.play(FadeOut(pulse), Indicate(rows[0], color=theme.ACCENT))
        self.beat(
            Note(
                "The same two derivatives as a flow on the network. Backpropagation computes "
                "δ = p − c once, at the output, and carries it backwards: the edge into p gets "
                "δ times its input, ∂J/∂θ₁⁽²⁾ = δ·a₁; passing back through θ₁⁽²⁾ and the "
                "sigmoid at a₁ turns δ into δ₁ = δ·θ₁⁽²⁾·a₁(1 − a₁); and the edge into a₁ gets "
                f"δ₁ times its input, ∂J/∂θ₁₁⁽¹⁾ = δ₁·x. The same numbers: {shown.first} and "
                f"{shown.second}. Every weight's gradient is the δ of the neuron it feeds, times "
                "what flows in along it: the (p − c)·input of logistic regression, one layer at "
                "a time.",
                "With a third layer, what would δ₁ be multiplied by to reach the next one back?",
                (("∂J/∂θ₁⁽²⁾", shown.first), ("∂J/∂θ₁₁⁽¹⁾", shown.second)),
                narration=(
                    "Here are the same two derivatives as a flow on the network. "
                    "Backpropagation computes δ = p − c once, at the output, and carries it "
                    "backwards along the path. The edge into p gets δ times its input: "
                    f"∂J/∂θ₁⁽²⁾ = δ a₁, which is {shown.first}. Passing back through the "
                    "weight θ₁⁽²⁾ and the sigmoid at a₁, δ becomes δ₁ = δ θ₁⁽²⁾ a₁(one − a₁). And "
                    "the edge into a₁ gets δ₁ times its input: ∂J/∂θ₁₁⁽¹⁾ = δ₁ x, which is "
                    f"{shown.second}. Every weight's gradient is the δ of the neuron it feeds, "
                    "times what flows in along it."
                ),
            )
        )

    def _build(self, row: _Derivation, lines: dict[str, Mobject], start: str = "") -> None:
        """Write the derivative ``row`` from its factor ``start`` on (from its left-hand side
        if none), each factor with a glow on the line of the model it differentiates, then
        its local rule below it."""
        names = [n for n in row.parts if n != "lhs"]
        if not start:
            self.play(Write(row.parts["lhs"]))
        for name in names[names.index(start) if start else 0 :]:
            glow = SurroundingRectangle(lines[_SOURCES[name]], color=theme.ACCENT, buff=0.08)
            joiner = [FadeIn(row.dots[name])] if name in row.dots else []
            self.play(Write(row.parts[name]), *joiner, Create(glow), run_time=0.8)
            rule = [FadeIn(row.rules[name], shift=0.15 * DOWN)] if name in row.rules else []
            rule += [FadeIn(row.rule_dots[name])] if name in row.rule_dots else []
            self.play(*rule, FadeOut(glow), run_time=0.6)

    @staticmethod
    def _highlight(part: Mobject) -> Mobject:
        """A glowing copy of an edge, or a ring around a node."""
        if isinstance(part, Line):
            start, end = part.get_start(), part.get_end()
            return Line(start, end, color=theme.ACCENT, stroke_width=9)
        ring = Circle(radius=part.width / 2 + 0.1, color=theme.ACCENT, stroke_width=5)
        return ring.move_to(part)


class ThankYou(LectureScene):
    """The close, as the talk has it: networks of any depth and width, architectures made for
    vision and for language; then terms written by our own character network ("now you know
    how this was made", closing the Balderdash loop); then thanks, and the road we travelled."""

    def construct(self) -> None:
        self._any_network()
        self._how_this_was_made()
        self.play(*(FadeOut(m) for m in self.mobjects))  # none when only counted
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
        if who.width > TEXT_WIDTH:  # long names: the speaker above the club
            who = theme.caption(self.talk.speaker, self.talk.club)
            for line in who:
                fit_width(line).set_x(0)
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

    def _any_network(self) -> None:
        """The talk's closing paragraph: any number of layers and neurons per layer, and
        architectures made for vision and for language, all trained the same way."""
        trained = self.values.network
        heading = theme.heading("Networks of any shape")
        ours = LayeredNetwork(
            [["x", "y"], [r"\sigma"] * trained.hidden, ["p"]],
            layer_gap=1.5,
            node_gap=0.7,
            radius=0.26,
        )
        deeper = LayeredNetwork(  # an illustration: more layers, and wider ones
            [["x", "y"], *([r"\sigma"] * width for width in (6, 6, 5, 3)), ["p"]],
            layer_gap=1.05,
            node_gap=0.6,
            radius=0.23,
        )
        for net in (ours, deeper):
            net.edge_group.set_stroke(opacity=0.5)
            net.move_to([-3.9, -0.3, 0])
        ours_caption = theme.caption(
            f"ours: one hidden layer of {theme.fmt(trained.hidden, 0)} neurons"
        ).next_to(deeper, DOWN, buff=0.3, aligned_edge=LEFT)
        deeper_caption = theme.caption("in general: any number of layers and widths")
        deeper_caption.next_to(ours_caption, DOWN, buff=0.15, aligned_edge=LEFT)
        quote = theme.caption(
            "\u201cNeural networks are generally unwieldy,",
            "but nowadays people have tamed them pretty well.\u201d",
            color=theme.TEXT,
        ).next_to(heading, DOWN, buff=0.35)
        points = VGroup(
            theme.text("any number of layers", color=theme.TEXT),
            theme.text("any number of neurons per layer", color=theme.TEXT),
            theme.text("architectures made for the data:", color=theme.TEXT),
            theme.text("vision: convolutional networks", size=theme.SMALL_SIZE + 2),
            theme.text("language: recurrent networks, transformers", size=theme.SMALL_SIZE + 2),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        points[3:].shift(0.4 * RIGHT)
        same = theme.caption(
            "all trained the same way: gradient descent,",
            "with the derivatives from backpropagation",
            color=theme.GRADIENT,
        )
        column = VGroup(points, same).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        column.to_edge(RIGHT, buff=0.4).set_y(deeper.get_y())
        self.play(FadeIn(heading), FadeIn(quote))
        self.play(FadeIn(ours), FadeIn(ours_caption))
        self.play(
            # one diagram after the other: a morph tangles the nodes on the way
            LaggedStart(FadeOut(ours), FadeIn(deeper), lag_ratio=1.0),
            FadeIn(deeper_caption, shift=0.1 * DOWN),
            FadeIn(points[:2], shift=0.2 * LEFT),
            run_time=1.6,
        )
        self.play(FadeIn(points[2:], shift=0.2 * LEFT))
        self.play(FadeIn(same, shift=0.2 * UP))
        k = theme.fmt(trained.hidden, 0)
        self.beat(
            Note(
                "As the talk put it: neural networks are generally unwieldy, but nowadays people "
                f"have tamed them pretty well. Ours had one hidden layer of {k} neurons; in "
                "general a network can have any number of layers and any number of neurons per "
                "layer, and there are specialty architectures made for computer vision "
                "(convolutional networks) and for language (recurrent networks, transformers).",
                "What would you change in our network to make it see pictures instead of "
                "points? (Many more inputs, one per pixel, and layers that look at patches.)",
                ints(("hidden neurons", trained.hidden)),
                narration=(
                    "Neural networks are generally unwieldy, but nowadays people have tamed "
                    f"them pretty well. Ours had one hidden layer of {k} neurons. In general, a "
                    "network can have any number of layers, and any number of neurons in "
                    "each. There are also specialty architectures, made for the data they "
                    "read: convolutional networks for computer vision, recurrent networks and "
                    "transformers for language. And every one of them is trained the way we "
                    "trained ours: gradient descent, with the derivatives computed by "
                    "backpropagation."
                ),
            )
        )
        self.play(*(FadeOut(m) for m in self.mobjects))  # none when only counted

    def _how_this_was_made(self) -> None:
        """Terms written by our own character-level network (mathcore.char_model, trained
        by our backpropagation on the shipped list of real terms): the Balderdash quiz, made
        here, with the four steps of the lecture beside it."""
        model = self.values.insights.terms_model
        written = list(self.values.insights.new_terms.terms[:6])
        listed = len(char_model.load_term_list(self.values.settings.terms_list).terms)
        heading = theme.heading("Now you know how this was made")
        intro = theme.text(
            "New terms, written by a network we trained ourselves:",
            size=theme.SMALL_SIZE + 2,
            color=theme.FAKE,
        ).next_to(heading, DOWN, buff=0.35)
        terms = VGroup(*(theme.text(term, size=theme.BODY_SIZE) for term in written))
        half = (len(terms) + 1) // 2
        columns = VGroup(stack(terms[:half], pitch=0.55), stack(terms[half:], pitch=0.55))
        columns.arrange(RIGHT, buff=1.2, aligned_edge=UP).next_to(intro, DOWN, buff=0.4)
        fmt = theme.fmt
        n, hidden, steps = fmt(listed, 0), fmt(model.hidden, 0), fmt(model.steps, 0)
        context_size, letters = fmt(char_model.CONTEXT, 0), fmt(model.vocab.size, 0)
        first, last = fmt(float(model.loss[0])), fmt(float(model.loss[-1]))
        recipe = (
            ("DATA", f"{n} real math terms, one a line"),
            ("MODEL", f"next character from the {context_size} before it: {hidden} hidden units,"),
            ("MODEL", f"a softmax over {letters} characters (p for each one)"),
            ("COST", f"J = \u2212ln p of the right character: {first} \u2192 {last}"),
            ("GRADIENT", f"{steps} steps of gradient descent, by backpropagation"),
        )
        badges = (1, 2, None, 3, 4)  # the model's description takes two lines
        rows = VGroup()
        for badge, (role, words) in zip(badges, recipe, strict=True):
            row = VGroup(theme.text(words, size=theme.SMALL_SIZE + 2))
            if badge is not None:
                color = theme.role(role)
                number = theme.fmt(badge, 0)
                row.add(theme.text(number, size=theme.SMALL_SIZE + 2, color=color, weight="BOLD"))
            rows.add(row)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        for row in rows:  # each badge in a column left of the words
            if len(row) > 1:
                row[1].next_to(row[0], LEFT, buff=0.3)
        panel = VGroup(
            theme.text(
                "How: the lecture's four steps", size=theme.SMALL_SIZE + 2, color=theme.MUTED
            ),
            rows,
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        panel.next_to(columns, DOWN, buff=0.6).set_x(0)
        self.play(FadeIn(heading), FadeIn(intro))
        self.play(
            LaggedStart(*(FadeIn(t, shift=0.15 * UP) for c in columns for t in c), lag_ratio=0.25),
            run_time=3.0,
        )
        self.play(LaggedStart(*(FadeIn(r, shift=0.2 * RIGHT) for r in panel), lag_ratio=0.5))
        self.beat(
            Note(
                "Remember AI Balderdash? Now you know how this was made. We trained a small "
                f"character-level network ourselves, with the lecture's four steps: {n} real "
                f"math terms as data; a model that reads the {context_size} characters before "
                f"and gives a probability to each of {letters} possible next ones ({hidden} "
                f"hidden units, a softmax output); the cost −ln p of the right character, "
                f"which fell from {first} to {last}; and {steps} steps of gradient descent, "
                "the gradients by our own backpropagation. The softmax's gradient is p − 1 "
                "for the right character, p for the others: the same p − c as before. It "
                f"wrote these: {in_words(written)}. None is in its list.",
                "Which of these would have fooled you in the quiz? Which sound most like "
                "mathematics, and why?",
                (
                    ("real terms it read", n),
                    ("hidden units", hidden),
                    ("cost J at the start", first),
                    ("cost J at the end", last),
                    ("steps", steps),
                ),
                narration=(
                    "Remember AI Balderdash, at the start? Now you know how this was made. "
                    "We trained a small network ourselves, with the four steps of this "
                    f"lecture. The data: {n} real math terms. The model reads the "
                    f"{context_size} characters so far and gives each possible next character "
                    f"a probability. The cost is minus the log of the right character's "
                    f"probability; it fell from {first} to {last}. And {steps} steps of "
                    "gradient descent, with our own backpropagation. Then it wrote these, a "
                    f"letter at a time: {in_words(written[:3])}, and more. None of them is in "
                    "its list. Would they have fooled you?"
                ),
            )
        )
