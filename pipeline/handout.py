"""The PDF handout: one A4 page per slide, with the slide's last frame, its title, the lecture
values it shows (mathcore's, as on screen) and the speaker notes.

Written by ``python -m pipeline slides`` next to the HTML (``<out>/<quality>/handout.pdf``),
under a temporary name first.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image

from mathcore.files import atomic_path
from pipeline.clips import finished_frame
from pipeline.deck import Deck
from scenes import context
from scenes.notes import Note

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
FONTS = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
TEXT_W = PAGE_W - 2 * MARGIN
BOTTOM = PAGE_H - 16.0  # the text stops here, above the footer
GREY, DARK, ACCENT = (110, 116, 128), (20, 24, 32), (122, 74, 168)
MAX_IMAGE_WIDTH = 1600  # pixels kept for a frame (4k frames are scaled down)
logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter


def last_frame(video: Path) -> Image.Image:
    """The last frame of a video: what the slide shows when it stops (the published PNG
    beside the clip when there is one: :func:`pipeline.clips.finished_frame`)."""
    image = finished_frame(video)
    if image.width > MAX_IMAGE_WIDTH:
        height = round(image.height * MAX_IMAGE_WIDTH / image.width)
        image = image.resize((MAX_IMAGE_WIDTH, height), Image.LANCZOS)
    return image


def _jpeg(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=88)
    buffer.seek(0)
    return buffer


class Handout(FPDF):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        missing = [str(path) for path in FONTS.values() if not path.is_file()]
        if missing:
            from pipeline.slides import PresentationError

            raise PresentationError(
                f"the handout's font is missing ({', '.join(missing)}). Run ./render.sh setup "
                "(it installs fonts-dejavu-core)"
            )
        for style, path in FONTS.items():
            self.add_font("DejaVu", style, str(path))
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_title(f"{title}: handout")
        self.set_author(subtitle)
        self.set_creator("deep-learning-lecture (pipeline.handout)")
        self.lecture_title, self.subtitle = title, subtitle

    def footer(self) -> None:
        self.set_xy(MARGIN, PAGE_H - 11)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*GREY)
        self.cell(TEXT_W, 4, f"{self.lecture_title} · {self.subtitle}", align="L")
        self.set_xy(MARGIN, PAGE_H - 11)
        self.cell(TEXT_W, 4, f"page {self.page_no()}", align="R")

    def slide_page(self, heading: str, position: str, frame: Image.Image, note: Note) -> None:
        self.add_page()
        self.set_text_color(*DARK)
        self.set_font("DejaVu", "B", 15)
        self.set_xy(MARGIN, MARGIN)
        self.cell(TEXT_W - 40, 8, heading)
        self.set_font("DejaVu", "", 9)
        self.set_text_color(*GREY)
        self.cell(40, 8, position, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        top = self.get_y() + 2
        height = TEXT_W * frame.height / frame.width
        self.image(_jpeg(frame), x=MARGIN, y=top, w=TEXT_W, h=height)
        self.set_draw_color(*GREY)
        self.rect(MARGIN, top, TEXT_W, height)
        self.set_y(top + height + 6)
        start = self.get_y()
        for size in (11.0, 10.0, 9.0, 8.0, 7.0):  # the largest type that fits the page
            self._notes(note, size, dry=True)
            if self.get_y() <= BOTTOM:
                break
            self.set_y(start)
        self.set_y(start)
        self._notes(note, size, dry=False)

    def _notes(self, note: Note, size: float, *, dry: bool) -> None:
        """Write (or, ``dry``, only measure: the y moves, nothing is drawn) the values and
        the notes."""
        line = size * 0.5
        if note.values:
            self._label("On this slide", size, dry)
            label_w = 0.62 * TEXT_W
            for label, value in note.values:
                self._text(label, size, line, dry, width=label_w, color=GREY, newline=False)
                self._text(value, size, line, dry, width=TEXT_W - label_w, style="B")
            self.set_y(self.get_y() + line * 0.6)
        self._label("Speaker notes", size, dry)
        self._text(note.say, size, line, dry)
        if note.ask:
            self.set_y(self.get_y() + line * 0.5)
            self._text("Ask the class", size, line, dry, style="B", color=ACCENT)
            self._text(note.ask, size, line, dry)

    def _label(self, text: str, size: float, dry: bool) -> None:
        self._text(text.upper(), size * 0.8, size * 0.5, dry, style="B", color=GREY)
        self.set_y(self.get_y() + 1)

    def _text(
        self,
        text: str,
        size: float,
        line: float,
        dry: bool,
        *,
        width: float = TEXT_W,
        style: str = "",
        color: tuple[int, int, int] = DARK,
        newline: bool = True,
    ) -> None:
        self.set_font("DejaVu", style, size)
        self.set_text_color(*color)
        x, y = self.get_x(), self.get_y()
        if dry:
            lines = self.multi_cell(width, line, text, align="L", dry_run=True, output="LINES")
            if newline:
                self.set_xy(MARGIN, y + line * len(lines))
            else:
                self.set_xy(x + width, y)
            return
        if newline:
            self.multi_cell(width, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            self.multi_cell(width, line, text, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)


def write_handout(decks: Sequence[Deck], target: Path) -> int:
    """Write the handout (one page per slide, in order); return the number of pages."""
    talk = context.talk()
    pdf = Handout(talk.title, f"{talk.speaker}, {talk.club}")
    total = sum(len(deck.config.slides) for deck in decks)
    number = 0
    for deck in decks:
        count = len(deck.config.slides)
        for k, (slide, note) in enumerate(zip(deck.config.slides, deck.notes, strict=True), 1):
            number += 1
            pdf.slide_page(
                f"{deck.entry.number}. {deck.entry.title}"
                + (f" ({k}/{count})" if count > 1 else ""),
                f"slide {number} of {total}",
                last_frame(slide.file),
                note,
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as partial:
        pdf.output(str(partial))
    return number
