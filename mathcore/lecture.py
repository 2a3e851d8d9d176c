"""All of the lecture's numbers, from one set of settings: what the scenes draw and
``python -m mathcore values`` prints.

``build_lecture(settings)`` loads the data, fits and trains everything once and returns a
:class:`LectureValues`; ``LectureValues.to_json()`` turns it into plain numbers and lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from mathcore import data, logistic, network, regression, terms
from mathcore.config import LectureSettings, default_settings
from mathcore.errors import ParameterError


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
    network: network.NetworkTraining  # trained on hopeless_data
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
                "X": _plain(self.hopeless_data.X),
                "c": _plain(self.hopeless_data.c),
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
    """Load the data and compute every result the lecture shows (about 0.5 s); ``settings``
    defaults to the shipped lecture's.

    The settings' values were checked when they were made (:class:`LectureSettings`); what
    depends on the data -- a learning rate that diverges on it, a start so far off that the
    cost overflows -- raises :class:`ParameterError` named as in the settings file, e.g.
    ``parameter 'regression.lr'``; a bad file raises :class:`DataFileError` naming it.
    """
    s = settings or default_settings()
    scores = data.load_scores(s.scores_csv)
    with _section("regression"):
        scale, m0 = s.score_scale, s.regression_m0
        x, y = scores.test1 / scale, scores.test2 / scale
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
        trained = network.train(
            hopeless_data.X,
            hopeless_data.c,
            hidden=s.hidden,
            lr=s.network_lr,
            steps=s.network_steps,
            seed=s.network_seed,
        )
    return LectureValues(
        settings=s,
        regression=reg,
        separable=separable,
        logistic=fit,
        hopeless_data=hopeless_data,
        hopeless=hopeless,
        network=trained,
        backprop=network.choose_backprop_example(trained.final, hopeless_data.X, hopeless_data.c),
        balderdash=balderdash,
    )


def _logistic(
    points: data.LabeledPoints, lr: float, steps: int, start: tuple[float, float, float]
) -> logistic.LogisticFit:
    params0 = start
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
        raise err.named(section) from None


@lru_cache(maxsize=1)
def default_lecture() -> LectureValues:
    """The shipped lecture's values, computed once per process (scenes share them)."""
    return build_lecture(default_settings())
