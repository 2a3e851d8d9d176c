"""Live progress of a run, and the record of what it did (:mod:`pipeline.summary`).

A :class:`Reporter` shows a run one of three ways, chosen once (``mode``):

- ``live`` (stdout is a terminal): a display drawn by rich -- an overall bar with the scenes
  done and an ETA, a bar per scene rendering (frames written of frames expected), a spinner
  per build step (checks, contact sheet, joining, HTML, handout);
- ``plain`` (stdout is a file or a pipe: CI, logs): one line per scene start and finish, and
  a line at least every :data:`HEARTBEAT` seconds while a scene or a step is still running;
- ``quiet``: nothing on stdout; errors still go to stderr.

The expected frames and seconds of a scene come from its last render's record
(``<out>/<quality>/scenes/NN_Name.json``; from another quality's record, scaled, if this
quality never rendered it): :func:`plan_for`. :class:`Tracker` turns them and the frames
reported so far into the overall fraction and an ETA (the scenes left, scheduled on the
workers heaviest first, at the speed this run has shown so far).

The scenes render in worker processes: :func:`event_channel` gives each a ``send`` function
(a ``multiprocessing`` Manager queue, drained by a thread of the parent), and
:class:`SceneWatcher` -- ``pipeline.jobs.render_scene``'s ``watch`` -- counts the frames and
animations manim writes and sends them, a few times a second.

This module imports no manim, so the command can show its first spinner at once.
"""

from __future__ import annotations

import functools
import heapq
import io
import json
import multiprocessing
import queue
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TextIO, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from pipeline.summary import RUN_FILE, RunSummary, Step, now_iso, write_summary

if TYPE_CHECKING:
    from manim import Scene

    from pipeline.jobs import SceneJob, SceneResult

Mode = Literal["auto", "live", "plain", "quiet"]
Event = tuple[
    Any, ...
]  # ("start", slug) | ("progress", slug, frames, animations) | ("phase", slug, text)
HEARTBEAT = 10.0  # seconds between two lines about a running scene or step (plain mode)
TICK = 0.2  # seconds between two updates of the live display's figures
GUESS_SECONDS = 10.0  # a scene never rendered anywhere, at 480p15
P = ParamSpec("P")
R = TypeVar("R")


# -- what to expect of a scene ---------------------------------------------------------------
@dataclass(frozen=True)
class ScenePlan:
    """A scene to render: expected ``seconds`` and ``frames`` (None: unknown), and what
    they are based on: ``record`` (its last render at this quality), ``<quality> render``
    (its last render at another quality, scaled), ``other scenes`` (the median of this
    run's scenes that have a record) or ``guess``."""

    slug: str
    seconds: float
    frames: int | None = None
    basis: str = "guess"

    @property
    def learned(self) -> bool:
        """Based on a render of this scene."""
        return self.basis not in ("guess", "other scenes")


def plan_for(job: SceneJob) -> ScenePlan:
    """What to expect of ``job``: its last render at this quality; else its last render at
    another quality, scaled by frame rate (frames) and pixels per second (seconds); else a
    guess."""
    slug = job.entry.slug
    record = job.previous()
    if "seconds" in record:
        return ScenePlan(slug, float(record["seconds"]), record.get("frames"), "record")
    size, rate = _quality_cost(job.quality)
    for other in sorted(_other_records(job)):
        other_size, other_rate = _quality_cost(other.parent.parent.name)
        record = _read_json(other)
        if "seconds" in record:
            seconds = float(record["seconds"]) * (size * rate) / (other_size * other_rate)
            frames = record.get("frames")
            scaled = None if frames is None else round(frames * rate / other_rate)
            return ScenePlan(slug, seconds, scaled, f"{other.parent.parent.name} render")
    return ScenePlan(slug, GUESS_SECONDS * size * rate / (854 * 480 * 15))


def _other_records(job: SceneJob) -> list[Path]:
    from mathcore.config import QUALITIES

    folder = job.out_dir.parent
    paths = [folder / q / "scenes" / job.record.name for q in QUALITIES if q != job.quality]
    return [p for p in paths if p.is_file()]


def _quality_cost(quality: str) -> tuple[int, int]:
    """(pixels per frame, frames per second) of one of our qualities."""
    from manim.constants import QUALITIES as MANIM_QUALITIES

    from mathcore.config import QUALITIES

    ours = QUALITIES[quality]
    q = MANIM_QUALITIES[ours.manim]
    return q["pixel_width"] * q["pixel_height"], ours.frame_rate or q["frame_rate"]


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def with_guesses_filled(plans: list[ScenePlan]) -> list[ScenePlan]:
    """Plain guesses replaced by the median of the learned plans of this run, when any."""
    learned = [p.seconds for p in plans if p.learned]
    if not learned:
        return plans
    typical = statistics.median(learned)
    return [p if p.learned else ScenePlan(p.slug, typical, None, "other scenes") for p in plans]


# -- where the run is, and how long is left --------------------------------------------------
@dataclass
class Running:
    """A scene being rendered now: what was expected, what was reported."""

    plan: ScenePlan
    started: float
    frames: int = 0
    animations: int = 0
    phase: str = ""

    def fraction(self) -> float | None:
        """Frames written of frames expected (None: no expectation)."""
        if not self.plan.frames:
            return None
        return min(1.0, self.frames / self.plan.frames)


@dataclass
class Tracker:
    """The scenes of a run (in the order they will start), those running and finished."""

    plans: list[ScenePlan]
    workers: int
    running: dict[str, Running] = field(default_factory=dict)
    finished: dict[str, float] = field(default_factory=dict)  # slug -> seconds it took
    failed: set[str] = field(default_factory=set)

    def plan(self, slug: str) -> ScenePlan:
        return next((p for p in self.plans if p.slug == slug), ScenePlan(slug, GUESS_SECONDS))

    def start(self, slug: str, now: float) -> None:
        if slug not in self.finished:
            self.running[slug] = Running(self.plan(slug), now)

    def progress(self, slug: str, frames: int, animations: int) -> None:
        run = self.running.get(slug)
        if run is not None:
            run.frames, run.animations = frames, animations

    def phase(self, slug: str, text: str) -> None:
        run = self.running.get(slug)
        if run is not None:
            run.phase = text

    def finish(self, slug: str, seconds: float, *, failed: bool = False) -> None:
        self.running.pop(slug, None)
        self.finished[slug] = seconds
        if failed:
            self.failed.add(slug)

    def speed(self) -> float:
        """Seconds this run takes per second expected, from the scenes finished (1 before)."""
        done = [
            (seconds, self.plan(slug).seconds)
            for slug, seconds in self.finished.items()
            if slug not in self.failed and seconds > 0
        ]
        actual, expected = sum(s for s, _ in done), sum(e for _, e in done)
        return 1.0 if expected <= 0 else min(5.0, max(0.2, actual / expected))

    def remaining(self, run: Running, now: float, speed: float) -> float:
        """Seconds ``run`` still needs: by its frames when they are known (trusting what it
        has shown more as it goes), else by the time expected."""
        expected = run.plan.seconds * speed
        elapsed = now - run.started
        fraction = run.fraction()
        if fraction is None or fraction <= 0.0:
            return max(expected - elapsed, 0.1 * expected)
        by_plan = expected * (1.0 - fraction)
        by_pace = elapsed * (1.0 - fraction) / fraction
        return max(0.0, (1.0 - fraction) * by_plan + fraction * by_pace)

    def queued(self) -> list[ScenePlan]:
        return [p for p in self.plans if p.slug not in self.running and p.slug not in self.finished]

    def eta(self, now: float) -> float:
        """Seconds until the last scene is done."""
        speed = self.speed()
        running = [self.remaining(run, now, speed) for run in self.running.values()]
        return makespan(running, [p.seconds * speed for p in self.queued()], self.workers)

    def knows_eta(self) -> bool:
        """Whether an ETA means anything: a scene was rendered before, or one has finished."""
        return any(p.learned for p in self.plans) or bool(set(self.finished) - self.failed)

    def eta_text(self, now: float) -> str:
        return f"ETA {clock(self.eta(now))}" if self.knows_eta() else "ETA ?"

    def total(self) -> float:
        return sum(p.seconds for p in self.plans) or 1.0

    def done(self, now: float) -> float:
        """Expected seconds of work done: finished scenes whole, running ones in part."""
        whole = sum(self.plan(slug).seconds for slug in self.finished)
        part = 0.0
        for run in self.running.values():
            fraction = run.fraction()
            if fraction is None:
                fraction = min(0.9, (now - run.started) / max(run.plan.seconds, 0.1))
            part += run.plan.seconds * fraction
        return whole + part


def makespan(running: list[float], queued: list[float], workers: int) -> float:
    """When the last job ends: ``running`` jobs' remaining seconds occupy workers, ``queued``
    jobs start in order on the first worker free."""
    slots = list(running) + [0.0] * max(0, workers - len(running))
    if not slots:
        slots = [0.0]
    heapq.heapify(slots)
    for seconds in queued:
        heapq.heappush(slots, heapq.heappop(slots) + seconds)
    return max(slots)


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``)."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# -- the worker's side -----------------------------------------------------------------------
class SceneWatcher:
    """Given to ``render_scene`` as ``watch``: called with the scene before it renders, it
    counts the frames and animations manim writes (wrapping this scene's renderer's
    ``add_frame``, ``play`` and ``scene_finished``) and sends them through ``send`` at most
    every ``interval`` seconds. Picklable while unused, so it travels to a worker with the
    job. Reporting never fails a render: a broken channel just stops the reports."""

    def __init__(self, slug: str, send: Callable[[Event], object], interval: float = 0.1):
        self.slug = slug
        self.send = send
        self.interval = interval
        self.frames = 0
        self.animations = 0
        self._last = 0.0
        self._broken = False

    def __call__(self, scene: Scene) -> None:
        renderer = scene.renderer
        add_frame, play, finished = renderer.add_frame, renderer.play, renderer.scene_finished

        def counted_frames(frame: Any, num_frames: int = 1) -> None:
            add_frame(frame, num_frames)
            if not renderer.skip_animations:
                self.frames += num_frames
                self._report()

        def counted_play(*args: Any, **kwargs: Any) -> None:
            play(*args, **kwargs)
            self.animations += 1
            self._report()

        def finishing(*args: Any, **kwargs: Any) -> None:
            self._report(force=True)
            self._send(("phase", self.slug, "writing its video and slides"))
            finished(*args, **kwargs)

        renderer.add_frame, renderer.play = counted_frames, counted_play
        renderer.scene_finished = finishing
        self._send(("start", self.slug))

    def _report(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= self.interval:
            self._last = now
            self._send(("progress", self.slug, self.frames, self.animations))

    def _send(self, event: Event) -> None:
        if self._broken:
            return
        try:
            self.send(event)
        except Exception:  # the parent went away: render on, unreported
            self._broken = True


@contextmanager
def event_channel(report: Reporter, processes: bool) -> Iterator[Callable[[Event], object]]:
    """The ``send`` function for :class:`SceneWatcher`: in this process, the reporter itself;
    for worker processes, a Manager queue's ``put`` (it survives a worker that dies), read
    by a thread that passes the events to ``report``."""
    if not processes:
        yield report.event
        return
    manager = multiprocessing.get_context("spawn").Manager()
    events = manager.Queue()
    stop = threading.Event()

    def drain() -> None:
        while not stop.is_set():
            try:
                report.event(events.get(timeout=TICK))
            except queue.Empty:
                continue
            except (EOFError, OSError):  # the manager is gone
                return

    reader = threading.Thread(target=drain, name="progress-events", daemon=True)
    reader.start()
    try:
        yield events.put
    finally:
        stop.set()
        reader.join(timeout=2 * TICK + 1)
        manager.shutdown()


# -- the parent's side -----------------------------------------------------------------------
def choose_mode(mode: Mode, console: Console) -> Mode:
    """``auto``: ``live`` on a terminal that can redraw, else ``plain``."""
    if mode != "auto":
        return mode
    return "live" if console.is_terminal and not console.is_dumb_terminal else "plain"


class Reporter:
    """Shows a run as it goes and keeps its summary (:attr:`summary`). A context manager;
    entering it again (a verb calling ``render_lecture``) keeps the one display."""

    def __init__(
        self,
        mode: Mode = "auto",
        *,
        verbose: bool = False,
        verb: str = "render",
        summary_json: Path | None = None,
        chart: Path | None = None,
        console: Console | None = None,
    ) -> None:
        self.console = console or Console()
        self.mode: Mode = choose_mode(mode, self.console)
        self.verbose = verbose
        self.summary_json = summary_json
        self.chart = chart
        self.summary = RunSummary(verb=verb)
        self.tracker: Tracker | None = None
        self._started = time.monotonic()
        self._depth = 0
        self._lock = threading.RLock()
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._steps: dict[str, float] = {}  # running step -> when it started
        self._last_line: dict[str, float] = {}
        self._stderr: TextIO | None = None  # the real stderr, while a held one stands in
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._width = 0
        self._done = 0

    # the display's life
    def __enter__(self) -> Reporter:
        with self._lock:
            self._depth += 1
            if self._depth == 1:
                self._open()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth > 0:
                return
        self._close()

    def _open(self) -> None:
        self._stop.clear()
        if self.mode == "live":
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(bar_width=32),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[eta]}"),
                console=self.console,
                transient=True,
                refresh_per_second=10,
                redirect_stderr=False,
            )
            self._stderr, sys.stderr = sys.stderr, HeldStream()
            self._progress.start()
        if self.mode != "quiet":
            self._ticker = threading.Thread(target=self._tick, name="progress-tick", daemon=True)
            self._ticker.start()

    def _close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None
                self._tasks.clear()
            if self._stderr is not None:
                held, sys.stderr, self._stderr = sys.stderr, self._stderr, None
                if isinstance(held, HeldStream):
                    sys.stderr.write(held.text())
                    sys.stderr.flush()

    # messages
    def info(self, text: str) -> None:
        """A line for the user (not in quiet mode)."""
        with self._lock:
            if self.mode == "quiet":
                return
            if self._progress is not None:
                self._progress.console.print(Text(text), soft_wrap=True)
            else:
                print(text, flush=True)

    def detail(self, text: str) -> None:
        """A line shown with ``--verbose`` only."""
        if self.verbose:
            self.info(text)

    def error(self, text: str) -> None:
        """A line for stderr, in every mode (held back while the live display draws)."""
        print(text, file=sys.stderr, flush=True)

    # the scenes
    def begin_scenes(self, plans: list[ScenePlan], workers: int) -> None:
        """The scenes to render, in the order they start, on ``workers`` processes."""
        with self._lock:
            self.tracker = Tracker(with_guesses_filled(plans), workers)
            self.summary.workers = workers
            self._width = max((len(p.slug) for p in plans), default=0)
            self._done = 0
            if self._progress is not None and plans:
                self._tasks["lecture"] = self._progress.add_task(
                    "[bold]scenes", total=self.tracker.total(), detail="", eta=""
                )
            for plan in plans:
                self.detail(f"  {plan.slug}: expect {_expectation(plan)}")

    def event(self, message: Event) -> None:
        """A report from a :class:`SceneWatcher` (any thread)."""
        kind, slug, *rest = message
        now = time.monotonic()
        with self._lock:
            if self.tracker is None:
                return
            if kind == "start":
                self.tracker.start(slug, now)
                self._scene_started(slug, now)
            elif kind == "progress":
                self.tracker.progress(slug, *rest)
            elif kind == "phase":
                self.tracker.phase(slug, *rest)

    def _scene_started(self, slug: str, now: float) -> None:
        run = self.tracker.running.get(slug) if self.tracker else None
        if run is None:
            return
        self._last_line[slug] = now
        if self._progress is not None:
            if slug in self._tasks:
                self._progress.remove_task(self._tasks.pop(slug))
            self._tasks[slug] = self._progress.add_task(
                f"  {slug:<{self._width}s}", total=run.plan.frames, detail=_frames_text(run), eta=""
            )
        elif self.mode == "plain":
            self.info(f"  started  {slug:<{self._width}s} ({_expectation(run.plan)})")

    def scene_finished(self, result: SceneResult) -> None:
        """A scene is done (rendered or failed)."""
        slug = result.entry.slug
        with self._lock:
            self._done += 1
            total = len(self.tracker.plans) if self.tracker else self._done
            run = self.tracker.running.get(slug) if self.tracker else None
            if self.tracker is not None:
                self.tracker.finish(slug, result.seconds, failed=result.error is not None)
            if self._progress is not None and slug in self._tasks:
                self._progress.remove_task(self._tasks.pop(slug))
            count = result.frames or (run.frames if run is not None else 0)
            frames = f", {count} frames" if count else ""
            status = "FAILED" if result.error else f"{result.seconds:6.1f} s{frames}"
            mark = "" if self._progress is None else ("✗ " if result.error else "✓ ")
            self.info(f"  {mark}[{self._done:2d}/{total}] {slug:<{self._width}s} {status}")

    def end_scenes(self) -> None:
        with self._lock:
            if self._progress is not None and "lecture" in self._tasks:
                self._progress.remove_task(self._tasks.pop("lecture"))

    # build steps
    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """A build step (checking, joining, writing the HTML ...): a spinner while it runs,
        its time in the summary."""
        started = time.monotonic()
        with self._lock:
            self._steps[name] = started
            self._last_line[name] = started
            if self._progress is not None:
                self._tasks[name] = self._progress.add_task(name, total=None, detail="", eta="")
            elif self.verbose:
                self.info(f"  {name} ...")
        try:
            yield
        finally:
            seconds = time.monotonic() - started
            with self._lock:
                self._steps.pop(name, None)
                if self._progress is not None and name in self._tasks:
                    self._progress.remove_task(self._tasks.pop(name))
                self.summary.steps.append(Step(name, round(seconds, 2)))
            self.detail(f"  {name}: {seconds:.1f} s")

    def output(self, label: str, path: Path, note: str = "", *, written: bool = True) -> None:
        """Name a file the run made (or found up to date: ``written=False``)."""
        self.summary.add_output(label.lower(), path, written=written)
        self.info(f"{label}: {path}" + (f" ({note})" if note else ""))

    # the summary
    def save(self, out_dir: Path, code: int) -> int:
        """Finish the summary with ``code``; write ``run.json`` into ``out_dir`` and the
        ``--summary-json`` and ``--chart`` files. Return ``code``, or 1 if one of those
        could not be written (the error is named)."""
        summary = self.summary
        summary.out_dir = str(out_dir.resolve())
        summary.finished_at = now_iso()
        summary.seconds = round(time.monotonic() - self._started, 2)
        summary.exit_code = code
        targets = [out_dir / RUN_FILE] + ([self.summary_json] if self.summary_json else [])
        problems = []
        for target in targets:
            try:
                write_summary(summary, target)
            except OSError as err:
                problems.append(f"run summary not written to {target}: {err}")
        if self.chart is not None:
            from pipeline.chart import draw_run_chart

            try:
                draw_run_chart(summary, self.chart)
            except OSError as err:
                problems.append(f"chart not written to {self.chart}: {err}")
        for problem in problems:
            self.error(f"error: {problem}")
        return 1 if problems and code == 0 else code

    # the clock
    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                now = time.monotonic()
                if self._progress is not None:
                    self._refresh(now)
                elif self.mode == "plain":
                    self._heartbeat(now)

    def _refresh(self, now: float) -> None:
        """Update the live display's figures (rich redraws on its own)."""
        assert self._progress is not None
        tracker = self.tracker
        if tracker is None:
            return
        speed = tracker.speed()
        for slug, run in tracker.running.items():
            task = self._tasks.get(slug)
            if task is None:
                continue
            total = max(run.plan.frames, run.frames) if run.plan.frames else None
            left = tracker.remaining(run, now, speed)
            self._progress.update(
                task,
                total=total,
                completed=run.frames,
                detail=run.phase or _frames_text(run),
                eta=f"~{clock(left)} left" if tracker.knows_eta() else "",
            )
        if "lecture" in self._tasks:
            self._progress.update(
                self._tasks["lecture"],
                completed=tracker.done(now),
                detail=f"{len(tracker.finished)}/{len(tracker.plans)} done, "
                f"{len(tracker.running)} rendering"
                if tracker.running or tracker.finished
                else "starting the workers",
                eta=tracker.eta_text(now),
            )

    def _heartbeat(self, now: float) -> None:
        """Plain mode: a line for each scene or step that has been quiet for a while."""
        tracker = self.tracker
        if tracker is not None:
            for slug, run in tracker.running.items():
                if now - self._last_line.get(slug, run.started) >= HEARTBEAT:
                    self._last_line[slug] = now
                    share = 100 * tracker.done(now) / tracker.total()
                    self.info(
                        f"  ...      {slug:<{self._width}s} {run.phase or _frames_text(run)}, "
                        f"{now - run.started:.0f} s; all scenes {share:.0f}% done, "
                        f"{tracker.eta_text(now)}"
                    )
        for name, started in self._steps.items():
            if now - self._last_line.get(name, started) >= HEARTBEAT:
                self._last_line[name] = now
                self.info(f"  ...      {name}: {now - started:.0f} s")


class HeldStream(io.StringIO):
    """Stands in for ``sys.stderr`` while the live display draws: what is written there
    (errors, warnings) goes to the real stderr when the display stops, whole, instead of
    tearing the display or landing on stdout."""

    def text(self) -> str:
        return self.getvalue()


def _frames_text(run: Running) -> str:
    """What a running scene has done: frames of frames expected, or frames and animations."""
    if run.frames == 0 and run.animations == 0:
        return "setting up (LaTeX, text)"
    if run.plan.frames:
        return f"{run.frames}/{run.plan.frames} frames"
    return f"{run.frames} frames, {run.animations} animations done"


def _expectation(plan: ScenePlan) -> str:
    """Where the scene's expected time comes from, in words."""
    frames = f", {plan.frames} frames" if plan.frames else ""
    if plan.basis == "record":
        return f"last render {plan.seconds:.1f} s{frames}"
    if plan.basis.endswith(" render"):
        return (
            f"first render at this quality; about {plan.seconds:.0f} s{frames} by its {plan.basis}"
        )
    return "first render"


def with_reporter(func: Callable[P, R]) -> Callable[P, R]:
    """Give ``func`` a ``report`` keyword: the caller's :class:`Reporter`, or a new one
    (``auto`` mode), entered for the call."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        report = kwargs.get("report") or Reporter()
        kwargs["report"] = report
        with report:
            return func(*args, **kwargs)

    return wrapper
