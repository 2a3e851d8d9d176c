"""``lecture slides``: the one-file offline HTML deck, the PDF handout, the presenter files."""

from __future__ import annotations

import argparse

from pipeline.cli.options import add_lecture_options, add_render_options, prepare

HELP = "render what is missing, then one offline HTML file and a PDF handout"
EXAMPLES = """examples:
  lecture slides                        output/<quality>/lecture.html and handout.pdf
  lecture slides --quality 1080p        sharp on a 1080p projector
  lecture slides --scenes 1-3 --out /tmp/deck
"""


def register(parser: argparse.ArgumentParser) -> None:
    add_lecture_options(parser)
    add_render_options(parser)


def run(args: argparse.Namespace) -> int:
    lecture = prepare(args)
    if isinstance(lecture, int):
        return lecture
    from pipeline.slides import build_presentation

    return build_presentation(
        lecture.entries,
        lecture.quality,
        lecture.out,
        jobs=args.jobs,
        force=args.force,
        build=lecture.build,
    )
