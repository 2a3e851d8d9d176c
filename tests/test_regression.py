"""Least squares through the origin and gradient descent on MSE(m), checked against
numpy.linalg.lstsq, scipy.optimize.minimize_scalar, finite differences and hand arithmetic."""

import re
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from mathcore import regression
from mathcore.data import load_scores
from mathcore.errors import LectureInputError, ParameterError

ROOT = Path(__file__).resolve().parents[1]
SCORES_CSV = ROOT / "assets" / "test_scores.csv"


def naive_mse(m, x, y):
    """(1/n) sum (y_i - m x_i)^2 with a plain Python loop."""
    return sum((yi - m * xi) ** 2 for xi, yi in zip(x, y, strict=True)) / len(x)


def shipped_xy():
    """The shipped scores in units of 100 points, read with numpy (not mathcore)."""
    table = np.loadtxt(SCORES_CSV, delimiter=",", skiprows=1)
    return table[:, 0] / 100.0, table[:, 1] / 100.0


def random_xy(seed, n=50):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.2, 1.5, n)
    y = 0.7 * x + rng.normal(0.0, 0.1, n)
    return x, y


DATASETS = {
    "shipped": shipped_xy,
    "random-1": lambda: random_xy(1),
    "random-2": lambda: random_xy(2, n=7),
    "random-negative-slope": lambda: (lambda x, y: (x, -3 * y))(*random_xy(3)),
}


@pytest.fixture(params=sorted(DATASETS))
def xy(request):
    return DATASETS[request.param]()


# --- closed form ----------------------------------------------------------------------------


def test_m_best_matches_lstsq_through_origin(xy):
    x, y = xy
    (m_lstsq,), *_ = np.linalg.lstsq(x[:, None], y, rcond=None)  # one column: no intercept
    fit = regression.fit_through_origin(x, y)
    assert fit.m_best == pytest.approx(m_lstsq, rel=1e-12)
    assert fit.sum_xy == pytest.approx(float(np.sum(x * y)), rel=1e-12)
    assert fit.sum_xx == pytest.approx(float(np.sum(x * x)), rel=1e-12)
    assert fit.mse_best == pytest.approx(naive_mse(m_lstsq, x, y), rel=1e-10)


def test_m_best_minimizes_mse_numerically(xy):
    x, y = xy
    res = minimize_scalar(
        lambda m: regression.mse(m, x, y), bracket=(-10.0, 10.0), options={"xtol": 1e-12}
    )
    fit = regression.fit_through_origin(x, y)
    assert fit.m_best == pytest.approx(res.x, abs=1e-6)
    assert fit.mse_best <= res.fun + 1e-15


def test_m_best_of_shipped_lecture_matches_lstsq(lecture):
    x, y = shipped_xy()
    np.testing.assert_allclose(lecture.regression.x, x, rtol=0, atol=0)
    np.testing.assert_allclose(lecture.regression.y, y, rtol=0, atol=0)
    (m_lstsq,), *_ = np.linalg.lstsq(x[:, None], y, rcond=None)
    assert lecture.regression.fit.m_best == pytest.approx(m_lstsq, rel=1e-12)


def test_m_best_with_load_scores_scaled_by_100():
    scores = load_scores(SCORES_CSV)
    x, y = shipped_xy()
    fit = regression.fit_through_origin(scores.test1 / 100, scores.test2 / 100)
    assert fit.m_best == pytest.approx(np.dot(x, y) / np.dot(x, x), rel=1e-12)


def test_m_best_is_scale_free_for_common_units():
    # y = m x is unchanged when x and y are measured in the same (any) unit
    x, y = shipped_xy()
    raw = regression.fit_through_origin(100 * x, 100 * y)
    scaled = regression.fit_through_origin(x, y)
    assert raw.m_best == pytest.approx(scaled.m_best, rel=1e-12)


def test_all_x_zero_raises():
    with pytest.raises(ParameterError, match="Fix:") as info:
        regression.fit_through_origin(np.zeros(5), np.arange(5.0))
    assert isinstance(info.value, LectureInputError)


# --- MSE and its derivative -----------------------------------------------------------------


@pytest.mark.parametrize("m", [-2.0, 0.0, 0.3, 0.94, 1.7])
def test_mse_matches_loop_and_mse_prime_matches_central_difference(xy, m):
    x, y = xy
    assert regression.mse(m, x, y) == pytest.approx(naive_mse(m, x, y), rel=1e-12)
    h = 1e-5
    central = (naive_mse(m + h, x, y) - naive_mse(m - h, x, y)) / (2 * h)
    assert regression.mse_prime(m, x, y) == pytest.approx(central, rel=1e-7, abs=1e-9)


def test_mse_and_mse_prime_vectorized_equal_the_loop(xy):
    x, y = xy
    ms = np.linspace(-1.0, 2.5, 41)
    values = regression.mse(ms, x, y)
    slopes = regression.mse_prime(ms, x, y)
    assert values.shape == slopes.shape == ms.shape
    np.testing.assert_allclose(values, [naive_mse(m, x, y) for m in ms], rtol=1e-12)
    np.testing.assert_allclose(values, [regression.mse(float(m), x, y) for m in ms], rtol=1e-14)
    np.testing.assert_allclose(
        slopes, [regression.mse_prime(float(m), x, y) for m in ms], rtol=1e-12, atol=1e-15
    )
    assert isinstance(regression.mse(0.5, x, y), float)
    assert isinstance(regression.mse_prime(0.5, x, y), float)


def test_residuals_are_vertical_distances(xy):
    x, y = xy
    r = regression.residuals(0.8, x, y)
    np.testing.assert_allclose(r, [yi - 0.8 * xi for xi, yi in zip(x, y, strict=True)])


# --- a hand-checkable toy -------------------------------------------------------------------


def test_toy_example_by_hand():
    x, y = np.array([1.0, 2.0]), np.array([2.0, 4.0])
    fit = regression.fit_through_origin(x, y)
    # sum xy = 1*2 + 2*4 = 10, sum x^2 = 1 + 4 = 5, m_best = 10/5 = 2, MSE(2) = 0
    assert (fit.sum_xy, fit.sum_xx, fit.m_best, fit.mse_best) == (10.0, 5.0, 2.0, 0.0)
    # MSE(0) = (2^2 + 4^2)/2 = 10;  MSE'(0) = -(2/2)(1*2 + 2*4) = -10
    assert regression.mse(0.0, x, y) == 10.0
    assert regression.mse_prime(0.0, x, y) == -10.0
    # m1 = 0 - 0.1*(-10) = 1;  MSE(1) = (1^2 + 2^2)/2 = 2.5;  MSE'(1) = -(1*1 + 2*2) = -5
    d = regression.gradient_descent(x, y, lr=0.1, m0=0.0, steps=1)
    assert d.m.tolist() == pytest.approx([0.0, 1.0])
    assert d.mse.tolist() == pytest.approx([10.0, 2.5])
    assert d.grad.tolist() == pytest.approx([-10.0, -5.0])
    assert d.steps == 1 and d.lr == 0.1
    # mean(x^2) = 2.5: the bound is 1/2.5 = 0.4 and each step halves the error (1 - 2*0.1*2.5)
    assert regression.lr_bound(x) == pytest.approx(0.4)
    d = regression.gradient_descent(x, y, lr=0.1, m0=0.0, steps=3)
    assert d.m.tolist() == pytest.approx([0.0, 1.0, 1.5, 1.75])


# --- gradient descent -----------------------------------------------------------------------


@pytest.mark.parametrize("lr_fraction", [0.05, 0.3, 0.45, 0.7, 0.99])
def test_each_step_contracts_the_error_by_the_exact_factor(xy, lr_fraction):
    x, y = xy
    bound = 1.0 / np.mean(x**2)
    lr = lr_fraction * bound
    m_best = np.dot(x, y) / np.dot(x, x)
    d = regression.gradient_descent(x, y, lr=lr, m0=m_best + 1.0, steps=8)
    errors = d.m - m_best
    np.testing.assert_allclose(errors[1:] / errors[:-1], 1 - 2 * lr * np.mean(x**2), rtol=1e-6)
    # and every recorded value is the plain recurrence m_{k+1} = m_k - lr MSE'(m_k)
    np.testing.assert_allclose(
        d.grad, -2 * np.mean(x * (y - d.m[:, None] * x), axis=1), rtol=1e-10, atol=1e-14
    )
    np.testing.assert_allclose(d.m[1:], d.m[:-1] - lr * d.grad[:-1], rtol=1e-12)
    np.testing.assert_allclose(d.mse, [naive_mse(m, x, y) for m in d.m], rtol=1e-10)


def test_half_the_bound_lands_on_m_best_in_one_step(xy):
    # 1 - 2 lr mean(x^2) = 0 at lr = 1/(2 mean(x^2)): Newton's step on a parabola
    x, y = xy
    d = regression.gradient_descent(x, y, lr=0.5 / np.mean(x**2), m0=5.0, steps=1)
    assert d.m[1] == pytest.approx(np.dot(x, y) / np.dot(x, x), rel=1e-12)


def test_descent_converges_to_the_closed_form(xy):
    x, y = xy
    lr = 0.3 / np.mean(x**2)
    d = regression.gradient_descent(x, y, lr=lr, m0=-3.0, steps=200)
    (m_lstsq,), *_ = np.linalg.lstsq(x[:, None], y, rcond=None)
    assert d.m[-1] == pytest.approx(m_lstsq, rel=1e-10)
    assert np.all(np.diff(d.mse) <= 1e-15)  # MSE never rises


def test_zero_steps_keeps_the_start():
    x, y = random_xy(4)
    d = regression.gradient_descent(x, y, lr=0.1, m0=0.25, steps=0)
    assert d.m.tolist() == [0.25] and d.steps == 0
    assert d.mse[0] == pytest.approx(naive_mse(0.25, x, y))


def test_shipped_lecture_descent_contracts_and_meets_m_best(lecture):
    reg = lecture.regression
    x, y, d = reg.x, reg.y, reg.descent
    m_best = np.dot(x, y) / np.dot(x, x)
    errors = d.m - m_best
    np.testing.assert_allclose(errors[1:] / errors[:-1], 1 - 2 * d.lr * np.mean(x**2), rtol=1e-6)
    assert abs(d.m[-1] - m_best) < 0.005  # the slide shows the walk reach the bottom
    assert d.lr == 0.1  # the talk's learning rate
    assert reg.lr_bound == pytest.approx(1 / np.mean(x**2), rel=1e-12)
    assert d.lr < reg.lr_bound


# --- divergence and bad parameters ----------------------------------------------------------


def _number_after(text, label):
    match = re.search(re.escape(label) + r"\s*=\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)", text)
    assert match, f"{label!r} with a number not found in: {text}"
    return float(match.group(1))


@pytest.mark.parametrize("factor", [1.0, 1.0000001, 1.5, 10.0])
def test_lr_at_or_above_bound_raises_naming_the_bound(xy, factor):
    x, y = xy
    bound = 1.0 / np.mean(x**2)
    with pytest.raises(ParameterError) as info:
        regression.gradient_descent(x, y, lr=factor * bound, m0=0.0, steps=5)
    message = str(info.value)
    assert "1/mean(x^2)" in message and "Fix:" in message
    assert _number_after(message, "1/mean(x^2)") == pytest.approx(bound, rel=1e-5)
    assert info.value.name == "lr"


def test_the_bound_is_where_plain_descent_stops_converging():
    # an oracle for the bound itself: iterate the recurrence by hand just below / above it
    x, y = random_xy(5)
    bound = 1.0 / np.mean(x**2)
    m_best = np.dot(x, y) / np.dot(x, x)
    for lr, shrinks in [(0.98 * bound, True), (1.02 * bound, False)]:
        m = m_best + 1.0
        for _ in range(300):
            m -= lr * (-2 * np.mean(x * (y - m * x)))
        assert (abs(m - m_best) < 1.0) == shrinks
    regression.gradient_descent(x, y, lr=0.98 * bound, m0=0.0, steps=3)  # accepted


def test_raw_scores_with_the_talks_learning_rate_raise():
    table = np.loadtxt(SCORES_CSV, delimiter=",", skiprows=1)
    x, y = table[:, 0], table[:, 1]  # out of 100, not divided
    with pytest.raises(ParameterError) as info:
        regression.gradient_descent(x, y, lr=0.1, m0=0.0, steps=60)
    message = str(info.value)
    assert "1/mean(x^2)" in message
    assert _number_after(message, "1/mean(x^2)") == pytest.approx(1 / np.mean(x**2), rel=1e-5)
    assert "/ 100" in message or "units" in message  # the fix says to rescale


def test_descent_on_all_zero_x_raises_parameter_error():
    with pytest.raises(ParameterError, match="Fix:"):
        regression.gradient_descent(np.zeros(4), np.ones(4), lr=0.1, m0=0.0, steps=3)
