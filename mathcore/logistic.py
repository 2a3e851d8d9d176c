"""Logistic regression in the plane: p = sigma(m1 x + m2 y + b), trained by gradient descent.

Shapes: ``X`` is (n, 2) with columns x, y; ``c`` is (n,) with classes 0/1; ``params`` is
(3,) = [m1, m2, b]. The cost minimized is the mean negative log-likelihood

    J(m1, m2, b) = -(1/n) sum_i [c_i ln p_i + (1 - c_i) ln(1 - p_i)]

(the log of the likelihood prod_i p_i^{c_i} (1 - p_i)^{1 - c_i}, negated and averaged), whose
gradient is

    dJ/dm1 = (1/n) sum (p_i - c_i) x_i,  dJ/dm2 = (1/n) sum (p_i - c_i) y_i,
    dJ/db  = (1/n) sum (p_i - c_i).

The model predicts class 1 where p >= 1/2, i.e. on the side m1 x + m2 y + b >= 0 of the
decision line m1 x + m2 y + b = 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.activation import cross_entropy_from_logit, sigmoid
from mathcore.errors import ParameterError


@dataclass(frozen=True)
class LogisticFit:
    """Full-batch gradient descent: ``params`` (K+1, 3) rows [m1, m2, b]; ``cost`` and
    ``accuracy`` (K+1,) per step, step 0 being the start."""

    lr: float
    params: np.ndarray
    cost: np.ndarray
    accuracy: np.ndarray

    @property
    def m1(self) -> float:
        return float(self.params[-1, 0])

    @property
    def m2(self) -> float:
        return float(self.params[-1, 1])

    @property
    def b(self) -> float:
        return float(self.params[-1, 2])


def _design(X: np.ndarray) -> np.ndarray:
    """[x, y, 1] rows, shape (n, 3)."""
    return np.column_stack([X, np.ones(len(X))])


def logit(params: np.ndarray, X: np.ndarray) -> np.ndarray:
    """z = m1 x + m2 y + b for each row of X, shape (n,)."""
    return _design(X) @ np.asarray(params, dtype=float)


def predict_proba(params: np.ndarray, X: np.ndarray) -> np.ndarray:
    """p = sigma(m1 x + m2 y + b), shape (n,)."""
    return sigmoid(logit(params, X))


def cost(params: np.ndarray, X: np.ndarray, c: np.ndarray) -> float:
    """J = -(1/n) sum [c ln p + (1 - c) ln(1 - p)] (stable for large |z|)."""
    return float(np.mean(cross_entropy_from_logit(logit(params, X), c)))


def gradient(params: np.ndarray, X: np.ndarray, c: np.ndarray) -> np.ndarray:
    """dJ/d[m1, m2, b] = (1/n) [x, y, 1]^T (p - c), shape (3,)."""
    A = _design(X)
    return A.T @ (sigmoid(A @ np.asarray(params, dtype=float)) - c) / len(c)


def accuracy(params: np.ndarray, X: np.ndarray, c: np.ndarray) -> float:
    """Fraction of points whose class (1 if p >= 1/2 else 0) equals c."""
    return float(np.mean((logit(params, X) >= 0.0) == (c == 1.0)))


def lr_bound(X: np.ndarray) -> float:
    """2/L, where L = lambda_max(A^T A) / (4n) bounds the Hessian of J (A = [x, y, 1]).

    Gradient descent on this convex, L-smooth cost decreases J for any lr < 2/L.
    """
    A = _design(X)
    L = float(np.linalg.eigvalsh(A.T @ A / (4.0 * len(A)))[-1])
    return 2.0 / L


def gradient_descent(
    X: np.ndarray,
    c: np.ndarray,
    *,
    lr: float,
    steps: int,
    params0: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> LogisticFit:
    """Full-batch descent params_{k+1} = params_k - lr grad J(params_k), every step kept."""
    bound = lr_bound(X)
    if lr >= bound:
        raise ParameterError(
            "lr",
            lr,
            f"too large for this data: descent on J is only guaranteed to converge for lr < "
            f"2/L = {bound:.6g}",
            f"use lr < {bound:.6g}, or rescale x and y to smaller numbers",
        )
    params = np.empty((steps + 1, 3))
    params[0] = params0
    for k in range(steps):
        params[k + 1] = params[k] - lr * gradient(params[k], X, c)
    A = _design(X)
    Z = params @ A.T  # (K+1, n)
    costs = np.mean(cross_entropy_from_logit(Z, c[None, :]), axis=1)
    accs = np.mean((Z >= 0.0) == (c[None, :] == 1.0), axis=1)
    return LogisticFit(lr=lr, params=params, cost=costs, accuracy=accs)


def line_in_box(
    params: np.ndarray, xlim: tuple[float, float], ylim: tuple[float, float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The segment of the decision line m1 x + m2 y + b = 0 inside the box, or None.

    Returns the two end points where the line crosses the box's edges.
    """
    m1, m2, b = (float(v) for v in params)
    points: list[tuple[float, float]] = []
    if m2 != 0.0:
        for x in xlim:
            y = -(m1 * x + b) / m2
            if ylim[0] <= y <= ylim[1]:
                points.append((x, y))
    if m1 != 0.0:
        for y in ylim:
            x = -(m2 * y + b) / m1
            if xlim[0] <= x <= xlim[1]:
                points.append((x, y))
    unique: list[tuple[float, float]] = []
    for p in points:
        if all(abs(p[0] - q[0]) > 1e-12 or abs(p[1] - q[1]) > 1e-12 for q in unique):
            unique.append(p)
    if len(unique) < 2:
        return None
    # the two farthest-apart crossings (a corner may be counted twice)
    best = max(
        ((p, q) for i, p in enumerate(unique) for q in unique[i + 1 :]),
        key=lambda pq: (pq[0][0] - pq[1][0]) ** 2 + (pq[0][1] - pq[1][1]) ** 2,
    )
    return best


def decision_grid(params: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """p = sigma(m1 x + m2 y + b) on the grid xs (W,) by ys (H,): shape (H, W), row j at ys[j]."""
    gx, gy = np.meshgrid(xs, ys)
    m1, m2, b = (float(v) for v in params)
    return sigmoid(m1 * gx + m2 * gy + b)
