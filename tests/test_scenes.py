"""Every storyboard row has a scene; every scene builds; at each slide break nothing is off
screen, no two texts overlap and no color comes from another theme's palette; inside every
animation nothing is off screen, no two texts overlap and no replaced number stays drawn;
every text is legible at 1080p; every computation on screen can be redone from its digits;
the numbers on screen are mathcore's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mathcore import regression
from scenes import theme
from scenes.lecture import SCENES, entry_of, select
from tests.scene_probe import (
    SAMPLES,
    Probe,
    all_strings,
    arithmetic_errors,
    computations,
    foreign_colors,
    outside_frame,
    overlapping_texts,
    probe,
    shows,
    stale_texts,
    too_small,
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
def probed():
    """Every scene built once (dry run), keyed by number, with the frames after and inside
    every animation (:data:`tests.scene_probe.SAMPLES`)."""
    cache: dict[int, Probe] = {}

    def get(number: int) -> Probe:
        if number not in cache:
            cache[number] = probe(next(e for e in SCENES if e.number == number), SAMPLES)
        return cache[number]

    return get


@pytest.fixture(scope="module")
def built(probed):
    """The snapshots at each beat (and the end) of every scene, keyed by number."""
    return lambda number: probed(number).shots


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


@pytest.mark.parametrize("entry", SCENES, ids=lambda e: e.slug)
def test_layout_holds_inside_every_animation(entry, probed):
    """Sampled inside every play and after it, as the viewer sees it: nothing off screen,
    no two texts on top of each other, no replaced number still drawn (a ghost)."""
    found = probed(entry.number)
    assert found.moments and len(found.rests) == len(found.moments) // len(SAMPLES)
    problems = []
    for shot in found.moments + found.rests:
        problems += [f"{shot.where}: off screen {b}" for b in outside_frame(shot)]
        problems += [f"{shot.where}: texts overlap {p}" for p in overlapping_texts(shot)]
        problems += [f"{shot.where}: a stale copy still drawn {t!r}" for t in stale_texts(shot)]
    assert not problems, f"{entry.name}:\n" + "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("entry", SCENES, ids=lambda e: e.slug)
def test_every_text_is_legible_at_1080p(entry, probed):
    """Every glyph of every text and formula, at rest after each animation, is at least the
    probe's legible size at 1080p (tests/scene_probe.py says which and why)."""
    found = probed(entry.number)
    small = {
        (shot.slide, text): (px_, needed)
        for shot in found.rests + found.shots
        for text, px_, needed in too_small(shot)
    }
    assert not small, f"{entry.name}: too small to read from the back row at 1080p:\n" + "\n".join(
        f"  slide {slide}: {text!r}: a glyph {px_} px high, needs {needed:g} px"
        for (slide, text), (px_, needed) in sorted(small.items())
    )


def test_every_computation_on_screen_can_be_redone(probed):
    """Wherever a slide shows a computation (numbers, operators, = result), the digits shown
    give the result shown: the gradient descent steps, the closed form, backpropagation."""
    strings = [s for entry in SCENES for shot in probed(entry.number).rests for s in shot.strings()]
    assert len(computations(strings)) >= 6, computations(strings)
    assert not arithmetic_errors(strings)


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


def test_backprop_shows_the_model_both_derivatives_and_the_checks(built, lecture):
    ex = lecture.backprop
    shots = built(19)
    strings = all_strings(shots)
    for name in (
        "x",
        "a1",
        "p",
        "theta1_2",
        "dJ_dtheta1_2",
        "dJ_dtheta11_1",
        "fd_dJ_dtheta1_2",
        "fd_dJ_dtheta11_1",
    ):
        assert shows(strings, getattr(ex, name)), f"{name} = {getattr(ex, name)} not on screen"
    joined = " ".join(strings)
    for part in (r"J = -\bigl[", r"p = \sigma", "z^{(2)} =", r"a_1 = \sigma", "z_1^{(1)} ="):
        assert part in joined, f"the model's line {part!r} is not on screen"
    last = " ".join(shots[-1].strings())
    assert r"\partial \theta_1^{(2)}" in last and r"\partial \theta_{11}^{(1)}" in last, (
        "both derivatives stay on screen to the end"
    )
    x_shown = {d for v, d in _numbers_near(strings, ex.x)}
    assert len(x_shown) == 1, f"x is shown with {sorted(x_shown)} decimals: one precision only"


def _numbers_near(strings, value):
    from tests.scene_probe import numbers_in

    return [(v, d) for v, d in numbers_in(strings) if d >= 2 and abs(v - value) < 0.006]


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


def test_notes_write_subscripts_as_the_slides_do(probed):
    """A note reads 'a₄', not 'a_4' (a literal underscore from a format string)."""
    for entry in SCENES:
        for k, note in enumerate(probed(entry.number).notes, start=1):
            for text in (note.say, note.ask, note.narration):
                assert not re.search(r"\b[A-Za-z]_\{?\d", text), (entry.name, k, text)


def test_one_word_for_a_step_of_gradient_descent(probed):
    """Scenes 13 and 17 both count full-batch descent steps, and call them so."""
    for number in (13, 17):
        found = probed(number)
        shown = " ".join(all_strings(found.shots))
        notes = " ".join(n.say + n.narration for n in found.notes)
        assert "step" in shown and "epoch" not in shown + notes, number


def test_the_class_colors_mean_the_classes_only(probed):
    """Orange and blue are the two classes (scenes 10-17); a network's weights are drawn in
    the model's color, solid or dashed by sign, never in a class color."""
    palette = theme.PALETTES[theme.current()]
    classes = {palette["CLASS0"].lower(), palette["CLASS1"].lower()}
    for number in (16, 19):
        for shot in probed(number).shots:
            assert not classes & set(shot.colors), (number, shot.label)


def _left_edges(shot, contents):
    return [t.box[0] for t in shot.texts if t.content in contents]


@pytest.mark.parametrize(
    ("number", "contents"),
    [
        (3, ("Using derivatives for optimization", "Probabilities", "The chain rule")),
        (9, ("Started with labelled data:", "Chose a model:", "Optimized:")),
    ],
)
def test_list_items_start_at_one_left_edge(probed, number, contents):
    edges = _left_edges(probed(number).shots[-1], contents)
    assert len(edges) == len(contents)
    assert max(edges) - min(edges) < 0.5 / 135, f"left edges jitter: {edges}"  # half a pixel


def test_quiz_terms_and_their_marks_line_up(probed, lecture):
    shot = probed(2).shots[1]
    terms = {q.term for q in lecture.balderdash.quiz}
    edges = _left_edges(shot, terms)
    assert len(edges) == len(terms) and max(edges) - min(edges) < 0.5 / 135
    marks = [(t.box[0] + t.box[2]) / 2 for t in shot.texts if t.content in ("\u2713", "\u2717")]
    assert len(marks) == len(terms) and max(marks) - min(marks) < 0.5 / 135
