"""The best straight line on data no line separates, two ways: by cross-entropy and by accuracy.

Shapes: ``X`` (n, 2) with columns x, y; ``c`` (n,) with classes 0/1. A line with normal
w = (w1, w2) and offset b predicts class 1 on its side w . (x, y) + b >= 0 (as
:mod:`mathcore.logistic` does with w = (m1, m2)).

1. **By cross-entropy** (what logistic regression finds). J(m1, m2, b) is convex, with

       grad J = (1/n) A^T (p - c),     Hess J = (1/n) A^T diag(p (1 - p)) A,     A = [x, y, 1],

   so Newton's step  theta <- theta - Hess^{-1} grad  (halved until J falls) reaches its
   minimum in a few steps. At w = 0 every p is sigma(b), and the best such model says
   p = mean(c) everywhere, with J = H(mean(c)), the entropy of the class shares (ln 2 when the
   classes are equal in number). When the classes surround each other, no tilt of the line
   lowers J by much: the optimum has w near 0 and J near ln 2, a model that says "50/50"
   everywhere, whose line w . (x, y) + b = 0 is then almost arbitrary.

2. **By accuracy** (the fraction of points on their class's side). Every labelling a line
   makes can be made by a line through two data points, nudged: slide the line towards the
   class-1 side until it meets a point, then turn it about that point until it meets another;
   no point crossed the line on the way. So the exact optimum is among O(n^2) candidates:
   for the line through points i and j (all points k with cross(p_j - p_i, p_k - p_i) = 0
   on it), each of its two sides as the class-1 side, and the points on the line split by
   any cut along it (a small turn about a point of the line plus a small shift gives every
   such split, and moves no other point across). Accuracy is counted as

       correct = #{strictly on the class-1 side, c = 1} + #{strictly on the other, c = 0}
                 + the best split of the points on the line,

   and the line returned is the nudged one, checked by evaluating its rule on every point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.activation import cross_entropy_from_logit, sigmoid
from mathcore.errors import LectureInputError


@dataclass(frozen=True)
class BestLine:
    """The line w . (x, y) + b = 0 (``normal`` = w, shape (2,); ``offset`` = b) with the most
    points on their class's side (class 1 where w . (x, y) + b >= 0): ``n_correct`` of ``n``,
    ``accuracy`` = n_correct / n. ``through`` are the indices of the two data points the
    line was nudged from (it passes within a hair of both)."""

    normal: np.ndarray
    offset: float
    accuracy: float
    n_correct: int
    n: int
    through: tuple[int, int]

    @property
    def params(self) -> np.ndarray:
        """[w1, w2, b]: the same line in :mod:`mathcore.logistic`'s [m1, m2, b] form."""
        return np.array([self.normal[0], self.normal[1], self.offset])


@dataclass(frozen=True)
class LogisticOptimum:
    """The minimum of the cross-entropy J(m1, m2, b) (Newton's method): ``params`` [m1, m2, b],
    its ``cost`` J, ``ln2`` = ln 2 (the cost of saying p = 1/2 everywhere), ``cost_constant``
    = H(mean(c)), the entropy of the class shares (the best model with m1 = m2 = 0), the
    ``accuracy`` of its line, ``grad_norm`` = |grad J| at the end, and ``converged``: the
    gradient is below the tolerance and J has a minimum (False when a line separates the
    classes: then every scaling up of that line lowers J, which has no minimum, only the
    infimum 0)."""

    params: np.ndarray
    cost: float
    ln2: float
    cost_constant: float
    accuracy: float
    grad_norm: float
    converged: bool
    iterations: int

    @property
    def weight_norm(self) -> float:
        """|(m1, m2)|: near 0 when the model gives up on the line."""
        return float(np.hypot(self.params[0], self.params[1]))


def _design(X: np.ndarray) -> np.ndarray:
    return np.column_stack([X, np.ones(len(X))])


def _cost(theta: np.ndarray, A: np.ndarray, c: np.ndarray) -> float:
    return float(np.mean(cross_entropy_from_logit(A @ theta, c)))


def logistic_optimum(
    X: np.ndarray, c: np.ndarray, *, tol: float = 1e-12, max_iter: int = 100
) -> LogisticOptimum:
    """Minimize J(m1, m2, b) by Newton's method from 0, halving a step until J falls."""
    A = _design(np.asarray(X, dtype=float))
    c = np.asarray(c, dtype=float)
    n = len(c)
    theta = np.zeros(3)
    J = _cost(theta, A, c)
    grad = A.T @ (sigmoid(A @ theta) - c) / n
    iterations = 0
    while iterations < max_iter and np.linalg.norm(grad) > tol:
        p = sigmoid(A @ theta)
        hess = (A * (p * (1.0 - p))[:, None]).T @ A / n
        step = np.linalg.lstsq(hess, grad, rcond=None)[0]
        t = 1.0
        while t > 1e-12:
            trial = theta - t * step
            J_trial = _cost(trial, A, c)
            if J_trial <= J:
                break
            t /= 2.0
        else:
            break  # no decrease along Newton's direction: as low as floating point goes
        theta, J = trial, J_trial
        grad = A.T @ (sigmoid(A @ theta) - c) / n
        iterations += 1
    share = float(np.mean(c))
    cost_constant = float(
        -(share * np.log(share) + (1 - share) * np.log(1 - share)) if 0 < share < 1 else 0.0
    )
    z = A @ theta
    accuracy = float(np.mean((z >= 0.0) == (c == 1.0)))
    # every point strictly on its side: scaling (m1, m2, b) up lowers J for ever (no minimum)
    separated = bool(np.all(np.where(c == 1.0, z > 0.0, z < 0.0)))
    grad_norm = float(np.linalg.norm(grad))
    return LogisticOptimum(
        params=theta,
        cost=J,
        ln2=float(np.log(2.0)),
        cost_constant=cost_constant,
        accuracy=accuracy,
        grad_norm=grad_norm,
        converged=grad_norm <= max(tol, 1e-9) and not separated,
        iterations=iterations,
    )


def line_accuracy(params: np.ndarray, X: np.ndarray, c: np.ndarray) -> tuple[int, float]:
    """(n_correct, accuracy) of the line [w1, w2, b]: class 1 where w . (x, y) + b >= 0."""
    z = _design(np.asarray(X, dtype=float)) @ np.asarray(params, dtype=float)
    correct = int(np.sum((z >= 0.0) == (np.asarray(c) == 1.0)))
    return correct, correct / len(c)


def _best_cut(t: np.ndarray, c: np.ndarray) -> tuple[int, float, int, int]:
    """The best split of points at positions ``t`` along a line: class ``before`` for
    t < cut, class ``after`` for t > cut. Returns (correct, cut, before, after); points at
    the same position go together."""
    order = np.argsort(t, kind="stable")
    t, c = t[order], c[order]
    ones_before = np.concatenate([[0], np.cumsum(c)])  # class-1 points among the first m
    m = np.arange(len(t) + 1)
    zeros_before = m - ones_before
    ones_after, zeros_after = ones_before[-1] - ones_before, zeros_before[-1] - zeros_before
    # a cut between positions m-1 and m (m = 0: all after, m = len: all before)
    allowed = np.ones(len(t) + 1, dtype=bool)
    allowed[1:-1] = t[1:] > t[:-1]  # not between two points at the same place
    best = (-1, 0.0, 0, 0)
    for before, after, score in (
        (1, 0, ones_before + zeros_after),
        (0, 1, zeros_before + ones_after),
    ):
        score = np.where(allowed, score, -1)
        k = int(np.argmax(score))
        if score[k] > best[0]:
            if k == 0:
                cut = t[0] - 1.0
            elif k == len(t):
                cut = t[-1] + 1.0
            else:
                cut = 0.5 * (t[k - 1] + t[k])
            best = (int(score[k]), float(cut), before, after)
    return best


#: Pairs x points evaluated at once (memory: a few arrays of this many floats).
_CHUNK = 1_000_000


def _sides(
    X: np.ndarray, base: np.ndarray, d: np.ndarray, length: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Signed distances (P, n) of every point from the lines through ``base`` (P, 2) with
    directions ``d`` (P, 2) of lengths ``length`` (P,) (normal (-d_y, d_x) / |d|), and which
    points are on them (within rounding of ``scale``)."""
    rx = X[None, :, 0] - base[:, 0:1]
    ry = X[None, :, 1] - base[:, 1:2]
    s = (d[:, 0:1] * ry - d[:, 1:2] * rx) / length[:, None]
    return s, np.abs(s) <= 1e-12 * scale


def best_line_by_accuracy(X: np.ndarray, c: np.ndarray) -> BestLine:
    """The exact best line by accuracy (see the module doc): every line through two data
    points, both sides, every split of the points on it; the winner nudged off the points and
    checked by its own rule. Raises :class:`LectureInputError` for fewer than two distinct
    points."""
    X = np.asarray(X, dtype=float)
    c = np.asarray(c, dtype=float)
    n = len(c)
    i, j = np.triu_indices(n, k=1)
    d = X[j] - X[i]  # (P, 2) directions
    length = np.hypot(d[:, 0], d[:, 1])
    keep = length > 0.0
    if not np.any(keep):
        raise LectureInputError(
            "all points are at the same place: no line passes through two of them. "
            "Fix: give at least two different points"
        )
    i, j, d, length = i[keep], j[keep], d[keep], length[keep]
    scale = max(1.0, float(np.max(np.abs(X))))
    one = (c == 1.0).astype(float)
    plus = np.empty(len(i), dtype=int)
    n_on = np.empty(len(i), dtype=int)
    chunk = max(1, _CHUNK // n)
    for start in range(0, len(i), chunk):
        part = slice(start, start + chunk)
        s, on = _sides(X, X[i[part]], d[part], length[part], scale)
        above, below = (s > 0) & ~on, (s < 0) & ~on
        # class 1 strictly above plus class 0 strictly below, as counts (matrix products)
        plus[part] = np.rint(above @ one + below @ (1.0 - one)).astype(int)
        n_on[part] = np.sum(on, axis=1)
    minus = (n - n_on) - plus
    # with exactly two points on the line every split is possible: both count as correct
    bound = np.maximum(plus, minus) + n_on
    best_k, best_total = -1, -1
    for k in np.argsort(-bound, kind="stable"):
        if bound[k] <= best_total:
            break  # no later candidate can beat the best found
        total = int(max(plus[k], minus[k]))
        if n_on[k] > 2:  # collinear points: only cuts along the line
            s, on = _sides(X, X[i[k : k + 1]], d[k : k + 1], length[k : k + 1], scale)
            t = (X[on[0]] - X[i[k]]) @ (d[k] / length[k])
            total += _best_cut(t, c[on[0]])[0]
        else:
            total += int(n_on[k])
        if total > best_total:
            best_k, best_total = int(k), total
    k = best_k
    side = 1.0 if plus[k] >= minus[k] else -1.0
    s, on = _sides(X, X[i[k : k + 1]], d[k : k + 1], length[k : k + 1], scale)
    params = _nudged_line(X, c, X[i[k]], d[k] / length[k], side, s[0], on[0])
    n_correct, accuracy = line_accuracy(params, X, c)
    if n_correct != best_total:  # pragma: no cover - the nudge is sized to keep every side
        raise ArithmeticError(f"nudged line has {n_correct} correct, expected {best_total}")
    return BestLine(
        normal=params[:2],
        offset=float(params[2]),
        accuracy=accuracy,
        n_correct=n_correct,
        n=n,
        through=(int(i[k]), int(j[k])),
    )


def _nudged_line(
    X: np.ndarray,
    c: np.ndarray,
    base: np.ndarray,
    u: np.ndarray,
    side: float,
    s: np.ndarray,
    on: np.ndarray,
) -> np.ndarray:
    """[w1, w2, b] of the line through ``base`` with direction ``u`` (unit), class 1 on the
    ``side`` (+1 or -1) of normal (-u_y, u_x), turned and shifted by less than the nearest
    off-line point's distance so that the points on it are split by the best cut."""
    normal = side * np.array([-u[1], u[0]])
    t_all = (X - base) @ u
    t_on = t_all[on]
    _, cut, before, after = _best_cut(t_on, c[on])
    gap = float(np.min(np.abs(s[~on]))) if np.any(~on) else 1.0
    reach = float(np.max(np.abs(t_all - cut))) + 1.0
    # f(x) = normal . (x - q) + alpha (t - cut) + beta, q the point of the line at t = cut:
    # on the line f = alpha (t - cut) + beta; off it |alpha (t - cut) + beta| < gap / 2
    if before == after:
        alpha, beta = 0.0, (gap / 4.0) * (1.0 if before == 1 else -1.0)
    else:
        alpha, beta = (gap / (4.0 * reach)) * (1.0 if after == 1 else -1.0), 0.0
    q = base + cut * u
    w = normal + alpha * u
    return np.array([w[0], w[1], beta - w @ q]) / float(np.hypot(w[0], w[1]))
