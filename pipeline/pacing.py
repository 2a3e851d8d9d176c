"""The narration paces the picture: each slide lasts as long as its words plus a breath.

For each slide the voice starts :data:`LEAD` seconds after the slide does and the slide ends
no sooner than :data:`BREATH` seconds after its last word. When the slide as written (its
animations, then the beat's pause) is shorter than that, its animations are stretched --
every ``run_time`` multiplied by one factor, at most :data:`MAX_STRETCH` -- so the picture
moves while the words describe it, and the rest is a hold of the slide's last frame. A
slide whose words fit in its time as written keeps that timing; so does a slide with no
words. The plan (:class:`scenes.pacing.Pacing`) is applied by the scene itself while it
renders (:class:`scenes.pacing.Pacer`), which holds to whole frames and records when each
slide started.

To know a slide's animation time before rendering, :func:`measure` builds the scene
without drawing: each ``play`` compiles its animations (their run times, as the render
will have them) and advances the clock by their duration, as a render does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes.base import LectureScene
from scenes.dry_run import MEDIA, DryRun, dry_run
from scenes.lecture import SceneEntry
from scenes.pacing import Pacing, SlidePace, SlideTime

LEAD = 0.25
"""Seconds from a slide's start to its first word: the picture moves first."""

BREATH = 0.6
"""Seconds from a slide's last word to the slide's end, at least."""

MAX_STRETCH = 2.0
"""Animations run at most this many times as long as written; longer words hold the frame."""

VERSION = 1
"""Bumped when the rules above change how a narrated scene is timed (part of its skip key)."""


@dataclass(frozen=True)
class Measured:
    """A scene built without drawing: its dry run and each slide's :class:`SlideTime` as
    written (``animated`` is the animations' time, ``hold`` the beat's pause)."""

    run: DryRun
    slides: tuple[SlideTime, ...]


def slide_pace(animated: float, pause: float, speech: float) -> SlidePace:
    """The plan of a slide whose animations take ``animated`` s and whose beat pauses
    ``pause`` s, when its voice lasts ``speech`` s (0: no words, timing as written)."""
    if speech <= 0.0:
        return SlidePace()
    length = round(LEAD + speech + BREATH, 4)
    if animated + pause >= length or animated <= 0.0:
        return SlidePace(length, 1.0)
    stretch = min(MAX_STRETCH, max(1.0, (length - pause) / animated))
    return SlidePace(length, round(stretch, 4))


def plan(slides: Sequence[SlideTime], speech: Sequence[float]) -> Pacing:
    """The plan of a scene: each measured slide with its voice's duration (s, 0: none)."""
    return Pacing(
        tuple(
            slide_pace(slide.animated, slide.hold, seconds)
            for slide, seconds in zip(slides, speech, strict=True)
        )
    )


def measure(scene: SceneEntry | type[LectureScene], media_dir: Path = MEDIA) -> Measured:
    """Build ``scene`` without drawing, its clock advanced by each animation's run time:
    its notes (with each slide's narration) and each slide's time as written."""
    cls = scene.load() if isinstance(scene, SceneEntry) else scene
    run = dry_run(_timed(cls), draw=True, media_dir=media_dir)
    return Measured(run, tuple(run.scene.pacer.slides))


def _timed(cls: type[LectureScene]) -> type[LectureScene]:
    """``cls`` whose animations are compiled (their run times known) but not played."""

    def play(self: LectureScene, *args: Any, **kwargs: Any) -> None:
        self._current_animation += 1
        animations = self.compile_animations(*args, **kwargs)
        self.renderer.time += self.get_run_time(animations)

    return type(cls.__name__, (cls,), {"play": play, "__module__": cls.__module__})
