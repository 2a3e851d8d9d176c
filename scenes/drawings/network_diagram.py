"""A layered network diagram: nodes labelled in LaTeX, edges colored and sized by weight.

``LayeredNetwork(layers, weights)`` draws layer ``l`` as a column of circles; the edge from
node j of layer l to node i of layer l+1 carries ``weights[l][i, j]``: orange when positive,
blue when negative, thicker when larger in size. Scenes pass mathcore's trained parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, Circle, Line, MathTex, VGroup

from scenes import theme


class LayeredNetwork(VGroup):
    """Columns of nodes joined by weighted edges.

    ``layers``: TeX labels per layer, e.g. [["x", "y"], ["a_1", "a_2"], ["p"]].
    ``weights``: per gap between layers, an array of shape (len(next), len(prev)) or None
    (plain gray edges).
    Access: ``nodes[l][i]`` (a Circle with its label), ``edges[l][i, j]`` (a Line).
    """

    def __init__(
        self,
        layers: Sequence[Sequence[str]],
        weights: Sequence[np.ndarray | None] | None = None,
        *,
        layer_gap: float = 3.2,
        node_gap: float = 1.1,
        radius: float = 0.36,
        layer_colors: Sequence[str] | None = None,
        max_width: float = 9.0,
    ) -> None:
        super().__init__()
        weights = list(weights) if weights is not None else [None] * (len(layers) - 1)
        colors = list(
            layer_colors or [theme.DATA] + [theme.ACCENT] * (len(layers) - 2) + [theme.MODEL]
        )
        self.nodes: list[list[VGroup]] = []
        for layer, labels in enumerate(layers):
            column = []
            for i, label in enumerate(labels):
                circle = Circle(radius=radius, color=colors[layer], stroke_width=3)
                circle.set_fill(theme.BACKGROUND, opacity=1.0)
                tex = MathTex(label, font_size=theme.MATH_SIZE * 0.8, color=theme.TEXT)
                if tex.width > 1.6 * radius:
                    tex.scale_to_fit_width(1.6 * radius)
                node = VGroup(circle, tex)
                x = (layer - (len(layers) - 1) / 2) * layer_gap
                y = ((len(labels) - 1) / 2 - i) * node_gap
                node.move_to([x, y, 0])
                column.append(node)
            self.nodes.append(column)
        largest = max((float(np.max(np.abs(w))) for w in weights if w is not None), default=1.0)
        self.edges: list[dict[tuple[int, int], Line]] = []
        edge_group = VGroup()
        for layer, w in enumerate(weights):
            gap: dict[tuple[int, int], Line] = {}
            for i, target in enumerate(self.nodes[layer + 1]):
                for j, source in enumerate(self.nodes[layer]):
                    line = Line(
                        source[0].get_center(),
                        target[0].get_center(),
                        buff=radius,
                        stroke_width=2.5,
                        color=theme.MUTED,
                    )
                    if w is not None:
                        value = float(np.asarray(w)[i, j])
                        style_edge(line, value, largest)
                    gap[(i, j)] = line
                    edge_group.add(line)
            self.edges.append(gap)
        self.edge_group = edge_group
        self.node_group = VGroup(*(node for column in self.nodes for node in column))
        self.add(edge_group, self.node_group)
        if self.width > max_width:
            self.scale_to_fit_width(max_width)

    def edge(self, layer: int, i: int, j: int) -> Line:
        """The edge from node j of ``layer`` to node i of ``layer + 1``."""
        return self.edges[layer][(i, j)]

    def side_label(self, layer: int, i: int, tex: str, *, size: float = 26) -> MathTex:
        """A label beside node i of ``layer`` (to its right), e.g. a bias."""
        node = self.nodes[layer][i]
        label = MathTex(tex, font_size=size, color=theme.MUTED)
        label.next_to(node, RIGHT if layer < len(self.nodes) - 1 else DOWN, buff=0.12)
        return label

    def input_side(self) -> np.ndarray:
        return self.get_edge_center(LEFT)


def style_edge(line: Line, value: float, largest: float) -> Line:
    """Color by sign, width by size relative to the largest weight shown."""
    share = abs(value) / largest if largest > 0 else 0.0
    line.set_stroke(
        color=theme.POSITIVE_WEIGHT if value >= 0 else theme.NEGATIVE_WEIGHT,
        width=1.5 + 7.0 * share,
        opacity=0.35 + 0.65 * share,
    )
    return line


def edge_label(line: Line, tex: str, side: int = 1, at: float = 0.5) -> MathTex:
    """A formula in the edge's color beside the edge's point ``at``: on its left (side 1,
    above a left-to-right edge) or right (side -1), just clear of the line."""
    label = MathTex(tex, font_size=theme.BODY_SIZE, color=line.get_color())
    direction = line.get_unit_vector()
    normal = side * np.array([-direction[1], direction[0], 0.0])
    reach = (abs(normal[0]) * label.width + abs(normal[1]) * label.height) / 2 + 0.1
    label.move_to(line.point_from_proportion(at) + reach * normal)
    label.set_stroke(theme.BACKGROUND, width=6, background=True)
    return label
