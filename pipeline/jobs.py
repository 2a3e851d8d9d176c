"""One scene's render: the job (what to render, where, with which skip key), its result, and
the function a worker process runs for it."""

from __future__ import annotations

import dataclasses
import json
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from manim import tempconfig
from PIL import Image

from mathcore.config import QUALITIES
from mathcore.files import atomic_path, move_into_place, write_text_atomic
from pipeline import narration
from pipeline.manim_cache import serialize_shared_files
from pipeline.paths import ROOT
from scenes import context
from scenes.context import SceneInputs
from scenes.lecture import SceneEntry
from scenes.pacing import paced


@dataclass(frozen=True)
class SceneJob:
    entry: SceneEntry
    quality: str
    out_dir: Path
    build_dir: Path
    key: str
    #: what the scene draws; None: whatever the rendering process has installed
    inputs: SceneInputs | None = field(default=None, compare=False, repr=False)
    #: the voice that narrates it (pipeline.narration); None: the silent lecture
    narration: narration.SceneNarration | None = field(default=None, compare=False, repr=False)

    @property
    def video(self) -> Path:
        return self.out_dir / "scenes" / f"{self.entry.slug}.mp4"

    @property
    def frame(self) -> Path:
        """The scene's last frame, kept for the contact sheet."""
        return self.out_dir / "scenes" / f"{self.entry.slug}.last.png"

    @property
    def record(self) -> Path:
        """What the last good render was made from, and how long it took."""
        return self.out_dir / "scenes" / f"{self.entry.slug}.json"

    def previous(self) -> dict:
        try:
            return json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def is_current(self) -> bool:
        return (
            self.previous().get("key") == self.key and self.video.is_file() and self.frame.is_file()
        )


@dataclass
class SceneResult:
    entry: SceneEntry
    seconds: float
    reused: bool = False
    error: str | None = None
    frames: int | None = None  # written, when rendered here


def render_scene(job: SceneJob, watch: Callable[[Any], object] | None = None) -> SceneResult:
    """Render one scene to its video and last frame; never raises for a scene's own bug
    (KeyboardInterrupt passes: it stops the run). ``watch`` is called with the scene before
    it renders (:class:`pipeline.progress.SceneWatcher` counts its frames)."""
    started = time.perf_counter()
    serialize_shared_files()
    if job.inputs is not None:
        context.install(job.inputs)
    try:
        job.video.parent.mkdir(parents=True, exist_ok=True)
        # Forget the previous render first: if this one stops half-way (its new frame in
        # place, its video not yet), the next run must not take the pair for a finished one.
        job.record.unlink(missing_ok=True)
        spoken = narration.prepare_scene(job)  # its words said and its pacing planned
        with (
            tempconfig(
                {
                    **QUALITIES[job.quality].manim_config(),
                    "media_dir": str(job.build_dir / "media"),
                    "output_file": job.entry.slug,
                    "disable_caching": True,
                    "verbosity": "WARNING",
                    "progress_bar": "none",
                    # manim's tidy-up deletes every non-SVG file in the shared Tex folder, including
                    # another worker's .dvi mid-compile; the run tidies once at the end instead
                    "no_latex_cleanup": True,
                }
            ),
        ):
            scene = job.entry.load()(output_folder=job.build_dir / "slides")
            if watch is not None:
                watch(scene)
            with paced(spoken.pacing if spoken else None):
                scene.render()
            frames = round(scene.renderer.time * scene.camera.frame_rate)
            movie = Path(scene.renderer.file_writer.movie_file_path)
            frame = np.array(scene.renderer.get_frame())
        with atomic_path(job.frame) as tmp:
            Image.fromarray(frame[..., :3]).save(tmp, format="PNG")
        move_into_place(narration.with_audio(job, spoken, scene, movie), job.video)
        seconds = time.perf_counter() - started
        record = {
            "key": job.key,
            "seconds": round(seconds, 2),
            "frames": frames,  # what the next run expects (progress bars, ETA)
            "notes": [dataclasses.asdict(note) for note in scene.notes],  # one per slide
            **narration.record(scene, spoken, job),  # each slide's times, words and voice
        }
        write_text_atomic(job.record, json.dumps(record))
        return SceneResult(job.entry, seconds, frames=frames)
    except Exception as err:  # one failing scene must not stop the others
        return SceneResult(job.entry, time.perf_counter() - started, error=describe(err))


def describe(err: BaseException) -> str:
    """The exception in one line, with the project line it came from (the scene's bug)."""
    detail = "".join(traceback.format_exception_only(type(err), err)).strip()
    detail = " ".join(line.strip() for line in detail.splitlines() if line.strip())
    ours = [
        frame
        for frame in traceback.extract_tb(err.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(ROOT)
        and ".venv" not in Path(frame.filename).parts
    ]
    if ours:
        where = ours[-1]
        path = Path(where.filename).resolve().relative_to(ROOT)
        detail += f" (at {path}:{where.lineno}, in {where.name})"
    return detail
