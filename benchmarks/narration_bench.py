"""Narration benchmark: figures and ratios, never asserts (the machine is shared and noisy).

    .venv/bin/python benchmarks/narration_bench.py [--scenes 4,18,20] [--slides 20]
                                                   [--parts 1,2,3]

1. Synthesis on this machine (2 cores here): the real-time factor (synthesis seconds per
   second of speech, cache off) of Piper's joe with and without its noise, and espeak-ng,
   over the lecture's own narration (the first ``--slides`` slides); whether the same text
   gives the same bytes in two fresh processes; and a pitch-variation estimate (semitones,
   autocorrelation F0) to see what turning Piper's noise off costs in liveliness.
2. A narrated render of ``--scenes`` at 480p: cold (fresh build folder: LaTeX and speech
   synthesized), warm (the same again with ``--force``: every cache warm, every scene
   rendered), a rerun with nothing changed, and the same scenes silent (``--voice none``)
   for the cost of the narration itself; with the video's length and the synthesis counts.
3. Held frames: a slide of 300 dots held for 30 s as the narration holds it (one frozen
   frame, encoded again each frame) against the same hold redrawn every frame (a moving
   wait), and against the floor of encoding as many identical frames with PyAV (x264).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.speech.engines import EspeakEngine, PiperEngine, find_espeak, find_joe  # noqa: E402
from pipeline.speech.pronounce import spoken  # noqa: E402
from pipeline.speech.sentences import split_sentences  # noqa: E402


# -- 1. synthesis ------------------------------------------------------------------------------
def lecture_sentences(slides: int) -> list[str]:
    """The spoken form of each sentence of the lecture's first ``slides`` slides."""
    from pipeline.narration import slide_texts
    from scenes.dry_run import dry_run
    from scenes.lecture import SCENES

    out: list[str] = []
    for entry in SCENES:
        for text in slide_texts(dry_run(entry).notes, ()):
            out.extend(spoken(s) for s in split_sentences(text))
            slides -= 1
            if slides == 0:
                return out
    return out


def pitch_variation(samples: np.ndarray, rate: int) -> float:
    """The standard deviation (semitones) of an autocorrelation F0 estimate over the voiced
    40 ms windows: a rough measure of how lively the intonation is."""
    x = samples.astype(np.float64) / 32767
    width, hop = int(0.04 * rate), int(0.01 * rate)
    low, high = int(rate / 300), int(rate / 70)
    f0 = []
    for i in range(0, len(x) - width, hop):
        frame = x[i : i + width] - x[i : i + width].mean()
        if np.sqrt(np.mean(frame**2)) < 0.02:
            continue
        ac = np.correlate(frame, frame, "full")[width - 1 :]
        lag = low + int(np.argmax(ac[low:high]))
        if ac[lag] > 0.5 * ac[0]:
            f0.append(rate / lag)
    f0 = np.array(f0)
    return float(np.std(12 * np.log2(f0 / np.median(f0)))) if f0.size else 0.0


def bench_synthesis(sentences: list[str]) -> None:
    files = find_joe()
    voices = [
        ("piper joe, deterministic", PiperEngine(files, deterministic=True)),
        ("piper joe, with noise", PiperEngine(files)),
        ("espeak-ng en-us", EspeakEngine(find_espeak())),
    ]
    print(f"1. synthesis of {len(sentences)} sentences of the lecture's narration")
    for label, voice in voices:
        voice.synthesize("Warm up.")
        started = time.perf_counter()
        said = [voice.synthesize(s) for s in sentences]
        seconds = time.perf_counter() - started
        speech = sum(s.duration for s in said)
        pitch = statistics.mean(pitch_variation(s.samples, s.sample_rate) for s in said[:12])
        print(
            f"   {label:26s} {speech:6.1f} s of speech in {seconds:5.1f} s: RTF "
            f"{seconds / speech:.3f}; pitch variation {pitch:.2f} semitones; "
            f"same bytes in two processes: {_same_bytes(label, sentences[0])}"
        )


def _same_bytes(label: str, text: str) -> str:
    if label.startswith("espeak"):
        engine = "EspeakEngine(find_espeak())"
    else:
        engine = f"PiperEngine(find_joe(), deterministic={'deterministic' in label})"
    code = (
        "import hashlib, sys; from pipeline.speech.engines import *; "
        f"print(hashlib.sha256({engine}.synthesize(sys.argv[1]).samples.tobytes()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code, text], cwd=ROOT, capture_output=True, text=True
        ).stdout
        for _ in range(2)
    }
    return "yes" if len(digests) == 1 else "no"


# -- 2. narrated renders -----------------------------------------------------------------------
def lecture(out: Path, build: Path, scenes: str, *extra: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "render", "--scenes", scenes, "--jobs", "2",
         "--quiet", "--out", str(out), "--build-dir", str(build), *extra],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"render failed:\n{result.stderr[-3000:]}")
    return seconds


def bench_renders(scenes: str) -> None:
    from pipeline.speech.audio import video_duration

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        out, build = work / "out", work / "build"
        cold = lecture(out, build, scenes)
        records = [
            json.loads(p.read_text()) for p in sorted((out / "low" / "scenes").glob("*.json"))
        ]
        synthesized = sum(r["narration"]["synthesized"] for r in records)
        warm = lecture(out, build, scenes, "--force")
        records = [
            json.loads(p.read_text()) for p in sorted((out / "low" / "scenes").glob("*.json"))
        ]
        again = sum(r["narration"]["synthesized"] for r in records)
        noop = lecture(out, build, scenes)
        length = sum(video_duration(p) for p in (out / "low" / "scenes").glob("*.mp4"))
        silent_out = work / "silent"
        silent = lecture(silent_out, build, scenes, "--voice", "none")
        silent_length = sum(
            video_duration(p) for p in (silent_out / "low" / "scenes").glob("*.mp4")
        )
    print(f"2. narrated render of scenes {scenes} at 480p, 2 processes")
    print(
        f"   cold {cold:.1f} s ({synthesized} sentences synthesized), warm (--force) {warm:.1f} s "
        f"({again} synthesized), nothing changed {noop:.1f} s"
    )
    print(
        f"   video {length:.1f} s narrated against {silent_length:.1f} s silent; the silent "
        f"render (warm LaTeX) takes {silent:.1f} s: narration costs {warm / silent:.2f}x warm"
    )


# -- 3. held frames ------------------------------------------------------------------------------
HOLD = 30.0

SCENE = """
import numpy as np
from manim import Circle, Create, Dot, ValueTracker, VGroup, always_redraw
from scenes.base import LectureScene
from scenes.notes import Note


def cloud(radius):
    points = np.random.default_rng(0).normal(size=(300, 2)) * radius
    return VGroup(*(Dot([x, y, 0], radius=0.04) for x, y in points))


class Held(LectureScene):
    MOVING = False

    def construct(self):
        tracker = ValueTracker(1.0)
        if self.MOVING:  # an updater: every frame of a wait is drawn again, as in a real slide
            self.add(always_redraw(lambda: cloud(tracker.get_value())))
        else:
            self.add(cloud(1.0))
        self.play(Create(Circle(radius=2)), run_time=1)
        self.beat(Note("held"), pause={hold})


class HeldMoving(Held):
    MOVING = True


class Short(Held):
    def construct(self):
        self.add(cloud(1.0))
        self.play(Create(Circle(radius=2)), run_time=1)
        self.beat(Note("short"), pause=0.2)
"""


RUNNER = """
import sys, time
from pathlib import Path
from manim import tempconfig
sys.path[:0] = [sys.argv[2], sys.argv[3]]
import held
folder = Path(sys.argv[2])
options = {"quality": "low_quality", "media_dir": str(folder / "media"), "disable_caching": True,
           "progress_bar": "none", "verbosity": "ERROR"}
with tempconfig(options):
    scene = getattr(held, sys.argv[1])(output_folder=folder / "slides")
    started = time.perf_counter()
    scene.render()
    print(time.perf_counter() - started)
"""


def render_one(folder: Path, name: str) -> float:
    """Seconds to render scene ``name`` of ``folder/held.py`` (in a fresh process, timed
    inside it: imports left out)."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, name, str(folder), str(ROOT)],
        cwd=folder, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(result.stdout.split()[-1])


def encode_floor(frames: int, size: tuple[int, int] = (854, 480)) -> float:
    import av

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with av.open(str(Path(folder) / "f.mp4"), "w") as out:
            stream = out.add_stream("libx264", rate=15)
            stream.width, stream.height, stream.pix_fmt = *size, "yuv420p"
            stream.options = {"crf": "23"}
            image = np.zeros((size[1], size[0], 3), np.uint8)  # dark, with 300 light dots
            for x, y in np.random.default_rng(0).integers(0, (size[0] - 4, size[1] - 4), (300, 2)):
                image[y : y + 4, x : x + 4] = 220
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            for _ in range(frames):
                for packet in stream.encode(frame):
                    out.mux(packet)
            for packet in stream.encode():
                out.mux(packet)
        return time.perf_counter() - started


def bench_held() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "held.py").write_text(SCENE.replace("{hold}", str(HOLD)), encoding="utf-8")
        times = {n: [] for n in ("Short", "Held", "HeldMoving")}
        for _ in range(3):
            for scene in times:
                times[scene].append(render_one(folder, scene))
        short, held, moving = (statistics.median(times[n]) for n in times)
    frames = int(HOLD * 15)
    floor = encode_floor(frames)
    print(f"3. a {HOLD:g} s hold at 480p15 ({frames} frames)")
    print(
        f"   frozen (as narrated slides hold): +{held - short:.2f} s; redrawn every frame: "
        f"+{moving - short:.2f} s; encoding {frames} identical frames with x264: {floor:.2f} s "
        f"(PyAV defaults; frozen/encoding {(held - short) / floor:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenes", default="4,18,20")
    parser.add_argument("--slides", type=int, default=20)
    parser.add_argument("--parts", default="1,2,3", help="which measures, e.g. 3 or 1,3")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if "1" in parts:
        bench_synthesis(lecture_sentences(args.slides))
    if "2" in parts:
        bench_renders(args.scenes)
    if "3" in parts:
        bench_held()


if __name__ == "__main__":
    main()
