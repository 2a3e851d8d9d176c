"""The slides as a teacher meets them, in Chromium and in Firefox ESR, both offline
(tests/browsers.py): no player control ever on the projected screen, Space means next, back
shows the finished picture, the key hint, the overview of finished frames, and Firefox
without H.264 still shows every slide and says what to install. And as a student meets them
in the self-study mode (N, or ``lecture.html?study``): a card asks for the key press before
any sound, then each slide says its words with its captions and moves on by itself.

Chromium runs with the desktop autoplay policy (a page may start sound only after a key
press in it), the policy under which the old page put "Unmute video" on the projected screen
when the teacher drove it from the speaker view. Screenshots of every state checked go to
build/screenshots/classroom_*.png; each is compared with the frame the slide must show.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browsers import Browser, Chromium, Firefox, firefox_missing, wait_for
from tests.classroom import (
    SCREENSHOTS,
    WORDS,
    ClassroomDeck,
    StudyDeck,
    classroom_deck,
    study_deck,
    worst_tile_difference,
)

BROWSERS = ["chromium", "firefox"]
#: the worst 40-pixel square of a screenshot may differ this much (0-255) from the expected
#: frame: JPEG poster against decoded video, scaled; a button or a wrong frame is far above
SAME_PICTURE = 12.0

STATE = """
const shown = document.querySelector('.lp-stage video.lp-shown');
const slides = Reveal.getSlides();
return {
  index: slides.indexOf(Reveal.getCurrentSlide()),
  overview: Reveal.isOverview(),
  shown: shown && {slide: +shown.dataset.slide, time: shown.currentTime,
                   duration: shown.duration, paused: shown.paused, seeking: shown.seeking,
                   ready: shown.readyState},
  request: window.lecturePlayer.request,
};
"""

PLAYER_CONTROLS = """
const found = [];
for (const media of document.querySelectorAll('video, audio')) {
  const name = media.tagName === 'VIDEO' ? 'clip ' + media.dataset.slide : 'the words';
  if (media.controls || media.hasAttribute('controls')) found.push(name + ' has controls');
  if (media.autoplay) found.push(name + ' autoplays by itself');
  if (media.tagName === 'VIDEO') {
    if (!media.muted) found.push(name + ' is not muted');
    if (!media.playsInline) found.push(name + ' is not inline');
  } else {  // the self-study words: heard, never seen, and silent while presenting
    const box = media.getBoundingClientRect();
    if (box.width > 0 || box.height > 0) found.push(name + ' are on screen');
    if (window.lecturePlayer.mode !== 'study' && !media.paused) {
      found.push(name + ' play while presenting');
    }
  }
}
const selector = 'button, [role=button], .r-overlay-button, .r-media-play-button, .controls';
for (const el of document.querySelectorAll(selector)) {
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  if (style.display !== 'none' && style.visibility !== 'hidden' && +style.opacity > 0
      && box.width > 0 && box.height > 0) {
    found.push('visible ' + el.tagName.toLowerCase() + '.' + el.className + ': '
               + el.textContent.trim());
  }
}
return found;
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> ClassroomDeck:
    return classroom_deck(tmp_path_factory)


def start(name: str, tmp_path: Path, **options) -> Browser:
    if name == "chromium":
        return Chromium(tmp_path / "chromium", autoplay_policy="document-user-activation-required")
    missing = firefox_missing()
    assert missing is None, missing
    return Firefox(tmp_path / "firefox", **options)


@pytest.fixture(params=BROWSERS)
def browser(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Browser]:
    driver = start(request.param, tmp_path)
    try:
        yield driver
    finally:
        driver.quit()


def open_deck(browser: Browser, deck: ClassroomDeck, slide: int | None = None) -> None:
    url = deck.html.resolve().as_uri() + (f"#/{slide}" if slide is not None else "")
    browser.open(url)
    wait_for(
        lambda: browser.js(
            "return !!(window.Reveal && Reveal.isReady() && window.lecturePlayer"
            " && window.lecturePlayer.index >= 0)"
        ),
        what="the slides and their player",
    )


def reload(browser: Browser) -> None:
    """Reload the page (no key pressed in it since) and wait for the new one's player."""
    browser.js("window.oldPage = true; location.reload(); return true")
    wait_for(
        lambda: browser.js(
            "return !window.oldPage && !!(window.lecturePlayer && window.lecturePlayer.index >= 0)"
        ),
        what="the reloaded page",
    )


def state(browser: Browser) -> dict:
    return browser.js(STATE)


def settled(browser: Browser, index: int) -> dict:
    """Wait until slide ``index`` shows a frame of its own clip (not seeking)."""
    return wait_for(
        lambda: (
            (s := state(browser))["index"] == index
            and s["shown"]
            and s["shown"]["slide"] == index
            and not s["shown"]["seeking"]
            and s["shown"]["ready"] >= 2
            and s
        ),
        what=f"slide {index + 1} on screen",
    )


def finished(browser: Browser, index: int) -> dict:
    """Wait until slide ``index`` shows its finished frame (paused at the clip's end)."""
    seen: list[dict] = []

    def done() -> dict | bool:
        seen[:] = [settled(browser, index)]
        shown = seen[0]["shown"]
        return shown["paused"] and shown["time"] >= shown["duration"] - 0.05 and seen[0]

    try:
        return wait_for(done, timeout=20, what=f"slide {index + 1}'s finished frame")
    except AssertionError as err:
        raise AssertionError(f"{err}; last seen: {seen}") from None


def no_player_control(browser: Browser, where: str) -> None:
    found = browser.js(PLAYER_CONTROLS)
    assert found == [], f"{browser.name}, {where}: {found}"


def shows_frame(browser: Browser, deck: ClassroomDeck, index: int, name: str) -> None:
    """The projected window shows exactly slide ``index``'s finished frame."""
    time.sleep(0.3)  # the compositor draws the frame the page has
    shot = browser.screenshot(SCREENSHOTS / f"classroom_{browser.name}_{name}.png")
    worst = worst_tile_difference(shot, deck.poster(index))
    assert worst < SAME_PICTURE, (
        f"{browser.name}, {name}: the screen is not slide {index + 1}'s finished frame "
        f"(a square differs by {worst:.1f}; see {shot})"
    )


def step(browser: Browser, action: str) -> None:
    """A key press (``key:right``) or a navigation no key press started (``js:next``), as
    the speaker view sends to the projected window."""
    kind, what = action.split(":")
    if kind == "key":
        browser.press(what)
    else:
        browser.js(f"Reveal.{what}(); return true")


# -- 1. no player control, whatever the order ------------------------------------------------
ORDERS = {
    # never focused, driven from outside (as the speaker view drives it): no user activation
    "unfocused": ["js:next", "js:next", "js:prev", "js:prev", "js:next", "js:next", "js:prev"],
    # keys, in an order that goes back and forth, through the overview and the hint
    "keys": [
        "key:right",
        "key:space",
        "key:left",
        "key:left",
        "key:escape",
        "key:escape",
        "key:right",
        "key:h",
        "key:h",
        "key:left",
    ],
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_no_player_control_on_the_projected_screen(deck, browser, order):
    open_deck(browser, deck)
    no_player_control(browser, f"{order}: loaded")
    for k, action in enumerate(ORDERS[order], start=1):
        step(browser, action)
        time.sleep(0.4)
        no_player_control(browser, f"{order}: after {', '.join(ORDERS[order][:k])}")
    # each order ends going back: the finished frame, and nothing over it (a button that
    # came up while a clip played would still be there)
    index = state(browser)["index"]
    finished(browser, index)
    browser.js("document.querySelector('.lp-hint').classList.remove('lp-visible'); return 1")
    shows_frame(browser, deck, index, f"{order}_end")
    assert browser.requests_off_machine() == []


def test_reloaded_window_never_shows_a_control(deck, browser):
    """Reloaded on slide 3 (nothing pressed in it since), then driven from outside."""
    open_deck(browser, deck, slide=2)
    finished(browser, 2)  # a reload shows the finished frame, not a replay
    reload(browser)
    assert state(browser)["index"] == 2
    for action in ["js:prev", "js:next", "js:prev", "js:prev", "js:next"]:
        step(browser, action)
        time.sleep(0.5)
        no_player_control(browser, f"reloaded, then {action}")
    step(browser, "js:prev")
    finished(browser, 0)
    browser.js("document.querySelector('.lp-hint').classList.remove('lp-visible'); return 1")
    shows_frame(browser, deck, 0, "reloaded_end")


def test_driven_from_the_speaker_view_after_a_reload(deck, browser):
    """The issue's case: S opens the speaker view, the projected window is reloaded (so it
    never got a key press), and the teacher drives from the speaker view's window."""
    open_deck(browser, deck)
    main = browser.windows()[0]
    browser.press("s")
    speaker = wait_for(
        lambda: [w for w in browser.windows() if w != main], what="the speaker view"
    )[0]
    browser.switch(speaker)
    wait_for(
        lambda: browser.js(
            "const n = document.querySelector('.speaker-controls-notes');"
            "return !!(n && n.innerText.length > 20 && document.querySelector('#current-slide iframe'))"
        ),
        timeout=30,
        what="the speaker view with its notes",
    )
    time.sleep(2.0)  # its previews load
    browser.switch(main)
    reload(browser)
    browser.switch(speaker)
    time.sleep(3.0)  # the speaker view reconnects to the reloaded window (heartbeat: 1 s)
    for key in ["right", "right", "left"]:
        browser.press(key)
        time.sleep(1.2)
        browser.switch(main)
        no_player_control(browser, f"driven from the speaker view: {key}")
        browser.switch(speaker)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.screenshot(SCREENSHOTS / f"classroom_{browser.name}_speaker_view.png")
    browser.switch(main)
    finished(browser, 1)  # ← from the speaker view: the finished frame on the screen
    browser.js("document.querySelector('.lp-hint').classList.remove('lp-visible'); return 1")
    shows_frame(browser, deck, 1, "speaker_driven_end")


# -- 2. Space: next, and nothing else ------------------------------------------------------------
def test_space_means_next(deck, browser):
    open_deck(browser, deck)
    hint = browser.js("return document.querySelector('.lp-hint').innerText")
    assert "Space" in hint and "next" in hint
    browser.press("space")
    settled(browser, 1)
    browser.press("space")
    settled(browser, 2)
    browser.press("?")
    help_text = wait_for(
        lambda: browser.js(
            "const h = document.querySelector('.reveal .overlay-help, .r-overlay-help');"
            "return h && h.innerText"
        ),
        what="the help overlay",
    )
    space = [line for line in help_text.splitlines() if "SPACE" in line.replace("Shift SPACE", "")]
    assert len(space) == 1 and "next slide" in space[0].lower(), space  # nothing else
    assert "video" not in help_text.lower()


# -- 3. back shows the slide as it ended ----------------------------------------------------------
def test_back_shows_the_finished_frame_and_next_replays(deck, browser):
    open_deck(browser, deck)
    browser.press("right")
    settled(browser, 1)
    browser.press("right")  # into the next scene
    settled(browser, 2)
    browser.press("left")  # back across the scene boundary, mid-animation
    finished(browser, 1)
    shows_frame(browser, deck, 1, "back_across_scenes")
    browser.press("left")
    finished(browser, 0)
    shows_frame(browser, deck, 0, "back_to_first")
    browser.press("right")  # → again replays the animation from its first frame
    replay = wait_for(
        lambda: (s := settled(browser, 1))["shown"]["paused"] is False and s,
        what="slide 2 playing",
    )
    assert replay["shown"]["time"] < replay["shown"]["duration"] - 0.5


# -- 8. the key hint, and the overview's finished frames ----------------------------------------
def test_key_hint_and_overview_of_finished_frames(deck, browser):
    open_deck(browser, deck)
    visible = "return document.querySelector('.lp-hint').classList.contains('lp-visible')"
    assert browser.js(visible)
    keys = browser.js("return document.querySelector('.lp-hint').innerText")
    for key in ("Space", "←", "S", "F", "Esc", "H"):
        assert key in keys
    browser.screenshot(SCREENSHOTS / f"classroom_{browser.name}_hint.png")
    browser.press("right")
    wait_for(lambda: not browser.js(visible), what="the hint to go on the first move")
    browser.press("h")
    wait_for(lambda: browser.js(visible), what="H to show the hint")
    browser.press("h")
    wait_for(lambda: not browser.js(visible), what="H to hide the hint")

    browser.press("escape")
    wait_for(lambda: state(browser)["overview"], what="the overview")
    time.sleep(1.0)
    backgrounds = browser.js(
        "return Reveal.getSlides().map(s => s.slideBackgroundContentElement"
        " && getComputedStyle(s.slideBackgroundContentElement).backgroundImage.slice(0, 25))"
    )
    assert all(b and b.startswith('url("data:image/webp') for b in backgrounds), backgrounds
    stage = browser.js("return getComputedStyle(document.querySelector('.lp-stage')).display")
    assert stage == "none"  # no clip over the thumbnails
    browser.screenshot(SCREENSHOTS / f"classroom_{browser.name}_overview.png")
    browser.press("escape")
    finished(browser, 1)  # back from the overview: the finished frame, not a replay


# -- 9. Firefox without libavcodec ----------------------------------------------------------------
def test_firefox_without_h264_shows_every_slide_and_names_the_fix(deck, tmp_path):
    missing = firefox_missing()
    assert missing is None, missing
    firefox = Firefox(tmp_path / "firefox", h264=False)
    try:
        open_deck(firefox, deck)
        message = wait_for(
            lambda: firefox.js(
                "const m = document.querySelector('.lp-message'); return m && m.innerText"
            ),
            what="the message naming the fix",
        )
        assert "ffmpeg" in message and "Chrom" in message
        assert firefox.js(
            "return document.createElement('video').canPlayType("
            "'video/mp4; codecs=\"avc1.640028\"')"
        ) == ("")
        for key, index in (("right", 1), ("right", 2), ("left", 1)):
            firefox.press(key)
            wait_for(lambda index=index: state(firefox)["index"] == index, what=key)
            no_player_control(firefox, f"no H.264, {key}")
        firefox.js("document.querySelector('.lp-message').remove(); return 1")
        firefox.js("document.querySelector('.lp-hint').classList.remove('lp-visible'); return 1")
        time.sleep(0.5)
        shows_frame(firefox, deck, 1, "no_h264_poster")  # the poster: the finished frame
        assert firefox.requests_off_machine() == []
    finally:
        firefox.quit()


def test_network_is_really_off(deck, browser):
    """The check sees a request that tries to leave, and the network is really off."""
    open_deck(browser, deck)
    probe = "http://lecture-probe.invalid/"
    outcome = browser.js(
        "try { await fetch(arguments[0]); return 'loaded'; } catch (e) { return 'failed'; }", probe
    )
    assert outcome == "failed"
    assert probe in browser.requests_off_machine()


# -- self-study: the narrated lecture in the same page (N, or ?study) ------------------------------
#: what a student sees and hears: the mode, the slide, the card, the words' <audio>, the caption
#: box and the cue of the audio's moment (from the slide's own cues), the clip
WORDS_STATE = """
const player = window.lecturePlayer, audio = player.audio;
const slide = Reveal.getCurrentSlide();
const card = document.querySelector('.lp-card');
const captions = document.querySelector('.lp-captions');
const shown = document.querySelector('.lp-stage video.lp-shown');
const cues = JSON.parse(slide.getAttribute('data-cues') || '[]');
const time = audio.currentTime;
const cue = cues.find(c => c[0] <= time && time < c[1]);
return {
  mode: player.mode,
  index: Reveal.getSlides().indexOf(slide),
  card: getComputedStyle(card).display !== 'none' && card.innerText,
  audio: {time: time, paused: audio.paused,
          mine: !!slide.getAttribute('data-audio')
                && audio.getAttribute('src') === slide.getAttribute('data-audio')},
  caption: getComputedStyle(captions).visibility === 'visible' ? captions.innerText : '',
  cue: cue ? cue[2] : null,
  clip: shown && {slide: +shown.dataset.slide, time: shown.currentTime, paused: shown.paused},
};
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> StudyDeck:
    return study_deck(tmp_path_factory)


def open_study(browser: Browser, study: StudyDeck, query: str = "?study") -> None:
    browser.open(study.html.resolve().as_uri() + query)
    wait_for(
        lambda: browser.js(
            "return !!(window.Reveal && Reveal.isReady() && window.lecturePlayer"
            " && window.lecturePlayer.index >= 0)"
        ),
        what="the slides and their player",
    )
    browser.js(SAID)


def words(browser: Browser) -> dict:
    return browser.js(WORDS_STATE)


#: the moments a slide says its words, recorded in the page (``window.lpSaid``) as they
#: happen: a slide's one short sentence shows its caption for about a second, which polls from
#: here (0.1 s apart, each a round trip to a busy browser) can miss, and the words then end and
#: the slides move on by themselves. Each moment :func:`speaking` asks for -- the slide on
#: screen, its own audio playing, the caption box showing the cue of the audio's moment -- is
#: checked on every caption change, every time update of the audio and every 25 ms; the first
#: such moment of each of the player's talks (one a slide started) is kept, with the state.
SAID = f"""
if (window.lpSaid) return true;
const said = window.lpSaid = {{moments: [], taken: 0}};
const player = window.lecturePlayer;
const captions = document.querySelector('.lp-captions');
const state = () => {{ {WORDS_STATE} }};
const check = () => {{
  const talk = player.talk;
  if (!talk || player.audio.paused || captions.textContent === '') return;
  if (said.moments.some(m => m.talk === talk.request)) return;
  const s = state();
  if (s.audio.mine && !s.audio.paused && s.caption !== '' && s.caption === s.cue) {{
    said.moments.push({{talk: talk.request, state: s}});
  }}
}};
new MutationObserver(check).observe(
  captions, {{attributes: true, childList: true, characterData: true, subtree: true}});
player.audio.addEventListener('timeupdate', check);
window.setInterval(check, 25);
return true;
"""
#: the first recorded moment of slide ``arguments[0]`` saying its words in a talk newer than
#: the one the previous call took (so P's words again are not the first Space's)
TAKE_SAID = """
const said = window.lpSaid;
const found = said.moments.find(m => m.talk > said.taken && m.state.index === arguments[0]);
if (!found) return null;
said.taken = found.talk;
return found.state;
"""


def speaking(browser: Browser, index: int) -> dict:
    """Wait until slide ``index`` says its words: its own audio playing, and the caption box
    showing the cue of the audio's moment (at one moment, as recorded in the page by
    :data:`SAID`; its state then is returned)."""
    browser.js(SAID)  # after a reload: from now on
    try:
        return wait_for(
            lambda: browser.js(TAKE_SAID, index), what=f"slide {index + 1} saying its words"
        )
    except AssertionError as err:
        said = browser.js("return window.lpSaid.moments.map(m => [m.talk, m.state.index])")
        raise AssertionError(
            f"{err}; said (talk, slide): {said}; last seen: {words(browser)}"
        ) from None


def test_self_study_asks_for_a_key_then_speaks_and_moves_on_by_itself(study, browser):
    open_study(browser, study)
    time.sleep(1.0)  # time for anything that would start by itself
    waiting = words(browser)
    assert waiting["mode"] == "study" and waiting["index"] == 0
    assert waiting["card"] and "Press any key to start the narrated lecture" in waiting["card"]
    assert waiting["audio"]["paused"] and waiting["audio"]["time"] == 0  # no sound yet
    assert waiting["clip"] == {"slide": 0, "time": 0, "paused": True}  # its first frame
    no_player_control(browser, "self-study: the card")
    browser.screenshot(SCREENSHOTS / f"study_{browser.name}_card.png")

    browser.press("right")  # any key: it starts the words (and does not also move on)
    first = speaking(browser, 0)
    assert first["card"] is False and first["caption"] == WORDS[0]
    later = wait_for(
        lambda: (s := words(browser))["audio"]["time"] > first["audio"]["time"] + 0.3 and s,
        what="the audio to advance",
    )
    assert later["index"] == 0 and later["clip"]["slide"] == 0 and not later["clip"]["paused"]
    assert abs(later["clip"]["time"] - later["audio"]["time"]) < 0.3  # in step
    browser.screenshot(SCREENSHOTS / f"study_{browser.name}_captions.png")
    no_player_control(browser, "self-study: speaking")

    # no key from here on: each slide moves on when its words end
    assert speaking(browser, 1)["caption"] == WORDS[1]
    quiet = wait_for(lambda: (s := words(browser))["index"] == 2 and s, what="the quiet slide")
    assert quiet["caption"] == "" and quiet["audio"]["paused"]  # no words: nothing said
    started = time.monotonic()
    assert speaking(browser, 3)["caption"] == WORDS[2]  # after its clip and a short hold
    assert time.monotonic() - started < 6.0
    ended = wait_for(
        lambda: (s := words(browser))["audio"]["paused"] and s["caption"] == "" and s,
        what="the last words to end",
    )
    assert ended["index"] == 3 and ended["card"] is False
    no_player_control(browser, "self-study: the end")
    assert browser.requests_off_machine() == []


def test_n_switches_between_presenting_and_self_study(study, browser):
    open_study(browser, study, "")  # as a teacher opens it: presenting
    hint = browser.js("return document.querySelector('.lp-hint').innerText")
    assert "N" in hint and "narrated self-study" in hint and "P" in hint and "pause" in hint
    assert browser.js("return window.LecturePlayer.KEYS.map(k => k[0])").count("N") == 1
    presenting = words(browser)
    assert presenting["mode"] == "present" and presenting["card"] is False
    finished(browser, 0)  # the clip plays, silent, and ends: no words, no moving on
    assert words(browser)["audio"]["paused"] and words(browser)["index"] == 0

    browser.press("n")  # N is a key press: the words start at once, no card
    spoken = speaking(browser, 0)
    assert spoken["mode"] == "study" and spoken["card"] is False
    no_player_control(browser, "N: self-study")
    browser.press("n")  # back to presenting: silent, the finished picture
    wait_for(
        lambda: (
            (s := words(browser))["mode"] == "present"
            and s["audio"]["paused"]
            and s["caption"] == ""
        ),
        what="presenting again",
    )
    finished(browser, 0)
    no_player_control(browser, "N again: presenting")
    toast = browser.js("return document.querySelector('.lp-toast').innerText")
    assert toast.startswith("Presenting: silent")  # a word on the mode, gone in a few seconds
    browser.js(
        "for (const box of document.querySelectorAll('.lp-hint, .lp-toast'))"
        " box.classList.remove('lp-visible'); return 1"
    )
    shows_frame(browser, study, 0, "study_presenting_again")

    browser.press("n")
    speaking(browser, 0)
    reload(browser)  # a reload keeps the mode, and needs a key press again before sound
    again = wait_for(lambda: (s := words(browser))["card"] and s, what="the card after a reload")
    assert again["mode"] == "study" and again["audio"]["paused"]


def test_back_and_pause_in_self_study(study, browser):
    open_study(browser, study)
    browser.press("space")  # starts the words
    speaking(browser, 0)
    browser.press("space")  # Space: next, here too
    speaking(browser, 1)
    browser.press("left")  # back: the words stop, the finished picture
    finished(browser, 0)
    back = words(browser)
    assert back["audio"]["paused"] and back["caption"] == "" and back["mode"] == "study"
    browser.js("document.querySelector('.lp-hint').classList.remove('lp-visible'); return 1")
    shows_frame(browser, study, 0, "study_back")
    time.sleep(2.5)
    assert words(browser)["index"] == 0  # back does not move on by itself

    browser.press("p")  # P on a finished slide: its words again, from its first frame
    speaking(browser, 0)
    browser.press("p")  # pause
    paused = wait_for(
        lambda: (s := words(browser))["audio"]["paused"] and s["clip"]["paused"] and s,
        what="the pause",
    )
    badge = "return getComputedStyle(document.querySelector('.lp-paused-badge')).display"
    assert browser.js(badge) == "block"
    browser.screenshot(SCREENSHOTS / f"study_{browser.name}_paused.png")
    time.sleep(1.0)
    held = words(browser)
    assert held["index"] == 0 and held["audio"]["time"] == paused["audio"]["time"]
    browser.press("p")  # resume
    wait_for(
        lambda: (
            (s := words(browser))["audio"]["time"] > paused["audio"]["time"] + 0.2
            and not s["audio"]["paused"]
        ),
        what="the words to go on",
    )
    assert browser.js(badge) == "none"
    no_player_control(browser, "self-study: resumed")


def test_self_study_of_a_silent_lecture_moves_on_after_each_clip(tmp_path_factory, browser):
    """Rendered with voice = "none": nothing to hear, so no card; each slide plays its clip,
    holds its finished frame a moment and moves on."""
    silent = study_deck(tmp_path_factory, silent=True)
    assert "data-audio" not in silent.html.read_text(encoding="utf-8")
    open_study(browser, silent)
    started = words(browser)
    assert started["mode"] == "study" and started["card"] is False
    for index in (1, 2):
        wait_for(lambda index=index: words(browser)["index"] == index, what=f"slide {index + 1}")
    state = words(browser)
    assert state["audio"]["paused"] and state["caption"] == ""
    no_player_control(browser, "self-study, silent lecture")


def test_firefox_without_h264_self_study_still_reads_the_captions(study, tmp_path):
    """No decoder for the clips nor their AAC (Firefox without ffmpeg): the posters, the
    message naming the fix, and the captions in time by a clock, moving on by itself."""
    missing = firefox_missing()
    assert missing is None, missing
    firefox = Firefox(tmp_path / "firefox", h264=False)
    try:
        open_study(firefox, study)
        assert "ffmpeg" in wait_for(
            lambda: firefox.js(
                "const m = document.querySelector('.lp-message'); return m && m.innerText"
            ),
            what="the message naming the fix",
        )
        assert words(firefox)["card"]
        firefox.press("right")
        for index in (0, 1):
            caption = wait_for(
                lambda index=index: (s := words(firefox))["index"] == index and s["caption"],
                what=f"slide {index + 1}'s caption",
            )
            assert caption == WORDS[index]
        no_player_control(firefox, "self-study without H.264")
    finally:
        firefox.quit()
