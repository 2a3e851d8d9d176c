"""Command line: ``python -m mathcore values`` prints every lecture number as JSON;
``python -m mathcore make-data`` remakes the shipped CSV files from their seeds."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mathcore.errors import LectureInputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mathcore", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True)
    values = verbs.add_parser("values", help="print every number the lecture shows, as JSON")
    values.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    values.add_argument("--out", type=Path, help="write to this file instead of stdout")
    make = verbs.add_parser("make-data", help="rewrite the shipped CSV data from their seeds")
    make.add_argument("--out", type=Path, default=None, help="folder (default: assets/)")
    args = parser.parse_args(argv)

    try:
        if args.verb == "values":
            from mathcore.lecture import build_lecture

            text = json.dumps(build_lecture().to_json(), indent=args.indent)
            if args.out is None:
                sys.stdout.write(text + "\n")
            else:
                _write_atomic(args.out, text + "\n")
        else:
            from mathcore.datasets import write_assets
            from mathcore.lecture import ASSETS

            for path in write_assets(args.out or ASSETS):
                print(path)
    except LectureInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
