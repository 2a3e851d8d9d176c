"""The player of the one-file HTML: its page template and its script and style sheet.

- ``web/lecture.html``: manim-slides' reveal.js template, changed so that each slide is a
  section whose background is its poster (the finished frame) and whose clip plays in the
  player's own layer (no reveal.js background video, no Space override);
- ``web/player.js``: plays each slide's clip muted and without controls when "next" reaches
  it, shows the finished frame on any other way in (back, overview, reload), the key hint,
  and a message naming the fix when the browser cannot play H.264; N switches to self-study
  (or ``lecture.html?study``): each slide also says its words (its audio, data-audio, in a
  hidden <audio>) with its captions (data-cues) and moves on by itself;
- ``web/player.css``: the clip layer, the hint, the captions and the start card of
  self-study, and no browser media control on screen.

The page links the script and style sheet at :data:`PLACEHOLDER`; :func:`inline_player`
puts the files in as data URIs (as :func:`pipeline.reveal.inline_reveal` does for reveal.js).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from pipeline.deck import PresentationError

WEB = Path(__file__).resolve().parent / "web"
TEMPLATE = WEB / "lecture.html"
ASSETS = {"player.js": "text/javascript", "player.css": "text/css"}
#: Where the template links the player's files (``.invalid`` never resolves).
PLACEHOLDER = "https://lecture-player.invalid"
_LINK = re.compile(r'(?P<attr>href|src)="' + re.escape(PLACEHOLDER) + r'/(?P<name>[^"]*)"')


def inline_player(page: str, web: Path = WEB) -> str:
    """Replace each link to :data:`PLACEHOLDER` by the player's file as a data URI."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        path = web / name
        if name not in ASSETS or not path.is_file():
            raise PresentationError(
                f"the player's file {path} is missing: reinstall the project (git checkout "
                "pipeline/web). Nothing was written."
            )
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'{match["attr"]}="data:{ASSETS[name]};base64,{data}"'

    return _LINK.sub(replace, page)
