"""Render the lecture: one video per scene, the whole lecture with chapters, a contact sheet.

    python -m pipeline render [--quality low|720p|1080p|4k] [--scenes 4-8] [--jobs N] [--out DIR]

Scenes render in parallel worker processes (one per core by default), heaviest first. A scene
whose inputs did not change -- its code and the project modules it imports, the lecture's
values, the quality, the manim version -- is not rendered again: its previous video is reused.
Outputs go to ``<out>/<quality>/``: ``scenes/NN_Name.mp4``, ``lecture.mp4`` (a chapter per
scene, streams copied) and ``contact_sheet.png``. Every file is written under a temporary
name and moved into place when complete, so a failed or interrupted run never replaces a
good file, and the next run picks up where it stopped.

The workers draw what the parent process installed (:func:`scenes.context.inputs`: the
lecture's values, the talk, the theme), shipped to them with each job; the skip key
includes it. A scene that raises, or whose worker process dies, is reported by name and the
others still render; Ctrl-C stops the run keeping every scene finished so far.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
from manim import config, tempconfig
from PIL import Image

from mathcore.config import QUALITIES
from mathcore.files import remove_partial_files, write_text_atomic
from pipeline.inputs import scene_key, values_digest
from pipeline.jobs import SceneJob, SceneResult, describe, render_scene
from pipeline.manim_cache import tidy_latex
from pipeline.paths import BUILD, OUTPUT
from pipeline.video import contact_sheet, join_videos
from scenes import context
from scenes.lecture import SceneEntry

logging.getLogger("manim-slides").setLevel(logging.WARNING)
INTERRUPTED = 130  # the exit code of a run stopped by Ctrl-C


def _worker_init() -> None:
    logging.getLogger("manim-slides").setLevel(logging.WARNING)


# -- the whole lecture --------------------------------------------------------------------
def render_lecture(
    entries: list[SceneEntry],
    quality: str = "low",
    out: Path = OUTPUT,
    *,
    jobs: int | None = None,
    force: bool = False,
    build: Path = BUILD,
) -> int:
    """Render the scenes (in parallel, skipping unchanged ones), then join them and make the
    contact sheet; return a process exit code."""
    started = time.perf_counter()
    out_dir = out / quality
    build_dir = build / quality  # manim's media (LaTeX cache, partial movies), slides
    scene_inputs = context.inputs()  # what every worker draws: this process's lecture
    digest = values_digest()  # of scene_inputs: what this process has installed
    all_jobs = [
        SceneJob(e, quality, out_dir, build_dir, scene_key(e, quality, digest), scene_inputs)
        for e in entries
    ]
    remove_partial_files(out_dir)
    todo = [job for job in all_jobs if force or not job.is_current()]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    print(
        f"Lecture: {len(entries)} scene(s) at {quality} ({_resolution(quality)}) -> {out_dir}\n"
        f"  {len(entries) - len(todo)} unchanged (reused), {len(todo)} to render"
        + (f" with {workers} process(es)" if todo else ""),
        flush=True,
    )
    results = {job.entry.number: SceneResult(job.entry, 0.0, reused=True) for job in all_jobs}
    # heaviest first, so the last scene to finish is a short one
    todo.sort(key=lambda job: -job.previous().get("seconds", 1e6))
    try:
        for result in _run(todo, workers):
            results[result.entry.number] = result
        ordered = [results[e.number] for e in entries]
        tidy_latex(build_dir / "media" / "Tex")
        return _finish(all_jobs, ordered, out_dir, started)
    except KeyboardInterrupt:
        remove_partial_files(out_dir)
        kept = [job for job in all_jobs if job.is_current()]  # as the next run will see them
        now = [job.entry.slug for job in todo if job in kept]
        print(
            f"\nInterrupted: {len(kept)} of {len(all_jobs)} scene video(s) are finished and kept"
            + (f" (rendered now: {', '.join(now)})" if now else "")
            + ". No half-written file was left: every file not finished keeps its previous"
            " version. Run the same command again: finished scenes are reused.",
            file=sys.stderr,
        )
        return INTERRUPTED


def _run(todo: list[SceneJob], workers: int) -> Iterator[SceneResult]:
    """Yield results as scenes finish, printing one progress line each."""
    if not todo:
        return
    width = max(len(job.entry.slug) for job in todo)
    done = 0
    if workers == 1:
        for job in todo:
            result = render_scene(job)
            done += 1
            _progress(done, len(todo), result, width)
            yield result
        return
    # Scenes whose worker died (a crash in a library, out of memory) are tried again each in
    # a process of its own, so one scene that kills its process fails alone.
    crashed = []
    for job, result in _in_pool(todo, workers):
        if result is None:
            crashed.append(job)
            continue
        done += 1
        _progress(done, len(todo), result, width)
        yield result
    for job in crashed:
        _, result = next(_in_pool([job], 1))
        if result is None:
            result = SceneResult(
                job.entry,
                0.0,
                error="its worker process died while rendering it (a crash in a library, or "
                "out of memory); run it alone with --scenes and --jobs 1 to see the error",
            )
        done += 1
        _progress(done, len(todo), result, width)
        yield result


def _in_pool(jobs: list[SceneJob], workers: int) -> Iterator[tuple[SceneJob, SceneResult | None]]:
    """Render ``jobs`` in worker processes; yield (job, result), or (job, None) when the
    job's worker process died. Stopping early (Ctrl-C) cancels the scenes not started."""
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=spawn, initializer=_worker_init)
    try:
        pending: dict[Future, SceneJob] = {pool.submit(render_scene, job): job for job in jobs}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                try:
                    yield job, future.result()
                except BrokenProcessPool:
                    yield job, None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _progress(done: int, total: int, result: SceneResult, width: int) -> None:
    status = f"{result.seconds:6.1f} s" if result.error is None else "FAILED"
    print(f"  [{done:2d}/{total}] {result.entry.slug:<{width}s} {status}", flush=True)


def _finish(jobs: list[SceneJob], results: list[SceneResult], out_dir: Path, started: float) -> int:
    ok = [(job, r) for job, r in zip(jobs, results, strict=True) if r.error is None]
    failed = [r for r in results if r.error is not None]
    problems = []  # outputs of the whole run that could not be written
    sheet, lecture, record = (
        out_dir / name for name in ("contact_sheet.png", "lecture.mp4", "lecture.json")
    )
    joined_from = hashlib.sha256(
        "".join(f"{job.key}:{job.entry.title};" for job, _ in ok).encode()
    ).hexdigest()
    if (
        ok
        and not failed
        and all(r.reused for _, r in ok)
        and sheet.is_file()
        and (len(jobs) == 1 or lecture.is_file())
        and _recorded_key(record) == joined_from
    ):
        print(f"Contact sheet: {sheet} (unchanged)")
        if len(jobs) > 1:
            print(f"Lecture video: {lecture} (unchanged)")
        ok = []  # nothing to remake
    elif ok:
        try:
            frames = [
                (np.asarray(Image.open(job.frame)), f"{job.entry.number}. {job.entry.title}")
                for job, _ in ok
            ]
            contact_sheet(frames, sheet)
            print(f"Contact sheet: {sheet}")
        except Exception as err:  # e.g. a full disk: the previous sheet stays
            problems.append(f"contact sheet not written: {describe(err)}")
    if ok and not failed and len(jobs) > 1:
        try:
            chapters = join_videos(
                [(job.video, f"{job.entry.number}. {job.entry.title}") for job, _ in ok], lecture
            )
            minutes = chapters[-1]["end"] / 60000
            print(f"Lecture video: {lecture} ({len(chapters)} chapters, {minutes:.1f} min)")
        except Exception as err:  # e.g. a full disk: the previous lecture.mp4 stays
            problems.append(f"lecture video not joined (the previous one is kept): {describe(err)}")
    if ok and not failed and not problems:
        write_text_atomic(record, json.dumps({"key": joined_from}))
    print(f"Scene videos: {out_dir / 'scenes'}")
    rendered = sum(1 for r in results if r.error is None and not r.reused)
    reused = sum(1 for r in results if r.error is None and r.reused)
    print(
        f"Done in {time.perf_counter() - started:.1f} s: {rendered} rendered, "
        f"{reused} reused, {len(failed)} failed."
    )
    if failed:
        print(
            f"\n{len(failed)} scene(s) failed (the others were rendered; the lecture video was "
            "not joined):",
            file=sys.stderr,
        )
        for r in failed:
            print(f"  {r.entry.slug}: {r.error}", file=sys.stderr)
        print(
            "Fix them and run the same command again: finished scenes are reused.",
            file=sys.stderr,
        )
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if failed or problems else 0


def _recorded_key(record: Path) -> str | None:
    try:
        return json.loads(record.read_text(encoding="utf-8")).get("key")
    except (OSError, ValueError, AttributeError):
        return None


def _resolution(quality: str) -> str:
    with tempconfig({"quality": QUALITIES[quality].manim}):
        return f"{config.pixel_width}x{config.pixel_height}, {config.frame_rate:g} fps"
