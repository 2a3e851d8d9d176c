"""Render the lecture: one video per scene, the whole lecture with chapters, a contact sheet.

    python -m scenes render [--quality low|720p|1080p|4k] [--scenes 4-8] [--out output]

Outputs go to ``<out>/<quality>/``: ``scenes/NN_Name.mp4``, ``lecture.mp4`` (chapters named
by scene) and ``contact_sheet.png`` (each scene's last frame). Every file is written under a
temporary name and moved into place when complete, so a failed run never replaces a good file.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from manim import config, tempconfig

from scenes.lecture import SceneEntry
from scenes.video import contact_sheet, join_videos

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("manim-slides").setLevel(logging.WARNING)
QUALITIES = {
    "low": "low_quality",  # 854x480, 15 fps
    "720p": "medium_quality",  # 1280x720, 30 fps
    "1080p": "high_quality",  # 1920x1080, 60 fps
    "4k": "fourk_quality",  # 3840x2160, 60 fps
}


@dataclass
class SceneResult:
    entry: SceneEntry
    video: Path | None
    last_frame: np.ndarray | None
    seconds: float
    error: str | None = None


def render_scene(entry: SceneEntry, quality: str, out_dir: Path, build_dir: Path) -> SceneResult:
    """Render one scene to ``out_dir/scenes/<slug>.mp4``; never raises for a scene's own bug."""
    started = time.perf_counter()
    target = out_dir / "scenes" / f"{entry.slug}.mp4"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempconfig(
            {
                "quality": QUALITIES[quality],
                "media_dir": str(build_dir / "media"),
                "output_file": entry.slug,
                "disable_caching": True,
                "verbosity": "WARNING",
                "progress_bar": "none",
            }
        ):
            scene = entry.load()(output_folder=build_dir / "slides")
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            frame = np.array(scene.renderer.get_frame())
        os.replace(movie, target)
        return SceneResult(entry, target, frame, time.perf_counter() - started)
    except Exception as err:  # one failing scene must not stop the others
        detail = "".join(traceback.format_exception_only(type(err), err)).strip()
        return SceneResult(entry, None, None, time.perf_counter() - started, error=detail)


def render_lecture(
    entries: list[SceneEntry], quality: str = "low", out: Path = ROOT / "output"
) -> int:
    """Render the scenes in order, then join and summarize; return a process exit code."""
    out_dir = out / quality
    build_dir = ROOT / "build" / quality
    print(
        f"Rendering {len(entries)} scene(s) at {quality} ({_resolution(quality)}) into {out_dir}",
        flush=True,
    )
    results = []
    total_started = time.perf_counter()
    for i, entry in enumerate(entries, start=1):
        print(f"  [{i:2d}/{len(entries)}] {entry.slug:<28s}", end="", flush=True)
        result = render_scene(entry, quality, out_dir, build_dir)
        status = f"{result.seconds:6.1f} s" if result.error is None else "FAILED"
        print(status, flush=True)
        results.append(result)

    done = [r for r in results if r.error is None]
    failed = [r for r in results if r.error is not None]
    if done:
        sheet = out_dir / "contact_sheet.png"
        contact_sheet([(r.last_frame, f"{r.entry.number}. {r.entry.title}") for r in done], sheet)
        print(f"Contact sheet: {sheet}")
    if done and not failed and len(entries) > 1:
        lecture = out_dir / "lecture.mp4"
        chapters = join_videos(
            [(r.video, f"{r.entry.number}. {r.entry.title}") for r in done], lecture
        )
        minutes = chapters[-1]["end"] / 60000
        print(f"Lecture video: {lecture} ({len(chapters)} chapters, {minutes:.1f} min)")
    print(f"Scene videos: {out_dir / 'scenes'}")
    print(
        f"Rendered {len(done)} of {len(entries)} scene(s) in "
        f"{time.perf_counter() - total_started:.0f} s."
    )
    if failed:
        print(
            "\nFailed scenes (the others were rendered; the lecture video was not joined):",
            file=sys.stderr,
        )
        for r in failed:
            print(f"  {r.entry.slug}: {r.error}", file=sys.stderr)
        return 1
    return 0


def _resolution(quality: str) -> str:
    with tempconfig({"quality": QUALITIES[quality]}):
        return f"{config.pixel_width}x{config.pixel_height}, {config.frame_rate:g} fps"
