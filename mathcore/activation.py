"""The logistic function and the logs of probabilities it gives, computed without overflow.

    sigma(z) = 1 / (1 + e^{-z}),   sigma'(z) = sigma(z) (1 - sigma(z)),   sigma(0) = 1/2

For the cost, ln sigma(z) = -softplus(-z) and ln(1 - sigma(z)) = -softplus(z), with
softplus(z) = ln(1 + e^z) evaluated by ``numpy.logaddexp`` (no log(0), no overflow).
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit


def sigmoid(z: float | np.ndarray) -> float | np.ndarray:
    """sigma(z) = 1 / (1 + e^{-z}), elementwise; stable for any finite z."""
    return expit(z)


def sigmoid_prime(z: float | np.ndarray) -> float | np.ndarray:
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    s = expit(z)
    return s * (1.0 - s)


def softplus(z: float | np.ndarray) -> float | np.ndarray:
    """softplus(z) = ln(1 + e^z), elementwise, without overflow."""
    return np.logaddexp(0.0, z)


def cross_entropy_from_logit(z: np.ndarray, c: np.ndarray) -> np.ndarray:
    """-[c ln p + (1 - c) ln(1 - p)] with p = sigma(z), per example; equals softplus(z) - c z."""
    return softplus(z) - c * z
