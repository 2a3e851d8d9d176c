"""reveal.js, from the npm package the set-up fetched, and the lecture as one offline HTML
file: every script, style sheet, video and narrated slide's audio and captions inside it, no
network address."""

from __future__ import annotations

import base64
import html
import json
import logging
import mimetypes
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from manim_slides.convert import AutoPlayMedia, JsBool, RevealJS, SlideNumber
from pydantic import Field

from mathcore.files import atomic_path
from pipeline.clips import audio_path, captions_path, poster_path
from pipeline.deck import Deck, PresentationError
from pipeline.paths import ROOT
from pipeline.player import TEMPLATE, inline_player
from pipeline.speech.captions import parse_webvtt
from scenes import context


def _lock(path: Path) -> dict[str, str]:
    """``key=value`` lines of a lock file (comments and blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


_REVEAL = _lock(ROOT / "deps" / "reveal.js.lock")
#: reveal.js as fetched by ``./render.sh setup``: the version and digest pinned in
#: ``deps/reveal.js.lock`` (also read by render.sh).
REVEAL_VERSION = _REVEAL["version"]
REVEAL_INTEGRITY = _REVEAL["integrity"]
VENDOR = ROOT / "vendor" / f"reveal.js-{REVEAL_VERSION}"
#: The files manim-slides' reveal.js template links to (paths inside the npm package).
REVEAL_ASSETS = (
    "dist/reveal.css",
    "dist/theme/black.css",
    "dist/plugin/highlight/zenburn.css",
    "dist/reveal.js",
    "dist/plugin/notes.js",
    "dist/plugin/markdown.js",
)
#: The template's CDN address is replaced by this, and every link to it by the vendored file,
#: so the HTML never names a network address (``.invalid`` cannot resolve).
PLACEHOLDER = "https://reveal-js.invalid/package"
LINK = re.compile(r'(?P<attr>href|src)="(?P<url>https?://[^"]*)"')

logging.getLogger("manim-slides").setLevel(logging.WARNING)


# -- reveal.js from the npm package ---------------------------------------------------------
def missing_reveal_assets(vendor: Path = VENDOR) -> list[str]:
    return [name for name in REVEAL_ASSETS if not (vendor / name).is_file()]


def check_reveal(vendor: Path = VENDOR) -> None:
    """Raise :class:`PresentationError` unless every reveal.js file the HTML needs is there."""
    missing = missing_reveal_assets(vendor)
    if missing:
        raise PresentationError(_missing_message(missing, vendor))


def _missing_message(missing: Iterable[str], vendor: Path) -> str:
    return (
        f"reveal.js {REVEAL_VERSION} is missing {', '.join(missing)} (looked in {vendor}). "
        "Run ./render.sh setup: it fetches reveal.js from the npm registry. "
        "Nothing was written."
    )


def data_uri(path: Path, mime: str | None = None) -> str:
    kind = mime or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_reveal(page: str, vendor: Path = VENDOR) -> str:
    """Replace every link to :data:`PLACEHOLDER` by the vendored file as a data URI.

    Scripts and style sheets become ``data:`` URLs rather than inline text, so nothing in
    them (``</script>``, ``<!--``) can end an element early. Any other network address left
    in the page is an error: the file must present with no network.
    """
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        url = match["url"]
        if not url.startswith(PLACEHOLDER + "/"):
            raise PresentationError(f"the slides' HTML links to {url}: it must be self-contained")
        name = url.removeprefix(PLACEHOLDER + "/")
        path = vendor / name
        if not path.is_file():
            missing.append(name)
            return match[0]
        mime = "text/css" if path.suffix == ".css" else "text/javascript"
        return f'{match["attr"]}="{data_uri(path, mime)}"'

    page = LINK.sub(replace, page)
    if missing:
        raise PresentationError(_missing_message(missing, vendor))
    return page


# -- the page --------------------------------------------------------------------------------
class LectureRevealJS(RevealJS):
    """manim-slides' converter with each narrated slide's words for the page template."""

    #: clip path -> {"audio": a data URI, "cues": JSON [[start, end, text], ...]}
    narration: dict[str, dict[str, str]] = Field(default_factory=dict)


def slide_words(clip: Path) -> dict[str, str] | None:
    """A published slide's narration for the page (None: the slide does not speak): its audio
    as a data URI and its captions as JSON cues ``[[start, end, text], ...]`` (seconds from
    the slide's start), so the player draws them itself, the same in every browser."""
    audio, captions = audio_path(clip), captions_path(clip)
    if not (audio.is_file() and captions.is_file()):
        return None
    try:
        cues = parse_webvtt(captions.read_text(encoding="utf-8"), max_chars=None, max_lines=None)
    except ValueError as err:  # WebVTTError: the file was changed by hand
        raise PresentationError(
            f"{captions}: {err}. Build the slides again (./render.sh slides). Nothing was written."
        ) from None
    return {
        "audio": data_uri(audio, "audio/mp4"),
        "cues": json.dumps(
            [[round(c.start, 3), round(c.end, 3), c.text] for c in cues], ensure_ascii=False
        ),
    }


def write_html(decks: Sequence[Deck], target: Path, vendor: Path = VENDOR) -> None:
    """The whole presentation as one HTML file that needs no network: the player's page
    (:mod:`pipeline.player`), each slide's clip and poster (:mod:`pipeline.clips`) inside,
    and a narrated slide's audio and captions for the self-study mode."""
    check_reveal(vendor)
    unpublished = [
        s.file for d in decks for s in d.config.slides if not poster_path(s.file).is_file()
    ]
    if unpublished:
        raise PresentationError(
            f"{unpublished[0]} has no poster beside it: the HTML is made from the published "
            "slides (pipeline.clips.publish). Nothing was written."
        )
    talk = context.talk()
    narration = {
        str(slide.file): words
        for deck in decks
        for slide in deck.config.slides
        if (words := slide_words(slide.file)) is not None
    }
    converter = LectureRevealJS(
        presentation_configs=[deck.with_notes(escape=True) for deck in decks],
        template=TEMPLATE,
        one_file=True,
        offline=False,  # links stay on PLACEHOLDER; inline_reveal fills them from vendor/
        cdn_url=PLACEHOLDER,
        reveal_version=REVEAL_VERSION,
        title=html.escape(f"{talk.title} · {talk.club}"),  # the template inserts it as is
        background_color=decks[0].config.background_color if decks else "black",
        controls=JsBool.false,  # no arrows on the projected screen: keys, clicker, the hint
        progress=JsBool.true,
        slide_number=SlideNumber.candt,
        hash=JsBool.true,  # a reload stays on the slide
        auto_play_media=AutoPlayMedia.false,  # the player starts the clips, muted
        narration=narration,
    )
    with atomic_path(target) as partial:
        converter.convert_to(partial)  # writes the page with the videos inlined
        page = inline_reveal(inline_player(partial.read_text(encoding="utf-8")), vendor)
        partial.write_text(page, encoding="utf-8")
