"""All of the lecture's numbers, from one set of settings: what the scenes draw and
``python -m mathcore values`` prints.

``build_lecture(settings)`` loads the data, fits and trains everything once and returns a
:class:`LectureValues`; ``LectureValues.to_json()`` turns it into plain numbers and lists.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from mathcore import data, logistic, network, regression, terms
from mathcore.errors import ParameterError

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass(frozen=True)
class LectureSettings:
    """Data files and the knobs of every descent; the defaults make the shipped lecture.

    A teacher sets these in a TOML file (see ``assets/lecture.toml`` and
    :mod:`mathcore.config`); each field is named there ``[section] key``, e.g.
    ``regression_lr`` is ``[regression] lr`` and ``scores_csv`` is ``[data] scores``.
    """

    scores_csv: Path = ASSETS / "test_scores.csv"
    separable_csv: Path = ASSETS / "separable.csv"
    hopeless_csv: Path = ASSETS / "rings.csv"
    terms_toml: Path = ASSETS / "balderdash.toml"
    score_scale: float = 100.0  # regression works in units of score_scale points
    regression_lr: float = 0.1
    regression_m0: float = 0.2
    regression_steps: int = 100
    logistic_lr: float = 0.5
    logistic_start: tuple[float, float, float] = (0.5, -1.0, 0.0)
    logistic_steps: int = 200
    hopeless_lr: float = 1.0
    hopeless_start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    hopeless_steps: int = 2000
    hidden: int = 4
    network_lr: float = 2.0
    network_steps: int = 1500
    network_seed: int = 0


@dataclass(frozen=True)
class RegressionValues:
    """Test 2 against Test 1 in model units (scores / score_scale): ``x``, ``y`` (n,)."""

    x: np.ndarray
    y: np.ndarray
    score_scale: float
    fit: regression.LeastSquares
    descent: regression.Descent
    lr_bound: float


@dataclass(frozen=True)
class LectureValues:
    settings: LectureSettings
    regression: RegressionValues
    separable: data.LabeledPoints
    logistic: logistic.LogisticFit
    hopeless_data: data.LabeledPoints
    hopeless: logistic.LogisticFit
    network_data: data.LabeledPoints
    network: network.NetworkTraining
    backprop: network.BackpropExample = field(repr=False)
    balderdash: terms.Balderdash = field(repr=False)

    def to_json(self) -> dict[str, Any]:
        """Every number the lecture shows, as plain floats and lists (JSON-ready)."""
        r, fit, d = self.regression, self.regression.fit, self.regression.descent
        final = self.network.final
        return {
            "regression": {
                "x": _plain(r.x),
                "y": _plain(r.y),
                "score_scale": r.score_scale,
                "sum_xy": fit.sum_xy,
                "sum_xx": fit.sum_xx,
                "m_best": fit.m_best,
                "mse_best": fit.mse_best,
                "lr_bound": r.lr_bound,
                "descent": {
                    "lr": d.lr,
                    "m": _plain(d.m),
                    "mse": _plain(d.mse),
                    "grad": _plain(d.grad),
                },
            },
            "logistic": {
                "X": _plain(self.separable.X),
                "c": _plain(self.separable.c),
                "lr": self.logistic.lr,
                "params": _plain(self.logistic.params),
                "cost": _plain(self.logistic.cost),
                "accuracy": _plain(self.logistic.accuracy),
            },
            "hopeless": {
                "X": _plain(self.hopeless_data.X),
                "c": _plain(self.hopeless_data.c),
                "lr": self.hopeless.lr,
                "params": _plain(self.hopeless.params[-1]),
                "cost": float(self.hopeless.cost[-1]),
                "accuracy": float(self.hopeless.accuracy[-1]),
            },
            "network": {
                "X": _plain(self.network_data.X),
                "c": _plain(self.network_data.c),
                "hidden": self.network.hidden,
                "lr": self.network.lr,
                "seed": self.network.seed,
                "theta1": _plain(final.theta1),
                "b1": _plain(final.b1),
                "theta2": _plain(final.theta2),
                "b2": final.b2,
                "cost": _plain(self.network.cost),
                "accuracy": _plain(self.network.accuracy),
                "backprop": {
                    key: getattr(self.backprop, key) for key in self.backprop.__dataclass_fields__
                },
            },
        }


def _plain(array: np.ndarray) -> list:
    return np.asarray(array, dtype=float).tolist()


def build_lecture(settings: LectureSettings | None = None) -> LectureValues:
    """Load the data and compute every result the lecture shows (about 0.5 s).

    A bad parameter raises :class:`ParameterError` named as in the settings file, e.g.
    ``parameter 'regression.lr'``; a bad file raises :class:`DataFileError` naming it.
    """
    s = settings or LectureSettings()
    scores = data.load_scores(s.scores_csv)
    with _section("regression"):
        scale = _positive(s.score_scale, "score_scale")
        x, y = scores.test1 / scale, scores.test2 / scale
        m0 = _finite(s.regression_m0, "m0")
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below
            descent = regression.gradient_descent(
                x, y, lr=s.regression_lr, m0=m0, steps=s.regression_steps
            )
        if not np.all(np.isfinite(descent.mse)):
            raise ParameterError(
                "m0",
                m0,
                "so far from the data's slope that MSE(m) overflows",
                f"start nearer the best slope, e.g. m0 = {round(float(x @ y / (x @ x)), 1)}",
            )
        reg = RegressionValues(
            x=x,
            y=y,
            score_scale=scale,
            fit=regression.fit_through_origin(x, y),
            descent=descent,
            lr_bound=regression.lr_bound(x),
        )
    separable = data.load_labeled(s.separable_csv)
    hopeless_data = data.load_labeled(s.hopeless_csv)
    balderdash = terms.load_terms(s.terms_toml)
    with _section("logistic"):
        fit = _logistic(separable, s.logistic_lr, s.logistic_steps, s.logistic_start)
    with _section("hopeless"):
        hopeless = _logistic(hopeless_data, s.hopeless_lr, s.hopeless_steps, s.hopeless_start)
    with _section("network"):
        seed = s.network_seed
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
            raise ParameterError(
                "seed", seed, "must be a whole number >= 0", "set seed to 0, 1, 2, ..."
            )
        trained = network.train(
            hopeless_data.X,
            hopeless_data.c,
            hidden=s.hidden,
            lr=s.network_lr,
            steps=s.network_steps,
            seed=int(seed),
        )
    return LectureValues(
        settings=s,
        regression=reg,
        separable=separable,
        logistic=fit,
        hopeless_data=hopeless_data,
        hopeless=hopeless,
        network_data=hopeless_data,
        network=trained,
        backprop=network.choose_backprop_example(trained.final, hopeless_data.X, hopeless_data.c),
        balderdash=balderdash,
    )


def _logistic(
    points: data.LabeledPoints, lr: float, steps: int, start: tuple[float, float, float]
) -> logistic.LogisticFit:
    params0 = _start(start)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below
        fit = logistic.gradient_descent(points.X, points.c, lr=lr, steps=steps, params0=params0)
    if not (np.all(np.isfinite(fit.params)) and np.all(np.isfinite(fit.cost))):
        raise ParameterError(
            "start",
            list(params0),
            "so large that the cost J overflows",
            "start nearer 0, e.g. start = [0.0, 0.0, 0.0]",
        )
    return fit


@contextmanager
def _section(section: str) -> Iterator[None]:
    """Re-raise a :class:`ParameterError` from this part of the lecture with the setting's
    full name, ``section.key`` (as written in the settings file)."""
    try:
        yield
    except ParameterError as err:
        if "." in err.name:
            raise
        head, _, fix = str(err).rpartition(". Fix: ")
        problem = head.removeprefix(f"parameter '{err.name}' = {err.value!r}: ")
        raise ParameterError(f"{section}.{err.name}", err.value, problem, fix) from None


def _finite(value: float, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "is not a number", f"set {name} to a number") from None
    if not math.isfinite(number):
        raise ParameterError(name, value, "must be a finite number", f"set {name} to a number")
    return number


def _positive(value: float, name: str) -> float:
    number = _finite(value, name)
    if number <= 0.0:
        raise ParameterError(name, value, "must be > 0", f"set {name} to a positive number")
    return number


def _start(params: tuple[float, float, float]) -> tuple[float, float, float]:
    values = tuple(params)
    if len(values) != 3:
        raise ParameterError(
            "start", params, "needs three numbers [m1, m2, b]", "write start = [0.0, 0.0, 0.0]"
        )
    m1, m2, b = (_finite(v, "start") for v in values)
    return (m1, m2, b)


@lru_cache(maxsize=4)
def default_lecture() -> LectureValues:
    """The shipped lecture's values, computed once per process (scenes share them)."""
    return build_lecture(LectureSettings())
