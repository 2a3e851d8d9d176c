"""A picture of a run: where the time went, one bar per scene (``--chart FILE.png``).

Drawn with Pillow from a :class:`~pipeline.summary.RunSummary`: the scenes sorted by time,
longest at the top; a rendered scene's bar is its time in this run, a reused scene's bar (in
grey) is the time its video took when it was rendered; a failed scene's bar is red. The title
gives the quality, the counts and the wall-clock time; the footer the build steps.

    .venv/bin/python -m pipeline.chart output/low/run.json chart.png
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from mathcore.files import atomic_path
from pipeline.summary import RunSummary, SceneRun, read_summary

COLOURS = {  # status -> bar colour
    "rendered": "#2F6FDB",
    "reused": "#B4BCC8",
    "failed": "#D64541",
}
LEGEND = {
    "rendered": "rendered in this run",
    "reused": "reused (bar: its last render)",
    "failed": "failed",
}
INK, MUTED, GRID, PAPER = "#1F2933", "#616E7C", "#E4E7EB", "#FFFFFF"
WIDTH, ROW, BAR, PAD = 1200, 30, 20, 24
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
)
BOLD_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/lato/Lato-Bold.ttf",
)


def draw_run_chart(summary: RunSummary, target: Path) -> None:
    """Draw the run's per-scene time bars into the PNG ``target`` (written atomically)."""
    image = render_chart(summary)
    with atomic_path(target) as tmp:
        image.save(tmp, format="PNG")


def render_chart(summary: RunSummary) -> Image.Image:
    """The chart as an image."""
    font, small, bold = _font(17), _font(14), _font(20, bold=True)
    rows = sorted(
        (s for s in summary.scenes if bar_seconds(s) is not None),
        key=lambda s: -(bar_seconds(s) or 0.0),
    )
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    label_width = max((probe.textlength(_label(s), font=font) for s in rows), default=100)
    left = int(PAD + label_width + 12)
    right = WIDTH - PAD - 150  # room for the value beside the longest bar
    top = PAD + 30 + 24 + 34  # title, subtitle, legend
    height = top + max(1, len(rows)) * ROW + 34 + 30 + PAD  # axis labels, footer
    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)

    draw.text((PAD, PAD), _title(summary), fill=INK, font=bold)
    draw.text((PAD, PAD + 30), _subtitle(summary), fill=MUTED, font=small)
    _legend(draw, PAD, PAD + 30 + 28, small)

    longest = max((bar_seconds(s) or 0.0 for s in rows), default=0.0)
    step = nice_step(longest)
    scale_max = max(step, math.ceil(longest / step) * step)
    x_of = lambda seconds: left + (right - left) * seconds / scale_max  # noqa: E731
    bottom = top + max(1, len(rows)) * ROW
    tick = 0.0
    while tick <= scale_max + 1e-9:
        x = x_of(tick)
        draw.line([(x, top - 4), (x, bottom)], fill=GRID, width=1)
        text = f"{tick:g} s" if scale_max < 120 else _clock(tick)
        draw.text((x, bottom + 6), text, fill=MUTED, font=small, anchor="ma")
        tick += step
    for i, scene in enumerate(rows):
        y = top + i * ROW + (ROW - BAR) // 2
        seconds = bar_seconds(scene) or 0.0
        colour = COLOURS.get(scene.status, MUTED)
        draw.text((left - 12, y + BAR // 2), _label(scene), fill=INK, font=font, anchor="rm")
        draw.rectangle([left, y, max(left + 2, x_of(seconds)), y + BAR], fill=colour)
        draw.text(
            (x_of(seconds) + 8, y + BAR // 2), _value(scene), fill=MUTED, font=small, anchor="lm"
        )
    if not rows:
        draw.text((left, top + 4), "no scene to show", fill=MUTED, font=font)
    draw.text((PAD, bottom + 34), _footer(summary), fill=MUTED, font=small)
    return image


def bar_seconds(scene: SceneRun) -> float | None:
    """A bar's length: the scene's render time (its last one if reused), or for a failed
    scene the time until it failed; None for a scene not rendered."""
    if scene.status == "failed":
        return scene.seconds
    return scene.render_seconds


def nice_step(longest: float) -> float:
    """A round tick step giving about 4 to 8 ticks up to ``longest`` seconds."""
    if longest <= 0:
        return 1.0
    for step in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600):
        if longest / step <= 8:
            return float(step)
    return 3600.0 * math.ceil(longest / 3600 / 8)


def _label(scene: SceneRun) -> str:
    return f"{scene.number:2d}  {scene.title}"


def _value(scene: SceneRun) -> str:
    seconds = bar_seconds(scene) or 0.0
    frames = f", {scene.frames} frames" if scene.frames else ""
    if scene.status == "failed":
        return f"failed after {seconds:.1f} s"
    return f"{seconds:.1f} s{frames}" + (" (reused)" if scene.status == "reused" else "")


def _title(summary: RunSummary) -> str:
    return f"lecture {summary.verb} at {summary.quality}: where the time went"


def _subtitle(summary: RunSummary) -> str:
    counts = summary.counts()
    parts = [f"{counts[k]} {k}" for k in ("rendered", "reused", "failed") if counts[k]]
    rendered = sum(s.seconds for s in summary.scenes if s.status == "rendered")
    return (
        f"{len(summary.scenes)} scenes ({', '.join(parts) or 'none'}) on {summary.workers} "
        f"process(es): {_clock(summary.seconds)} wall clock, {_clock(rendered)} of scene "
        f"rendering; started {summary.started_at[:16].replace('T', ' ')}"
    )


def _footer(summary: RunSummary) -> str:
    steps = ", ".join(f"{s.name} {s.seconds:.1f} s" for s in summary.steps)
    return f"steps: {steps}" if steps else ""


def _legend(draw: ImageDraw.ImageDraw, x: int, y: int, font: ImageFont.ImageFont) -> None:
    for status, text in LEGEND.items():
        draw.rectangle([x, y + 2, x + 14, y + 16], fill=COLOURS[status])
        draw.text((x + 20, y), text, fill=INK, font=font)
        x += int(draw.textlength(text, font=font)) + 48


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}" if minutes else f"{seconds:.1f} s"


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in BOLD_FONTS if bold else FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.chart RUN_JSON PNG``: draw a chart from a saved summary."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m pipeline.chart RUN_JSON OUT.png", file=sys.stderr)
        return 2
    draw_run_chart(read_summary(Path(args[0])), Path(args[1]))
    print(args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
