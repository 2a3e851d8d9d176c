"""Build a scene without rendering it: its speaker notes and its number of slides.

``dry_run(entry)`` runs the scene's ``construct`` in manim's dry-run mode (no frame drawn,
no file written) and returns the built scene with ``.notes`` (one :class:`Note` per slide,
in order) and ``.slides`` (the slides manim-slides would save). By default every animation
is only counted, which takes a second or two per scene; ``draw=True`` plays each one to its
end state instead (slower), so that what is on screen at each beat can be inspected
(``on_beat``, as the tests' layout probe does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manim import tempconfig

from scenes.base import LectureScene
from scenes.lecture import SceneEntry
from scenes.notes import Note

ROOT = Path(__file__).resolve().parent.parent
#: Where a dry run keeps manim's caches (LaTeX, text): shared with the 480p renders. A caller
#: running beside render workers makes manim's caches safe first
#: (``pipeline.manim_cache.serialize_shared_files``).
MEDIA = ROOT / "build" / "low" / "media"

BeatHook = Callable[[LectureScene, str], None]


@dataclass(frozen=True)
class DryRun:
    """A scene whose ``construct`` has run: ``scene`` and its number of ``slides``."""

    scene: LectureScene
    slides: int

    @property
    def notes(self) -> tuple[Note, ...]:
        """The speaker notes, one per slide, in order."""
        return tuple(self.scene.notes)


def dry_run(
    scene: SceneEntry | type[LectureScene],
    *,
    draw: bool = False,
    on_beat: BeatHook | None = None,
    media_dir: Path = MEDIA,
) -> DryRun:
    """Build ``scene`` (an entry of ``scenes.lecture.SCENES`` or a scene class) without
    rendering: animations are counted only, or played to their end with ``draw``.
    ``on_beat(scene, label)`` is called at each beat ("beat 1", ...) and at the end ("end").
    A scene that fails (e.g. :class:`~scenes.base.MissingNoteError`) raises here."""
    cls = scene.load() if isinstance(scene, SceneEntry) else scene
    built = (cls if draw else _counting(cls))(output_folder=media_dir / "dry-run")
    LectureScene.beat_hook = on_beat
    try:
        with tempconfig(
            {
                "dry_run": True,
                "format": "png",
                "skip_animations": True,
                "media_dir": str(media_dir),
                "verbosity": "ERROR",
                "progress_bar": "none",
                "quality": "low_quality",
            }
        ):
            built.render()
    finally:
        LectureScene.beat_hook = None
    return DryRun(built, slides_of(built))


def slides_of(scene: LectureScene) -> int:
    """How many slides manim-slides saves for a scene whose ``construct`` has run: one per
    beat (a scene ends with one, so no last slide is added), less any marked
    ``skip_animations``."""
    return sum(not slide.skip_animations for slide in scene._slides)


def _counting(cls: type[LectureScene]) -> type[LectureScene]:
    """``cls`` whose animations are counted (as manim-slides counts them), not played."""

    def play(self: LectureScene, *args: Any, **kwargs: Any) -> None:
        self._current_animation += 1

    return type(cls.__name__, (cls,), {"play": play, "__module__": cls.__module__})
