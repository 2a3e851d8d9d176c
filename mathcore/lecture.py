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

from mathcore import data, insights, logistic, network, regression, terms
from mathcore.config import MAX_START, LectureSettings, default_settings
from mathcore.errors import LectureInputError, ParameterError


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
    insights: insights.Insights = field(repr=False)  # best line, hidden lines, landscape, terms

    def to_json(self) -> dict[str, Any]:
        """Every number the lecture shows, as plain floats and lists (JSON-ready)."""
        r, fit, d = self.regression, self.regression.fit, self.regression.descent
        final, start = self.network.final, self.network.params_at(0)
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
                "start": _plain(self.hopeless.params[0]),
                "steps": len(self.hopeless.params) - 1,
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
                "steps": self.network.steps,
                "initial": {  # the seeded random start: training can be re-run from here
                    "theta1": _plain(start.theta1),
                    "b1": _plain(start.b1),
                    "theta2": _plain(start.theta2),
                    "b2": start.b2,
                },
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
            **self.insights.to_json(),
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
        check_drawable_start(x, y, s.regression_lr, m0)
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
    try:
        example = network.choose_backprop_example(trained.final, hopeless_data.X, hopeless_data.c)
    except LectureInputError as err:
        raise ParameterError(
            "network.steps",
            s.network_steps,
            f"after that many steps the network fits every point of {s.hopeless_csv} to within "
            "0.1, so the backprop slide's example would show only zeros",
            "use fewer [network] steps, or data in [data] hopeless whose classes overlap a little",
        ) from err
    return LectureValues(
        settings=s,
        regression=reg,
        separable=separable,
        logistic=fit,
        hopeless_data=hopeless_data,
        hopeless=hopeless,
        network=trained,
        backprop=example,
        balderdash=balderdash,
        insights=_insights(s, separable, fit, hopeless_data, trained),
    )


def _insights(
    s: LectureSettings,
    separable: data.LabeledPoints,
    fit: logistic.LogisticFit,
    hopeless_data: data.LabeledPoints,
    trained: network.NetworkTraining,
) -> insights.Insights:
    with _section("terms_model"):  # the part with settings of its own: the terms network
        return insights.build_insights(s, separable, fit, hopeless_data, trained)


def drawable_starts(x: np.ndarray, y: np.ndarray, lr: float) -> tuple[float, float]:
    """The starting slopes m0 whose whole descent the Gradient descent scene can draw.

    Its m axis starts at 0, so every m_k must be >= 0. The error m_k - m_best is multiplied
    by q = 1 - 2 lr mean(x^2) at each step: for q >= 0 (lr at most half its limit) the
    descent slides to m_best without crossing it, and every m0 >= 0 stays in view; for
    q < 0 it jumps across, the first jump being the longest, and m_1 >= 0 needs
    m0 <= m_best (1 + 1/|q|). The upper end is also the schema's largest start.
    """
    m_best = float(x @ y) / float(x @ x)
    q = 1.0 - 2.0 * lr * float(np.mean(x * x))
    high = MAX_START if q >= 0.0 else min(MAX_START, m_best * (1.0 + 1.0 / -q))
    return 0.0, high


def check_drawable_start(x: np.ndarray, y: np.ndarray, lr: float, m0: float) -> None:
    """Refuse a starting slope whose descent leaves the Gradient descent scene's axes
    (:func:`drawable_starts`), naming the range this data and learning rate allow."""
    if not float(x @ x) > 0.0 or not np.isfinite(float(x @ y)):
        return  # no slope at all: reported by the fit
    if lr >= regression.lr_bound(x):
        return  # a diverging descent: reported by gradient_descent, with the bound
    low, high = drawable_starts(x, y, lr)
    if not low <= m0 <= high:
        m_best = float(x @ y) / float(x @ x)
        raise ParameterError(
            "m0",
            m0,
            f"with lr = {lr:g} the descent would jump to m_1 = "
            f"{m0 - lr * regression.mse_prime(m0, x, y):.4g}, below 0, off the Gradient "
            f"descent scene's m axis (which starts at 0; the best slope is {m_best:.4g})",
            f"use m0 from {low:g} to {_round_down(high)}, or a smaller lr",
        )


def _round_down(value: float) -> str:
    """``value`` rounded down to 3 significant digits, as text (so it is inside the range)."""
    digits = max(0, 2 - int(np.floor(np.log10(abs(value))))) if value > 0 else 0
    return f"{np.floor(value * 10**digits) / 10**digits:.{digits}f}"


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
