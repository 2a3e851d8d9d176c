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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathcore.errors import DataFileError

SCORE_COLUMNS = ("test1", "test2")
LABELED_COLUMNS = ("x", "y", "c")


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


def read_numeric_csv(path: str | Path, columns: tuple[str, ...]) -> Table:
    """Read the named columns of a CSV file as float arrays of equal length n >= 2.

    Extra columns are ignored. Raises :class:`DataFileError` for a missing file or column,
    a non-numeric, NaN or infinite cell, or fewer than two data rows.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(
            path,
            "file not found",
            "check the path, or remake the shipped data with 'python -m mathcore make-data'",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFileError(
            path,
            f"is not UTF-8 text (byte {err.start})",
            "save the file as CSV UTF-8 (or plain ASCII) and try again",
        ) from None
    with io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise DataFileError(path, "file is empty", f"write a header row: {','.join(columns)}")
        names = [name.strip() for name in header]
        missing = [name for name in columns if name not in names]
        if missing:
            raise DataFileError(
                path,
                f"missing column(s) {', '.join(repr(m) for m in missing)} (found {names})",
                f"the header row must name the columns {', '.join(columns)}",
            )
        index = {name: names.index(name) for name in columns}
        values: dict[str, list[float]] = {name: [] for name in columns}
        rows: list[int] = []
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue  # blank line
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


def _parse_cell(path: Path, row: int, column: str, cell: str) -> float:
    if cell == "":
        raise DataFileError(path, "empty cell", "fill in a number", row=row, column=column)
    try:
        value = float(cell)
    except ValueError:
        raise DataFileError(
            path,
            f"'{cell}' is not a number",
            "write a plain number such as 72 or 0.5",
            row=row,
            column=column,
        ) from None
    if not math.isfinite(value):
        raise DataFileError(
            path,
            f"'{cell}' is not a finite number",
            "replace NaN/inf with a real value or delete the row",
            row=row,
            column=column,
        )
    return value


def load_scores(path: str | Path) -> Scores:
    """Load test scores: columns ``test1`` (x) and ``test2`` (y), each of shape (n,)."""
    cols = read_numeric_csv(path, SCORE_COLUMNS).columns
    if not np.any(cols["test1"] != 0.0):
        raise DataFileError(
            path,
            "every test1 score is 0, so no line y = m*x can be fitted",
            "give at least one non-zero test1 score",
            column="test1",
        )
    return Scores(test1=cols["test1"], test2=cols["test2"], source=str(path))


def load_labeled(path: str | Path) -> LabeledPoints:
    """Load labeled points: ``X`` (n, 2) from columns ``x, y`` and ``c`` (n,) in {0, 1}."""
    table = read_numeric_csv(path, LABELED_COLUMNS)
    cols = table.columns
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
    return LabeledPoints(X=X, c=c, source=str(path))
