"""Nothing a teacher types can hang the lecture, break its cache or mix two runs (issue 14).

Each case of the issue is a test here (the cache race and cut-short entries are in
``test_cache_race.py``): bad input stops the command with exit code 2 and one message
naming the file or key and the fix, before anything is written; what is accepted draws on
screen in bounded time; two runs on the same folders never mix their files; a failed scene
leaves the lecture's summaries as they were.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from manim import DOWN

import pipeline.render as render_module
from mathcore import network
from mathcore.config import ConfigError, default_settings, load_config
from mathcore.errors import ParameterError
from mathcore.lecture import build_lecture, drawable_starts
from mathcore.regression import lr_bound
from pipeline.cli import main as lecture_main
from pipeline.manim_cache import is_complete_svg
from pipeline.render import render_lecture
from pipeline.video import join_videos
from scenes import context, theme
from scenes.base import LectureScene
from scenes.lecture import SCENES, SceneEntry
from scenes.notes import Note

ROOT = Path(__file__).resolve().parent.parent
LECTURE = [str(ROOT / ".venv" / "bin" / "python"), "-m", "pipeline"]

pytestmark = pytest.mark.usefixtures("restore_scene_inputs")


# -- helpers ----------------------------------------------------------------------------------
def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendering started")

    monkeypatch.setattr(render_module, "render_lecture", refuse)


def refused_by_command(tmp_path: Path, capsys, toml: str = "", *extra: str) -> str:
    """Run ``lecture render`` with a settings file of ``toml``: it must exit 2 with one
    ``error: ... Fix: ...`` message, print nothing else, and write nothing."""
    config = write(tmp_path, "my.toml", toml)
    out, build = tmp_path / "out", tmp_path / "build"
    argv = ["render", "--config", str(config), "--out", str(out), "--build-dir", str(build)]
    assert lecture_main([*argv, *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("error: ") == 1
    assert "Fix:" in captured.err or "Accepted:" in captured.err, captured.err
    assert not out.exists() and not build.exists()
    return captured.err


def scores_csv(rows: list[tuple[float, float]]) -> str:
    return "test1,test2\n" + "".join(f"{a},{b}\n" for a, b in rows)


CLASS = [(50 + i, 45 + i) for i in range(0, 40, 4)]  # ten students


# -- High 1: every accepted m0 draws on screen -------------------------------------------------
@pytest.mark.parametrize("m0", [-1, -10, -100, -0.1])
def test_a_negative_starting_slope_is_refused_with_the_range(tmp_path, m0):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "my.toml", f"[regression]\nm0 = {m0}\n"))
    assert f"[regression] m0 = {m0!r} is negative: the Gradient descent scene's m axis " in (
        str(caught.value)
    )
    assert "Accepted: a number from 0 to 100" in str(caught.value)


def oscillating() -> tuple[object, float, float]:
    """The shipped settings with lr near its limit (the descent jumps across m_best), and
    the highest m0 the scene can draw for it."""
    s = default_settings()
    values = build_lecture(s)
    lr = 0.95 * lr_bound(values.regression.x)
    low, high = drawable_starts(values.regression.x, values.regression.y, lr)
    assert low == 0.0 and 1.0 < high < 3.0
    return dataclasses.replace(s, regression_lr=lr), lr, high


def test_drawable_starts_follow_the_data_and_the_learning_rate(lecture):
    x, y = lecture.regression.x, lecture.regression.y
    assert drawable_starts(x, y, 0.1) == (0.0, 100.0)  # no jump across m_best: any m0 >= 0
    settings, _, high = oscillating()
    for m0 in (0.0, 0.999 * high):
        descent = build_lecture(dataclasses.replace(settings, regression_m0=m0)).regression.descent
        assert descent.m.min() >= 0.0  # the whole descent is on the scene's m axis
    with pytest.raises(ParameterError) as caught:
        build_lecture(dataclasses.replace(settings, regression_m0=1.01 * high))
    err = caught.value
    assert err.name == "regression.m0"
    assert "off the Gradient descent scene's m axis (which starts at 0; the best slope is" in (
        err.problem
    )
    shown = re.fullmatch(r"use m0 from 0 to ([0-9.]+), or a smaller lr", err.fix)
    assert shown and 0.99 * high <= float(shown[1]) <= high  # rounded down: inside the range


def descent_off_its_axes(monkeypatch) -> list[tuple[str, float, float]]:
    """Build scene 8 in a dry run; return where the descent's dot (the largest dot) is
    outside the (m, MSE) axes at a slide break: (beat, x, y). The layout check of the whole
    frame (``outside_frame``) must pass too, in bounded time."""
    from scenes.drawings import scores_plot
    from tests.scene_probe import build, outside_frame

    plots = []
    make = scores_plot.slope_plot

    def slope_plot(*args, **kwargs):  # the scene's (m, MSE) axes, kept to look at
        plots.append(make(*args, **kwargs))
        return plots[-1]

    monkeypatch.setattr(scores_plot, "slope_plot", slope_plot)
    started = time.perf_counter()
    shots = build(SCENES[7])
    assert time.perf_counter() - started < 180  # m0 = -100 ran past 5 minutes at 3.1 GB
    assert {shot.label: outside_frame(shot) for shot in shots if outside_frame(shot)} == {}
    (low, bottom, _), (high, top, _) = (
        plots[-1].axes.get_corner([-1, -1, 0]),
        plots[-1].axes.get_corner([1, 1, 0]),
    )
    off = []
    for shot in shots:
        for name, (left, down, right, up) in shot.boxes:
            x, y = (left + right) / 2, (down + up) / 2
            if (
                name == "Dot"
                and right - left > 0.15
                and not (low - 0.01 <= x <= high + 0.01 and bottom - 0.01 <= y <= top + 0.01)
            ):
                off.append((shot.label, round(x, 2), round(y, 2)))
    return off


@pytest.mark.slow
@pytest.mark.parametrize("case", ["lowest", "highest", "highest while jumping"])
def test_boundary_starts_draw_scene_8_on_screen_in_bounded_time(case, monkeypatch):
    if case == "highest while jumping":
        settings, _, high = oscillating()
        settings = dataclasses.replace(settings, regression_m0=0.999 * high)
    else:
        m0 = 0.0 if case == "lowest" else 100.0
        settings = dataclasses.replace(default_settings(), regression_m0=m0)
    context.use(settings)
    assert descent_off_its_axes(monkeypatch) == []


@pytest.mark.slow
def test_just_beyond_the_range_the_descent_leaves_its_axes(monkeypatch):
    """The range is not arbitrary: past its end (the check switched off) the scene draws
    the descent's dot off its axes."""
    import mathcore.lecture

    monkeypatch.setattr(mathcore.lecture, "check_drawable_start", lambda *args: None)
    settings, _, high = oscillating()
    context.use(dataclasses.replace(settings, regression_m0=1.1 * high))
    assert descent_off_its_axes(monkeypatch) != []


# -- High 3: two runs at once on the same folders never mix -------------------------------------
# holds the folder until a line comes on its stdin (or argv[2] seconds pass)
HOLD = """
import select, sys
from pathlib import Path
from pipeline.run_lock import hold_run_folders
folder = Path(sys.argv[1])
hold_run_folders({"--out": (folder.parent, folder)})
print("held", flush=True)
select.select([sys.stdin], [], [], float(sys.argv[2]))
"""


def let_go(holder: subprocess.Popen, say):  # type: ignore[no-untyped-def]
    """A ``say`` for a waiting run that tells ``holder`` to let go once the run waits."""

    def tell(line: str) -> None:
        say(line)
        if "waiting for it to finish" in line:
            holder.stdin.write("go\n")
            holder.stdin.flush()

    return tell


def print_err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def holding(folder: Path, seconds: int, script: str = HOLD) -> subprocess.Popen:
    """A process that holds ``folder``'s run lock (``script``) until told or ``seconds``."""
    return subprocess.Popen(
        [sys.executable, "-c", script, str(folder), str(seconds)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_second_run_on_the_same_folder_says_so_and_waits(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    holder = holding(out / "low", 120)
    assert holder.stdout.readline().strip() == "held"
    started: dict[str, float] = {}

    def render(*args, **kwargs):
        started["at"] = time.monotonic()
        holder.wait(timeout=10)  # it let go of the folder by ending: it ends now
        return 0

    from pipeline import run_lock

    hold = run_lock.hold_run_folders  # the holder lets go only once this run waits
    monkeypatch.setattr(
        run_lock,
        "hold_run_folders",
        lambda folders, say=None: hold(folders, say=let_go(holder, say or print_err)),
    )
    monkeypatch.setattr(render_module, "render_lecture", render)
    asked = time.monotonic()
    argv = ["render", "--scenes", "1", "--out", str(out), "--build-dir", str(tmp_path / "b")]
    assert lecture_main(argv) == 0
    holder.wait(timeout=30)
    err = capsys.readouterr().err
    assert f"{out / 'low'} is in use by process {holder.pid} (-c " in err
    assert "waiting for it to finish, so that the two runs' files do not mix" in err
    assert f"{out / 'low'} is free (waited " in err
    assert started["at"] > asked


def test_runs_on_other_folders_do_not_wait(tmp_path, monkeypatch, capsys):
    holder = holding(tmp_path / "other" / "low", 30)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(render_module, "render_lecture", lambda *a, **k: 0)
        argv = ["render", "--scenes", "1", "--out", str(tmp_path / "out")]
        argv += ["--build-dir", str(tmp_path / "b"), "--quality", "low"]
        assert lecture_main(argv) == 0
        assert "in use" not in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()


def lecture_process(tmp_path: Path, speaker: str) -> subprocess.Popen:
    config = write(tmp_path, f"{speaker}.toml", f'[talk]\nspeaker = "{speaker}"\n')
    return subprocess.Popen(
        [
            *LECTURE,
            *("render", "--config", str(config), "--scenes", "1,20", "--jobs", "1"),
            *("--out", str(tmp_path / "out"), "--build-dir", str(tmp_path / "build"), "--quiet"),
            *("--summary-json", str(tmp_path / f"{speaker}.json")),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_runs_with_different_settings_never_mix(tmp_path):
    """Issue 14's trials: two runs of different settings on one output folder failed with
    FileNotFoundError or published the other's frames. Now the second waits for the first,
    then renders its own; the folder ends with one run's files only."""
    first = lecture_process(tmp_path, "Ada Lovelace")
    time.sleep(0.5)
    second = lecture_process(tmp_path, "Emmy Noether")
    errors = [first.communicate(timeout=600)[1], second.communicate(timeout=600)[1]]
    assert (first.returncode, second.returncode) == (0, 0), errors
    waited = [i for i, err in enumerate(errors) if "waiting for it to finish" in err]
    assert len(waited) == 1, errors
    last = "Emmy Noether" if waited == [1] else "Ada Lovelace"
    low = tmp_path / "out" / "low"
    notes = json.loads((low / "scenes" / "01_TitleCard.json").read_text())["notes"]
    assert last in json.dumps(notes)  # the speaker of the run that finished last
    summary = json.loads((tmp_path / f"{last}.json").read_text())  # that run's own summary
    assert [s["status"] for s in summary["scenes"]] == ["rendered", "rendered"]
    keys = [json.loads((low / "scenes" / f"{s}.json").read_text())["key"] for s in SLUGS]
    joined = "".join(
        f"{key}:{entry.title};" for key, entry in zip(keys, (SCENES[0], SCENES[19]), strict=True)
    )
    assert json.loads((low / "lecture.json").read_text())["key"] == (
        hashlib.sha256(joined.encode()).hexdigest()  # lecture.mp4 is made of those two videos
    )


SLUGS = ("01_TitleCard", "20_ThankYou")


def test_out_on_a_file_is_refused(tmp_path, capsys, no_rendering):
    target = write(tmp_path, "lecture.mp4", "not a folder")
    argv = ["render", "--scenes", "1", "--out", str(target), "--build-dir", str(tmp_path / "b")]
    assert lecture_main(argv) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: --out {target}: {target} is a file, not a folder. "
        "Fix: give --out a folder you can write to\n"
    )


def test_out_where_nothing_can_be_written_is_refused(tmp_path, capsys, no_rendering, monkeypatch):
    real_mkdir = Path.mkdir
    readonly = tmp_path / "readonly"

    def mkdir(self, *args, **kwargs):  # a read-only file system under readonly/
        if self.is_relative_to(readonly):
            raise OSError(30, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    argv = ["render", "--scenes", "1", "--out", str(readonly), "--build-dir", str(tmp_path / "b")]
    assert lecture_main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {readonly}: cannot write in {readonly / 'low'} (Read-only file system). "
        "Fix: give --out a folder you can write to\n"
    )


# -- Medium 4 and 5: values the math or the slides cannot take ----------------------------------
def test_huge_scores_are_refused(tmp_path, capsys, no_rendering):
    write(tmp_path, "scores.csv", scores_csv([*CLASS, (1e300, 50)]))
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert err == (
        f"error: {tmp_path / 'scores.csv'}, row 12, column 'test1': 1e+300 is outside 0 to 1000 "
        "points (the score axes start at 0). Fix: use values from 0 to 1000 points; rescale "
        "the column if needed\n"
    )


def test_tiny_scores_are_refused_not_reported_as_all_zeros(tmp_path, capsys, no_rendering):
    write(tmp_path, "scores.csv", scores_csv([(1e-300, 2e-300), (3e-300, 1e-300)]))
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert "'regression.x'" not in err and "all zeros" not in err
    assert f"error: {tmp_path / 'scores.csv'}" in err and "column 'test" in err


@pytest.mark.parametrize("name", ["separable", "hopeless"])
def test_huge_coordinates_in_the_class_sets_are_refused(tmp_path, capsys, no_rendering, name):
    rows = "x,y,c\n0.5,0.5,0\n-0.5,-0.5,1\n1e300,0.2,1\n"
    write(tmp_path, "points.csv", rows)
    err = refused_by_command(tmp_path, capsys, f'[data]\n{name} = "points.csv"\n')
    assert err.startswith(f"error: {tmp_path / 'points.csv'}, row 4, column 'x': 1e+300 is ")
    assert "outside -10 to 10 (the plane has a grid line per unit)" in err


def test_score_scale_of_1e_minus_300_is_refused(tmp_path, capsys, no_rendering):
    err = refused_by_command(tmp_path, capsys, "[regression]\nscore_scale = 1e-300\n")
    assert "[regression] score_scale = 1e-300 is out of range. Accepted: a number from 1 to" in err


def test_a_million_rows_are_refused_without_reading_them(tmp_path, capsys, no_rendering):
    rows = "x,y,c\n" + "0.5,0.5,0\n-0.5,-0.5,1\n" * 500_000
    write(tmp_path, "rings.csv", rows)
    started = time.perf_counter()
    err = refused_by_command(tmp_path, capsys, '[data]\nhopeless = "rings.csv"\n')
    assert time.perf_counter() - started < 5  # 15 GiB and minutes before
    assert "MB, larger than any data the lecture can use" in err


@pytest.mark.parametrize(
    ("name", "rows", "limit"),
    [("scores", "test1,test2\n" + "50,60\n" * 201, 200), ("hopeless", None, 400)],
)
def test_more_rows_than_a_slide_draws_are_refused(
    tmp_path, capsys, no_rendering, name, rows, limit
):
    rows = rows or "x,y,c\n" + "0.5,0.5,0\n-0.5,-0.5,1\n" * 201
    write(tmp_path, "big.csv", rows)
    err = refused_by_command(tmp_path, capsys, f'[data]\n{name} = "big.csv"\n')
    assert f"has more than {limit} data rows, more than the slides can draw. " in err
    assert f"Fix: use at most {limit} rows (a sample of the class is fine)" in err


def test_the_largest_class_draws_scene_4_in_bounded_time(tmp_path):
    from mathcore.data import MAX_STUDENTS
    from tests.scene_probe import build, outside_frame

    rows = [(40 + (i * 37) % 60, 35 + (i * 53) % 62) for i in range(MAX_STUDENTS)]
    scores = write(tmp_path, "scores.csv", scores_csv(rows))
    context.use(dataclasses.replace(default_settings(), scores_csv=scores))
    started = time.perf_counter()
    shots = build(SCENES[3])
    assert time.perf_counter() - started < 120  # 20,000 rows did not finish in 180 s
    assert not any(outside_frame(shot) for shot in shots)


# -- Medium 6: a diverging network is refused, naming [network] lr -------------------------------
@pytest.mark.parametrize("lr", [1000.0, 1e6])
def test_diverging_network_learning_rate_is_refused(tmp_path, capsys, no_rendering, lr):
    err = refused_by_command(tmp_path, capsys, f"[network]\nlr = {lr}\n")
    assert err.startswith(f"error: parameter 'network.lr' = {lr!r}: training diverges: the cost")
    assert "already fits every point" not in err


def test_network_training_stops_at_the_first_diverging_step(lecture):
    X, c = lecture.hopeless_data.X, lecture.hopeless_data.c
    with pytest.raises(ParameterError, match=r"at step 1 \(more than 10 times its start\)"):
        network.train(X, c, hidden=4, lr=1000.0, steps=100_000, seed=0)  # stops at once


def test_the_shipped_learning_rates_still_train(lecture):
    assert lecture.network.cost[-1] < lecture.network.cost[0] / 10


# -- Medium 7: a failed scene leaves the lecture's summaries as they were --------------------------
FAIL = {"now": False}


class Fine(LectureScene):
    title = "Fine"

    def construct(self) -> None:
        self.add(theme.text("fine"))
        self.beat(Note("Fine."), pause=0.2)


class Flaky(Fine):
    title = "Flaky"

    def construct(self) -> None:
        if FAIL["now"]:
            raise RuntimeError("a typo")
        self.add(theme.text(f"flaky {self.talk.speaker}"))
        self.beat(Note("Flaky."), pause=0.2)


@dataclass(frozen=True)
class LocalEntry(SceneEntry):
    __test__ = False

    def load(self) -> type[LectureScene]:
        return globals()[self.name]


def two_scenes() -> list[SceneEntry]:
    return [LocalEntry(80, "intro", "Fine", "Fine"), LocalEntry(81, "intro", "Flaky", "Flaky")]


def test_a_failed_scene_keeps_the_contact_sheet_and_lecture(tmp_path, capsys):
    entries = two_scenes()
    assert render_lecture(entries, "low", tmp_path, jobs=1, build=tmp_path / "b") == 0
    sheet, joined = tmp_path / "low" / "contact_sheet.png", tmp_path / "low" / "lecture.mp4"
    before = sheet.read_bytes(), joined.read_bytes()
    context.use(None, dataclasses.replace(context.inputs().talk, speaker="Somebody Else"))
    FAIL["now"] = True
    try:
        assert render_lecture(entries, "low", tmp_path, jobs=1, build=tmp_path / "b") == 1
    finally:
        FAIL["now"] = False
    assert "the lecture video and the contact sheet were left as they were" in (
        capsys.readouterr().err
    )
    assert (sheet.read_bytes(), joined.read_bytes()) == before


# -- Low 10: a scene that kills its process fails alone, also at --jobs 1 -----------------------
class KillsItsProcess(LectureScene):
    title = "Kills its process"

    def construct(self) -> None:
        os._exit(9)  # as the kernel's out-of-memory killer or a crash in a C library would


def test_at_one_job_a_scene_that_kills_its_process_fails_alone(tmp_path, monkeypatch, capsys):
    entries = [
        LocalEntry(80, "intro", "KillsItsProcess", "Kills"),
        LocalEntry(81, "intro", "Fine", "Fine"),
    ]
    monkeypatch.setattr("pipeline.cli.options.select", lambda spec: entries)
    argv = ["render", "--jobs", "1", "--out", str(tmp_path), "--build-dir", str(tmp_path / "b")]
    assert lecture_main(argv) == 1  # the run went on, and says what failed
    err = capsys.readouterr().err
    assert "80_KillsItsProcess: its worker process died while rendering it" in err
    assert (tmp_path / "low" / "scenes" / "81_Fine.mp4").is_file()


def test_ctrl_c_stops_every_worker_quietly(tmp_path):
    run = subprocess.Popen(
        [
            *LECTURE,
            *("render", "--scenes", "2,8", "--jobs", "2", "--force"),
            *("--out", str(tmp_path / "out"), "--build-dir", str(tmp_path / "b")),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: Ctrl-C reaches it and its workers
        # as from a terminal: a shell's background job (nohup, `cmd &`) starts with SIGINT
        # ignored, and Python keeps it ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    for line in run.stdout:
        if line.strip().startswith("started"):  # a worker is rendering a scene
            break
    time.sleep(1)
    os.killpg(run.pid, signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "Interrupted: " in err
    assert "rendered now" not in err  # nothing was finished by this run


# -- High 2 through the renderer: a poisoned cache is rebuilt, also with --force -----------------
class Words(LectureScene):
    title = "Words"

    def construct(self) -> None:
        self.add(theme.text("cached words"), theme.math(r"m_{k+1}").shift(DOWN))
        self.beat(Note("Words."), pause=0.2)


def test_emptied_cache_entries_are_rebuilt_by_a_forced_render(tmp_path):
    entries = [LocalEntry(82, "intro", "Words", "Words")]
    assert render_lecture(entries, "low", tmp_path, jobs=1, build=tmp_path / "b") == 0
    media = tmp_path / "b" / "low" / "media"
    entries_made = list((media / "texts").glob("*.svg")) + list((media / "Tex").glob("*.svg"))
    assert len(entries_made) >= 2
    for entry in entries_made:  # what a full disk left behind
        entry.write_bytes(b"")
    assert render_lecture(entries, "low", tmp_path, jobs=1, force=True, build=tmp_path / "b") == 0
    assert all(is_complete_svg(entry) for entry in entries_made)


# -- Medium 8 and Low 9: what cannot be drawn is refused before anything is drawn ----------------
QUIZ = '[[quiz]]\nterm = "Nephroid"\nreal = true\n\n[[quiz]]\nterm = "Axtric group"\nreal = false\n'


def test_quiz_without_more_generated_is_refused_at_validation(tmp_path, capsys, no_rendering):
    write(tmp_path, "quiz.toml", QUIZ)
    err = refused_by_command(tmp_path, capsys, '[data]\nbalderdash = "quiz.toml"\n')
    assert err == (
        f"error: {tmp_path / 'quiz.toml'}: no [more] generated list (scene 2 shows a further "
        'sampling of generated terms). Fix: add a section [more] with generated = ["term one", '
        '"term two"]\n'
    )


def test_a_quiz_term_too_long_for_its_slide_is_refused(tmp_path, capsys, no_rendering):
    write(tmp_path, "quiz.toml", QUIZ + f'\n[more]\ngenerated = ["{"x" * 500}"]\n')
    err = refused_by_command(tmp_path, capsys, '[data]\nbalderdash = "quiz.toml"\n')
    assert "[more] generated term 1 ('xxxxxxxxxxxxxxxxxxxxxxxxxxx...') has a line of 500" in err
    assert "Fix: write it on one line of at most 40 characters, without emoji" in err


def test_a_title_of_eight_lines_is_refused(tmp_path, capsys, no_rendering):
    title = "\\n".join(["Line"] * 8)
    err = refused_by_command(tmp_path, capsys, f'[talk]\ntitle = "{title}"\n')
    assert "[talk] title = " in err
    assert "has 8 lines; its place on the slide has room for 2 lines" in err


@pytest.mark.parametrize("where", ["test1", "test2"])
def test_negative_scores_are_refused(tmp_path, capsys, no_rendering, where):
    rows = [*CLASS, (-5, 40) if where == "test1" else (40, -5)]
    write(tmp_path, "scores.csv", scores_csv(rows))
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert f"row 12, column '{where}': -5 is outside 0 to 1000 points" in err


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("8-4", "'8-4' runs from high to low, so it selects no scene. Fix: write 4-8"),
        (",", "',' selects no scene. Fix: give scene numbers, ranges or names"),
    ],
)
def test_scene_selections_that_select_nothing_are_refused(
    tmp_path, capsys, no_rendering, spec, problem
):
    out = tmp_path / "out"
    assert lecture_main(["render", "--scenes", spec, "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"error: --scenes: {problem}")
    assert not out.exists()
    err = refused_by_command(tmp_path, capsys, f'[render]\nscenes = "{spec}"\n')
    assert f"my.toml: [render] scenes: {problem}" in err


# -- Low 11 and 12: clear messages, quoting nothing of files the lecture does not read ------------
def test_a_folder_is_not_reported_as_file_not_found(tmp_path, capsys, no_rendering):
    (tmp_path / "scores.csv").mkdir()
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert "is a folder, not a file" in err and "not found" not in err


def test_a_start_with_text_in_it_says_which_number(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "my.toml", '[logistic]\nstart = ["a", 0, 0]\n'))
    assert '[logistic] start = ["a", 0, 0] has text "a" for m1, not a number.' in str(
        caught.value
    )  # the list as written in TOML


def test_a_network_that_fits_everything_names_the_key(tmp_path, lecture):
    rows = "x,y,c\n" + "".join(f"{-1 - i * 0.1},0,0\n{1 + i * 0.1},0,1\n" for i in range(10))
    points = write(tmp_path, "apart.csv", rows)
    settings = dataclasses.replace(default_settings(), hopeless_csv=points, network_steps=1500)
    with pytest.raises(ParameterError) as caught:
        build_lecture(settings)
    assert caught.value.name == "network.steps"
    assert str(points) in caught.value.problem and "[network] steps" in caught.value.fix


@pytest.mark.parametrize("key", ["scores", "balderdash"])
def test_a_file_of_another_kind_is_refused_by_name_unread(tmp_path, capsys, no_rendering, key):
    secret = write(tmp_path, "shadow", "root:$6$secret-hash:19000:0:99999:7:::\n")
    err = refused_by_command(tmp_path, capsys, f'[data]\n{key} = "{secret}"\n')
    assert "secret-hash" not in err and "root:" not in err
    assert "not a .csv file" in err or "not a .toml file" in err


def test_a_csv_whose_first_line_is_not_a_header_is_not_quoted(tmp_path, capsys, no_rendering):
    write(tmp_path, "scores.csv", "root:$6$secret-hash:19000:0:99999:7:::\n50,60\n")
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert "secret-hash" not in err
    assert "the first row is not a header of short column names" in err


# -- Low 13: the lecture video's bytes follow its inputs only ---------------------------------------
def test_joining_the_same_scenes_gives_the_same_bytes(tmp_path):
    entries = [LocalEntry(80, "intro", "Fine", "Fine")]
    assert render_lecture(entries, "low", tmp_path, jobs=1, build=tmp_path / "b") == 0
    video = tmp_path / "low" / "scenes" / "80_Fine.mp4"
    digests = set()
    for attempt in range(2):
        target = tmp_path / f"joined{attempt}.mp4"
        join_videos([(video, "one"), (video, "two")], target)
        digests.add(hashlib.sha256(target.read_bytes()).hexdigest())
        time.sleep(1.1)  # a creation time in seconds would differ now
    assert len(digests) == 1


# -- Low 14: emoji are refused with a clear message ---------------------------------------------
def test_an_emoji_in_the_title_is_refused(tmp_path, capsys, no_rendering):
    err = refused_by_command(tmp_path, capsys, '[talk]\ntitle = "Deep Learning \U0001f9e0"\n')
    assert "contains '\U0001f9e0' (U+1F9E0 BRAIN), which the slides cannot draw" in err


def test_an_emoji_in_a_quiz_term_is_refused(tmp_path, capsys, no_rendering):
    write(tmp_path, "quiz.toml", QUIZ + '\n[more]\ngenerated = ["Robot \U0001f916 lemma"]\n')
    err = refused_by_command(tmp_path, capsys, '[data]\nbalderdash = "quiz.toml"\n')
    assert "(U+1F916 ROBOT FACE), which the slides cannot draw" in err


# -- Low 11: a user who may not write the clone is told so, not sent to install python3-venv -----
@pytest.mark.skipif(
    os.geteuid() != 0 or not Path("/usr/sbin/runuser").exists(), reason="needs root and runuser"
)
def test_setup_by_a_user_who_cannot_write_says_so():
    import shutil
    import tempfile

    clone = Path(tempfile.mkdtemp(prefix="lecture-clone-"))  # root's, readable by all
    try:
        for name in ("render.sh", "requirements.lock", "pyproject.toml"):
            shutil.copy(ROOT / name, clone / name)
        shutil.copytree(ROOT / "deps", clone / "deps")
        for path in (clone, *clone.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        ran = subprocess.run(
            ["/usr/sbin/runuser", "-u", "nobody", "--", "bash", str(clone / "render.sh"), "setup"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(clone)
    assert ran.returncode == 1
    assert f"{clone} is not writable by nobody (it belongs to root). Run ./render.sh as root" in (
        ran.stderr
    )
    assert "python3-venv" not in ran.stderr


# -- the closing sweep's last cases -------------------------------------------------------------
def test_a_cell_longer_than_the_csv_field_limit_is_refused(tmp_path, capsys, no_rendering):
    write(tmp_path, "scores.csv", "test1,test2\n" + "5" * 1_900_000 + ",50\n50,60\n")
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert f"{tmp_path / 'scores.csv'}, row 2: has a cell too long to be a number" in err


def test_a_tab_separated_file_is_called_tab_separated(tmp_path, capsys, no_rendering):
    write(tmp_path, "scores.csv", "test1\ttest2\n50\t60\n70\t80\n")
    err = refused_by_command(tmp_path, capsys, '[data]\nscores = "scores.csv"\n')
    assert "scores.csv: looks tab-separated (its header row has tabs, not commas)" in err


def test_points_all_at_one_place_name_the_file(tmp_path, capsys, no_rendering):
    write(tmp_path, "rings.csv", "x,y,c\n" + "0,0,0\n0,0,1\n" * 5)
    err = refused_by_command(tmp_path, capsys, '[data]\nhopeless = "rings.csv"\n')
    assert f"{tmp_path / 'rings.csv'}: every point is at the same place (0, 0)" in err


@pytest.mark.parametrize("option", ["--summary-json", "--chart"])
def test_a_report_file_under_a_file_is_refused_before_rendering(
    tmp_path, capsys, no_rendering, option
):
    write(tmp_path, "notes", "my notes\n")
    target = tmp_path / "notes" / "run.png"
    err = refused_by_command(tmp_path, capsys, "", option, str(target))
    assert f"error: {option} {target}: {tmp_path / 'notes'} is a file, not a folder." in err


@pytest.mark.parametrize(
    ("name", "problem"), [("notes/v.json", "notes is a file, not a folder"), ("vals", "a folder")]
)
def test_values_out_where_no_file_can_go_is_refused(tmp_path, capsys, name, problem):
    write(tmp_path, "notes", "my notes\n")
    (tmp_path / "vals").mkdir()
    assert lecture_main(["values", "--out", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: --out {tmp_path / name}: ") and problem in err
    assert err.count("error: ") == 1 and ". Fix: give --out " in err


def test_present_before_the_slides_were_built_says_how_to_build_them(tmp_path, capsys):
    out = tmp_path / "out"
    assert lecture_main(["present", "--scenes", "20", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no slides for 20_ThankYou" in err and "Fix: build them first: ./render.sh slides" in err
    assert f"--scenes 20 --out {out}" in err
    assert not out.exists()


def test_a_folder_where_the_lock_file_goes_is_refused(tmp_path, capsys, no_rendering):
    out = tmp_path / "out"
    (out / "low" / ".lecture.lock").mkdir(parents=True)
    argv = ["render", "--scenes", "20", "--quality", "low", "--out", str(out)]
    assert lecture_main([*argv, "--build-dir", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 1
    assert f"{out / 'low' / '.lecture.lock'} is a folder, where the run's lock file goes" in err


def test_a_refused_run_leaves_no_lock_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(render_module, "render_lecture", lambda *args, **kwargs: 2)
    out, build = tmp_path / "out", tmp_path / "b"
    argv = ["render", "--scenes", "20", "--quality", "low", "--out", str(out)]
    assert lecture_main([*argv, "--build-dir", str(build)]) == 2
    assert (out / "low").is_dir() and not list(tmp_path.rglob(".lecture.lock"))


def test_a_full_disk_while_writing_the_lock_file_is_said_and_keeps_outputs(
    tmp_path, capsys, no_rendering, monkeypatch
):
    from pipeline import run_lock

    class FullDisk:  # the lock file on a disk with no space left: its write cannot be flushed
        def __init__(self, file):
            self._file = file

        def __getattr__(self, name):
            return getattr(self._file, name)

        def flush(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self):  # a real full disk fails the close too: it flushes what is left
            self._file.close()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    real_open = run_lock._open_lock
    monkeypatch.setattr(run_lock, "_open_lock", lambda *args: FullDisk(real_open(*args)))
    out = tmp_path / "out"
    (out / "low").mkdir(parents=True)
    video = write(out / "low", "lecture.mp4", "a good lecture from an earlier run")
    argv = ["render", "--scenes", "20", "--quality", "low", "--out", str(out)]
    assert lecture_main([*argv, "--build-dir", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: --out {out}: cannot write the run's lock file ")
    assert "(No space left on device). Fix: free some space there" in err
    assert video.read_text(encoding="utf-8") == "a good lecture from an earlier run"
    assert not run_lock._held and not list(tmp_path.rglob(".lecture.lock"))


def test_a_name_the_fonts_cannot_draw_is_refused(tmp_path, capsys, no_rendering):
    err = refused_by_command(tmp_path, capsys, '[talk]\nspeaker = "\u674e\u96f7"\n')
    assert "[talk] speaker" in err
    assert "contains '\u674e' (U+674E CJK UNIFIED IDEOGRAPH-674E), which the slides cannot" in err
    from mathcore.slide_text import undrawable

    assert undrawable("The Mathematics\nof Deep Learning") is None  # a line break is fine


LECTURE_FONTS = [
    Path("/usr/share/fonts/truetype/lato/Lato-Regular.ttf"),
    Path("/usr/share/fonts/truetype/lato/Lato-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]


@pytest.mark.skipif(
    not all(p.is_file() for p in LECTURE_FONTS), reason="the set-up's fonts are not installed"
)
def test_every_character_the_slides_accept_is_in_the_lectures_fonts():
    import unicodedata

    from mathcore.slide_text import DRAWABLE_RANGES, undrawable

    ttlib = pytest.importorskip("fontTools.ttLib")
    lato, lato_bold, dejavu, dejavu_bold = (
        set(ttlib.TTFont(p).getBestCmap()) for p in LECTURE_FONTS
    )
    regular, bold = lato | dejavu, lato_bold | dejavu_bold
    missing = [
        f"U+{code:04X}"
        for low, high in DRAWABLE_RANGES
        for code in range(low, high + 1)
        if unicodedata.category(chr(code)) != "Cn" and (code not in regular or code not in bold)
    ]
    assert not missing, missing[:20]
    assert undrawable("\u0531\u0580\u0561\u0574 \u00e9\u03b1\u0436") is None  # Armenian, ...
    for other in ("\u674e", "\u0e01", "\u0628", "\u05e9"):  # CJK, Thai, Arabic, Hebrew
        assert undrawable(other), other


HOLD_AND_LET_GO = (
    HOLD + "from pipeline.run_lock import release_run_folders\nrelease_run_folders()\n"
)


def test_a_run_waiting_for_a_lock_file_that_is_removed_locks_the_new_one(tmp_path):
    """The first run removes its lock file when it lets go; the run waiting on that file
    takes the lock again on the file at the path, so a third run cannot slip in beside it."""
    import fcntl

    from pipeline import run_lock

    folder = tmp_path / "out" / "low"
    holder = holding(folder, 120, script=HOLD_AND_LET_GO)
    try:
        assert holder.stdout.readline().strip() == "held"
        said: list[str] = []
        say = let_go(holder, said.append)
        run_lock.hold_run_folders({"--out": (folder.parent, folder)}, say=say)
        assert any("waiting for it to finish" in line for line in said), said
        lock_path = folder / run_lock.LOCK_NAME
        assert str(os.getpid()) in lock_path.read_text(encoding="utf-8")
        with lock_path.open("a+", encoding="utf-8") as third, pytest.raises(BlockingIOError):
            fcntl.flock(third, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        run_lock.release_run_folders()
        holder.kill()
        holder.wait()
    assert not (folder / run_lock.LOCK_NAME).exists()
