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

What the run shows while it works (live bars, plain lines or nothing) and the summary it
leaves in ``<out>/<quality>/run.json`` are :mod:`pipeline.progress`'s and
:mod:`pipeline.summary`'s: the workers report each scene's frames to the parent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from manim import config, tempconfig
from PIL import Image

from mathcore.config import QUALITIES
from mathcore.files import remove_partial_files, write_text_atomic
from pipeline.estimate import heaviest_first, video_seconds
from pipeline.inputs import scene_key, values_digest
from pipeline.jobs import SceneJob, SceneResult, describe, render_scene
from pipeline.manim_cache import tidy_latex
from pipeline.narration import current, narrated_jobs
from pipeline.narration_out import join_lecture, write_scene_files
from pipeline.paths import BUILD, OUTPUT
from pipeline.progress import Reporter, SceneWatcher, event_channel, plan_for, with_reporter
from pipeline.summary import scene_runs
from pipeline.video import contact_sheet
from scenes import context
from scenes.lecture import SceneEntry

if TYPE_CHECKING:
    from distributed import Client

logging.getLogger("manim-slides").setLevel(logging.WARNING)
INTERRUPTED = 130  # the exit code of a run stopped by Ctrl-C


def _worker_init() -> None:
    logging.getLogger("manim-slides").setLevel(logging.WARNING)
    # Ctrl-C reaches the workers too: they stop at once and quietly (no traceback each);
    # the parent says what was kept, and what they left half-made is temporary files only
    signal.signal(signal.SIGINT, lambda *_: os._exit(INTERRUPTED))


# -- the whole lecture --------------------------------------------------------------------
@with_reporter
def render_lecture(
    entries: list[SceneEntry],
    quality: str = "low",
    out: Path = OUTPUT,
    *,
    jobs: int | None = None,
    force: bool = False,
    build: Path = BUILD,
    cluster: Client | None = None,
    report: Reporter | None = None,
    isolate: bool = False,
) -> int:
    """Render the scenes (in parallel, skipping unchanged ones), then join them and make the
    contact sheet; return a process exit code. ``isolate``: also with one job, render in a
    worker process (the command does: a scene that kills its process then fails alone;
    in this process, it would end the run). With ``cluster`` (a connected Dask client,
    :func:`pipeline.cluster.connect`) the scenes to render go to its workers. ``report``
    shows the progress (a new :class:`~pipeline.progress.Reporter` if not given) and keeps
    the run summary, written to ``<out>/<quality>/run.json``."""
    assert report is not None  # with_reporter gives one
    started = time.perf_counter()
    out_dir = out / quality
    build_dir = build / quality  # manim's media (LaTeX cache, partial movies), slides
    scene_inputs = context.inputs()  # what every worker draws: this process's lecture
    digest = values_digest()  # of scene_inputs: what this process has installed
    all_jobs = [
        SceneJob(e, quality, out_dir, build_dir, scene_key(e, quality, digest), scene_inputs)
        for e in entries
    ]
    narrator = current()  # the voice (pipeline.narration): in every job and its key
    all_jobs = narrated_jobs(all_jobs, build, narrator)
    remove_partial_files(out_dir)
    todo = [job for job in all_jobs if force or not job.is_current()]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    report.summary.quality = quality
    report.info(
        f"Lecture: {len(entries)} scene(s) at {quality} ({_resolution(quality)}) -> {out_dir}\n"
        f"  {len(entries) - len(todo)} unchanged (reused), {len(todo)} to render"
        + (f" with {workers} process(es)" if todo else "")
        + f"\n  {narrator.choice.log_line()}"
    )
    results = {job.entry.number: SceneResult(job.entry, 0.0, reused=True) for job in all_jobs}
    # heaviest first, so the last scene to finish is a short one: by the time each took last
    # time, or on a cold start by its video's length as written (pipeline.estimate)
    todo = heaviest_first(
        todo, lambda job: job.previous().get("seconds"), lambda job: video_seconds(job.entry)
    )
    report.begin_scenes([plan_for(job) for job in todo], workers)
    try:
        with event_channel(report, processes=(workers > 1 or isolate) and cluster is None) as send:
            for result in _run(todo, workers, cluster, report, send, isolate):
                results[result.entry.number] = result
        report.end_scenes()
        ordered = [results[e.number] for e in entries]
        tidy_latex(build_dir / "media" / "Tex")
        code = _finish(all_jobs, ordered, out_dir, started, report)
        return _save_summary(report, out_dir, all_jobs, results, todo, code)
    except KeyboardInterrupt:
        remove_partial_files(out_dir)
        kept = [job for job in all_jobs if job.is_current()]  # as the next run will see them
        # rendered by this run: a result came back (a scene already current before a --force
        # run is kept, but was not rendered now)
        now = [
            job.entry.slug for job in todo if job in kept and not results[job.entry.number].reused
        ]
        report.error(
            f"\nInterrupted: {len(kept)} of {len(all_jobs)} scene video(s) are finished and kept"
            + (f" (rendered now: {', '.join(now)})" if now else "")
            + ". No half-written file was left: every file not finished keeps its previous"
            " version. Run the same command again: finished scenes are reused."
        )
        return _save_summary(report, out_dir, all_jobs, results, todo, INTERRUPTED)


def _run(
    todo: list[SceneJob],
    workers: int,
    cluster: Client | None,
    report: Reporter,
    send: Callable[[tuple], object],
    isolate: bool = False,
) -> Iterator[SceneResult]:
    """Yield results as scenes finish, telling ``report``; the scenes' frames go to ``send``.
    One job renders in this process unless ``isolate``."""
    if not todo:
        return
    if cluster is not None:  # on a Dask cluster's workers, outputs written back here
        from pipeline.cluster import render_on_cluster

        for result in render_on_cluster(todo, cluster, report.info):
            report.scene_finished(result)
            yield result
        return
    if workers == 1 and not isolate:
        for job in todo:
            result = render_scene(job, SceneWatcher(job.entry.slug, send))
            report.scene_finished(result)
            yield result
        return
    # Scenes whose worker died (a crash in a library, out of memory) are tried again each in
    # a process of its own, so one scene that kills its process fails alone.
    crashed = []
    for job, result in _in_pool(todo, workers, send):
        if result is None:
            crashed.append(job)
            continue
        report.scene_finished(result)
        yield result
    for job in crashed:
        _, result = next(_in_pool([job], 1, send))
        if result is None:
            result = SceneResult(
                job.entry,
                0.0,
                error="its worker process died while rendering it (a crash in a library, or "
                "out of memory); render it alone (--scenes) to see whether it dies again; the "
                "system log (dmesg) names a process killed for lack of memory",
            )
        report.scene_finished(result)
        yield result


def _in_pool(
    jobs: list[SceneJob], workers: int, send: Callable[[tuple], object]
) -> Iterator[tuple[SceneJob, SceneResult | None]]:
    """Render ``jobs`` in worker processes (their frames reported to ``send``); yield (job,
    result), or (job, None) when the job's worker process died. Stopping early (Ctrl-C)
    cancels the scenes not started."""
    spawn = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=spawn, initializer=_worker_init)
    try:
        # the workers start here (on submit), ignoring Ctrl-C until _worker_init: one
        # arriving while they import would print a traceback each
        quiet = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            pending: dict[Future, SceneJob] = {
                pool.submit(render_scene, job, SceneWatcher(job.entry.slug, send)): job
                for job in jobs
            }
        finally:
            signal.signal(signal.SIGINT, quiet)
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


def _save_summary(
    report: Reporter,
    out_dir: Path,
    jobs: list[SceneJob],
    results: dict[int, SceneResult],
    todo: list[SceneJob],
    code: int,
) -> int:
    """Put the scenes' outcomes in the run summary and write it to ``out_dir/run.json`` (and
    the files the options ask for); return the exit code."""
    report.summary.scenes = scene_runs(jobs, results, {job.entry.number for job in todo})
    return report.save(out_dir, code)


def _finish(
    jobs: list[SceneJob],
    results: list[SceneResult],
    out_dir: Path,
    started: float,
    report: Reporter,
) -> int:
    ok = [(job, r) for job, r in zip(jobs, results, strict=True) if r.error is None]
    failed = [r for r in results if r.error is not None]
    problems = []  # outputs of the whole run that could not be written
    problems += write_scene_files([job for job, _ in ok])  # captions, each slide's audio
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
        report.output("Contact sheet", sheet, "unchanged", written=False)
        if len(jobs) > 1:
            report.output("Lecture video", lecture, "unchanged", written=False)
        ok = []  # nothing to remake
    elif ok and not failed:  # a summary of the lecture changes only when all scenes are good
        try:
            frames = [
                (np.asarray(Image.open(job.frame)), f"{job.entry.number}. {job.entry.title}")
                for job, _ in ok
            ]
            with report.step("contact sheet"):
                contact_sheet(frames, sheet)
            report.output("Contact sheet", sheet)
        except Exception as err:  # e.g. a full disk: the previous sheet stays
            problems.append(f"contact sheet not written: {describe(err)}")
    if ok and not failed and len(jobs) > 1:
        try:
            with report.step("joining the lecture video"):
                chapters = join_lecture(  # with the narration, captions, transcript
                    [(job.video, f"{job.entry.number}. {job.entry.title}") for job, _ in ok],
                    lecture,
                    [job for job, _ in ok],
                    context.talk().title,
                )
            minutes = chapters[-1]["end"] / 60000
            report.output("Lecture video", lecture, f"{len(chapters)} chapters, {minutes:.1f} min")
        except Exception as err:  # e.g. a full disk: the previous lecture.mp4 stays
            problems.append(f"lecture video not joined (the previous one is kept): {describe(err)}")
    if ok and not failed and not problems:
        write_text_atomic(record, json.dumps({"key": joined_from}))
    report.info(f"Scene videos: {out_dir / 'scenes'}")
    rendered = sum(1 for r in results if r.error is None and not r.reused)
    reused = sum(1 for r in results if r.error is None and r.reused)
    report.info(
        f"Done in {time.perf_counter() - started:.1f} s: {rendered} rendered, "
        f"{reused} reused, {len(failed)} failed."
    )
    if failed:
        report.error(
            f"\n{len(failed)} scene(s) failed (the others were rendered; the lecture video and "
            "the contact sheet were left as they were):"
        )
        for r in failed:
            report.error(f"  {r.entry.slug}: {r.error}")
        report.error("Fix them and run the same command again: finished scenes are reused.")
    for problem in problems:
        report.error(f"error: {problem}")
    return 1 if failed or problems else 0


def _recorded_key(record: Path) -> str | None:
    try:
        return json.loads(record.read_text(encoding="utf-8")).get("key")
    except (OSError, ValueError, AttributeError):
        return None


def _resolution(quality: str) -> str:
    with tempconfig(QUALITIES[quality].manim_config()):
        return f"{config.pixel_width}x{config.pixel_height}, {config.frame_rate:g} fps"
