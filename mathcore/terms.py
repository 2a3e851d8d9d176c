"""The AI Balderdash quiz: terms that are real mathematics or made up by a neural network.

The file (TOML) has ``[[quiz]]`` entries with ``term`` (text) and ``real`` (bool), shown in
order, and ``[more] generated = [...]``, a further sampling of generated terms.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from mathcore.errors import DataFileError


@dataclass(frozen=True)
class QuizTerm:
    term: str
    real: bool


@dataclass(frozen=True)
class Balderdash:
    quiz: tuple[QuizTerm, ...]
    more_generated: tuple[str, ...]

    @property
    def real_count(self) -> int:
        return sum(t.real for t in self.quiz)


def load_terms(path: str | Path) -> Balderdash:
    """Load and check the quiz file; raises :class:`DataFileError` naming the bad entry."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "file not found", "check the path of the Balderdash terms")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise DataFileError(
            path, f"not valid TOML ({err})", "fix the syntax at that line"
        ) from None
    entries = doc.get("quiz")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, "no [[quiz]] entries", "add [[quiz]] entries with term and real")
    quiz = []
    for i, entry in enumerate(entries, start=1):
        term, real = entry.get("term"), entry.get("real")
        if not isinstance(term, str) or not term.strip():
            raise DataFileError(path, f"quiz entry {i} has no text 'term'", 'write term = "..."')
        if not isinstance(real, bool):
            raise DataFileError(
                path,
                f"quiz entry {i} ('{term}') needs real = true or false",
                "add real = true (a real term) or real = false (generated)",
            )
        quiz.append(QuizTerm(term=term.strip(), real=real))
    more = doc.get("more", {}).get("generated", [])
    if not isinstance(more, list) or not all(isinstance(t, str) for t in more):
        raise DataFileError(
            path,
            "[more] generated must be a list of strings",
            'write generated = ["term one", "term two"]',
        )
    return Balderdash(quiz=tuple(quiz), more_generated=tuple(t.strip() for t in more))
