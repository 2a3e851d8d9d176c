"""The options the verbs share, declared once, and the checks every rendering verb makes
before anything is drawn (settings file, scene selection, data, system)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mathcore.config import DEFAULT_CONFIG, QUALITIES, THEMES, LectureConfig, load_config
from mathcore.errors import LectureInputError
from pipeline.paths import BUILD, OUTPUT
from pipeline.speech.engines import VOICE_NAMES

if TYPE_CHECKING:
    from distributed import Client

    from pipeline.progress import Reporter
    from scenes.lecture import SceneEntry

CONFIG_HELP = (
    "a lecture settings file (TOML): title slide, data files, learning rates, steps, scenes, "
    "theme, quality; keys it leaves out keep the shipped values of assets/lecture.toml"
)
USAGE_ERROR = 2  # the exit code of bad input: nothing was rendered or written


def add_lecture_options(parser: argparse.ArgumentParser) -> None:
    """--config, --quality, --theme, --scenes, --out: which lecture, drawn how, put where."""
    parser.add_argument("--config", "-c", type=Path, default=None, help=CONFIG_HELP)
    parser.add_argument(
        "--quality",
        "-q",
        default=None,
        choices=list(QUALITIES),
        help="; ".join(f"{q.name} = {q.label}" for q in QUALITIES.values())
        + " (default: the settings file's [render] quality; for the slides, its "
        "[render] slides_quality)",
    )
    parser.add_argument(
        "--theme",
        default=None,
        choices=THEMES,
        help="dark for projectors, light for print (default: the settings file's)",
    )
    parser.add_argument(
        "--voice",
        default=None,
        choices=VOICE_NAMES,
        help="who narrates: auto = Piper's neural voice joe if installed, else espeak-ng; "
        "joe; espeak; none = the silent lecture (default: the settings file's [narration] "
        "voice)",
    )
    parser.add_argument(
        "--scenes",
        "-s",
        default=None,
        help="which scenes: numbers, ranges or names, e.g. '8' or '4-8,19' (default: all)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help=f"output folder (default: {OUTPUT.name}/)"
    )


def add_render_options(parser: argparse.ArgumentParser) -> None:
    """--jobs, --force, --build-dir, --cluster: how and where scenes are rendered."""
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="scenes rendered at once (default: one per core)",
    )
    parser.add_argument(
        "--force", action="store_true", help="render every scene, even those that did not change"
    )
    parser.add_argument(
        "--build-dir",
        type=Path,
        default=None,
        help=f"working folder for manim's media and LaTeX cache (default: {BUILD.name}/)",
    )
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        default=None,
        help="render the scenes on the workers of the Dask scheduler at ADDRESS, e.g. "
        "tcp://render-1:8786; outputs come back here (default: the settings file's "
        "[render] cluster; none: this machine)",
    )


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """--quiet, --verbose, --summary-json, --chart: what a run shows and leaves behind."""
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--quiet", action="store_true", help="print nothing but errors")
    shown.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also say what each scene is expected to take (from its last render) and how "
        "long each build step took",
    )
    parser.add_argument(
        "--summary-json",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write the run summary (each scene's status, time, frames and files; the "
        "outputs; start and end) to FILE; it is always written to <out>/<quality>/run.json",
    )
    parser.add_argument(
        "--chart",
        type=Path,
        default=None,
        metavar="FILE.png",
        help="draw where the time went, a bar per scene, into a PNG",
    )


def reporter(args: argparse.Namespace, verb: str) -> Reporter:
    """The progress display and run summary the report options ask for: a live display on
    a terminal, plain lines in a log, nothing but errors with --quiet."""
    from pipeline.progress import Reporter

    return Reporter(
        "quiet" if args.quiet else "auto",
        verbose=args.verbose,
        verb=verb,
        summary_json=args.summary_json,
        chart=args.chart,
    )


def select(spec: str | None) -> list[SceneEntry]:
    """The scenes ``spec`` names (:func:`scenes.lecture.select`, imported only here: it
    loads manim, and ``lecture --help`` or the first spinner should not wait for that)."""
    from scenes.lecture import select as select_scenes

    return select_scenes(spec)


def selection_problem(spec: str, entries: list[SceneEntry]) -> str | None:
    """What is wrong with a scene selection that names no scene, or a range written from
    high to low (``8-4``: nothing, where ``4-8`` was meant), or None."""
    for part in (p.strip() for p in spec.split(",")):
        low, dash, high = part.partition("-")
        if dash and low.strip().isdigit() and high.strip().isdigit() and int(low) > int(high):
            return (
                f"'{part}' runs from high to low, so it selects no scene. "
                f"Fix: write {int(high)}-{int(low)}"
            )
    if not entries:
        return f"{spec!r} selects no scene. Fix: give scene numbers, ranges or names, e.g. 4-8,19"
    return None


@dataclass(frozen=True)
class Lecture:
    """What a rendering verb works on, after every check passed."""

    config: LectureConfig
    entries: list[SceneEntry]
    quality: str
    out: Path
    build: Path


def prepare(
    args: argparse.Namespace, *, check_system: bool = True, slides: bool = False
) -> Lecture | int:
    """Check everything before anything renders -- the settings file, the scene selection,
    the data and parameters (the whole lecture is computed and installed for the scenes),
    the system's LaTeX and fonts -- and return the lecture, or an exit code after printing
    what is wrong and how to fix it. ``slides``: the slides' verbs, whose default quality is
    ``[render] slides_quality``."""
    try:
        config = load_config(args.config)
    except LectureInputError as err:
        return fail(str(err))
    spec = args.scenes if args.scenes is not None else config.render.scenes
    where = (
        "--scenes"
        if args.scenes is not None
        else f"{config.source or DEFAULT_CONFIG}: [render] scenes"
    )
    try:
        entries = select(spec)
    except ValueError as err:
        return fail(f"{where}: {err}")
    problem = selection_problem(spec or "all", entries)
    if problem:
        return fail(f"{where}: {problem}")
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        return fail(f"--jobs {args.jobs}: use 1 or more")
    try:
        from scenes import context

        context.use_config(config, theme_name=args.theme)
    except LectureInputError as err:
        return fail(str(err))
    if check_system:
        from pipeline.system import system_problem

        problem = system_problem()
        if problem is not None:
            return fail(problem)
    try:  # the voice, its speed, the teacher's words for slides (pipeline.narration)
        from pipeline.narration import check, use

        use(check(config, getattr(args, "voice", None)))
    except LectureInputError as err:
        return fail(str(err))
    lecture = Lecture(
        config=config,
        entries=entries,
        quality=args.quality or (config.render.slides_quality if slides else config.render.quality),
        out=args.out or OUTPUT,
        build=getattr(args, "build_dir", None) or BUILD,
    )
    if hasattr(args, "build_dir"):  # a verb that renders: one run at a time in its folders
        from pipeline.run_lock import FolderError, hold_run_folders

        try:
            hold_run_folders(
                {
                    "--out": (lecture.out, lecture.out / lecture.quality),
                    "--build-dir": (lecture.build, lecture.build / lecture.quality),
                }
            )
        except FolderError as err:
            return fail(str(err))
    return lecture


def open_cluster(args: argparse.Namespace, lecture: Lecture) -> Client | int | None:
    """A client of the Dask scheduler of ``--cluster`` or the settings file's ``[render]
    cluster`` (None: render on this machine), or the bad-input exit code after printing
    why there is none and how to start one."""
    address = getattr(args, "cluster", None)
    where = f"--cluster {address}"
    if address is None:
        address = lecture.config.render.cluster
        where = f'{lecture.config.source or DEFAULT_CONFIG}: [render] cluster = "{address}"'
    if not address:
        return None
    from pipeline.cluster import ClusterError, connect

    try:
        return connect(address, where)
    except ClusterError as err:
        return fail(str(err))


def fail(message: str) -> int:
    """Print ``error: message`` to stderr; return the bad-input exit code."""
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR
