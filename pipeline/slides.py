"""Present the lecture: one self-contained offline HTML file, a PDF handout, Qt presenter files.

    python -m pipeline slides [--quality low|720p|1080p|4k] [--scenes SPEC] [--out DIR]

The scenes are manim-slides ``Slide`` classes: rendering a scene (``pipeline.render``) also
writes its slides -- one video per slide break -- and a JSON description into
``build/<quality>/slides``. This module renders what is missing (unchanged scenes are reused),
attaches the speaker notes (``scenes.notes``) to every slide, and writes into
``<out>/<quality>/``:

- ``lecture.html``: reveal.js (from the npm registry at set-up time, ``vendor/``) and every
  slide's video inlined as data URIs; no network at all when presenting;
- ``handout.pdf``: one page per slide (``pipeline.handout``);
- ``slides/<Scene>.json``: the same slides with notes, for ``manim-slides present``.

Every file is written under a temporary name and moved into place when complete. A missing
reveal.js file stops the build before anything is written, naming the fix.
"""

from __future__ import annotations

import base64
import html
import importlib.util
import logging
import mimetypes
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import av
from manim import tempconfig
from manim_slides.config import PresentationConfig, SlideConfig
from manim_slides.convert import JsBool, RevealJS, SlideNumber

from scenes import context
from scenes.base import LectureScene
from scenes.lecture import SCENES, SceneEntry
from scenes.notes import Note, lecture_notes
from pipeline.render import QUALITIES, ROOT, SceneJob, render_lecture, serialize_shared_files

#: reveal.js as fetched by ``./render.sh setup`` (``npm pack reveal.js@REVEAL_VERSION``); the
#: version manim-slides 5.7.0's template is written for. Keep in step with render.sh.
REVEAL_VERSION = "6.0.1"
VENDOR = ROOT / "vendor" / f"reveal.js-{REVEAL_VERSION}"
#: The files manim-slides' reveal.js template links to (paths inside the npm package).
REVEAL_ASSETS = (
    "dist/reveal.css",
    "dist/theme/black.css",
    "dist/plugin/highlight/zenburn.css",
    "dist/reveal.js",
    "dist/plugin/notes.js",
    "dist/plugin/markdown.js",
)
#: The template's CDN address is replaced by this, and every link to it by the vendored file,
#: so the HTML never names a network address (``.invalid`` cannot resolve).
PLACEHOLDER = "https://reveal-js.invalid/package"
LINK = re.compile(r'(?P<attr>href|src)="(?P<url>https?://[^"]*)"')

logging.getLogger("manim-slides").setLevel(logging.WARNING)


class PresentationError(RuntimeError):
    """The presentation cannot be built; the message names the problem and the fix."""


# -- reveal.js from the npm package ---------------------------------------------------------
def missing_reveal_assets(vendor: Path = VENDOR) -> list[str]:
    return [name for name in REVEAL_ASSETS if not (vendor / name).is_file()]


def check_reveal(vendor: Path = VENDOR) -> None:
    """Raise :class:`PresentationError` unless every reveal.js file the HTML needs is there."""
    missing = missing_reveal_assets(vendor)
    if missing:
        raise PresentationError(_missing_message(missing, vendor))


def _missing_message(missing: Iterable[str], vendor: Path) -> str:
    return (
        f"reveal.js {REVEAL_VERSION} is missing {', '.join(missing)} (looked in {vendor}). "
        "Run ./render.sh setup: it fetches reveal.js from the npm registry. "
        "Nothing was written."
    )


def data_uri(path: Path, mime: str | None = None) -> str:
    kind = mime or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_reveal(page: str, vendor: Path = VENDOR) -> str:
    """Replace every link to :data:`PLACEHOLDER` by the vendored file as a data URI.

    Scripts and style sheets become ``data:`` URLs rather than inline text, so nothing in
    them (``</script>``, ``<!--``) can end an element early. Any other network address left
    in the page is an error: the file must present with no network.
    """
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        url = match["url"]
        if not url.startswith(PLACEHOLDER + "/"):
            raise PresentationError(f"the slides' HTML links to {url}: it must be self-contained")
        name = url.removeprefix(PLACEHOLDER + "/")
        path = vendor / name
        if not path.is_file():
            missing.append(name)
            return match[0]
        mime = "text/css" if path.suffix == ".css" else "text/javascript"
        return f'{match["attr"]}="{data_uri(path, mime)}"'

    page = LINK.sub(replace, page)
    if missing:
        raise PresentationError(_missing_message(missing, vendor))
    return page


# -- slides and their notes -------------------------------------------------------------------
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


def slide_config_path(entry: SceneEntry, quality: str, build: Path = ROOT / "build") -> Path:
    """Where rendering the scene wrote its slides' JSON."""
    return build / quality / "slides" / f"{entry.name}.json"


def _frames(video: Path) -> int:
    with av.open(str(video)) as container:
        return container.streams.video[0].frames


def _job(entry: SceneEntry, quality: str, out: Path, build: Path) -> SceneJob:
    return SceneJob(entry, quality, out / quality, build / quality, key="")


def _load_slides(
    entry: SceneEntry, quality: str, out: Path, build: Path
) -> PresentationConfig | None:
    """The scene's slides if they belong to its current video (same frames in all), else None."""
    path = slide_config_path(entry, quality, build)
    video = _job(entry, quality, out, build).video
    try:
        config = PresentationConfig.from_file(path)
        slide_frames = sum(_frames(slide.file) for slide in config.slides)
        if slide_frames != _frames(video):
            return None
    except (OSError, ValueError, av.error.FFmpegError):
        return None
    return config


def slides_of(scene: LectureScene) -> int:
    """How many slides manim-slides saves for a scene whose ``construct`` has run: one per
    ``next_slide()`` that closes animations, plus a last one if animations follow the last
    break (manim-slides' ``_add_last_slide``), less slides marked ``skip_animations``."""
    slides = list(scene._slides)
    trailing = not (slides and scene._current_animation == slides[-1].end_animation)
    skipped = sum(slide.skip_animations for slide in slides)
    if trailing:
        skipped += bool(scene._base_slide_config.skip_animations)
    return len(slides) + trailing - skipped


def count_slides(entry: SceneEntry | type[LectureScene]) -> int:
    """The number of slides of a scene, without rendering: ``construct`` runs in manim's dry
    run with every animation reduced to a count (a second or two per scene)."""
    cls = entry.load() if isinstance(entry, SceneEntry) else entry

    class Counting(cls):  # type: ignore[valid-type, misc]
        def play(self, *args: object, **kwargs: object) -> None:
            self._current_animation += 1  # what manim-slides counts; nothing is drawn

    media = ROOT / "build" / "low" / "media"  # shares the LaTeX cache with 480p renders
    serialize_shared_files()  # a render may be compiling the same formulas into that cache
    with tempconfig(
        {
            "dry_run": True,
            "format": "png",
            "skip_animations": True,
            "media_dir": str(media),
            "verbosity": "ERROR",
            "progress_bar": "none",
            "quality": "low_quality",
        }
    ):
        scene = Counting(output_folder=media / "count")  # a dry run writes no slides
        scene.render()
    return slides_of(scene)


def check_notes(
    entries: Sequence[SceneEntry], notes: dict[str, tuple[Note, ...]], counts: dict[str, int]
) -> None:
    """Raise :class:`PresentationError` unless each scene has exactly one note per slide."""
    problems = []
    for entry in entries:
        have, want = len(notes.get(entry.name, ())), counts[entry.name]
        if have != want:
            problems.append(
                f"{entry.slug}: {want} slide(s) but {have} note(s) in "
                f"scenes/notes.py ({entry.name})"
            )
    if problems:
        raise PresentationError(
            "every slide needs one speaker note: " + "; ".join(problems) + ". Nothing was written."
        )


# -- writing -----------------------------------------------------------------------------------
def _atomic(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.name}.partial")


def write_html(decks: Sequence[Deck], target: Path, vendor: Path = VENDOR) -> None:
    """The whole presentation as one HTML file that needs no network."""
    check_reveal(vendor)
    talk = context.talk()
    converter = RevealJS(
        presentation_configs=[deck.with_notes(escape=True) for deck in decks],
        one_file=True,
        offline=False,  # links stay on PLACEHOLDER; inline_reveal fills them from vendor/
        cdn_url=PLACEHOLDER,
        reveal_version=REVEAL_VERSION,
        title=html.escape(f"{talk.title} · {talk.club}"),  # the template inserts it as is
        background_color=decks[0].config.background_color if decks else "black",
        controls=JsBool.true,
        progress=JsBool.true,
        slide_number=SlideNumber.candt,
        hash=JsBool.true,  # a reload stays on the slide
    )
    partial = _atomic(target)
    try:
        converter.convert_to(partial)  # writes the page with the videos inlined
        page = inline_reveal(partial.read_text(encoding="utf-8"), vendor)
        partial.write_text(page, encoding="utf-8")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def write_presenter_configs(decks: Sequence[Deck], folder: Path) -> None:
    """``<Scene>.json`` with notes for ``manim-slides present --folder <folder>``."""
    for deck in decks:
        target = folder / f"{deck.entry.name}.json"
        partial = _atomic(target)
        try:
            deck.with_notes(escape=False).to_file(partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


# -- the command ------------------------------------------------------------------------------
def build_presentation(
    entries: Sequence[SceneEntry] = SCENES,
    quality: str = "low",
    out: Path = ROOT / "output",
    *,
    jobs: int | None = None,
    force: bool = False,
    build: Path = ROOT / "build",
    vendor: Path = VENDOR,
) -> int:
    """Render what is missing, then write the HTML, the handout and the presenter files;
    return a process exit code."""
    from pipeline.handout import write_handout

    started = time.perf_counter()
    if quality not in QUALITIES:
        print(f"error: unknown quality '{quality}'", file=sys.stderr)
        return 2
    try:
        check_reveal(vendor)
        notes = lecture_notes()
        unnoted = [e.slug for e in entries if e.name not in notes]
        if unnoted:
            raise PresentationError(
                f"no speaker notes for {', '.join(unnoted)}: add them to scenes/notes.py"
            )
    except PresentationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    # A scene whose slides do not match its video (build/ removed, or rendered elsewhere
    # since) is rendered again: forget its record so render_lecture does not reuse it.
    for entry in entries:
        job = _job(entry, quality, out, build)
        if job.video.is_file() and _load_slides(entry, quality, out, build) is None:
            job.record.unlink(missing_ok=True)
    code = render_lecture(list(entries), quality, out, jobs=jobs, force=force, build=build)
    if code != 0:
        print("error: the slides were not built (a scene failed to render)", file=sys.stderr)
        return code
    render_seconds = time.perf_counter() - started

    decks = []
    for entry in entries:
        config = _load_slides(entry, quality, out, build)
        if config is None:
            print(
                f"error: {entry.slug}: its slides in {slide_config_path(entry, quality, build)} do not "
                "match its video; run again with --force",
                file=sys.stderr,
            )
            return 1
        decks.append(Deck(entry, config, notes[entry.name]))
    try:
        check_notes(entries, notes, {d.entry.name: len(d.config.slides) for d in decks})
    except PresentationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1

    folder = out / quality
    html_file, pdf_file = folder / "lecture.html", folder / "handout.pdf"
    try:
        write_html(decks, html_file, vendor)
        html_seconds = time.perf_counter() - started - render_seconds
        write_handout(decks, pdf_file)
        write_presenter_configs(decks, folder / "slides")
    except PresentationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    total = sum(len(d.config.slides) for d in decks)
    print(
        f"Slides: {html_file} ({total} slides, {html_file.stat().st_size / 2**20:.1f} MiB, "
        f"made in {html_seconds:.1f} s)\n"
        f"Handout: {pdf_file} ({total} pages)\n"
        f"Qt presenter files: {folder / 'slides'}\n"
        f"Done in {time.perf_counter() - started:.1f} s. Open the HTML in a browser: → next, "
        "← back, S speaker notes, F full screen."
    )
    return 0


def present(
    entries: Sequence[SceneEntry], quality: str = "low", out: Path = ROOT / "output"
) -> int:
    """Open the slides built by :func:`build_presentation` in ``manim-slides present`` (Qt)."""
    folder = out / quality / "slides"
    missing = [e.slug for e in entries if not (folder / f"{e.name}.json").is_file()]
    if missing:
        print(
            f"error: no slides for {', '.join(missing)} in {folder}. "
            f"Build them first: ./render.sh slides --quality {quality}",
            file=sys.stderr,
        )
        return 1
    if importlib.util.find_spec("PySide6") is None:
        print(
            "error: the Qt presenter needs PySide6, an optional extra (about 300 MB). Install it "
            'with: .venv/bin/pip install "manim-slides[pyside6]==5.7.0". '
            f"Or open {out / quality / 'lecture.html'} in a browser (no install needed).",
            file=sys.stderr,
        )
        return 1
    command = [
        sys.executable,
        "-m",
        "manim_slides",
        "present",
        "--folder",
        str(folder),
        *(e.name for e in entries),
    ]
    return subprocess.call(command)
