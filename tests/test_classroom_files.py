"""What ``lecture slides`` leaves for a classroom besides the browser: a slides folder that
works when copied elsewhere, a PowerPoint deck that opens (python-pptx and LibreOffice
Impress), a light student handout without the quiz answers, posters that are the finished
frames, and 1080p as the slides' default quality.

The deck is the one the browser tests use (tests/classroom.py: scenes 18 and 20 at 480p); the
self-study mode's words in the HTML are checked on the self-study tests' narrated deck.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from manim_slides.config import PresentationConfig, SlideConfig
from PIL import Image
from pypdf import PdfReader

from pipeline.clips import audio_path, captions_path, frame_path, last_frame, poster_path, publish
from pipeline.deck import Deck
from pipeline.reveal import data_uri
from pipeline.speech.audio import read_audio, video_duration
from pipeline.speech.captions import parse_webvtt
from pipeline.student_handout import for_paper, gives_answers, student_slides
from scenes import context
from scenes.dry_run import dry_run
from scenes.lecture import SCENES
from tests.classroom import (
    SCREENSHOTS,
    WORDS,
    ClassroomDeck,
    classroom_deck,
    study_deck,
    tiny_video,
)


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> ClassroomDeck:
    return classroom_deck(tmp_path_factory)


def notes_of(name: str):
    return dry_run(next(e for e in SCENES if e.name == name)).notes


# -- 4. projector-sharp by default --------------------------------------------------------------
def test_slides_build_at_1080p_by_default():
    from mathcore.config import load_config
    from pipeline.cli import options

    config = load_config()
    assert config.render.slides_quality == "1080p"
    assert config.render.quality == "low"  # the lecture video's default is unchanged
    args = argparse.Namespace(
        config=None, quality=None, theme=None, scenes="20", out=None, jobs=None
    )
    slides = options.prepare(args, check_system=False, slides=True)
    video = options.prepare(args, check_system=False)
    assert slides.quality == "1080p" and video.quality == "low"
    args.quality = "720p"
    assert options.prepare(args, check_system=False, slides=True).quality == "720p"


# -- the HTML: the player's page ------------------------------------------------------------------
def test_html_has_the_player_and_no_media_element_of_its_own(deck):
    page = deck.html.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    sections = soup.select("div.slides > section")
    assert len(sections) == len(deck.clips()) == deck.total
    for section in sections:
        assert section["data-clip"].startswith("data:video/mp4;base64,")
        assert section["data-background-image"].startswith("data:image/webp;base64,")
        assert not section.has_attr("data-background-video")  # reveal.js plays nothing
        assert section.find("aside", class_="notes").get_text(strip=True)
    assert not soup.find_all(["video", "audio"])  # the player makes them, muted
    assert "Play / pause video" not in page  # manim-slides' Space override is gone
    for tag in soup.find_all(["script", "link"]):
        assert tag.get("src", tag.get("href", "data:")).startswith("data:")
    assert "lecture-player.invalid" not in page and "reveal-js.invalid" not in page


# -- self-study: each narrated slide's words inside the HTML -------------------------------------
def test_html_carries_each_narrated_slides_audio_and_captions(tmp_path_factory):
    study = study_deck(tmp_path_factory)
    soup = BeautifulSoup(study.html.read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("div.slides > section")
    clips = study.clips()
    assert len(sections) == len(clips) == 4
    said = {0: WORDS[0], 1: WORDS[1], 3: WORDS[2]}  # slide 3 has nothing to say
    for k, (section, clip) in enumerate(zip(sections, clips, strict=True)):
        if k not in said:  # nothing to play, nothing published: self-study holds and moves on
            assert not section.has_attr("data-audio") and not section.has_attr("data-cues")
            assert not audio_path(clip).exists() and not captions_path(clip).exists()
            continue
        assert section["data-audio"] == data_uri(audio_path(clip), "audio/mp4")
        cues = json.loads(section["data-cues"])  # JSON, drawn by the player in any browser
        vtt = parse_webvtt(captions_path(clip).read_text(encoding="utf-8"))
        assert cues == [[round(c.start, 3), round(c.end, 3), c.text] for c in vtt]
        assert " ".join(text for _, _, text in cues) == said[k]
        # the slide's sound lasts as long as its clip: they start and end together
        assert read_audio(audio_path(clip)).duration == pytest.approx(
            video_duration(clip), abs=1 / 15 + 0.01
        )
    assert not soup.find_all(["video", "audio"])  # the player makes them, without controls


def test_publish_keeps_words_only_beside_a_slide_that_says_them(tmp_path):
    built = tmp_path / "build"
    video, audio, vtt = built / "slide.mp4", built / "slide.m4a", built / "slide.vtt"
    tiny_video(video)
    audio.write_bytes(b"not really AAC")
    vtt.write_text("WEBVTT\n\n00:00:00.250 --> 00:00:01.000\nHello.\n", encoding="utf-8")
    entry = next(e for e in SCENES if e.name == "ThankYou")
    config = PresentationConfig(slides=[SlideConfig(file=video, rev_file=video)] * 2)
    decks = [Deck(entry, config, ())]
    folder = tmp_path / "slides"
    first, second = (
        c.file for c in publish(decks, folder, {entry.name: [(audio, vtt), None]})[0].config.slides
    )
    assert audio_path(first).read_bytes() == audio.read_bytes()
    assert captions_path(first).read_text(encoding="utf-8") == vtt.read_text(encoding="utf-8")
    assert not audio_path(second).exists() and not captions_path(second).exists()
    publish(decks, folder, {entry.name: [(audio, vtt)]})  # words of another render: silent
    publish(decks, folder)  # a silent lecture: no words left behind
    assert not list(folder.rglob("*.m4a")) and not list(folder.rglob("*.vtt"))


# -- posters: the finished frames -----------------------------------------------------------------
def test_posters_are_the_finished_frames(deck):
    import av

    for clip in deck.clips():
        with av.open(str(clip)) as container:
            frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
        last = np.asarray(last_frame(clip).convert("RGB"), dtype=np.float32)
        assert np.array_equal(last, frames[-1])  # the seek lands on the true last frame
        frame = np.asarray(Image.open(frame_path(clip)).convert("RGB"), dtype=np.float32)
        assert np.array_equal(frame, frames[-1])  # lossless, for the handouts
        poster = np.asarray(Image.open(poster_path(clip)).convert("RGB"), dtype=np.float32)
        assert np.abs(poster - frames[-1]).mean() < 2.0  # WebP of that frame, for the HTML
        assert np.abs(poster - frames[0]).mean() > 2.0 or len(frames) == 1


# -- 5. a slides folder that travels ----------------------------------------------------------------
def test_copied_slides_folder_converts_and_presents(deck, tmp_path):
    elsewhere = tmp_path / "usb-stick"
    shutil.copytree(deck.slides, elsewhere / "slides")
    for entry in deck.entries:
        raw = json.loads((elsewhere / "slides" / f"{entry.name}.json").read_text())
        for slide in raw["slides"]:
            assert not Path(slide["file"]).is_absolute(), slide["file"]
            assert slide["file"].startswith("slides/files/")
        # what manim-slides' Qt presenter loads, from the copy
        config = PresentationConfig.from_file(elsewhere / "slides" / f"{entry.name}.json")
        for slide in config.slides:
            assert slide.file.resolve().is_relative_to(elsewhere.resolve())
            assert slide.notes  # the speaker notes travel too
    html = tmp_path / "converted.html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim_slides",
            "convert",
            "--folder",
            str(elsewhere / "slides"),
            "--one-file",
            *(e.name for e in deck.entries),
            str(html),
        ],
        cwd=tmp_path,  # neither the build folder nor the copy
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("div.slides > section")) == deck.total


# -- 6. PowerPoint ------------------------------------------------------------------------------------
def test_pptx_has_every_clip_and_clean_notes(deck):
    import pptx

    presentation = pptx.Presentation(str(deck.folder / "lecture.pptx"))
    assert (presentation.slide_width, presentation.slide_height) == (854 * 9525, 480 * 9525)
    slides = list(presentation.slides)
    assert len(slides) == deck.total
    clips = [clip.read_bytes() for clip in deck.clips()]
    notes = [*notes_of("ChainRule"), *notes_of("ThankYou")]
    for k, (slide, clip, note) in enumerate(zip(slides, clips, notes, strict=True)):
        media = [
            rel.target_part.blob
            for rel in slide.part.rels.values()
            if rel.reltype.endswith("/video") or rel.reltype.endswith("/media")
        ]
        assert clip in media, f"slide {k + 1} does not hold its clip"
        # the clip starts by itself when the slide comes (manim-slides' timing element)
        assert "<p:timing" in slide.element.xml
        text = slide.notes_slide.notes_text_frame.text
        assert "**" not in text and "__" not in text
        assert note.say in text
        if note.ask:
            assert f"Ask the class: {note.ask}" in text
    assert "18. Chain rule (1/2)" in slides[0].notes_slide.notes_text_frame.text
    assert presentation.core_properties.title


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice Impress is not installed (apt-get install libreoffice-impress): "
    "the PowerPoint deck was read back with python-pptx only",
)
def test_pptx_opens_in_libreoffice_impress(deck, tmp_path):
    profile = (tmp_path / "lo-profile").as_uri()
    started = time.perf_counter()
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck.folder / "lecture.pptx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = tmp_path / "lecture.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    assert len(PdfReader(pdf).pages) == deck.total
    print(f"LibreOffice opened the deck and wrote a PDF in {time.perf_counter() - started:.1f} s")


# -- 7. the student handout ----------------------------------------------------------------------
def test_student_handout_is_light_and_leaves_room(deck):
    reader = PdfReader(deck.folder / "student_handout.pdf")
    assert len(reader.pages) == -(-deck.total // 3)  # three slides a page
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "18. Chain rule (1/2)" in text and "20. Thank you" in text
    for note in [*notes_of("ChainRule"), *notes_of("ThankYou")]:
        assert note.say[:40] not in text  # no speaker script
        if note.ask:
            assert note.ask[:30] not in text
        for label, value in note.values:
            assert label in text and value in text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == deck.total
    for image in images:
        pixels = np.asarray(image.image.convert("L"), dtype=np.float32) / 255
        assert 1 - pixels.mean() < 0.15, "a slide would print dark"
        assert image.image.width >= 854  # every pixel of the frame: sharp formulas


def test_student_handout_has_no_quiz_answers(tmp_path):
    """Scene 2's reveal (ticks and crosses, the answers in its notes) is left out; its
    question and the further sampling stay."""
    entry = next(e for e in SCENES if e.name == "AIBalderdash")
    notes = notes_of("AIBalderdash")
    video = tmp_path / "slide.mp4"
    tiny_video(video)
    config = PresentationConfig(slides=[SlideConfig(file=video, rev_file=video)] * len(notes))
    kept = list(student_slides([Deck(entry, config, notes)]))
    terms = [t.term for t in context.lecture().balderdash.quiz]
    assert [gives_answers(n, terms) for n in notes] == [False, True, False]
    assert [s.heading for s in kept] == ["2. AI Balderdash (1/3)", "2. AI Balderdash (3/3)"]


def test_paper_frames_are_light_and_keep_their_hues():
    dark = Image.new("RGB", (64, 36), (14, 17, 23))  # the dark theme's background
    dark.paste((255, 200, 60), (10, 10, 30, 20))  # a yellow stroke
    dark.paste((235, 238, 242), (40, 10, 60, 20))  # white text
    paper = np.asarray(for_paper(dark), dtype=np.int32)
    assert (paper[0, 0] >= 250).all()  # the background is white paper
    assert paper[15, 50].max() < 60  # white text prints dark
    r, g, b = paper[15, 20]
    assert r > b and g > b and max(r, g, b) < 200  # yellow stays yellowish, darker


def test_handout_pages_look_right(deck):
    """Screenshots of both handouts for a person to look at (pdftoppm, when installed)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no page pictures")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("student_handout", "handout"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(deck.folder / f"{name}.pdf"),
                str(SCREENSHOTS / f"classroom_{name}"),
            ],
            check=True,
            timeout=60,
        )
    page = next(SCREENSHOTS.glob("classroom_student_handout*.png"))
    toner = 1 - np.asarray(Image.open(page).convert("L"), dtype=np.float32).mean() / 255
    assert toner < 0.08, f"the student handout's page is {toner:.0%} toner"
