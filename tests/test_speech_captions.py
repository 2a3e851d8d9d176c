"""WebVTT captions and chapters, the strict parser, and the transcript."""

from __future__ import annotations

import itertools

import pytest

from pipeline.speech.captions import (
    MAX_CHARS,
    MAX_LINES,
    Chapter,
    Cue,
    Timed,
    TranscriptChapter,
    WebVTTError,
    caption_cues,
    chapters_webvtt,
    clock,
    cue_texts,
    parse_webvtt,
    timestamp,
    transcript_markdown,
    webvtt,
)

LONG = (
    "A closed form for m_best is nice, but in bigger models there is none, or it is too costly "
    "to compute: start somewhere on the curve, compute the derivative, and let it tell you "
    "where to go."
)

SPANS = [
    Timed("Here are Test 1 and Test 2 scores.", 0.02, 2.4),
    Timed(LONG, 2.85, 14.3),
    Timed("Each dot is one student: x < y & y > 0.", 14.75, 17.0),
    Timed("Here θ₁₁⁽¹⁾ = 0.5213, and θ₁⁽²⁾ = −1.2040.", 17.45, 24.1),
]


def test_cues_respect_the_line_limits_and_the_voice() -> None:
    cues = caption_cues(SPANS)
    assert len(cues) > len(SPANS)  # the long sentence is split
    for cue in cues:
        assert 1 <= len(cue.lines) <= MAX_LINES
        assert all(0 < len(line) <= MAX_CHARS for line in cue.lines)
    for before, after in itertools.pairwise(cues):
        assert before.end <= after.start
    for span in SPANS:
        mine = [c for c in cues if span.start <= c.start < span.end]
        assert mine and mine[0].start >= span.start  # never ahead of the voice
        assert mine[-1].end <= span.end
        assert " ".join(" ".join(c.lines) for c in mine) == " ".join(span.text.split())


def test_a_long_sentence_is_timed_by_characters() -> None:
    cues = [c for c in caption_cues(SPANS) if 2.85 <= c.start < 14.3]
    chars = [len(c.text.replace("\n", " ")) for c in cues]
    rate = [(c.end - c.start) / n for c, n in zip(cues, chars, strict=True)]
    assert max(rate) - min(rate) < 0.01  # seconds per character, the same in every cue
    assert min(chars) > 20  # no stray word left alone in a cue


def test_cue_texts_balance_two_lines() -> None:
    (text,) = cue_texts("Now the notation: one path through the network.")
    first, second = text.split("\n")
    assert abs(len(first) - len(second)) <= 6


def test_a_word_longer_than_a_line_is_cut() -> None:
    texts = cue_texts("x" * 100)
    assert all(len(line) <= MAX_CHARS for t in texts for line in t.split("\n"))
    assert "".join(t.replace("\n", "") for t in texts) == "x" * 100


def test_webvtt_round_trips_through_the_strict_parser() -> None:
    cues = caption_cues(SPANS)
    text = webvtt(cues)
    assert text.startswith("WEBVTT\n\n00:00:00.020 --> ")
    assert "x &lt; y &amp; y &gt; 0" in text
    parsed = parse_webvtt(text)
    assert [(c.start, c.end, c.text) for c in parsed] == [(c.start, c.end, c.text) for c in cues]


def test_timestamps() -> None:
    assert timestamp(0) == "00:00:00.000"
    assert timestamp(3723.4567) == "01:02:03.457"
    assert clock(67.9) == "1:07"
    assert clock(3723) == "1:02:03"


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("WEBVT\n\n", 1, "first line"),
        ("WEBVTT\nx\n", 2, "blank line"),
        ("\ufeffWEBVTT\n\n", 1, "byte-order mark"),
        ("WEBVTT\r\n\r\n", 0, "carriage return"),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", 3, "HH:MM:SS.mmm"),
        ("WEBVTT\n\n00:00:00,000 --> 00:00:01.000\nhi\n", 3, "HH:MM:SS.mmm"),
        ("WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nhi\n", 3, "start before it ends"),
        (
            "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nhi\n\n00:00:01.000 --> 00:00:03.000\nho\n",
            6,
            "before the previous cue ends",
        ),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n" + "x" * 43 + "\n", 4, "43 characters"),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\na\nb\nc\n", 4, "3 lines"),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n", 3, "without text"),
        ("WEBVTT\n\n1\n", 3, "without a timing line"),
    ],
)
def test_the_parser_rejects(text: str, line: int, problem: str) -> None:
    with pytest.raises(WebVTTError) as err:
        parse_webvtt(text)
    assert err.value.line == line
    assert problem in err.value.problem


def test_the_parser_accepts_notes_identifiers_and_settings() -> None:
    text = (
        "WEBVTT - captions\n\nNOTE written by hand\n\nintro\n"
        "00:00:00.000 --> 00:00:01.500 line:90% align:center\nhello\n"
    )
    assert parse_webvtt(text) == [Cue(0.0, 1.5, "hello")]


def test_overlapping_speech_is_refused() -> None:
    with pytest.raises(ValueError, match="before the previous one ends"):
        caption_cues([Timed("One.", 0.0, 2.0), Timed("Two.", 1.5, 3.0)])


def test_chapters() -> None:
    chapters = [Chapter("Title card", 0.0, 12.5), Chapter("Test scores & a line", 12.5, 40.0)]
    text = chapters_webvtt(chapters)
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:12.500\nTitle card\n\n2\n")
    parsed = parse_webvtt(text)
    assert [(c.start, c.end, c.text) for c in parsed] == [
        (c.start, c.end, c.title) for c in chapters
    ]


def test_transcript() -> None:
    text = transcript_markdown(
        "The Mathematics of Deep Learning",
        [
            TranscriptChapter("Title card", 0.0, ("Welcome.",)),
            TranscriptChapter("Calculus", 67.2, ("m_best = Σ xᵢyᵢ / Σ xᵢ².", "  ", "Next *step*.")),
        ],
    )
    assert text == (
        "# The Mathematics of Deep Learning\n\n## 1. Title card (0:00)\n\nWelcome.\n\n"
        "## 2. Calculus (1:07)\n\nm\\_best = Σ xᵢyᵢ / Σ xᵢ².\n\nNext \\*step\\*.\n"
    )
