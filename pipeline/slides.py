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

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from mathcore.config import QUALITIES
from pipeline.deck import (
    Deck,
    PresentationError,
    check_notes,
    load_notes,
    load_slides,
    scene_job,
    slide_config_path,
)
from pipeline.handout import write_handout
from pipeline.paths import BUILD, OUTPUT
from pipeline.presenter import write_presenter_configs
from pipeline.render import render_lecture
from pipeline.reveal import VENDOR, check_reveal, write_html
from scenes.lecture import SCENES, SceneEntry


def build_presentation(
    entries: Sequence[SceneEntry] = SCENES,
    quality: str = "low",
    out: Path = OUTPUT,
    *,
    jobs: int | None = None,
    force: bool = False,
    build: Path = BUILD,
    vendor: Path = VENDOR,
) -> int:
    """Render what is missing, then write the HTML, the handout and the presenter files;
    return a process exit code."""
    started = time.perf_counter()
    if quality not in QUALITIES:
        print(f"error: unknown quality '{quality}'", file=sys.stderr)
        return 2
    try:
        check_reveal(vendor)
    except PresentationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    # A scene whose slides do not match its video (build/ removed, or rendered elsewhere
    # since), or whose record has no notes, is rendered again: forget its record so
    # render_lecture does not reuse it.
    for entry in entries:
        job = scene_job(entry, quality, out, build)
        if job.video.is_file() and (
            load_slides(entry, quality, out, build) is None
            or load_notes(entry, quality, out) is None
        ):
            job.record.unlink(missing_ok=True)
    code = render_lecture(list(entries), quality, out, jobs=jobs, force=force, build=build)
    if code != 0:
        print("error: the slides were not built (a scene failed to render)", file=sys.stderr)
        return code
    render_seconds = time.perf_counter() - started

    decks = []
    for entry in entries:
        config = load_slides(entry, quality, out, build)
        notes = load_notes(entry, quality, out)
        if config is None or notes is None:
            print(
                f"error: {entry.slug}: its slides in {slide_config_path(entry, quality, build)} do not "
                "match its video; run again with --force",
                file=sys.stderr,
            )
            return 1
        decks.append(Deck(entry, config, notes))
    try:
        check_notes(decks)
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
