"""Least squares through the origin: the line y = m x fitted to points (x_i, y_i).

Formulas (n points, x and y of shape (n,)):

    MSE(m)  = (1/n) sum_i (y_i - m x_i)^2
    MSE'(m) = -(2/n) sum_i x_i (y_i - m x_i)
    m_best  = sum_i x_i y_i / sum_i x_i^2          (the root of MSE'(m) = 0)

Gradient descent  m_{k+1} = m_k - lr * MSE'(m_k)  multiplies the error m_k - m_best by
1 - 2 lr mean(x^2) each step, so it converges exactly when 0 < lr < 1 / mean(x^2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore.errors import ParameterError


@dataclass(frozen=True)
class LeastSquares:
    """The closed-form fit: ``m_best = sum_xy / sum_xx`` and the MSE it reaches."""

    sum_xy: float
    sum_xx: float
    m_best: float
    mse_best: float


@dataclass(frozen=True)
class Descent:
    """Gradient descent on MSE(m): arrays of shape (K+1,) for steps k = 0..K."""

    lr: float
    m: np.ndarray
    mse: np.ndarray
    grad: np.ndarray

    @property
    def steps(self) -> int:
        return len(self.m) - 1


def mse(m: float | np.ndarray, x: np.ndarray, y: np.ndarray) -> float | np.ndarray:
    """MSE(m) = (1/n) sum (y_i - m x_i)^2; ``m`` scalar or shape (M,) gives float or (M,)."""
    m_arr = np.asarray(m, dtype=float)
    residuals = y[None, :] - m_arr.reshape(-1, 1) * x[None, :]
    values = np.mean(residuals**2, axis=1)
    return float(values[0]) if m_arr.ndim == 0 else values


def mse_prime(m: float | np.ndarray, x: np.ndarray, y: np.ndarray) -> float | np.ndarray:
    """MSE'(m) = -(2/n) sum x_i (y_i - m x_i); scalar or shape (M,) like :func:`mse`."""
    m_arr = np.asarray(m, dtype=float)
    residuals = y[None, :] - m_arr.reshape(-1, 1) * x[None, :]
    values = -2.0 * np.mean(x[None, :] * residuals, axis=1)
    return float(values[0]) if m_arr.ndim == 0 else values


def residuals(m: float, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Vertical residuals y_i - m x_i, shape (n,): the segments drawn from points to the line."""
    return y - m * x


def fit_through_origin(x: np.ndarray, y: np.ndarray) -> LeastSquares:
    """Closed form m_best = sum x_i y_i / sum x_i^2 (requires some x_i != 0)."""
    sum_xx = float(np.dot(x, x))
    if sum_xx == 0.0:
        raise ParameterError(
            "x", "all zeros", "sum of x^2 is 0, no slope is defined", "give at least one non-zero x"
        )
    sum_xy = float(np.dot(x, y))
    m_best = sum_xy / sum_xx
    return LeastSquares(sum_xy=sum_xy, sum_xx=sum_xx, m_best=m_best, mse_best=mse(m_best, x, y))


def lr_bound(x: np.ndarray) -> float:
    """The largest stable learning rate: descent converges iff lr < 1 / mean(x^2)."""
    mean_xx = float(np.mean(x * x))
    if mean_xx == 0.0:
        raise ParameterError(
            "x",
            "all zeros",
            "mean of x^2 is 0, no slope is defined",
            "give at least one non-zero x",
        )
    return 1.0 / mean_xx


def gradient_descent(x: np.ndarray, y: np.ndarray, *, lr: float, m0: float, steps: int) -> Descent:
    """Run m_{k+1} = m_k - lr MSE'(m_k) for ``steps`` steps from ``m0``; keep every step.

    Refuses (:class:`ParameterError`) a learning rate at or above 1/mean(x^2), where the
    error would not shrink, naming the bound and the units that would make it converge.
    """
    bound = lr_bound(x)
    if lr >= bound:
        raise ParameterError(
            "lr",
            lr,
            f"gradient descent diverges: it needs lr < 1/mean(x^2) = {bound:.6g} for this data "
            f"(each step multiplies the error in m by 1 - 2*lr*mean(x^2) = {1 - 2 * lr / bound:.4g})",
            f"use lr < {bound:.6g}, or measure x in larger units (e.g. scores / 100) so mean(x^2) "
            "is smaller",
        )
    m = np.empty(steps + 1)
    m[0] = float(m0)
    for k in range(steps):
        m[k + 1] = m[k] - lr * mse_prime(m[k], x, y)
    return Descent(lr=lr, m=m, mse=mse(m, x, y), grad=mse_prime(m, x, y))
