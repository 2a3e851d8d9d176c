"""The slides for manim-slides' Qt presenter: ``<Scene>.json`` files with notes, and the
command that opens them."""

from __future__ import annotations

import importlib.util
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from mathcore.files import atomic_path
from pipeline.clips import portable_config
from pipeline.deck import Deck
from pipeline.paths import OUTPUT
from scenes.lecture import SCENES, SceneEntry


def write_presenter_configs(decks: Sequence[Deck], folder: Path) -> None:
    """``<Scene>.json`` with notes for ``manim-slides present --folder <folder>``; the decks'
    clips are in ``folder`` (:func:`pipeline.clips.publish`) and named relative to it, so the
    folder can be copied anywhere."""
    for deck in decks:
        target = folder / f"{deck.entry.name}.json"
        with atomic_path(target) as partial:
            portable_config(deck.with_notes(escape=False), folder).to_file(partial)


def present(entries: Sequence[SceneEntry], quality: str = "low", out: Path = OUTPUT) -> int:
    """Open the slides built by :func:`build_presentation` in ``manim-slides present`` (Qt)."""
    folder = out / quality / "slides"
    missing = [e.slug for e in entries if not (folder / f"{e.name}.json").is_file()]
    if missing:
        build = ["./render.sh", "slides", "--quality", quality]
        if len(entries) < len(SCENES):
            build += ["--scenes", ",".join(str(e.number) for e in entries)]
        if out != OUTPUT:
            build += ["--out", str(out)]
        print(
            f"error: no slides for {', '.join(missing)} in {folder}. "
            f"Fix: build them first: {shlex.join(build)}",
            file=sys.stderr,
        )
        return 2  # bad input: nothing to present yet
    if importlib.util.find_spec("PySide6") is None:
        print(
            "error: the Qt presenter needs PySide6, an optional extra (about 300 MB). Install it "
            'with: .venv/bin/pip install "manim-slides[pyside6]==5.7.0". '
            f"Or open {out / quality / 'lecture.html'} in a browser (no install needed).",
            file=sys.stderr,
        )
        return 1
    command = [
        sys.executable,
        "-m",
        "manim_slides",
        "present",
        "--folder",
        str(folder),
        *(e.name for e in entries),
    ]
    return subprocess.call(command)
