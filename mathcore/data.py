"""Load the lecture's data sets from CSV, with validation that names file, row and column.

Two shapes of data are used:

* scores: columns ``test1, test2`` -- one row per student, points out of 100;
* labeled points: columns ``x, y, c`` -- a point in the plane and its class ``c`` in {0, 1}.

Row numbers in messages count the header as row 1, as a spreadsheet does.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathcore.errors import DataFileError

SCORE_COLUMNS = ("test1", "test2")
LABELED_COLUMNS = ("x", "y", "c")
#: The largest class the score slides draw (a dot, a residual and a table row per student
#: fit, and each scene builds in seconds); the shipped class has 90.
MAX_STUDENTS = 200
#: Scores are points from 0 (the score axes start at 0) up to this; the highest of each
#: test at least MIN_TOP_SCORE (so that a slope is defined and the axes have a size).
MAX_SCORE = 1000.0
MIN_TOP_SCORE = 0.01
#: The most points a classification plane draws (a dot each; the network trains on all).
MAX_POINTS = 400
#: Coordinates of classified points: the plane has a grid line per unit, so -10 to 10.
MAX_COORDINATE = 10.0
#: A data file larger than this is not read (the largest accepted one is far smaller).
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Scores:
    """Test scores of ``n`` students: ``test1`` and ``test2`` have shape (n,)."""

    test1: np.ndarray
    test2: np.ndarray
    source: str


@dataclass(frozen=True)
class LabeledPoints:
    """Points ``X`` of shape (n, 2) with classes ``c`` of shape (n,), values 0.0 or 1.0."""

    X: np.ndarray
    c: np.ndarray
    source: str


@dataclass(frozen=True)
class Table:
    """Numeric columns of a CSV file, each of shape (n,), and the file row of each entry."""

    columns: dict[str, np.ndarray]
    rows: np.ndarray


def read_numeric_csv(
    path: str | Path, columns: tuple[str, ...], max_rows: int | None = None
) -> Table:
    """Read the named columns of a CSV file as float arrays of equal length n >= 2.

    Extra columns are ignored. Raises :class:`DataFileError` for a missing file or column,
    a non-numeric, NaN or infinite cell, fewer than two data rows, or more than
    ``max_rows`` (the file is not read past that).
    """
    path = Path(path)
    check_readable_file(path, "a CSV file with a header row: " + ",".join(columns))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFileError(
            path,
            f"is not UTF-8 text (byte {err.start})",
            "save the file as CSV UTF-8 (or plain ASCII) and try again",
        ) from None
    except OSError as err:
        raise DataFileError(path, f"cannot be read ({err.strerror})", "check the file") from None
    with io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle)
        try:
            return _read_rows(path, reader, columns, max_rows)
        except csv.Error as err:  # e.g. a cell longer than csv's field limit (131072)
            problem = (
                "has a cell too long to be a number"
                if "field larger than field limit" in str(err)
                else f"is not readable as CSV ({err})"
            )
            raise DataFileError(
                path,
                problem,
                "write one number a cell, separated by commas, e.g. 72,65",
                row=reader.line_num,
            ) from None


def _read_rows(
    path: Path, reader: Iterator[list[str]], columns: tuple[str, ...], max_rows: int | None
) -> Table:
    """The rows of a CSV ``reader`` (see :func:`read_numeric_csv`)."""
    header = next(reader, None)
    if header is None:
        raise DataFileError(path, "file is empty", f"write a header row: {','.join(columns)}")
    names = [name.strip() for name in header]
    missing = [name for name in columns if name not in names]
    if missing and len(names) == 1 and "\t" in names[0]:
        raise DataFileError(
            path,
            "looks tab-separated (its header row has tabs, not commas)",
            "save it as CSV with commas (in a spreadsheet: Save as, CSV), or replace each "
            "tab with a comma",
        )
    if missing:
        raise DataFileError(
            path,
            f"missing column(s) {', '.join(repr(m) for m in missing)}{_found(names)}",
            f"the header row must name the columns {', '.join(columns)}",
        )
    index = {name: names.index(name) for name in columns}
    values: dict[str, list[float]] = {name: [] for name in columns}
    rows: list[int] = []
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank line
        if max_rows is not None and len(rows) == max_rows:
            raise DataFileError(
                path,
                f"has more than {max_rows} data rows, more than the slides can draw",
                f"use at most {max_rows} rows (a sample of the class is fine)",
            )
        rows.append(row_number)
        for name in columns:
            cell = row[index[name]].strip() if index[name] < len(row) else ""
            values[name].append(_parse_cell(path, row_number, name, cell))
    n = len(values[columns[0]])
    if n < 2:
        raise DataFileError(path, f"has {n} data row(s)", "give at least 2 data rows")
    return Table(
        columns={name: np.asarray(column, dtype=float) for name, column in values.items()},
        rows=np.asarray(rows, dtype=int),
    )


def check_readable_file(path: Path, kind: str) -> None:
    """Refuse, before reading it, a path that is not a file of sensible size: a folder, a
    device, a missing file, a huge file. ``kind`` says what the file should be."""
    if path.is_dir():
        raise DataFileError(path, "is a folder, not a file", f"give the path of {kind}")
    if not path.exists():
        raise DataFileError(
            path,
            "file not found",
            "check the path, or remake the shipped data with 'python -m mathcore make-data'",
        )
    if not path.is_file():
        raise DataFileError(path, "is not a regular file", f"give the path of {kind}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            path,
            f"is {size / 1e6:.1f} MB, larger than any data the lecture can use "
            f"({MAX_FILE_BYTES / 1e6:g} MB)",
            f"give the path of {kind}",
        )


def _found(names: list[str]) -> str:
    """The header's names as a hint, only when they look like a CSV header (short names):
    never a line of some other file."""
    if 0 < len(names) <= 12 and all(len(n) <= 20 and n.isprintable() for n in names):
        return f" (found {names})"
    return " (the first row is not a header of short column names)"


def _show_cell(cell: str) -> str:
    """A cell as quoted in a message: at most 20 characters of it."""
    return repr(cell if len(cell) <= 20 else cell[:17] + "...")


def _parse_cell(path: Path, row: int, column: str, cell: str) -> float:
    if cell == "":
        raise DataFileError(path, "empty cell", "fill in a number", row=row, column=column)
    try:
        value = float(cell)
    except ValueError:
        raise DataFileError(
            path,
            f"{_show_cell(cell)} is not a number",
            "write a plain number such as 72 or 0.5",
            row=row,
            column=column,
        ) from None
    if not math.isfinite(value):
        raise DataFileError(
            path,
            f"{_show_cell(cell)} is not a finite number",
            "replace NaN/inf with a real value or delete the row",
            row=row,
            column=column,
        )
    return value


def load_scores(path: str | Path) -> Scores:
    """Load test scores: columns ``test1`` (x) and ``test2`` (y), each of shape (n,)."""
    table = read_numeric_csv(path, SCORE_COLUMNS, MAX_STUDENTS)
    cols = table.columns
    for name in SCORE_COLUMNS:
        _in_range(path, table, name, 0.0, MAX_SCORE, "points", "the score axes start at 0")
    for name in ("test1", "test2"):
        highest = float(np.max(cols[name]))
        if highest < MIN_TOP_SCORE:
            problem = (
                f"every {name} score is 0"
                if highest == 0.0
                else f"the highest {name} score is {highest:g}, too small to draw"
            )
            raise DataFileError(
                path,
                f"{problem}, so no line y = m*x can be fitted and drawn",
                f"give at least one {name} score of {MIN_TOP_SCORE:g} points or more",
                column=name,
            )
    return Scores(test1=cols["test1"], test2=cols["test2"], source=str(path))


def _in_range(
    path: str | Path, table: Table, column: str, low: float, high: float, unit: str, why: str
) -> None:
    """Refuse the first value of ``column`` outside [low, high], naming its row."""
    values = table.columns[column]
    bad = np.flatnonzero((values < low) | (values > high))
    if bad.size:
        unit = f" {unit}" if unit else ""
        raise DataFileError(
            path,
            f"{values[bad[0]]:g} is outside {low:g} to {high:g}{unit} ({why})",
            f"use values from {low:g} to {high:g}{unit}; rescale the column if needed",
            row=int(table.rows[bad[0]]),
            column=column,
        )


def load_labeled(path: str | Path) -> LabeledPoints:
    """Load labeled points: ``X`` (n, 2) from columns ``x, y`` and ``c`` (n,) in {0, 1}."""
    table = read_numeric_csv(path, LABELED_COLUMNS, MAX_POINTS)
    cols = table.columns
    for name in ("x", "y"):
        _in_range(
            path,
            table,
            name,
            -MAX_COORDINATE,
            MAX_COORDINATE,
            "",
            "the plane has a grid line per unit",
        )
    c = cols["c"]
    bad = np.flatnonzero((c != 0.0) & (c != 1.0))
    if bad.size:
        row = int(table.rows[bad[0]])
        raise DataFileError(
            path,
            f"label {c[bad[0]]:g} is not 0 or 1",
            "label every point 0 (blue) or 1 (orange)",
            row=row,
            column="c",
        )
    if np.all(c == c[0]):
        raise DataFileError(
            path,
            f"all points are class {int(c[0])}, so there is nothing to separate",
            "include points of both classes 0 and 1",
            column="c",
        )
    X = np.column_stack([cols["x"], cols["y"]])
    if np.all(X[0] == X):
        raise DataFileError(
            path,
            f"every point is at the same place ({X[0, 0]:g}, {X[0, 1]:g}), so no line can be "
            "drawn through or between them",
            "give points in at least two different places",
        )
    return LabeledPoints(X=X, c=c, source=str(path))
