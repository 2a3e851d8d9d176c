"""The AI Balderdash quiz: terms that are real mathematics or made up by a neural network.

The file (TOML) has ``[[quiz]]`` entries with ``term`` (text) and ``real`` (bool), shown in
order, and ``[more] generated = [...]``, a further sampling of generated terms.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from mathcore.data import check_readable_file
from mathcore.errors import DataFileError
from mathcore.slide_text import too_long, undrawable


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


#: What scene 2 has room for: the quiz as one numbered column, then the further sampling
#: in two columns, each in the quiz's type size (longer or more terms would be shrunk
#: below readable). The shipped file has 10 quiz terms (the longest 63 characters) and 17
#: further ones (the longest 34).
MAX_QUIZ_TERMS = 12
MAX_QUIZ_TERM_LENGTH = 70
MAX_MORE_TERMS = 20
MAX_MORE_TERM_LENGTH = 40


def load_terms(path: str | Path) -> Balderdash:
    """Load and check the quiz file; raises :class:`DataFileError` naming the bad entry."""
    path = Path(path)
    check_readable_file(path, "the quiz file (TOML, a copy of assets/balderdash.toml)")
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise DataFileError(
            path, f"not valid TOML ({err})", "fix the syntax at that line"
        ) from None
    entries = doc.get("quiz")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, "no [[quiz]] entries", "add [[quiz]] entries with term and real")
    if len(entries) > MAX_QUIZ_TERMS:
        raise DataFileError(
            path,
            f"has {len(entries)} [[quiz]] entries; the quiz slide has room for {MAX_QUIZ_TERMS}",
            f"keep at most {MAX_QUIZ_TERMS} (move the others to [more] generated)",
        )
    quiz = []
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise DataFileError(path, f"quiz entry {i} is not a table", "write it as [[quiz]]")
        term, real = entry.get("term"), entry.get("real")
        if not isinstance(term, str) or not term.strip():
            raise DataFileError(path, f"quiz entry {i} has no text 'term'", 'write term = "..."')
        _check_term(path, f"quiz entry {i}", term.strip(), MAX_QUIZ_TERM_LENGTH)
        if not isinstance(real, bool):
            raise DataFileError(
                path,
                f"quiz entry {i} ('{term}') needs real = true or false",
                "add real = true (a real term) or real = false (generated)",
            )
        quiz.append(QuizTerm(term=term.strip(), real=real))
    more_table = doc.get("more")
    more = more_table.get("generated") if isinstance(more_table, dict) else None
    if more is None:
        raise DataFileError(
            path,
            "no [more] generated list (scene 2 shows a further sampling of generated terms)",
            'add a section [more] with generated = ["term one", "term two"]',
        )
    if (
        not isinstance(more, list)
        or not more
        or not all(isinstance(t, str) and t.strip() for t in more)
    ):
        raise DataFileError(
            path,
            "[more] generated must be a list of 1 or more texts",
            'write generated = ["term one", "term two"]',
        )
    if len(more) > MAX_MORE_TERMS:
        raise DataFileError(
            path,
            f"[more] generated has {len(more)} terms; its slide has room for {MAX_MORE_TERMS}",
            f"keep at most {MAX_MORE_TERMS}",
        )
    for i, term in enumerate(more, start=1):
        _check_term(path, f"[more] generated term {i}", term.strip(), MAX_MORE_TERM_LENGTH)
    return Balderdash(quiz=tuple(quiz), more_generated=tuple(t.strip() for t in more))


def _check_term(path: Path, where: str, term: str, longest: int) -> None:
    problem = undrawable(term) or too_long(term, longest, 1)
    if problem:
        shown = term if len(term) <= 30 else term[:27] + "..."
        raise DataFileError(
            path,
            f"{where} ({shown!r}) {problem}",
            f"write it on one line of at most {longest} characters, without emoji",
        )
