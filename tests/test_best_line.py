"""The best straight line on the rings: by cross-entropy (checked against scipy.optimize) and
by accuracy (checked against a brute-force search over directions and every offset, a plain
loop over every line through two points, and random lines)."""

from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import minimize

from mathcore import best_line
from mathcore.data import load_labeled
from mathcore.errors import LectureInputError

ROOT = Path(__file__).resolve().parents[1]
RINGS = ROOT / "assets" / "rings.csv"


def rings():
    points = load_labeled(RINGS)
    return points.X, points.c


def correct_by_loop(w1, w2, b, X, c):
    """Points on their class's side of w1 x + w2 y + b = 0 (class 1 where >= 0), one by one."""
    return sum(
        int((w1 * x + w2 * y + b >= 0.0) == (ci == 1.0)) for (x, y), ci in zip(X, c, strict=True)
    )


def best_by_direction_grid(X, c, angles):
    """For each normal direction, every cut of the points' projections (all offsets that
    matter): the most points any line with one of these normals gets right."""
    best = 0
    for angle in angles:
        s = X @ np.array([np.cos(angle), np.sin(angle)])
        order = np.argsort(s)
        s, cs = s[order], c[order]
        # the first m points below the line (class 0), the rest above (class 1), m = 0..n
        zeros_below = np.concatenate([[0], np.cumsum(cs == 0)])
        ones_above = np.sum(cs == 1) - np.concatenate([[0], np.cumsum(cs == 1)])
        score = zeros_below + ones_above
        ties = np.concatenate([[False], s[1:] == s[:-1], [False]])  # no cut between equals
        best = max(best, int(np.max(score[~ties])))
    return best


def best_by_pair_loop(X, c, eps=1e-7):
    """Every line through two points, each nudged four ways (shifted to either side, turned
    either way about the pair's midpoint), both sides as class 1: the exhaustive optimum for
    points in general position."""
    best = 0
    n = len(c)
    for i in range(n):
        for j in range(i + 1, n):
            (x1, y1), (x2, y2) = X[i], X[j]
            dx, dy = x2 - x1, y2 - y1
            w1, w2 = -dy, dx  # normal of the line through both
            b = -(w1 * x1 + w2 * y1)
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            for sign in (1.0, -1.0):
                candidates = [
                    (sign * w1, sign * w2, sign * b + eps),
                    (sign * w1, sign * w2, sign * b - eps),
                ]
                for turn in (eps, -eps):
                    t1, t2 = sign * w1 + turn * dx, sign * w2 + turn * dy
                    candidates.append((t1, t2, -(t1 * mx + t2 * my)))
                for line in candidates:
                    best = max(best, correct_by_loop(*line, X, c))
    return best


def random_set(seed, n):
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 1.0, (n, 2))
    c = (rng.random(n) < 0.5).astype(float)
    c[0], c[1] = 0.0, 1.0
    return X, c


# --- by accuracy -----------------------------------------------------------------------------


def test_best_line_on_the_rings_is_about_70_percent():
    X, c = rings()
    line = best_line.best_line_by_accuracy(X, c)
    assert line.n == 160
    assert line.n_correct == correct_by_loop(*line.params, X, c)
    assert line.accuracy == line.n_correct / 160
    assert 0.65 <= line.accuracy <= 0.75  # the "about 70%"
    assert np.hypot(*line.normal) == pytest.approx(1.0)
    # it passes (within the nudge) by the two points it was found through
    for k in line.through:
        assert abs(line.params[:2] @ X[k] + line.offset) < 1e-3


def test_best_line_on_the_rings_matches_a_dense_direction_search():
    X, c = rings()
    line = best_line.best_line_by_accuracy(X, c)
    grid = best_by_direction_grid(X, c, np.linspace(0.0, 2 * np.pi, 2880, endpoint=False))
    assert grid <= line.n_correct  # nothing the grid finds beats the exact search
    assert grid >= line.n_correct - 1  # and the grid comes within a point of it


@pytest.mark.parametrize(("seed", "n"), [(0, 7), (1, 9), (2, 12), (3, 14), (4, 16)])
def test_no_line_beats_it_on_small_random_sets(seed, n):
    X, c = random_set(seed, n)
    line = best_line.best_line_by_accuracy(X, c)
    assert line.n_correct == correct_by_loop(*line.params, X, c)
    assert line.n_correct == best_by_pair_loop(X, c)
    rng = np.random.default_rng(100 + seed)
    for _ in range(3000):
        w1, w2, b = rng.normal(0.0, 1.0, 3) * [1.0, 1.0, 2.0]
        assert correct_by_loop(w1, w2, b, X, c) <= line.n_correct


def test_collinear_points_are_split_along_their_line():
    # five points on y = 0 labelled 1 1 0 0 0 from left to right, and two off the line:
    # the best line crosses y = 0 between x = 1 and x = 2 and gets all seven
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [0, 2.0], [4, -2.0]])
    c = np.array([1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
    line = best_line.best_line_by_accuracy(X, c)
    assert line.n_correct == 7 == correct_by_loop(*line.params, X, c)
    # alternating classes on one line with nothing else: a line gets at most 3 of 4 right
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    c = np.array([1.0, 0.0, 1.0, 0.0])
    line = best_line.best_line_by_accuracy(X, c)
    assert line.n_correct == 3 == correct_by_loop(*line.params, X, c)
    assert best_by_direction_grid(X, c, np.linspace(0, 2 * np.pi, 720, endpoint=False)) == 3


def test_repeated_points_and_separable_data():
    X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [3.0, 3.0], [3.0, 3.0], [4.0, 3.0]])
    c = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    line = best_line.best_line_by_accuracy(X, c)
    assert line.accuracy == 1.0 and correct_by_loop(*line.params, X, c) == 6


def test_all_points_at_one_place_is_refused():
    with pytest.raises(LectureInputError, match="Fix:"):
        best_line.best_line_by_accuracy(np.ones((3, 2)), np.array([0.0, 1.0, 1.0]))


def test_line_accuracy_by_hand():
    X = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0]])
    c = np.array([0.0, 1.0, 1.0])
    # x + y - 1 >= 0 holds at (2, 0) and (0, 2): all three right
    assert best_line.line_accuracy([1.0, 1.0, -1.0], X, c) == (3, 1.0)
    # the line x + y = 0 passes through (0, 0), counted on the class-1 side (>= 0)
    assert best_line.line_accuracy([1.0, 1.0, 0.0], X, c) == (2, 2 / 3)


# --- by cross-entropy ------------------------------------------------------------------------


def naive_cost(params, X, c):
    m1, m2, b = params
    z = m1 * X[:, 0] + m2 * X[:, 1] + b
    return float(np.mean(c * np.logaddexp(0.0, -z) + (1 - c) * np.logaddexp(0.0, z)))


def naive_gradient(params, X, c):
    m1, m2, b = params
    p = 1.0 / (1.0 + np.exp(-(m1 * X[:, 0] + m2 * X[:, 1] + b)))
    return np.array([np.mean((p - c) * X[:, 0]), np.mean((p - c) * X[:, 1]), np.mean(p - c)])


def test_logistic_optimum_on_the_rings_is_near_ln2_with_weights_near_0():
    X, c = rings()
    opt = best_line.logistic_optimum(X, c)
    res = minimize(
        naive_cost,
        np.zeros(3),
        args=(X, c),
        jac=naive_gradient,
        method="BFGS",
        options={"gtol": 1e-12},
    )
    np.testing.assert_allclose(opt.params, res.x, atol=1e-6)
    assert opt.cost == pytest.approx(res.fun, rel=1e-10)
    assert opt.cost == pytest.approx(naive_cost(opt.params, X, c), rel=1e-12)
    assert opt.converged and opt.grad_norm < 1e-10
    assert opt.ln2 == np.log(2.0)
    assert np.mean(c) == 0.5 and opt.cost_constant == pytest.approx(np.log(2.0), rel=1e-15)
    # the model gives up: J within a thousandth of ln 2, weights near 0, a coin flip
    assert opt.cost <= opt.ln2 and opt.ln2 - opt.cost < 1e-3
    assert opt.weight_norm < 0.1
    assert 0.4 <= opt.accuracy <= 0.6
    assert opt.accuracy == best_line.line_accuracy(opt.params, X, c)[1]


def test_logistic_optimum_matches_scipy_on_overlapping_random_data():
    rng = np.random.default_rng(7)
    X = rng.normal(0.0, 1.0, (80, 2))
    c = (X[:, 0] + 0.5 * X[:, 1] + rng.normal(0.0, 1.0, 80) > 0).astype(float)
    opt = best_line.logistic_optimum(X, c)
    res = minimize(naive_cost, np.zeros(3), args=(X, c), jac=naive_gradient, method="BFGS")
    np.testing.assert_allclose(opt.params, res.x, atol=1e-4)
    assert opt.cost <= res.fun + 1e-12 and opt.converged
    share = np.mean(c)
    assert opt.cost_constant == pytest.approx(
        -(share * np.log(share) + (1 - share) * np.log(1 - share))
    )
    assert opt.cost < opt.cost_constant  # a real tilt helps here


def test_separable_data_has_no_optimum():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [3.0, 3.0], [4.0, 3.0], [3.0, 4.0]])
    c = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    opt = best_line.logistic_optimum(X, c)
    assert not opt.converged
    assert opt.accuracy == 1.0 and opt.cost < 1e-6 and opt.weight_norm > 10
