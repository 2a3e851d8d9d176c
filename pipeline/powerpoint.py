"""The lecture as a PowerPoint deck, ``lecture.pptx``: one slide per slide break, its clip
filling the slide and starting by itself (manim-slides' PowerPoint converter, python-pptx),
and the speaker notes as plain text (PowerPoint shows Markdown's ``**`` as typed).

Written by ``lecture slides`` beside the HTML, under a temporary name first.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import pptx
from manim_slides.convert import PowerPoint

from mathcore.files import atomic_path
from pipeline.deck import Deck
from scenes import context
from scenes.notes import Note

logging.getLogger("manim-slides").setLevel(logging.WARNING)


def plain_notes(heading: str, note: Note) -> str:
    """A slide's notes as PowerPoint shows them: paragraphs of plain text, no Markdown."""
    parts = [heading, note.say]
    if note.ask:
        parts.append(f"Ask the class: {note.ask}")
    if note.values:
        parts.append(
            "On screen: " + " · ".join(f"{label} = {value}" for label, value in note.values)
        )
    return "\n".join(parts)


def slide_headings(decks: Sequence[Deck]) -> Iterator[str]:
    """Each slide's heading, e.g. "18. Chain rule (1/2)", in order."""
    for deck in decks:
        count = len(deck.config.slides)
        for k in range(1, count + 1):
            part = f" ({k}/{count})" if count > 1 else ""
            yield f"{deck.entry.number}. {deck.entry.title}{part}"


def write_pptx(decks: Sequence[Deck], target: Path) -> int:
    """Write the PowerPoint deck (every clip, clean notes); return its number of slides."""
    headings = slide_headings(decks)
    configs = []
    for deck in decks:
        slides = [
            slide.model_copy(update={"notes": plain_notes(next(headings), note)})
            for slide, note in zip(deck.config.slides, deck.notes, strict=True)
        ]
        configs.append(deck.config.model_copy(update={"slides": slides}))
    width, height = configs[0].resolution if configs else (1920, 1080)
    converter = PowerPoint(presentation_configs=configs, width=width, height=height)
    talk = context.talk()
    with atomic_path(target) as partial:
        with contextlib.redirect_stderr(io.StringIO()):  # its progress bars, not the build's
            converter.convert_to(partial)
        deck = pptx.Presentation(str(partial))
        deck.core_properties.title = talk.title
        deck.core_properties.author = talk.speaker
        deck.core_properties.subject = talk.club
        deck.save(str(partial))
    return sum(len(config.slides) for config in configs)
