"""Errors for bad input: each message names the problem, where it is, and the fix."""

from __future__ import annotations


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
        self.problem = problem
        self.fix = fix
        self.row = row
        self.column = column
        super().__init__(f"{where}: {problem}. Fix: {fix}")


class ParameterError(LectureInputError):
    """A numeric parameter (learning rate, steps, hidden units, ...) is out of range."""

    def __init__(self, name: str, value: object, problem: str, fix: str) -> None:
        self.name = name
        self.value = value
        self.problem = problem
        self.fix = fix
        super().__init__(f"parameter '{name}' = {value!r}: {problem}. Fix: {fix}")

    def named(self, section: str) -> ParameterError:
        """The same error with the setting's full name ``section.name`` (as in the file)."""
        return ParameterError(f"{section}.{self.name}", self.value, self.problem, self.fix)
