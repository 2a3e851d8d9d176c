"""The student handout: the slides as a student keeps them, light on toner and with room to
write. Three slides a page, each its finished frame turned to dark-on-white (the lightness of
every pixel reversed, hues kept: a dark projector slide prints as a light page), the values
it shows, and ruled lines beside it for notes. No speaker notes, no questions for the class,
no quiz answers: a slide whose notes name a term of the AI Balderdash quiz (the slide that
reveals which are real) is left out, so the handout shows the quiz still to be guessed.

Written by ``lecture slides`` beside the teacher's ``handout.pdf`` (``pipeline.handout``),
as ``student_handout.pdf``, under a temporary name first.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageCms

from mathcore.files import atomic_path
from pipeline.clips import finished_frame
from pipeline.deck import Deck, PresentationError
from pipeline.handout import FONTS
from scenes import context
from scenes.notes import Note

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 14.0
PER_PAGE = 3
TOP = 30.0  # below the page heading
BOTTOM = PAGE_H - 14.0  # above the footer
ROW_H = (BOTTOM - TOP) / PER_PAGE
FRAME_W = 104.0  # mm: a 1920-pixel frame prints at about 470 dpi
WRITE_X = MARGIN + FRAME_W + 8.0  # the ruled column
LINE_PITCH = 7.5  # mm between ruled lines
PRINT_WIDTH = 1920  # pixels kept for a frame
INK, GREY, RULE = (30, 34, 42), (110, 116, 128), (200, 205, 212)


@dataclass(frozen=True)
class StudentSlide:
    heading: str
    frame: Path  # the slide's clip (its poster beside it when published)
    values: tuple[tuple[str, str], ...]


# -- what a student gets ---------------------------------------------------------------------
def quiz_terms() -> tuple[str, ...]:
    """The AI Balderdash quiz's terms (the lecture's quiz file)."""
    return tuple(entry.term for entry in context.lecture().balderdash.quiz)


def gives_answers(note: Note, terms: Sequence[str]) -> bool:
    """The slide reveals quiz answers: its notes name a quiz term (the question slide asks
    the class to guess without naming one)."""
    text = f"{note.say} {note.ask}".lower()
    return any(term.lower() in text for term in terms)


def student_slides(decks: Sequence[Deck]) -> Iterator[StudentSlide]:
    """The slides a student's handout shows, in order (answer slides left out)."""
    terms = quiz_terms()
    for deck in decks:
        count = len(deck.config.slides)
        for k, (slide, note) in enumerate(zip(deck.config.slides, deck.notes, strict=True), 1):
            if gives_answers(note, terms):
                continue
            part = f" ({k}/{count})" if count > 1 else ""
            yield StudentSlide(
                f"{deck.entry.number}. {deck.entry.title}{part}", slide.file, note.values
            )


# -- the picture, for paper ------------------------------------------------------------------
@lru_cache(maxsize=1)
def _lab_transforms() -> tuple[ImageCms.ImageCmsTransform, ImageCms.ImageCmsTransform]:
    srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
    return (
        ImageCms.buildTransformFromOpenProfiles(srgb, lab, "RGB", "LAB"),
        ImageCms.buildTransformFromOpenProfiles(lab, srgb, "LAB", "RGB"),
    )


def for_paper(image: Image.Image) -> Image.Image:
    """A dark slide as a light one: each pixel's lightness (CIELAB L*) reversed and stretched
    so that the slide's background prints as white paper; hues kept, greys made neutral."""
    to_lab, to_rgb = _lab_transforms()
    lab = np.asarray(ImageCms.applyTransform(image.convert("RGB"), to_lab))
    light = lab[..., 0].astype(np.float32)
    a, b = lab[..., 1].view(np.int8).copy(), lab[..., 2].view(np.int8).copy()  # signed a*, b*
    background = float(np.median(np.concatenate([light[0], light[-1]])))  # top and bottom rows
    light = np.clip((255.0 - light) * 255.0 / max(1.0, 255.0 - background), 0, 255)
    grey = (np.abs(a.astype(np.int16)) < 8) & (np.abs(b.astype(np.int16)) < 8)
    a[grey], b[grey] = 0, 0
    out = np.stack([light.round().astype(np.uint8), a.view(np.uint8), b.view(np.uint8)], axis=-1)
    lab_image = Image.frombytes("LAB", (out.shape[1], out.shape[0]), out.tobytes())
    return ImageCms.applyTransform(lab_image, to_rgb)


def paper_frame(clip: Path) -> Image.Image:
    """The slide's finished frame (lossless when published, else decoded), for paper."""
    image = finished_frame(clip)
    if image.width > PRINT_WIDTH:
        image = image.resize(
            (PRINT_WIDTH, round(image.height * PRINT_WIDTH / image.width)), Image.LANCZOS
        )
    return for_paper(image)


def _png(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    return buffer


# -- the pages -------------------------------------------------------------------------------
class StudentHandout(FPDF):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        missing = [str(path) for path in FONTS.values() if not path.is_file()]
        if missing:
            raise PresentationError(
                f"the handout's font is missing ({', '.join(missing)}). Run ./render.sh setup "
                "(it installs fonts-dejavu-core)"
            )
        for style, path in FONTS.items():
            self.add_font("DejaVu", style, str(path))
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_title(f"{title}: student handout")
        self.set_author(subtitle)
        self.set_creator("deep-learning-lecture (pipeline.student_handout)")
        self.lecture_title, self.subtitle = title, subtitle

    def header(self) -> None:
        self.set_xy(MARGIN, MARGIN - 2)
        self.set_font("DejaVu", "B", 13)
        self.set_text_color(*INK)
        self.cell(PAGE_W - 2 * MARGIN, 7, self.lecture_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("DejaVu", "", 8.5)
        self.set_text_color(*GREY)
        self.cell(PAGE_W - 2 * MARGIN, 5, self.subtitle)
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(MARGIN, TOP - 4, PAGE_W - MARGIN, TOP - 4)

    def footer(self) -> None:
        self.set_xy(MARGIN, PAGE_H - 10)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*GREY)
        self.cell(PAGE_W - 2 * MARGIN, 4, "Student handout: notes beside each slide", align="L")
        self.set_xy(MARGIN, PAGE_H - 10)
        self.cell(PAGE_W - 2 * MARGIN, 4, f"page {self.page_no()}", align="R")

    def slide_row(self, row: int, slide: StudentSlide, frame: Image.Image) -> None:
        top = TOP + row * ROW_H
        self.set_xy(MARGIN, top)
        self.set_font("DejaVu", "B", 9.5)
        self.set_text_color(*INK)
        self.cell(FRAME_W, 5, slide.heading)
        image_top = top + 6
        height = FRAME_W * frame.height / frame.width
        self.image(_png(frame), x=MARGIN, y=image_top, w=FRAME_W, h=height)
        self.set_draw_color(*RULE)
        self.set_line_width(0.25)
        self.rect(MARGIN, image_top, FRAME_W, height)
        self.set_xy(MARGIN, image_top + height + 2)
        for label, value in slide.values:
            self.set_font("DejaVu", "", 8)
            self.set_text_color(*GREY)
            self.cell(FRAME_W * 0.62, 4, label)
            self.set_font("DejaVu", "B", 8)
            self.set_text_color(*INK)
            self.cell(FRAME_W * 0.38, 4, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        # room to write: ruled lines beside the frame, down to the next slide
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        y = image_top + LINE_PITCH
        while y < top + ROW_H - 3:
            self.line(WRITE_X, y, PAGE_W - MARGIN, y)
            y += LINE_PITCH


def write_student_handout(decks: Sequence[Deck], target: Path) -> int:
    """Write the student handout; return the number of slides it shows."""
    talk = context.talk()
    pdf = StudentHandout(talk.title, f"{talk.speaker} · {talk.club} · {talk.date}")
    count = 0
    for count, slide in enumerate(student_slides(decks), start=1):
        row = (count - 1) % PER_PAGE
        if row == 0:
            pdf.add_page()
        pdf.slide_row(row, slide, paper_frame(slide.frame))
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as partial:
        pdf.output(str(partial))
    return count
