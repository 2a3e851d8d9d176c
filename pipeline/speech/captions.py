"""Captions and transcript: WebVTT cues from measured sentence timings, WebVTT chapters, a
strict WebVTT parser (used by the tests and by :func:`pipeline.speech.audio.mux`), and a
Markdown transcript.

Caption rules (the usual broadcast limits): a cue holds at most :data:`MAX_LINES` lines of at
most :data:`MAX_CHARS` characters. A sentence too long for one cue is split into several at
word boundaries, and its measured speech span is shared among them in proportion to their
characters. Cues never overlap and never start before the voice: a cue starts no earlier
than its sentence's speech (start times are rounded up to the millisecond, ends down).
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_CHARS = 42
"""Characters per caption line."""

MAX_LINES = 2
"""Lines per caption cue."""

_TIMESTAMP = r"(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP} --> {_TIMESTAMP}((?:[ \t]+\S+)*)$")


@dataclass(frozen=True)
class Timed:
    """A stretch of speech: its readable ``text`` and the ``start`` and ``end`` (s) of the
    voice in the track (what :class:`pipeline.speech.sentences.SentenceTiming` provides)."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Cue:
    """One caption or chapter cue: ``start`` and ``end`` in seconds, ``text`` with its line
    breaks as ``\\n``."""

    start: float
    end: float
    text: str

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


@dataclass(frozen=True)
class Chapter:
    """A chapter (a scene): ``title`` from ``start`` to ``end`` seconds."""

    title: str
    start: float
    end: float


class WebVTTError(ValueError):
    """A WebVTT file that breaks a rule; ``line`` is the 1-based line number (0: the file)."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"WebVTT line {line}: {problem}" if line else f"WebVTT: {problem}")


# -- text layout ----------------------------------------------------------------------------
def _words(text: str, width: int) -> list[str]:
    """The words of ``text``; a word longer than ``width`` is cut into pieces of ``width``."""
    pieces = []
    for word in text.split():
        while len(word) > width:
            pieces.append(word[:width])
            word = word[width:]
        pieces.append(word)
    return pieces


def wrap(text: str, width: int = MAX_CHARS) -> list[str]:
    """``text`` as greedy lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in _words(text, width):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def balance(words: Sequence[str], width: int = MAX_CHARS) -> str:
    """``words`` as one or two lines of at most ``width`` characters, the break placed where
    the longer line is shortest (one line when it fits)."""
    one = " ".join(words)
    if len(one) <= width:
        return one
    best = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if len(first) <= width and len(second) <= width:
            score = max(len(first), len(second))
            if best is None or score < best[0]:
                best = (score, f"{first}\n{second}")
    if best is None:
        raise ValueError(f"does not fit in two lines of {width}: {one!r}")
    return best[1]


def _fits(words: Sequence[str], width: int, lines: int) -> bool:
    return len(wrap(" ".join(words), width)) <= lines


def _layout(words: Sequence[str], width: int, lines: int) -> str:
    if lines == 2:
        try:
            return balance(words, width)
        except ValueError:  # a word longer than a line was cut: keep the greedy lines
            pass
    return "\n".join(wrap(" ".join(words), width))


def _even_split(words: Sequence[str], parts: int, width: int, lines: int) -> list[list[str]] | None:
    """``words`` in ``parts`` consecutive groups that each fit in a cue, the longest group as
    short as possible (dynamic programming over the cut points); None if impossible."""
    n = len(words)
    size = [[len(" ".join(words[i:j])) for j in range(n + 1)] for i in range(n + 1)]
    inf = float("inf")
    # best[j][i]: the smallest longest-group length splitting words[:i] into j groups
    best = [[inf] * (n + 1) for _ in range(parts + 1)]
    cut = [[0] * (n + 1) for _ in range(parts + 1)]
    best[0][0] = 0
    for j in range(1, parts + 1):
        for i in range(j, n + 1):
            for k in range(j - 1, i):
                if best[j - 1][k] == inf or not _fits(words[k:i], width, lines):
                    continue
                score = max(best[j - 1][k], size[k][i])
                if score < best[j][i]:
                    best[j][i], cut[j][i] = score, k
    if best[parts][n] == inf:
        return None
    groups, i = [], n
    for j in range(parts, 0, -1):
        groups.append(list(words[cut[j][i] : i]))
        i = cut[j][i]
    return groups[::-1]


def cue_texts(text: str, width: int = MAX_CHARS, lines: int = MAX_LINES) -> list[str]:
    """``text`` cut into as few cue texts as fit (at most ``lines`` lines of ``width``
    characters each), of even length: no cue is left with a stray word."""
    words = _words(text, width)
    if not words:
        return []
    fewest = -(-len(wrap(text, width)) // lines)
    for parts in range(fewest, len(words) + 1):
        groups = _even_split(words, parts, width, lines)
        if groups is not None:
            return [_layout(group, width, lines) for group in groups]
    raise AssertionError("one word per cue always fits")


def _ceil_ms(seconds: float) -> float:
    return math.ceil(round(seconds * 1000, 6)) / 1000


def _floor_ms(seconds: float) -> float:
    return math.floor(round(seconds * 1000, 6)) / 1000


def caption_cues(
    spans: Sequence[Timed], width: int = MAX_CHARS, lines: int = MAX_LINES
) -> list[Cue]:
    """The caption cues of ``spans`` in order: each span's text in cues of at most ``lines``
    lines of ``width`` characters, its time shared by characters, on whole milliseconds, never
    before the span's start nor after its end."""
    cues: list[Cue] = []
    for span in spans:
        if not span.text.strip():
            continue
        if span.end <= span.start:
            raise ValueError(f"empty time span for {span.text!r}")
        texts = cue_texts(span.text, width, lines)
        weights = [len(t.replace("\n", " ")) for t in texts]
        total, done = sum(weights), 0
        for text, weight in zip(texts, weights, strict=True):
            start = _ceil_ms(span.start + (span.end - span.start) * done / total)
            done += weight
            end = _floor_ms(span.start + (span.end - span.start) * done / total)
            if cues and start < cues[-1].end:
                raise ValueError(f"speech of {span.text!r} starts before the previous one ends")
            if end <= start:
                raise ValueError(f"no time left for the cue {text!r}: spread the speech out")
            cues.append(Cue(start, end, text))
    return cues


# -- writing --------------------------------------------------------------------------------
def timestamp(seconds: float) -> str:
    """``HH:MM:SS.mmm`` (WebVTT's long form) for a time in seconds, to the millisecond."""
    millis = round(seconds * 1000)
    if millis < 0:
        raise ValueError(f"negative time {seconds}")
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text: str) -> str:
    named = {"&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f"}
    for entity, char in named.items():
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def webvtt(cues: Sequence[Cue], identifiers: bool = False) -> str:
    """The WebVTT file for ``cues``: header, then one block per cue (numbered from 1 if
    ``identifiers``), text escaped (&, <, >)."""
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        head = f"{number}\n" if identifiers else ""
        blocks.append(f"{head}{timestamp(cue.start)} --> {timestamp(cue.end)}\n{_escape(cue.text)}")
    return "\n\n".join(blocks) + "\n"


def chapters_webvtt(chapters: Sequence[Chapter]) -> str:
    """WebVTT chapters: one cue per chapter, its title as the text, numbered from 1."""
    return webvtt([Cue(c.start, c.end, c.title) for c in chapters], identifiers=True)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) atomically: a temporary file in the same folder is renamed over
    ``path`` when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- strict parsing -------------------------------------------------------------------------
def _seconds(groups: Sequence[str]) -> float:
    hours, minutes, secs, millis = (int(g) for g in groups)
    return (((hours * 60 + minutes) * 60 + secs) * 1000 + millis) / 1000


def parse_webvtt(
    text: str, max_chars: int | None = MAX_CHARS, max_lines: int | None = MAX_LINES
) -> list[Cue]:
    """The cues of a WebVTT file, checked strictly; :class:`WebVTTError` names the first line
    that breaks a rule.

    Rules: the file starts with ``WEBVTT`` (optionally a space or tab and text) followed by a
    blank line; every block is a cue (an optional identifier line, then a timing line
    ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` with optional settings) or a NOTE; start < end; each cue
    starts no earlier than the previous one ends (in order, no overlap); a cue has 1 to
    ``max_lines`` text lines of at most ``max_chars`` characters (after unescaping), none of
    them containing ``-->``. ``None`` lifts a limit. No byte-order mark, no carriage return.
    """
    if text.startswith("\ufeff"):
        raise WebVTTError(1, "byte-order mark: write UTF-8 without BOM")
    if "\r" in text:
        raise WebVTTError(0, "carriage return: use \\n line ends")
    lines = text.split("\n")
    if not re.fullmatch(r"WEBVTT(?:[ \t].*)?", lines[0]):
        raise WebVTTError(1, f"first line must be 'WEBVTT', got {lines[0]!r}")
    if len(lines) > 1 and lines[1] != "":
        raise WebVTTError(2, "the header must be followed by a blank line")
    cues: list[Cue] = []
    number = 2
    while number < len(lines):
        if lines[number] == "":
            number += 1
            continue
        block_start = number
        block = []
        while number < len(lines) and lines[number] != "":
            block.append(lines[number])
            number += 1
        if re.fullmatch(r"NOTE(?:[ \t].*)?", block[0]):
            continue
        cues.append(_parse_cue(block, block_start + 1, cues, max_chars, max_lines))
    return cues


def _parse_cue(
    block: list[str],
    first_line: int,
    before: Sequence[Cue],
    max_chars: int | None,
    max_lines: int | None,
) -> Cue:
    offset = 0
    if "-->" not in block[0]:
        offset = 1
        if len(block) < 2:
            raise WebVTTError(first_line, "a cue identifier without a timing line")
    match = _TIMING.match(block[offset])
    where = first_line + offset
    if match is None:
        raise WebVTTError(
            where, f"timing must be 'HH:MM:SS.mmm --> HH:MM:SS.mmm', got {block[offset]!r}"
        )
    start, end = _seconds(match.groups()[0:4]), _seconds(match.groups()[4:8])
    if not start < end:
        raise WebVTTError(where, f"the cue must start before it ends ({start:.3f} >= {end:.3f})")
    if before and start < before[-1].end:
        raise WebVTTError(
            where,
            f"the cue starts at {start:.3f} s, before the previous cue ends ({before[-1].end:.3f} s)",
        )
    text_lines = block[offset + 1 :]
    if not text_lines:
        raise WebVTTError(where, "a cue without text")
    if max_lines is not None and len(text_lines) > max_lines:
        raise WebVTTError(where + 1, f"{len(text_lines)} lines of text, at most {max_lines}")
    for i, line in enumerate(text_lines, start=where + 1):
        if "-->" in line:
            raise WebVTTError(i, "'-->' inside cue text")
        if max_chars is not None and len(_unescape(line)) > max_chars:
            raise WebVTTError(i, f"{len(_unescape(line))} characters, at most {max_chars}")
    return Cue(start, end, _unescape("\n".join(text_lines)))


# -- transcript -----------------------------------------------------------------------------
@dataclass(frozen=True)
class TranscriptChapter:
    """One chapter of the transcript: its ``title``, ``start`` (s) in the lecture video and
    the readable text of each of its slides, in order."""

    title: str
    start: float
    slides: tuple[str, ...]


def clock(seconds: float) -> str:
    """``M:SS`` under an hour, else ``H:MM:SS`` (whole seconds, rounded down)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def transcript_markdown(title: str, chapters: Sequence[TranscriptChapter]) -> str:
    """The transcript: the lecture ``title``, then per chapter a heading with its number,
    title and start time (``## 3. Calculus (1:07)``) and one paragraph per slide."""
    parts = [f"# {_markdown_escape(title)}"]
    for number, chapter in enumerate(chapters, start=1):
        parts.append(f"## {number}. {_markdown_escape(chapter.title)} ({clock(chapter.start)})")
        parts.extend(
            _markdown_escape(" ".join(slide.split())) for slide in chapter.slides if slide.strip()
        )
    return "\n\n".join(parts) + "\n"
