"""Audio helpers: WAV files, joining clips, measures, and muxing AAC + subtitles into an mp4."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from pipeline.speech.audio import (
    BadWavError,
    concatenate,
    loudness_lufs,
    mux,
    peak_dbfs,
    place,
    read_wav,
    rms_dbfs,
    silence_gaps,
    speech_bounds,
    summarize,
    video_duration,
    write_wav,
)
from pipeline.speech.captions import Cue, parse_webvtt, webvtt
from pipeline.speech.engines import Speech

RATE = 22050


def tone(seconds: float, level_db: float = -20.0, freq: float = 1000.0) -> Speech:
    """A sine of ``seconds`` at ``level_db`` dBFS peak."""
    t = np.arange(round(seconds * RATE)) / RATE
    return Speech(np.round(10 ** (level_db / 20) * 32767 * np.sin(2 * np.pi * freq * t)), RATE)


def test_wav_round_trip(tmp_path: Path) -> None:
    speech = tone(0.5)
    write_wav(tmp_path / "a.wav", speech)
    back = read_wav(tmp_path / "a.wav")
    assert back.sample_rate == RATE
    assert np.array_equal(back.samples, speech.samples)
    assert [p.name for p in tmp_path.iterdir()] == ["a.wav"]  # no temporary file left


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "stereo"])
def test_a_bad_wav_is_refused(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "a.wav"
    write_wav(path, tone(0.2))
    data = path.read_bytes()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"not a wav file at all" * 10)
    else:
        import wave

        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(2)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(b"\0\0" * 200)
    with pytest.raises(BadWavError):
        read_wav(path)


def test_place_and_concatenate_make_exact_lengths() -> None:
    a, b = tone(0.3), tone(0.2)
    track = place([(0.1, a), (0.5, b)], 1.0, RATE)
    assert len(track.samples) == RATE
    assert np.array_equal(track.samples[round(0.1 * RATE) :][: len(a.samples)], a.samples)
    joined, starts = concatenate([a, b], pause=0.25, duration=2.0)
    assert len(joined.samples) == 2 * RATE
    assert starts == (0.0, pytest.approx(0.55, abs=1 / RATE))
    with pytest.raises(ValueError, match="overlaps"):
        place([(0.0, a), (0.2, b)], 1.0, RATE)
    with pytest.raises(ValueError, match="does not fit"):
        place([(0.9, a)], 1.0, RATE)


def test_levels_of_a_known_sine() -> None:
    speech = tone(3.0, level_db=-20.0)
    assert rms_dbfs(speech) == pytest.approx(-23.01, abs=0.05)
    assert peak_dbfs(speech) == pytest.approx(-20.0, abs=0.01)
    # BS.1770: a 1 kHz sine at -20 dBFS in one channel reads -23.0 LUFS (K-weighting ~0 dB there)
    assert loudness_lufs(speech) == pytest.approx(-23.0, abs=0.3)
    assert loudness_lufs(Speech(np.zeros(RATE), RATE)) == float("-inf")


def test_silence_gaps_and_speech_bounds() -> None:
    track, _ = concatenate([tone(0.5), tone(0.5)], pause=0.6, duration=2.0)
    gaps = silence_gaps(track, min_gap=0.25)
    assert gaps[0] == pytest.approx((0.5, 1.1), abs=0.011)
    assert gaps[-1] == pytest.approx((1.6, 2.0), abs=0.011)
    assert speech_bounds(track) == (0, pytest.approx(1.6 * RATE, abs=0.011 * RATE))
    assert speech_bounds(Speech(np.zeros(100), RATE)) is None


def make_video(path: Path, seconds: float = 2.0, fps: int = 15, chapters: bool = True) -> None:
    """A small H.264 mp4 (160x120) with two chapters."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        for i in range(round(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(
                np.full((120, 160, 3), (i * 8) % 256, np.uint8), format="rgb24"
            )
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
        if chapters:
            half = round(seconds * 500)
            out.set_chapters(
                [
                    {
                        "id": 1,
                        "start": 0,
                        "end": half,
                        "time_base": Fraction(1, 1000),
                        "metadata": {"title": "One"},
                    },
                    {
                        "id": 2,
                        "start": half,
                        "end": 2 * half,
                        "time_base": Fraction(1, 1000),
                        "metadata": {"title": "Two"},
                    },
                ]
            )


def test_mux_copies_the_video_and_adds_aac_and_subtitles(tmp_path: Path) -> None:
    video, target, vtt = tmp_path / "v.mp4", tmp_path / "out.mp4", tmp_path / "c.vtt"
    make_video(video)
    duration = video_duration(video)
    assert duration == pytest.approx(2.0, abs=1e-6)
    audio, _ = concatenate([tone(0.8), tone(0.7)], pause=0.3, duration=duration)
    cues = [Cue(0.0, 0.8, "Hello {world} \\ there"), Cue(1.1, 1.8, "two lines,\nsecond")]
    vtt.write_text(webvtt(cues), encoding="utf-8")

    streams = mux(video, target, audio, vtt)

    (before,) = [s for s in summarize(video) if s.kind == "video"]
    kinds = [s.kind for s in streams]
    assert kinds.count("video") == 1 and kinds.count("audio") == 1 and kinds.count("subtitle") == 1
    (after,) = [s for s in streams if s.kind == "video"]
    assert (after.codec, after.packets, after.bytes, after.sha256) == (
        "h264",
        before.packets,
        before.bytes,
        before.sha256,
    )  # the same packets: not re-encoded
    (sound,) = [s for s in streams if s.kind == "audio"]
    assert sound.codec == "aac" and sound.sample_rate == RATE
    assert sound.duration == pytest.approx(duration, abs=0.05)
    (subs,) = [s for s in streams if s.kind == "subtitle"]
    assert subs.codec == "mov_text"
    with av.open(str(target)) as container:
        assert [c["metadata"]["title"] for c in container.chapters()] == ["One", "Two"]
        stream = container.streams.subtitles[0]
        texts = []
        for packet in container.demux(stream):
            if packet.size > 2:
                payload = bytes(packet)
                texts.append((float(packet.pts * stream.time_base), payload[2:].decode()))
        assert stream.metadata.get("language") == "eng"
    assert texts == [(0.0, "Hello {world} \\ there"), (1.1, "two lines,\nsecond")]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_mux_decodes_to_the_audio_it_was_given(tmp_path: Path) -> None:
    video, target = tmp_path / "v.mp4", tmp_path / "out.mp4"
    make_video(video, chapters=False)
    audio, _ = concatenate([tone(0.5, -12.0, 440.0)], duration=2.0)
    mux(video, target, audio)
    with av.open(str(target)) as container:
        decoded = np.concatenate(
            [f.to_ndarray().reshape(-1) for f in container.decode(container.streams.audio[0])]
        )
    assert len(decoded) == pytest.approx(2.0 * RATE, abs=1024)
    loud = np.nonzero(np.abs(decoded) > 0.05)[0]
    assert loud[0] / RATE == pytest.approx(0.0, abs=0.01)
    assert loud[-1] / RATE == pytest.approx(0.5, abs=0.01)


def test_a_strict_vtt_parse_feeds_the_mux() -> None:
    text = webvtt([Cue(0.0, 1.0, "a"), Cue(1.0, 2.0, "b")])
    assert [c.text for c in parse_webvtt(text)] == ["a", "b"]
