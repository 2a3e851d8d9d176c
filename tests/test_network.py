"""The one-hidden-layer network and backpropagation, checked against finite differences of a
naive forward pass, sympy's symbolic derivatives of the slide's formulas, and hand arithmetic."""

from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from mathcore import network
from mathcore.errors import LectureInputError
from mathcore.network import NetworkParams
from tests.oracles import central_gradient

ROOT = Path(__file__).resolve().parents[1]


def load_xyc(name):
    table = np.loadtxt(ROOT / "assets" / name, delimiter=",", skiprows=1)
    return table[:, :2], table[:, 2]


def naive_forward(params, x, y):
    """One input, unit by unit, with math written out: returns (z1, a, z2, p)."""
    k = len(params.b1)
    z1 = [params.theta1[i, 0] * x + params.theta1[i, 1] * y + params.b1[i] for i in range(k)]
    a = [1.0 / (1.0 + np.exp(-z)) for z in z1]
    z2 = sum(params.theta2[i] * a[i] for i in range(k)) + params.b2
    return np.array(z1), np.array(a), z2, 1.0 / (1.0 + np.exp(-z2))


def naive_cost(params, X, c):
    """-(1/n) sum [c ln p + (1 - c) ln(1 - p)], with ln p = -ln(1 + e^-z2) and
    ln(1 - p) = -ln(1 + e^z2) so confident points do not give log(0)."""
    total = 0.0
    for (x, y), ci in zip(X, c, strict=True):
        z2 = naive_forward(params, x, y)[2]
        total += ci * np.logaddexp(0.0, -z2) + (1 - ci) * np.logaddexp(0.0, z2)
    return total / len(c)


def random_params(seed, hidden, scale=1.0):
    rng = np.random.default_rng(seed)
    return NetworkParams(
        theta1=rng.normal(0, scale, (hidden, 2)),
        b1=rng.normal(0, scale, hidden),
        theta2=rng.normal(0, scale, hidden),
        b2=float(rng.normal(0, scale)),
    )


def random_data(seed, n=25):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1.2, (n, 2))
    c = (np.hypot(X[:, 0], X[:, 1]) < 1.2).astype(float)
    return X, c


# --- parameters and forward pass -------------------------------------------------------------


def test_flat_and_from_flat_are_inverse():
    params = random_params(0, 3)
    v = params.flat()
    assert v.shape == (4 * 3 + 1,)
    np.testing.assert_array_equal(v[:6], params.theta1.ravel())
    np.testing.assert_array_equal(v[-1], params.b2)
    back = NetworkParams.from_flat(v, 3)
    for name in ("theta1", "b1", "theta2"):
        np.testing.assert_array_equal(getattr(back, name), getattr(params, name))
    assert back.b2 == params.b2 and back.hidden == 3


def test_forward_matches_naive_forward():
    params = random_params(1, 4)
    X, _ = random_data(1)
    fp = network.forward(params, X)
    assert fp.z1.shape == fp.a.shape == (len(X), 4)
    assert fp.z2.shape == fp.p.shape == (len(X),)
    for i, (x, y) in enumerate(X):
        z1, a, z2, p = naive_forward(params, x, y)
        np.testing.assert_allclose(fp.z1[i], z1, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(fp.a[i], a, rtol=1e-12)
        assert fp.z2[i] == pytest.approx(z2, rel=1e-12, abs=1e-14)
        assert fp.p[i] == pytest.approx(p, rel=1e-12)


def test_cost_and_accuracy_match_naive():
    params = random_params(2, 3)
    X, c = random_data(2)
    assert network.cost(params, X, c) == pytest.approx(naive_cost(params, X, c), rel=1e-12)
    p = np.array([naive_forward(params, x, y)[3] for x, y in X])
    assert network.accuracy(params, X, c) == np.mean((p >= 0.5) == (c == 1))


# --- backpropagation against finite differences ----------------------------------------------


@pytest.mark.parametrize(("seed", "hidden"), [(3, 1), (4, 2), (5, 4), (6, 7)])
def test_backprop_matches_finite_differences_for_every_parameter(seed, hidden):
    params = random_params(seed, hidden, scale=1.5)
    X, c = random_data(seed)
    grad = network.backprop(params, X, c).flat()
    assert grad.shape == (4 * hidden + 1,)
    fd = central_gradient(
        lambda v: naive_cost(NetworkParams.from_flat(v, hidden), X, c), params.flat()
    )
    np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-9)


def test_backprop_matches_finite_differences_at_the_trained_lecture_network(lecture):
    params = lecture.network.final
    X, c = load_xyc("rings.csv")
    grad = network.backprop(params, X, c).flat()
    fd = central_gradient(
        lambda v: network.cost(NetworkParams.from_flat(v, params.hidden), X, c), params.flat()
    )
    np.testing.assert_allclose(grad, fd, rtol=1e-5, atol=1e-8)
    fd_naive = central_gradient(
        lambda v: naive_cost(NetworkParams.from_flat(v, params.hidden), X, c), params.flat()
    )
    np.testing.assert_allclose(grad, fd_naive, rtol=1e-5, atol=1e-8)


# --- the backprop slide ----------------------------------------------------------------------


def example_cost_by(params, ex, name, index, value):
    """Cost of the slide's single example after setting params.<name>[index] = value."""
    theta1, theta2 = params.theta1.copy(), params.theta2.copy()
    {"theta1": theta1, "theta2": theta2}[name][index] = value
    moved = NetworkParams(theta1=theta1, b1=params.b1, theta2=theta2, b2=params.b2)
    return network.example_cost(moved, ex.x, ex.y, ex.c)


def check_slide_example(params, ex, h=1e-6):
    u = ex.unit
    t2 = params.theta2[u]
    fd_t2 = (
        example_cost_by(params, ex, "theta2", u, t2 + h)
        - example_cost_by(params, ex, "theta2", u, t2 - h)
    ) / (2 * h)
    t11 = params.theta1[u, 0]
    fd_t11 = (
        example_cost_by(params, ex, "theta1", (u, 0), t11 + h)
        - example_cost_by(params, ex, "theta1", (u, 0), t11 - h)
    ) / (2 * h)
    assert ex.dJ_dtheta1_2 == pytest.approx(fd_t2, rel=1e-6, abs=1e-9)
    assert ex.dJ_dtheta11_1 == pytest.approx(fd_t11, rel=1e-6, abs=1e-9)
    # the finite-difference check the slide shows, where the example carries one
    for field, fd in (("fd_dJ_dtheta1_2", fd_t2), ("fd_dJ_dtheta11_1", fd_t11)):
        if hasattr(ex, field):
            assert getattr(ex, field) == pytest.approx(fd, rel=1e-6, abs=1e-9)
    # the chain of factors multiplies out to each derivative
    assert ex.dJ_dp * ex.dp_dz2 * ex.dz2_dtheta1_2 == pytest.approx(ex.dJ_dtheta1_2, rel=1e-12)
    product = ex.dJ_dp * ex.dp_dz2 * ex.dz2_da1 * ex.da1_dz1 * ex.dz1_dtheta11
    assert product == pytest.approx(ex.dJ_dtheta11_1, rel=1e-12)
    # each value recomputed from the input and the weights
    z1, a, z2, p = naive_forward(params, ex.x, ex.y)
    assert (ex.z1, ex.a1, ex.z2, ex.p) == pytest.approx((z1[u], a[u], z2, p), rel=1e-12, abs=1e-14)
    assert ex.theta1_2 == t2 and ex.theta11_1 == t11
    assert ex.dz2_dtheta1_2 == pytest.approx(a[u]) and ex.dz2_da1 == t2
    assert ex.dz1_dtheta11 == ex.x
    # each local factor against its own finite difference
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    assert ex.dp_dz2 == pytest.approx((sig(z2 + h) - sig(z2 - h)) / (2 * h), rel=1e-6)
    assert ex.da1_dz1 == pytest.approx((sig(z1[u] + h) - sig(z1[u] - h)) / (2 * h), rel=1e-6)
    J = lambda q: -(ex.c * np.log(q) + (1 - ex.c) * np.log(1 - q))  # noqa: E731
    hp = 1e-7
    assert ex.dJ_dp == pytest.approx((J(p + hp) - J(p - hp)) / (2 * hp), rel=1e-5)


@pytest.mark.parametrize(("seed", "index", "unit"), [(7, 0, 0), (8, 3, 1), (9, 5, 2)])
def test_slide_derivatives_at_random_points(seed, index, unit):
    params = random_params(seed, 3, scale=1.5)
    X, c = random_data(seed)
    check_slide_example(params, network.backprop_example_at(params, X, c, index, unit))


def test_slide_derivatives_of_the_lecture_example(lecture):
    ex = lecture.backprop
    params = lecture.network.final
    X, c = load_xyc("rings.csv")
    assert (ex.x, ex.y, ex.c) == (X[ex.index, 0], X[ex.index, 1], c[ex.index])
    check_slide_example(params, ex)
    # the slide's numbers agree with the full backprop on that one example
    g = network.backprop(params, X[ex.index : ex.index + 1], c[ex.index : ex.index + 1])
    assert g.theta2[ex.unit] == pytest.approx(ex.dJ_dtheta1_2, rel=1e-12)
    assert g.theta1[ex.unit, 0] == pytest.approx(ex.dJ_dtheta11_1, rel=1e-12)


def test_lecture_example_is_the_most_telling_unsure_point(lecture):
    ex = lecture.backprop
    params = lecture.network.final
    X, c = load_xyc("rings.csv")
    assert abs(ex.p - ex.c) >= 0.1  # not a point the network is already sure of
    assert ex.dJ_dtheta11_1 != 0.0
    sizes = []
    for (x, y), ci in zip(X, c, strict=True):
        _, a, _, p = naive_forward(params, x, y)
        unsure = abs(p - ci) >= 0.1
        sizes.append(abs((p - ci) * a[0] * (1 - a[0]) * x) if unsure else -1.0)
    assert ex.index == int(np.argmax(sizes))


def test_choose_example_refuses_a_network_that_fits_everything():
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [2.0, 1.0]])
    c = np.array([1.0, 0.0, 1.0])
    sure = NetworkParams(
        theta1=np.array([[20.0, 0.0]]), b1=np.array([0.0]), theta2=np.array([40.0]), b2=-20.0
    )
    with pytest.raises(LectureInputError, match="Fix:"):
        network.choose_backprop_example(sure, X, c)


# --- symbolic check of the slide's algebra (sympy) -------------------------------------------


def is_zero(expr):
    return sp.simplify(expr) == 0


def test_slide_formulas_symbolically():
    x, y, c = sp.symbols("x y c", real=True)
    t11, t12, b1, t2, t2_other, a_other, b2 = sp.symbols(
        "theta11 theta12 b1 theta2 theta2_other a_other b2", real=True
    )
    sigma = lambda z: 1 / (1 + sp.exp(-z))  # noqa: E731
    z1 = t11 * x + t12 * y + b1
    a1 = sigma(z1)
    # other hidden units (a_other does not depend on theta11 or theta2) and the output bias
    z2 = t2 * a1 + t2_other * a_other + b2
    p = sigma(z2)
    J = -(c * sp.log(p) + (1 - c) * sp.log(1 - p))

    assert is_zero(sp.diff(J, t2) - (p - c) * a1)
    assert is_zero(sp.diff(J, t11) - (p - c) * t2 * a1 * (1 - a1) * x)

    # the intermediate steps of the slide
    P, Z, A = sp.symbols("p z a", real=True)
    J_of_p = -(c * sp.log(P) + (1 - c) * sp.log(1 - P))
    assert is_zero(sp.diff(J_of_p, P) - (P - c) / (P * (1 - P)))  # dJ/dp
    assert is_zero(sp.diff(sigma(Z), Z) - sigma(Z) * (1 - sigma(Z)))  # dp/dz2 = p(1 - p)
    assert is_zero(sp.diff(sigma(Z), Z).subs(sp.exp(-Z), (1 - A) / A) - A * (1 - A))  # a(1-a)
    A1 = sp.Symbol("a1", real=True)
    z2_of_a1 = t2 * A1 + t2_other * a_other + b2
    assert sp.diff(z2_of_a1, t2) == A1  # dz2/dtheta2 = a1
    assert sp.diff(z2_of_a1, A1) == t2  # dz2/da1 = theta2
    assert sp.diff(z1, t11) == x  # dz1/dtheta11 = x
    # the talk's sign slip: without the minus, dJ/dp has the opposite sign
    talk = c * sp.log(P) + (1 - c) * sp.log(1 - P)
    assert is_zero(sp.diff(talk, P) + (P - c) / (P * (1 - P)))


def test_slide_formulas_symbolic_values_match_numbers(lecture):
    # substitute the lecture example's numbers into sympy's derivative
    ex = lecture.backprop
    params = lecture.network.final
    k = params.hidden
    theta1 = sp.Matrix(k, 2, lambda i, j: sp.Symbol(f"theta1_{i}{j}", real=True))
    b1 = sp.symbols(f"b1_0:{k}", real=True)
    theta2 = sp.symbols(f"theta2_0:{k}", real=True)
    b2 = sp.Symbol("b2", real=True)
    sigma = lambda z: 1 / (1 + sp.exp(-z))  # noqa: E731
    a = [sigma(theta1[i, 0] * ex.x + theta1[i, 1] * ex.y + b1[i]) for i in range(k)]
    p = sigma(sum(theta2[i] * a[i] for i in range(k)) + b2)
    J = -(ex.c * sp.log(p) + (1 - ex.c) * sp.log(1 - p))
    at = {b2: params.b2}
    for i in range(k):
        at.update(
            {
                theta1[i, 0]: params.theta1[i, 0],
                theta1[i, 1]: params.theta1[i, 1],
                b1[i]: params.b1[i],
                theta2[i]: params.theta2[i],
            }
        )
    d_theta2 = float(sp.diff(J, theta2[ex.unit]).evalf(subs=at))
    d_theta11 = float(sp.diff(J, theta1[ex.unit, 0]).evalf(subs=at))
    assert ex.dJ_dtheta1_2 == pytest.approx(d_theta2, rel=1e-10)
    assert ex.dJ_dtheta11_1 == pytest.approx(d_theta11, rel=1e-10)


# --- the lecture's trained network -----------------------------------------------------------


def test_lecture_network_learns_the_rings(lecture):
    training = lecture.network
    X, c = load_xyc("rings.csv")
    final = training.final
    assert training.accuracy[-1] >= 0.95
    p = np.array([naive_forward(final, x, y)[3] for x, y in X])
    assert np.mean((p >= 0.5) == (c == 1)) == training.accuracy[-1]
    assert training.cost[-1] == pytest.approx(naive_cost(final, X, c), rel=1e-10)
    assert training.cost[-1] < training.cost[0]
    assert training.theta1.shape == (training.steps + 1, training.hidden, 2)
    # beats the best straight line by far
    assert training.accuracy[-1] > lecture.hopeless.accuracy[-1] + 0.3


def test_training_records_the_plain_recurrence():
    X, c = random_data(10)
    t = network.train(X, c, hidden=3, lr=0.8, steps=4, seed=5)
    for k in range(4):
        before, after = t.params_at(k), t.params_at(k + 1)
        fd = central_gradient(
            lambda v: naive_cost(NetworkParams.from_flat(v, 3), X, c), before.flat()
        )
        np.testing.assert_allclose(after.flat(), before.flat() - 0.8 * fd, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(
        t.cost, [naive_cost(t.params_at(k), X, c) for k in range(5)], rtol=1e-12
    )


def test_training_is_deterministic_per_seed():
    X, c = load_xyc("rings.csv")
    first = network.train(X, c, hidden=4, lr=2.0, steps=30, seed=0)
    again = network.train(X, c, hidden=4, lr=2.0, steps=30, seed=0)
    other = network.train(X, c, hidden=4, lr=2.0, steps=30, seed=1)
    for name in ("theta1", "b1", "theta2", "b2", "cost", "accuracy"):
        np.testing.assert_array_equal(getattr(first, name), getattr(again, name))
    assert not np.array_equal(first.theta1[0], other.theta1[0])
    assert not np.array_equal(first.cost, other.cost)


def test_lecture_network_is_reproducible(lecture):
    s = lecture.settings
    X, c = load_xyc("rings.csv")
    again = network.train(
        X, c, hidden=s.hidden, lr=s.network_lr, steps=s.network_steps, seed=s.network_seed
    )
    np.testing.assert_array_equal(again.final.flat(), lecture.network.final.flat())


# --- the decision grid ------------------------------------------------------------------------


def test_decision_grid_shape_and_values():
    params = random_params(11, 4)
    xs = np.linspace(-2.0, 3.0, 7)  # W = 7
    ys = np.linspace(-1.0, 1.0, 5)  # H = 5
    grid = network.decision_grid(params, xs, ys)
    assert grid.shape == (5, 7)
    for j, y in enumerate(ys):
        for i, x in enumerate(xs):
            assert grid[j, i] == pytest.approx(naive_forward(params, x, y)[3], rel=1e-12)
            assert grid[j, i] == pytest.approx(
                network.forward(params, np.array([[x, y]])).p[0], rel=1e-14
            )


# --- bad parameters ---------------------------------------------------------------------------


def test_numpy_integer_hidden_units_and_steps_are_accepted():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    c = np.array([0.0, 1.0, 1.0])
    trained = network.train(X, c, hidden=np.int64(2), lr=0.5, steps=np.int64(3), seed=0)
    assert trained.hidden == 2 and trained.steps == 3
