"""The speech cache and the sentence pipeline, with a stand-in voice whose audio is known."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from pipeline.speech.audio import write_wav
from pipeline.speech.cache import SpeechCache, speech_key
from pipeline.speech.captions import caption_cues, parse_webvtt, webvtt
from pipeline.speech.engines import Speech
from pipeline.speech.sentences import PAUSE, narrate, split_sentences

RATE = 22050
LEAD, TAIL = 0.1, 0.25  # the stand-in's silence around its voice (s), like Piper's


@dataclass
class ToneVoice:
    """A voice that says any text as a tone 0.01 s per character, with silence around it,
    and counts what it was asked to say."""

    name: str = "tone"
    engine: str = "test"
    speed: float = 1.0
    version: str = "tone 1"
    sample_rate: int = RATE
    said: list[str] = field(default_factory=list)

    def synthesize(self, text: str) -> Speech:
        self.said.append(text)
        voiced = round(0.01 * len(text) * RATE)
        t = np.arange(voiced) / RATE
        tone = 0.5 * 32767 * np.sin(2 * np.pi * 220 * t)
        silence = np.zeros(round(LEAD * RATE)), np.zeros(round(TAIL * RATE))
        return Speech(np.round(np.concatenate([silence[0], tone, silence[1]])), RATE)


PARAGRAPH = (
    "Here are Test 1 and Test 2 scores for 12 students. Each dot is one student! "
    "Is the slope θ₁⁽²⁾ = 0.93? Dr. Smith thinks so, e.g. from the plot."
)


def test_split_sentences() -> None:
    assert split_sentences(PARAGRAPH) == [
        "Here are Test 1 and Test 2 scores for 12 students.",
        "Each dot is one student!",
        "Is the slope θ₁⁽²⁾ = 0.93?",
        "Dr. Smith thinks so, e.g. from the plot.",
    ]
    assert split_sentences("This sounds like a job for… Bloschtegans theorem!!! (Pause.)") == [
        "This sounds like a job for… Bloschtegans theorem!!!",
        "(Pause.)",
    ]
    assert split_sentences('He said "stop." Then left.') == ['He said "stop."', "Then left."]
    assert split_sentences("  ") == []


def test_narration_times_come_from_the_audio() -> None:
    voice = ToneVoice()
    narration = narrate(PARAGRAPH, voice.synthesize)
    assert voice.said[2] == "Is the slope theta one, layer two, equals zero point nine three?"
    spans = narration.sentences
    assert [s.text for s in spans] == split_sentences(PARAGRAPH)
    assert spans[0].start == pytest.approx(0.02, abs=0.006)  # the margin kept before the voice
    for span, said in zip(spans, voice.said, strict=True):
        assert span.end - span.start == pytest.approx(0.01 * len(said), abs=0.006)
    for before, after in itertools.pairwise(spans):
        assert after.start - before.end == pytest.approx(PAUSE, abs=1 / RATE)
    assert narration.duration == pytest.approx(spans[-1].end + 0.02, abs=0.006)
    samples = narration.speech.samples
    for span in spans:  # the voice is where the timings say, silence between
        inside = samples[round(span.start * RATE) + 50 : round(span.end * RATE) - 50]
        inside = inside[: len(inside) // 50 * 50]
        assert np.min(np.abs(inside.reshape(-1, 50)).max(axis=1)) > 1000  # no 2 ms of quiet
    gap = samples[round(spans[0].end * RATE) + 5 : round(spans[1].start * RATE) - 5]
    assert np.max(np.abs(gap)) == 0


def test_captions_never_run_ahead_of_the_voice() -> None:
    narration = narrate(PARAGRAPH, ToneVoice().synthesize)
    cues = parse_webvtt(webvtt(caption_cues(narration.sentences)))
    for span in narration.sentences:
        mine = [c for c in cues if span.start - 1e-9 <= c.start < span.end]
        assert mine[0].start >= span.start
        assert mine[-1].end <= span.end + 1e-9


def test_a_silent_sentence_is_an_error() -> None:
    def silent(text: str) -> Speech:
        return Speech(np.zeros(RATE), RATE)

    with pytest.raises(ValueError, match=r"said nothing for the sentence 'Hello\.'"):
        narrate("Hello.", silent)


def test_an_empty_paragraph_is_silence() -> None:
    narration = narrate("", ToneVoice().synthesize)
    assert narration.duration == 0.0
    assert narration.sentences == ()


def test_a_rerun_synthesizes_nothing(tmp_path: Path) -> None:
    voice = ToneVoice()
    first = narrate(PARAGRAPH, SpeechCache(tmp_path, voice))
    assert len(voice.said) == 4
    cache = SpeechCache(tmp_path, voice)
    again = narrate(PARAGRAPH, cache)
    assert (cache.hits, cache.synthesized, len(voice.said)) == (4, 0, 4)
    assert np.array_equal(first.speech.samples, again.speech.samples)
    assert first.sentences == again.sentences


def test_editing_one_sentence_resynthesizes_only_it(tmp_path: Path) -> None:
    voice = ToneVoice()
    narrate(PARAGRAPH, SpeechCache(tmp_path, voice))
    voice.said.clear()
    cache = SpeechCache(tmp_path, voice)
    narrate(PARAGRAPH.replace("12 students", "13 students"), cache)
    assert voice.said == ["Here are Test 1 and Test 2 scores for 13 students."]
    assert (cache.hits, cache.synthesized) == (3, 1)


@pytest.mark.parametrize("damage", ["empty", "truncated", "other rate"])
def test_a_corrupt_entry_is_rebuilt(tmp_path: Path, damage: str) -> None:
    voice = ToneVoice()
    cache = SpeechCache(tmp_path, voice)
    good = cache("Sigma prime.")
    entry = cache.path("Sigma prime.")
    if damage == "empty":
        entry.write_bytes(b"")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:100])
    else:
        write_wav(entry, Speech(good.samples, 16000))
    again = SpeechCache(tmp_path, voice)
    speech = again("Sigma prime.")
    assert (again.rebuilt, again.synthesized, again.hits) == (1, 1, 0)
    assert np.array_equal(speech.samples, good.samples)
    assert SpeechCache(tmp_path, voice)("Sigma prime.").duration == good.duration  # whole again


def test_the_key_covers_text_voice_version_and_speed() -> None:
    base = speech_key("Hello.", "joe", "piper 1", 1.0)
    assert base == speech_key("Hello.", "joe", "piper 1", 1.0)
    others = {
        speech_key("Hello!", "joe", "piper 1", 1.0),
        speech_key("Hello.", "espeak", "piper 1", 1.0),
        speech_key("Hello.", "joe", "piper 2", 1.0),
        speech_key("Hello.", "joe", "piper 1", 1.1),
    }
    assert base not in others and len(others) == 4


def test_entries_are_whole_files_only(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, ToneVoice())
    for text in ("One.", "Two.", "Three."):
        cache(text)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(files) == 3
    assert all(p.suffix == ".wav" and not p.name.startswith(".") for p in files)
