"""The base class of every lecture scene: one look, slide breaks, and a hook for tests.

A scene subclasses :class:`LectureScene`, draws from ``self.values`` (mathcore's results),
and calls :meth:`LectureScene.beat` wherever a presenter would press "next". In a video a
beat is a short pause; with manim-slides each beat ends a slide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from manim import ManimColor, Scene, config
from manim_slides import Slide

from mathcore.lecture import LectureValues
from scenes import context, theme


class LectureScene(Slide):
    """A scene of the lecture. Subclasses set ``title`` (the chapter name) and ``construct``."""

    title: ClassVar[str] = ""
    skip_reversing = True  # the presenter plays forward; reversed videos cost render time
    #: Called at every beat and at the end with the scene (tests record what is on screen).
    beat_hook: ClassVar[Callable[[LectureScene, str], None] | None] = None

    def setup(self) -> None:
        super().setup()
        self.camera.background_color = ManimColor(theme.BACKGROUND)
        self.values: LectureValues = context.lecture()
        self.talk = context.talk()
        self.beats = 0

    def beat(self, pause: float = theme.BEAT_PAUSE) -> None:
        """A slide break: hold for ``pause`` seconds in a video; "next" when presenting."""
        self.wait(pause)
        self.beats += 1
        if LectureScene.beat_hook is not None:
            LectureScene.beat_hook(self, f"beat {self.beats}")
        self.next_slide()

    def tear_down(self) -> None:
        if LectureScene.beat_hook is not None:
            LectureScene.beat_hook(self, "end")
        super().tear_down()

    def render(self, *args: Any, **kwargs: Any) -> None:
        # A dry run (tests) writes no partial movies, which manim-slides needs to save slides.
        if config.dry_run:
            Scene.render(self, *args, **kwargs)
        else:
            super().render(*args, **kwargs)
