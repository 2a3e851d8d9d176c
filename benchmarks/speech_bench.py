"""How fast and how loud the narration engines are on this machine (figures, not tests).

    .venv/bin/python benchmarks/speech_bench.py [--runs 3] [--text FILE]

For each engine (Piper's joe with its own noise, Piper deterministic, espeak-ng): the model
load time, the real-time factor (synthesis seconds per second of speech, median over runs,
cache off), the narration's length, loudness (LUFS estimate, RMS, peak) and silent gaps, and
whether the same text gives the same bytes twice. Then the cache: a cold run and a warm run
of the same paragraphs, and the AAC encoding of the track (PyAV) per second of audio.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from pipeline.speech import engines
from pipeline.speech.audio import (
    loudness_lufs,
    mux,
    peak_dbfs,
    rms_dbfs,
    silence_gaps,
    video_duration,
)
from pipeline.speech.cache import SpeechCache
from pipeline.speech.engines import EspeakEngine, PiperEngine, choose_voice, find_espeak, find_joe
from pipeline.speech.sentences import narrate, split_sentences

SAMPLE = (
    "We want the line that best captures the relationship. To keep it simple, lines through "
    "the origin, y = m x: there is one number to choose, the slope m.",
    "How do we measure best? The most common measure is the mean squared error: take the "
    "vertical distance from each point to the line, square it, and average over all the points.",
    "Set its derivative to zero. The chain rule on each square gives "
    "MSE′(m) = −(2/n) Σ xᵢ (yᵢ − m xᵢ). For our 24 students, the best slope is m = 0.9446, and "
    "the smallest MSE is 0.0123.",
    "Each hidden neuron is its own little logistic regression, aᵢ = σ(θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾). "
    "Here θ₁₁⁽¹⁾ = 0.521 and θ₁⁽²⁾ = −1.204.",
    "The network gets 98% of the points right, where the best line got 49%, about a coin flip. "
    "∂J/∂θ₁⁽²⁾ = (p − c)·a₁ = −0.0412, and a finite difference agrees.",
)
"""Lecture-like narration with the notation the lecture uses (the real narration comes later)."""


def _median_time(work, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bench_engine(label: str, voice, paragraphs: list[str], runs: int) -> None:
    started = time.perf_counter()
    voice.synthesize("Warm up.")  # loads the model (Piper) on its first call
    load = time.perf_counter() - started
    seconds, narrations = _median_time(
        lambda: [narrate(p, voice.synthesize) for p in paragraphs], runs
    )
    speech = np.concatenate([n.speech.samples for n in narrations])
    total = sum(n.duration for n in narrations)
    track = engines.Speech(speech, narrations[0].speech.sample_rate)
    inner = [g for n in narrations for g in silence_gaps(n.speech, min_gap=0.3)]
    longest = max((b - a for a, b in inner), default=0.0)
    first = voice.synthesize(split_sentences(paragraphs[0])[0])
    second = voice.synthesize(split_sentences(paragraphs[0])[0])
    same = np.array_equal(first.samples, second.samples)
    print(
        f"{label:28s} load {load:5.2f} s | {total:6.1f} s of speech in {seconds:5.2f} s: "
        f"RTF {seconds / total:.3f} | {loudness_lufs(track):6.1f} LUFS, RMS {rms_dbfs(track):6.1f} "
        f"dBFS, peak {peak_dbfs(track):5.1f} dBFS | gaps >= 0.3 s: {len(inner)}, longest "
        f"{longest:.2f} s | same bytes twice: {'yes' if same else 'no'}"
        + (f" (lengths {first.duration:.3f} / {second.duration:.3f} s)" if not same else "")
    )


def bench_cache(voice, paragraphs: list[str]) -> engines.Speech:
    with tempfile.TemporaryDirectory() as folder:
        cache = SpeechCache(Path(folder), voice)
        started = time.perf_counter()
        cold = [narrate(p, cache) for p in paragraphs]
        cold_s = time.perf_counter() - started
        warm_cache = SpeechCache(Path(folder), voice)
        started = time.perf_counter()
        [narrate(p, warm_cache) for p in paragraphs]
        warm_s = time.perf_counter() - started
    print(
        f"cache ({voice.name}): cold {cold_s:.2f} s ({cache.synthesized} sentences synthesized), "
        f"warm {warm_s:.3f} s ({warm_cache.hits} read, {warm_cache.synthesized} synthesized)"
    )
    return engines.Speech(np.concatenate([n.speech.samples for n in cold]), voice.sample_rate)


def bench_mux(track: engines.Speech) -> None:
    import av

    with tempfile.TemporaryDirectory() as folder:
        video, target = Path(folder) / "v.mp4", Path(folder) / "o.mp4"
        fps, seconds = 15, track.duration
        with av.open(str(video), "w") as out:
            stream = out.add_stream("libx264", rate=fps)
            stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
            frame = av.VideoFrame.from_ndarray(np.zeros((240, 320, 3), np.uint8), format="rgb24")
            for _ in range(int(np.ceil(seconds * fps))):
                for packet in stream.encode(frame):
                    out.mux(packet)
            for packet in stream.encode():
                out.mux(packet)
        started = time.perf_counter()
        mux(video, target, track)
        took = time.perf_counter() - started
        print(
            f"mux: {track.duration:.1f} s of audio to AAC beside {video_duration(video):.1f} s of "
            f"copied video in {took:.2f} s ({took / track.duration * 1000:.1f} ms per audio second)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--text", type=Path, help="paragraphs separated by blank lines")
    args = parser.parse_args()
    if args.text:
        paragraphs = [p for p in args.text.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    else:
        paragraphs = list(SAMPLE)
    print(
        f"{len(paragraphs)} paragraphs, {sum(len(split_sentences(p)) for p in paragraphs)} sentences"
    )
    print(choose_voice().log_line())
    files = find_joe()
    bench_engine("piper joe", PiperEngine(files), paragraphs, args.runs)
    bench_engine(
        "piper joe, deterministic", PiperEngine(files, deterministic=True), paragraphs, args.runs
    )
    bench_engine("espeak-ng en-us", EspeakEngine(find_espeak()), paragraphs, args.runs)
    track = bench_cache(PiperEngine(files), paragraphs)
    bench_mux(track)


if __name__ == "__main__":
    main()
