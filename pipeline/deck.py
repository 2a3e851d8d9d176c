"""A scene's slides as rendered: manim-slides' configuration (one video per slide, in
``build/``) and the speaker note given at each slide break (``beat(note=...)``), recorded by
the render beside the scene's video."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import av
from manim_slides.config import PresentationConfig, SlideConfig

from pipeline.jobs import SceneJob
from pipeline.paths import BUILD
from scenes.lecture import SceneEntry
from scenes.notes import Note


class PresentationError(RuntimeError):
    """The presentation cannot be built; the message names the problem and the fix."""


@dataclass(frozen=True)
class Deck:
    """One scene's slides (manim-slides' configuration, videos in ``build/``) and notes."""

    entry: SceneEntry
    config: PresentationConfig
    notes: tuple[Note, ...]

    def with_notes(self, *, escape: bool) -> PresentationConfig:
        """The configuration with each slide's note; ``escape`` for HTML (the reveal.js
        template inserts notes as they are)."""
        slides: list[SlideConfig] = []
        for slide, note in zip(self.config.slides, self.notes, strict=True):
            text = note.markdown()
            slides.append(slide.model_copy(update={"notes": html.escape(text) if escape else text}))
        return self.config.model_copy(update={"slides": slides})


def slide_config_path(entry: SceneEntry, quality: str, build: Path = BUILD) -> Path:
    """Where rendering the scene wrote its slides' JSON."""
    return build / quality / "slides" / f"{entry.name}.json"


def scene_job(entry: SceneEntry, quality: str, out: Path, build: Path) -> SceneJob:
    """The scene's render job (for its output paths; the skip key is not computed)."""
    return SceneJob(entry, quality, out / quality, build / quality, key="")


def _frames(video: Path) -> int:
    with av.open(str(video)) as container:
        return container.streams.video[0].frames


def load_slides(
    entry: SceneEntry, quality: str, out: Path, build: Path = BUILD
) -> PresentationConfig | None:
    """The scene's slides if they belong to its current video (same frames in all), else None."""
    path = slide_config_path(entry, quality, build)
    video = scene_job(entry, quality, out, build).video
    try:
        config = PresentationConfig.from_file(path)
        slide_frames = sum(_frames(slide.file) for slide in config.slides)
        if slide_frames != _frames(video):
            return None
    except (OSError, ValueError, av.error.FFmpegError):
        return None
    return config


def load_notes(entry: SceneEntry, quality: str, out: Path) -> tuple[Note, ...] | None:
    """The notes the scene's last good render recorded, one per slide (None: no record)."""
    recorded = scene_job(entry, quality, out, BUILD).previous().get("notes")
    if not isinstance(recorded, list):
        return None
    try:
        return tuple(
            Note(
                say=note["say"],
                ask=note.get("ask", ""),
                values=tuple((str(label), str(value)) for label, value in note.get("values", ())),
            )
            for note in recorded
        )
    except (TypeError, ValueError, KeyError):
        return None


def check_notes(decks: Sequence[Deck]) -> None:
    """Raise :class:`PresentationError` unless each scene has exactly one note per slide."""
    problems = [
        f"{deck.entry.slug}: {len(deck.config.slides)} slide(s) but {len(deck.notes)} note(s)"
        for deck in decks
        if len(deck.notes) != len(deck.config.slides)
    ]
    if problems:
        raise PresentationError(
            "every slide needs one speaker note, given at its slide break "
            "(self.beat(note=...)): " + "; ".join(problems) + ". Nothing was written."
        )
