"""Logistic regression and the sigmoid, checked against naive formulas, finite differences,
scipy.optimize and plane geometry."""

import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import approx_fprime, minimize

from mathcore import activation, logistic
from mathcore.errors import ParameterError
from tests.oracles import central_gradient

ROOT = Path(__file__).resolve().parents[1]


def load_xyc(name):
    """x, y, c from a shipped CSV, read with numpy (not mathcore)."""
    table = np.loadtxt(ROOT / "assets" / name, delimiter=",", skiprows=1)
    return table[:, :2], table[:, 2]


def naive_cost(params, X, c):
    """-(1/n) sum [c ln p + (1 - c) ln(1 - p)], p = 1/(1 + e^-(m1 x + m2 y + b)), literally."""
    m1, m2, b = params
    p = 1.0 / (1.0 + np.exp(-(m1 * X[:, 0] + m2 * X[:, 1] + b)))
    return -np.mean(c * np.log(p) + (1 - c) * np.log(1 - p))


def naive_gradient(params, X, c):
    """(1/n) sum (p_i - c_i) [x_i, y_i, 1], written out per component."""
    m1, m2, b = params
    p = 1.0 / (1.0 + np.exp(-(m1 * X[:, 0] + m2 * X[:, 1] + b)))
    return np.array([np.mean((p - c) * X[:, 0]), np.mean((p - c) * X[:, 1]), np.mean(p - c)])


def random_labeled(seed, n=40):
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 1.0, size=(n, 2))
    c = (X[:, 0] - 0.5 * X[:, 1] + rng.normal(0.0, 0.8, n) > 0).astype(float)
    return X, c


@pytest.fixture(params=["separable.csv", "rings.csv", "random"])
def data(request):
    if request.param == "random":
        return random_labeled(3)
    return load_xyc(request.param)


@pytest.fixture(scope="module")
def best_separable():
    """The logistic optimum on the shipped separable data, found by scipy (BFGS)."""
    X, c = load_xyc("separable.csv")
    res = minimize(
        naive_cost,
        np.zeros(3),
        args=(X, c),
        jac=naive_gradient,
        method="BFGS",
        options={"gtol": 1e-10},
    )
    assert np.max(np.abs(naive_gradient(res.x, X, c))) < 1e-8  # a stationary point: optimal
    return res


# --- sigmoid ---------------------------------------------------------------------------------


def test_sigmoid_values():
    assert activation.sigmoid(0.0) == 0.5
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(activation.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(activation.sigmoid(z) + activation.sigmoid(-z), 1.0, rtol=1e-15)
    assert activation.sigmoid(np.log(3.0)) == pytest.approx(0.75)  # 1/(1 + 1/3)


def test_sigmoid_prime_is_sigma_one_minus_sigma_by_finite_differences():
    z = np.linspace(-8, 8, 33)
    h = 1e-5
    central = (1 / (1 + np.exp(-(z + h))) - 1 / (1 + np.exp(-(z - h)))) / (2 * h)
    np.testing.assert_allclose(activation.sigmoid_prime(z), central, rtol=1e-7, atol=1e-10)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(activation.sigmoid_prime(z), s * (1 - s), rtol=1e-12)
    assert activation.sigmoid_prime(0.0) == 0.25


def test_sigmoid_and_softplus_do_not_overflow():
    z = np.array([-1e6, -800.0, 800.0, 1e6])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = activation.sigmoid(z)
        sp = activation.softplus(z)
    np.testing.assert_array_equal(s, [0.0, 0.0, 1.0, 1.0])
    np.testing.assert_allclose(sp, [0.0, 0.0, 800.0, 1e6])
    moderate = np.linspace(-20, 20, 41)
    np.testing.assert_allclose(
        activation.softplus(moderate), np.log1p(np.exp(moderate)), rtol=1e-13
    )


def test_cross_entropy_from_logit_matches_naive_formula():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, 50)
    c = rng.integers(0, 2, 50).astype(float)
    p = 1 / (1 + np.exp(-z))
    naive = -(c * np.log(p) + (1 - c) * np.log(1 - p))
    np.testing.assert_allclose(activation.cross_entropy_from_logit(z, c), naive, rtol=1e-10)


# --- cost and gradient -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_cost_matches_naive_formula(data, seed):
    X, c = data
    params = np.random.default_rng(seed).normal(0.0, 1.0, 3)
    assert logistic.cost(params, X, c) == pytest.approx(naive_cost(params, X, c), rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_gradient_matches_finite_differences(data, seed):
    X, c = data
    params = np.random.default_rng(100 + seed).normal(0.0, 1.5, 3)
    grad = logistic.gradient(params, X, c)
    assert grad.shape == (3,)
    central = central_gradient(lambda v: naive_cost(v, X, c), params)
    np.testing.assert_allclose(grad, central, rtol=1e-6, atol=1e-9)
    forward = approx_fprime(params, lambda v: naive_cost(v, X, c), 1e-7)
    np.testing.assert_allclose(grad, forward, rtol=1e-4, atol=1e-6)


def test_gradient_formula_by_hand():
    # two points, params 0: p = 1/2 everywhere, grad = (1/n) sum (p - c) [x, y, 1]
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    c = np.array([1.0, 0.0])
    g = logistic.gradient(np.zeros(3), X, c)
    np.testing.assert_allclose(g, [(-0.5 * 1 + 0.5 * 3) / 2, (-0.5 * 2 + 0.5 * -1) / 2, 0.0])
    assert logistic.cost(np.zeros(3), X, c) == pytest.approx(np.log(2))


def test_cost_is_finite_and_silent_for_huge_logits():
    X, c = load_xyc("separable.csv")
    params = np.array([1e4, 1e4, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any overflow / log(0) RuntimeWarning fails the test
        huge_cost = logistic.cost(params, X, c)
        g = logistic.gradient(params, X, c)
        acc = logistic.accuracy(params, X, c)
    assert np.isfinite(huge_cost) and np.all(np.isfinite(g)) and 0 <= acc <= 1
    # for |z| huge, -ln p ~ max(0, -z) when c = 1 and -ln(1 - p) ~ max(0, z) when c = 0
    z = 1e4 * (X[:, 0] + X[:, 1])
    asymptote = np.mean(np.maximum(0.0, np.where(c == 1, -z, z)))
    assert asymptote > 100  # some points are badly misclassified by this line
    assert huge_cost == pytest.approx(asymptote, rel=1e-3)


def test_accuracy_and_predictions_by_hand():
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [2.0, 0.0], [0.0, 0.0]])
    c = np.array([1.0, 0.0, 0.0, 1.0])
    params = np.array([1.0, 0.0, 0.0])  # class 1 where x >= 0 (z = 0 counts as p = 1/2 -> 1)
    assert logistic.accuracy(params, X, c) == 0.75
    np.testing.assert_allclose(
        logistic.predict_proba(params, X), 1 / (1 + np.exp(-np.array([1.0, -1.0, 2.0, 0.0])))
    )


# --- gradient descent ------------------------------------------------------------------------


def test_descent_records_the_plain_recurrence():
    X, c = random_labeled(8)
    fit = logistic.gradient_descent(X, c, lr=0.7, steps=15, params0=(0.3, -0.2, 0.1))
    assert fit.params.shape == (16, 3) and fit.cost.shape == fit.accuracy.shape == (16,)
    np.testing.assert_array_equal(fit.params[0], [0.3, -0.2, 0.1])
    for k in range(15):
        step = central_gradient(lambda v: naive_cost(v, X, c), fit.params[k])
        np.testing.assert_allclose(
            fit.params[k + 1], fit.params[k] - 0.7 * step, rtol=1e-6, atol=1e-9
        )
    np.testing.assert_allclose(fit.cost, [naive_cost(p, X, c) for p in fit.params], rtol=1e-12)
    (m1, m2, b) = fit.params[-1]
    assert (fit.m1, fit.m2, fit.b) == (m1, m2, b)


def test_long_descent_lands_at_scipy_optimum(best_separable):
    X, c = load_xyc("separable.csv")
    fit = logistic.gradient_descent(X, c, lr=3.0, steps=6000)
    np.testing.assert_allclose(fit.params[-1], best_separable.x, rtol=1e-5, atol=1e-5)
    assert fit.cost[-1] == pytest.approx(best_separable.fun, rel=1e-9)
    # and scipy with the analytic gradient agrees
    res = minimize(
        logistic.cost,
        np.zeros(3),
        args=(X, c),
        jac=logistic.gradient,
        method="BFGS",
        options={"gtol": 1e-10},
    )
    np.testing.assert_allclose(res.x, best_separable.x, rtol=1e-5, atol=1e-5)


def test_shipped_lecture_logistic_fit(lecture, best_separable):
    fit = lecture.logistic
    X, c = load_xyc("separable.csv")
    np.testing.assert_array_equal(lecture.separable.X, X)
    np.testing.assert_array_equal(lecture.separable.c, c)
    assert fit.accuracy[-1] >= 0.9
    assert fit.accuracy[-1] == np.mean(((X @ fit.params[-1][:2] + fit.params[-1][2]) >= 0) == c)
    assert np.all(np.diff(fit.cost) <= 1e-12), "the cost must never rise along the slides"
    np.testing.assert_allclose(fit.cost, [naive_cost(p, X, c) for p in fit.params], rtol=1e-10)
    assert fit.cost[-1] < fit.cost[0]
    assert fit.cost[-1] >= best_separable.fun - 1e-12  # nothing beats the optimum
    assert fit.cost[-1] < best_separable.fun + 0.05  # and the slides get close to it


def test_hopeless_rings_best_line_is_near_chance(lecture):
    X, c = load_xyc("rings.csv")
    res = minimize(lambda v: naive_cost(v, X, c), np.zeros(3), method="BFGS")
    z = X @ res.x[:2] + res.x[2]
    best_accuracy = np.mean((z >= 0) == (c == 1))
    majority = max(np.mean(c), 1 - np.mean(c))
    assert best_accuracy <= 0.65
    assert majority <= 0.65
    # the lecture's fit of the same data says the same
    assert lecture.hopeless.accuracy[-1] <= 0.65
    assert lecture.hopeless.cost[-1] == pytest.approx(res.fun, abs=1e-4)


@pytest.mark.parametrize("lr", [4.0, 10.0, 1e3])
def test_too_large_learning_rate_raises(lr):
    X, c = load_xyc("separable.csv")
    with pytest.raises(ParameterError, match="Fix:") as info:
        logistic.gradient_descent(X, c, lr=lr, steps=10)
    assert info.value.name == "lr"


def test_learning_rate_bound_is_two_over_smoothness():
    # L = largest singular value of A = [x, y, 1], squared, / (4n) bounds the Hessian of J
    X, c = load_xyc("separable.csv")
    A = np.column_stack([X, np.ones(len(X))])
    L = np.linalg.svd(A, compute_uv=False)[0] ** 2 / (4 * len(A))
    assert logistic.lr_bound(X) == pytest.approx(2 / L, rel=1e-10)
    fit = logistic.gradient_descent(X, c, lr=0.99 * 2 / L, steps=50)  # accepted
    assert np.all(np.diff(fit.cost) <= 1e-12)
    with pytest.raises(ParameterError) as info:
        logistic.gradient_descent(X, c, lr=1.01 * 2 / L, steps=50)
    named = re.search(r"2/L = ([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)", str(info.value))
    assert named, str(info.value)
    assert float(named.group(1)) == pytest.approx(2 / L, rel=1e-5)


# --- the decision line drawn in a box -------------------------------------------------------


def on_line(params, point):
    m1, m2, b = params
    return m1 * point[0] + m2 * point[1] + b == pytest.approx(0.0, abs=1e-9)


def on_box_edge(point, xlim, ylim, tol=1e-9):
    x, y = point
    inside = xlim[0] - tol <= x <= xlim[1] + tol and ylim[0] - tol <= y <= ylim[1] + tol
    on_edge = min(abs(x - xlim[0]), abs(x - xlim[1]), abs(y - ylim[0]), abs(y - ylim[1])) < tol
    return inside and on_edge


def clipped_chord(params, xlim, ylim):
    """Independent oracle: parametric (Liang-Barsky) clipping of the line to the box."""
    m1, m2, b = params
    direction = np.array([-m2, m1])
    base = -b * np.array([m1, m2]) / (m1**2 + m2**2)  # the point of the line nearest 0
    t_lo, t_hi = -np.inf, np.inf
    for axis, (lo, hi) in enumerate([xlim, ylim]):
        if direction[axis] == 0:
            if not lo <= base[axis] <= hi:
                return None
            continue
        t1, t2 = (lo - base[axis]) / direction[axis], (hi - base[axis]) / direction[axis]
        t_lo, t_hi = max(t_lo, min(t1, t2)), min(t_hi, max(t1, t2))
    if t_lo >= t_hi:
        return None
    return base + t_lo * direction, base + t_hi * direction


def assert_same_segment(got, expected):
    got = sorted(tuple(p) for p in got)
    expected = sorted(tuple(p) for p in expected)
    np.testing.assert_allclose(got, expected, atol=1e-9)


def test_line_in_box_random_lines_match_clipping():
    rng = np.random.default_rng(42)
    xlim, ylim = (-3.0, 2.0), (-1.0, 4.0)
    seen_none = seen_segment = 0
    for _ in range(300):
        params = rng.normal(0.0, 1.0, 3) * [1, 1, 4]
        got = logistic.line_in_box(params, xlim, ylim)
        expected = clipped_chord(params, xlim, ylim)
        if expected is None:
            assert got is None
            seen_none += 1
            continue
        assert got is not None
        seen_segment += 1
        for point in got:
            assert on_line(params, point)
            assert on_box_edge(point, xlim, ylim)
        assert_same_segment(got, expected)
    assert seen_none > 10 and seen_segment > 100  # both cases were exercised


def test_line_in_box_known_cases():
    box = ((-2.0, 2.0), (-1.0, 1.0))
    # y = x crosses the top and bottom edges
    assert_same_segment(logistic.line_in_box([1.0, -1.0, 0.0], *box), [(-1, -1), (1, 1)])
    # horizontal line y = 0.5
    assert_same_segment(logistic.line_in_box([0.0, 2.0, -1.0], *box), [(-2, 0.5), (2, 0.5)])
    # vertical line x = 0.5
    assert_same_segment(logistic.line_in_box([2.0, 0.0, -1.0], *box), [(0.5, -1), (0.5, 1)])
    # the diagonal of the unit square, through two corners
    unit = ((0.0, 1.0), (0.0, 1.0))
    assert_same_segment(logistic.line_in_box([1.0, -1.0, 0.0], *unit), [(0, 0), (1, 1)])
    # the bottom edge itself
    assert_same_segment(logistic.line_in_box([0.0, 1.0, 0.0], *unit), [(0, 0), (1, 0)])


@pytest.mark.parametrize(
    "params", [[1.0, 0.0, -5.0], [0.0, 1.0, 3.0], [1.0, 1.0, 10.0], [0.0, 0.0, 1.0]]
)
def test_line_missing_the_box_gives_none(params):
    assert logistic.line_in_box(params, (-2.0, 2.0), (-1.0, 1.0)) is None


def test_line_in_box_for_the_lecture_fit(lecture):
    X = lecture.separable.X
    xlim = (X[:, 0].min() - 0.5, X[:, 0].max() + 0.5)
    ylim = (X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
    for params in lecture.logistic.params[[0, 1, 10, -1]]:
        segment = logistic.line_in_box(params, xlim, ylim)
        assert segment is not None
        for point in segment:
            assert on_line(params, point) and on_box_edge(point, xlim, ylim)


def test_decision_grid_shape_and_values():
    params = np.array([1.5, -0.5, 0.25])
    xs = np.linspace(-2.0, 2.0, 9)  # W = 9
    ys = np.linspace(-1.0, 3.0, 4)  # H = 4
    grid = logistic.decision_grid(params, xs, ys)
    assert grid.shape == (4, 9)
    for j, y in enumerate(ys):
        for i, x in enumerate(xs):
            expected = 1 / (1 + np.exp(-(1.5 * x - 0.5 * y + 0.25)))
            assert grid[j, i] == pytest.approx(expected, rel=1e-13)
