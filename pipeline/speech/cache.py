"""Speech cached on disk, one WAV file per sentence.

The key is the sha256 of (the spoken text, the voice's name, its engine version, the speed),
so an unchanged rerun synthesizes nothing and editing one sentence re-synthesizes that
sentence only. Entries are written to a temporary file in the cache folder and renamed into
place (``os.replace``): a reader never sees half an entry, and two processes writing the same
entry both leave a whole one. An entry that cannot be read back (0 bytes, truncated, not a
16-bit mono WAV, another sample rate) is synthesized again and replaced.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.speech.audio import BadWavError, read_wav, write_wav
from pipeline.speech.engines import Speech, Voice

CACHE_FORMAT = 1
"""Bumped when the layout or the entries' format changes: every key changes with it."""


def speech_key(text: str, voice: str, engine_version: str, speed: float) -> str:
    """The sha256 hex digest naming the cache entry of ``text`` said by ``voice``."""
    payload = json.dumps(
        {
            "format": CACHE_FORMAT,
            "text": text,
            "voice": voice,
            "engine": engine_version,
            "speed": speed,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class SpeechCache:
    """``voice``'s speech, cached under ``folder``; callable as ``cache(text) -> Speech``.

    Counters for this object's lifetime: ``hits`` (read from disk), ``synthesized`` (made by
    the voice), ``rebuilt`` (of those, replacing an unreadable entry).
    """

    folder: Path
    voice: Voice
    hits: int = field(default=0, init=False)
    synthesized: int = field(default=0, init=False)
    rebuilt: int = field(default=0, init=False)

    def path(self, text: str) -> Path:
        """Where the entry for ``text`` lives (whether or not it exists yet)."""
        key = speech_key(text, self.voice.name, self.voice.version, self.voice.speed)
        return self.folder / key[:2] / f"{key}.wav"

    def __call__(self, text: str) -> Speech:
        """``text`` said by the voice: from the cache when a good entry exists, else
        synthesized and stored."""
        entry = self.path(text)
        if entry.exists():
            try:
                speech = read_wav(entry)
            except BadWavError:
                self.rebuilt += 1
            else:
                if speech.sample_rate == self.voice.sample_rate:
                    self.hits += 1
                    return speech
                self.rebuilt += 1
        speech = self.voice.synthesize(text)
        self.synthesized += 1
        write_wav(entry, speech)
        return speech
