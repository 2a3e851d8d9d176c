"""The lecture's insight values (best line, hidden lines, landscape, new terms) as
``build_lecture`` makes them: the same numbers as each module gives, in the JSON export, from
a teacher's settings file, and every bad setting refused by its name."""

import json
from pathlib import Path

import numpy as np
import pytest

from mathcore import best_line, char_model, hidden_lines, landscape
from mathcore.config import ConfigError, default_settings, load_config
from mathcore.errors import DataFileError, ParameterError
from mathcore.lecture import build_lecture

ROOT = Path(__file__).resolve().parents[1]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_settings_of_the_terms_network():
    s = default_settings()
    assert s.terms_list == ROOT / "assets" / "math_terms.txt"
    assert (s.terms_hidden, s.terms_steps, s.terms_seed) == (64, 6000, 0)
    assert s.terms_samples == 10 and s.terms_temperature == 0.6


def test_lecture_insights_are_the_modules_numbers(lecture):
    ins = lecture.insights
    X, c = lecture.hopeless_data.X, lecture.hopeless_data.c
    line = best_line.best_line_by_accuracy(X, c)
    assert ins.best_line.n_correct == line.n_correct
    assert 0.65 <= ins.best_line.accuracy <= 0.75
    # the hopeless slide's descent has reached the optimum: J near ln 2, weights near 0
    assert ins.hopeless_optimum.cost == pytest.approx(lecture.hopeless.cost[-1], abs=1e-9)
    assert ins.hopeless_optimum.ln2 - ins.hopeless_optimum.cost < 1e-3
    assert ins.best_line.accuracy > lecture.hopeless.accuracy[-1] + 0.1
    assert ins.hidden_box == hidden_lines.bounding_box(X)
    assert len(ins.hidden_lines) == lecture.network.hidden
    path = lecture.logistic.params
    assert ins.landscape.b_fixed == path[-1, 2]
    np.testing.assert_array_equal(ins.landscape.path_m1, path[:, 0])
    assert ins.landscape.J.shape == ins.landscape_profile.J.shape == (41, 41)
    m1, m2 = landscape.grid_around(path, size=41)
    np.testing.assert_array_equal(ins.landscape.m1, m1)
    np.testing.assert_array_equal(ins.landscape_profile.m2, m2)
    assert len(ins.new_terms.terms) == 10
    terms = char_model.load_term_list(ROOT / "assets" / "math_terms.txt").terms
    assert not set(ins.new_terms.terms) & set(terms)
    assert ins.terms_model.loss[-1] < ins.terms_model.loss[0]


def test_insights_in_the_values_json(lecture):
    values = json.loads(json.dumps(lecture.to_json(), allow_nan=False))
    ins = lecture.insights
    assert values["best_line"]["accuracy"] == ins.best_line.accuracy
    assert values["best_line"]["n_correct"] == ins.best_line.n_correct
    assert values["hopeless_optimum"]["cost"] == ins.hopeless_optimum.cost
    assert values["hopeless_optimum"]["ln2"] == np.log(2.0)
    assert len(values["hidden_lines"]["units"]) == lecture.network.hidden
    unit = values["hidden_lines"]["units"][0]
    assert unit["normal"] == lecture.network.final.theta1[0].tolist()
    assert np.array(values["landscape"]["J"]).shape == (41, 41)
    assert values["landscape"]["b_fixed"] == ins.landscape.b_fixed
    assert values["landscape_profile"]["b_fixed"] is None
    assert values["new_terms"]["terms"] == list(ins.new_terms.terms)
    assert values["new_terms"]["loss"][-1] == ins.terms_model.loss[-1]


TEACHER_TERMS = "\n".join(
    [
        "Square",
        "Triangle",
        "Pentagon",
        "Hexagon",
        "Heptagon",
        "Octagon",
        "Rhombus",
        "Trapezoid",
        "Parallelogram",
        "Circle",
        "Ellipse",
        "Sphere",
        "Cylinder",
        "Pyramid",
        "Prism",
        "Angle bisector",
        "Right angle",
        "Acute angle",
        "Obtuse angle",
        "Isosceles triangle",
        "Equilateral triangle",
        "Scalene triangle",
        "Hypotenuse",
        "Perpendicular lines",
        "Parallel lines",
    ]
)


def test_a_teachers_terms_and_settings(tmp_path):
    write(tmp_path, "shapes.txt", TEACHER_TERMS)
    config = load_config(
        write(
            tmp_path,
            "my.toml",
            '[data]\nmath_terms = "shapes.txt"\n'
            "[terms_model]\nhidden = 24\nsteps = 800\nseed = 5\nsamples = 4\ntemperature = 1.0\n",
        )
    )
    s = config.settings
    assert s.terms_list == tmp_path / "shapes.txt"
    assert (s.terms_hidden, s.terms_steps, s.terms_seed, s.terms_samples) == (24, 800, 5, 4)
    values = build_lecture(s)
    new = values.insights.new_terms
    assert len(new.terms) == 4 and new.seed == 5 and new.temperature == 1.0
    own = TEACHER_TERMS.splitlines()
    assert not set(new.terms) & set(own)
    assert values.insights.terms_model.hidden == 24
    assert set("".join(new.terms)) <= set("".join(own))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[terms_model]\nsamples = 50\n", "[terms_model] samples = 50 is out of range"),
        ("[terms_model]\nhidden = 0\n", "[terms_model] hidden = 0 is out of range"),
        ("[terms_model]\ntemperature = 0\n", "[terms_model] temperature = 0 is out of range"),
        ('[terms_model]\nseed = "x"\n', '[terms_model] seed = "x" is text'),
        ("[terms_model]\nsteps = 0\n", "[terms_model] steps = 0 is out of range"),
        ('[data]\nmath_terms = "terms.csv"\n', "not a .txt file"),
        ('[data]\nmath_terms = "missing.txt"\n', "file not found"),
    ],
)
def test_bad_terms_settings_are_refused_by_name(tmp_path, text, words):
    write(tmp_path, "terms.csv", "x\n")
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "my.toml", text))
    assert words in str(caught.value)


def test_bad_terms_file_of_a_teacher_names_file_and_line(tmp_path):
    lines = TEACHER_TERMS.splitlines()
    lines[6] = "Rhombus\tdiamond"
    write(tmp_path, "shapes.txt", "\n".join(lines))
    config = load_config(write(tmp_path, "my.toml", '[data]\nmath_terms = "shapes.txt"\n'))
    with pytest.raises(DataFileError) as caught:
        build_lecture(config.settings)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'shapes.txt'}: line 7 contains a control character")
    assert "Fix:" in message


def test_a_list_the_network_cannot_write_new_terms_from_names_the_key(tmp_path):
    # one-letter terms: every term it writes is too short for the slide
    write(tmp_path, "letters.txt", "\n".join("abcdefghijklmnopqrstuvwxyz"))
    config = load_config(
        write(
            tmp_path, "my.toml", '[data]\nmath_terms = "letters.txt"\n[terms_model]\nsteps = 200\n'
        )
    )
    with pytest.raises(ParameterError) as caught:
        build_lecture(config.settings)
    assert caught.value.name == "terms_model.samples"
    assert "Fix:" in str(caught.value)
