"""Command line for the lecture's scenes.

python -m scenes render [--quality low|720p|1080p|4k] [--scenes SPEC] [--out DIR]
python -m scenes list
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mathcore.errors import LectureInputError
from scenes.lecture import SCENES, select


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./render.sh", description="Render the lecture.")
    verbs = parser.add_subparsers(dest="verb")
    render = verbs.add_parser("render", help="render scene videos, the lecture, a contact sheet")
    render.add_argument(
        "--quality",
        "-q",
        default="low",
        choices=["low", "720p", "1080p", "4k"],
        help="low = 480p15 (default, fast); 720p30; 1080p60; 4k = 2160p60",
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
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["render", *argv]  # render is the default verb
    args = parser.parse_args(argv)

    if args.verb == "list":
        for entry in SCENES:
            print(f"{entry.number:2d}  {entry.name:<22s} {entry.title}")
        return 0
    try:
        entries = select(args.scenes)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        from scenes import context

        context.lecture()  # bad data or parameters stop the run before any rendering
    except LectureInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    from scenes.render import ROOT, render_lecture

    if args.jobs is not None and args.jobs < 1:
        print(f"error: --jobs {args.jobs}: use 1 or more", file=sys.stderr)
        return 2
    return render_lecture(
        entries,
        args.quality,
        args.out or ROOT / "output",
        jobs=args.jobs,
        force=args.force,
        build=args.build_dir or ROOT / "build",
    )


if __name__ == "__main__":
    sys.exit(main())
