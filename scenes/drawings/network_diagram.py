"""A layered network diagram: nodes labelled in LaTeX, edges colored and sized by weight.

``LayeredNetwork(layers, weights)`` draws layer ``l`` as a column of circles; the edge from
node j of layer l to node i of layer l+1 carries ``weights[l][i, j]``: a weight is a model
parameter, so the edge is in the MODEL color (see :mod:`scenes.theme`), solid when positive,
dashed when negative, thicker when larger in size. Scenes pass mathcore's trained parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, Circle, DashedLine, Line, MathTex, VGroup

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
            layer_colors or [theme.DATA] + [theme.TEXT] * (len(layers) - 2) + [theme.MODEL]
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
                    value = None if w is None else float(np.asarray(w)[i, j])
                    ends = (source[0].get_center(), target[0].get_center())
                    if value is not None and value < 0:
                        line = DashedLine(*ends, buff=radius, dash_length=0.13, dashed_ratio=0.6)
                    else:
                        line = Line(*ends, buff=radius)
                    line.set_stroke(theme.MUTED, width=2.5)
                    if value is not None:
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
    """A weight's edge: in the MODEL color (a weight is a parameter of the model; its sign is
    the line's pattern, dashed when negative, set when the line is made), wider and more
    opaque the larger the weight relative to the largest shown."""
    share = abs(value) / largest if largest > 0 else 0.0
    line.set_stroke(color=theme.MODEL, width=1.5 + 7.0 * share, opacity=0.35 + 0.65 * share)
    return line


def edge_label(
    line: Line, tex: str, side: int = 1, at: float = 0.5, size: float = theme.LABEL_MATH_SIZE
) -> MathTex:
    """A formula in the MODEL color (an edge carries a weight) beside the edge's point
    ``at``: on its left (side 1, above a left-to-right edge) or right (side -1), just clear
    of the line."""
    label = MathTex(tex, font_size=size, color=theme.MODEL)
    direction = line.get_unit_vector()
    normal = side * np.array([-direction[1], direction[0], 0.0])
    reach = (abs(normal[0]) * label.width + abs(normal[1]) * label.height) / 2 + 0.1
    start, end = line.get_start(), line.get_end()
    label.move_to(start + at * (end - start) + reach * normal)
    # a plate in the background's color: faded edges behind the label do not cross it
    label.add_background_rectangle(color=theme.BACKGROUND, opacity=0.9, buff=0.05)
    return label
