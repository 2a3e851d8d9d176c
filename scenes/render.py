"""Render the lecture: one video per scene, the whole lecture with chapters, a contact sheet.

    python -m scenes render [--quality low|720p|1080p|4k] [--scenes 4-8] [--jobs N] [--out DIR]

Scenes render in parallel worker processes (one per core by default), heaviest first. A scene
whose inputs did not change -- its code and the project modules it imports, the lecture's
values, the quality, the manim version -- is not rendered again: its previous video is reused.
Outputs go to ``<out>/<quality>/``: ``scenes/NN_Name.mp4``, ``lecture.mp4`` (a chapter per
scene, streams copied) and ``contact_sheet.png``. Every file is written under a temporary
name and moved into place when complete, so a failed or interrupted run never replaces a
good file, and the next run picks up where it stopped.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
from manim import config, tempconfig
from PIL import Image

from scenes.lecture import SCENES, SceneEntry
from scenes.video import contact_sheet, join_videos

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("manim-slides").setLevel(logging.WARNING)
QUALITIES = {
    "low": "low_quality",  # 854x480, 15 fps
    "720p": "medium_quality",  # 1280x720, 30 fps
    "1080p": "high_quality",  # 1920x1080, 60 fps
    "4k": "fourk_quality",  # 3840x2160, 60 fps
}
PACKAGES = ("scenes", "mathcore")


@dataclass(frozen=True)
class SceneJob:
    entry: SceneEntry
    quality: str
    out_dir: Path
    build_dir: Path
    key: str

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


# -- what a scene's output depends on ----------------------------------------------------
def project_imports(module: str) -> set[str]:
    """The project modules ``module`` imports, transitively (itself included)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_path(name)
        if path is None:
            continue
        seen.add(name)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                todo.append(node.module)
                todo.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return seen


def _module_path(name: str) -> Path | None:
    if name.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def scene_source(entry: SceneEntry) -> str:
    """The scene's own module without the other scene classes in it: editing one scene's
    wording does not invalidate its neighbours, editing a shared helper does."""
    module = f"scenes.{entry.module}"
    source = _module_path(module).read_text(encoding="utf-8")  # type: ignore[union-attr]
    others = {e.name for e in SCENES if e.module == entry.module and e.name != entry.name}
    lines = source.splitlines(keepends=True)
    kept = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name in others:
            continue
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        kept.append("".join(lines[start - 1 : node.end_lineno]))
    return "\n".join(kept)


def scene_key(entry: SceneEntry, quality: str, values_digest: str) -> str:
    """A digest of everything the scene's video depends on: its own code, the project
    modules it imports, the lecture's values, the quality and the library versions."""
    digest = hashlib.sha256(scene_source(entry).encode())
    module = f"scenes.{entry.module}"
    for name in sorted(project_imports(module) - {module}):
        digest.update(name.encode())
        digest.update(_module_path(name).read_bytes())  # type: ignore[union-attr]
    for part in (
        entry.name,
        quality,
        values_digest,
        metadata.version("manim"),
        metadata.version("manim-slides"),
    ):
        digest.update(part.encode())
    return digest.hexdigest()


def values_digest() -> str:
    """A digest of the lecture's values and talk details, as the scenes will draw them."""
    from scenes import context

    values = context.lecture()
    payload = {
        "values": values.to_json(),
        "terms": [[t.term, t.real] for t in values.balderdash.quiz],
        "more": list(values.balderdash.more_generated),
        "talk": context.talk().__dict__,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# -- one scene, in a worker process -------------------------------------------------------
def serialize_latex() -> None:
    """Let one process at a time compile LaTeX into the shared cache (build/<q>/media/Tex).

    Scenes rendering in parallel may need the same formula; manim would then compile it twice
    into the same files at once, and one reads the other's half-written .dvi. Cache hits take
    the lock only briefly.
    """
    from manim.mobject.text import tex_mobject
    from manim.utils import tex_file_writing

    original = tex_file_writing.tex_to_svg_file
    if getattr(original, "serialized", False):
        return

    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        lock_path = Path(config.get_dir("tex_dir")) / ".compile.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return original(*args, **kwargs)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    locked.serialized = True  # type: ignore[attr-defined]
    tex_file_writing.tex_to_svg_file = locked
    tex_mobject.tex_to_svg_file = locked


def render_scene(job: SceneJob) -> SceneResult:
    """Render one scene to its video and last frame; never raises for a scene's own bug."""
    started = time.perf_counter()
    serialize_latex()
    job.video.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempconfig(
            {
                "quality": QUALITIES[job.quality],
                "media_dir": str(job.build_dir / "media"),
                "output_file": job.entry.slug,
                "disable_caching": True,
                "verbosity": "WARNING",
                "progress_bar": "none",
            }
        ):
            scene = job.entry.load()(output_folder=job.build_dir / "slides")
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            frame = np.array(scene.renderer.get_frame())
        _save_png_atomic(frame, job.frame)
        os.replace(movie, job.video)
        seconds = time.perf_counter() - started
        _write_atomic(job.record, json.dumps({"key": job.key, "seconds": round(seconds, 2)}))
        return SceneResult(job.entry, seconds)
    except Exception as err:  # one failing scene must not stop the others
        detail = "".join(traceback.format_exception_only(type(err), err)).strip()
        return SceneResult(job.entry, time.perf_counter() - started, error=detail)


def _save_png_atomic(frame: np.ndarray, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.partial")
    Image.fromarray(frame[..., :3]).save(tmp, format="PNG")
    os.replace(tmp, target)


def _write_atomic(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.partial")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


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
    digest = values_digest()
    all_jobs = [
        SceneJob(e, quality, out_dir, build_dir, scene_key(e, quality, digest)) for e in entries
    ]
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
    for result in _run(todo, workers):
        results[result.entry.number] = result
    ordered = [results[e.number] for e in entries]
    return _finish(all_jobs, ordered, out_dir, started)


def _run(todo: list[SceneJob], workers: int):
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
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
        pending: dict[Future, SceneJob] = {pool.submit(render_scene, job): job for job in todo}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                try:
                    result = future.result()
                except Exception as err:  # the worker process itself died
                    result = SceneResult(job.entry, 0.0, error=f"worker crashed: {err!r}")
                done += 1
                _progress(done, len(todo), result, width)
                yield result


def _progress(done: int, total: int, result: SceneResult, width: int) -> None:
    status = f"{result.seconds:6.1f} s" if result.error is None else "FAILED"
    print(f"  [{done:2d}/{total}] {result.entry.slug:<{width}s} {status}", flush=True)


def _finish(jobs: list[SceneJob], results: list[SceneResult], out_dir: Path, started: float) -> int:
    ok = [(job, r) for job, r in zip(jobs, results, strict=True) if r.error is None]
    failed = [r for r in results if r.error is not None]
    if ok:
        sheet = out_dir / "contact_sheet.png"
        frames = [
            (np.asarray(Image.open(job.frame)), f"{job.entry.number}. {job.entry.title}")
            for job, _ in ok
        ]
        contact_sheet(frames, sheet)
        print(f"Contact sheet: {sheet}")
    if ok and not failed and len(jobs) > 1:
        lecture = out_dir / "lecture.mp4"
        chapters = join_videos(
            [(job.video, f"{job.entry.number}. {job.entry.title}") for job, _ in ok], lecture
        )
        minutes = chapters[-1]["end"] / 60000
        print(f"Lecture video: {lecture} ({len(chapters)} chapters, {minutes:.1f} min)")
    print(f"Scene videos: {out_dir / 'scenes'}")
    rendered = sum(1 for _, r in ok if not r.reused)
    print(
        f"Done in {time.perf_counter() - started:.1f} s: {rendered} rendered, "
        f"{len(ok) - rendered} reused, {len(failed)} failed."
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
