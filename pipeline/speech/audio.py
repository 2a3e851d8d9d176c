"""Audio tracks: WAV files, joining clips with silences, measures, and muxing into an mp4.

Samples are :class:`~pipeline.speech.engines.Speech` (int16 mono PCM). The measures are for
benchmarks and tests: duration (s), RMS level (dBFS), an integrated loudness estimate after
ITU-R BS.1770 (K-weighting, 400 ms blocks, absolute gate -70 LUFS, relative gate -10 LU; no
true-peak), and the silent gaps. :func:`mux` puts an AAC track (and optionally a soft
``mov_text`` subtitle track read from WebVTT) beside the video of an existing mp4 by copying
the video packets: the video is never re-encoded. It uses PyAV's bundled FFmpeg libraries
(the ``av`` package manim installs); no ``ffmpeg`` program is needed.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import tempfile
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from pipeline.speech.captions import Cue, parse_webvtt
from pipeline.speech.engines import Speech

SILENCE_DB = -45.0
"""Level (dBFS, over 10 ms windows) below which audio counts as silence."""

AAC_BIT_RATE = 64_000
"""Bits per second of the AAC track: ample for one voice at 22.05 kHz mono."""

_ASS_HEADER = b"""[Script Info]
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


# -- WAV files ------------------------------------------------------------------------------
class BadWavError(ValueError):
    """A WAV file that is empty, truncated, or not 16-bit mono PCM."""


def read_wav(path: Path) -> Speech:
    """A 16-bit mono PCM WAV file as :class:`Speech`; :class:`BadWavError` if it is empty,
    unreadable, truncated or in another format."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
                raise BadWavError(f"{path}: not 16-bit mono PCM")
            count = wav.getnframes()
            frames = wav.readframes(count)
            rate = wav.getframerate()
    except (OSError, EOFError, wave.Error) as err:
        raise BadWavError(f"{path}: {err}") from err
    if count == 0 or len(frames) != 2 * count:
        raise BadWavError(f"{path}: holds {len(frames) // 2} of {count} samples")
    return Speech(np.frombuffer(frames, dtype="<i2"), rate)


def write_wav(path: Path, speech: Speech) -> None:
    """Write ``speech`` as a 16-bit mono WAV, atomically: a temporary file in the same folder
    is renamed over ``path`` when complete, so no reader ever sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream, wave.open(stream, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(speech.sample_rate)
            wav.writeframes(speech.samples.astype("<i2").tobytes())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- joining --------------------------------------------------------------------------------
def seconds_to_samples(seconds: float, rate: int) -> int:
    """The sample index nearest to ``seconds``."""
    return round(seconds * rate)


def place(clips: Sequence[tuple[float, Speech]], duration: float, rate: int) -> Speech:
    """One track of exactly ``round(duration * rate)`` samples: silence with each clip
    starting at its time (seconds). Clips must not overlap nor run past the end."""
    total = seconds_to_samples(duration, rate)
    track = np.zeros(total, dtype=np.int16)
    end = 0
    for start_s, clip in sorted(clips, key=lambda item: item[0]):
        if clip.sample_rate != rate:
            raise ValueError(
                f"clip at {start_s:.3f} s is {clip.sample_rate} Hz, track is {rate} Hz"
            )
        start = seconds_to_samples(start_s, rate)
        if start < end:
            raise ValueError(f"clip at {start_s:.3f} s overlaps the one before it")
        stop = start + len(clip.samples)
        if start < 0 or stop > total:
            raise ValueError(
                f"clip at {start_s:.3f} s ({clip.duration:.3f} s) does not fit in {duration:.3f} s"
            )
        track[start:stop] = clip.samples
        end = stop
    return Speech(track, rate)


def concatenate(
    clips: Sequence[Speech], pause: float = 0.0, duration: float | None = None, rate: int = 22050
) -> tuple[Speech, tuple[float, ...]]:
    """The clips one after another with ``pause`` seconds of silence between them, padded
    with silence to exactly ``duration`` seconds if given; returns the track and each clip's
    start time (s). ``rate`` is used only when there is no clip."""
    if clips:
        rate = clips[0].sample_rate
    gap = seconds_to_samples(pause, rate)
    starts: list[float] = []
    position = 0
    for clip in clips:
        starts.append(position / rate)
        position += len(clip.samples) + gap
    length = max(position - gap, 0) if clips else 0
    total = length if duration is None else seconds_to_samples(duration, rate)
    if total < length:
        raise ValueError(f"{length / rate:.3f} s of clips do not fit in {duration:.3f} s")
    return place(list(zip(starts, clips, strict=True)), total / rate, rate), tuple(starts)


# -- measures -------------------------------------------------------------------------------
def frame_levels(speech: Speech, window: float = 0.01) -> np.ndarray:
    """RMS level (dBFS) of each ``window``-second frame, shape (ceil(n / frame),);
    digital silence is -inf."""
    size = max(1, seconds_to_samples(window, speech.sample_rate))
    x = speech.floats().astype(np.float64)
    pad = (-len(x)) % size
    frames = np.pad(x, (0, pad)).reshape(-1, size)
    with np.errstate(divide="ignore"):
        return 10.0 * np.log10(np.mean(frames**2, axis=1))


def speech_bounds(
    speech: Speech, threshold_db: float = SILENCE_DB, window: float = 0.01
) -> tuple[int, int] | None:
    """(first, last + 1) sample of the frames louder than ``threshold_db``: where the voice
    starts and ends, to the ``window``; None if it is silent throughout."""
    loud = np.nonzero(frame_levels(speech, window) > threshold_db)[0]
    if loud.size == 0:
        return None
    size = max(1, seconds_to_samples(window, speech.sample_rate))
    return int(loud[0] * size), int(min((loud[-1] + 1) * size, len(speech.samples)))


def rms_dbfs(speech: Speech) -> float:
    """RMS level of the whole track in dBFS (a full-scale sine is -3 dB); -inf if silent."""
    x = speech.floats().astype(np.float64)
    power = float(np.mean(x**2)) if x.size else 0.0
    return 10.0 * np.log10(power) if power > 0 else float("-inf")


def peak_dbfs(speech: Speech) -> float:
    """The loudest sample in dBFS; -inf if silent."""
    top = float(np.max(np.abs(speech.floats()))) if len(speech.samples) else 0.0
    return 20.0 * np.log10(top) if top > 0 else float("-inf")


def _k_weighting(rate: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """BS.1770's two K-weighting biquads (high shelf, then high pass) for ``rate`` Hz,
    from their analog prototypes (the 48 kHz coefficients of the standard, re-derived)."""
    out = []
    for gain_db, q, fc, shelf in (
        (3.99984, 0.7071752, 1681.974, True),
        (0.0, 0.5003270, 38.13547, False),
    ):
        k = np.tan(np.pi * fc / rate)
        if shelf:
            vh = 10 ** (gain_db / 20)
            vb = vh**0.4996667741545416
            a0 = 1 + k / q + k * k
            b = np.array([vh + vb * k / q + k * k, 2 * (k * k - vh), vh - vb * k / q + k * k]) / a0
            a = np.array([1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
        else:
            a0 = 1 + k / q + k * k
            b = np.array([1.0, -2.0, 1.0])
            a = np.array([1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
        out.append((b, a))
    return tuple(out)


def loudness_lufs(speech: Speech) -> float:
    """Integrated loudness estimate in LUFS (BS.1770 gating, mono); -inf if too short or
    silent. Speech for video is usually mastered near -16 to -23 LUFS."""
    from scipy.signal import lfilter  # here: importing scipy.signal takes 0.7 s

    x = speech.floats().astype(np.float64)
    for b, a in _k_weighting(speech.sample_rate):
        x = lfilter(b, a, x)
    block, step = round(0.4 * speech.sample_rate), round(0.1 * speech.sample_rate)
    if len(x) < block:
        return float("-inf")
    starts = range(0, len(x) - block + 1, step)
    power = np.array([np.mean(x[s : s + block] ** 2) for s in starts])
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(power)
    gated = power[levels > -70.0]
    if gated.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(np.mean(gated)) - 10.0
    final = power[(levels > -70.0) & (levels > relative)]
    return float(-0.691 + 10 * np.log10(np.mean(final)))


def silence_gaps(
    speech: Speech, min_gap: float = 0.25, threshold_db: float = SILENCE_DB, window: float = 0.01
) -> list[tuple[float, float]]:
    """The (start, end) seconds of every stretch of at least ``min_gap`` seconds quieter than
    ``threshold_db``, including leading and trailing silence."""
    quiet = frame_levels(speech, window) <= threshold_db
    gaps, start = [], None
    for i, is_quiet in enumerate([*quiet.tolist(), False]):
        if is_quiet and start is None:
            start = i
        elif not is_quiet and start is not None:
            if (i - start) * window >= min_gap - 1e-9:
                gaps.append((start * window, min(i * window, speech.duration)))
            start = None
    return gaps


# -- mp4 ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StreamSummary:
    """What one stream of a media file holds: ``kind`` (video, audio, subtitle, data),
    ``codec``, ``packets`` with ``bytes`` in all and their ``sha256``, ``duration`` (s)."""

    kind: str
    codec: str
    packets: int
    bytes: int
    sha256: str
    duration: float
    sample_rate: int = 0


def summarize(path: Path) -> tuple[StreamSummary, ...]:
    """Every stream of ``path``, by demuxing all its packets (no decoding)."""
    with av.open(str(path)) as container:
        streams = list(container.streams)
        digests = [hashlib.sha256() for _ in streams]
        counts, sizes = [0] * len(streams), [0] * len(streams)
        for packet in container.demux():
            if packet.size == 0 or packet.stream.index >= len(streams):
                continue
            i = packet.stream.index
            digests[i].update(bytes(packet))
            counts[i] += 1
            sizes[i] += packet.size
        out = []
        for i, stream in enumerate(streams):
            duration = float(stream.duration * stream.time_base) if stream.duration else 0.0
            context = stream.codec_context
            out.append(
                StreamSummary(
                    kind=stream.type,
                    codec=context.name if context is not None else "",
                    packets=counts[i],
                    bytes=sizes[i],
                    sha256=digests[i].hexdigest(),
                    duration=duration,
                    sample_rate=getattr(context, "sample_rate", 0) or 0,
                )
            )
        return tuple(out)


def video_duration(path: Path) -> float:
    """Seconds of the first video stream of ``path`` (from its packets' last end)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        end = 0
        for packet in container.demux(stream):
            if packet.pts is not None:
                end = max(end, packet.pts + (packet.duration or 0))
        return float(end * stream.time_base)


def write_m4a(
    target: Path, audio: Speech, *, language: str = "eng", bit_rate: int = AAC_BIT_RATE
) -> None:
    """Write ``audio`` as an AAC-only ``.m4a`` file, under a temporary name moved into place
    when complete."""
    tmp = target.with_name(f".{target.stem}.partial{target.suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            for _, _, packet in _audio_packets(out, audio, language, bit_rate):
                out.mux(packet)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def read_audio(path: Path) -> Speech:
    """The first audio stream of a media file (mp4, m4a, wav), decoded to 16-bit mono PCM at
    its own sample rate; the AAC encoder's priming samples are dropped, so sample 0 is the
    stream's time 0."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate
        length = round(stream.duration * stream.time_base * rate) if stream.duration else None
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
        chunks, first = [], None
        for frame in container.decode(stream):
            if first is None and frame.pts is not None:
                first = float(frame.pts * frame.time_base)
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    skip = max(0, -round((first or 0.0) * rate))
    samples = samples[skip:]
    return Speech(samples if length is None else samples[:length], rate)


def _ass_text(text: str) -> str:
    """Cue text for FFmpeg's ASS event line: line breaks as ``\\N``. FFmpeg's mov_text encoder
    keeps braces and lone backslashes as they are (checked); only ``{\\...}`` override
    blocks and ``\\N``, ``\\n``, ``\\h`` are codes, which caption text does not contain."""
    return text.replace("\n", "\\N")


def _timed(
    packets: Iterator[av.Packet], stream: av.stream.Stream
) -> Iterator[tuple[float, int, av.Packet]]:
    order = stream.index
    for packet in packets:
        time = packet.dts if packet.dts is not None else packet.pts
        yield (float((time or 0) * stream.time_base), order, packet)


def mux(
    video: Path,
    target: Path,
    audio: Speech | None = None,
    subtitles: Path | Sequence[Cue] | None = None,
    *,
    language: str = "eng",
    bit_rate: int = AAC_BIT_RATE,
) -> tuple[StreamSummary, ...]:
    """Write ``target``: the video packets of ``video`` copied unchanged (with its chapters),
    ``audio`` encoded to AAC, and ``subtitles`` (a WebVTT file or cues) as a soft ``mov_text``
    track; streams interleaved by time, the index at the front (faststart). Any other stream
    of ``video`` (an old audio track) is dropped. Written under a temporary name and moved
    into place when complete; returns :func:`summarize` of the result.
    """
    cues: Sequence[Cue] = ()
    if isinstance(subtitles, Path):
        cues = parse_webvtt(subtitles.read_text(encoding="utf-8"), max_chars=None, max_lines=None)
    elif subtitles is not None:
        cues = subtitles
    tmp = target.with_name(f".{target.stem}.partial{target.suffix}")
    try:
        with (
            av.open(str(video)) as src,
            av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"}) as out,
        ):
            source = src.streams.video[0]
            out_video = out.add_stream_from_template(source)
            queues = []
            if audio is not None and len(audio.samples):
                queues.append(_audio_packets(out, audio, language, bit_rate))
            if cues:
                queues.append(_subtitle_packets(out, cues, language))
            packets = (p for p in src.demux(source) if p.dts is not None)
            copied = []
            for time, _, packet in _timed(packets, source):
                packet.stream = out_video
                copied.append((time, 0, packet))
            merged = heapq.merge(copied, *queues, key=lambda item: (item[0], item[1]))
            for _, _, packet in merged:
                out.mux(packet)
            chapters = src.chapters()
            if chapters:
                out.set_chapters(chapters)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return summarize(target)


def _audio_packets(
    out: av.container.OutputContainer, audio: Speech, language: str, bit_rate: int
) -> list[tuple[float, int, av.Packet]]:
    stream = out.add_stream("aac", rate=audio.sample_rate)
    stream.layout = "mono"
    stream.bit_rate = bit_rate
    stream.metadata["language"] = language
    frame = av.AudioFrame.from_ndarray(audio.samples.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = audio.sample_rate
    frame.pts = 0
    frame.time_base = Fraction(1, audio.sample_rate)
    packets = [*stream.encode(frame), *stream.encode(None)]
    return [(float((p.dts or 0) * p.time_base), 1, p) for p in packets]


def _subtitle_packets(
    out: av.container.OutputContainer, cues: Sequence[Cue], language: str
) -> list[tuple[float, int, av.Packet]]:
    stream = out.add_stream("mov_text")
    stream.metadata["language"] = language
    stream.time_base = Fraction(1, 1000)
    stream.codec_context.time_base = Fraction(1, 1000)
    stream.codec_context.subtitle_header = _ASS_HEADER
    packets = []
    for number, cue in enumerate(cues):
        start, length = round(cue.start * 1000), round((cue.end - cue.start) * 1000)
        line = f"{number},0,Default,,0,0,0,,{_ass_text(cue.text)}".encode()
        subtitle = av.subtitles.subtitle.SubtitleSet.create(line, 0, length, start)
        packet = stream.codec_context.encode_subtitle(subtitle)
        packet.stream = stream
        packet.time_base = Fraction(1, 1000)
        packets.append((cue.start, 2, packet))
    return packets
