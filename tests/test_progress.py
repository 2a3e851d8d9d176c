"""Live progress, plain lines in logs, ``--quiet``, the run summary and its chart, and the
``lecture`` command's help.

Most tests need no rendering (the ETA, the worker's frame counter, the plain lines, the
chart, the help). The others render scene 20 (about a second) into temporary folders: the
live display under a real pseudo-terminal (``script``), plain lines when piped, the summary
JSON of a render and of a second run that reuses it, and ``--quiet``.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from pipeline import progress
from pipeline.chart import COLOURS, draw_run_chart
from pipeline.cli import VERBS
from pipeline.jobs import SceneJob, SceneResult
from pipeline.progress import Reporter, ScenePlan, SceneWatcher, Tracker, makespan, plan_for
from pipeline.render import render_lecture
from pipeline.summary import RunSummary, SceneRun, Step, read_summary
from scenes.base import LectureScene
from scenes.lecture import SceneEntry
from scenes.lecture import select as select_scenes

ROOT = Path(__file__).resolve().parent.parent
LECTURE = Path(sys.executable).parent / "lecture"  # the console command (pyproject scripts)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BAR = "━"  # rich draws its bars with this glyph
THANK_YOU = select_scenes("20")[0]


# -- the ETA and what to expect of a scene (no rendering) -------------------------------------
def test_makespan_starts_each_queued_scene_on_the_first_free_worker():
    assert makespan([], [10, 5, 5], workers=2) == 10
    assert makespan([3], [10], workers=2) == 10
    assert makespan([4, 1], [6, 2], workers=2) == 7  # 1 + 6 beside 4 + 2
    assert makespan([], [], workers=2) == 0


def test_eta_follows_the_frames_and_learns_the_speed_of_the_run():
    tracker = Tracker([ScenePlan("a", 10, 100, "record"), ScenePlan("b", 10, 100, "record")], 1)
    assert tracker.eta(0.0) == 20
    tracker.start("a", 0.0)
    tracker.progress("a", 50, 3)
    assert tracker.eta(5.0) == pytest.approx(15.0)  # half of a left, then b
    assert tracker.done(5.0) == pytest.approx(5.0)
    tracker.finish("a", 20.0)  # a took twice what its record said ...
    assert tracker.speed() == 2.0
    assert tracker.eta(20.0) == pytest.approx(20.0)  # ... so b is expected to as well
    assert tracker.eta_text(20.0) == "ETA 0:20"


def test_no_eta_is_claimed_before_anything_is_known():
    tracker = Tracker([ScenePlan("a", 10), ScenePlan("b", 10)], 2)
    assert tracker.eta_text(0.0) == "ETA ?"
    tracker.finish("a", 4.0)
    assert tracker.eta_text(4.0) == "ETA 0:04"


def test_expectation_comes_from_the_last_render_or_from_another_quality(tmp_path):
    def job(quality: str) -> SceneJob:
        return SceneJob(THANK_YOU, quality, tmp_path / quality, tmp_path / "build", "key")

    assert plan_for(job("low")).basis == "guess"
    job("low").record.parent.mkdir(parents=True)
    job("low").record.write_text(json.dumps({"key": "old", "seconds": 2.0, "frames": 50}))
    assert plan_for(job("low")) == ScenePlan("20_ThankYou", 2.0, 50, "record")
    at_1080p = plan_for(job("1080p"))
    assert at_1080p.basis == "low render"
    assert at_1080p.frames == 200  # 60 fps against 15
    assert at_1080p.seconds == pytest.approx(2.0 * (1920 * 1080 * 60) / (854 * 480 * 15))


# -- the worker's frame counter ----------------------------------------------------------------
class FakeRenderer:
    """What SceneWatcher wraps of manim's CairoRenderer."""

    skip_animations = False

    def add_frame(self, frame: object, num_frames: int = 1) -> None:
        pass

    def play(self, scene: object, *animations: object) -> None:
        self.add_frame(None, 15)  # played through the wrapped attribute, as manim does

    def scene_finished(self, scene: object) -> None:
        pass


@dataclass
class FakeScene:
    renderer: FakeRenderer


def test_watcher_counts_frames_and_animations_and_never_fails_the_render():
    sent: list[tuple] = []
    watcher = SceneWatcher("20_ThankYou", sent.append, interval=0.0)
    scene = FakeScene(FakeRenderer())
    watcher(scene)
    scene.renderer.play(scene)
    scene.renderer.add_frame(None, 30)  # a wait: one frame held for 2 s
    scene.renderer.scene_finished(scene)
    assert sent[0] == ("start", "20_ThankYou")
    assert ("progress", "20_ThankYou", 15, 1) in sent
    assert sent[-2:] == [
        ("progress", "20_ThankYou", 45, 1),
        ("phase", "20_ThankYou", "writing its video and slides"),
    ]

    def broken(event: tuple) -> None:
        raise ConnectionError("the parent is gone")

    scene = FakeScene(FakeRenderer())
    SceneWatcher("20_ThankYou", broken)(scene)
    scene.renderer.play(scene)  # renders on, unreported


# -- plain lines (a log, CI) -------------------------------------------------------------------
def test_plain_mode_writes_a_line_per_start_and_finish_and_a_heartbeat(monkeypatch, capsys):
    monkeypatch.setattr(progress, "HEARTBEAT", 0.3)
    monkeypatch.setattr(progress, "TICK", 0.05)
    with Reporter("plain") as report:
        report.begin_scenes([ScenePlan("20_ThankYou", 2.0, 50, "record")], workers=1)
        report.event(("start", "20_ThankYou"))
        report.event(("progress", "20_ThankYou", 20, 2))
        time.sleep(0.5)
        report.event(("progress", "20_ThankYou", 50, 4))
        report.scene_finished(SceneResult(THANK_YOU, 0.6))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "  started  20_ThankYou (last render 2.0 s, 50 frames)"
    assert lines[1].startswith("  ...      20_ThankYou 20/50 frames, 0 s; all scenes 40% done")
    assert lines[-1] == "  [ 1/1] 20_ThankYou    0.6 s, 50 frames"


# -- the chart ---------------------------------------------------------------------------------
def test_chart_draws_a_bar_per_scene_coloured_by_status(tmp_path):
    def scene(number: int, status: str, seconds: float, last: float | None) -> SceneRun:
        slug = f"{number:02d}_S{number}"
        return SceneRun(number, f"S{number}", slug, f"Scene {number}", status, seconds, last, 100)

    summary = RunSummary(
        quality="1080p",
        workers=2,
        seconds=95.0,
        scenes=[
            scene(1, "rendered", 80.0, 80.0),
            scene(2, "reused", 0.0, 40.0),
            scene(3, "failed", 3.0, None),
            scene(4, "not rendered", 0.0, None),
        ],
        steps=[Step("joining the lecture video", 1.5)],
    )
    target = tmp_path / "chart.png"
    draw_run_chart(summary, target)
    image = Image.open(target).convert("RGB")
    assert image.width == 1200 and 250 < image.height < 400
    colours = {f"#{r:02X}{g:02X}{b:02X}" for _, (r, g, b) in image.getcolors(1 << 20)}
    assert {COLOURS["rendered"], COLOURS["reused"], COLOURS["failed"]} <= colours


# -- the command's help ------------------------------------------------------------------------
def lecture(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LECTURE), *args], cwd=ROOT, capture_output=True, text=True, check=False, **kwargs
    )


def test_help_of_the_command_and_of_every_verb_shows_its_examples():
    top = lecture("--help")
    assert top.returncode == 0, top.stderr
    for name, module in VERBS.items():
        assert name in top.stdout
        verb = lecture(name, "--help")
        assert verb.returncode == 0, verb.stderr
        for line in module.EXAMPLES.strip().splitlines():
            assert line.strip() in verb.stdout, f"lecture {name} --help lacks: {line}"
    for option in ("--quiet", "--verbose", "--summary-json", "--chart"):
        assert option in lecture("render", "--help").stdout
        assert option in lecture("slides", "--help").stdout


# -- real renders of scene 20 --------------------------------------------------------------------
@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """An output and a build folder, with scene 20 rendered once into them (piped stdout)."""
    tmp = tmp_path_factory.mktemp("progress")
    paths = {"out": tmp / "out", "build": tmp / "build", "first": tmp / "first.json"}
    first = render_20(paths, "--summary-json", str(paths["first"]))
    paths["stdout"] = tmp / "stdout.txt"
    paths["stdout"].write_text(first.stdout)
    assert first.returncode == 0, first.stderr
    return paths


def render_20(paths: dict[str, Path], *extra: str) -> subprocess.CompletedProcess:
    where = ["--out", str(paths["out"]), "--build-dir", str(paths["build"])]
    return lecture("render", "--scenes", "20", "--jobs", "1", *where, *extra)


def test_piped_output_is_plain_lines(folders):
    out = folders["stdout"].read_text()
    assert "\x1b" not in out and "\r" not in out
    assert "  started  20_ThankYou (first render)" in out
    assert re.search(r"^  \[ 1/1\] 20_ThankYou +\d+\.\d s, \d+ frames$", out, re.M), out
    assert "Done in" in out


def test_summary_json_of_a_render_and_of_a_quiet_second_run_that_reuses_it(folders, tmp_path):
    first = json.loads(folders["first"].read_text())
    low = folders["out"] / "low"
    assert first["verb"] == "render" and first["quality"] == "low"
    assert first["out_dir"] == str(low.resolve()) and first["exit_code"] == 0
    assert first["started_at"] <= first["finished_at"]
    assert first["counts"] == {"rendered": 1, "reused": 0, "failed": 0, "not rendered": 0}
    [scene] = first["scenes"]
    assert scene["slug"] == "20_ThankYou" and scene["status"] == "rendered"
    assert scene["seconds"] > 0 and scene["render_seconds"] == scene["seconds"]
    assert scene["frames"] > 10 and scene["error"] is None
    assert sorted(Path(p).name for p in scene["outputs"]) == [
        "20_ThankYou.json",
        "20_ThankYou.last.png",
        "20_ThankYou.mp4",
    ]
    assert {"what": "contact sheet", "path": str(low / "contact_sheet.png"), "written": True} in (
        first["outputs"]
    )

    chart = tmp_path / "chart.png"
    again = render_20(
        folders, "--quiet", "--summary-json", str(tmp_path / "second.json"), "--chart", str(chart)
    )
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")  # quiet: nothing
    second = json.loads((tmp_path / "second.json").read_text())
    assert json.loads((low / "run.json").read_text()) == second  # the same, also in out/low
    [scene] = second["scenes"]
    assert scene["status"] == "reused" and scene["seconds"] == 0.0
    assert scene["render_seconds"] == first["scenes"][0]["render_seconds"]
    assert scene["frames"] == first["scenes"][0]["frames"]
    assert {"what": "contact sheet", "path": str(low / "contact_sheet.png"), "written": False} in (
        second["outputs"]
    )
    assert read_summary(low / "run.json").counts()["reused"] == 1
    assert Image.open(chart).width == 1200


def test_quiet_prints_only_errors(folders):
    bad = lecture("render", "--quiet", "--scenes", "99", "--out", str(folders["out"]))
    assert bad.returncode == 2 and bad.stdout == ""
    assert "no scene number 99" in bad.stderr


class Broken(LectureScene):
    title = "Broken"

    def construct(self) -> None:
        raise RuntimeError("the formula has a typo")


@dataclass(frozen=True)
class LocalEntry(SceneEntry):
    """A scene row whose class lives in this module."""

    def load(self) -> type[LectureScene]:
        return globals()[self.name]


def test_quiet_failing_scene_is_named_on_stderr_and_in_the_summary(tmp_path, capsys):
    entry = LocalEntry(90, "backprop", "Broken", "Broken scene")
    build = tmp_path / "build"
    code = render_lecture([entry], "low", tmp_path, jobs=1, build=build, report=Reporter("quiet"))
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert "90_Broken: RuntimeError: the formula has a typo" in captured.err
    [scene] = json.loads((tmp_path / "low" / "run.json").read_text())["scenes"]
    assert scene["status"] == "failed" and scene["error"].startswith("RuntimeError: the formula")
    assert scene["outputs"] == [] and scene["frames"] is None


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux's script")
def test_live_progress_in_a_terminal_moves_within_a_second(folders):
    """Under a pseudo-terminal the display draws a bar within a second of the command's
    start and keeps changing; the finished scene stays on screen."""
    where = ["--out", str(folders["out"]), "--build-dir", str(folders["build"])]
    command = " ".join([str(LECTURE), "render", "--scenes", "20", "--jobs", "1", "--force", *where])
    env = {**os.environ, "COLUMNS": "110", "LINES": "20", "TERM": "xterm-256color"}
    started = time.monotonic()
    child = subprocess.Popen(
        ["script", "-qefc", command, "/dev/null"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
    )
    chunks: list[tuple[float, str]] = []
    assert child.stdout is not None
    while True:
        ready, _, _ = select.select([child.stdout], [], [], 0.05)
        if ready:
            data = os.read(child.stdout.fileno(), 1 << 16)
            if not data:
                break
            chunks.append((time.monotonic() - started, data.decode("utf-8", "replace")))
    assert child.wait(timeout=60) == 0
    screen = "".join(text for _, text in chunks)
    first_bar = next(at for at, text in chunks if BAR in text)
    assert first_bar < 1.0, f"the first bar came after {first_bar:.2f} s"
    frames = {frame for frame in screen.split("\r") if BAR in frame}  # one redraw each
    assert len(frames) >= 3, "the display did not move"
    plain = ANSI.sub("", screen)
    assert "checking the settings" in plain and "20_ThankYou" in plain
    assert re.search(r"✓ \[ 1/1\] 20_ThankYou +\d+\.\d s", plain), plain[-2000:]
