"""The loss landscape of logistic regression: each grid value against J evaluated directly,
the profile's best b against scipy's one-dimensional minimizer, the path against the fit."""

import numpy as np
import pytest
from scipy.optimize import minimize, minimize_scalar

from mathcore import landscape
from mathcore.errors import LectureInputError


def naive_cost(m1, m2, b, X, c):
    z = m1 * X[:, 0] + m2 * X[:, 1] + b
    return float(np.mean(c * np.logaddexp(0.0, -z) + (1 - c) * np.logaddexp(0.0, z)))


@pytest.fixture(scope="module")
def fit(lecture):
    return lecture.separable.X, lecture.separable.c, lecture.logistic.params, lecture.logistic.cost


def test_slice_matches_direct_evaluation(fit):
    X, c, path, cost = fit
    m1, m2 = landscape.grid_around(path, size=15)
    view = landscape.slice_landscape(X, c, path, m1, m2)
    assert view.J.shape == view.b.shape == (15, 15)
    assert view.b_fixed == path[-1, 2]  # b held at the end of the descent
    np.testing.assert_array_equal(view.b, path[-1, 2])
    for j, y in enumerate(m2):
        for i, x in enumerate(m1):
            assert view.J[j, i] == pytest.approx(naive_cost(x, y, path[-1, 2], X, c), rel=1e-12)
    # the path: its true cost is the descent's own record; the slice's height under it
    np.testing.assert_array_equal(view.path_m1, path[:, 0])
    np.testing.assert_array_equal(view.path_b, path[:, 2])
    np.testing.assert_allclose(view.path_J, cost, rtol=1e-12)
    for k in (0, 5, len(path) - 1):
        assert view.path_J_slice[k] == pytest.approx(
            naive_cost(path[k, 0], path[k, 1], path[-1, 2], X, c), rel=1e-12
        )
    assert view.path_J_slice[-1] == view.path_J[-1]  # they meet where b_k = b*


def test_slice_at_another_b(fit):
    X, c, path, _ = fit
    view = landscape.slice_landscape(X, c, path, np.array([0.0, 1.0]), np.array([2.0]), b=-0.5)
    assert view.b_fixed == -0.5
    assert view.J[0, 1] == pytest.approx(naive_cost(1.0, 2.0, -0.5, X, c), rel=1e-12)


def test_profile_is_the_lowest_J_over_b(fit):
    X, c, path, _ = fit
    m1, m2 = landscape.grid_around(path, size=9)
    profile = landscape.profile_landscape(X, c, path, m1, m2)
    cut = landscape.slice_landscape(X, c, path, m1, m2)
    assert profile.b_fixed is None
    assert np.all(profile.J <= cut.J + 1e-12)  # never above any slice
    for j, i in [(0, 0), (4, 4), (8, 2), (3, 7)]:
        best = minimize_scalar(
            lambda b, x=m1[i], y=m2[j]: naive_cost(x, y, b, X, c),
            bracket=(-5.0, 5.0),
            options={"xtol": 1e-12},
        )
        assert profile.b[j, i] == pytest.approx(best.x, abs=1e-6)
        assert profile.J[j, i] == pytest.approx(best.fun, rel=1e-10)
    # the path runs on or above the profile
    assert np.all(profile.path_J >= profile.path_J_slice - 1e-12)
    # and the profile's lowest value is J's minimum (scipy over all three parameters)
    res = minimize(lambda v: naive_cost(*v, X, c), path[-1], method="BFGS")
    at = landscape.profile_landscape(X, c, path, np.array([res.x[0]]), np.array([res.x[1]]))
    assert at.J[0, 0] == pytest.approx(res.fun, rel=1e-8)


def test_best_offset_root_of_the_b_derivative():
    rng = np.random.default_rng(3)
    X = rng.normal(0.0, 2.0, (30, 2))
    c = (rng.random(30) < 0.3).astype(float)
    m1 = rng.normal(0.0, 3.0, 6)
    m2 = rng.normal(0.0, 3.0, 6)
    b = landscape.best_offset(X, c, m1, m2)
    for k in range(6):
        p = 1 / (1 + np.exp(-(m1[k] * X[:, 0] + m2[k] * X[:, 1] + b[k])))
        assert np.mean(p - c) == pytest.approx(0.0, abs=1e-12)  # dJ/db = 0


def test_one_class_has_no_best_offset():
    X = np.zeros((3, 2))
    with pytest.raises(LectureInputError, match="Fix:"):
        landscape.best_offset(X, np.ones(3), np.array([0.0]), np.array([0.0]))


def test_grid_covers_the_path():
    path = np.array([[0.5, -1.0, 0.0], [2.0, 1.0, 0.1], [3.0, 2.0, 0.2]])
    m1, m2 = landscape.grid_around(path, size=11, margin=0.25)
    assert len(m1) == len(m2) == 11
    assert m1[0] < 0.5 and m1[-1] > 3.0 and m2[0] < -1.0 and m2[-1] > 2.0
    short = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
    m1, m2 = landscape.grid_around(short, size=5)
    assert m1[-1] - m1[0] >= 1.0 and m2[-1] - m2[0] >= 1.0
