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

import fcntl
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import sys
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import config, tempconfig
from PIL import Image

from scenes import context
from scenes.context import SceneInputs
from pipeline.inputs import scene_key, values_digest
from scenes.lecture import SceneEntry
from pipeline.video import contact_sheet, join_videos

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("manim-slides").setLevel(logging.WARNING)
QUALITIES = {
    "low": "low_quality",  # 854x480, 15 fps
    "720p": "medium_quality",  # 1280x720, 30 fps
    "1080p": "high_quality",  # 1920x1080, 60 fps
    "4k": "fourk_quality",  # 3840x2160, 60 fps
}
INTERRUPTED = 130  # the exit code of a run stopped by Ctrl-C


@dataclass(frozen=True)
class SceneJob:
    entry: SceneEntry
    quality: str
    out_dir: Path
    build_dir: Path
    key: str
    #: what the scene draws; None: whatever the rendering process has installed
    inputs: SceneInputs | None = field(default=None, compare=False, repr=False)

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


# -- one scene, in a worker process -------------------------------------------------------
@contextmanager
def _locked(key: str) -> Iterator[None]:
    """An exclusive lock across processes, one per ``key``, kept beside manim's media folder
    (not in the Tex folder: manim tidies that one file by file)."""
    name = hashlib.sha256(key.encode()).hexdigest()[:24]
    lock_path = Path(config.get_dir("media_dir")) / "locks" / f"{name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def serialize_shared_files() -> None:
    """Make manim's shared caches safe for scenes rendering in parallel processes.

    Two scenes may need the same formula or the same text at once. manim would compile a
    formula twice into the same files (one reading the other's half-written .dvi), and it
    loads every SVG through a temporary ``<name>_.svg`` beside it that it deletes afterwards
    (one process deleting the other's). Each formula and each SVG file gets its own lock, so
    different ones still proceed in parallel; cache hits take the lock only briefly.
    """
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject
    from manim.mobject.text.text_mobject import Text
    from manim.utils import tex_file_writing

    compile_tex = tex_file_writing.tex_to_svg_file
    if getattr(compile_tex, "serialized", False):
        return

    def tex_to_svg_file(expression: str, environment: str | None = None, tex_template=None):  # type: ignore[no-untyped-def]
        template = tex_template or config["tex_template"]
        with _locked(repr(("tex", expression, environment, template.body))):
            return compile_tex(expression, environment, tex_template)

    load_svg = SVGMobject.generate_mobject

    def generate_mobject(self: SVGMobject) -> SVGMobject:
        with _locked(repr(("svg", str(self.get_file_path())))):
            return load_svg(self)

    write_text_svg = Text._text2svg

    def _text2svg(self: Text, color):  # type: ignore[no-untyped-def]
        with _locked("pango text svg"):  # each file is written in place, then read back
            return write_text_svg(self, color)

    Text._text2svg = _text2svg  # type: ignore[method-assign]
    tex_to_svg_file.serialized = True  # type: ignore[attr-defined]
    tex_file_writing.tex_to_svg_file = tex_to_svg_file
    tex_mobject.tex_to_svg_file = tex_to_svg_file
    SVGMobject.generate_mobject = generate_mobject  # type: ignore[method-assign]


def tidy_latex(tex_dir: Path) -> None:
    """Delete LaTeX's by-products (.aux, .dvi, .log), keeping the cached .tex and .svg."""
    if tex_dir.is_dir():
        for path in tex_dir.iterdir():
            if path.is_file() and path.suffix not in (".svg", ".tex"):
                path.unlink(missing_ok=True)


def render_scene(job: SceneJob) -> SceneResult:
    """Render one scene to its video and last frame; never raises for a scene's own bug
    (KeyboardInterrupt passes: it stops the run)."""
    started = time.perf_counter()
    serialize_shared_files()
    if job.inputs is not None:
        context.install(job.inputs)
    job.video.parent.mkdir(parents=True, exist_ok=True)
    # Forget the previous render first: if this one stops half-way (its new frame in place,
    # its video not yet), the next run must not take the pair for a finished render.
    job.record.unlink(missing_ok=True)
    try:
        with tempconfig(
            {
                "quality": QUALITIES[job.quality],
                "media_dir": str(job.build_dir / "media"),
                "output_file": job.entry.slug,
                "disable_caching": True,
                "verbosity": "WARNING",
                "progress_bar": "none",
                # manim's tidy-up deletes every non-SVG file in the shared Tex folder, including
                # another worker's .dvi mid-compile; the run tidies once at the end instead
                "no_latex_cleanup": True,
            }
        ):
            scene = job.entry.load()(output_folder=job.build_dir / "slides")
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            frame = np.array(scene.renderer.get_frame())
        _save_png_atomic(frame, job.frame)
        _move_into_place(movie, job.video)
        seconds = time.perf_counter() - started
        _write_atomic(job.record, json.dumps({"key": job.key, "seconds": round(seconds, 2)}))
        return SceneResult(job.entry, seconds)
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


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.stem}.partial{target.suffix}")


def _save_png_atomic(frame: np.ndarray, target: Path) -> None:
    tmp = _temporary(target)
    try:
        Image.fromarray(frame[..., :3]).save(tmp, format="PNG")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_atomic(target: Path, text: str) -> None:
    tmp = _temporary(target)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _move_into_place(source: Path, target: Path) -> None:
    """Move a finished file to ``target`` in one step, also across file systems (the copy
    goes to a temporary name beside ``target`` first)."""
    try:
        os.replace(source, target)
        return
    except OSError:
        if source.stat().st_dev == target.parent.stat().st_dev:
            raise
    tmp = _temporary(target)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    source.unlink()


def remove_partial_files(out_dir: Path) -> list[Path]:
    """Delete temporary files a killed run left in ``out_dir`` (never a finished output)."""
    left = [p for p in out_dir.rglob(".*.partial*") if p.is_file()] if out_dir.is_dir() else []
    for path in left:
        path.unlink(missing_ok=True)
    return left


def _worker_init() -> None:
    logging.getLogger("manim-slides").setLevel(logging.WARNING)


# -- the whole lecture --------------------------------------------------------------------
def render_lecture(
    entries: list[SceneEntry],
    quality: str = "low",
    out: Path = ROOT / "output",
    *,
    jobs: int | None = None,
    force: bool = False,
    build: Path = ROOT / "build",
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
        _write_atomic(record, json.dumps({"key": joined_from}))
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
    with tempconfig({"quality": QUALITIES[quality]}):
        return f"{config.pixel_width}x{config.pixel_height}, {config.frame_rate:g} fps"
