"""The options the verbs share, declared once, and the checks every rendering verb makes
before anything is drawn (settings file, scene selection, data, system)."""

from __future__ import annotations

import argparse
import re
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


class LectureParser(argparse.ArgumentParser):
    """The parser of ``lecture`` and of every verb (subparsers take their parent's class):
    argparse's own complaints -- an unknown option, a stray word, an option without its
    value, a value of the wrong kind, two options that exclude each other, a missing scene --
    become one ``error:`` line naming the option, with the fix, and exit code 2."""

    #: The verbs' parsers, by name (set on the top parser by :func:`pipeline.cli.parser`).
    verb_parsers: dict[str, argparse.ArgumentParser] | None = None

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:  # said by the verb's parser, which knows the verb's options
            verb = getattr(parsed, "verb", None)
            (self.verb_parsers or {}).get(verb, self).error(
                "unrecognized arguments: " + " ".join(extras)
            )
        return parsed

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message}. Fix: {self._fix(message)}\n")

    def _fix(self, message: str) -> str:
        see = f"see '{self.prog} --help'"
        if message.startswith("unrecognized arguments: "):
            words = message.removeprefix("unrecognized arguments: ").split()
            options = [w for w in words if w.startswith("-")]
            if options:
                return f"leave out {' '.join(options)} or spell it as listed ({see})"
            if any(a.dest == "scenes" for a in self._actions):
                return f"give scenes with --scenes, e.g. --scenes {words[0]} ({see})"
            return f"leave out {' '.join(words)}: this verb takes no such word ({see})"
        if "the following arguments are required" in message:
            return f"name the scenes, e.g. '{self.prog} 8' or '{self.prog} 13-14' ({see})"
        named = message.removeprefix("argument ").split(":", 1)[0].split("/")[0]
        action = self._option_string_actions.get(named)
        if action is None:
            return see
        if "not allowed with argument" in message:
            other = message.rsplit("argument ", 1)[-1]
            return f"give {named} or {other}, not both ({see})"
        if "invalid choice" in message:
            return f"use one of the choices listed ({see})"
        shown = action.metavar or action.dest.upper()
        if action.type is int:
            return f"give a whole number, e.g. {named} 2 ({see})"
        if action.type is float:
            return f"give a number, e.g. {named} 0.5 ({see})"
        example = re.search(r"e\.g\. ([^;()]+?)\s*(?:\(|;|$)", action.help or "")
        if example:
            return f"give {named} a value, e.g. {example[1]} ({see})"
        return f"write {named} {shown} ({see})"


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
    if spec is not None and not spec.strip():  # '' is no selection, not "all"
        return fail(
            f"{where}: an empty selection selects no scene. Fix: give scene numbers, ranges "
            "or names, e.g. 4-8,19, or leave it out for every scene"
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
    for option, given in (
        ("--summary-json", getattr(args, "summary_json", None)),
        ("--chart", getattr(args, "chart", None)),
    ):
        problem = None if given is None else file_target_problem(option, given)
        if problem:
            return fail(problem)
    build = getattr(args, "build_dir", None) or BUILD
    try:
        from pipeline.values_cache import lecture_values
        from scenes import context

        context.use_config(
            config, theme_name=args.theme, compute=lambda s: lecture_values(s, build)
        )
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
        build=build,
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


def file_target_problem(option: str, path: Path) -> str | None:
    """Why the file an option names cannot be written there (a folder of that name, or a
    file where one of its folders should be), checked before anything renders; or None."""
    if path.is_dir():
        return f"{option} {path}: is a folder. Fix: give {option} the name of a file in it"
    for part in path.parents:
        if part.exists() and not part.is_dir():
            return (
                f"{option} {path}: {part} is a file, not a folder. Fix: give {option} a "
                "path in a folder (one not made yet is made)"
            )
    return None


def fail(message: str) -> int:
    """Print ``error: message`` to stderr; return the bad-input exit code."""
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR
