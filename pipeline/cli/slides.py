"""``lecture slides``: the one-file offline HTML deck, the PDF handout, the presenter files."""

from __future__ import annotations

import argparse

from pipeline.cli.options import (
    add_lecture_options,
    add_render_options,
    add_report_options,
    open_cluster,
    prepare,
    reporter,
)

HELP = "render what is missing (1080p), then the offline HTML, a PowerPoint and two handouts"
EXAMPLES = """examples:
  lecture slides                        output/1080p/: lecture.html, lecture.pptx, handouts
  lecture slides --quality low          quick and small (480p): output/low/
  lecture slides --scenes 1-3 --out /tmp/deck
"""


def register(parser: argparse.ArgumentParser) -> None:
    add_lecture_options(parser)
    add_render_options(parser)
    add_report_options(parser)


def run(args: argparse.Namespace) -> int:
    with reporter(args, "slides") as report:
        with report.step("checking the settings, data, LaTeX and fonts"):
            lecture = prepare(args, slides=True)
        if isinstance(lecture, int):
            return lecture
        cluster = open_cluster(args, lecture)
        if isinstance(cluster, int):
            return cluster
        from pipeline.slides import build_presentation

        try:
            return build_presentation(
                lecture.entries,
                lecture.quality,
                lecture.out,
                jobs=args.jobs,
                force=args.force,
                build=lecture.build,
                cluster=cluster,
                report=report,
            )
        finally:
            if cluster is not None:
                cluster.close()
