"""Render benchmark: prints figures and ratios (never asserts; the machine is shared and noisy).

    .venv/bin/python benchmarks/render_bench.py [--runs 3] [--quality low] [--scene 19]
                                                [--chart cold.png]

Measured side by side, runs interleaved, medians quoted:

1. a cold render of the whole lecture with ``python -m pipeline render`` (fresh output and
   build folders, so LaTeX is compiled too) against the same scenes rendered one after
   another with plain ``manim render`` at the same quality, with manim's default caching
   and with ``--disable_caching`` (targets: <= 0.45 and <= 0.6 on 2 cores);
2. a rebuild with nothing changed (target <= 3 s);
3. a rebuild after one scene's code changed, against that scene rendered alone
   (target <= 1.3x);
4. for the heaviest scene, the time per frame against the floor of encoding the same number
   of blank frames with PyAV (x264, as manim does).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.render import QUALITIES  # noqa: E402
from scenes.lecture import SCENES  # noqa: E402

MANIM_FLAG = {"low": "-ql", "720p": "-qm", "1080p": "-qh", "4k": "-qk"}
ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"benchmark command failed ({' '.join(cmd)}):\n{result.stderr[-3000:]}")
    return seconds


def ours(work: Path, quality: str, *extra: str) -> float:
    return timed(
        [
            sys.executable,
            "-m",
            "pipeline",
            "render",
            "--quality",
            quality,
            "--out",
            str(work / "out"),
            "--build-dir",
            str(work / "build"),
            # plain `manim render` draws the silent scenes: so does this side (the narrated
            # lecture's cost is measured by frame_cost_bench.py and narration_bench.py)
            "--voice",
            "none",
            *extra,
        ]
    )


def plain_manim(work: Path, quality: str, disable_caching: bool) -> float:
    """Every scene with ``manim render``, one after another, in a fresh media folder."""
    media = work / "media"
    total = 0.0
    for entry in SCENES:
        cmd = [
            sys.executable,
            "-m",
            "manim",
            "render",
            MANIM_FLAG[quality],
            "--media_dir",
            str(media),
            str(ROOT / "scenes" / f"{entry.module}.py"),
            entry.name,
        ]
        if disable_caching:
            cmd.insert(4, "--disable_caching")
        total += timed(cmd, cwd=work)  # manim-slides writes ./slides into the cwd
    return total


def encode_floor(frames: int, width: int, height: int, fps: int) -> float:
    """Seconds to encode ``frames`` blank frames with PyAV's libx264 into an mp4."""
    blank = np.zeros((height, width, 3), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with av.open(str(Path(tmp) / "floor.mp4"), "w") as out:
            stream = out.add_stream("libx264", rate=Fraction(fps))
            stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
            for _ in range(frames):
                for packet in stream.encode(av.VideoFrame.from_ndarray(blank, format="rgb24")):
                    out.mux(packet)
            for packet in stream.encode():
                out.mux(packet)
        return time.perf_counter() - started


def edit_scene(name: str) -> tuple[Path, str]:
    """Append a comment line to the scene's class (its 'wording' changed); returns what to
    restore."""
    entry = next(e for e in SCENES if e.name == name)
    path = ROOT / "scenes" / f"{entry.module}.py"
    original = path.read_text(encoding="utf-8")
    marker = f"class {name}("
    head, tail = original.split(marker, 1)
    first_line_end = tail.index("\n") + 1
    edited = (
        head
        + marker
        + tail[:first_line_end]
        + f"    # benchmark edit {time.time()}\n"
        + tail[first_line_end:]
    )
    path.write_text(edited, encoding="utf-8")
    return path, original


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quality", default="low", choices=list(QUALITIES))
    parser.add_argument("--scene", default="Backpropagation", help="the scene edited in test 3")
    parser.add_argument(
        "--chart", type=Path, default=None, help="draw the last cold render's per-scene times (PNG)"
    )
    args = parser.parse_args()
    q = args.quality
    figures: dict[str, list[float]] = {
        k: []
        for k in ("cold", "plain_cached", "plain_uncached", "noop", "one_changed", "one_alone")
    }

    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="lecture-bench-") as tmp:
            work = Path(tmp)
            print(f"run {run}/{args.runs}", flush=True)
            chart = (
                ["--chart", str(args.chart.resolve())] if args.chart and run == args.runs else []
            )
            figures["cold"].append(ours(work, q, *chart))
            print(f"  cold lecture render:            {figures['cold'][-1]:7.1f} s", flush=True)
            figures["noop"].append(ours(work, q))
            print(f"  rebuild, nothing changed:       {figures['noop'][-1]:7.1f} s", flush=True)
            path, original = edit_scene(args.scene)
            try:
                figures["one_changed"].append(ours(work, q))
            finally:
                path.write_text(original, encoding="utf-8")
            print(
                f"  rebuild, {args.scene} changed: {figures['one_changed'][-1]:7.1f} s", flush=True
            )
            figures["one_alone"].append(ours(work, q, "--scenes", args.scene, "--force"))
            print(
                f"  {args.scene} rendered alone:    {figures['one_alone'][-1]:7.1f} s", flush=True
            )
            records = {
                p.stem: json.loads(p.read_text())["seconds"]
                for p in (work / "out" / q / "scenes").glob("*.json")
            }
            heaviest = max(records, key=records.get)
        for caching, key in ((True, "plain_cached"), (False, "plain_uncached")):
            with tempfile.TemporaryDirectory(prefix="lecture-bench-plain-") as tmp:
                figures[key].append(plain_manim(Path(tmp), q, disable_caching=not caching))
            label = "default caching" if caching else "--disable_caching"
            print(f"  plain manim, one by one ({label}): {figures[key][-1]:7.1f} s", flush=True)

    # 4: the heaviest scene against the encoding floor (one render, reusing the last run's name)
    with tempfile.TemporaryDirectory(prefix="lecture-bench-heavy-") as tmp:
        work = Path(tmp)
        number = heaviest.split("_", 1)[0]
        seconds = [ours(work, q, "--scenes", number, "--force") for _ in range(args.runs)]
        video = work / "out" / q / "scenes" / f"{heaviest}.mp4"
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            frames = sum(1 for _ in container.demux(stream) if _.size)
            width, height, fps = stream.width, stream.height, int(stream.average_rate)
        record = json.loads((work / "out" / q / "scenes" / f"{heaviest}.json").read_text())
        floor = [encode_floor(frames, width, height, fps) for _ in range(args.runs)]

    print("\nResults (medians of", args.runs, "run(s)); targets in brackets")
    cold, cached, uncached = (
        median(figures[k]) for k in ("cold", "plain_cached", "plain_uncached")
    )
    print(
        f"1. cold render {cold:.1f} s vs plain manim one by one {cached:.1f} s: "
        f"ratio {cold / cached:.2f} [<= 0.45]"
    )
    print(
        f"   vs plain manim --disable_caching {uncached:.1f} s: ratio {cold / uncached:.2f} [<= 0.6]"
    )
    print(f"2. rebuild with nothing changed: {median(figures['noop']):.2f} s [<= 3 s]")
    changed, alone = median(figures["one_changed"]), median(figures["one_alone"])
    print(
        f"3. rebuild after changing {args.scene}: {changed:.1f} s vs the scene alone "
        f"{alone:.1f} s: ratio {changed / alone:.2f} [<= 1.3]"
    )
    per_frame = record["seconds"] / frames
    floor_per_frame = median(floor) / frames
    print(
        f"4. heaviest scene {heaviest}: {frames} frames, {per_frame * 1000:.1f} ms/frame "
        f"(scene render alone, whole process {median(seconds):.1f} s) vs encoding floor "
        f"{floor_per_frame * 1000:.2f} ms/frame: ratio {per_frame / floor_per_frame:.1f}"
    )
    if args.chart:
        print(f"Chart of the last cold render: {args.chart}")
    shutil.rmtree(ROOT / "slides", ignore_errors=True)


if __name__ == "__main__":
    main()
