"""What the classroom tests share: a small presentation built once per session, and a way to
tell whether a screenshot of the projected window shows exactly a slide's frame.

The deck is scenes 18 and 20 (ChainRule: two slides; ThankYou: one), rendered at 480p into a
temporary folder: three slides across a scene boundary, in a few seconds.

The self-study tests use a deck of their own (:func:`study_deck`), four slides of a fraction
of a second of animation across two scenes: :class:`SpokenSlides`, two slides each with one
short sentence said by the default voice (about two seconds a slide), then
:class:`QuietThenSpoken`, a slide without words and one more with a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from manim import DOWN, UP, FadeIn
from PIL import Image, ImageFilter

from pipeline.clips import FILES, clip_name, frame_path
from scenes import theme
from scenes.base import LectureScene
from scenes.lecture import SceneEntry
from scenes.notes import Note

SMALL = "18,20"
QUALITY = "low"
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"


@dataclass(frozen=True)
class ClassroomDeck:
    entries: list[SceneEntry]
    out: Path

    @property
    def folder(self) -> Path:
        return self.out / QUALITY

    @property
    def html(self) -> Path:
        return self.folder / "lecture.html"

    @property
    def slides(self) -> Path:
        return self.folder / "slides"

    @property
    def total(self) -> int:
        """Slides in the deck, counted from its scenes without rendering."""
        from scenes.dry_run import dry_run

        return sum(dry_run(entry).slides for entry in self.entries)

    def clips(self) -> list[Path]:
        """Every slide's clip in the published slides folder, in order."""
        return [
            clip
            for entry in self.entries
            for clip in sorted((self.slides / FILES / entry.name).glob("*.mp4"))
        ]

    def poster(self, index: int) -> Image.Image:
        """Slide ``index``'s finished frame (0-based, over the whole deck), lossless."""
        return Image.open(frame_path(self.clips()[index])).convert("RGB")


_built: dict[str, ClassroomDeck | StudyDeck] = {}


def classroom_deck(tmp_path_factory: pytest.TempPathFactory) -> ClassroomDeck:
    """:data:`SMALL` built once per session (HTML, PowerPoint, handouts, slides folder),
    shared with tests/test_slides.py."""
    if "deck" not in _built:
        from tests.test_slides import SMALL as SLIDES_TESTS_DECK
        from tests.test_slides import small_deck

        assert SLIDES_TESTS_DECK == SMALL
        built = small_deck(tmp_path_factory)  # the slides tests' build: rendered once
        deck = ClassroomDeck(built.entries, built.out)
        from scenes.dry_run import dry_run

        assert [c.name for c in deck.clips()] == [
            clip_name(n) for e in deck.entries for n in range(1, dry_run(e).slides + 1)
        ]
        _built["deck"] = deck
    return _built["deck"]


# -- a narrated deck for the self-study mode ---------------------------------------------------
WORDS = ("One short sentence.", "Here is the second one.", "And this is the last.")


class SpokenSlides(LectureScene):
    """Two slides, each a short fade and one short sentence to say."""

    title = "Spoken slides"

    def construct(self) -> None:
        for number, words in enumerate(WORDS[:2], start=1):
            label = theme.text(f"Slide {number}", size=72).shift(UP * (2 - number * 1.5))
            self.play(FadeIn(label), run_time=0.4)
            self.beat(Note(f"Slide {number}.", narration=words), pause=0.2)


class QuietThenSpoken(LectureScene):
    """A slide with nothing to say (its narration is empty), then one with a sentence."""

    title = "Quiet, then spoken"

    def construct(self) -> None:
        self.play(FadeIn(theme.text("Quiet", size=72).shift(UP)), run_time=0.4)
        self.beat(Note("Nothing said."), pause=0.2)
        self.play(FadeIn(theme.text("Slide 4", size=72).shift(DOWN)), run_time=0.4)
        self.beat(Note("Slide 4.", narration=WORDS[2]), pause=0.2)


@dataclass(frozen=True)
class StudyEntry(SceneEntry):
    """A row of the self-study deck: its scene class lives in this module."""

    def load(self) -> type[LectureScene]:
        return globals()[self.name]


STUDY_SCENES = (
    StudyEntry(91, "backprop", "SpokenSlides", "Spoken slides"),
    StudyEntry(92, "backprop", "QuietThenSpoken", "Quiet, then spoken"),
)


@dataclass(frozen=True)
class StudyDeck:
    out: Path
    build: Path

    @property
    def html(self) -> Path:
        return self.out / QUALITY / "lecture.html"

    @property
    def total(self) -> int:
        """Slides in the deck, counted from its scenes without rendering."""
        from scenes.dry_run import dry_run

        return sum(dry_run(entry).slides for entry in self.entries)

    def clips(self) -> list[Path]:
        """Every slide's published clip, in order."""
        folder = self.out / QUALITY / "slides" / FILES
        return [clip for e in STUDY_SCENES for clip in sorted((folder / e.name).glob("*.mp4"))]

    def poster(self, index: int) -> Image.Image:
        """Slide ``index``'s finished frame (0-based), lossless."""
        return Image.open(frame_path(self.clips()[index])).convert("RGB")


def study_deck(tmp_path_factory: pytest.TempPathFactory, *, silent: bool = False) -> StudyDeck:
    """:data:`STUDY_SCENES` built once per session with the default voice (``silent``: with
    ``voice = "none"``, the silent lecture), into a temporary output and build folder (the
    speech cache too: three sentences are synthesized)."""
    key = "study silent" if silent else "study"
    if key not in _built:
        from pipeline import narration
        from pipeline.slides import build_presentation
        from pipeline.speech.engines import choose_voice

        root = tmp_path_factory.mktemp(key.replace(" ", "_"))
        out, build = root / "out", root / "build"
        saved = dict(narration._state)
        narration._state.clear()  # the shipped settings' voice: Piper's joe (or espeak-ng)
        if silent:
            narration.use(narration.Narrator(choose_voice("none")))
        try:
            assert build_presentation(list(STUDY_SCENES), QUALITY, out, jobs=1, build=build) == 0
        finally:
            narration._state.clear()
            narration._state.update(saved)
        _built[key] = StudyDeck(out, build)
    return _built[key]


# -- pictures ---------------------------------------------------------------------------------
def worst_tile_difference(
    screenshot: Path, expected: Image.Image, *, tile: int = 40, ignore_bottom: int = 40
) -> float:
    """The largest mean absolute difference (0-255) over ``tile``-pixel squares between a
    screenshot and ``expected`` scaled to fill it (the slide fills a 16:9 window). The
    bottom ``ignore_bottom`` pixels -- reveal.js's progress bar and slide number -- are left
    out. Both are blurred a little first (edges scaled by a browser move by a fraction of a
    pixel); a button, a spinner or a wrong frame anywhere still makes some square differ."""
    soften = ImageFilter.GaussianBlur(3)  # browsers scale with other filters: edges move
    shot_image = Image.open(screenshot).convert("RGB")
    width, height = shot_image.size
    shot = np.asarray(shot_image.filter(soften), dtype=np.float32)
    want = np.asarray(
        expected.convert("RGB").resize((width, height), Image.BICUBIC).filter(soften),
        dtype=np.float32,
    )
    diff = np.abs(shot - want).mean(axis=2)[: height - ignore_bottom]
    rows, cols = diff.shape[0] // tile, diff.shape[1] // tile
    tiles = diff[: rows * tile, : cols * tile].reshape(rows, tile, cols, tile).mean(axis=(1, 3))
    return float(tiles.max())


def tiny_video(path: Path, frames: int = 3) -> None:
    """A few frames of H.264 (64x36), for tests that need a clip but no render."""
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for i in range(frames):
            image = np.full((36, 64, 3), 40 * i, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
