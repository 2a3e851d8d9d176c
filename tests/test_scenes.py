"""Every storyboard row has a scene; every scene builds; at each slide break nothing is off
screen, no two texts overlap and no color comes from another theme's palette; the numbers on
screen are mathcore's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mathcore import regression
from scenes import theme
from scenes.lecture import SCENES, entry_of, select
from tests.scene_probe import (
    all_strings,
    build,
    foreign_colors,
    outside_frame,
    overlapping_texts,
    shows,
)

ROOT = Path(__file__).resolve().parent.parent
STORYBOARD = ROOT / "docs" / "storyboard.md"


def storyboard_rows(path: Path) -> list[tuple[int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|", line)
        if match:
            rows.append((int(match.group(1)), match.group(2)))
    return rows


def test_every_storyboard_row_has_a_scene_in_order():
    rows = storyboard_rows(STORYBOARD)
    assert [e.number for e in SCENES] == list(range(1, len(SCENES) + 1))
    assert [(e.number, e.title) for e in SCENES] == rows
    for entry in SCENES:
        assert entry_of(entry.load()) == entry, f"{entry.slug}: no class {entry.name}"


def test_scene_selection():
    assert [e.number for e in select("4-6,19")] == [4, 5, 6, 19]
    assert [e.number for e in select("gradientdescent")] == [8]
    after_the_last = len(SCENES) + 1
    with pytest.raises(ValueError, match=f"no scene number {after_the_last}"):
        select(str(after_the_last))
    with pytest.raises(ValueError, match="unknown scene"):
        select("nonsense")


@pytest.fixture(scope="module")
def built():
    """Every scene built once (dry run), keyed by number."""
    cache: dict[int, list] = {}

    def get(number: int):
        if number not in cache:
            cache[number] = build(next(e for e in SCENES if e.number == number))
        return cache[number]

    return get


@pytest.mark.parametrize("entry", SCENES, ids=lambda e: e.slug)
def test_scene_builds_with_slide_breaks_and_clean_layout(entry, built):
    shots = built(entry.number)
    assert [shot.label for shot in shots] == [f"beat {k}" for k in range(1, len(shots))] + ["end"]
    for shot in shots:
        assert not outside_frame(shot), f"{entry.name} at {shot.label}: {outside_frame(shot)}"
        assert not overlapping_texts(shot), (
            f"{entry.name} at {shot.label}: texts overlap {overlapping_texts(shot)}"
        )
        assert not foreign_colors(shot), (
            f"{entry.name} at {shot.label}: colors of another theme {foreign_colors(shot)}"
        )


def _shown(built, number):
    return all_strings(built(number))


def test_title_shows_the_talk(built):
    strings = " ".join(_shown(built, 1))
    for part in ("The Mathematics of Deep Learning", "Alex Bearden", "November 16, 2022"):
        assert part in strings


def test_balderdash_shows_every_term_as_text(built, lecture):
    shots = built(2)
    texts = {t.content for shot in shots for t in shot.texts if t.kind == "text"}
    joined = " ".join(texts)
    for term in [q.term for q in lecture.balderdash.quiz] + list(lecture.balderdash.more_generated):
        assert term in joined, f"term {term!r} not shown as plain text"


def test_calculus_shows_the_closed_form_inputs(built, lecture):
    strings = _shown(built, 6)
    fit = lecture.regression.fit
    for value in (fit.sum_xy, fit.sum_xx, fit.m_best):
        assert shows(strings, value), f"{value} not on screen in Calculus"


def test_mse_value_on_screen_is_mathcore_mse_of_the_slope_shown(built, lecture):
    r = lecture.regression
    strings = _shown(built, 5)
    numbers = [v for s in strings for v in _floats(s)]
    pairs = [
        (m, e)
        for m in numbers
        for e in numbers
        if abs(e - regression.mse(m, r.x, r.y)) < 2e-3 * max(1.0, abs(e))
    ]
    assert pairs, f"no (m, MSE(m)) pair among the numbers shown: {numbers[:20]}"


def test_mse_curve_scene_marks_the_minimum(built, lecture):
    strings = _shown(built, 7)
    assert shows(strings, lecture.regression.fit.m_best)


def test_gradient_descent_table_is_the_trajectory(built, lecture):
    d = lecture.regression.descent
    strings = _shown(built, 8)
    for k in (0, 1, 2, d.steps):
        assert shows(strings, d.m[k]), f"m_{k} = {d.m[k]} not on screen"
        assert shows(strings, d.mse[k], min_decimals=3), f"MSE(m_{k}) not on screen"
    assert shows(strings, lecture.regression.fit.m_best)
    assert shows(strings, d.lr, min_decimals=1)


def test_logistic_result_shows_final_parameters_cost_accuracy(built, lecture):
    fit = lecture.logistic
    strings = _shown(built, 13)
    assert shows(strings, fit.cost[-1]), "final J not on screen"
    assert shows(strings, fit.accuracy[-1], min_decimals=2), "final accuracy not on screen"
    for value in fit.params[-1]:
        assert shows(strings, value, min_decimals=1)


def test_hopeless_line_shows_its_accuracy(built, lecture):
    assert shows(_shown(built, 14), lecture.hopeless.accuracy[-1], min_decimals=2)


def test_logistic_graph_carries_fitted_parameters(built, lecture):
    strings = _shown(built, 15)
    for value in lecture.logistic.params[-1]:
        assert shows(strings, value, min_decimals=1)


def test_stacked_layer_shows_unit_one_weights(built, lecture):
    final = lecture.network.final
    strings = _shown(built, 16)
    for value in (final.theta1[0, 0], final.theta1[0, 1], final.theta2[0]):
        assert shows(strings, value, min_decimals=1)


def test_network_result_shows_final_accuracy_and_cost(built, lecture):
    strings = _shown(built, 17)
    assert shows(strings, lecture.network.accuracy[-1], min_decimals=2)
    assert shows(strings, lecture.network.cost[-1])


def test_backprop_shows_every_factor_and_the_check(built, lecture):
    ex = lecture.backprop
    strings = _shown(built, 19)
    for name in (
        "dJ_dp",
        "dp_dz2",
        "dz2_dtheta1_2",
        "dz2_da1",
        "da1_dz1",
        "dz1_dtheta11",
        "a1",
        "p",
        "theta1_2",
        "dJ_dtheta1_2",
        "dJ_dtheta11_1",
        "fd_dJ_dtheta1_2",
        "fd_dJ_dtheta11_1",
    ):
        assert shows(strings, getattr(ex, name)), f"{name} = {getattr(ex, name)} not on screen"


def test_number_format_uses_a_true_minus():
    assert theme.fmt(-2.03549, 3) == "\u22122.035"
    assert theme.fmt(-0.0001, 2) == "0.00"
    assert theme.fmt_tex(-1.5, 1) == "-1.5"
    assert theme.percent(0.98125) == "98%"


def test_decimals_needed_shows_a_value_exactly():
    assert [theme.decimals_needed(v) for v in (0.1, 0.25, 0.0125, 1 / 3)] == [1, 2, 4, 4]


def _floats(s: str) -> list[float]:
    s = s.replace("\u2212", "-").replace("{-}", "-")
    return [float(x) for x in re.findall(r"-?\d+\.\d+", s)]
