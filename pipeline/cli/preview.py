"""``lecture preview``: render scenes at 480p and save a PNG of the screen at every beat."""

from __future__ import annotations

import argparse

HELP = "render scenes and save a PNG at every slide break in build/preview/"
EXAMPLES = """examples:
  lecture preview 8                     scene 8 -> build/preview/08_GradientDescent/*.png
  lecture preview 13-14 --quality 720p
"""


def register(parser: argparse.ArgumentParser) -> None:
    from mathcore.config import QUALITIES

    parser.add_argument("scenes", help="numbers, ranges or names, e.g. '8' or '13-14'")
    parser.add_argument("--quality", "-q", default="low", choices=list(QUALITIES))


def run(args: argparse.Namespace) -> int:
    from pipeline.cli.options import fail
    from pipeline.preview import preview

    try:
        preview(args.scenes, args.quality)
    except ValueError as err:
        return fail(f"scenes {args.scenes!r}: {err}")
    return 0
