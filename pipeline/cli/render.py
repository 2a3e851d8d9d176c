"""``lecture render``: scene videos, the chaptered lecture video and a contact sheet."""

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

HELP = "render scene videos, the lecture video with chapters, and a contact sheet"
EXAMPLES = """examples:
  lecture render                        the whole lecture at the settings file's quality
  lecture render --quality 1080p        projector quality, into output/1080p/
  lecture render --scenes 4-8,19        only these scenes (unchanged ones are reused)
  lecture render --config my.toml       your own data, settings and words
  lecture render --summary-json run.json --chart run.png
                                        what each scene did, for scripts; where the time went
"""


def register(parser: argparse.ArgumentParser) -> None:
    add_lecture_options(parser)
    add_render_options(parser)
    add_report_options(parser)


def run(args: argparse.Namespace) -> int:
    with reporter(args, "render") as report:
        with report.step("checking the settings, data, LaTeX and fonts"):
            lecture = prepare(args)
        if isinstance(lecture, int):
            return lecture
        cluster = open_cluster(args, lecture)
        if isinstance(cluster, int):
            return cluster
        from pipeline.render import render_lecture

        try:
            return render_lecture(
                lecture.entries,
                lecture.quality,
                lecture.out,
                jobs=args.jobs,
                force=args.force,
                build=lecture.build,
                cluster=cluster,
                report=report,
                isolate=True,  # a scene that kills its process fails alone, also at --jobs 1
            )
        finally:
            if cluster is not None:
                cluster.close()
