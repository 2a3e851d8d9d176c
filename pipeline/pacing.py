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

VERSION = 2
"""Bumped when the rules above change how a narrated scene is timed (part of its skip key)."""


@dataclass(frozen=True)
class Measured:
    """A scene built without drawing: its dry run and each slide's :class:`SlideTime` as
    written (``animated`` is the animations' time, ``hold`` the beat's pause)."""

    run: DryRun
    slides: tuple[SlideTime, ...]
    steps: tuple[tuple[float, ...], ...] = ()  # each slide's steps (plays, waits), in s


def slide_pace(
    animated: float,
    pause: float,
    speech: float,
    steps: Sequence[float] = (),
    sentences: Sequence[float] = (),
) -> SlidePace:
    """The plan of a slide whose animations take ``animated`` s and whose beat pauses
    ``pause`` s, when its voice lasts ``speech`` s (0: no words, timing as written).

    ``steps`` are the slide's steps as written (each ``play`` or ``wait``, s) and
    ``sentences`` the start of each sentence in its voice (s from the voice's start): step
    ``i`` of ``n`` is cued to the sentence ``floor(i·S/n)`` of ``S`` (or, with more steps
    than sentences, to ``i/n`` of the way through the words), never so late that the steps
    after it would not fit in the slide, and never earlier than it would start anyway.
    """
    if speech <= 0.0:
        return SlidePace()
    length = round(LEAD + speech + BREATH, 4)
    if animated + pause >= length or animated <= 0.0:
        return SlidePace(length, 1.0)
    stretch = min(MAX_STRETCH, max(1.0, (length - pause) / animated))
    return SlidePace(
        length, round(stretch, 4), cues(steps, stretch, length - pause, speech, sentences)
    )


def cues(
    steps: Sequence[float],
    stretch: float,
    room: float,
    speech: float,
    sentences: Sequence[float],
) -> tuple[float, ...]:
    """When each step should start (s from the slide's start): spread over the words as
    :func:`slide_pace` says, within ``room`` seconds for all the steps (stretched)."""
    n = len(steps)
    if n < 2:
        return ()
    durations = [d * stretch for d in steps]
    out: list[float] = []
    natural = 0.0  # when the step would start with the holds before it
    for i in range(n):
        if i == 0:
            want = 0.0
        elif len(sentences) >= n:
            want = LEAD + sentences[(i * len(sentences)) // n]
        else:
            want = LEAD + speech * i / n
        latest = room - sum(durations[i:])
        start = max(natural, min(want, latest))
        out.append(round(start, 4))
        natural = start + durations[i]
    return tuple(out)


def plan(
    slides: Sequence[SlideTime],
    speech: Sequence[float],
    steps: Sequence[Sequence[float]] = (),
    sentences: Sequence[Sequence[float]] = (),
) -> Pacing:
    """The plan of a scene: each measured slide with its voice's duration (s, 0: none), its
    steps as written and its sentences' starts (see :func:`slide_pace`)."""
    steps = list(steps) + [()] * (len(slides) - len(steps))
    sentences = list(sentences) + [()] * (len(slides) - len(sentences))
    return Pacing(
        tuple(
            slide_pace(slide.animated, slide.hold, seconds, slide_steps, starts)
            for slide, seconds, slide_steps, starts in zip(
                slides, speech, steps, sentences, strict=True
            )
        )
    )


def measure(scene: SceneEntry | type[LectureScene], media_dir: Path = MEDIA) -> Measured:
    """Build ``scene`` without drawing, its clock advanced by each animation's run time:
    its notes (with each slide's narration) and each slide's time as written."""
    cls = scene.load() if isinstance(scene, SceneEntry) else scene
    run = dry_run(_timed(cls), draw=True, media_dir=media_dir)
    pacer = run.scene.pacer
    steps = tuple(tuple(s) for s in pacer.steps[: len(pacer.slides)])
    return Measured(run, tuple(pacer.slides), steps)


def _timed(cls: type[LectureScene]) -> type[LectureScene]:
    """``cls`` whose animations are compiled (their run times known) but not played."""

    def play(self: LectureScene, *args: Any, **kwargs: Any) -> None:
        self._current_animation += 1
        animations = self.compile_animations(*args, **kwargs)
        if not animations:  # e.g. fading out what unplayed steps would have shown
            self.pacer.record_step(0.0)
            return
        seconds = self.get_run_time(animations)
        self.renderer.time += seconds
        self.pacer.record_step(seconds)

    return type(cls.__name__, (cls,), {"play": play, "__module__": cls.__module__})
