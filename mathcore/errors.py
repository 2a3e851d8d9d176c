"""Errors for bad input: each message names the problem, where it is, and the fix."""

from __future__ import annotations

import numbers


class LectureInputError(ValueError):
    """Bad data or a bad parameter. ``str(err)`` is the whole message a user sees."""


class DataFileError(LectureInputError):
    """A data file is missing, malformed, or holds values the lecture cannot use."""

    def __init__(
        self,
        path: object,
        problem: str,
        fix: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        self.path = str(path)
        self.row = row
        self.column = column
        super().__init__(f"{where}: {problem}. Fix: {fix}")


class ParameterError(LectureInputError):
    """A numeric parameter (learning rate, steps, hidden units, ...) is out of range."""

    def __init__(self, name: str, value: object, problem: str, fix: str) -> None:
        self.name = name
        self.value = value
        super().__init__(f"parameter '{name}' = {value!r}: {problem}. Fix: {fix}")


def check_steps(steps: int, name: str = "steps") -> int:
    """Return ``steps`` if it is a non-negative int, else raise :class:`ParameterError`."""
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral) or steps < 0:
        raise ParameterError(name, steps, "must be a whole number >= 0", f"set {name} to 0 or more")
    return int(steps)


def check_learning_rate(lr: float, name: str = "lr") -> float:
    """Return ``lr`` as float if it is finite and positive, else raise :class:`ParameterError`."""
    try:
        value = float(lr)
    except (TypeError, ValueError):
        raise ParameterError(
            name, lr, "is not a number", f"set {name} to a positive number"
        ) from None
    if not (value > 0.0 and value < float("inf")):
        raise ParameterError(
            name, lr, "must be a finite number > 0", f"set {name} to a positive number"
        )
    return value
