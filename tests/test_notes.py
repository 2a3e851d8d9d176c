"""Speaker notes: every slide of the lecture has one, written at its beat in the scene's own
code, in the teacher's voice, with no number typed in; the values a note lists are the ones
on screen at that slide; a scene that would leave a slide without a note fails."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from manim import FadeIn

from scenes import theme
from scenes.base import LectureScene, MissingNoteError
from scenes.dry_run import DryRun, dry_run
from scenes.lecture import SCENES, SceneEntry
from scenes.notes import Note
from scenes.quiz import generated_terms, joke_term
from tests.scene_probe import numbers_in, probe

ROOT = Path(__file__).resolve().parent.parent
SCENE_SOURCES = sorted((ROOT / "scenes").rglob("*.py"))


@cache
def built(entry: SceneEntry) -> DryRun:
    """The scene built once (dry run, animations counted only)."""
    return dry_run(entry)


def test_notes_cover_every_slide_of_the_lecture():
    """One note per slide for every scene of the ordered list (slides counted by running each
    scene's construct without drawing), each attached to the slide its beat closes."""
    total = 0
    for entry in SCENES:
        run = built(entry)
        assert run.slides >= 1, f"{entry.slug} has no slide"
        assert len(run.notes) == run.slides, (
            f"{entry.slug} has {run.slides} slide(s) but {len(run.notes)} note(s)"
        )
        slide_notes = [slide.notes for slide in run.scene._slides]
        assert slide_notes == [note.markdown() for note in run.notes], (
            f"{entry.slug}: a note is not on the slide its beat closes"
        )
        for k, note in enumerate(run.notes, start=1):
            assert len(note.say.split()) >= 8, f"{entry.slug} slide {k}: say more"
            assert "\n" not in note.say + note.ask
        total += run.slides
    assert total == sum(len(built(entry).notes) for entry in SCENES) > len(SCENES)


def test_notes_ask_the_class_to_guess_the_balderdash_terms():
    quiz = built(next(e for e in SCENES if e.name == "AIBalderdash")).notes[0]
    assert "Guess which" in quiz.ask
    asks = [note.ask for entry in SCENES for note in built(entry).notes if note.ask]
    assert len(asks) >= 30


def test_the_joke_term_is_the_quiz_files(lecture):
    """The Calculus gag and the notes that set it up name a generated term of the quiz file,
    the same one, and no scene types it in."""
    joke = joke_term(lecture.balderdash)
    assert joke in generated_terms(lecture.balderdash) and "theorem" in joke.lower()
    setup = built(next(e for e in SCENES if e.name == "AIBalderdash")).notes[-1]
    gag = built(next(e for e in SCENES if e.name == "Calculus")).notes[0]
    assert f"Remember {joke}:" in setup.say and f"{joke}!!!" in gag.say
    stem = joke.split()[0][:6]  # e.g. the first letters of the made-up name
    typed = [path.name for path in SCENE_SOURCES if stem in path.read_text(encoding="utf-8")]
    assert not typed, f"{typed} type the joke term in; read it from self.values.balderdash"


def _note_strings(tree: ast.AST) -> list[str]:
    """The literal text of every string inside a ``Note(...)`` call (f-strings without their
    {fields})."""
    parts = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Note":
            parts += [
                node.value
                for node in ast.walk(call)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
            ]
    return parts


def test_notes_type_in_no_numbers():
    """A number in the notes comes from mathcore, formatted when the scene is built: the text
    typed into the notes holds no digits but the 0, 1 and 2 of formulas."""
    typed = [
        (path.name, text, number)
        for path in SCENE_SOURCES
        for text in _note_strings(ast.parse(path.read_text(encoding="utf-8")))
        for number in re.findall(r"\d+(?:\.\d+)?", text)
        if number not in {"0", "1", "2"}
    ]
    assert not typed, f"numbers typed into the notes: {typed}"


def test_the_number_check_sees_notes():
    tree = ast.parse('Note("say 42 things", values=(("x", f"{y} is 7"),))')
    assert _note_strings(tree) == ["say 42 things", "x", " is 7"]


def _values_on_screen(entry: SceneEntry) -> None:
    built_scene = probe(entry)
    for k, note in enumerate(built_scene.notes):
        shown = set(numbers_in(built_scene.shots[k].strings()))
        for label, text in note.values:
            for number in numbers_in([text.replace("\u2212", "-")]):
                assert number in shown, (
                    f"{entry.slug} slide {k + 1}: the note lists {label} = {text}, "
                    f"not on screen ({sorted(shown)})"
                )


@pytest.mark.parametrize("number", [7, 15], ids=["MSEAgainstSlope", "LogisticAsGraph"])
def test_note_values_are_the_ones_on_screen(number):
    _values_on_screen(next(e for e in SCENES if e.number == number))


@pytest.mark.slow
@pytest.mark.parametrize("entry", SCENES, ids=lambda e: e.slug)
def test_note_values_are_the_ones_on_screen_everywhere(entry):
    _values_on_screen(entry)


# -- a slide cannot exist without its note ------------------------------------------------
class _TrailingAnimation(LectureScene):
    def construct(self) -> None:
        self.play(FadeIn(theme.text("first")))
        self.beat(Note("The first slide, which has its note."))
        self.play(FadeIn(theme.text("second")))


class _NoBeat(LectureScene):
    def construct(self) -> None:
        self.play(FadeIn(theme.text("alone")))


@pytest.mark.parametrize("scene", [_TrailingAnimation, _NoBeat], ids=lambda s: s.__name__)
@pytest.mark.parametrize("draw", [False, True], ids=["counted", "drawn"])
def test_animations_after_the_last_beat_fail_naming_the_scene(scene, draw):
    with pytest.raises(MissingNoteError, match=rf"{scene.__name__} .*self\.beat\(note="):
        dry_run(scene, draw=draw)


def test_beat_needs_a_note():
    class Bare(LectureScene):
        def construct(self) -> None:
            self.beat()  # type: ignore[call-arg]

    with pytest.raises(TypeError, match="note"):
        dry_run(Bare)
