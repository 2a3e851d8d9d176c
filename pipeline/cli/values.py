"""``lecture values``: every number the lecture shows, as JSON (mathcore's results)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.options import CONFIG_HELP

HELP = "print every number the lecture shows, as JSON"
EXAMPLES = """examples:
  lecture values                        the shipped lecture's numbers
  lecture values --config my.toml --indent 2 --out values.json
"""


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-c", type=Path, default=None, help=CONFIG_HELP)
    parser.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    parser.add_argument("--out", type=Path, help="write to this file instead of stdout")


def run(args: argparse.Namespace) -> int:
    from mathcore.__main__ import main as mathcore_main
    from pipeline.cli.options import fail, file_target_problem

    problem = None if args.out is None else file_target_problem("--out", args.out)
    if problem:  # said before the numbers are computed
        return fail(problem)

    argv = ["values"]
    if args.config is not None:
        argv += ["--config", str(args.config)]
    if args.indent is not None:
        argv += ["--indent", str(args.indent)]
    if args.out is not None:
        argv += ["--out", str(args.out)]
    return mathcore_main(argv)
