"""What each hidden unit of the network does: its own line, where it says "one half".

For hidden unit i with weights theta1_i = (theta1_i1, theta1_i2) and bias b1_i
(:mod:`mathcore.network`),

    a_i = sigma(theta1_i . (x, y) + b1_i) = 1/2   <=>   theta1_i . (x, y) + b1_i = 0,

since sigma(z) = 1/2 exactly at z = 0. So each unit splits the plane by a straight line
with normal theta1_i: a_i > 1/2 on the side the normal points to, a_i < 1/2 on the other,
changing fastest across the line (a_i' = sigma'(z) |theta1_i| there, steepest for long
normals). The output p = sigma(sum_i theta2_i a_i + b2) adds these half-planes, unit i
weighted by theta2_i (a positive weight votes for class 1 on the normal's side), and the
learned boundary p = 1/2 is a curve made of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.logistic import line_in_box
from mathcore.network import NetworkParams

Segment = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class HiddenLine:
    """Hidden unit ``unit``'s line theta1_i . (x, y) + b1_i = 0: ``normal`` = theta1_i (2,)
    (a_i > 1/2 on the side it points to), ``offset`` = b1_i, its output weight
    ``weight_out`` = theta2_i, and ``segment``, the line's two end points on the edges of the
    box it was clipped to (None when the line misses the box)."""

    unit: int
    normal: np.ndarray
    offset: float
    weight_out: float
    segment: Segment | None


def bounding_box(X: np.ndarray, margin: float = 0.0) -> tuple[tuple[float, float], ...]:
    """((x_min - margin, x_max + margin), (y_min - margin, y_max + margin)) of points X (n, 2)."""
    X = np.asarray(X, dtype=float)
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    return (float(low[0]), float(high[0])), (float(low[1]), float(high[1]))


def hidden_unit_lines(
    params: NetworkParams, xlim: tuple[float, float], ylim: tuple[float, float]
) -> tuple[HiddenLine, ...]:
    """Each hidden unit's line a_i = 1/2, clipped to the box xlim x ylim, in unit order."""
    return tuple(
        HiddenLine(
            unit=i,
            normal=np.array(params.theta1[i], dtype=float),
            offset=float(params.b1[i]),
            weight_out=float(params.theta2[i]),
            segment=line_in_box(
                np.array([params.theta1[i, 0], params.theta1[i, 1], params.b1[i]]), xlim, ylim
            ),
        )
        for i in range(params.hidden)
    )
