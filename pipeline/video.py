"""Join scene videos into one lecture video with chapters, and make the contact sheet.

Joining copies the encoded packets (no re-encoding): every scene video of one run has the
same codec, size and frame rate. Each scene becomes a chapter named by its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from mathcore.files import atomic_path


def join_videos(parts: Sequence[tuple[Path, str]], target: Path) -> list[dict]:
    """Write ``target`` from the (video, chapter title) pairs, in order; return the chapters.

    The file is written under a temporary name and moved into place when complete.
    """
    chapters: list[dict] = []
    with atomic_path(target) as tmp, av.open(str(tmp), "w") as out:
        out_stream = None
        offset = 0  # in the output stream's time base
        for number, (path, title) in enumerate(parts, start=1):
            with av.open(str(path)) as src:
                stream = src.streams.video[0]
                if out_stream is None:
                    out_stream = out.add_stream_from_template(stream)
                start = offset
                last_end = offset
                for packet in src.demux(stream):
                    if packet.dts is None:
                        continue
                    duration = packet.duration or 0
                    packet.pts = (
                        _rescale(packet.pts, stream.time_base, out_stream.time_base) + offset
                    )
                    packet.dts = (
                        _rescale(packet.dts, stream.time_base, out_stream.time_base) + offset
                    )
                    packet.duration = _rescale(duration, stream.time_base, out_stream.time_base)
                    last_end = max(last_end, packet.pts + packet.duration)
                    packet.stream = out_stream
                    out.mux(packet)
                offset = last_end
            tb = out_stream.time_base
            chapters.append(
                {
                    "id": number,
                    "start": int(start * tb * 1000),
                    "end": int(offset * tb * 1000),
                    "time_base": Fraction(1, 1000),
                    "metadata": {"title": title},
                }
            )
        out.set_chapters(chapters)
    return chapters


def _rescale(value: int, src: Fraction, dst: Fraction) -> int:
    return round(value * src / dst)


def read_chapters(path: Path) -> list[dict]:
    """The chapters a player would show: [{'title', 'start', 'end'} in seconds]."""
    with av.open(str(path)) as container:
        return [
            {
                "title": ch["metadata"].get("title", ""),
                "start": float(ch["start"] * ch["time_base"]),
                "end": float(ch["end"] * ch["time_base"]),
            }
            for ch in container.chapters()
        ]


def contact_sheet(
    frames: Sequence[tuple[np.ndarray, str]], target: Path, columns: int = 4, width: int = 480
) -> None:
    """A grid of thumbnails (last frame of each scene) with captions, saved as PNG."""
    thumbs = []
    for frame, caption in frames:
        image = Image.fromarray(np.asarray(frame)[..., :3])
        height = round(image.height * width / image.width)
        thumbs.append((image.resize((width, height), Image.LANCZOS), caption))
    if not thumbs:
        raise ValueError("no frames for the contact sheet")
    cell_h = thumbs[0][0].height + 34
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (width + 12) + 12, rows * (cell_h + 12) + 12), "#05070B")
    draw = ImageDraw.Draw(sheet)
    font = _font(18)
    for i, (thumb, caption) in enumerate(thumbs):
        x = 12 + (i % columns) * (width + 12)
        y = 12 + (i // columns) * (cell_h + 12)
        sheet.paste(thumb, (x, y))
        draw.text((x + 4, y + thumb.height + 6), caption, fill="#ECEFF4", font=font)
    with atomic_path(target) as tmp:
        sheet.save(tmp, format="PNG")


def _font(size: int) -> ImageFont.ImageFont:
    for path in (
        "/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()
