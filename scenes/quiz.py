"""The AI Balderdash quiz as the scenes use it beyond its own slides.

The terms come from the quiz file (``self.values.balderdash``, loaded by mathcore from
``assets/balderdash.toml`` or the teacher's copy); nothing here types a term in.
"""

from __future__ import annotations

from mathcore.terms import Balderdash


def generated_terms(quiz: Balderdash) -> list[str]:
    """The made-up terms in the order scene 2 shows them: the quiz's, then the sampling."""
    return [t.term for t in quiz.quiz if not t.real] + list(quiz.more_generated)


def joke_term(quiz: Balderdash) -> str:
    """The generated term the Calculus scene calls on ("This sounds like a job for… X!!!"):
    the last generated theorem shown in scene 2 (in the shipped file, the one scene 2's
    notes ask the class to remember), else the last generated term, else the quiz's last
    term."""
    generated = generated_terms(quiz)
    theorems = [term for term in generated if "theorem" in term.lower()]
    return (theorems or generated or [quiz.quiz[-1].term])[-1]
