"""Real renders at the lowest quality: scene videos, the chaptered lecture, the contact sheet."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import av
import pytest
from PIL import Image

from pipeline.render import render_lecture
from pipeline.video import read_chapters
from scenes.lecture import SCENES, select

ROOT = Path(__file__).resolve().parent.parent


def _check_outputs(out: Path, entries) -> None:
    for entry in entries:
        video = out / "low" / "scenes" / f"{entry.slug}.mp4"
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            assert (stream.width, stream.height) == (854, 480)
            assert sum(1 for _ in container.decode(stream)) > 5
    sheet = Image.open(out / "low" / "contact_sheet.png")
    assert sheet.width > 400
    chapters = read_chapters(out / "low" / "lecture.mp4")
    assert [c["title"] for c in chapters] == [f"{e.number}. {e.title}" for e in entries]
    assert chapters[0]["start"] == 0.0
    for before, after in itertools.pairwise(chapters):
        assert after["start"] == pytest.approx(before["end"], abs=0.1)
    assert not list((out / "low").rglob(".*partial*")), "a temporary file was left behind"


def test_render_two_scenes_low_quality(tmp_path):
    entries = select("18,20")
    assert render_lecture(entries, "low", tmp_path) == 0
    _check_outputs(tmp_path, entries)


def test_render_command_rejects_unknown_scene():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "render", "--scenes", "99"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "no scene number 99" in result.stderr


@pytest.mark.slow
def test_render_whole_lecture_low_quality(tmp_path):
    assert render_lecture(list(SCENES), "low", tmp_path) == 0
    _check_outputs(tmp_path, SCENES)


def test_unchanged_scenes_are_reused_and_changed_ones_rendered(tmp_path, monkeypatch, capsys):
    from pipeline import render

    entries = select("20")
    assert render_lecture(entries, "low", tmp_path, jobs=1) == 0
    video = tmp_path / "low" / "scenes" / "20_ThankYou.mp4"
    first = video.stat().st_mtime_ns
    capsys.readouterr()
    assert render_lecture(entries, "low", tmp_path, jobs=1) == 0
    assert "0 rendered, 1 reused" in capsys.readouterr().out
    assert video.stat().st_mtime_ns == first
    # other values (e.g. another data set) make the scene's inputs differ: it renders again
    monkeypatch.setattr(render, "values_digest", lambda: "other values")
    assert render_lecture(entries, "low", tmp_path, jobs=1) == 0
    assert "1 rendered, 0 reused" in capsys.readouterr().out
    assert video.stat().st_mtime_ns != first


def test_scene_key_follows_the_scene_not_its_neighbours():
    from pipeline.inputs import scene_source

    chain = next(e for e in SCENES if e.name == "ChainRule")
    source = scene_source(chain)
    assert "class ChainRule" in source and "class Backpropagation" not in source
    assert "class ThankYou" not in source


def test_unchanged_lecture_is_not_joined_again(tmp_path, capsys):
    entries = select("18,20")
    assert render_lecture(entries, "low", tmp_path) == 0
    lecture = tmp_path / "low" / "lecture.mp4"
    joined = lecture.stat().st_mtime_ns
    capsys.readouterr()
    assert render_lecture(entries, "low", tmp_path) == 0
    assert "Lecture video: " in capsys.readouterr().out
    assert lecture.stat().st_mtime_ns == joined
    # another choice of scenes is another lecture: joined again, with its own chapters
    assert render_lecture(select("20,18"), "low", tmp_path) == 0
    assert render_lecture(select("18"), "low", tmp_path) == 0
    assert render_lecture(entries, "low", tmp_path) == 0
    assert lecture.stat().st_mtime_ns != joined
    _check_outputs(tmp_path, entries)
