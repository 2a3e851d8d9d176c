"""Level lines of a function sampled on a grid (a loss landscape), drawn on manim Axes.

:func:`level_lines` traces the curves f = level through a grid of values ``F`` (H, W), row j
at ``ys[j]`` and column i at ``xs[i]`` (as ``numpy.meshgrid(xs, ys)``), by marching squares:
a straight piece across every grid cell whose corners lie on both sides of the level. The
values come from mathcore (e.g. :mod:`mathcore.landscape`); nothing is computed here but
where the drawn curves cross the cells.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Axes, VGroup, VMobject
from manim.constants import CapStyleType

from scenes import theme


def crossings(xs: np.ndarray, ys: np.ndarray, F: np.ndarray, level: float) -> np.ndarray:
    """The pieces (m, 2 ends, 2 coordinates) of the level line ``F = level``."""
    f = np.asarray(F, dtype=float) - level
    gx, gy = np.meshgrid(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    corners = [
        (slice(None, -1), slice(None, -1)),
        (slice(None, -1), slice(1, None)),
        (slice(1, None), slice(1, None)),
        (slice(1, None), slice(None, -1)),
    ]
    points, masks = [], []
    for a, b in zip(corners, [*corners[1:], corners[0]], strict=True):  # cell edges in turn
        va, vb = f[a], f[b]
        cut = (va >= 0) != (vb >= 0)
        t = np.where(cut, va / np.where(cut, va - vb, 1.0), 0.0)
        points.append(np.stack([gx[a] + t * (gx[b] - gx[a]), gy[a] + t * (gy[b] - gy[a])], -1))
        masks.append(cut)
    where = np.stack(points, axis=2)  # (H-1, W-1, 4 edges, 2)
    mask = np.stack(masks, axis=2)
    pieces = []
    for cell in zip(*np.nonzero(mask.sum(axis=2) >= 2), strict=True):
        ends = where[cell][mask[cell]]
        pieces.extend((ends[i], ends[i + 1]) for i in range(0, len(ends) - 1, 2))
    return np.array(pieces).reshape(-1, 2, 2)


def level_lines(
    axes: Axes,
    xs: np.ndarray,
    ys: np.ndarray,
    F: np.ndarray,
    levels: Sequence[float],
    *,
    color: str | None = None,
    width: float = 2.0,
) -> VGroup:
    """One VMobject per level (in the COST color by default: a landscape is a cost), the
    lowest level the most opaque."""
    group = VGroup()
    count = max(len(levels) - 1, 1)
    for rank, level in enumerate(levels):
        pieces = crossings(xs, ys, F, level)
        curve = VMobject(
            stroke_color=color or theme.COST,
            stroke_width=width,
            stroke_opacity=0.95 - 0.55 * rank / count,
            cap_style=CapStyleType.ROUND,
        )
        group.add(drawn_pieces(curve, axes, pieces))
    return group


def drawn_pieces(curve: VMobject, axes: Axes, pieces: np.ndarray) -> VMobject:
    """``curve`` made of the straight ``pieces`` (m, 2 ends, 2 coordinates) on ``axes``."""
    if len(pieces):
        a, b = axes.c2p(pieces[:, 0]), axes.c2p(pieces[:, 1])
        bezier = np.stack([a, a + (b - a) / 3, a + 2 * (b - a) / 3, b], axis=1)
        curve.set_points(bezier.reshape(-1, 3))
    return curve
