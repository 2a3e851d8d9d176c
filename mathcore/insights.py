"""The numbers behind the lecture's explanations (issue 13): what the talk's results mean.

* ``best_line`` and ``hopeless_optimum`` (:mod:`mathcore.best_line`): on the data no line
  separates, the best line by accuracy, and the cross-entropy optimum with J near ln 2;
* ``hidden_lines`` (:mod:`mathcore.hidden_lines`): each trained hidden unit's line a_i = 1/2,
  clipped to the data's box ``hidden_box``;
* ``landscape`` and ``landscape_profile`` (:mod:`mathcore.landscape`): J over (m1, m2) for
  the logistic descent on the separable data, b held at the descent's last b, and the lowest
  J over every b, each with the descent's path;
* ``terms_model`` and ``new_terms`` (:mod:`mathcore.char_model`): the character network
  trained on the ``[data] math_terms`` list and the terms it writes.

:func:`build_insights` computes them from what :func:`mathcore.lecture.build_lecture` has
already loaded and trained; :meth:`Insights.to_json` gives their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mathcore import best_line, char_model, data, hidden_lines, landscape, logistic, network
from mathcore.config import LectureSettings

#: Points per axis of the loss landscape's grid.
LANDSCAPE_GRID = 41


@dataclass(frozen=True)
class Insights:
    best_line: best_line.BestLine
    hopeless_optimum: best_line.LogisticOptimum
    hidden_box: tuple[tuple[float, float], tuple[float, float]]
    hidden_lines: tuple[hidden_lines.HiddenLine, ...]
    landscape: landscape.LossLandscape
    landscape_profile: landscape.LossLandscape
    terms_model: char_model.TermsModel
    new_terms: char_model.NewTerms

    def to_json(self) -> dict[str, Any]:
        """The numbers, as plain floats and lists (top-level keys of the lecture's values)."""
        line, opt, model = self.best_line, self.hopeless_optimum, self.terms_model
        return {
            "best_line": {
                "normal": _plain(line.normal),
                "offset": line.offset,
                "accuracy": line.accuracy,
                "n_correct": line.n_correct,
                "n": line.n,
                "through": list(line.through),
            },
            "hopeless_optimum": {
                "params": _plain(opt.params),
                "cost": opt.cost,
                "ln2": opt.ln2,
                "cost_constant": opt.cost_constant,
                "weight_norm": opt.weight_norm,
                "accuracy": opt.accuracy,
                "grad_norm": opt.grad_norm,
                "converged": opt.converged,
            },
            "hidden_lines": {
                "box": [list(self.hidden_box[0]), list(self.hidden_box[1])],
                "units": [
                    {
                        "unit": h.unit,
                        "normal": _plain(h.normal),
                        "offset": h.offset,
                        "weight_out": h.weight_out,
                        "segment": None if h.segment is None else [list(p) for p in h.segment],
                    }
                    for h in self.hidden_lines
                ],
            },
            "landscape": _landscape_json(self.landscape),
            "landscape_profile": _landscape_json(self.landscape_profile),
            "new_terms": {
                "terms": list(self.new_terms.terms),
                "temperature": self.new_terms.temperature,
                "seed": self.new_terms.seed,
                "tried": self.new_terms.tried,
                "hidden": model.hidden,
                "steps": model.steps,
                "vocabulary": "".join(model.vocab.chars),
                "examples": model.examples,
                "loss_steps": [int(k) for k in model.loss_steps],
                "loss": _plain(model.loss),
            },
        }


def build_insights(
    settings: LectureSettings,
    separable: data.LabeledPoints,
    fit: logistic.LogisticFit,
    hopeless_data: data.LabeledPoints,
    trained: network.NetworkTraining,
) -> Insights:
    """Everything above from the lecture's data, its logistic descent on the separable data
    and its trained network; loads and trains the character network (a few seconds, once
    per process for the same list and settings)."""
    X, c = hopeless_data.X, hopeless_data.c
    m1, m2 = landscape.grid_around(fit.params, size=LANDSCAPE_GRID)
    box = hidden_lines.bounding_box(X)
    terms = char_model.load_term_list(settings.terms_list).terms
    model, new = char_model.trained_terms(
        terms,
        settings.terms_hidden,
        settings.terms_steps,
        settings.terms_seed,
        settings.terms_samples,
        settings.terms_temperature,
    )
    return Insights(
        best_line=best_line.best_line_by_accuracy(X, c),
        hopeless_optimum=best_line.logistic_optimum(X, c),
        hidden_box=box,
        hidden_lines=hidden_lines.hidden_unit_lines(trained.final, *box),
        landscape=landscape.slice_landscape(separable.X, separable.c, fit.params, m1, m2),
        landscape_profile=landscape.profile_landscape(separable.X, separable.c, fit.params, m1, m2),
        terms_model=model,
        new_terms=new,
    )


def _landscape_json(view: landscape.LossLandscape) -> dict[str, Any]:
    return {
        "m1": _plain(view.m1),
        "m2": _plain(view.m2),
        "J": _plain(view.J),
        "b_fixed": view.b_fixed,
        "b": _plain(view.b) if view.b_fixed is None else view.b_fixed,
        "path_m1": _plain(view.path_m1),
        "path_m2": _plain(view.path_m2),
        "path_b": _plain(view.path_b),
        "path_J": _plain(view.path_J),
        "path_J_slice": _plain(view.path_J_slice),
    }


def _plain(array: np.ndarray) -> list:
    return np.asarray(array, dtype=float).tolist()
