"""Command line: ``python -m mathcore values [--config FILE]`` prints every lecture number as
JSON (of the shipped lecture, or of a teacher's settings file); ``python -m mathcore
make-data`` remakes the shipped CSV files from their seeds."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mathcore.errors import LectureInputError
from mathcore.files import write_text_atomic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mathcore", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True)
    values = verbs.add_parser("values", help="print every number the lecture shows, as JSON")
    values.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    values.add_argument("--out", type=Path, help="write to this file instead of stdout")
    values.add_argument(
        "--config",
        "-c",
        type=Path,
        default=None,
        help="a lecture settings file (TOML, see assets/lecture.toml); default: the shipped one",
    )
    make = verbs.add_parser("make-data", help="rewrite the shipped CSV data from their seeds")
    make.add_argument("--out", type=Path, default=None, help="folder (default: assets/)")
    args = parser.parse_args(argv)

    try:
        if args.verb == "values":
            from mathcore.config import load_config
            from mathcore.lecture import build_lecture

            settings = load_config(args.config).settings
            text = json.dumps(build_lecture(settings).to_json(), indent=args.indent)
            if args.out is None:
                sys.stdout.write(text + "\n")
            else:
                write_text_atomic(args.out, text + "\n")
        else:
            from mathcore.config import ASSETS
            from mathcore.datasets import write_assets

            for path in write_assets(args.out or ASSETS):
                print(path)
    except LectureInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # --out in a folder that does not exist, a full disk, ...
        print(
            f"error: --out {args.out}: cannot write {err.filename or args.out} ({err.strerror})."
            " Fix: give --out a file in a folder you can write to",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
