"""How long each slide lasts when a voice narrates it: the plan a render follows, and what
the scene records of its own timing.

A :class:`Pacing` gives each slide of a scene a ``length`` (the time its words need: see
``pipeline.pacing``) and a ``stretch``: the factor every animation of the slide has its
``run_time`` multiplied by, so that the picture moves while the words describe it. The
slide's beat holds its last frame for its own ``pause``, then, frozen (encoded, not
redrawn), until the slide has lasted ``length``. A slide with ``length`` 0, or a render with no plan
installed (the silent lecture), keeps the timing written in the scene exactly.

The plan is installed for one render (:func:`paced`) and read by
:class:`scenes.base.LectureScene`, whose :class:`Pacer` applies it and records each slide's
:class:`SlideTime` (start, time animated, time held), so the voice can be placed at each
slide's start in the video.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from manim import Scene


@dataclass(frozen=True)
class SlidePace:
    """One slide's plan: it lasts at least ``length`` seconds (0: as written), its
    animations run ``stretch`` times as long as written, and its ``i``-th step (a ``play``
    or the scene's own ``wait``) starts no sooner than ``cues[i]`` seconds after the slide
    does (the frame holds until then): the picture moves through the words, sentence by
    sentence, instead of all at once followed by a long still."""

    length: float = 0.0
    stretch: float = 1.0
    cues: tuple[float, ...] = ()


@dataclass(frozen=True)
class Pacing:
    """The plan of a scene's slides, in order; slides past the end keep their timing."""

    slides: tuple[SlidePace, ...] = ()

    def slide(self, index: int) -> SlidePace:
        """The plan of slide ``index`` (0-based)."""
        return self.slides[index] if 0 <= index < len(self.slides) else SlidePace()


@dataclass(frozen=True)
class SlideTime:
    """When a slide played in its scene: it ``start`` s from the scene's start, animated for
    ``animated`` s, then held its last frame for ``hold`` s."""

    start: float
    animated: float
    hold: float

    @property
    def end(self) -> float:
        return self.start + self.animated + self.hold

    @property
    def length(self) -> float:
        return self.animated + self.hold


_installed: list[Pacing] = []


def installed() -> Pacing | None:
    """The plan the next scene built in this process follows (None: timing as written)."""
    return _installed[-1] if _installed else None


@contextmanager
def paced(plan: Pacing | None) -> Iterator[None]:
    """Scenes built inside this block follow ``plan`` (None: timing as written)."""
    if plan is None:
        yield
        return
    _installed.append(plan)
    try:
        yield
    finally:
        _installed.pop()


class Pacer:
    """Applies a scene's plan and records its slides' times (one per scene instance)."""

    def __init__(self, plan: Pacing | None) -> None:
        self.plan = plan
        #: every slide closed so far, in order
        self.slides: list[SlideTime] = []
        #: each slide's steps as they ran (s): one per ``play`` or the scene's own ``wait``
        self.steps: list[list[float]] = [[]]
        self._start = 0.0
        self._holding = False

    def before_step(self, scene: Scene, blank: Callable[[], bool] | None = None) -> None:
        """Before a step of the current slide: hold the frame (frozen, encoded not redrawn)
        until the step's cue, when the plan gives one; never when ``blank()`` says the frame
        is empty (the slide before was just cleared: the voice would talk over nothing)."""
        if self.plan is None or self._holding:
            return
        pace = self.plan.slide(len(self.slides))
        step = len(self.steps[-1])
        if step >= len(pace.cues) or (blank is not None and blank()):
            return
        self._hold(scene, pace.cues[step] - (scene.time - self._start))

    def record_step(self, seconds: float) -> None:
        """Note a step of the current slide that took ``seconds`` (the beat's own hold is
        not a step)."""
        if not self._holding:
            self.steps[-1].append(round(float(seconds), 6))

    def _hold(self, scene: Scene, seconds: float) -> None:
        """Hold the last frame, frozen, for ``seconds`` rounded up to whole frames (nothing
        when less than one frame)."""
        fps = scene.camera.frame_rate
        frames = math.ceil(seconds * fps - 1e-6)
        if frames < 1:
            return
        self._holding = True
        try:
            # a frozen wait keeps int(run_time * fps) frames: ask for half a frame more
            scene.wait((frames + 0.5) / fps, frozen_frame=True)
        finally:
            self._holding = False

    def stretch(self, animations: Sequence[Any]) -> Sequence[Any]:
        """``animations`` (compiled for one ``play``) with their run times stretched by the
        current slide's factor; the beat's own hold is never stretched."""
        if self.plan is None or self._holding:
            return animations
        factor = self.plan.slide(len(self.slides)).stretch
        if factor != 1.0:
            for animation in animations:
                animation.run_time *= factor
        return animations

    def end_slide(self, scene: Scene, pause: float) -> SlideTime:
        """Hold the slide's last frame for the beat's ``pause`` and, when the plan wants the
        slide longer, for the rest of its length as one frozen frame (encoded, not redrawn),
        in whole frames; record the slide's time."""
        animated = scene.time - self._start
        needed = 0.0 if self.plan is None else self.plan.slide(len(self.slides)).length
        self._holding = True
        try:
            scene.wait(pause)
            rest = needed - (scene.time - self._start)
            if rest > 0.0:
                # a frozen wait keeps int(run_time * fps) frames: ask for half a frame more
                fps = scene.camera.frame_rate
                scene.wait((math.ceil(rest * fps - 1e-6) + 0.5) / fps, frozen_frame=True)
        finally:
            self._holding = False
        time = SlideTime(
            round(float(self._start), 6),
            round(float(animated), 6),
            round(float(scene.time - self._start - animated), 6),
        )
        self.slides.append(time)
        self.steps.append([])
        self._start = scene.time
        return time
