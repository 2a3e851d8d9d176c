"""The slides: speaker notes for every slide, the offline HTML, the PDF handout, and failing
cleanly when reveal.js is missing.

The HTML and the handout are built once per session for two short scenes (rendered at 480p
into a temporary folder); ``tests/test_browser.py`` opens the same HTML in Chromium.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from manim_slides.config import PresentationConfig, SlideConfig
from pypdf import PdfReader

from pipeline.deck import Deck, PresentationError
from pipeline.reveal import PLACEHOLDER, REVEAL_ASSETS, VENDOR, inline_reveal, write_html
from pipeline.slides import build_presentation
from scenes.dry_run import dry_run
from scenes.lecture import SCENES, SceneEntry, select

ROOT = Path(__file__).resolve().parent.parent
SMALL = "18,20"  # ChainRule and ThankYou: a few slides, a few seconds


@dataclass(frozen=True)
class SmallDeck:
    """The presentation of :data:`SMALL`, built into ``out``."""

    entries: list[SceneEntry]
    out: Path
    slides: dict[str, int]  # slides per scene, counted without rendering

    @property
    def html(self) -> Path:
        return self.out / "low" / "lecture.html"

    @property
    def handout(self) -> Path:
        return self.out / "low" / "handout.pdf"

    @property
    def total(self) -> int:
        return sum(self.slides.values())


_built: dict[str, SmallDeck] = {}


def small_deck(tmp_path_factory: pytest.TempPathFactory) -> SmallDeck:
    """Build :data:`SMALL` once per session (shared with the browser test)."""
    if "deck" not in _built:
        assert not [name for name in REVEAL_ASSETS if not (VENDOR / name).is_file()], (
            "reveal.js is not vendored: run ./render.sh setup"
        )
        entries = select(SMALL)
        out = tmp_path_factory.mktemp("slides")
        assert build_presentation(entries, "low", out) == 0
        _built["deck"] = SmallDeck(entries, out, {e.name: dry_run(e).slides for e in entries})
    return _built["deck"]


def notes_of(entry: SceneEntry) -> tuple:
    """The scene's notes, one per slide, as its construct gives them at its beats."""
    return dry_run(entry).notes


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> SmallDeck:
    return small_deck(tmp_path_factory)


# -- the HTML -------------------------------------------------------------------------------
def test_html_is_one_self_contained_file(deck):
    page = deck.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    sections = soup.select("div.slides > section")
    assert len(sections) == deck.total
    for section in sections:
        assert section["data-clip"].startswith("data:video/mp4;base64,")  # the player's
        assert section["data-background-image"].startswith("data:image/webp;base64,")  # poster
        aside = section.find("aside", class_="notes")
        assert aside is not None and aside.get_text(strip=True)
    for tag in soup.find_all(["script", "link", "img", "video", "source", "iframe"]):
        for attr in ("src", "href"):
            if tag.has_attr(attr):
                assert tag[attr].startswith("data:"), f"{tag.name} {attr}={tag[attr][:60]}"
    assert "reveal-js.invalid" not in page and "cdn.jsdelivr" not in page
    assert not list(deck.html.parent.glob(".*partial*")), "a temporary file was left behind"


def test_html_notes_are_the_lecture_notes(deck):
    soup = BeautifulSoup(deck.html.read_text(encoding="utf-8"), "html.parser")
    asides = [s.find("aside", class_="notes").get_text() for s in soup.select(".slides > section")]
    notes = [note for e in deck.entries for note in notes_of(e)]
    assert [n.say for n in notes] == [a.split("\n\n")[0] for a in asides]


def test_count_slides_matches_the_rendered_slides(deck):
    for entry in deck.entries:
        config = PresentationConfig.from_file(deck.out / "low" / "slides" / f"{entry.name}.json")
        assert len(config.slides) == deck.slides[entry.name]
        assert all(slide.notes for slide in config.slides)  # the Qt presenter's copy


def test_reversed_videos_are_not_rendered(deck):
    for entry in deck.entries:
        config = PresentationConfig.from_file(deck.out / "low" / "slides" / f"{entry.name}.json")
        assert all(slide.rev_file == slide.file for slide in config.slides)


# -- the handout --------------------------------------------------------------------------
def test_handout_has_one_page_per_slide(deck):
    reader = PdfReader(deck.handout)
    assert len(reader.pages) == deck.total
    notes = [note for e in deck.entries for note in notes_of(e)]
    first = " ".join(reader.pages[0].extract_text().split())
    assert "18. Chain rule" in first
    assert " ".join(notes[0].say.split()[:6]) in first


def test_handout_lists_the_slide_values(tmp_path):
    """A page shows the values its slide shows, as mathcore computed them."""
    from pipeline.handout import write_handout

    entry = next(e for e in SCENES if e.name == "MSEAgainstSlope")
    video = tmp_path / "slide.mp4"
    _tiny_video(video)
    notes = notes_of(entry)
    config = PresentationConfig(slides=[SlideConfig(file=video, rev_file=video)] * len(notes))
    target = tmp_path / "handout.pdf"
    assert write_handout([Deck(entry, config, notes)], target) == len(notes)
    text = " ".join(PdfReader(target).pages[1].extract_text().split())
    for label, value in notes[1].values:
        assert f"{label} {value}" in text.replace(" =", "")


def _tiny_video(path: Path) -> None:
    import av
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=15)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for i in range(3):
            image = np.full((36, 64, 3), 40 * i, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


# -- reveal.js: vendored, pinned, and failing loudly when missing --------------------------
def _broken_vendor(tmp_path: Path, missing: str) -> Path:
    vendor = tmp_path / "vendor"
    for name in REVEAL_ASSETS:
        if name != missing:
            (vendor / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(VENDOR / name, vendor / name)
    return vendor


def test_missing_reveal_asset_fails_with_the_fix_and_leaves_no_file(deck, tmp_path):
    vendor = _broken_vendor(tmp_path, "dist/plugin/notes.js")
    configs = [
        Deck(e, PresentationConfig.from_file(deck.out / "low" / "slides" / f"{e.name}.json"), n)
        for e in deck.entries
        for n in [notes_of(e)]
    ]
    target = tmp_path / "lecture.html"
    with pytest.raises(PresentationError, match=r"dist/plugin/notes\.js.*\./render\.sh setup"):
        write_html(configs, target, vendor)
    assert not target.exists()
    assert list(tmp_path.glob(".*partial*")) == []

    target.write_text("the last good presentation")
    with pytest.raises(PresentationError):
        write_html(configs, target, vendor)
    assert target.read_text() == "the last good presentation"


def test_slides_command_stops_before_rendering_when_reveal_is_missing(tmp_path, capsys):
    vendor = _broken_vendor(tmp_path, "dist/reveal.js")
    out = tmp_path / "out"
    assert build_presentation(select("20"), "low", out, vendor=vendor) == 1
    err = capsys.readouterr().err
    assert "dist/reveal.js" in err and "./render.sh setup" in err
    assert not out.exists()


def test_inlining_refuses_missing_files_and_network_addresses(tmp_path):
    page = f'<script src="{PLACEHOLDER}/dist/reveal.js"></script>'
    assert 'src="data:text/javascript;base64,' in inline_reveal(page)
    with pytest.raises(PresentationError, match=r"render\.sh setup"):
        inline_reveal(page, tmp_path)
    with pytest.raises(PresentationError, match="self-contained"):
        inline_reveal('<link rel="stylesheet" href="https://example.org/x.css">')


def test_present_says_what_it_needs(tmp_path, capsys, monkeypatch):
    """The Qt presenter is optional: without built slides or PySide6 it says what to do."""
    from pipeline import presenter as slides

    entries = select("20")
    assert slides.present(entries, "low", tmp_path) == 2  # nothing to present: build it first
    assert "./render.sh slides" in capsys.readouterr().err
    folder = tmp_path / "low" / "slides"
    folder.mkdir(parents=True)
    (folder / "ThankYou.json").write_text("{}")
    monkeypatch.setattr(slides.importlib.util, "find_spec", lambda name: None)
    assert slides.present(entries, "low", tmp_path) == 1
    err = capsys.readouterr().err
    assert 'pip install "manim-slides[pyside6]==5.7.0"' in err and "lecture.html" in err
