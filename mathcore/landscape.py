"""The loss landscape of logistic regression: J over the (m1, m2) plane, with a descent path.

J(m1, m2, b) = -(1/n) sum_i [c_i ln p_i + (1 - c_i) ln(1 - p_i)], p_i = sigma(m1 x_i + m2 y_i + b)
(:mod:`mathcore.logistic`) has three parameters; a contour plot has room for two. Two honest
pictures of it:

* a slice, b held fixed (:func:`slice_landscape`): the contours of J(m1, m2, b*) for one b*,
  usually where the descent ends. The path's own points have their own b_k, so its height
  J(m1_k, m2_k, b_k) is not the contour value under it; both are given (``path_J`` and
  ``path_J_slice``), and they meet where b_k = b*.

* the profile, nothing held fixed (:func:`profile_landscape`): at each (m1, m2) the lowest J
  over every b,  J*(m1, m2) = min_b J(m1, m2, b). Then J(m1_k, m2_k, b_k) >= J*(m1_k, m2_k)
  at every step: the path runs on or above the drawn surface, touching it where its b_k is
  the best b for its slope, and the surface's minimum is J's minimum. For fixed (m1, m2),
  dJ/db = (1/n) sum (p_i - c_i) rises with b (d2J/db2 = (1/n) sum p_i (1 - p_i) > 0) from
  -mean(c) to 1 - mean(c), so the best b is its one root, found by bisection.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.activation import cross_entropy_from_logit, sigmoid
from mathcore.errors import LectureInputError


@dataclass(frozen=True)
class LossLandscape:
    """J on the grid ``m1`` (W,) by ``m2`` (H,): ``J`` (H, W), row j at m2[j], column i at
    m1[i] (as ``numpy.meshgrid(m1, m2)``), with ``b`` (H, W) the b each value is taken at:
    one number everywhere for a slice (``b_fixed``), the best b at each point for the
    profile (``b_fixed`` None). The descent path: ``path_m1``, ``path_m2``, ``path_b``
    (K+1,), its true cost ``path_J`` = J(m1_k, m2_k, b_k) and ``path_J_slice``, the
    landscape's own value at (m1_k, m2_k) (the height of the drawn surface under step k)."""

    m1: np.ndarray
    m2: np.ndarray
    J: np.ndarray
    b: np.ndarray
    b_fixed: float | None
    path_m1: np.ndarray
    path_m2: np.ndarray
    path_b: np.ndarray
    path_J: np.ndarray
    path_J_slice: np.ndarray


def cost_surface(
    X: np.ndarray, c: np.ndarray, m1: np.ndarray, m2: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """J(m1, m2, b) at equal-shaped arrays of parameters (any shape S), returned shape S."""
    m1, m2, b = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (m1, m2, b)))
    z = m1.reshape(-1, 1) * X[None, :, 0] + m2.reshape(-1, 1) * X[None, :, 1] + b.reshape(-1, 1)
    return np.mean(cross_entropy_from_logit(z, c[None, :]), axis=1).reshape(m1.shape)


def best_offset(
    X: np.ndarray, c: np.ndarray, m1: np.ndarray, m2: np.ndarray, iterations: int = 60
) -> np.ndarray:
    """argmin_b J(m1, m2, b) at each (m1, m2) (equal-shaped arrays): the root of the rising
    dJ/db = mean(sigma(w . x_i + b) - c_i), by bisection between brackets that hold it."""
    m1, m2 = np.broadcast_arrays(np.asarray(m1, dtype=float), np.asarray(m2, dtype=float))
    w_x = m1.reshape(-1, 1) * X[None, :, 0] + m2.reshape(-1, 1) * X[None, :, 1]  # (G, n)
    share = float(np.mean(c))
    if not 0.0 < share < 1.0:
        raise LectureInputError(
            "both classes are needed: with one class J has no lowest b. Fix: label some "
            "points 0 and some 1"
        )
    # at b = -max(w.x) - L every p < sigma(-L), so dJ/db < 0 once sigma(-L) < mean(c); at
    # b = -min(w.x) + L every p > sigma(L), so dJ/db > 0 once sigma(L) > mean(c)
    margin = abs(np.log(share / (1.0 - share))) + 1.0
    low = -w_x.max(axis=1) - margin
    high = -w_x.min(axis=1) + margin
    for _ in range(iterations):
        mid = 0.5 * (low + high)
        rising = np.mean(sigmoid(w_x + mid[:, None]), axis=1) - share > 0.0
        high = np.where(rising, mid, high)
        low = np.where(rising, low, mid)
    return (0.5 * (low + high)).reshape(m1.shape)


def _landscape(
    X: np.ndarray,
    c: np.ndarray,
    path: np.ndarray,
    m1: np.ndarray,
    m2: np.ndarray,
    b_fixed: float | None,
) -> LossLandscape:
    X, c = np.asarray(X, dtype=float), np.asarray(c, dtype=float)
    path = np.asarray(path, dtype=float)
    m1, m2 = np.asarray(m1, dtype=float), np.asarray(m2, dtype=float)
    g1, g2 = np.meshgrid(m1, m2)
    if b_fixed is None:
        b = best_offset(X, c, g1, g2)
        path_b_surface = best_offset(X, c, path[:, 0], path[:, 1])
    else:
        b = np.full(g1.shape, float(b_fixed))
        path_b_surface = np.full(len(path), float(b_fixed))
    return LossLandscape(
        m1=m1,
        m2=m2,
        J=cost_surface(X, c, g1, g2, b),
        b=b,
        b_fixed=None if b_fixed is None else float(b_fixed),
        path_m1=path[:, 0].copy(),
        path_m2=path[:, 1].copy(),
        path_b=path[:, 2].copy(),
        path_J=cost_surface(X, c, path[:, 0], path[:, 1], path[:, 2]),
        path_J_slice=cost_surface(X, c, path[:, 0], path[:, 1], path_b_surface),
    )


def slice_landscape(
    X: np.ndarray,
    c: np.ndarray,
    path: np.ndarray,
    m1: np.ndarray,
    m2: np.ndarray,
    b: float | None = None,
) -> LossLandscape:
    """J(m1, m2, b*) on the grid m1 (W,) x m2 (H,) with b* = ``b``, by default the b where
    the descent ``path`` (K+1, 3) of [m1, m2, b] rows ends; and the path on it."""
    return _landscape(X, c, path, m1, m2, float(path[-1, 2]) if b is None else float(b))


def profile_landscape(
    X: np.ndarray, c: np.ndarray, path: np.ndarray, m1: np.ndarray, m2: np.ndarray
) -> LossLandscape:
    """min over b of J(m1, m2, b) on the grid m1 (W,) x m2 (H,); and the path above it."""
    return _landscape(X, c, path, m1, m2, None)


def grid_around(
    path: np.ndarray, size: int = 41, margin: float = 0.25
) -> tuple[np.ndarray, np.ndarray]:
    """Grid axes m1, m2 (``size`` each) covering the path's (m1, m2), widened by ``margin``
    of its extent on every side (at least 1 unit wide, so a short path still has a view)."""
    path = np.asarray(path, dtype=float)
    axes = []
    for column in (0, 1):
        low, high = float(path[:, column].min()), float(path[:, column].max())
        extent = max(high - low, 1.0)
        middle = 0.5 * (low + high)
        half = 0.5 * extent + margin * extent
        axes.append(np.linspace(middle - half, middle + half, size))
    return axes[0], axes[1]
