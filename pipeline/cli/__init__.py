"""The ``lecture`` command (``.venv/bin/lecture``; ``./render.sh`` sets up, then calls it).

One module per verb, each with ``HELP``, ``EXAMPLES``, ``register(parser)`` and
``run(args) -> exit code``; :data:`VERBS` is the one table of verbs (``render.sh`` passes
every verb but its own ``setup`` and ``test`` here). ``render`` is the default verb.
"""

from __future__ import annotations

import argparse
import sys
from types import ModuleType

from pipeline.cli import listing, present, preview, render, slides, values
from pipeline.cli.options import LectureParser

VERBS: dict[str, ModuleType] = {
    "render": render,
    "slides": slides,
    "present": present,
    "values": values,
    "list": listing,
    "preview": preview,
}
DEFAULT_VERB = "render"


def parser() -> argparse.ArgumentParser:
    top = LectureParser(
        prog="lecture",
        description="The Mathematics of Deep Learning: render, present and check the lecture.",
        epilog=f"'lecture VERB --help' tells more; with no verb, '{DEFAULT_VERB}' runs.",
    )
    verbs = top.add_subparsers(dest="verb", metavar="VERB")
    for name, module in VERBS.items():
        sub = verbs.add_parser(
            name,
            help=module.HELP,
            description=module.HELP,
            epilog=module.EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.register(sub)
    top.verb_parsers = verbs.choices
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one verb; return its exit code (0 success, 1 a failure, 2 bad input)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list = [DEFAULT_VERB, *args_list]
    args = parser().parse_args(args_list)
    try:
        return VERBS[args.verb].run(args)
    finally:
        from pipeline.run_lock import release_run_folders

        release_run_folders()  # the folders a rendering verb held (see pipeline.run_lock)
