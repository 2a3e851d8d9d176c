"""The slides' HTML in a real browser: Debian's headless Chromium, driven by chromedriver
(both installed by ./render.sh setup; nothing downloads a browser), with the network cut off.

The page is opened from file:// with Chrome's network emulated offline and every host name
mapped to nowhere; Chrome's own network log must show no request that left the machine.
Screenshots of each slide go to build/screenshots/.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import JavascriptException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.test_slides import SmallDeck, notes_of, small_deck

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SCREENSHOTS = ROOT / "build" / "screenshots"
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome", "chrome-extension", "devtools"}
WIDTH, HEIGHT = 1280, 720

# the clip the player (pipeline/web/player.js) shows for the current slide
SHOWN = "document.querySelector('.lp-stage video.lp-shown')"
CURRENT_VIDEO = f"""
const video = {SHOWN};
const index = Reveal.getSlides().indexOf(Reveal.getCurrentSlide());
return video && +video.dataset.slide === index
    ? {{ready: video.readyState, error: video.error && video.error.code,
        src: video.currentSrc.slice(0, 23)}} : null;
"""


def start_chromium(profile: Path) -> webdriver.Chrome:
    """Headless Chromium with a fresh profile, its network off (see the module docstring)."""
    for program in (CHROMIUM, CHROMEDRIVER):
        assert program.is_file(), f"{program} is missing: run ./render.sh setup"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no host name resolves
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    # do not block on a window's load event (the speaker view's never fires); the tests wait
    # for what they need instead
    options.page_load_strategy = "none"
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_network_conditions(
        offline=True, latency=0, download_throughput=0, upload_throughput=0
    )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


def wait_for(condition: Callable[[], Any], timeout: float = 15.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except JavascriptException:  # the page is still loading
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def open_presentation(driver: webdriver.Chrome, html: Path) -> None:
    driver.get(html.resolve().as_uri())
    wait_for(
        lambda: driver.execute_script("return !!(window.Reveal && Reveal.isReady())"),
        what="reveal.js to be ready",
    )


def press(driver: webdriver.Chrome, key: str) -> None:
    ActionChains(driver).send_keys(key).perform()


def current_video_playable(driver: webdriver.Chrome) -> dict:
    """Wait until the current slide's video has data for its current frame (readyState >= 2)."""
    return wait_for(
        lambda: (v := driver.execute_script(CURRENT_VIDEO)) and v["ready"] >= 2 and v,
        what="the slide's video to load",
    )


def show_last_frame(driver: webdriver.Chrome) -> None:
    """Pause the current slide's video on its last frame (the slide as it ends)."""
    driver.execute_script(f"const v = {SHOWN}; v.pause(); v.currentTime = v.duration;")
    wait_for(
        lambda: driver.execute_script(
            f"const v = {SHOWN}; return !v.seeking && v.readyState >= 2;"
        ),
        what="the video to seek to its end",
    )


def requests_off_machine(driver: webdriver.Chrome) -> list[str]:
    """Every URL Chrome tried to fetch that is not local (from its DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            url = message["params"].get("request", message["params"]).get("url", "")
            if urlsplit(url).scheme not in LOCAL_SCHEMES:
                urls.append(url)
    return urls


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    driver = start_chromium(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> SmallDeck:
    return small_deck(tmp_path_factory)


def test_slides_present_offline_in_chromium(deck, chromium):
    open_presentation(chromium, deck.html)
    js = chromium.execute_script
    assert js("return typeof Reveal.initialize") == "function"
    assert deck.total >= 3
    assert js("return Reveal.getTotalSlides()") == deck.total
    assert js("return Reveal.getIndices().h") == 0
    assert js("return Reveal.hasPlugin('notes') && Reveal.hasPlugin('markdown')")

    notes = [note for e in deck.entries for note in notes_of(e)]
    shown = js("return Reveal.getSlides().map(s => Reveal.getSlideNotes(s) || '')")
    assert len(shown) == deck.total
    for note, html in zip(notes, shown, strict=True):
        assert note.say.split(".")[0] in html

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for k in range(deck.total):
        assert js("return Reveal.getIndices().h") == k
        video = current_video_playable(chromium)
        assert video["error"] is None and video["src"].startswith("data:video/mp4")
        show_last_frame(chromium)
        assert chromium.save_screenshot(str(SCREENSHOTS / f"browser_slide_{k + 1}.png"))
        if k + 1 < deck.total:
            press(chromium, Keys.ARROW_RIGHT)
            wait_for(lambda k=k: js("return Reveal.getIndices().h") == k + 1, what="→")
    for k in range(deck.total - 2, -1, -1):
        press(chromium, Keys.ARROW_LEFT)
        wait_for(lambda k=k: js("return Reveal.getIndices().h") == k, what="←")
        current_video_playable(chromium)

    assert requests_off_machine(chromium) == []
    # the check sees a request that tries to leave, and the network is really off
    probe = "http://lecture-probe.invalid/"
    outcome = chromium.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(() => done('loaded'), () => done('failed'));",
        probe,
    )
    assert outcome == "failed"
    assert requests_off_machine(chromium) == [probe]


def test_speaker_view_shows_the_notes(deck, chromium):
    """Pressing S opens reveal.js's speaker view (offline too) with the slide's notes."""
    open_presentation(chromium, deck.html)
    presentation = chromium.current_window_handle
    press(chromium, "s")
    speaker = wait_for(
        lambda: [h for h in chromium.window_handles if h != presentation], what="speaker view"
    )[0]
    chromium.switch_to.window(speaker)
    first = " ".join(notes_of(deck.entries[0])[0].say.split()[:8])

    def notes_shown() -> str:
        text = chromium.execute_script(
            "const n = document.querySelector('.speaker-controls-notes'); return n && n.innerText"
        )
        return " ".join((text or "").split())

    wait_for(lambda: first in notes_shown(), what=f"the notes ({first!r}) in the speaker view")
    chromium.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    time.sleep(1.0)  # the speaker view's two previews load the presentation again
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert chromium.save_screenshot(str(SCREENSHOTS / "browser_speaker_view.png"))
    assert requests_off_machine(chromium) == []
