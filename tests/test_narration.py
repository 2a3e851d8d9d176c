"""Narration: what the lecture's voice says on every slide, for a student watching alone.

Every slide has narration, written at its beat in the scene's own code beside the teacher's
note; the pronunciation table can say every symbol of it; no digit is typed into it (every
number is formatted from mathcore's values when the scene is built); the numbers it speaks are
the ones on screen at that slide (or the lecture's settings: learning rates, steps, hidden
units); and each slide says enough, but not too much, for the time it plays.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from mathcore.lecture import default_lecture
from pipeline.speech.pronounce import spoken, unspeakable
from scenes.dry_run import DryRun, dry_run
from scenes.lecture import SCENES, SceneEntry
from scenes.quiz import joke_term
from tests.scene_probe import numbers_in, probe

ROOT = Path(__file__).resolve().parent.parent
SCENE_SOURCES = sorted((ROOT / "scenes").rglob("*.py"))
#: Words a slide's narration may have: a slide plays about as long as its words (about 2.5 a
#: second), so fewer than this is a title card's mumble, more a lecture of its own.
MIN_WORDS, MAX_WORDS = 8, 120
NUMBER_SCENES = ("GradientDescent", "Backpropagation")  # on-screen check by default
IDS = [entry.slug for entry in SCENES]


@pytest.fixture(scope="module")
def built():
    """Each scene built once for this module (dry run, animations counted only)."""
    runs: dict[SceneEntry, DryRun] = {}

    def get(entry: SceneEntry) -> DryRun:
        if entry not in runs:
            runs[entry] = dry_run(entry)
        return runs[entry]

    return get


def words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize("entry", SCENES, ids=IDS)
def test_every_slide_has_narration(built, entry):
    """Narration on every slide, one paragraph, as long as the slide needs: written prose,
    no pause typed in as dots (the voice breathes at sentence ends)."""
    run = built(entry)
    assert len(run.notes) == run.slides >= 1
    for k, note in enumerate(run.notes, start=1):
        where = f"{entry.slug} slide {k}"
        text = note.narration
        assert text.strip(), f"{where} has no narration: add narration=... to its Note"
        assert "\n" not in text and text == text.strip(), f"{where}: one paragraph, trimmed"
        assert "..." not in text and "\u2026" not in text, f"{where}: no '...' in narration"
        assert MIN_WORDS <= words(text) <= MAX_WORDS, (
            f"{where} narration has {words(text)} words (expected {MIN_WORDS}-{MAX_WORDS})"
        )
        assert text[-1] in ".!?", f"{where}: narration ends mid-sentence: {text[-40:]!r}"


@pytest.mark.parametrize("entry", SCENES, ids=IDS)
def test_the_pronunciation_table_says_all_narration(built, entry):
    for k, note in enumerate(built(entry).notes, start=1):
        assert unspeakable(note.narration) == [], (
            f"{entry.slug} slide {k}: the voice cannot say {unspeakable(note.narration)} in "
            f"{spoken(note.narration)!r}: rephrase in words (pipeline/speech/pronounce.py)"
        )


# -- no number typed in -------------------------------------------------------------------
def _narration_strings(tree: ast.AST) -> list[str]:
    """The literal text of every string passed as ``narration=`` (f-strings without their
    {fields}, and strings joined or chosen inside the argument)."""
    parts = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        for keyword in call.keywords:
            if keyword.arg == "narration":
                parts += [
                    node.value
                    for node in ast.walk(keyword.value)
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)
                ]
    return parts


def test_the_digit_check_sees_narration():
    tree = ast.parse('Note("say", narration=f"{y} is 7" + ("ok" if y else "8 m"))')
    assert _narration_strings(tree) == [" is 7", "ok", "8 m"]


def test_narration_types_in_no_digits():
    """Every number the voice says is formatted from mathcore when the scene is built: the
    text typed into narration has no digit at all (formula constants are words: "one minus
    p", "two over n")."""
    typed = [
        (path.name, text)
        for path in SCENE_SOURCES
        for text in _narration_strings(ast.parse(path.read_text(encoding="utf-8")))
        if re.search("[0-9]", text)
    ]
    assert not typed, f"digits typed into narration: {typed}"


def test_every_note_in_the_scenes_is_written_with_narration():
    """Each ``Note(...)`` of the scenes' code passes ``narration=`` (also those a branch the
    shipped lecture does not take would build)."""
    bare = [
        f"{path.name}:{call.lineno}"
        for path in SCENE_SOURCES
        if path.name != "notes.py"
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(call, ast.Call)
        and getattr(call.func, "id", None) == "Note"
        and not any(keyword.arg == "narration" for keyword in call.keywords)
    ]
    assert not bare, f"Note(...) without narration=: {bare}"


# -- the numbers spoken are the ones shown ------------------------------------------------
def _settings_numbers() -> list[float]:
    """The lecture's settings (learning rates, steps, hidden units, start values, scale)."""
    settings = default_lecture().settings
    found: list[float] = []
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, int | float) and not isinstance(item, bool):
                found.append(float(item))
    return found


def _is_setting(number: tuple[float, int], settings: list[float]) -> bool:
    value, decimals = number
    return any(abs(value - s) <= 0.5 * 10.0**-decimals + 1e-12 for s in settings)


def _spoken_numbers(text: str) -> list[tuple[float, int]]:
    return numbers_in([text.replace("\u2212", "-")])


@pytest.mark.parametrize("entry", SCENES, ids=IDS)
def test_narration_numbers_are_the_notes(built, entry):
    """Quick check on every scene: a number the narration says is one the slide's note lists
    or says (the teacher's numbers, from the same values), or a setting."""
    settings = _settings_numbers()
    for k, note in enumerate(built(entry).notes, start=1):
        listed = [value for _, value in note.values] + [note.say, note.ask]
        known = set(numbers_in([text.replace("\u2212", "-") for text in listed]))
        for number in _spoken_numbers(note.narration):
            assert number in known or _is_setting(number, settings), (
                f"{entry.slug} slide {k}: the narration says {number[0]} "
                f"({number[1]} decimals), which its note does not ({sorted(known)})"
            )


def _numbers_on_screen(entry: SceneEntry) -> None:
    built_scene = probe(entry)
    settings = _settings_numbers()
    for k, note in enumerate(built_scene.notes):
        shown = set(numbers_in(built_scene.shots[k].strings()))
        for number in _spoken_numbers(note.narration):
            assert number in shown or _is_setting(number, settings), (
                f"{entry.slug} slide {k + 1}: the narration says {number[0]} with "
                f"{number[1]} decimals, not on screen ({sorted(shown)})"
            )


@pytest.mark.parametrize("name", NUMBER_SCENES)
def test_narration_numbers_are_on_screen(name):
    _numbers_on_screen(next(e for e in SCENES if e.name == name))


@pytest.mark.slow
@pytest.mark.parametrize("entry", SCENES, ids=IDS)
def test_narration_numbers_are_on_screen_everywhere(entry):
    _numbers_on_screen(entry)


# -- the quiz -----------------------------------------------------------------------------
def test_the_quiz_narration_keeps_its_secret_and_its_joke(built, lecture):
    """The quiz slide's narration names no term (the answers come on the next slide); the
    joke term is said from the quiz file, where scene 2 asks to remember it and where the
    Calculus gag calls on it."""
    quiz = built(next(e for e in SCENES if e.name == "AIBalderdash")).notes
    terms = [t.term for t in lecture.balderdash.quiz]
    assert not [term for term in terms if term in quiz[0].narration]
    joke = joke_term(lecture.balderdash)
    gag = built(next(e for e in SCENES if e.name == "Calculus")).notes[0]
    assert joke in quiz[-1].narration and joke in gag.narration
