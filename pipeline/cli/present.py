"""``lecture present``: the built slides in manim-slides' Qt window (optional PySide6)."""

from __future__ import annotations

import argparse

from pipeline.cli.options import add_lecture_options, prepare

HELP = "present the built slides in manim-slides' Qt window (needs PySide6)"
EXAMPLES = """examples:
  lecture present                       after `lecture slides`
  lecture present --quality 1080p --scenes 8
"""


def register(parser: argparse.ArgumentParser) -> None:
    add_lecture_options(parser)


def run(args: argparse.Namespace) -> int:
    lecture = prepare(args, check_system=False, slides=True)
    if isinstance(lecture, int):
        return lecture
    from pipeline.presenter import present

    return present(lecture.entries, lecture.quality, lecture.out)
