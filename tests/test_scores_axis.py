"""The scores plot's axes follow the data: a class scored out of 150 is drawn on 0..1.5 (in
units of 100 points), and every slide of the regression scenes (4-9) keeps its dots on
screen with no texts overlapping."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from mathcore.config import load_config
from scenes import context
from scenes.drawings.scores_plot import score_axis
from scenes.lecture import SCENES
from tests.scene_probe import build, outside_frame, overlapping_texts, shows

REGRESSION_SCENES = [e for e in SCENES if e.module == "regression"]


@pytest.mark.parametrize(
    ("highest", "axis"),
    [(100.0, (100.0, 20.0)), (98.0, (100.0, 20.0)), (150.0, (150.0, 25.0)), (143.0, (150.0, 25.0))],
)
def test_score_axis_is_round_and_holds_the_highest_score(highest, axis):
    assert score_axis(highest) == axis


def _out_of_150(folder: Path) -> Path:
    """The shipped class's scores scaled to a test out of 150 (the best student: 150)."""
    shipped = load_config().settings.scores_csv
    with open(shipped, encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    path = folder / "out_of_150.csv"
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=["test1", "test2"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: f"{1.5 * float(row[k]):g}" for k in ("test1", "test2")})
    return path


@pytest.fixture(scope="module")
def class_out_of_150(tmp_path_factory):
    """Install the 150-point class for the scenes of this module, then put back the rest."""
    from scenes import theme

    saved, saved_theme = dict(context._state), theme.current()
    path = _out_of_150(tmp_path_factory.mktemp("scores"))
    values = context.use(dataclasses.replace(load_config().settings, scores_csv=path))
    assert max(values.regression.x.max(), values.regression.y.max()) * 100 > 149
    yield values
    theme.use(saved_theme)
    context._state.clear()
    context._state.update(saved)


@pytest.mark.parametrize("entry", REGRESSION_SCENES, ids=lambda e: e.slug)
def test_a_class_out_of_150_stays_on_screen(entry, class_out_of_150):
    shots = build(entry)
    for shot in shots:
        assert not outside_frame(shot), f"{entry.name} at {shot.label}: {outside_frame(shot)}"
        assert not overlapping_texts(shot), (
            f"{entry.name} at {shot.label}: texts overlap {overlapping_texts(shot)}"
        )
    if entry.name == "TestScores":
        ticks = [s for shot in shots for s in shot.strings()]
        # in the model's units, x = Test 1 / 100: 150 points is 1.50, ticks 0.25 apart
        assert shows(ticks, 1.5, min_decimals=2) and shows(ticks, 1.25, min_decimals=2)


@pytest.mark.parametrize("slope", [-0.3, 0.1, 0.37, 0.8, 1.7])
def test_moved_residuals_are_the_residuals_drawn_anew(slope):
    """Residual segments moved by an updater (ends found for all points at once) end where
    segments made for that slope do, to the last bit (steep slopes: feet clipped at 0)."""
    import numpy as np

    from mathcore import regression
    from scenes.drawings.scores_plot import ScoresPlot

    r = context.lecture().regression
    plot = ScoresPlot(r)
    fresh = plot.residuals(r.x, r.y, regression.residuals(slope, r.x, r.y))
    moved = plot.residuals(r.x, r.y, regression.residuals(0.5, r.x, r.y))
    plot.put_residuals(moved, r.x, r.y, regression.residuals(slope, r.x, r.y))
    assert all(np.array_equal(a.points, b.points) for a, b in zip(fresh, moved, strict=True))
