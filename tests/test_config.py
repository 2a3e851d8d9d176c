"""A teacher's own lecture from a settings file: every bad key, type and value refused with a
message naming it and what is accepted; another data set changes the numbers and the scenes;
untrusted terms drawn literally; the light theme everywhere; the same file, the same result."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import Dot, ManimColor, Text
from PIL import Image

from mathcore import config as config_module
from mathcore.__main__ import main as mathcore_main
from mathcore.config import (
    DEFAULT_CONFIG,
    SCHEMA,
    THEMES,
    ConfigError,
    default_config,
    default_settings,
    load_config,
)
from mathcore.errors import DataFileError, LectureInputError, ParameterError
from mathcore.lecture import build_lecture
from scenes import context, theme
from scenes.lecture import SCENES
from tests.scene_probe import all_strings, build, shows

ROOT = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.usefixtures("restore_scene_inputs")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(tmp_path: Path, text: str) -> str:
    """The message of the ConfigError a settings file with ``text`` raises."""
    path = write(tmp_path, "my.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message  # names the file
    return message


# -- the shipped defaults -------------------------------------------------------------------
def test_shipped_file_sets_and_explains_every_key():
    sections: dict[str, list[str]] = {}
    lines = DEFAULT_CONFIG.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        elif line and not line.startswith("#"):
            current.append(line)
    assert list(sections) == list(SCHEMA)
    for section, keys in SCHEMA.items():
        written = {line.split(" = ")[0]: line for line in sections[section]}
        assert list(written) == list(keys), section
        for key, line in written.items():
            assert "  # " in line, f"[{section}] {key} has no explanation"


def test_shipped_file_missing_a_key_is_an_error(tmp_path, monkeypatch):
    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace("seed = 0", "")
    shipped = write(tmp_path / "assets", "lecture.toml", text)
    for name in ("test_scores.csv", "separable.csv", "rings.csv", "balderdash.toml"):
        (tmp_path / "assets" / name).symlink_to(DEFAULT_CONFIG.parent / name)
    monkeypatch.setattr(config_module, "DEFAULT_CONFIG", shipped)
    with pytest.raises(ConfigError, match=r"must set every key; missing \[network\] seed"):
        load_config()


def test_accepted_themes_are_the_palettes():
    assert set(THEMES) == set(theme.PALETTES)


# -- a teacher's file ------------------------------------------------------------------------
def test_a_file_sets_only_what_it_names_and_paths_are_read_from_its_folder(tmp_path):
    folder = tmp_path / "my lecture"
    write(folder, "data/scores.csv", "test1,test2\n50,40\n60,50\n70,65\n")
    path = write(
        folder,
        "lecture.toml",
        '[talk]\nspeaker = "Ada Lovelace"\n[data]\nscores = "data/scores.csv"\n'
        "[regression]\nlr = 0.05\n[render]\n"
        'scenes = [1, "4-6", "GradientDescent"]\ntheme = "light"\n',
    )
    config = load_config(path)
    assert config.source == path.resolve()
    assert config.talk.speaker == "Ada Lovelace"
    assert config.talk.title == default_config().talk.title  # not named: the shipped value
    assert config.settings.scores_csv == (folder / "data" / "scores.csv").resolve()
    assert config.settings.separable_csv == default_settings().separable_csv
    assert config.settings.regression_lr == 0.05
    assert config.settings.regression_steps == default_settings().regression_steps
    assert config.render.scenes == "1,4-6,GradientDescent"
    assert config.render.theme == "light"


# -- every bad key, type and value: one test each ---------------------------------------------
def test_unknown_key(tmp_path):
    message = refused(tmp_path, "[regression]\nlearning_rate = 0.1\n")
    assert "unknown key 'learning_rate' in [regression] (did you mean 'lr'?)" in message
    assert "Accepted keys in [regression]: score_scale, lr, m0, steps" in message


def test_misspelled_key_gets_a_suggestion(tmp_path):
    message = refused(tmp_path, "[network]\nhiden = 3\n")
    assert "unknown key 'hiden' in [network] (did you mean 'hidden'?)" in message


def test_key_in_the_wrong_section(tmp_path):
    message = refused(tmp_path, '[talk]\ntheme = "light"\n')
    assert "unknown key 'theme' in [talk] (it belongs in [render])" in message


def test_unknown_section(tmp_path):
    message = refused(tmp_path, "[netwrok]\nhidden = 3\n")
    assert "unknown section [netwrok] (did you mean [network]?)" in message
    assert "Accepted sections: [talk], [data], [regression]" in message


def test_key_outside_any_section(tmp_path):
    message = refused(tmp_path, 'speaker = "Ada"\n')
    assert "key 'speaker' is outside any section. Fix: put it under [talk]" in message


def test_an_unknown_key_outside_any_section_is_called_a_key(tmp_path):
    message = refused(tmp_path, "fps = 30\n")
    assert "key 'fps' is outside any section, and no section has a key 'fps'" in message
    assert "unknown section" not in message and "Fix: write each key under its section" in message
    assert "(did you mean 'steps' in [" in refused(tmp_path, "stpes = 30\n")


def test_a_bom_at_the_start_is_accepted(tmp_path):
    path = tmp_path / "my.toml"
    path.write_bytes('\ufeff[talk]\nspeaker = "Ada"\n'.encode())  # Notepad's UTF-8
    assert load_config(path).talk.speaker == "Ada"


@pytest.mark.parametrize("value", ["2025-03-03", "2025-03-03T10:00:00", "10:00:00"])
def test_a_date_without_quotes_says_to_quote_it(tmp_path, value):
    message = refused(tmp_path, f"[talk]\ndate = {value}\n")
    assert "datetime." not in message  # no Python repr
    assert "(written without quotes). Fix: put it in quotes: date = " in message


def test_a_scene_list_of_true_names_the_entry(tmp_path):
    message = refused(tmp_path, "[render]\nscenes = [true]\n")
    assert "[render] scenes = [true] has true (true/false), which is neither a scene" in message
    assert "is a list of" not in message


def test_empty_narration_words_are_called_empty(tmp_path):
    message = refused(tmp_path, '[narration]\nslides = { "GradientDescent.1" = "" }\n')
    assert 'gives "GradientDescent.1" empty words: say something on that slide' in message


def test_a_named_pipe_is_not_reported_as_missing(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    message = refused(tmp_path, '[data]\nscores = "pipe.csv"\n')
    assert "is not a regular file (a named pipe or device)" in message
    assert "not found" not in message


def test_section_written_as_a_value(tmp_path):
    message = refused(tmp_path, "regression = 0.1\n")
    assert "'regression' must be a section [regression]" in message


def test_text_where_a_number_belongs(tmp_path):
    message = refused(tmp_path, '[regression]\nlr = "0.1"\n')
    assert '[regression] lr = "0.1" is text. Accepted: a number > 0, e.g. lr = 0.1' in message


def test_true_false_where_a_number_belongs(tmp_path):
    message = refused(tmp_path, "[logistic]\nlr = true\n")
    assert "[logistic] lr = true is true/false. Accepted: a number > 0" in message


def test_fraction_where_a_whole_number_belongs(tmp_path):
    message = refused(tmp_path, "[network]\nsteps = 1500.5\n")
    assert "[network] steps = 1500.5 is a number. Accepted: a whole number from 1 to" in message


def test_number_where_text_belongs(tmp_path):
    message = refused(tmp_path, "[talk]\ndate = 2025\n")
    assert "[talk] date = 2025 is a whole number. Accepted: text of 1 to 50 characters" in message


def test_empty_title_slide_line(tmp_path):
    message = refused(tmp_path, '[talk]\naffiliation = "  "\n')
    assert '[talk] affiliation = "  " is empty. Accepted: text of 1 to 60 characters' in message


def test_name_too_long_for_the_slide(tmp_path):
    message = refused(tmp_path, f'[talk]\nspeaker = "{"Ada " * 11}"\n')
    assert "is too long to fit on the slide. Accepted: text of 1 to 40 characters" in message


def test_control_character_in_text(tmp_path):
    message = refused(tmp_path, '[talk]\nclub = "Math\\u0007Club"\n')
    assert '[talk] club = "Math\u0007Club" contains a control character' in message


def test_bad_theme(tmp_path):
    message = refused(tmp_path, '[render]\ntheme = "blue"\n')
    assert (
        '[render] theme = "blue" is not an accepted value. Accepted: "dark" or "light"' in message
    )


def test_bad_quality(tmp_path):
    message = refused(tmp_path, '[render]\nquality = "8k"\n')
    assert '[render] quality = "8k" is not an accepted value' in message
    assert (
        '"low" (480p15), "720p" (720p30), "1080p30" (1080p30), "1080p" (1080p60), "4k" (2160p60)'
        in message
    )


def test_scenes_of_the_wrong_type(tmp_path):
    message = refused(tmp_path, "[render]\nscenes = 8\n")
    assert '[render] scenes = 8 is a whole number. Accepted: "all", or scene numbers' in message


def test_zero_learning_rate(tmp_path):
    message = refused(tmp_path, "[regression]\nlr = 0\n")
    assert "[regression] lr = 0 must be > 0" in message


def test_negative_learning_rate(tmp_path):
    message = refused(tmp_path, "[network]\nlr = -2.0\n")
    assert "[network] lr = -2.0 must be > 0" in message


def test_not_a_finite_number(tmp_path):
    message = refused(tmp_path, "[regression]\nm0 = nan\n")
    assert "[regression] m0 = nan is not a finite number. Accepted: a number" in message


def test_negative_steps(tmp_path):
    message = refused(tmp_path, "[hopeless]\nsteps = -1\n")
    assert "[hopeless] steps = -1 is out of range. Accepted: a whole number from 0 to 100000" in (
        message
    )


def test_too_few_regression_steps_for_the_scene(tmp_path):
    message = refused(tmp_path, "[regression]\nsteps = 2\n")
    assert "[regression] steps = 2 is out of range. Accepted: a whole number from 5 to" in message


def test_zero_hidden_units(tmp_path):
    message = refused(tmp_path, "[network]\nhidden = 0\n")
    assert "[network] hidden = 0 is out of range. Accepted: a whole number from 1 to 5" in message


def test_more_hidden_units_than_the_diagrams_hold(tmp_path):
    message = refused(tmp_path, "[network]\nhidden = 9\n")
    assert "[network] hidden = 9 is out of range" in message


def test_negative_seed(tmp_path):
    message = refused(tmp_path, "[network]\nseed = -1\n")
    assert "[network] seed = -1 is out of range. Accepted: a whole number from 0 to" in message


def test_zero_score_scale(tmp_path):
    message = refused(tmp_path, "[regression]\nscore_scale = 0\n")
    assert "[regression] score_scale = 0 is out of range. Accepted: a number from 1 to" in message


def test_start_of_the_wrong_length(tmp_path):
    message = refused(tmp_path, "[logistic]\nstart = [1.0, 2.0]\n")
    assert "[logistic] start = [1.0, 2.0] is a list of 2. Accepted: three numbers [m1, m2, b]" in (
        message
    )


def test_start_out_of_range(tmp_path):
    message = refused(tmp_path, "[hopeless]\nstart = [0.0, 1e6, 0.0]\n")
    assert "[hopeless] start = [0.0, 1000000.0, 0.0] is out of range. Accepted: three numbers" in (
        message
    )
    assert "from -100 to 100" in message


def test_missing_data_file(tmp_path):
    message = refused(tmp_path, '[data]\nscores = "my_class.csv"\n')
    expected = tmp_path / "my_class.csv"
    assert f'[data] scores = "my_class.csv": file not found ({expected})' in message
    assert f"relative paths are read from {tmp_path}" in message


def test_missing_settings_file(tmp_path):
    with pytest.raises(ConfigError, match="settings file not found"):
        load_config(tmp_path / "nope.toml")


def test_invalid_toml(tmp_path):
    message = refused(tmp_path, "[talk]\nspeaker = Ada Lovelace\n")
    assert "not valid TOML: Invalid value (at line 2, column 11)" in message


def test_settings_file_not_utf8(tmp_path):
    path = tmp_path / "my.toml"
    path.write_bytes('[talk]\nspeaker = "Bj\xf6rk"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match=r"not UTF-8 text \(byte 20\)"):
        load_config(path)


# -- numbers that depend on the data: refused when the lecture is built ------------------------
def test_diverging_regression_learning_rate_names_its_key(tmp_path):
    config = load_config(write(tmp_path, "my.toml", "[regression]\nlr = 5.0\n"))
    with pytest.raises(ParameterError) as caught:
        build_lecture(config.settings)
    assert str(caught.value).startswith(
        "parameter 'regression.lr' = 5.0: gradient descent diverges: it needs lr < 1/mean(x^2)"
    )


def test_diverging_logistic_learning_rate_names_its_key(tmp_path):
    config = load_config(write(tmp_path, "my.toml", "[logistic]\nlr = 1000.0\n"))
    with pytest.raises(ParameterError, match=r"^parameter 'logistic.lr' = 1000.0: too large"):
        build_lecture(config.settings)


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("regression_steps", -1, "regression.steps"),
        ("hidden", 0, "network.hidden"),
        ("network_seed", -3, "network.seed"),
        ("regression_m0", 1e300, "regression.m0"),
        ("logistic_start", (1e308, 0.0, 0.0), "logistic.start"),
        ("regression_lr", float("nan"), "regression.lr"),
        ("hidden", True, "network.hidden"),
        ("hidden", 2.0, "network.hidden"),
        ("regression_steps", 2.5, "regression.steps"),
        ("regression_steps", "3", "regression.steps"),
        ("regression_lr", 0.0, "regression.lr"),
        ("logistic_lr", -0.1, "logistic.lr"),
        ("network_lr", float("inf"), "network.lr"),
        ("hopeless_lr", "fast", "hopeless.lr"),
        ("regression_lr", None, "regression.lr"),
        ("network_steps", -1, "network.steps"),
    ],
)
def test_settings_made_in_code_are_checked_once_by_the_schema(field, value, name):
    """The schema is the one place a value is checked: from a file or from code."""
    with pytest.raises(ParameterError) as caught:
        dataclasses.replace(default_settings(), **{field: value})
    assert caught.value.name == name
    assert "accepted:" in caught.value.problem and caught.value.fix


def test_bad_balderdash_file_of_a_teacher(tmp_path):
    write(tmp_path, "quiz.toml", '[[quiz]]\nterm = "Nephroid"\nreal = "yes"\n')
    config = load_config(write(tmp_path, "my.toml", '[data]\nbalderdash = "quiz.toml"\n'))
    with pytest.raises(DataFileError) as caught:
        build_lecture(config.settings)
    assert str(caught.value) == (
        f"{tmp_path / 'quiz.toml'}: quiz entry 1 ('Nephroid') needs real = true or false. "
        "Fix: add real = true (a real term) or real = false (generated)"
    )


def test_bad_cell_in_a_teachers_data_file(tmp_path):
    write(tmp_path, "scores.csv", "test1,test2\n50,40\n60,n/a\n70,65\n")
    config = load_config(write(tmp_path, "my.toml", '[data]\nscores = "scores.csv"\n'))
    with pytest.raises(DataFileError) as caught:
        build_lecture(config.settings)
    assert str(caught.value) == (
        f"{tmp_path / 'scores.csv'}, row 3, column 'test2': 'n/a' is not a number. "
        "Fix: write a plain number such as 72 or 0.5"
    )


def test_values_command_refuses_a_bad_file_with_one_line(tmp_path, capsys):
    path = write(tmp_path, "my.toml", "[regression]\nlr = 5.0\n")
    assert mathcore_main(["values", "--config", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: parameter 'regression.lr' = 5.0: gradient descent")
    assert captured.err.count("\n") == 1


# -- another data set: other numbers, and the scenes show them ---------------------------------
@pytest.fixture(scope="module")
def other_class(tmp_path_factory):
    """A class whose second test went worse: slope about 0.6 instead of the shipped ~0.9."""
    folder = tmp_path_factory.mktemp("teacher")
    rng = np.random.default_rng(7)
    test1 = rng.uniform(40, 100, size=30).round()
    test2 = (0.6 * test1 + rng.normal(0, 5, size=30)).clip(0, 100).round()
    rows = "\n".join(f"{a:g},{b:g}" for a, b in zip(test1, test2, strict=True))
    write(folder, "class.csv", "test1,test2\n" + rows + "\n")
    path = write(
        folder,
        "lecture.toml",
        '[talk]\ntitle = "Least Squares in Room 101"\nspeaker = "Ms. Noether"\n'
        'date = "March 3, 2025"\n[data]\nscores = "class.csv"\n'
        "[regression]\nlr = 0.2\nm0 = 0.1\nsteps = 40\n",
    )
    return path, test1 / 100.0, test2 / 100.0


def test_values_export_of_another_class(other_class, tmp_path):
    path, x, y = other_class
    out = tmp_path / "values.json"
    assert mathcore_main(["values", "--config", str(path), "--out", str(out)]) == 0
    values = json.loads(out.read_text(encoding="utf-8"))
    oracle = np.linalg.lstsq(x[:, None], y, rcond=None)[0][0]
    assert values["regression"]["m_best"] == pytest.approx(oracle, rel=1e-12)
    shipped = build_lecture().regression.fit.m_best
    assert abs(values["regression"]["m_best"] - shipped) > 0.2  # really another lecture
    descent = values["regression"]["descent"]
    assert (descent["lr"], descent["m"][0], len(descent["m"])) == (0.2, 0.1, 41)


def test_scenes_show_another_class(other_class):
    path, x, y = other_class
    values = context.use_config(load_config(path))
    m_best = values.regression.fit.m_best
    assert m_best == pytest.approx(np.linalg.lstsq(x[:, None], y, rcond=None)[0][0])
    calculus = all_strings(build(SCENES[5]))
    for number in (m_best, values.regression.fit.sum_xy, values.regression.fit.sum_xx):
        assert shows(calculus, number), f"{number} not on screen in Calculus"
    title = " ".join(all_strings(build(SCENES[0])))
    assert "Least Squares in Room 101" in title and "Ms. Noether" in title
    assert "March 3, 2025" in title


# -- untrusted text is drawn literally, never typeset ------------------------------------------
HOSTILE = [
    r"\input{/etc/passwd}",
    "$x^2$ dollars",
    "100% sure",
    "R&D theorem",
    "snake_case lemma",
    "#1 conjecture",
    "{unbalanced",
    "Ænigma École Ölçü Łódź",
    "<b>not bold</b> &amp;",
    r"\\ \newline \end{document}",
]


@pytest.fixture
def tex_compiled(monkeypatch):
    """Every LaTeX source manim compiles while the test runs."""
    from manim.mobject.text import tex_mobject

    sources: list[str] = []
    original = tex_mobject.tex_to_svg_file

    def record(expression, *args, **kwargs):
        sources.append(expression)
        return original(expression, *args, **kwargs)

    monkeypatch.setattr(tex_mobject, "tex_to_svg_file", record)
    return sources


def test_balderdash_terms_with_latex_specials_are_drawn_literally(tmp_path, tex_compiled):
    quiz = "".join(
        f"[[quiz]]\nterm = '''{term}'''\nreal = {'true' if i % 2 else 'false'}\n\n"
        for i, term in enumerate(HOSTILE)
    )
    terms = write(tmp_path, "terms.toml", quiz + f"[more]\ngenerated = ['''{HOSTILE[0]}''']\n")
    config = load_config(write(tmp_path, "my.toml", '[data]\nbalderdash = "terms.toml"\n'))
    assert config.settings.terms_toml == terms
    context.use_config(config)
    shots = build(SCENES[1])
    shown = [t for shot in shots for t in shot.texts]
    for term in HOSTILE:
        drawn = [t.mobject for t in shown if t.content == term]
        assert drawn, f"{term!r} not drawn as it is written"
        assert all(isinstance(m, Text) for m in drawn)
        glyphs = len("".join(term.split()))
        # manim keeps a zero-size Dot per space beside the glyphs (disable_ligatures=True)
        drawn_glyphs = [[g for g in m.submobjects if not isinstance(g, Dot)] for m in drawn]
        assert all(len(g) == glyphs for g in drawn_glyphs), f"{term!r} lost characters"
    for source in tex_compiled:  # LaTeX never saw a term
        assert not any(term in source for term in HOSTILE), source


def test_title_details_with_latex_specials_are_drawn_literally(tmp_path, tex_compiled):
    path = write(
        tmp_path,
        "my.toml",
        "[talk]\ntitle = '''\\input{/etc/passwd} & $5 % _ #'''\nspeaker = '''Zoë {O'Neil}'''\n",
    )
    context.use_config(load_config(path))
    texts = [t for t in build(SCENES[0])[-1].texts if t.kind == "text"]
    contents = [t.content for t in texts]
    assert "\\input{/etc/passwd} & $5 % _ #" in contents
    assert "Zoë {O'Neil}" in contents
    for source in tex_compiled:
        assert "passwd" not in source and "Zoë" not in source


# -- the light theme, everywhere ----------------------------------------------------------------
def test_palettes_have_the_same_roles_and_switch_one_to_one():
    dark, light = theme.PALETTES["dark"], theme.PALETTES["light"]
    assert set(dark) == set(light) == set(theme.ROLES)
    for a, b in ((dark, light), (light, dark)):
        pairs = {(a[role].lower(), b[role]) for role in theme.ROLES}
        assert len({old for old, _ in pairs}) == len(pairs), "one color would switch two ways"
    assert not {v.lower() for v in dark.values()} & {v.lower() for v in light.values()}


def _palette_colors_in_scenes_modules() -> set[str]:
    """Palette colors held by default arguments, module constants and class attributes."""
    import inspect

    found = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("scenes.") or name == "scenes.theme" or module is None:
            continue
        for obj in vars(module).values():
            candidates = [obj]
            if isinstance(obj, type) and obj.__module__ == name:
                candidates += list(vars(obj).values())
            for item in candidates:
                item = getattr(item, "__func__", item)
                if isinstance(item, str):
                    found.add(item.lower())
                elif inspect.isfunction(item):
                    found.update(
                        v.lower()
                        for v in (item.__defaults__ or ())
                        + tuple((item.__kwdefaults__ or {}).values())
                        if isinstance(v, str)
                    )
    return found


def test_light_theme_reaches_colors_taken_at_import(tmp_path):
    for entry in SCENES:
        entry.load()  # every scene module and drawing imported, in the dark theme
    context.use_config(load_config(write(tmp_path, "my.toml", '[render]\ntheme = "light"\n')))
    assert theme.current() == "light"
    assert theme.PALETTES["light"]["BACKGROUND"] == theme.BACKGROUND
    dark_only = {v.lower() for v in theme.PALETTES["dark"].values()}
    assert not _palette_colors_in_scenes_modules() & dark_only
    shot = build(SCENES[3])[-1]  # the scores plot: dots, line, axes, labels
    colors = {ManimColor(m.get_color()).to_hex().lower() for t in shot.texts for m in [t.mobject]}
    assert not colors & dark_only, colors & dark_only
    theme.use("dark")
    assert not _palette_colors_in_scenes_modules() & {
        v.lower() for v in theme.PALETTES["light"].values()
    }


# -- the same settings, the same numbers and frames --------------------------------------------
def test_same_settings_file_same_numbers_in_separate_runs(other_class):
    path = other_class[0]
    runs = [
        subprocess.run(
            [sys.executable, "-m", "mathcore", "values", "--config", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1] and json.loads(runs[0])["regression"]["m_best"]


def test_same_settings_same_frames_in_separate_runs_and_light_is_light(tmp_path):
    """Two runs of the command (other hash seeds, other processes) draw the same pixels."""
    path = write(
        tmp_path, "my.toml", '[talk]\nspeaker = "Ms. Noether"\n[render]\ntheme = "light"\n'
    )
    frames = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        command = [sys.executable, "-m", "pipeline", "render", "--config", str(path)]
        command += ["--scenes", "ThankYou", "--jobs", "1", "--out", str(out)]
        command += ["--build-dir", str(tmp_path / f"build{seed}")]
        subprocess.run(
            command,
            cwd=tmp_path,
            env=os.environ | {"PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=300,
            check=True,
        )
        frames.append((out / "low" / "scenes" / "20_ThankYou.last.png").read_bytes())
    assert frames[0] == frames[1]
    pixels = np.asarray(Image.open(io.BytesIO(frames[0])))
    assert tuple(pixels[0, 0, :3]) == (255, 255, 255)  # the light background
    assert pixels[..., :3].min() < 60  # dark text on it


def test_lecture_input_errors_are_one_family():
    assert issubclass(ConfigError, LectureInputError)
