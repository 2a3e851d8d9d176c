"""Present the lecture: one self-contained offline HTML file, a PDF handout, Qt presenter files.

    python -m pipeline slides [--quality low|720p|1080p|4k] [--scenes SPEC] [--out DIR]

The scenes are manim-slides ``Slide`` classes: rendering a scene (``pipeline.render``) also
writes its slides -- one video per slide break -- and a JSON description into
``build/<quality>/slides``. This module renders what is missing (unchanged scenes are reused),
attaches the speaker notes (``scenes.notes``) to every slide, and writes into
``<out>/<quality>/``:

- ``lecture.html``: reveal.js (from the npm registry at set-up time, ``vendor/``) and every
  slide's video inlined as data URIs; no network at all when presenting; a narrated slide's
  audio and captions inside too, for the self-study mode (N);
- ``handout.pdf``: one page per slide with the speaker notes (``pipeline.handout``);
- ``student_handout.pdf``: three slides a page, light, room to write (``pipeline.student_handout``);
- ``lecture.pptx``: the slides for PowerPoint, every clip, plain notes (``pipeline.powerpoint``);
- ``slides/``: every slide's clip and poster (``pipeline.clips``) and ``<Scene>.json`` with
  notes and relative paths, for ``manim-slides present`` on any machine.

Every file is written under a temporary name and moved into place when complete. A missing
reveal.js file stops the build before anything is written, naming the fix.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mathcore.config import QUALITIES
from pipeline.clips import audio_path, publish
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
from pipeline.narration_out import slide_narration
from pipeline.paths import BUILD, OUTPUT
from pipeline.powerpoint import write_pptx
from pipeline.presenter import write_presenter_configs
from pipeline.progress import Reporter, with_reporter
from pipeline.render import render_lecture
from pipeline.reveal import VENDOR, check_reveal, write_html
from pipeline.student_handout import write_student_handout
from scenes.lecture import SCENES, SceneEntry

if TYPE_CHECKING:
    from distributed import Client


@with_reporter
def build_presentation(
    entries: Sequence[SceneEntry] = SCENES,
    quality: str = "low",
    out: Path = OUTPUT,
    *,
    jobs: int | None = None,
    force: bool = False,
    build: Path = BUILD,
    vendor: Path = VENDOR,
    cluster: Client | None = None,
    report: Reporter | None = None,
) -> int:
    """Render what is missing (on ``cluster``'s workers if given), then write the HTML, the
    handout and the presenter files; return a process exit code. ``report`` shows the
    progress and keeps the run summary (``<out>/<quality>/run.json``)."""
    assert report is not None  # with_reporter gives one
    report.summary.verb = "slides"
    started = time.perf_counter()
    if quality not in QUALITIES:
        report.error(f"error: unknown quality '{quality}'")
        return 2
    try:
        check_reveal(vendor)
    except PresentationError as err:
        report.error(f"error: {err}")
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
    code = render_lecture(
        list(entries),
        quality,
        out,
        jobs=jobs,
        force=force,
        build=build,
        cluster=cluster,
        report=report,
    )
    if code != 0:
        report.error("error: the slides were not built (a scene failed to render)")
        return code

    decks = []
    for entry in entries:
        config = load_slides(entry, quality, out, build)
        notes = load_notes(entry, quality, out)
        if config is None or notes is None:
            report.error(
                f"error: {entry.slug}: its slides in {slide_config_path(entry, quality, build)} do not "
                "match its video; run again with --force"
            )
            return report.save(out / quality, 1)
        decks.append(Deck(entry, config, notes))
    try:
        check_notes(decks)
    except PresentationError as err:
        report.error(f"error: {err}")
        return report.save(out / quality, 1)

    folder = out / quality
    html_file, pdf_file = folder / "lecture.html", folder / "handout.pdf"
    pptx_file, student_file = folder / "lecture.pptx", folder / "student_handout.pdf"
    try:
        narration = {e.name: slide_narration(scene_job(e, quality, out, build)) for e in entries}
        with report.step("the slides' clips and posters"):
            decks = publish(decks, folder / "slides", narration)
        html_started = time.perf_counter()
        with report.step("the HTML deck"):
            write_html(decks, html_file, vendor)
        html_seconds = time.perf_counter() - html_started
        with report.step("the handout"):
            write_handout(decks, pdf_file)
        with report.step("the student handout"):
            student_slides = write_student_handout(decks, student_file)
        pptx_started = time.perf_counter()
        with report.step("the PowerPoint deck"):
            write_pptx(decks, pptx_file)
        pptx_seconds = time.perf_counter() - pptx_started
        with report.step("the presenter files"):
            write_presenter_configs(decks, folder / "slides")
    except PresentationError as err:
        report.error(f"error: {err}")
        return report.save(folder, 1)
    total = sum(len(d.config.slides) for d in decks)
    size = html_file.stat().st_size / 2**20
    spoken = sum(audio_path(s.file).is_file() for d in decks for s in d.config.slides)
    report.output(
        "Slides",
        html_file,
        f"{total} slides ({spoken} narrated), {size:.1f} MiB, made in {html_seconds:.1f} s",
    )
    report.output("Handout", pdf_file, f"{total} pages")
    report.output("Student handout", student_file, f"{student_slides} slides, 3 a page")
    pptx_size = pptx_file.stat().st_size / 2**20
    report.output(
        "PowerPoint",
        pptx_file,
        f"{total} slides, {pptx_size:.1f} MiB, made in {pptx_seconds:.1f} s",
    )
    report.output("Qt presenter files", folder / "slides")
    report.info(
        f"Done in {time.perf_counter() - started:.1f} s. Open the HTML in a browser: → or "
        "Space next, ← back, S speaker notes, F full screen, N narrated self-study, H the keys."
    )
    return report.save(folder, 0)
