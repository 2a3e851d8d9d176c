"""Independent reference computations shared by the math tests."""

from __future__ import annotations

import numpy as np


def central_gradient(f, v, h=1e-6):
    """(f(v + h e_i) - f(v - h e_i)) / 2h for every coordinate i: a gradient that knows nothing
    of the code under test."""
    v = np.asarray(v, dtype=float)
    g = np.empty_like(v)
    for i in range(len(v)):
        e = np.zeros_like(v)
        e[i] = h
        g[i] = (f(v + e) - f(v - e)) / (2 * h)
    return g
