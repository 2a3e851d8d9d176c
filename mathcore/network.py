"""A neural network with one hidden layer: 2 inputs -> k sigmoid units -> 1 sigmoid output.

Shapes: ``X`` (n, 2), ``c`` (n,) in {0, 1}; parameters ``theta1`` (k, 2), ``b1`` (k,),
``theta2`` (k,), ``b2`` scalar. For one input (x, y):

    z1_i = theta1_i1 x + theta1_i2 y + b1_i        (the slide's z_i^(1))
    a_i  = sigma(z1_i)                             (hidden activations a_1..a_k)
    z2   = sum_i theta2_i a_i + b2                 (the slide's z^(2))
    p    = sigma(z2)
    J    = -[c ln p + (1 - c) ln(1 - p)]           (averaged over the n examples when training)

Backpropagation is the chain rule applied from the cost back to each weight; every local
factor is named as on the backprop slide:

    dJ/dp = (p - c) / (p (1 - p)),   dp/dz2 = p (1 - p),    dz2/dtheta2_i = a_i,
    dz2/da_i = theta2_i,             da_i/dz1_i = a_i (1 - a_i),   dz1_i/dtheta1_i1 = x,

so dJ/dtheta2_1 = (p - c) a_1 and dJ/dtheta1_11 = (p - c) theta2_1 a_1 (1 - a_1) x.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.activation import cross_entropy_from_logit, sigmoid
from mathcore.errors import LectureInputError, ParameterError


@dataclass(frozen=True)
class NetworkParams:
    """Weights: ``theta1`` (k, 2), ``b1`` (k,), ``theta2`` (k,), ``b2`` float."""

    theta1: np.ndarray
    b1: np.ndarray
    theta2: np.ndarray
    b2: float

    @property
    def hidden(self) -> int:
        return len(self.b1)

    def flat(self) -> np.ndarray:
        """All parameters in one vector, shape (4k + 1,): theta1 row-major, b1, theta2, b2."""
        return np.concatenate([self.theta1.ravel(), self.b1, self.theta2, [self.b2]])

    @classmethod
    def from_flat(cls, vector: np.ndarray, hidden: int) -> NetworkParams:
        """Inverse of :meth:`flat`."""
        k = hidden
        v = np.asarray(vector, dtype=float)
        return cls(
            theta1=v[: 2 * k].reshape(k, 2),
            b1=v[2 * k : 3 * k],
            theta2=v[3 * k : 4 * k],
            b2=float(v[4 * k]),
        )


@dataclass(frozen=True)
class ForwardPass:
    """Intermediate values for n inputs: ``z1``, ``a`` (n, k); ``z2``, ``p`` (n,)."""

    z1: np.ndarray
    a: np.ndarray
    z2: np.ndarray
    p: np.ndarray


@dataclass(frozen=True)
class Gradients:
    """dJ/d(parameter), shaped like :class:`NetworkParams`."""

    theta1: np.ndarray
    b1: np.ndarray
    theta2: np.ndarray
    b2: float

    def flat(self) -> np.ndarray:
        return np.concatenate([self.theta1.ravel(), self.b1, self.theta2, [self.b2]])


def forward(params: NetworkParams, X: np.ndarray) -> ForwardPass:
    """z1 = X theta1^T + b1, a = sigma(z1), z2 = a theta2 + b2, p = sigma(z2)."""
    z1 = X @ params.theta1.T + params.b1
    a = sigmoid(z1)
    z2 = a @ params.theta2 + params.b2
    return ForwardPass(z1=z1, a=a, z2=z2, p=sigmoid(z2))


def cost(params: NetworkParams, X: np.ndarray, c: np.ndarray) -> float:
    """J = -(1/n) sum [c ln p + (1 - c) ln(1 - p)], computed from z2 without log(0)."""
    return float(np.mean(cross_entropy_from_logit(forward(params, X).z2, c)))


def accuracy(params: NetworkParams, X: np.ndarray, c: np.ndarray) -> float:
    """Fraction of points with (p >= 1/2) == (c == 1)."""
    return float(np.mean((forward(params, X).z2 >= 0.0) == (c == 1.0)))


def backprop(params: NetworkParams, X: np.ndarray, c: np.ndarray) -> Gradients:
    """Gradient of the mean cost J by the chain rule, from the output back to each weight."""
    n = len(c)
    fp = forward(params, X)
    # dJ/dz2 = dJ/dp * dp/dz2 = (p - c)/(p(1 - p)) * p(1 - p) = p - c   (per example, / n)
    dJ_dz2 = (fp.p - c) / n  # (n,)
    # z2 = sum_i theta2_i a_i + b2:  dz2/dtheta2_i = a_i,  dz2/db2 = 1,  dz2/da_i = theta2_i
    dJ_dtheta2 = fp.a.T @ dJ_dz2  # (k,)
    dJ_db2 = float(np.sum(dJ_dz2))
    dJ_da = np.outer(dJ_dz2, params.theta2)  # (n, k)
    # a_i = sigma(z1_i):  da_i/dz1_i = a_i (1 - a_i)
    dJ_dz1 = dJ_da * fp.a * (1.0 - fp.a)  # (n, k)
    # z1_i = theta1_i1 x + theta1_i2 y + b1_i:  dz1_i/dtheta1_ij = X_j,  dz1_i/db1_i = 1
    dJ_dtheta1 = dJ_dz1.T @ X  # (k, 2)
    dJ_db1 = dJ_dz1.sum(axis=0)  # (k,)
    return Gradients(theta1=dJ_dtheta1, b1=dJ_db1, theta2=dJ_dtheta2, b2=dJ_db2)


def init_params(hidden: int, rng: np.random.Generator, scale: float = 1.0) -> NetworkParams:
    """Random start: every weight and hidden bias ~ N(0, scale^2), output bias 0."""
    return NetworkParams(
        theta1=rng.normal(0.0, scale, size=(hidden, 2)),
        b1=rng.normal(0.0, scale, size=hidden),
        theta2=rng.normal(0.0, scale, size=hidden),
        b2=0.0,
    )


@dataclass(frozen=True)
class NetworkTraining:
    """Full-batch gradient descent on the network, every step kept (K steps, k hidden units):
    ``theta1`` (K+1, k, 2), ``b1`` (K+1, k), ``theta2`` (K+1, k), ``b2`` (K+1,),
    ``cost`` and ``accuracy`` (K+1,); index 0 is the random start."""

    hidden: int
    lr: float
    seed: int
    theta1: np.ndarray
    b1: np.ndarray
    theta2: np.ndarray
    b2: np.ndarray
    cost: np.ndarray
    accuracy: np.ndarray

    @property
    def steps(self) -> int:
        return len(self.cost) - 1

    def params_at(self, k: int) -> NetworkParams:
        """The parameters after k steps (k = -1: the trained network)."""
        return NetworkParams(
            theta1=self.theta1[k], b1=self.b1[k], theta2=self.theta2[k], b2=float(self.b2[k])
        )

    @property
    def final(self) -> NetworkParams:
        return self.params_at(-1)


#: Training diverges when the cost J grows past this many times its starting value.
DIVERGED = 10.0


def train(
    X: np.ndarray, c: np.ndarray, *, hidden: int, lr: float, steps: int, seed: int
) -> NetworkTraining:
    """Train from a seeded random start with params <- params - lr * backprop(params).

    Refuses (:class:`ParameterError` named ``lr``) a learning rate that diverges: stopped at
    the first step whose cost is not finite or above :data:`DIVERGED` times the start, or
    a training whose last cost is not below its first.
    """
    params = init_params(hidden, np.random.default_rng(seed))
    k = params.hidden
    theta1 = np.empty((steps + 1, k, 2))
    b1 = np.empty((steps + 1, k))
    theta2 = np.empty((steps + 1, k))
    b2 = np.empty(steps + 1)
    cost_k = np.empty(steps + 1)
    acc_k = np.empty(steps + 1)
    for step in range(steps + 1):
        theta1[step], b1[step], theta2[step], b2[step] = (
            params.theta1,
            params.b1,
            params.theta2,
            params.b2,
        )
        fp = forward(params, X)
        cost_k[step] = np.mean(cross_entropy_from_logit(fp.z2, c))
        acc_k[step] = np.mean((fp.z2 >= 0.0) == (c == 1.0))
        if not np.isfinite(cost_k[step]) or cost_k[step] > DIVERGED * cost_k[0]:
            raise ParameterError(
                "lr",
                lr,
                f"training diverges: the cost J rose from {cost_k[0]:.4g} at the start to "
                f"{cost_k[step]:.4g} at step {step} (more than {DIVERGED:g} times its start)",
                f"use a smaller learning rate (try a tenth of it: lr = {lr / 10:.3g})",
            )
        if step == steps:
            break
        g = backprop(params, X, c)
        params = NetworkParams(
            theta1=params.theta1 - lr * g.theta1,
            b1=params.b1 - lr * g.b1,
            theta2=params.theta2 - lr * g.theta2,
            b2=params.b2 - lr * g.b2,
        )
    if steps > 0 and not cost_k[-1] < cost_k[0]:
        raise ParameterError(
            "lr",
            lr,
            f"training does not learn: after {steps} steps the cost J is {cost_k[-1]:.4g}, "
            f"not below its start {cost_k[0]:.4g}",
            f"use a smaller learning rate (try a tenth of it: lr = {lr / 10:.3g})",
        )
    return NetworkTraining(
        hidden=k,
        lr=lr,
        seed=seed,
        theta1=theta1,
        b1=b1,
        theta2=theta2,
        b2=b2,
        cost=cost_k,
        accuracy=acc_k,
    )


def decision_grid(params: NetworkParams, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """p = network(x, y) on the grid xs (W,) by ys (H,): shape (H, W), row j at y = ys[j]."""
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    return forward(params, points).p.reshape(len(ys), len(xs))


@dataclass(frozen=True)
class BackpropExample:
    """The backprop slide for one input (x, y) with class c, following hidden unit ``unit``
    (the slide's unit 1). Each local factor of the chain rule is a field:

    dJ_dtheta1_2  = dJ_dp * dp_dz2 * dz2_dtheta1_2                        = (p - c) a1
    dJ_dtheta11_1 = dJ_dp * dp_dz2 * dz2_da1 * da1_dz1 * dz1_dtheta11     = (p - c) theta1_2 a1 (1 - a1) x
    """

    index: int
    unit: int
    x: float
    y: float
    c: float
    z1: float
    a1: float
    z2: float
    p: float
    theta1_2: float
    theta11_1: float
    dJ_dp: float
    dp_dz2: float
    dz2_dtheta1_2: float
    dz2_da1: float
    da1_dz1: float
    dz1_dtheta11: float
    dJ_dtheta1_2: float
    dJ_dtheta11_1: float
    fd_dJ_dtheta1_2: float
    fd_dJ_dtheta11_1: float


def example_cost(params: NetworkParams, x: float, y: float, c: float) -> float:
    """J = -[c ln p + (1 - c) ln(1 - p)] for the single input (x, y)."""
    z2 = forward(params, np.array([[x, y]])).z2
    return float(cross_entropy_from_logit(z2, np.array([c]))[0])


def backprop_example_at(
    params: NetworkParams, X: np.ndarray, c: np.ndarray, index: int, unit: int = 0
) -> BackpropExample:
    """Every factor of the slide's two derivatives for data point ``index``, and the same two
    derivatives by central finite differences of the single-example cost (the slide's check)."""
    x, y = (float(v) for v in X[index])
    ci = float(c[index])
    fp = forward(params, X[index : index + 1])
    z1, a1 = float(fp.z1[0, unit]), float(fp.a[0, unit])
    z2, p = float(fp.z2[0]), float(fp.p[0])
    theta1_2 = float(params.theta2[unit])
    dJ_dp = (p - ci) / (p * (1.0 - p))
    dp_dz2 = p * (1.0 - p)
    da1_dz1 = a1 * (1.0 - a1)
    return BackpropExample(
        index=index,
        unit=unit,
        x=x,
        y=y,
        c=ci,
        z1=z1,
        a1=a1,
        z2=z2,
        p=p,
        theta1_2=theta1_2,
        theta11_1=float(params.theta1[unit, 0]),
        dJ_dp=dJ_dp,
        dp_dz2=dp_dz2,
        dz2_dtheta1_2=a1,
        dz2_da1=theta1_2,
        da1_dz1=da1_dz1,
        dz1_dtheta11=x,
        dJ_dtheta1_2=(p - ci) * a1,
        dJ_dtheta11_1=(p - ci) * theta1_2 * da1_dz1 * x,
        # flat layout (see NetworkParams.flat): theta1[unit, 0] at 2*unit, theta2[unit] at 3k+unit
        fd_dJ_dtheta1_2=_central_difference(params, x, y, ci, 3 * params.hidden + unit),
        fd_dJ_dtheta11_1=_central_difference(params, x, y, ci, 2 * unit),
    )


def _central_difference(
    params: NetworkParams, x: float, y: float, c: float, i: int, h: float = 1e-6
) -> float:
    """(J(w + h e_i) - J(w - h e_i)) / 2h for flat parameter i, single-example cost."""
    v = params.flat()
    up, down = v.copy(), v.copy()
    up[i] += h
    down[i] -= h
    k = params.hidden
    return (
        example_cost(NetworkParams.from_flat(up, k), x, y, c)
        - example_cost(NetworkParams.from_flat(down, k), x, y, c)
    ) / (2 * h)


def choose_backprop_example(
    params: NetworkParams, X: np.ndarray, c: np.ndarray, unit: int = 0, min_error: float = 0.1
) -> BackpropExample:
    """The slide's example: among points the network is not already sure of (|p - c| >=
    ``min_error``), the one where dJ/dtheta11^(1) is largest in size, so every factor shows.

    Raises :class:`LectureInputError` if the network fits every point to within min_error.
    """
    fp = forward(params, X)
    # 0 < p < 1 strictly: at a saturated p the factor dJ/dp = (p - c)/(p(1 - p)) is infinite
    candidates = np.flatnonzero((np.abs(fp.p - c) >= min_error) & (fp.p > 0.0) & (fp.p < 1.0))
    if candidates.size == 0:
        raise LectureInputError(
            f"no training point has |p - c| >= {min_error}: the network already fits every "
            "point, so the backprop example would show only zeros. Fix: train for fewer steps "
            "or use data with some overlap between the classes"
        )
    a1 = fp.a[candidates, unit]
    size = np.abs((fp.p[candidates] - c[candidates]) * a1 * (1 - a1) * X[candidates, 0])
    return backprop_example_at(params, X, c, int(candidates[np.argmax(size)]), unit)
