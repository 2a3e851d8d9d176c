"""``python -m mathcore values``: every number the scenes draw, as strict JSON, each checked
against an oracle recomputed here from the exported data and parameters."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mathcore.__main__ import main
from mathcore.config import default_settings

ROOT = Path(__file__).resolve().parents[1]


def strict_loads(text):
    """json.loads that refuses NaN / Infinity (not valid JSON for other readers)."""

    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def values():
    done = subprocess.run(
        [sys.executable, "-m", "mathcore", "values"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return strict_loads(done.stdout)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def nll(z, c):
    """-(c ln p + (1 - c) ln(1 - p)) with p = sigma(z), via ln(1 + e^t)."""
    return c * np.logaddexp(0.0, -z) + (1 - c) * np.logaddexp(0.0, z)


# --- keys -------------------------------------------------------------------------------------


REQUIRED = {
    "regression": {"x", "y", "sum_xy", "sum_xx", "m_best", "mse_best", "descent"},
    "logistic": {"X", "c", "lr", "params", "cost", "accuracy"},
    "hopeless": {"X", "c", "params", "accuracy"},
    "network": {
        "X",
        "c",
        "hidden",
        "lr",
        "theta1",
        "b1",
        "theta2",
        "b2",
        "cost",
        "accuracy",
        "backprop",
    },
}
DESCENT_KEYS = {"lr", "m", "mse", "grad"}
BACKPROP_KEYS = {"x", "y", "c", "z1", "a1", "z2", "p", "theta1_2", "dJ_dtheta1_2", "dJ_dtheta11_1"}


def test_all_required_keys_exist(values):
    for section, keys in REQUIRED.items():
        assert keys <= set(values[section]), (section, keys - set(values[section]))
    assert set(values["regression"]["descent"]) >= DESCENT_KEYS
    assert set(values["network"]["backprop"]) >= BACKPROP_KEYS


# --- regression -------------------------------------------------------------------------------


def test_regression_values(values):
    r = values["regression"]
    x, y = np.array(r["x"]), np.array(r["y"])
    raw = np.loadtxt(ROOT / "assets" / "test_scores.csv", delimiter=",", skiprows=1)
    assert x.shape == y.shape == (90,)
    np.testing.assert_allclose(x, raw[:, 0] / 100, rtol=1e-15)
    np.testing.assert_allclose(y, raw[:, 1] / 100, rtol=1e-15)
    assert r["sum_xy"] == pytest.approx(np.dot(x, y), rel=1e-12)
    assert r["sum_xx"] == pytest.approx(np.dot(x, x), rel=1e-12)
    (m_lstsq,), *_ = np.linalg.lstsq(x[:, None], y, rcond=None)
    assert r["m_best"] == pytest.approx(m_lstsq, rel=1e-12)
    assert r["mse_best"] == pytest.approx(np.mean((y - m_lstsq * x) ** 2), rel=1e-10)


def test_regression_descent_values(values):
    r = values["regression"]
    x, y, d = np.array(r["x"]), np.array(r["y"]), r["descent"]
    m, mse, grad = np.array(d["m"]), np.array(d["mse"]), np.array(d["grad"])
    assert d["lr"] == 0.1
    assert m.shape == mse.shape == grad.shape and len(m) >= 2
    np.testing.assert_allclose(mse, [np.mean((y - mk * x) ** 2) for mk in m], rtol=1e-12)
    np.testing.assert_allclose(
        grad, [-2 * np.mean(x * (y - mk * x)) for mk in m], rtol=1e-10, atol=1e-15
    )
    np.testing.assert_allclose(m[1:], m[:-1] - d["lr"] * grad[:-1], rtol=1e-12)
    assert abs(m[-1] - r["m_best"]) < 0.005


# --- logistic ---------------------------------------------------------------------------------


def test_logistic_values(values):
    g = values["logistic"]
    X, c = np.array(g["X"]), np.array(g["c"])
    raw = np.loadtxt(ROOT / "assets" / "separable.csv", delimiter=",", skiprows=1)
    np.testing.assert_array_equal(X, raw[:, :2])
    np.testing.assert_array_equal(c, raw[:, 2])
    params, cost, acc = np.array(g["params"]), np.array(g["cost"]), np.array(g["accuracy"])
    K = len(params) - 1
    assert X.shape == (len(c), 2) and params.shape == (K + 1, 3) and K >= 1
    np.testing.assert_array_equal(params[0], default_settings().logistic_start)  # start included
    assert cost.shape == acc.shape == (K + 1,)
    A = np.column_stack([X, np.ones(len(X))])
    for k in range(K):  # each step is plain gradient descent from the row before
        grad = A.T @ (sigmoid(A @ params[k]) - c) / len(c)
        np.testing.assert_allclose(
            params[k + 1], params[k] - g["lr"] * grad, rtol=1e-10, atol=1e-13
        )
    Z = params @ A.T
    np.testing.assert_allclose(cost, nll(Z, c).mean(axis=1), rtol=1e-12)
    np.testing.assert_array_equal(acc, np.mean((Z >= 0) == (c == 1), axis=1))
    assert acc[-1] >= 0.9
    assert np.all(np.diff(cost) <= 1e-12)


def test_hopeless_values(values):
    h = values["hopeless"]
    X, c, params = np.array(h["X"]), np.array(h["c"]), np.array(h["params"])
    raw = np.loadtxt(ROOT / "assets" / "rings.csv", delimiter=",", skiprows=1)
    np.testing.assert_array_equal(np.column_stack([X, c]), raw)
    assert params.shape == (3,)
    z = X @ params[:2] + params[2]
    assert h["accuracy"] == np.mean((z >= 0) == (c == 1))
    assert h["accuracy"] <= 0.65
    if "cost" in h:
        assert h["cost"] == pytest.approx(nll(z, c).mean(), rel=1e-12)


# --- network ----------------------------------------------------------------------------------


def test_network_values(values):
    n = values["network"]
    X, c = np.array(n["X"]), np.array(n["c"])
    k = n["hidden"]
    theta1, b1, theta2 = np.array(n["theta1"]), np.array(n["b1"]), np.array(n["theta2"])
    assert isinstance(k, int) and k >= 1
    assert theta1.shape == (k, 2) and b1.shape == theta2.shape == (k,)
    assert isinstance(n["b2"], float)
    cost, acc = np.array(n["cost"]), np.array(n["accuracy"])
    assert cost.shape == acc.shape and len(cost) >= 2
    z2 = sigmoid(X @ theta1.T + b1) @ theta2 + n["b2"]
    assert cost[-1] == pytest.approx(nll(z2, c).mean(), rel=1e-10)
    assert acc[-1] == np.mean((z2 >= 0) == (c == 1))
    assert acc[-1] >= 0.95


def test_the_export_alone_reruns_the_hopeless_fit(values):
    """From its start, learning rate and steps, plain gradient descent on the mean
    cross-entropy (written here, numpy only) reaches the exported line."""
    h = values["hopeless"]
    X, c = np.array(h["X"]), np.array(h["c"])
    params = np.array(h["start"], dtype=float)
    assert params.shape == (3,) and isinstance(h["steps"], int) and h["steps"] >= 1
    A = np.column_stack([X, np.ones(len(c))])
    for _ in range(h["steps"]):
        params = params - h["lr"] * A.T @ (sigmoid(A @ params) - c) / len(c)
    np.testing.assert_allclose(params, h["params"], rtol=1e-9, atol=1e-12)


def test_the_export_alone_reruns_the_network_training(values):
    """From the initial weights, learning rate and steps, full-batch gradient descent with
    backpropagation written here (numpy only) reaches the exported weights and costs."""
    n = values["network"]
    X, c = np.array(n["X"]), np.array(n["c"])
    start = n["initial"]
    theta1, b1 = np.array(start["theta1"]), np.array(start["b1"])
    theta2, b2 = np.array(start["theta2"]), float(start["b2"])
    assert theta1.shape == (n["hidden"], 2) and n["steps"] == len(n["cost"]) - 1
    costs = []
    for step in range(n["steps"] + 1):
        a = sigmoid(X @ theta1.T + b1)
        z2 = a @ theta2 + b2
        costs.append(nll(z2, c).mean())
        if step == n["steps"]:
            break
        dz2 = (sigmoid(z2) - c) / len(c)
        dz1 = np.outer(dz2, theta2) * a * (1 - a)
        theta1, b1 = theta1 - n["lr"] * dz1.T @ X, b1 - n["lr"] * dz1.sum(axis=0)
        theta2, b2 = theta2 - n["lr"] * a.T @ dz2, b2 - n["lr"] * dz2.sum()
    np.testing.assert_allclose(costs, n["cost"], rtol=1e-8)
    for name, mine in (("theta1", theta1), ("b1", b1), ("theta2", theta2), ("b2", b2)):
        np.testing.assert_allclose(mine, n[name], rtol=1e-7, atol=1e-9, err_msg=name)


def test_network_backprop_values_by_hand(values):
    n = values["network"]
    bp = n["backprop"]
    theta1, b1, theta2 = np.array(n["theta1"]), np.array(n["b1"]), np.array(n["theta2"])
    x, y, c = bp["x"], bp["y"], bp["c"]
    unit = bp.get("unit", 0)
    if "index" in bp:
        assert [x, y] == n["X"][bp["index"]] and c == n["c"][bp["index"]]
    z1_all = theta1 @ np.array([x, y]) + b1
    a_all = 1 / (1 + np.exp(-z1_all))
    z1 = theta1[unit, 0] * x + theta1[unit, 1] * y + b1[unit]
    a1 = 1 / (1 + np.exp(-z1))
    z2 = float(np.dot(theta2, a_all) + n["b2"])
    p = 1 / (1 + np.exp(-z2))
    assert bp["z1"] == pytest.approx(z1, rel=1e-12, abs=1e-15)
    assert bp["a1"] == pytest.approx(a1, rel=1e-12)
    assert bp["z2"] == pytest.approx(z2, rel=1e-9, abs=1e-12)
    assert bp["p"] == pytest.approx(p, rel=1e-12)
    assert bp["theta1_2"] == theta2[unit]
    assert bp["dJ_dtheta1_2"] == pytest.approx((p - c) * a1, rel=1e-9)
    assert bp["dJ_dtheta11_1"] == pytest.approx(
        (p - c) * theta2[unit] * a1 * (1 - a1) * x, rel=1e-9
    )
    assert abs(p - c) >= 0.1

    # and by finite differences of the single-example cost in theta2[unit], theta1[unit, 0]
    def J(t1, t2):
        z = np.dot(t2, 1 / (1 + np.exp(-(t1 @ np.array([x, y]) + b1)))) + n["b2"]
        return float(nll(z, c))

    h = 1e-6
    e2 = np.eye(len(theta2))[unit] * h
    e1 = np.zeros_like(theta1)
    e1[unit, 0] = h
    fd2 = (J(theta1, theta2 + e2) - J(theta1, theta2 - e2)) / (2 * h)
    fd11 = (J(theta1 + e1, theta2) - J(theta1 - e1, theta2)) / (2 * h)
    assert bp["dJ_dtheta1_2"] == pytest.approx(fd2, rel=1e-6)
    assert bp["dJ_dtheta11_1"] == pytest.approx(fd11, rel=1e-6)


# --- command line -----------------------------------------------------------------------------


def test_values_out_file_is_valid_json_and_matches_stdout(tmp_path, values):
    out = tmp_path / "v.json"
    assert main(["values", "--out", str(out)]) == 0
    written = strict_loads(out.read_text(encoding="utf-8"))
    assert written == values  # deterministic: the same numbers as the subprocess printed
    assert not list(tmp_path.glob(".*"))  # the temporary file was renamed away


def test_values_indent_is_the_same_json(capsys, values):
    assert main(["values", "--indent", "2"]) == 0
    text = capsys.readouterr().out
    assert "\n  " in text
    assert strict_loads(text) == values


def test_make_data_cli_remakes_assets(tmp_path, capsys):
    assert main(["make-data", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split()
    assert len(printed) == 3
    for name in ("test_scores.csv", "separable.csv", "rings.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "assets" / name).read_bytes()


@pytest.mark.parametrize("argv", [["nonsense"], [], ["values", "--indent", "x"]])
def test_bad_command_lines_exit_nonzero_with_a_message(argv):
    done = subprocess.run(
        [sys.executable, "-m", "mathcore", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert done.stderr.strip()
    assert done.stdout == ""


def test_main_rejects_unknown_verb_in_process(capsys):
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code != 0
    assert "nonsense" in capsys.readouterr().err
