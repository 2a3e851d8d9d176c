"""The options the verbs share, declared once, and the checks every rendering verb makes
before anything is drawn (settings file, scene selection, data, system)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from mathcore.config import DEFAULT_CONFIG, QUALITIES, THEMES, LectureConfig, load_config
from mathcore.errors import LectureInputError
from pipeline.paths import BUILD, OUTPUT
from scenes.lecture import SceneEntry, select

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
        + " (default: the settings file's [render] quality)",
    )
    parser.add_argument(
        "--theme",
        default=None,
        choices=THEMES,
        help="dark for projectors, light for print (default: the settings file's)",
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
    """--jobs, --force, --build-dir: how scenes are rendered."""
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


@dataclass(frozen=True)
class Lecture:
    """What a rendering verb works on, after every check passed."""

    config: LectureConfig
    entries: list[SceneEntry]
    quality: str
    out: Path
    build: Path


def prepare(args: argparse.Namespace, *, check_system: bool = True) -> Lecture | int:
    """Check everything before anything renders -- the settings file, the scene selection,
    the data and parameters (the whole lecture is computed and installed for the scenes),
    the system's LaTeX and fonts -- and return the lecture, or an exit code after printing
    what is wrong and how to fix it."""
    try:
        config = load_config(args.config)
    except LectureInputError as err:
        return fail(str(err))
    spec = args.scenes if args.scenes is not None else config.render.scenes
    try:
        entries = select(spec)
    except ValueError as err:
        where = (
            "--scenes"
            if args.scenes is not None
            else f"{config.source or DEFAULT_CONFIG}: [render] scenes"
        )
        return fail(f"{where}: {err}")
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
    return Lecture(
        config=config,
        entries=entries,
        quality=args.quality or config.render.quality,
        out=args.out or OUTPUT,
        build=getattr(args, "build_dir", None) or BUILD,
    )


def fail(message: str) -> int:
    """Print ``error: message`` to stderr; return the bad-input exit code."""
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR
