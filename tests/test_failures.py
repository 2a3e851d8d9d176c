"""Failures that lose nothing: a bad input stops the run before any rendering; a failing or
crashing scene is named while the others render; an interrupted run or a crash while joining
leaves every good file as it was and no partial file; the next run picks up where it stopped;
a missing system piece is named with the command that installs it."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import pipeline.render as render_module
import pipeline.system as system_module
from mathcore.config import default_config, default_settings
from pipeline import video
from pipeline.cli import main as lecture_main
from pipeline.render import INTERRUPTED, render_lecture
from pipeline.system import SYSTEM_PIECES, missing_system_pieces, system_problem
from scenes import context, theme
from scenes.base import LectureScene
from scenes.lecture import SceneEntry
from scenes.notes import Note

ROOT = Path(__file__).resolve().parent.parent
WORKER_SPEAKER = "Worker Check"  # what the parent installs before a parallel run
WORKER_LR = 0.05
INTERRUPT = {"now": False}  # Halting raises KeyboardInterrupt while this is set


pytestmark = pytest.mark.usefixtures("restore_scene_inputs")


# -- tiny scenes for a test lecture --------------------------------------------------------
class Tiny(LectureScene):
    """A scene that renders in well under a second."""

    title = "Tiny"

    def construct(self) -> None:
        self.add(theme.text(f"{self.talk.speaker}: {self.values.regression.fit.m_best:.3f}"))
        self.beat(Note("A tiny slide."), pause=0.2)


class Tiny2(Tiny):
    title = "Tiny two"


class Broken(LectureScene):
    title = "Broken"

    def construct(self) -> None:
        raise RuntimeError("the formula has a typo")


class Halting(Tiny):
    """Stops the run as Ctrl-C would, while ``INTERRUPT["now"]`` is set."""

    title = "Halting"

    def construct(self) -> None:
        self.add(theme.text("half-way"))
        self.beat(Note("Half-way."), pause=0.2)
        if INTERRUPT["now"]:
            raise KeyboardInterrupt


class KillsItsProcess(LectureScene):
    """Dies as a crash in a C library would: no exception, the process is gone."""

    title = "Kills its process"

    def construct(self) -> None:
        os._exit(3)


class ChecksItsInputs(Tiny):
    """Fails unless it draws what the parent process installed (run in a worker)."""

    title = "Checks its inputs"

    def construct(self) -> None:
        got = (self.talk.speaker, self.values.settings.regression_lr, theme.BACKGROUND)
        wanted = (WORKER_SPEAKER, WORKER_LR, theme.PALETTES["light"]["BACKGROUND"])
        if got != wanted:
            raise RuntimeError(f"the worker drew {got}, not {wanted}")
        super().construct()


@dataclass(frozen=True)
class TestEntry(SceneEntry):
    """A row of a test lecture: its scene class lives in this module."""

    __test__ = False  # not a pytest test class

    def load(self) -> type[LectureScene]:
        return globals()[self.name]


def lecture(*names: str) -> list[SceneEntry]:
    return [TestEntry(90 + i, "backprop", name, f"{name} scene") for i, name in enumerate(names)]


def run(entries: list[SceneEntry], out: Path, **kwargs) -> int:
    return render_lecture(entries, "low", out, build=out / "build", **kwargs)


def partial_files(out: Path) -> list[Path]:
    return [p for p in (out / "low").rglob("*") if ".partial" in p.name or p.name.endswith(".tmp")]


# -- a scene that fails does not stop the others ---------------------------------------------
def test_failing_scene_is_named_and_the_others_render(tmp_path, capsys):
    entries = lecture("Tiny", "Broken", "Tiny2")
    assert run(entries, tmp_path, jobs=1) == 1
    err = capsys.readouterr().err
    assert "1 scene(s) failed" in err
    assert "91_Broken: RuntimeError: the formula has a typo (at tests/test_failures.py:" in err
    assert "in construct)" in err
    scenes = tmp_path / "low" / "scenes"
    assert (scenes / "90_Tiny.mp4").is_file() and (scenes / "92_Tiny2.mp4").is_file()
    assert not (scenes / "91_Broken.mp4").exists()
    assert not (tmp_path / "low" / "lecture.mp4").exists()  # not joined with a hole in it
    assert not partial_files(tmp_path)


def test_command_exits_nonzero_naming_the_failed_scene(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("pipeline.cli.options.select", lambda spec: lecture("Tiny", "Broken"))
    assert lecture_main(["render", "--out", str(tmp_path), "--jobs", "1"]) == 1
    assert "91_Broken: RuntimeError: the formula has a typo" in capsys.readouterr().err


def test_parallel_workers_draw_the_runs_inputs_and_survive_a_dead_process(tmp_path, capsys):
    """Spawned workers receive the parent's lecture, talk and theme; a scene that kills its
    worker process fails alone (tried again in a process of its own), the others render."""
    talk = dataclasses.replace(default_config().talk, speaker=WORKER_SPEAKER)
    context.use(
        dataclasses.replace(default_settings(), regression_lr=WORKER_LR), talk, theme_name="light"
    )
    entries = lecture("ChecksItsInputs", "KillsItsProcess", "Tiny")
    code = run(entries, tmp_path, jobs=2)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "91_KillsItsProcess: its worker process died while rendering it" in err, err
    assert "90_ChecksItsInputs" not in err and "92_Tiny" not in err, err
    assert (tmp_path / "low" / "scenes" / "90_ChecksItsInputs.mp4").is_file()
    assert (tmp_path / "low" / "scenes" / "92_Tiny.mp4").is_file()


def test_skip_key_follows_the_runs_inputs(tmp_path, capsys):
    entries = lecture("Tiny")
    assert run(entries, tmp_path, jobs=1) == 0
    assert run(entries, tmp_path, jobs=1) == 0
    assert "1 unchanged (reused), 0 to render" in capsys.readouterr().out
    context.use(None, dataclasses.replace(default_config().talk, speaker="Someone Else"))
    assert run(entries, tmp_path, jobs=1) == 0
    assert "0 unchanged (reused), 1 to render" in capsys.readouterr().out
    theme.use("light")
    assert run(entries, tmp_path, jobs=1) == 0
    assert "0 unchanged (reused), 1 to render" in capsys.readouterr().out


# -- an interrupted run loses nothing, and the next one picks up where it stopped ---------------
@pytest.fixture
def good_lecture(tmp_path):
    """A finished two-scene lecture in tmp_path; returns the bytes of its lecture.mp4."""
    assert run(lecture("Tiny", "Halting"), tmp_path, jobs=1) == 0
    return (tmp_path / "low" / "lecture.mp4").read_bytes()


def test_interrupted_run_keeps_the_good_files_and_the_next_run_resumes(
    tmp_path, good_lecture, capsys
):
    scenes = tmp_path / "low" / "scenes"
    old_halting = (scenes / "91_Halting.mp4").read_bytes()
    # this run must render Tiny first: mark it the heavier scene (heaviest go first)
    record = json.loads((scenes / "90_Tiny.json").read_text())
    (scenes / "90_Tiny.json").write_text(json.dumps(record | {"seconds": 99.0}))
    context.use(
        None, dataclasses.replace(default_config().talk, speaker="New Speaker")
    )  # every scene must render again
    capsys.readouterr()

    INTERRUPT["now"] = True
    try:
        assert run(lecture("Tiny", "Halting"), tmp_path, jobs=1) == INTERRUPTED
    finally:
        INTERRUPT["now"] = False
    err = capsys.readouterr().err
    assert "Interrupted: 1 of 2 scene video(s) are finished and kept (rendered now: 90_Tiny)" in err
    assert (tmp_path / "low" / "lecture.mp4").read_bytes() == good_lecture
    assert (scenes / "91_Halting.mp4").read_bytes() == old_halting  # the old video, whole
    assert not (scenes / "91_Halting.json").exists()  # ...but no longer taken as current
    assert not partial_files(tmp_path)

    assert run(lecture("Tiny", "Halting"), tmp_path, jobs=1) == 0
    out = capsys.readouterr().out
    assert "1 unchanged (reused), 1 to render" in out
    assert "91_Halting" in out and "90_Tiny " not in out
    assert (tmp_path / "low" / "lecture.mp4").read_bytes() != good_lecture


def test_crash_while_joining_keeps_the_previous_lecture_video(
    tmp_path, good_lecture, monkeypatch, capsys
):
    calls = {"n": 0}
    rescale = video._rescale

    def fill_the_disk(*args):
        calls["n"] += 1
        if calls["n"] > 6:  # the first scene is in the new file by now
            raise OSError(errno.ENOSPC, "No space left on device")
        return rescale(*args)

    monkeypatch.setattr(video, "_rescale", fill_the_disk)
    # nothing changed, so the run would reuse the joined lecture: make it join again
    (tmp_path / "low" / "lecture.json").unlink()
    assert run(lecture("Tiny", "Halting"), tmp_path, jobs=1) == 1
    assert calls["n"] > 6
    err = capsys.readouterr().err
    assert (
        "error: lecture video not joined (the previous one is kept): "
        "OSError: [Errno 28] No space left on device" in err
    )
    assert (tmp_path / "low" / "lecture.mp4").read_bytes() == good_lecture
    assert not partial_files(tmp_path)


def test_ctrl_c_while_joining_keeps_the_previous_lecture_video(
    tmp_path, good_lecture, monkeypatch, capsys
):
    calls = {"n": 0}
    rescale = video._rescale

    def ctrl_c(*args):
        calls["n"] += 1
        if calls["n"] > 6:
            raise KeyboardInterrupt
        return rescale(*args)

    monkeypatch.setattr(video, "_rescale", ctrl_c)
    # nothing changed, so the run would reuse the joined lecture: make it join again
    (tmp_path / "low" / "lecture.json").unlink()
    assert run(lecture("Tiny", "Halting"), tmp_path, jobs=1) == INTERRUPTED
    assert "Interrupted: 2 of 2 scene video(s) are finished and kept." in capsys.readouterr().err
    assert (tmp_path / "low" / "lecture.mp4").read_bytes() == good_lecture
    assert not partial_files(tmp_path)


def test_leftovers_of_a_killed_run_are_removed(tmp_path, good_lecture):
    left = [
        tmp_path / "low" / ".lecture.partial.mp4",
        tmp_path / "low" / "scenes" / ".90_Tiny.partial.mp4",
        tmp_path / "low" / "scenes" / ".90_Tiny.last.partial.png",
    ]
    for path in left:
        path.write_bytes(b"half a file")
    assert run(lecture("Tiny", "Halting"), tmp_path, jobs=1) == 0
    assert not any(path.exists() for path in left)
    assert (tmp_path / "low" / "lecture.mp4").read_bytes() == good_lecture


# -- bad input stops the run before any rendering ---------------------------------------------
@pytest.fixture
def no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendering started")

    monkeypatch.setattr(render_module, "render_lecture", refuse)


def cli_error(tmp_path: Path, toml: str, capsys, *extra: str) -> str:
    config = tmp_path / "my.toml"
    config.write_text(toml, encoding="utf-8")
    out = tmp_path / "out"
    assert lecture_main(["render", "--config", str(config), "--out", str(out), *extra]) == 2
    assert not out.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    return captured.err


def test_bad_key_stops_the_command_before_rendering(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, "[network]\nlearning_rate = 1.0\n", capsys)
    assert "unknown key 'learning_rate' in [network]" in err


def test_bad_data_file_stops_the_command_before_rendering(tmp_path, capsys, no_rendering):
    (tmp_path / "rings.csv").write_text("x,y,c\n0.1,0.2,0\n0.3,0.1,2\n", encoding="utf-8")
    err = cli_error(tmp_path, '[data]\nhopeless = "rings.csv"\n', capsys)
    assert err == (
        f"error: {tmp_path / 'rings.csv'}, row 3, column 'c': label 2 is not 0 or 1. "
        "Fix: label every point 0 (blue) or 1 (orange)\n"
    )


def test_diverging_learning_rate_stops_the_command_before_rendering(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, "[regression]\nlr = 3.0\n", capsys)
    assert err.startswith("error: parameter 'regression.lr' = 3.0: gradient descent diverges")


def test_unknown_scene_in_the_file_stops_the_command(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, '[render]\nscenes = "1-3,Nonsense"\n', capsys)
    assert f"error: {tmp_path / 'my.toml'}: [render] scenes: unknown scene 'Nonsense'" in err


def test_unknown_scene_on_the_command_line(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, "", capsys, "--scenes", "21")
    assert err == "error: --scenes: no scene number 21: the lecture has scenes 1-20\n"


# -- a missing system piece is named with the command that installs it --------------------------
def test_missing_latex_is_reported_with_the_install_command(monkeypatch):
    which = system_module.shutil.which
    monkeypatch.setattr(
        system_module.shutil,
        "which",
        lambda name: None if name in ("latex", "kpsewhich") else which(name),
    )
    assert [p.name for p in missing_system_pieces()] == ["latex"]
    message = system_problem()
    assert (
        "latex (program: typesets every formula) is in the Debian package texlive-latex-base"
        in (message)
    )
    assert "apt-get install --no-install-recommends texlive-latex-base" in message


def test_missing_dvisvgm_latex_file_and_font_are_reported(monkeypatch):
    which = system_module.shutil.which
    monkeypatch.setattr(
        system_module.shutil, "which", lambda name: None if name == "dvisvgm" else which(name)
    )
    real_run = subprocess.run

    def kpsewhich_without_standalone(command, *args, **kwargs):
        done = real_run(command, *args, **kwargs)
        done.stdout = "\n".join(
            line for line in done.stdout.splitlines() if not line.endswith("standalone.cls")
        )
        return done

    monkeypatch.setattr(system_module.subprocess, "run", kpsewhich_without_standalone)
    monkeypatch.setattr("manimpango.list_fonts", lambda: ["DejaVu Sans"])
    assert [p.name for p in missing_system_pieces()] == ["dvisvgm", "standalone.cls", "Lato"]
    assert (
        "apt-get install --no-install-recommends dvisvgm texlive-latex-extra fonts-lato"
        in system_problem()
    )


def test_missing_system_piece_stops_the_command_before_rendering(
    tmp_path, monkeypatch, capsys, no_rendering
):
    monkeypatch.setattr(system_module, "missing_system_pieces", lambda: [SYSTEM_PIECES[0]])
    assert lecture_main(["render", "--scenes", "20", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: this machine lacks what the scenes need to render:")
    assert "apt-get install --no-install-recommends texlive-latex-base" in err
    assert not (tmp_path / "out").exists()


def test_the_check_passes_here():
    assert missing_system_pieces() == [], "this machine should have what render.sh installs"


def test_scene_probe_module_is_importable_in_workers():
    """Spawned workers import this module by name to find the test scenes."""
    assert __name__ == "tests.test_failures" and str(ROOT) in sys.path
