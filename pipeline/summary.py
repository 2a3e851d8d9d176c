"""The run summary a machine can read: ``<out>/<quality>/run.json`` (and ``--summary-json``).

One JSON object per run of ``lecture render`` or ``lecture slides``::

    {"verb": "render", "quality": "low", "out_dir": "/abs/output/low",
     "started_at": "2025-03-03T09:00:00+01:00", "finished_at": "...", "seconds": 12.3,
     "workers": 2, "exit_code": 0,
     "counts": {"rendered": 1, "reused": 19, "failed": 0, "not rendered": 0},
     "scenes": [{"number": 8, "name": "GradientDescent", "slug": "08_GradientDescent",
                 "title": "Gradient descent", "status": "rendered", "seconds": 12.1,
                 "render_seconds": 12.1, "frames": 450, "error": null,
                 "outputs": ["/abs/output/low/scenes/08_GradientDescent.mp4", ...]}, ...],
     "outputs": [{"what": "lecture video", "path": "/abs/output/low/lecture.mp4",
                  "written": true}, ...],
     "steps": [{"name": "contact sheet", "seconds": 0.4}, ...]}

A scene's ``status`` is ``rendered``, ``reused`` (unchanged since its last render: nothing
was drawn), ``failed`` (``error`` says why) or ``not rendered`` (the run was stopped first).
``seconds`` is the time this run spent on it; ``render_seconds`` the time its current video
took to render (this run's, or the earlier run's for a reused scene). An output's ``written``
is false when the file was already up to date. The exit code of the command stays the one
source of success; ``exit_code`` records it. The file is written atomically.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mathcore.files import write_text_atomic

if TYPE_CHECKING:
    from pipeline.jobs import SceneJob, SceneResult

RUN_FILE = "run.json"  # in <out>/<quality>/
STATUSES = ("rendered", "reused", "failed", "not rendered")


@dataclass
class SceneRun:
    """One scene's line in the summary."""

    number: int
    name: str
    slug: str
    title: str
    status: str
    seconds: float
    render_seconds: float | None
    frames: int | None
    error: str | None = None
    outputs: list[str] = field(default_factory=list)


@dataclass
class Output:
    """A file of the whole run (lecture video, contact sheet, HTML deck, handout ...)."""

    what: str
    path: str
    written: bool = True


@dataclass
class Step:
    """A build step after the scenes (joining, contact sheet, HTML, handout) and its time."""

    name: str
    seconds: float


@dataclass
class RunSummary:
    """What one run did; filled while it works, written by :func:`write_summary`."""

    verb: str = "render"
    quality: str = ""
    out_dir: str = ""
    started_at: str = field(default_factory=lambda: now_iso())
    finished_at: str | None = None
    seconds: float = 0.0
    workers: int = 0
    exit_code: int | None = None
    scenes: list[SceneRun] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many scenes ended in each status."""
        return {status: sum(1 for s in self.scenes if s.status == status) for status in STATUSES}

    def add_output(self, what: str, path: Path, *, written: bool = True) -> None:
        """Record a file of the run (a later record of the same path replaces the earlier)."""
        text = str(path.resolve())
        self.outputs = [o for o in self.outputs if o.path != text]
        self.outputs.append(Output(what, text, written))

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["counts"] = self.counts()
        return data


def now_iso() -> str:
    """The local time with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def scene_runs(
    jobs: Sequence[SceneJob], results: Mapping[int, SceneResult], rendered: set[int]
) -> list[SceneRun]:
    """The summary lines of ``jobs``: ``results`` by scene number, ``rendered`` the numbers of
    the scenes this run rendered (or tried to); a scene of neither reused its video only if
    that video is current."""
    return [
        _scene_run(job, results.get(job.entry.number), job.entry.number in rendered) for job in jobs
    ]


def _scene_run(job: SceneJob, result: SceneResult | None, tried: bool) -> SceneRun:
    entry = job.entry
    previous = job.previous()
    if result is not None and result.error is not None:
        status, seconds, render_seconds = "failed", result.seconds, None
    elif tried and result is not None:
        status, seconds, render_seconds = "rendered", result.seconds, result.seconds
    elif not tried and job.is_current():
        status, seconds, render_seconds = "reused", 0.0, previous.get("seconds")
    else:
        status, seconds, render_seconds = "not rendered", 0.0, None
    outputs = [job.video, job.frame, job.record] if status in ("rendered", "reused") else []
    return SceneRun(
        number=entry.number,
        name=entry.name,
        slug=entry.slug,
        title=entry.title,
        status=status,
        seconds=round(seconds, 2),
        render_seconds=None if render_seconds is None else round(render_seconds, 2),
        frames=previous.get("frames") if status in ("rendered", "reused") else None,
        error=None if result is None else result.error,
        outputs=[str(p.resolve()) for p in outputs if p.is_file()],
    )


def write_summary(summary: RunSummary, target: Path) -> None:
    """Write the summary as indented JSON, all at once or not at all."""
    write_text_atomic(target, json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n")


def read_summary(source: Path) -> RunSummary:
    """Read a summary written by :func:`write_summary` (for the chart and for tests)."""
    data = json.loads(source.read_text(encoding="utf-8"))
    data.pop("counts", None)
    return RunSummary(
        **{
            **data,
            "scenes": [SceneRun(**s) for s in data.get("scenes", [])],
            "outputs": [Output(**o) for o in data.get("outputs", [])],
            "steps": [Step(**s) for s in data.get("steps", [])],
        }
    )
