"""The base class of every lecture scene: one look, slide breaks with their notes, and a
hook for tests.

A scene subclasses :class:`LectureScene`, draws from ``self.values`` (mathcore's results)
and ``self.talk``, and calls :meth:`LectureScene.beat` with the slide's speaker
:class:`~scenes.notes.Note` wherever a presenter would press "next". In a video a beat is a
short pause; with manim-slides each beat ends a slide, and the note is that slide's. A scene
ends with a beat: animations after the last one would make a slide without a note, and
the scene fails (:class:`MissingNoteError`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from manim import AnimationGroup, ManimColor, Mobject, Scene, VMobject, config
from manim_slides import Slide

from mathcore.config import Talk
from mathcore.lecture import LectureValues
from scenes import context, pacing, theme
from scenes.camera import LectureCamera
from scenes.layers import paints_nothing
from scenes.notes import Note

#: Updaters that follow trackers only (see :func:`follow`): updater -> its trackers.
_FOLLOWS: weakref.WeakKeyDictionary[Callable[..., object], tuple[Mobject, ...]] = (
    weakref.WeakKeyDictionary()
)


def follow(mob: Mobject, updater: Callable[..., object], *trackers: Mobject) -> Mobject:
    """Add ``updater`` to ``mob``, saying that what it draws depends on ``trackers`` (e.g.
    ValueTrackers) and on nothing else that moves: in an animation that animates none of
    them, ``mob`` is drawn once into the animation's still background instead of at every
    frame (the Cairo renderer redraws every mobject with an updater, and everything drawn
    after it, at every frame). The updater must be a function of the trackers' values only
    (and of fixed data); a tracker must change only by being animated."""
    _FOLLOWS[updater] = trackers
    mob.add_updater(updater)
    return mob


def _animated_ids(animations: Any) -> set[int]:
    """The mobjects the animations move, by id (their families; groups' animations too)."""
    ids: set[int] = set()
    for animation in animations:
        ids.update(id(m) for m in animation.mobject.get_family())
        if isinstance(animation, AnimationGroup):
            ids |= _animated_ids(animation.animations)
    return ids


class MissingNoteError(RuntimeError):
    """A scene plays animations after its last slide break: that slide would have no note."""


class LectureScene(Slide):
    """A scene of the lecture: subclasses write ``construct``; the scene's ``title`` (chapter
    name) is its row's in ``scenes.lecture.SCENES``."""

    skip_reversing = True  # the presenter plays forward; reversed videos cost render time
    #: Called at every beat and at the end with the scene (tests record what is on screen).
    beat_hook: ClassVar[Callable[[LectureScene, str], None] | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("camera_class", LectureCamera)  # frames drawn for less: scenes.camera
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.camera.background_color = ManimColor(theme.BACKGROUND)
        self.values: LectureValues = context.lecture()
        self.talk: Talk = context.talk()
        self.beats = 0
        #: The speaker notes of the slides closed so far, one per beat, in order.
        self.notes: list[Note] = []
        #: The narration's plan for this render (scenes.pacing), and each slide's times.
        self.pacer = pacing.Pacer(pacing.installed())

    @property
    def title(self) -> str:
        """The chapter name, from the scene's row in ``scenes.lecture.SCENES`` ("" for a
        scene that is not in the list; a test's scene may set ``title`` itself)."""
        from scenes.lecture import entry_of  # the list imports this module

        entry = entry_of(type(self))
        return entry.title if entry else ""

    def beat(self, note: Note, pause: float = theme.BEAT_PAUSE) -> None:
        """End the slide shown since the last beat, whose speaker note is ``note``: hold for
        ``pause`` seconds in a video (longer when a narration's words need it, see
        :mod:`scenes.pacing`); "next" when presenting."""
        self.pacer.end_slide(self, pause)
        self.beats += 1
        self.notes.append(note)
        if LectureScene.beat_hook is not None:
            LectureScene.beat_hook(self, f"beat {self.beats}")
        # manim-slides gives next_slide(notes=...) to the slide that starts there: the note
        # goes to the slide this beat closes instead.
        self._base_slide_config.notes = note.markdown()
        self.next_slide()

    def play(self, *args: Any, **kwargs: Any) -> None:
        # a narrated render may hold the frame until this step's words begin (scenes.pacing)
        self.pacer.before_step(self, blank=self.shows_nothing)
        started = self.renderer.time
        super().play(*args, **kwargs)
        self.pacer.record_step(self.renderer.time - started)

    def shows_nothing(self) -> bool:
        """Whether the frame is empty: no mobject on screen paints anything."""
        return all(
            isinstance(part, VMobject) and paints_nothing(part)
            for mob in self.mobjects
            for part in mob.family_members_with_points()
        )

    def compile_animations(self, *args: Any, **kwargs: Any) -> list[Any]:
        # a narrated render stretches the slide's animations to its words (scenes.pacing)
        return list(self.pacer.stretch(super().compile_animations(*args, **kwargs)))

    def get_moving_mobjects(self, *animations: Any) -> list[Mobject]:
        """What the Cairo renderer redraws at every frame of these animations: as manim's,
        everything from the first mobject that moves on (so that the drawing order is kept),
        but a mobject whose updaters all :func:`follow` trackers that these animations leave
        still does not move (manim counts every mobject with an updater as moving)."""
        animated = _animated_ids(animations)
        foreground = {id(m) for m in self.foreground_mobjects}
        mobjects = self.get_mobject_family_members()
        for i, mob in enumerate(mobjects):
            if id(mob) in animated or id(mob) in foreground:
                return mobjects[i:]
            for member in mob.get_family():
                for updater in member.updaters:
                    trackers = _FOLLOWS.get(updater)
                    if trackers is None or any(id(t) in animated for t in trackers):
                        return mobjects[i:]
        return []

    def get_moving_and_static_mobjects(self, animations: Any) -> tuple[list, list]:
        # The idle followers are drawn into the still background, which the renderer draws
        # right after this: bring them up to date with their trackers first.
        for mob in self.get_mobject_family_members():
            if mob.updaters and all(u in _FOLLOWS for u in mob.updaters):
                mob.update(0, recursive=False)
        return super().get_moving_and_static_mobjects(animations)

    def tear_down(self) -> None:
        self.check_ends_with_a_beat()
        if LectureScene.beat_hook is not None:
            LectureScene.beat_hook(self, "end")
        super().tear_down()

    def check_ends_with_a_beat(self) -> None:
        """Raise :class:`MissingNoteError` if animations play after the last beat (or the
        scene has none): every slide needs its note."""
        slides = self._slides
        if slides and self._current_animation == slides[-1].end_animation:
            return
        problem = (
            "plays animations after its last self.beat(...), so its last slide has no note"
            if slides
            else "has no self.beat(...), so its slide has no note"
        )
        raise MissingNoteError(
            f"{type(self).__name__} {problem}. End construct with self.beat(note=Note(...)) "
            "(scenes.notes.Note: what to say and ask on that slide)."
        )

    def render(self, *args: Any, **kwargs: Any) -> None:
        # A dry run (tests) writes no partial movies, which manim-slides needs to save slides.
        if config.dry_run:
            Scene.render(self, *args, **kwargs)
        else:
            super().render(*args, **kwargs)
