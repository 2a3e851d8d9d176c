"""Real browsers for the slide tests, both with the network cut off and nothing downloaded:

- Debian's headless Chromium, driven by chromedriver through selenium (``chromium``,
  ``chromium-driver``);
- Debian's Firefox ESR (``firefox-esr``), driven through the WebDriver BiDi protocol that
  Firefox serves itself on a local port (Debian packages no geckodriver, so there is no
  selenium session: :class:`Firefox` is a small BiDi client over ``websocket-client``).

Both have the same small interface (:class:`Browser`): open a page, run a script and get its
JSON result, press a key, switch windows, take a screenshot, list the requests that tried to
leave the machine. Scripts are function bodies that ``return`` a JSON-able value (and may
``await``).
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium.common.exceptions import JavascriptException

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FIREFOX = Path("/usr/bin/firefox-esr")
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome", "chrome-extension", "devtools"}
WIDTH, HEIGHT = 1280, 720
#: WebDriver key codes (the private-use characters selenium's Keys also sends)
KEYS = {
    "right": "\ue014",
    "left": "\ue012",
    "escape": "\ue00c",
    "space": " ",
}


SHIFT = "\ue008"
SHIFTED = set('~!@#$%^&*()_+{}|:"<>?')


class BrowserError(RuntimeError):
    pass


def wait_for(condition: Callable[[], Any], timeout: float = 15.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except (JavascriptException, BrowserError):  # the page is still loading
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


class Browser:
    name = "browser"

    def open(self, url: str) -> None:
        raise NotImplementedError

    def js(self, body: str, *args: Any) -> Any:
        """Run ``body`` (a function body; ``arguments`` are ``args``) and return its JSON."""
        raise NotImplementedError

    def press(self, key: str) -> None:
        """Press and release ``key``: a name in :data:`KEYS` or one character."""
        raise NotImplementedError

    def windows(self) -> list[str]:
        raise NotImplementedError

    def switch(self, window: str) -> None:
        raise NotImplementedError

    def screenshot(self, path: Path) -> Path:
        raise NotImplementedError

    def requests_off_machine(self) -> list[str]:
        raise NotImplementedError

    def quit(self) -> None:
        raise NotImplementedError


def _off_machine(urls: list[str]) -> list[str]:
    return [url for url in urls if urlsplit(url).scheme not in LOCAL_SCHEMES]


# -- Chromium ---------------------------------------------------------------------------------
class Chromium(Browser):
    """Headless Chromium with a fresh profile, its network emulated offline and every host
    name mapped to nowhere; Chrome's own network log lists what tried to leave."""

    name = "chromium"

    def __init__(self, profile: Path, *, autoplay_policy: str | None = None) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        for program in (CHROMIUM, CHROMEDRIVER):
            assert program.is_file(), f"{program} is missing: run ./render.sh setup"
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        flags = [
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
        ]
        if autoplay_policy:
            flags.append(f"--autoplay-policy={autoplay_policy}")
        for flag in flags:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        options.page_load_strategy = "none"  # the tests wait for what they need
        self.driver = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
        self.driver.set_network_conditions(
            offline=True, latency=0, download_throughput=0, upload_throughput=0
        )
        self._viewport()
        self._requests: list[str] = []

    def _viewport(self) -> None:
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
        )

    def open(self, url: str) -> None:
        self.driver.get(url)

    def js(self, body: str, *args: Any) -> Any:
        script = (
            "const done = arguments[arguments.length - 1];"
            f"(async function () {{ {body} }}).apply(null, Array.from(arguments).slice(0, -1))"
            ".then(v => done(JSON.stringify(v === undefined ? null : v)),"
            " e => done(JSON.stringify({__error: String(e)})));"
        )
        try:
            raw = self.driver.execute_async_script(script, *args)
        except JavascriptException as err:
            raise BrowserError(str(err)) from None
        value = json.loads(raw) if isinstance(raw, str) else raw
        if isinstance(value, dict) and "__error" in value:
            raise BrowserError(value["__error"])
        return value

    def press(self, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(KEYS.get(key, key)).perform()

    def windows(self) -> list[str]:
        return list(self.driver.window_handles)

    def switch(self, window: str) -> None:
        self.driver.switch_to.window(window)
        self._viewport()

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        assert self.driver.save_screenshot(str(path))
        return path

    def requests_off_machine(self) -> list[str]:
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
                params = message["params"]
                self._requests.append(params.get("request", params).get("url", ""))
        return _off_machine(self._requests)

    def quit(self) -> None:
        self.driver.quit()


# -- Firefox ----------------------------------------------------------------------------------
#: The profile's preferences: every connection goes to a proxy on a closed local port (the
#: network is cut off), no update, telemetry, safe-browsing or remote-settings traffic, pop-ups
#: (the speaker view) allowed from a key press.
FIREFOX_PREFS = {
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.socks": "127.0.0.1",
    "network.proxy.socks_port": 9,
    "network.proxy.no_proxies_on": "",
    "network.proxy.allow_hijacking_localhost": True,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "services.settings.server": "http://127.0.0.1:9/",
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "extensions.update.enabled": False,
    "dom.disable_open_during_load": False,
    "media.autoplay.default": 1,  # Firefox's own default: block audible autoplay
    # a fake sound device that plays in real time (a test machine has none: without it an
    # <audio> fails with OnMediaSinkAudioError), and no sound reaches a real one
    "media.cubeb.force_mock_context": True,
}


class Firefox(Browser):
    """Headless Firefox ESR driven through its own WebDriver BiDi server (no geckodriver).

    ``h264=False`` turns off Firefox's use of the system's libavcodec (``media.ffmpeg.enabled``),
    which is how a Firefox on Linux without ffmpeg behaves: no H.264 at all.
    """

    name = "firefox"

    def __init__(self, profile: Path, *, h264: bool = True) -> None:
        assert FIREFOX.is_file(), f"{FIREFOX} is missing: run ./render.sh setup"
        profile.mkdir(parents=True, exist_ok=True)
        prefs = dict(FIREFOX_PREFS, **{"media.ffmpeg.enabled": h264})
        (profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items())
        )
        self.log = profile / "firefox.log"
        self.process = subprocess.Popen(
            [
                str(FIREFOX),
                "--headless",
                "--no-remote",
                "--profile",
                str(profile),
                "--remote-debugging-port",
                "0",
                "about:blank",
            ],
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            self._connect(profile / "WebDriverBiDiServer.json")
        except BaseException:
            self._stop()  # no Firefox left running when the session could not start
            raise

    def _connect(self, server: Path) -> None:
        import websocket

        port = wait_for(
            lambda: server.is_file() and json.loads(server.read_text() or "{}").get("ws_port"),
            timeout=60,
            what="Firefox's WebDriver BiDi server",
        )
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{port}/session", timeout=120, suppress_origin=True
        )
        self._ids = itertools.count(1)
        self._replies: dict[int, dict] = {}
        self._events: list[dict] = []
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.send("session.new", {"capabilities": {}})
        self.send(
            "session.subscribe",
            {"events": ["network.beforeRequestSent", "browsingContext.contextCreated"]},
        )
        self.context = self.windows()[0]
        self._viewport()

    def _read(self) -> None:
        while True:
            try:
                message = json.loads(self.socket.recv())
            except Exception:  # the socket closed: quit
                with self._lock:
                    self._lock.notify_all()
                return
            with self._lock:
                if "id" in message and message.get("type") != "event":
                    self._replies[message["id"]] = message
                else:
                    self._events.append(message)
                self._lock.notify_all()

    def send(self, method: str, params: dict, timeout: float = 60.0) -> dict:
        number = next(self._ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        with self._lock:
            while number not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader.is_alive():
                    raise BrowserError(f"no answer from Firefox to {method}")
                self._lock.wait(left)
            reply = self._replies.pop(number)
        if reply.get("type") == "error" or "error" in reply:
            raise BrowserError(f"{method}: {reply.get('error')}: {reply.get('message')}")
        return reply["result"]

    def _viewport(self) -> None:
        self.send(
            "browsingContext.setViewport",
            {"context": self.context, "viewport": {"width": WIDTH, "height": HEIGHT}},
        )

    def open(self, url: str) -> None:
        self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "none"})

    def js(self, body: str, *args: Any) -> Any:
        expression = (
            f"(async function () {{ {body} }}).apply(null, {json.dumps(list(args))})"
            ".then(v => JSON.stringify(v === undefined ? null : v))"
        )
        result = self.send(
            "script.evaluate",
            {
                "expression": expression,
                "target": {"context": self.context},
                "awaitPromise": True,
                "userActivation": False,
            },
        )
        if result.get("type") == "exception":
            details = result.get("exceptionDetails", {})
            raise BrowserError(details.get("text", "a script failed"))
        value = result["result"]
        return json.loads(value["value"]) if value.get("type") == "string" else None

    def press(self, key: str) -> None:
        value = KEYS.get(key, key)
        strokes = [{"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]
        if value in SHIFTED or value.isupper():  # as typed: with Shift held
            strokes = [
                {"type": "keyDown", "value": SHIFT},
                *strokes,
                {"type": "keyUp", "value": SHIFT},
            ]
        self.send(
            "input.performActions",
            {
                "context": self.context,
                "actions": [{"type": "key", "id": "keyboard", "actions": strokes}],
            },
        )

    def windows(self) -> list[str]:
        tree = self.send("browsingContext.getTree", {"maxDepth": 0})
        return [context["context"] for context in tree["contexts"]]

    def switch(self, window: str) -> None:
        self.context = window
        self._viewport()

    def screenshot(self, path: Path) -> Path:
        data = self.send("browsingContext.captureScreenshot", {"context": self.context})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def requests_off_machine(self) -> list[str]:
        with self._lock:
            urls = [
                event["params"]["request"]["url"]
                for event in self._events
                if event.get("method") == "network.beforeRequestSent"
            ]
        return _off_machine(urls)

    def quit(self) -> None:
        with contextlib.suppress(BrowserError):
            self.send("session.end", {}, timeout=10)
        try:
            self.socket.close()
        finally:
            self._stop()

    def _stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def firefox_missing() -> str | None:
    """Why the Firefox tests cannot run here, or None."""
    if not FIREFOX.is_file() or shutil.which("firefox-esr") is None:
        return "firefox-esr is not installed: run ./render.sh setup (it installs firefox-esr)"
    return None
