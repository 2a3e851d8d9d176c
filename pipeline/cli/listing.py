"""``lecture list``: the lecture's scenes in order."""

from __future__ import annotations

import argparse

HELP = "list the lecture's scenes in order"
EXAMPLES = """examples:
  lecture list
"""


def register(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    from scenes.lecture import SCENES

    for entry in SCENES:
        print(f"{entry.number:2d}  {entry.name:<22s} {entry.title}")
    return 0
