"""The derivations the talk skips, done by sympy from the definitions, each step as a slide
would show it, and the results compared with mathcore's numbers:

* d/dm (y - m x)^2 = -2 x (y - m x), MSE''(m) = (2/n) sum x^2 > 0, the root m = sum xy / sum x^2;
* sigma'(z) = sigma(z) (1 - sigma(z)) in two lines;
* the logistic gradient dJ/dm1 = (1/n) sum (p_i - c_i) x_i, and for m2 and b, by the chain rule;
* the softmax and cross-entropy gradient dJ/dz_k = p_k - 1[k = t] (the character network)."""

import numpy as np
import pytest
import sympy as sp

from mathcore import char_model, logistic, regression

N = 3  # symbolic data points: enough to show the sums, small enough to simplify quickly


def is_zero(expr):
    return sp.simplify(expr) == 0


def sigma(z):
    return 1 / (1 + sp.exp(-z))


# --- least squares ---------------------------------------------------------------------------


def test_derivative_of_one_squared_residual():
    x, y, m = sp.symbols("x y m", real=True)
    assert is_zero(sp.diff((y - m * x) ** 2, m) - (-2 * x * (y - m * x)))


def test_mse_derivative_second_derivative_and_root():
    m = sp.Symbol("m", real=True)
    xs = sp.symbols(f"x1:{N + 1}", positive=True)
    ys = sp.symbols(f"y1:{N + 1}", real=True)
    mse = sum((y - m * x) ** 2 for x, y in zip(xs, ys, strict=True)) / N
    d1 = sp.diff(mse, m)
    assert is_zero(
        d1 - (-sp.Rational(2, N)) * sum(x * (y - m * x) for x, y in zip(xs, ys, strict=True))
    )
    d2 = sp.diff(mse, m, 2)
    assert is_zero(d2 - sp.Rational(2, N) * sum(x**2 for x in xs))
    assert d2.is_positive  # a parabola opening upwards: the critical point is a minimum
    assert sp.diff(d2, m) == 0  # the same at every m
    (root,) = sp.solve(sp.Eq(d1, 0), m)
    sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
    assert is_zero(root - sxy / sum(x**2 for x in xs))
    # the formulas agree with mathcore at numbers
    rng = np.random.default_rng(0)
    xv, yv = rng.uniform(0.2, 1.5, N), rng.uniform(0.0, 1.0, N)
    at = {**dict(zip(xs, xv, strict=True)), **dict(zip(ys, yv, strict=True))}
    for mv in (-0.5, 0.3, 1.2):
        assert float(d1.subs(at).subs(m, mv)) == pytest.approx(
            regression.mse_prime(mv, xv, yv), rel=1e-12
        )
    assert float(root.subs(at)) == pytest.approx(
        regression.fit_through_origin(xv, yv).m_best, rel=1e-12
    )


# --- the sigmoid -----------------------------------------------------------------------------


def test_sigmoid_derivative_in_two_lines():
    z = sp.Symbol("z", real=True)
    s = sigma(z)
    # line 1: the quotient (or chain) rule on (1 + e^{-z})^{-1}
    line1 = sp.exp(-z) / (1 + sp.exp(-z)) ** 2
    assert is_zero(sp.diff(s, z) - line1)
    # line 2: split it as 1/(1 + e^{-z}) times e^{-z}/(1 + e^{-z}), and the second factor
    # is 1 - sigma(z)
    assert is_zero(line1 - s * (sp.exp(-z) / (1 + sp.exp(-z))))
    assert is_zero(sp.exp(-z) / (1 + sp.exp(-z)) - (1 - s))
    assert is_zero(sp.diff(s, z) - s * (1 - s))
    assert sp.diff(s, z).subs(z, 0) == sp.Rational(1, 4)  # steepest at 0, slope 1/4


# --- the logistic gradient -------------------------------------------------------------------


def logistic_symbols():
    m1, m2, b = sp.symbols("m1 m2 b", real=True)
    xs = sp.symbols(f"x1:{N + 1}", real=True)
    ys = sp.symbols(f"y1:{N + 1}", real=True)
    cs = sp.symbols(f"c1:{N + 1}", real=True)
    return m1, m2, b, xs, ys, cs


def test_one_point_chain_rule_gives_p_minus_c():
    # J_i = -[c ln p + (1 - c) ln(1 - p)],  p = sigma(z),  z = m1 x + m2 y + b
    c, p_ = sp.symbols("c p", real=True)
    m1, m2, b, x, y = sp.symbols("m1 m2 b x y", real=True)
    J_of_p = -(c * sp.log(p_) + (1 - c) * sp.log(1 - p_))
    dJ_dp = sp.diff(J_of_p, p_)
    assert is_zero(dJ_dp - (p_ - c) / (p_ * (1 - p_)))
    # dJ/dz = dJ/dp * dp/dz = (p - c)/(p(1 - p)) * p(1 - p) = p - c
    assert is_zero(dJ_dp * p_ * (1 - p_) - (p_ - c))
    z = m1 * x + m2 * y + b
    J = J_of_p.subs(p_, sigma(z))
    p = sigma(z)
    # dz/dm1 = x, dz/dm2 = y, dz/db = 1: the (p - c) * input pattern
    for param, inp in ((m1, x), (m2, y), (b, 1)):
        assert sp.diff(z, param) == inp
        assert is_zero(sp.diff(J, param) - (p - c) * inp)


def test_logistic_gradient_of_the_mean_cost():
    m1, m2, b, xs, ys, cs = logistic_symbols()
    ps = [sigma(m1 * x + m2 * y + b) for x, y in zip(xs, ys, strict=True)]
    J = -sum(c * sp.log(p) + (1 - c) * sp.log(1 - p) for c, p in zip(cs, ps, strict=True)) / N
    expected = {
        m1: sum((p - c) * x for p, c, x in zip(ps, cs, xs, strict=True)) / N,
        m2: sum((p - c) * y for p, c, y in zip(ps, cs, ys, strict=True)) / N,
        b: sum(p - c for p, c in zip(ps, cs, strict=True)) / N,
    }
    rng = np.random.default_rng(1)
    X = rng.normal(0.0, 1.0, (N, 2))
    c_num = np.array([1.0, 0.0, 1.0])
    theta = rng.normal(0.0, 1.0, 3)
    at = {m1: theta[0], m2: theta[1], b: theta[2]}
    at.update(dict(zip(xs, X[:, 0], strict=True)))
    at.update(dict(zip(ys, X[:, 1], strict=True)))
    at.update(dict(zip(cs, c_num, strict=True)))
    mathcore_gradient = logistic.gradient(theta, X, c_num)
    for k, param in enumerate((m1, m2, b)):
        derivative = sp.diff(J, param)
        assert is_zero(derivative - expected[param])
        assert float(derivative.evalf(subs=at)) == pytest.approx(mathcore_gradient[k], rel=1e-12)
    assert float(J.evalf(subs=at)) == pytest.approx(logistic.cost(theta, X, c_num), rel=1e-12)


# --- softmax and cross-entropy ---------------------------------------------------------------


@pytest.mark.parametrize("target", [0, 2])
def test_softmax_cross_entropy_gradient(target):
    V = 4
    zs = sp.symbols(f"z0:{V}", real=True)
    total = sum(sp.exp(z) for z in zs)
    ps = [sp.exp(z) / total for z in zs]
    J = -sp.log(ps[target])
    for k, z in enumerate(zs):
        assert is_zero(sp.diff(J, z) - (ps[k] - (1 if k == target else 0)))
    # with two characters it is logistic regression: p = sigma(z_1 - z_0), dJ/dz_1 = p - c
    assert is_zero(ps[1].subs({zs[2]: -sp.oo, zs[3]: -sp.oo}) - sigma(zs[1] - zs[0]))
    # and the numbers agree with mathcore's softmax
    values = np.array([0.3, -1.2, 2.0, 0.5])
    at = dict(zip(zs, values, strict=True))
    p_num = char_model.softmax(values)
    for k in range(V):
        assert float(ps[k].evalf(subs=at)) == pytest.approx(p_num[k], rel=1e-12)
