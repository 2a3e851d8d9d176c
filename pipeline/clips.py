"""The slides' clips, gathered where a teacher can take them: ``<out>/<quality>/slides/``.

Rendering leaves each scene's slides -- one video per slide break -- under ``build/``, named
by manim-slides' hashes and listed by absolute path. :func:`publish` copies them into the
output's ``slides/files/<Scene>/NN.mp4`` beside the slide's finished frame (its last), twice:
``NN.png``, lossless, which the handouts print, and ``NN.webp``, the poster the HTML shows
under the clip, in the overview and when going back (WebP: a third of a JPEG's size for
these flat pictures, which matters 63 times inside one file). The presenter's JSON names them relative
to the folder (:func:`portable_config`), so the copied folder works anywhere: with
``manim-slides present --folder slides`` and ``manim-slides convert --folder slides``
(manim-slides reads a relative path from the folder that holds ``slides/``: keep its name).
A narrated slide also gets its words beside its clip: ``NN.m4a`` (its audio, from the slide's
start to its end) and ``NN.vtt`` (its captions), which the HTML's self-study mode plays.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import av
from manim_slides.config import PresentationConfig
from PIL import Image

from mathcore.files import atomic_path
from pipeline.deck import Deck

FILES = "files"  # inside slides/: one folder of clips and posters per scene
POSTER_QUALITY = 85  # WebP quality of the posters


def clip_name(number: int) -> str:
    """A slide's clip in its scene's folder, e.g. ``03.mp4`` for the third slide."""
    return f"{number:02d}.mp4"


def poster_path(clip: Path) -> Path:
    """The poster beside a clip: its finished frame for the screen (WebP)."""
    return clip.with_suffix(".webp")


def frame_path(clip: Path) -> Path:
    """The finished frame beside a clip, lossless (PNG): what the handouts print."""
    return clip.with_suffix(".png")


def audio_path(clip: Path) -> Path:
    """A narrated slide's audio beside its clip (AAC): from the slide's start to its end."""
    return clip.with_suffix(".m4a")


def captions_path(clip: Path) -> Path:
    """A narrated slide's captions beside its clip (WebVTT), times from the slide's start."""
    return clip.with_suffix(".vtt")


def last_frame(video: Path) -> Image.Image:
    """The last frame of a video: what the slide shows when it stops. Decoding starts at the
    last key frame (not the first frame), so a long 1080p clip takes a moment, not seconds."""
    frame = None
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        if stream.duration:
            container.seek(stream.duration, stream=stream, backward=True, any_frame=False)
        for frame in container.decode(stream):  # noqa: B007 (keep the last one)
            pass
        if frame is None:  # the seek went past every frame: decode from the start
            container.seek(0, stream=stream)
            for frame in container.decode(stream):  # noqa: B007
                pass
        if frame is None:
            raise ValueError(f"{video} has no frames")
        return frame.to_image()


def _is_copy(source: Path, target: Path) -> bool:
    """``target`` is an up-to-date copy of ``source`` (same size and modification time, as
    :func:`shutil.copy2` leaves it)."""
    try:
        a, b = source.stat(), target.stat()
    except OSError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def _copy(source: Path, target: Path) -> None:
    if _is_copy(source, target):
        return
    with atomic_path(target) as partial:
        shutil.copy2(source, partial)


def _fresh(derived: Path, clip: Path) -> bool:
    return derived.is_file() and derived.stat().st_mtime_ns >= clip.stat().st_mtime_ns


def _posters(clip: Path) -> None:
    """Write the clip's finished frame (PNG) and poster (WebP) unless they are up to date."""
    if _fresh(frame_path(clip), clip) and _fresh(poster_path(clip), clip):
        return
    frame = last_frame(clip).convert("RGB")
    with atomic_path(poster_path(clip)) as partial:
        frame.save(partial, format="WEBP", quality=POSTER_QUALITY, method=4)
    with atomic_path(frame_path(clip)) as partial:  # last: it marks both as done
        frame.save(partial, format="PNG", compress_level=6)


def finished_frame(clip: Path) -> Image.Image:
    """The slide's finished frame: its published PNG when up to date, else decoded."""
    frame = frame_path(clip)
    if _fresh(frame, clip):
        with Image.open(frame) as image:
            return image.convert("RGB")
    return last_frame(clip)


def publish(
    decks: Sequence[Deck],
    folder: Path,
    narration: Mapping[str, Sequence[tuple[Path, Path] | None]] | None = None,
) -> list[Deck]:
    """Copy every slide's clip into ``folder/files/<Scene>/`` with its poster (unchanged ones
    are kept), and a narrated slide's audio and captions (``narration[scene name]``: per
    slide, the pair or None, :func:`pipeline.narration_out.slide_narration`); remove clips
    of those scenes that no slide uses any more, and words no slide says any more; return the
    decks with their configurations pointing at the copies (absolute paths)."""
    published = []
    for deck in decks:
        scene = folder / FILES / deck.entry.name
        said = list((narration or {}).get(deck.entry.name, ()))
        if len(said) != len(deck.config.slides):
            said = [None] * len(deck.config.slides)  # a silent scene (or words of another render)
        slides = []
        for number, (slide, words) in enumerate(zip(deck.config.slides, said, strict=True), 1):
            clip = scene / clip_name(number)
            _copy(slide.file, clip)
            _posters(clip)
            if words is None:
                audio_path(clip).unlink(missing_ok=True)
                captions_path(clip).unlink(missing_ok=True)
            else:
                _copy(words[0], audio_path(clip))
                _copy(words[1], captions_path(clip))
            slides.append(slide.model_copy(update={"file": clip, "rev_file": clip}))
        keep = {clip_name(n) for n in range(1, len(slides) + 1)}
        for stale in scene.glob("*.mp4"):
            if stale.name not in keep:
                stale.unlink()
                for derived in (poster_path, frame_path, audio_path, captions_path):
                    derived(stale).unlink(missing_ok=True)
        config = deck.config.model_copy(update={"slides": slides})
        published.append(Deck(deck.entry, config, deck.notes))
    return published


def portable_config(config: PresentationConfig, folder: Path) -> PresentationConfig:
    """``config`` (its clips inside ``folder``) with each path written as manim-slides reads
    a relative one: from the folder that holds ``folder``, e.g. ``slides/files/X/01.mp4``."""
    base = folder.resolve().parent
    slides = []
    for slide in config.slides:
        relative = slide.file.resolve().relative_to(base)
        slides.append(slide.model_copy(update={"file": relative, "rev_file": relative}))
    return config.model_copy(update={"slides": slides})
