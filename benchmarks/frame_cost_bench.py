"""Per-frame cost of each scene against the encoder's floor (figures, never asserts).

    .venv/bin/python benchmarks/frame_cost_bench.py [--scenes 8,5,2] [--qualities low,1080p]
                                                    [--runs 1] [--voice none] [--held 10]
                                                    [--json results.json] [--keep DIR]

For each scene and quality, in a fresh process: the CPU time of rendering the scene
(``pipeline.jobs.render_scene``, in process: its own threads, x264's included; LaTeX and
dvisvgm, child processes, apart), divided by its frames; and the floor: the CPU time of
encoding the same frames with manim's own encoder settings (PyAV, libx264, crf 23, yuv420p,
the same frame rate and size, each frame given as RGBA as manim gives it), measured by
decoding the scene's video and re-encoding every frame, less a decode-only pass. The ratio
is the scene's cost over the floor (the target: <= 2).

``--held S``: a held frame (a slide waiting for its words) against encoding it: the CPU time
of ``wait(S)`` on a full picture (the heaviest scene's last frame), beside encoding S
seconds of that frame, at each quality.

The LaTeX cache of each quality and the shapes parsed from its SVGs
(``pipeline.parsed_svg``) are kept in ``build/bench/<quality>`` between runs, as in a
teacher's build folder after the first render (so a frame's cost is drawing and encoding,
not compiling and parsing formulas; the first run makes them).
What a worker process does once (importing the scene's module and the audio muxer) is done
before the clock starts. ``--json`` also keeps a digest of each video's decoded frames,
computed after the timed passes: two runs with the same digest drew the same pictures
(``--keep DIR`` keeps the videos, to compare them frame by frame).
CPU time, not wall time: the machine may be shared. The load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_BUILD = ROOT / "build" / "bench"
ENV = {**os.environ, "PYTHONHASHSEED": "0"}
#: manim 0.21's partial-movie encoder (manim/scene/scene_file_writer.py,
#: open_partial_movie_stream): libx264 with these options, yuv420p, frames given as RGBA
CODEC, PIX_FMT, OPTIONS = "libx264", "yuv420p", {"an": "1", "crf": "23"}


def cpu() -> float:
    """CPU seconds of this process (all its threads) so far."""
    return time.process_time()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# -- the floor: encoding the same frames ---------------------------------------------------
def encode_floor(video: Path, options: dict[str, str] | None = None) -> tuple[int, float]:
    """(frames, CPU seconds) of encoding ``video``'s frames as manim encodes them: a pass
    that decodes and re-encodes every frame, less a pass that only decodes."""
    import av

    def one_pass(encode: bool) -> tuple[int, float]:
        frames = 0
        with tempfile.TemporaryDirectory() as tmp, av.open(str(video)) as source:
            stream = source.streams.video[0]
            out = av.open(str(Path(tmp) / "floor.mp4"), "w") if encode else None
            if out is not None:
                target = out.add_stream(
                    CODEC, rate=stream.average_rate, options=dict(options or OPTIONS)
                )
                target.pix_fmt, target.width, target.height = PIX_FMT, stream.width, stream.height
            started = cpu()
            for frame in source.decode(stream):
                rgba = frame.to_ndarray(format="rgba")
                frames += 1
                if out is not None:
                    for packet in target.encode(av.VideoFrame.from_ndarray(rgba, format="rgba")):
                        out.mux(packet)
            if out is not None:
                for packet in target.encode():
                    out.mux(packet)
                out.close()
            return frames, cpu() - started

    frames, both = one_pass(encode=True)
    _, decode = one_pass(encode=False)
    return frames, max(both - decode, 0.0)


def encode_still(frame, fps: float, seconds: float, options: dict[str, str] | None = None) -> float:
    """CPU seconds of encoding ``seconds`` of one RGBA ``frame`` as manim does."""
    import av

    count = int(seconds * fps)
    height, width = frame.shape[:2]
    with tempfile.TemporaryDirectory() as tmp:
        started = cpu()
        with av.open(str(Path(tmp) / "still.mp4"), "w") as out:
            target = out.add_stream(
                CODEC, rate=Fraction(fps).limit_denominator(1001), options=dict(options or OPTIONS)
            )
            target.pix_fmt, target.width, target.height = PIX_FMT, width, height
            for _ in range(count):
                for packet in target.encode(av.VideoFrame.from_ndarray(frame, format="rgba")):
                    out.mux(packet)
            for packet in target.encode():
                out.mux(packet)
        return cpu() - started


# -- one measurement, in a fresh process ---------------------------------------------------
def _install(voice: str) -> None:
    from mathcore.config import default_config
    from pipeline.narration import check, use
    from scenes import context

    config = default_config()
    context.use_config(config)
    use(check(config, voice))


def measure_scene(number: int, quality: str, work: Path, voice: str) -> dict:
    """Render scene ``number`` at ``quality`` in this process; its CPU time and the floor."""
    _install(voice)
    from pipeline.inputs import scene_key, values_digest
    from pipeline.jobs import SceneJob, render_scene
    from pipeline.narration import current, narrated_jobs
    from scenes import context
    from scenes.lecture import SCENES

    entry = SCENES[number - 1]
    build = BENCH_BUILD
    job = SceneJob(
        entry,
        quality,
        work / quality,
        build / quality,
        scene_key(entry, quality, values_digest()),
        context.inputs(),
    )
    (job,) = narrated_jobs([job], build, current())
    # What a worker process does once, not once per scene: import the scene's module and the
    # audio muxer (scipy.signal, ~0.5 s), so that the figure is the scene's own cost.
    entry.load()
    import pipeline.speech.audio  # noqa: F401

    before, before_children = cpu(), children_cpu()
    result = render_scene(job)
    seconds, latex = cpu() - before, children_cpu() - before_children
    if result.error:
        raise SystemExit(f"{entry.slug} failed: {result.error}")
    frames, floor = encode_floor(job.video)
    return {
        "scene": entry.slug,
        "quality": quality,
        "frames": frames,
        "cpu": seconds,
        "latex_cpu": latex,
        "floor": floor,
        "digest": frames_digest(job.video),  # after every timed pass: never in a figure
    }


def frames_digest(video: Path) -> str:
    """A digest of ``video``'s decoded frames (same digest: same pictures), in a pass of its
    own after the timed ones, so that hashing never counts as rendering or encoding."""
    import hashlib

    import av

    digest = hashlib.sha256()
    with av.open(str(video)) as source:
        for frame in source.decode(source.streams.video[0]):
            digest.update(frame.to_ndarray(format="rgb24").tobytes())
    return digest.hexdigest()[:16]


def measure_held(quality: str, picture: Path, seconds: float) -> dict:
    """``wait(seconds)`` on ``picture`` (a scene's last frame), against encoding it."""
    import numpy as np
    from manim import ImageMobject, Scene, config, tempconfig

    with tempfile.TemporaryDirectory() as tmp:
        from mathcore.config import QUALITIES

        with tempconfig(
            {
                "quality": QUALITIES[quality].manim,
                "media_dir": tmp,
                "disable_caching": True,
                "verbosity": "WARNING",
                "progress_bar": "none",
            }
        ):
            fps = config.frame_rate
            spent: dict[str, float] = {}

            class Held(Scene):
                def construct(self) -> None:
                    self.add(ImageMobject(str(picture)).set(height=config.frame_height))
                    self.wait(1 / fps)
                    started = cpu()
                    self.wait(seconds)
                    self.renderer.file_writer.join_all_encode_jobs()
                    spent["wait"] = cpu() - started

            scene = Held()
            scene.render()
            frame = np.array(scene.renderer.get_frame())
    return {
        "quality": quality,
        "frames": int(seconds * fps),
        "wait": spent["wait"],
        "floor": encode_still(frame, fps, seconds),
    }


# -- the table -----------------------------------------------------------------------------
def run_child(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"benchmark child failed ({' '.join(args)}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenes", default=None, help="numbers or ranges, e.g. 8,5,2 (all)")
    parser.add_argument("--qualities", default="low,1080p", help="e.g. low,1080p30")
    parser.add_argument("--runs", type=int, default=1, help="renders per scene (medians)")
    parser.add_argument("--voice", default="none", help="the narration's voice (none: silent)")
    parser.add_argument("--held", type=float, default=10.0, help="seconds held (0: skip)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--keep", type=Path, default=None, help="render into this folder and keep the videos"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "scene":
            number, quality, work, voice = rest
            figures = measure_scene(int(number), quality, Path(work), voice)
        else:
            quality, picture, seconds = rest
            figures = measure_held(quality, Path(picture), float(seconds))
        print(json.dumps(figures))
        return

    from mathcore.config import QUALITIES
    from scenes.lecture import select

    entries = select(args.scenes)
    qualities = [q.strip() for q in args.qualities.split(",") if q.strip()]
    for q in qualities:
        if q not in QUALITIES:
            sys.exit(f"unknown quality {q!r}: one of {', '.join(QUALITIES)}")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} core(s)")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="frame-cost-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        header = (
            f"{'scene':24} {'quality':8} {'frames':>6} {'ms/frame':>9} {'floor ms':>9} "
            f"{'ratio':>6} {'LaTeX s':>8}"
        )
        print(header, flush=True)
        for entry in entries:
            for q in qualities:
                runs = [
                    run_child("scene", str(entry.number), q, str(work), args.voice)
                    for _ in range(args.runs)
                ]
                row = {
                    "scene": entry.slug,
                    "quality": q,
                    "frames": runs[0]["frames"],
                    "cpu": statistics.median(r["cpu"] for r in runs),
                    "floor": statistics.median(r["floor"] for r in runs),
                    "latex_cpu": max(r["latex_cpu"] for r in runs),
                    "digest": runs[0]["digest"],
                }
                rows.append(row)
                per, floor = (1000 * row[k] / row["frames"] for k in ("cpu", "floor"))
                print(
                    f"{entry.slug:24} {QUALITIES[q].label:8} {row['frames']:>6} {per:>9.1f} "
                    f"{floor:>9.2f} {per / floor:>6.2f} {row['latex_cpu']:>8.1f}",
                    flush=True,
                )
        totals = {}
        for q in qualities:
            mine = [r for r in rows if r["quality"] == q]
            frames = sum(r["frames"] for r in mine)
            spent, floor = sum(r["cpu"] for r in mine), sum(r["floor"] for r in mine)
            totals[q] = {"frames": frames, "cpu": spent, "floor": floor}
            print(
                f"{'all of them':24} {QUALITIES[q].label:8} {frames:>6} "
                f"{1000 * spent / frames:>9.1f} {1000 * floor / frames:>9.2f} "
                f"{spent / floor:>6.2f}"
            )
        held = []
        if args.held > 0 and rows:
            heaviest = max(rows, key=lambda r: r["cpu"] / r["frames"])["scene"]
            picture = work / qualities[0] / "scenes" / f"{heaviest}.last.png"
            print(f"\nheld frames: wait({args.held:g}) on {heaviest}'s last frame")
            for q in qualities:
                h = run_child("held", q, str(picture), str(args.held))
                held.append(h)
                print(
                    f"  {QUALITIES[q].label:8} {h['frames']} frames: "
                    f"{1000 * h['wait'] / h['frames']:.2f} ms/frame vs encoding them "
                    f"{1000 * h['floor'] / h['frames']:.2f} ms/frame: ratio "
                    f"{h['wait'] / h['floor']:.2f}"
                )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps({"scenes": rows, "totals": totals, "held": held}, indent=1))


if __name__ == "__main__":
    main()
