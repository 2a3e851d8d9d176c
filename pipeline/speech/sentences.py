"""A slide's narration as sentences: split, spoken one by one, joined with short pauses.

The sentence is the unit of synthesis, caching and captioning. :func:`narrate` synthesizes
each sentence (through any ``text -> Speech`` callable: a voice or a
:class:`~pipeline.speech.cache.SpeechCache`), trims the silence the engine puts around it,
and lays the clips out with :data:`PAUSE` seconds between one sentence's last sound and the
next one's first. The times it reports are measured on the audio itself: where the voice is
louder than :data:`~pipeline.speech.audio.SILENCE_DB`, to :data:`WINDOW` seconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.speech.audio import place, seconds_to_samples, speech_bounds
from pipeline.speech.engines import Speech
from pipeline.speech.pronounce import spoken

PAUSE = 0.45
"""Seconds of silence between the end of one sentence's voice and the start of the next."""

MARGIN = 0.02
"""Seconds of the engine's own silence kept before and after each sentence's voice."""

WINDOW = 0.005
"""Resolution (s) of the measured start and end of the voice."""

ABBREVIATIONS = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "vs",
        "e.g",
        "i.e",
        "etc",
        "cf",
        "fig",
        "eq",
        "no",
        "approx",
    }
)
"""Words that end with a period without ending the sentence (compared in lower case)."""

_END = re.compile(r"[.!?]+['\"’”)\]]*(?=\s+\S)")


@dataclass(frozen=True)
class SentenceTiming:
    """One sentence of a narration: the readable ``text`` (for captions), the ``spoken`` text
    the voice said, and the ``start`` and ``end`` (s) of its voice in the track."""

    text: str
    spoken: str
    start: float
    end: float


@dataclass(frozen=True)
class Narration:
    """A paragraph said aloud: the ``speech`` track (from 0, ending :data:`MARGIN` after the
    last sentence's voice) and its ``sentences`` in order."""

    speech: Speech
    sentences: tuple[SentenceTiming, ...]

    @property
    def duration(self) -> float:
        """Length of the track in seconds."""
        return self.speech.duration


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, whitespace collapsed: a sentence ends at ``.``, ``!``
    or ``?`` (with any closing quote or bracket) followed by a space and a word that does not
    start in lower case. Abbreviations (:data:`ABBREVIATIONS`) and decimal points do not end a
    sentence; neither does an ellipsis (``…``), which is a pause inside one."""
    text = " ".join(paragraph.split())
    sentences, start = [], 0
    for match in _END.finditer(text):
        rest = text[match.end() :].lstrip()
        if rest[:1].islower():
            continue
        word = re.search(r"([\w.]+)$", text[start : match.start()])
        if match.group(0)[0] == "." and word and word.group(1).lower() in ABBREVIATIONS:
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


@dataclass(frozen=True)
class _Clip:
    speech: Speech
    voice_start: int  # samples from the clip's start to its voice's first sample
    voice_end: int  # samples from the clip's start to its voice's last sample + 1


def trim(speech: Speech, margin: float = MARGIN, window: float = WINDOW) -> _Clip:
    """``speech`` without the silence around its voice beyond ``margin`` seconds, and where
    the voice starts and ends in it; ValueError if it is silent throughout."""
    bounds = speech_bounds(speech, window=window)
    if bounds is None:
        raise ValueError("the voice said nothing")
    keep = seconds_to_samples(margin, speech.sample_rate)
    first, last = max(0, bounds[0] - keep), min(len(speech.samples), bounds[1] + keep)
    return _Clip(
        Speech(speech.samples[first:last], speech.sample_rate), bounds[0] - first, bounds[1] - first
    )


def narrate(
    paragraph: str,
    synthesize: Callable[[str], Speech],
    *,
    pause: float = PAUSE,
    margin: float = MARGIN,
    say: Callable[[str], str] = spoken,
) -> Narration:
    """Say ``paragraph`` sentence by sentence with ``synthesize`` (given ``say(sentence)``,
    by default the pronunciation table's :func:`~pipeline.speech.pronounce.spoken`), with
    ``pause`` seconds between sentences; the track starts ``margin`` seconds before the first
    voice and ends ``margin`` after the last."""
    pause = max(pause, 2 * margin)
    clips, texts = [], []
    for sentence in split_sentences(paragraph):
        said = say(sentence)
        try:
            clips.append(trim(synthesize(said), margin))
        except ValueError as err:
            raise ValueError(f"{err} for the sentence {sentence!r} (spoken as {said!r})") from None
        texts.append((sentence, said))
    if not clips:
        return Narration(Speech([], 22050), ())
    rate = clips[0].speech.sample_rate
    gap = seconds_to_samples(pause, rate)
    placed, timings, voice_end = [], [], None
    for clip, (sentence, said) in zip(clips, texts, strict=True):
        if clip.speech.sample_rate != rate:
            raise ValueError(f"sentences at {clip.speech.sample_rate} Hz and {rate} Hz")
        voice_start = 0 if voice_end is None else voice_end + gap
        offset = voice_start - clip.voice_start
        if voice_end is None:
            offset, voice_start = 0, clip.voice_start
        placed.append((offset / rate, clip.speech))
        voice_end = offset + clip.voice_end
        timings.append(SentenceTiming(sentence, said, voice_start / rate, voice_end / rate))
    total = placed[-1][0] + placed[-1][1].duration
    return Narration(place(placed, total, rate), tuple(timings))
