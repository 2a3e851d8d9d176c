"""Layout holds on a teacher's data, as it does on the shipped lecture: every scene a
setting changes is built with the teacher's settings and probed as a viewer sees it, at its
slide breaks, after and inside every animation (nothing off screen, no texts overlapping,
no stale copy of a number drawn, every glyph legible at 1080p) and every computation on
screen redone from its digits.

The teachers: a test scored out of 150, a class of 12 students and the largest class
mathcore accepts (200: a class of 300 is refused before anything is drawn, with a message
saying so), labels with one class of only 3 points (in both point sets), a network of 1
and of 5 hidden units. The
default run probes the scenes where each one changes the most (about a minute on two
cores); ``-m slow`` probes every scene each setting reaches.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from mathcore.config import SCHEMA, ConfigError, LectureSettings, default_settings, load_config
from mathcore.data import MAX_STUDENTS
from mathcore.errors import DataFileError
from mathcore.lecture import build_lecture
from scenes import context, theme
from scenes.lecture import SCENES
from tests.scene_probe import (
    SAMPLES,
    arithmetic_errors,
    outside_frame,
    overlapping_texts,
    probe,
    stale_texts,
    too_small,
)

pytestmark = pytest.mark.usefixtures("restore_scene_inputs")


def _scores(folder: Path, name: str, rows: list[tuple[float, float]]) -> Path:
    path = folder / f"{name}.csv"
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(["test1", "test2"])
        writer.writerows((f"{a:g}", f"{b:g}") for a, b in rows)
    return path


def _shipped_scores() -> np.ndarray:
    return np.loadtxt(default_settings().scores_csv, delimiter=",", skiprows=1)


def _out_of_150(folder: Path, s: LectureSettings) -> LectureSettings:
    rows = [(1.5 * a, 1.5 * b) for a, b in _shipped_scores()]
    return dataclasses.replace(s, scores_csv=_scores(folder, "out_of_150", rows))


def _twelve(folder: Path, s: LectureSettings) -> LectureSettings:
    rows = [tuple(r) for r in _shipped_scores()[:12]]
    return dataclasses.replace(s, scores_csv=_scores(folder, "twelve", rows))


def _big_class(folder: Path, n: int) -> Path:
    """``n`` students: the shipped class over and over, each score moved a little."""
    rng = np.random.default_rng(n)
    scores = np.tile(_shipped_scores(), (n // 90 + 1, 1))[:n]
    scores = np.clip(np.rint(scores + rng.normal(0, 3, scores.shape)), 0, 100)
    return _scores(folder, f"class_of_{n}", scores.tolist())


def _largest_class(folder: Path, s: LectureSettings) -> LectureSettings:
    """As many students as mathcore accepts (a class of 300 is refused, see below)."""
    return dataclasses.replace(s, scores_csv=_big_class(folder, MAX_STUDENTS))


def _few_of_one_class(folder: Path, s: LectureSettings) -> LectureSettings:
    """Both point sets with only the first 3 points of class 1 kept."""
    paths = {}
    for field, source in (("separable_csv", s.separable_csv), ("hopeless_csv", s.hopeless_csv)):
        table = np.loadtxt(source, delimiter=",", skiprows=1)
        ones = np.flatnonzero(table[:, 2] == 1)[:3]
        kept = table[(table[:, 2] == 0) | np.isin(np.arange(len(table)), ones)]
        path = folder / f"three_{Path(source).name}"
        np.savetxt(path, kept, delimiter=",", header="x,y,c", comments="", fmt="%g")
        paths[field] = path
    return dataclasses.replace(s, **paths)


def _hidden(k: int) -> Callable[[Path, LectureSettings], LectureSettings]:
    return lambda _folder, s: dataclasses.replace(s, hidden=k)


#: A teacher's change, and the scenes it reaches (by number): those probed by default first.
TEACHERS: dict[str, tuple[Callable[[Path, LectureSettings], LectureSettings], tuple, tuple]] = {
    "scores out of 150": (_out_of_150, (8,), (4, 5, 6, 7, 9)),
    "12 students": (_twelve, (6, 8), (4, 5, 7, 9)),
    f"{MAX_STUDENTS} students": (_largest_class, (5,), (4, 6, 7, 8, 9)),
    "one class of 3 points": (_few_of_one_class, (13, 14), (10, 12, 15, 16, 17, 19)),
    "1 hidden unit": (_hidden(1), (19,), (16, 17)),
    "5 hidden units": (_hidden(5), (16, 17), (19,)),
}
CASES = [
    pytest.param(name, number, id=f"{name}-{SCENES[number - 1].slug}", marks=marks)
    for name, (_, default, more) in TEACHERS.items()
    for numbers, marks in ((default, ()), (more, (pytest.mark.slow,)))
    for number in numbers
]


def viewer_problems(name: str, number: int, folder: Path) -> list[str]:
    """Everything a viewer would notice in scene ``number`` on the teacher's data."""
    change = TEACHERS[name][0]
    context.use(change(folder, default_settings()), theme_name=theme.current())
    found = probe(SCENES[number - 1], SAMPLES)
    problems = []
    for shot in found.shots + found.rests + found.moments:
        problems += [f"{shot.where}: off screen {b}" for b in outside_frame(shot)]
        problems += [f"{shot.where}: texts overlap {p}" for p in overlapping_texts(shot)]
        problems += [f"{shot.where}: a stale copy still drawn {t!r}" for t in stale_texts(shot)]
    for shot in found.shots + found.rests:
        problems += [f"slide {shot.slide}: too small {t!r} ({h} px)" for t, h, _ in too_small(shot)]
    strings = [s for shot in found.rests for s in shot.strings()]
    problems += [f"arithmetic: {e}" for e in arithmetic_errors(strings)]
    return list(dict.fromkeys(problems))


@pytest.mark.parametrize(("teacher", "number"), CASES)
def test_layout_holds_on_a_teachers_data(teacher, number, tmp_path):
    problems = viewer_problems(teacher, number, tmp_path)
    assert not problems, f"{teacher}, {SCENES[number - 1].slug}:\n" + "\n".join(problems)


def test_a_class_of_300_is_refused_before_anything_is_drawn(tmp_path):
    settings = dataclasses.replace(default_settings(), scores_csv=_big_class(tmp_path, 300))
    with pytest.raises(DataFileError, match=f"more than {MAX_STUDENTS} data rows"):
        build_lecture(settings)


def _longest_talk(letter: str) -> str:
    """Every title-slide text at the longest the schema accepts, on the lines it allows,
    of ``letter`` (W: the widest capital; m: the widest small letter, the smallest glyphs
    once a line is scaled down to fit)."""
    lines = []
    for key, spec in SCHEMA["talk"].items():
        longest = int(re.search(r"1 to (\d+) characters", spec.accepted)[1])
        rows = 2 if "at most 2 lines" in spec.accepted else 1
        lines.append(f'{key} = "' + "\\n".join([letter * longest] * rows) + '"')
    return "[talk]\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("letter", ["W", "m"])
@pytest.mark.parametrize("number", [1, 20])
def test_the_longest_accepted_title_slide_texts_fit_the_frame(number, letter, tmp_path):
    path = tmp_path / "my.toml"
    path.write_text(_longest_talk(letter), encoding="utf-8")
    context.use_config(load_config(path), theme_name=theme.current())
    found = probe(SCENES[number - 1], SAMPLES)
    problems = []
    for shot in found.shots + found.rests + found.moments:
        problems += [f"{shot.where}: off screen {b}" for b in outside_frame(shot)]
        problems += [f"{shot.where}: texts overlap {p}" for p in overlapping_texts(shot)]
    for shot in found.shots + found.rests:
        problems += [f"slide {shot.slide}: too small {t!r} ({h} px)" for t, h, _ in too_small(shot)]
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_one_character_more_than_fits_is_refused(tmp_path):
    text = _longest_talk("W").replace('title = "W', 'title = "WW', 1)
    path = tmp_path / "my.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[talk\] title = .* too long to fit on the slide"):
        load_config(path)
