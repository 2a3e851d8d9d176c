"""Command line for the lecture's scenes.

python -m pipeline render [--config FILE] [--quality low|720p|1080p|4k] [--scenes SPEC] [--out DIR]
python -m pipeline slides [--config FILE] [--quality ...] [--scenes SPEC] [--out DIR]   HTML + PDF
python -m pipeline present [--config FILE] [--quality ...] [--scenes SPEC] [--out DIR]  Qt presenter
python -m pipeline list
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mathcore.config import DEFAULT_CONFIG, QUALITIES, THEMES, load_config
from mathcore.errors import LectureInputError
from scenes.lecture import SCENES, select

CONFIG_HELP = (
    "a lecture settings file (TOML): title slide, data files, learning rates, steps, scenes, "
    "theme, quality; keys it leaves out keep the shipped values of assets/lecture.toml"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./render.sh", description="Render the lecture.")
    verbs = parser.add_subparsers(dest="verb")
    render = verbs.add_parser("render", help="render scene videos, the lecture, a contact sheet")
    render.add_argument("--config", "-c", type=Path, default=None, help=CONFIG_HELP)
    render.add_argument(
        "--quality",
        "-q",
        default=None,
        choices=QUALITIES,
        help="low = 480p15 (fast); 720p30; 1080p60; 4k = 2160p60 "
        "(default: the settings file's [render] quality; low as shipped)",
    )
    render.add_argument(
        "--theme",
        default=None,
        choices=THEMES,
        help="dark for projectors, light for print (default: the settings file's)",
    )
    render.add_argument(
        "--scenes",
        "-s",
        default=None,
        help="which scenes: numbers, ranges or names, e.g. '8' or '4-8,19'",
    )
    render.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    render.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="scenes rendered at once (default: one per core)",
    )
    render.add_argument(
        "--force", action="store_true", help="render every scene, even those that did not change"
    )
    render.add_argument(
        "--build-dir",
        type=Path,
        default=None,
        help="working folder for manim's media and LaTeX cache (default: build/)",
    )
    verbs.add_parser("list", help="list the lecture's scenes in order")
    slides = verbs.add_parser(
        "slides", help="render what is missing, then one offline HTML file and a PDF handout"
    )
    present = verbs.add_parser(
        "present", help="present the built slides in manim-slides' Qt window (needs PySide6)"
    )
    for sub in (slides, present):
        sub.add_argument("--config", "-c", type=Path, default=None, help=CONFIG_HELP)
        sub.add_argument("--quality", "-q", default=None, choices=QUALITIES)
        sub.add_argument("--theme", default=None, choices=THEMES)
        sub.add_argument("--scenes", "-s", default=None, help="which scenes (default: all)")
        sub.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    slides.add_argument("--jobs", "-j", type=int, default=None, help="scenes rendered at once")
    slides.add_argument("--force", action="store_true", help="render every scene again")
    slides.add_argument("--build-dir", type=Path, default=None, help="manim's working folder")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["render", *argv]  # render is the default verb
    args = parser.parse_args(argv)

    if args.verb == "list":
        for entry in SCENES:
            print(f"{entry.number:2d}  {entry.name:<22s} {entry.title}")
        return 0
    # Everything is checked before anything renders: the settings file, the scene selection,
    # the data and parameters (the whole lecture is computed), the system's LaTeX and fonts.
    try:
        config = load_config(args.config)
    except LectureInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    spec = args.scenes if args.scenes is not None else config.render.scenes
    try:
        entries = select(spec)
    except ValueError as err:
        where = (
            "--scenes"
            if args.scenes is not None
            else f"{config.source or DEFAULT_CONFIG}: [render] scenes"
        )
        print(f"error: {where}: {err}", file=sys.stderr)
        return 2
    args.quality = args.quality or config.render.quality
    try:
        from scenes import context

        context.use_config(config, theme_name=args.theme)
    except LectureInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from pipeline.render import ROOT, render_lecture
    from pipeline.system import system_problem

    if args.verb != "present":
        problem = system_problem()
        if problem is not None:
            print(f"error: {problem}", file=sys.stderr)
            return 2

    if args.verb == "present":
        from pipeline.slides import present

        return present(entries, args.quality, args.out or ROOT / "output")
    if args.jobs is not None and args.jobs < 1:
        print(f"error: --jobs {args.jobs}: use 1 or more", file=sys.stderr)
        return 2
    if args.verb == "slides":
        from pipeline.slides import build_presentation as run
    else:
        run = render_lecture
    return run(
        entries,
        args.quality,
        args.out or ROOT / "output",
        jobs=args.jobs,
        force=args.force,
        build=args.build_dir or ROOT / "build",
    )


if __name__ == "__main__":
    sys.exit(main())
