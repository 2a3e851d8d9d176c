"""Issue 14's closing sweep: bad inputs tried as a new user would (a report, not a test).

    .venv/bin/python benchmarks/bad_input_sweep.py               # every case (25-35 min on 2 busy cores)
    .venv/bin/python benchmarks/bad_input_sweep.py --only data-  # the cases whose id contains it
    .venv/bin/python benchmarks/bad_input_sweep.py --list        # the cases, without running them
    .venv/bin/python benchmarks/bad_input_sweep.py --json sweep.json --keep
    .venv/bin/python benchmarks/bad_input_sweep.py --head      # the committed code, not the tree

Each case writes its files (a settings file, a data file, a quiz) into a folder of its own and
runs the ``lecture`` command there in a subprocess, as a teacher would. The settings, data and
quiz cases run ``lecture render --config my.toml --scenes 20 --jobs 1`` with a temporary
``--out`` and a ``--build-dir`` shared by the sweep (temporary too): bad input must be refused
before anything renders, so only what is accepted renders scene 20 (a few cases another scene).
Before each run the output folder gets a previous run's "good" outputs (``low/lecture.mp4``,
``low/contact_sheet.png``); a failed run must leave them as they were.

Recorded per case: the exit code, the seconds, whether stderr has a clear message (exactly one
``error: `` line, naming the file, key or option, with ``Fix:`` or the accepted values, the
bad-input exit code 2, given before anything renders; some cases also need the message to say
the actual problem, e.g. a BOM or a tab, or not to be vague, e.g. only "is a list of 1"),
whether a traceback appeared, what was written into the output folder, and one class:

  clear-error        refused with a clear message, nothing lost
  handled-correctly  accepted, and rendered or computed right (checked: the video, the last
                     frame's edges, the numbers of ``lecture values``, the fonts, ...)
  unclear-message    refused, but the message is not clear (the note says why)
  traceback          a Python traceback
  hang               no exit within the timeout (60 s)
  silently-wrong     accepted what it should refuse, or accepted and drew or computed it wrong
  lost-output        a good earlier output in the output folder was damaged or removed

A fault is judged by its own check (a failure that names what happened, e.g. no space left or a
worker that died, with nothing half-written and the earlier outputs kept, is a clear-error; a
run that recovers or stops cleanly is handled-correctly). ``skipped`` (no permission to mount)
and ``sweep-error`` (a check of the sweep itself broke) are counted apart.

``--head`` runs the lecture of a snapshot of the last commit (``git archive HEAD``) instead of
the working tree, with this checkout's virtualenv: a tree that others are editing during the
sweep's minutes would otherwise be measured half-edited. ``--checkout DIR`` runs another copy.

The faults (two runs at once, a killed worker, Ctrl-C, a full disk via a small tmpfs) need
root for ``mount``; without it those cases are reported as skipped.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import dataclasses
import hashlib
import json
import math
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / ".venv" / "bin" / "lecture"
ASSETS = ROOT / "assets"
TIMEOUT = 60.0
#: Added to every command's environment: ``--head``/``--checkout`` point PYTHONPATH at another
#: copy of the project, run with this checkout's virtualenv.
LECTURE_ENV: dict[str, str] = {}
CLASSES = (
    "clear-error",
    "handled-correctly",
    "unclear-message",
    "traceback",
    "hang",
    "silently-wrong",
    "lost-output",
)
GOOD = ("clear-error", "handled-correctly")
#: A previous run's outputs, put in the output folder before each case: they must survive.
SEEDS = {
    "low/lecture.mp4": b"a good lecture video from an earlier run\n",
    "low/contact_sheet.png": b"a good contact sheet from an earlier run\n",
}
ERROR_LINE = re.compile(r"^(?:lecture(?: \w+)?: )?error: ")
#: What counts as a fix or the accepted values in a message
HINT = re.compile(
    r"Fix:|accepted|choose from|\buse\b|\be\.g\.|write it|must be|from -?[\d.]+ to -?[\d.]+"
    r"|\b\d+-\d+\b",
    re.IGNORECASE,
)
TRACEBACK = "Traceback (most recent call last)"


class CannotTryError(Exception):
    """The case cannot be tried here (e.g. no permission to mount a tmpfs)."""


# -- running one command -------------------------------------------------------------------------
@dataclass
class Run:
    """One ``lecture`` command's outcome."""

    argv: list[str]
    rc: int | None
    seconds: float
    stdout: str
    stderr: str
    timed_out: bool
    ended: float = 0.0  # time.monotonic() at its end


class Command:
    """``lecture ARGV`` started in its own session (so that a timeout or a signal reaches its
    workers too), its output collected line by line while it runs."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.argv = argv
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [str(LECTURE), *argv],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **LECTURE_ENV, **(env or {})},
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.threads = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.out), daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stderr, self.err), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    @staticmethod
    def _pump(stream: Any, sink: list[str]) -> None:
        for line in stream:
            sink.append(line)

    def wait_for(self, marker: str, timeout: float) -> bool:
        """Wait until a line of stdout contains ``marker`` (True), or the command ends or
        ``timeout`` passes (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(marker in line for line in list(self.out)):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, number)

    def finish(self, timeout: float) -> Run:
        """Wait for the end, at most ``timeout`` seconds from the start; then kill it."""
        timed_out = False
        try:
            self.proc.wait(timeout=max(0.1, self.started + timeout - time.monotonic()))
        except subprocess.TimeoutExpired:
            timed_out = True
            self.signal(signal.SIGKILL)
            self.proc.wait()
        ended = time.monotonic()
        for thread in self.threads:
            thread.join(timeout=10)
        return Run(
            self.argv,
            self.proc.returncode,
            ended - self.started,
            "".join(self.out),
            "".join(self.err),
            timed_out,
            ended,
        )


def lecture(argv: list[str], cwd: Path, timeout: float = TIMEOUT) -> Run:
    return Command(argv, cwd).finish(timeout)


# -- one case's folder ---------------------------------------------------------------------------
@dataclass
class Ctx:
    """A case's folder: the files it writes, its output folder, the build folder it uses."""

    folder: Path
    shared_build: Path
    out: Path = field(init=False)
    build: Path = field(init=False)
    written: list[tuple[str, str]] = field(default_factory=list)  # (name, what), for repro
    cleanups: list[Callable[[], object]] = field(default_factory=list)
    config: str | None = None  # the settings file the case wrote
    seeded: dict[str, str] = field(default_factory=dict)  # earlier outputs put in out: digests

    def __post_init__(self) -> None:
        self.out = self.folder / "out"
        self.build = self.shared_build

    def write(self, name: str, content: str | bytes, show: str | None = None) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        self.written.append((name, show or _preview(content)))
        return path

    def note(self, name: str, what: str) -> None:
        self.written.append((name, what))

    def render(self, config: str | None = "my.toml", scenes: str | None = "20") -> list[str]:
        """The teacher's command: ``render [--config C] [--scenes S] --jobs 1 --out --build-dir``."""
        argv = ["render"]
        if config is not None:
            argv += ["--config", config]
        if scenes is not None:
            argv += ["--scenes", scenes]
        return [*argv, "--jobs", "1", "--out", self.rel(self.out), "--build-dir", str(self.build)]

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.folder) if path.is_relative_to(self.folder) else str(path)

    def seed(self) -> None:
        for name, content in SEEDS.items():
            target = self.out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            self.seeded[name] = hashlib.sha256(content).hexdigest()

    def values(self) -> tuple[dict[str, Any] | None, str]:
        """``lecture values`` of the case's settings file: (the values, "") or (None, why)."""
        argv = ["values"] + (["--config", self.config] if self.config else [])
        run = lecture(argv, self.folder)
        if run.rc != 0:
            return None, f"`lecture values` failed (exit {run.rc}): {_last_line(run.stderr)}"
        return json.loads(run.stdout), ""


def _preview(content: str | bytes, limit: int = 160) -> str:
    text = repr(content[:limit])
    return text + (
        f" ... ({len(content)} {'bytes' if isinstance(content, bytes) else 'chars'})"
        if len(content) > limit
        else ""
    )


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


# -- checks of what was accepted -----------------------------------------------------------------
Check = Callable[[Ctx, Run], str | None]  # None: right; else what is wrong


def rendered(scene: int = 20, *more: Check) -> Check:
    """The scene's video exists and plays, its last frame has nothing cut off at its edges,
    and each of ``more`` holds."""

    def check(ctx: Ctx, run: Run) -> str | None:
        videos = sorted(ctx.out.glob(f"*/scenes/{scene:02d}_*.mp4"))
        if not videos or videos[0].stat().st_size < 1000:
            return f"exit 0, but no video of scene {scene} in {ctx.rel(ctx.out)}"
        problem = broken_video(videos[0]) or edge_problem(videos[0].with_suffix(".last.png"))
        if problem:
            return problem
        for extra in more:
            problem = extra(ctx, run)
            if problem:
                return problem
        return None

    return check


def broken_video(video: Path) -> str | None:
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", video],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0 or not probe.stdout.strip():
        return f"{video.name} does not play: {_last_line(probe.stderr)}"
    return None


def edge_problem(png: Path) -> str | None:
    """Drawing that touches the frame's edge: something runs off the slide."""
    import numpy as np
    from PIL import Image

    if not png.is_file():
        return f"no last frame {png.name}"
    pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
    background = np.median(pixels.reshape(-1, 3), axis=0)
    ink = np.abs(pixels - background).sum(axis=2) > 60
    sides = {"left": ink[:, :2], "right": ink[:, -2:], "top": ink[:2], "bottom": ink[-2:]}
    touched = [side for side, band in sides.items() if band.any()]
    if touched:
        return f"{png.name}: drawing runs off the frame at the {'/'.join(touched)} edge"
    return None


def light_frame(ctx: Ctx, run: Run) -> str | None:
    import numpy as np
    from PIL import Image

    png = next(iter(sorted(ctx.out.glob("*/scenes/20_*.last.png"))), None)
    if png is None:
        return "no last frame"
    mean = float(np.asarray(Image.open(png).convert("L")).mean())
    return (
        None if mean > 128 else f"theme light asked, but the last frame is dark (mean {mean:.0f})"
    )


def fonts_cover(text: str) -> Check:
    """Every character of ``text`` has a glyph in an installed font (else: an empty box)."""

    def check(ctx: Ctx, run: Run) -> str | None:
        missing = sorted({ch for ch in text if ord(ch) > 127 and not _font_has(ch)})
        if missing:
            shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
            return f"accepted, but no installed font has {shown}: drawn as empty boxes"
        return None

    return check


@cache
def _font_has(ch: str) -> bool:
    found = subprocess.run(
        ["fc-list", f":charset={ord(ch):x}", "family"], capture_output=True, text=True
    )
    return bool(found.stdout.strip())


@cache
def shipped_values() -> dict[str, Any]:
    run = lecture(["values"], ROOT)
    if run.rc != 0:
        raise RuntimeError(f"`lecture values` of the shipped lecture failed: {run.stderr}")
    return json.loads(run.stdout)


def _get(values: Any, path: str) -> Any:
    for part in path.split("."):
        values = values[int(part)] if isinstance(values, list) else values[part]
    return values


def same_values(*paths: str) -> Check:
    """The numbers at ``paths`` of ``lecture values`` equal the shipped lecture's: the data
    file was read as the shipped one it was made from."""

    def check(ctx: Ctx, run: Run) -> str | None:
        mine, why = ctx.values()
        if mine is None:
            return why
        for path in paths:
            got, want = _get(mine, path), _get(shipped_values(), path)
            if not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
                return (
                    f"read differently from the file it was made from: {path} = {got}, not {want}"
                )
        return None

    return check


def value_is(path: str, want: float) -> Check:
    def check(ctx: Ctx, run: Run) -> str | None:
        mine, why = ctx.values()
        if mine is None:
            return why
        got = _get(mine, path)
        return None if math.isclose(got, want) else f"{path} = {got}, not the {want} asked for"

    return check


def finite_values(ctx: Ctx, run: Run) -> str | None:
    """``lecture values`` works and every number in it is finite."""
    mine, why = ctx.values()
    if mine is None:
        return why

    def numbers(value: Any) -> Iterator[float]:
        if isinstance(value, dict):
            for v in value.values():
                yield from numbers(v)
        elif isinstance(value, list):
            for v in value:
                yield from numbers(v)
        elif isinstance(value, float):
            yield value

    bad = sum(1 for v in numbers(mine) if not math.isfinite(v))
    return f"{bad} values are NaN or infinite" if bad else None


def file_written(name: str) -> Check:
    def check(ctx: Ctx, run: Run) -> str | None:
        path = ctx.folder / name
        return None if path.is_file() and path.stat().st_size else f"exit 0, but no {name}"

    return check


def no_waiting(ctx: Ctx, run: Run) -> str | None:
    return "it waited for a run that does not exist" if "in use by" in run.stderr else None


# -- cases ---------------------------------------------------------------------------------------
Setup = Callable[[Ctx], list[str]]
Fault = Callable[["Case", Ctx, list[str]], tuple[list[Run], tuple[str, str] | None]]


@dataclass(frozen=True)
class Case:
    """One bad input (or fault) and how to judge what the command did with it.

    ``names``: what a clear message must name (each, case-insensitive); ``about``: when set,
    the message must mention one of these (the actual problem); ``vague``: patterns of a
    message that does not say what is wrong (e.g. only "is a list of 1"); ``accept``: None when the
    input must be refused, else the check that makes accepting it right; ``fault``: runs the
    command its own way and returns its runs and a verdict (class, note) or None.
    """

    id: str
    group: str
    what: str
    setup: Setup
    names: tuple[str, ...] = ()
    accept: Check | None = None
    about: tuple[str, ...] = ()
    codes: tuple[int, ...] = (2,)
    timeout: float = TIMEOUT
    fault: Fault | None = None
    seed: bool = True
    vague: tuple[str, ...] = ()


CASES: list[Case] = []


def add(case: Case) -> None:
    assert all(c.id != case.id for c in CASES), case.id
    CASES.append(case)


def settings(
    id: str,
    what: str,
    toml: str | bytes,
    names: tuple[str, ...],
    *,
    accept: Check | None = None,
    about: tuple[str, ...] = (),
    files: dict[str, str | bytes | Callable[[Ctx], None]] | None = None,
    scenes: str | None = "20",
    group: str = "settings",
    timeout: float = TIMEOUT,
    vague: tuple[str, ...] = (),
) -> None:
    """A case of a settings file ``my.toml`` (and the files it names) given to render."""

    def setup(ctx: Ctx) -> list[str]:
        for name, content in (files or {}).items():
            if callable(content):
                content(ctx)
            else:
                ctx.write(name, content)
        ctx.write("my.toml", toml)
        ctx.config = "my.toml"
        return ctx.render("my.toml", scenes)

    add(Case(id, group, what, setup, names, accept, about, timeout=timeout, vague=vague))


def key(
    section: str,
    name: str,
    value: str,
    what: str,
    *,
    accept: Check | None = None,
    about: tuple[str, ...] = (),
    slug: str = "",
    timeout: float = TIMEOUT,
    vague: tuple[str, ...] = (),
) -> None:
    """A case of one key of the settings file set to ``value`` (TOML)."""
    shown = value.lower().replace("-", "neg")
    slug = slug or re.sub(r"[^a-z0-9]+", "-", shown).strip("-")[:18] or "empty"
    settings(
        f"cfg-{section}-{name}-{slug}",
        what,
        f"[{section}]\n{name} = {value}\n",
        (section, name),
        accept=accept,
        about=about,
        scenes=None if (section, name) == ("render", "scenes") else "20",
        timeout=timeout,
        vague=vague,
    )


def data_file(
    id: str,
    what: str,
    name: str,
    filename: str,
    content: str | bytes,
    *,
    accept: Check | None = None,
    about: tuple[str, ...] = (),
    group: str = "data",
) -> None:
    """A case of a data file (``[data] name = "filename"``) with ``content``."""
    settings(
        id,
        what,
        f'[data]\n{name} = "{filename}"\n',
        (filename,),
        accept=accept,
        about=about,
        files={filename: content},
        group=group,
    )


def cli(
    id: str,
    what: str,
    argv: Callable[[Ctx], list[str]],
    names: tuple[str, ...],
    *,
    accept: Check | None = None,
    about: tuple[str, ...] = (),
    seed: bool = True,
    timeout: float = TIMEOUT,
) -> None:
    add(Case(id, "cli", what, argv, names, accept, about, timeout=timeout, seed=seed))


def fault(id: str, what: str, setup: Setup, run: Fault, *, timeout: float = TIMEOUT) -> None:
    add(Case(id, "faults", what, setup, fault=run, timeout=timeout, codes=(1, 2)))


# ---- the settings file: syntax, sections, keys -------------------------------------------------
SYNTAX = [
    ("unclosed-string", "a text without its closing quote", '[talk]\ntitle = "Deep Learning\n'),
    ("no-quotes", "text written without quotes", "[talk]\nspeaker = Ada Lovelace\n"),
    ("unclosed-section", "a section header without ]", '[talk\ntitle = "Deep Learning"\n'),
    ("duplicate-key", "the same key twice", "[regression]\nlr = 0.1\nlr = 0.2\n"),
    (
        "duplicate-section",
        "the same section twice",
        "[regression]\nlr = 0.1\n[regression]\nsteps = 9\n",
    ),
    ("colon", "key: value (YAML habit)", "[regression]\nlr: 0.1\n"),
    ("yaml", "a YAML file", "regression:\n  lr: 0.1\n"),
    ("json", "a JSON file", '{"regression": {"lr": 0.1}}\n'),
    ("ini-comment", "an INI ; comment", "[regression]\n; my rate\nlr = 0.1\n"),
    ("single-quote-open", "a text in a single quote left open", "[talk]\nspeaker = 'Ada\n"),
    ("decimal-comma", "a decimal comma", "[regression]\nlr = 0,1\n"),
    ("python-bool", "True instead of true", "[narration]\ndeterministic = True\n"),
    (
        "trailing-comma-list",
        "a list ending in a comma, then junk",
        "[logistic]\nstart = [0, 0, 0,, ]\n",
    ),
]
for slug, what, text in SYNTAX:
    settings(f"cfg-syntax-{slug}", f"not TOML: {what}", text, ("my.toml",), about=("TOML", "line"))

settings(
    "cfg-syntax-not-utf8",
    "a Latin-1 file (José)",
    '[talk]\nspeaker = "José"\n'.encode("latin-1"),
    ("my.toml",),
    about=("UTF-8",),
)
settings(
    "cfg-syntax-utf16",
    "saved as UTF-16 (Notepad 'Unicode')",
    '[talk]\nspeaker = "Ada"\n'.encode("utf-16"),
    ("my.toml",),
    about=("UTF-8", "UTF-16"),
)
settings(
    "cfg-syntax-bom",
    "saved as UTF-8 with a BOM (Notepad)",
    '\ufeff[talk]\nspeaker = "Ada"\n',
    ("my.toml",),
    about=("BOM", "byte order"),
    accept=rendered(20),
)
settings(
    "cfg-syntax-binary",
    "a PNG renamed my.toml",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    ("my.toml",),
)
settings(
    "cfg-syntax-empty",
    "an empty settings file (every key keeps its value)",
    "",
    (),
    accept=rendered(20),
)
settings(
    "cfg-syntax-comments-only",
    "only comments",
    "# my lecture\n# nothing yet\n",
    (),
    accept=rendered(20),
)
settings(
    "cfg-syntax-crlf",
    "Windows line endings",
    '[talk]\r\nspeaker = "Ada Lovelace"\r\n',
    (),
    accept=rendered(20),
)
settings(
    "cfg-syntax-dotted-key",
    "regression.lr = 0.05 at the top (valid TOML for [regression] lr)",
    "regression.lr = 0.05\n",
    (),
    accept=value_is("regression.descent.lr", 0.05),
)

UNKNOWN = [
    ("section-unknown", "an unknown section", '[colors]\nbackground = "red"\n', ("colors",)),
    ("section-typo", "a section name misspelt", "[regresion]\nlr = 0.1\n", ("regresion",)),
    ("section-case", "a section name capitalised", "[Regression]\nlr = 0.1\n", ("Regression",)),
    ("section-plural", "a section name in the plural", "[networks]\nhidden = 3\n", ("networks",)),
    (
        "key-synonym",
        "learning_rate for lr",
        "[regression]\nlearning_rate = 0.1\n",
        ("learning_rate",),
    ),
    ("key-typo", "stpes for steps", "[regression]\nstpes = 50\n", ("stpes",)),
    ("key-case", "Speaker capitalised", '[talk]\nSpeaker = "Ada"\n', ("Speaker",)),
    ("key-wrong-section", "lr under [talk]", "[talk]\nlr = 0.1\n", ("lr", "talk")),
    ("key-outside-section", "speaker above every section", 'speaker = "Ada"\n', ("speaker",)),
    ("key-unknown-top", "an unknown key at the top", "fps = 30\n", ("fps",), ("key",)),
    ("key-render-unknown", "fps under [render]", "[render]\nfps = 30\n", ("fps",)),
    ("array-of-tables", "[[talk]] instead of [talk]", '[[talk]]\nspeaker = "Ada"\n', ("talk",)),
    ("subtable", "[data.scores] as a table", '[data.scores]\nfile = "a.csv"\n', ("scores",)),
    (
        "section-is-value",
        'talk = "..." instead of a section',
        'talk = "Deep Learning"\n',
        ("talk",),
    ),
]
for slug, what, text, names, *about in UNKNOWN:
    settings(f"cfg-{slug}", what, text, names, about=about[0] if about else ())

# ---- every key: a value of the wrong type ------------------------------------------------------
WRONG_TYPE = [
    ("talk", "title", "42"),
    ("talk", "club", "true"),
    ("talk", "speaker", '["Ada"]'),
    ("talk", "affiliation", '{ name = "Dept" }'),
    ("talk", "date", "2025-03-03"),
    ("data", "scores", "5"),
    ("data", "separable", "true"),
    ("data", "hopeless", '["rings.csv"]'),
    ("data", "balderdash", "1.5"),
    ("data", "math_terms", "{}"),
    ("regression", "score_scale", '"100"'),
    ("regression", "lr", '"0.1"'),
    ("regression", "m0", "true"),
    ("regression", "steps", "100.0"),
    ("logistic", "lr", "[0.5]"),
    ("logistic", "start", '"0.5, -1, 0"'),
    ("logistic", "steps", '"200"'),
    ("hopeless", "lr", "{}"),
    ("hopeless", "start", "0"),
    ("hopeless", "steps", "2.5"),
    ("network", "hidden", '"4"'),
    ("network", "lr", "false"),
    ("network", "steps", "1.5e3"),
    ("network", "seed", '"random"'),
    ("terms_model", "hidden", "64.0"),
    ("terms_model", "steps", '"6000"'),
    ("terms_model", "seed", "1.5"),
    ("terms_model", "samples", "[10]"),
    ("terms_model", "temperature", '"0.6"'),
    ("render", "scenes", "20"),
    ("render", "theme", "1"),
    ("render", "quality", "480"),
    ("render", "slides_quality", "true"),
    ("render", "cluster", "8786"),
    ("narration", "voice", "true"),
    ("narration", "speed", '"fast"'),
    ("narration", "deterministic", '"yes"'),
    ("narration", "slides", '"hello"'),
]
PYTHON_REPR = (r"datetime\.", r"\bTrue\b", r"\bFalse\b")  # a teacher writes TOML, not Python
for section, name, value in WRONG_TYPE:
    key(
        section,
        name,
        value,
        f"[{section}] {name} of the wrong type: {value}",
        slug="type",
        vague=PYTHON_REPR,
    )

# ---- every key: out of range, empty, huge, tiny, NaN/inf --------------------------------------
W = "W"  # the widest letter: text at its longest
RANGE: list[tuple[str, str, str, str, dict[str, Any]]] = [
    ("talk", "title", '""', "an empty title", {}),
    ("talk", "title", '"""One\nTwo\nThree"""', "a title of 3 lines", {}),
    ("talk", "title", f'"{"T" * 81}"', "a title line of 81 characters", {}),
    ("talk", "title", '"Deep Learning \U0001f9e0"', "an emoji in the title", {}),
    ("talk", "title", '"Deep\\tLearning"', "a tab in the title", {}),
    ("talk", "title", '"A\\u0000B"', "a NUL character in the title", {}),
    ("talk", "club", '""', "an empty club", {}),
    ("talk", "club", f'"{"C" * 51}"', "a club of 51 characters", {}),
    ("talk", "club", '"Math\\nClub"', "a club of 2 lines (one allowed)", {}),
    ("talk", "speaker", '"   "', "a speaker of spaces only", {}),
    ("talk", "speaker", f'"{"S" * 41}"', "a speaker of 41 characters", {}),
    ("talk", "speaker", '"Ada \U0001f469\u200d\U0001f52c"', "an emoji sequence in the speaker", {}),
    (
        "talk",
        "speaker",
        '"李雷"',
        "a Chinese name (no CJK font installed?)",
        {"accept": fonts_cover("李雷"), "slug": "cjk"},
    ),
    (
        "talk",
        "speaker",
        '"שלום כהן"',
        "a Hebrew name",
        {"accept": rendered(20, fonts_cover("שלום כהן")), "slug": "hebrew"},
    ),
    ("talk", "affiliation", '""', "an empty affiliation", {}),
    ("talk", "affiliation", f'"{"A" * 91}"', "an affiliation of 91 characters", {}),
    ("talk", "affiliation", '"""A\nB\nC"""', "an affiliation of 3 lines", {}),
    ("talk", "date", '""', "an empty date", {}),
    ("talk", "date", f'"{"D" * 51}"', "a date of 51 characters", {}),
    ("data", "scores", '""', "an empty file name", {}),
    ("data", "balderdash", '"   "', "a file name of spaces", {}),
    ("regression", "score_scale", "0", "score_scale 0", {}),
    ("regression", "score_scale", "-100", "a negative score_scale", {}),
    ("regression", "score_scale", "1e-300", "score_scale 1e-300", {}),
    ("regression", "score_scale", "1e6", "score_scale 1e6", {}),
    ("regression", "score_scale", "nan", "score_scale nan", {}),
    ("regression", "score_scale", '"inf"', 'score_scale "inf" as text', {"slug": "inf-text"}),
    ("regression", "lr", "0", "lr 0", {}),
    ("regression", "lr", "-0.1", "a negative lr", {}),
    ("regression", "lr", "3.0", "lr 3: gradient descent diverges", {}),
    ("regression", "lr", "1e308", "lr 1e308", {}),
    (
        "regression",
        "lr",
        "5e-324",
        "the smallest positive lr (the descent never moves)",
        {"accept": rendered(20, finite_values)},
    ),
    ("regression", "lr", "nan", "lr nan", {}),
    ("regression", "lr", "inf", "lr inf", {}),
    ("regression", "lr", '"nan"', 'lr "nan" as text', {"slug": "nan-text"}),
    ("regression", "m0", "-1", "a negative m0", {}),
    ("regression", "m0", "101", "m0 101", {}),
    ("regression", "m0", "1e300", "m0 1e300", {}),
    ("regression", "m0", "-inf", "m0 -inf", {}),
    ("regression", "steps", "4", "regression steps 4", {}),
    ("regression", "steps", "100001", "regression steps 100001", {}),
    ("regression", "steps", "-5", "negative steps", {}),
    ("regression", "steps", "9223372036854775807", "the largest TOML integer", {}),
    (
        "regression",
        "steps",
        "99999999999999999999",
        "an integer too big for TOML",
        {"slug": "toobig"},
    ),
    ("logistic", "lr", "0", "logistic lr 0", {}),
    ("logistic", "lr", "1e6", "logistic lr 1e6 (too large for the data)", {}),
    ("logistic", "lr", "nan", "logistic lr nan", {}),
    ("logistic", "start", "[0, 0]", "start of 2 numbers", {}),
    ("logistic", "start", "[0, 0, 0, 0]", "start of 4 numbers", {}),
    ("logistic", "start", "[]", "an empty start", {"slug": "empty-list"}),
    ("logistic", "start", '["a", 0, 0]', "start with text in it", {}),
    ("logistic", "start", "[101, 0, 0]", "start out of range", {}),
    ("logistic", "start", "[nan, 0, 0]", "start with nan", {}),
    ("logistic", "start", "[[0], [0], [0]]", "start of nested lists", {}),
    ("logistic", "start", "{ m1 = 0, m2 = 0, b = 0 }", "start as a table", {"slug": "table"}),
    ("logistic", "steps", "0", "logistic steps 0", {}),
    ("logistic", "steps", "100001", "logistic steps 100001", {}),
    ("hopeless", "lr", "1e6", "hopeless lr 1e6", {}),
    ("hopeless", "start", "[1e300, 0, 0]", "a huge start", {}),
    ("hopeless", "steps", "-1", "hopeless steps -1", {}),
    (
        "hopeless",
        "steps",
        "0",
        "hopeless steps 0 (allowed: no descent)",
        {"accept": rendered(20, finite_values)},
    ),
    ("network", "hidden", "0", "no hidden units", {}),
    ("network", "hidden", "6", "6 hidden units (the diagrams draw 5)", {}),
    ("network", "hidden", "-1", "hidden -1", {}),
    ("network", "lr", "0", "network lr 0", {}),
    ("network", "lr", "1000", "network lr 1000 (diverges)", {}),
    ("network", "lr", "inf", "network lr inf", {}),
    ("network", "steps", "0", "network steps 0", {}),
    (
        "network",
        "steps",
        "100000",
        "network steps 100000 (the most allowed)",
        {"accept": rendered(20, finite_values)},
    ),
    ("network", "seed", "-1", "a negative seed", {}),
    ("network", "seed", "4294967296", "seed 2^32", {}),
    ("terms_model", "hidden", "0", "terms_model hidden 0", {}),
    ("terms_model", "hidden", "129", "terms_model hidden 129", {}),
    ("terms_model", "steps", "0", "terms_model steps 0", {}),
    ("terms_model", "steps", "100001", "terms_model steps 100001", {}),
    ("terms_model", "seed", "-1", "terms_model seed -1", {}),
    ("terms_model", "samples", "0", "no samples", {}),
    ("terms_model", "samples", "21", "21 samples", {}),
    ("terms_model", "temperature", "0", "temperature 0", {}),
    ("terms_model", "temperature", "2.5", "temperature 2.5", {}),
    ("terms_model", "temperature", "nan", "temperature nan", {}),
    ("render", "scenes", '""', "no scenes", {}),
    ("render", "scenes", '"99"', "scene 99 of 20", {}),
    ("render", "scenes", '"8-4"', "a range from high to low", {}),
    ("render", "scenes", '","', "a lone comma", {"slug": "comma"}),
    ("render", "scenes", "[]", "an empty list", {"slug": "empty-list"}),
    ("render", "scenes", "[true]", "a list of true", {"vague": (r"is a list of \d", *PYTHON_REPR)}),
    ("render", "scenes", "[1.5]", "a list of 1.5", {"vague": (r"is a list of \d",)}),
    ("render", "scenes", '["Nope"]', "an unknown scene name", {}),
    ("render", "scenes", "[20]", "[20]: scene 20 by number in a list", {"accept": rendered(20)}),
    ("render", "theme", '"blue"', "theme blue", {}),
    ("render", "theme", '""', "an empty theme", {}),
    ("render", "theme", '"Dark"', "theme capitalised", {}),
    ("render", "theme", '"light"', "the light theme", {"accept": rendered(20, light_frame)}),
    ("render", "quality", '"8k"', "quality 8k", {}),
    ("render", "quality", '""', "an empty quality", {}),
    ("render", "quality", '"1080"', "quality 1080 without p", {}),
    ("render", "slides_quality", '"480p"', "slides_quality 480p", {}),
    ("render", "cluster", '"tcp://127.0.0.1:1"', "a cluster where nothing listens", {}),
    ("render", "cluster", '"my laptop"', "a cluster address with a space", {}),
    ("render", "cluster", '""', "no cluster (this machine)", {"accept": rendered(20)}),
    ("narration", "voice", '"robot"', "an unknown voice", {}),
    ("narration", "voice", '""', "an empty voice", {}),
    ("narration", "voice", '"Joe"', "a voice capitalised", {}),
    ("narration", "speed", "0", "speed 0", {}),
    ("narration", "speed", "3", "speed 3", {}),
    ("narration", "speed", "nan", "speed nan", {}),
    (
        "narration",
        "slides",
        '{ "Nope.1" = "Hello." }',
        "words for a scene that does not exist",
        {"slug": "unknown-scene"},
    ),
    (
        "narration",
        "slides",
        '{ "GradientDescent.99" = "Hello." }',
        "words for slide 99",
        {"slug": "slide-99"},
    ),
    (
        "narration",
        "slides",
        '{ "GradientDescent.1" = "m is {nope.value}." }',
        "an unknown placeholder",
        {"slug": "placeholder"},
    ),
    (
        "narration",
        "slides",
        '{ "GradientDescent.1" = "m is {regression.m_best:.4q}." }',
        "a bad number format",
        {"slug": "format"},
    ),
    (
        "narration",
        "slides",
        '{ "GradientDescent.1" = "an { open brace" }',
        "a lone brace",
        {"slug": "brace"},
    ),
    (
        "narration",
        "slides",
        '{ "GradientDescent.1" = "" }',
        "empty words",
        {"slug": "empty-words", "about": ("empty",)},
    ),
]
for section, name, value, what, extra in RANGE:
    key(section, name, value, f"[{section}] {name}: {what}", **extra)

settings(
    "cfg-talk-longest-title-slide",
    "every title-slide text at its longest (W x the limit, the lines allowed)",
    "[talk]\n"
    f'title = "{W * 80}\\n{W * 80}"\n'
    f'club = "{W * 50}"\n'
    f'speaker = "{W * 40}"\n'
    f'affiliation = "{W * 90}\\n{W * 90}"\n'
    f'date = "{W * 50}"\n',
    (),
    accept=rendered(1),
    scenes="1",
)
settings(
    "cfg-talk-title-two-lines",
    "a short title on the two lines the schema allows",
    '[talk]\ntitle = "The Mathematics\\nof Deep Learning"\n',
    (),
    accept=rendered(1),
    scenes="1",
)
settings(
    "cfg-talk-longest-closing",
    "speaker and club at their longest (scene 20 draws them on one line)",
    f'[talk]\nspeaker = "{W * 40}"\nclub = "{W * 50}"\n',
    (),
    accept=rendered(20),
)
settings(
    "cfg-talk-latex-specials",
    "a title of LaTeX specials (drawn as written, never through LaTeX)",
    "[talk]\ntitle = '50% of $x_1$ & {y} \\input{/etc/passwd} #_^~'\n",
    (),
    accept=rendered(1),
    scenes="1",
)
settings(
    "cfg-terms-model-slowest",
    "[terms_model] hidden = 128, steps = 100000: the slowest accepted terms network",
    "[terms_model]\nhidden = 128\nsteps = 100000\n",
    (),
    accept=rendered(20, finite_values),
)


# ---- paths in [data] ---------------------------------------------------------------------------
def _folder(name: str) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        (ctx.folder / name).mkdir()
        ctx.note(name, "a folder")

    return make


def _file(name: str) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        ctx.write(name, "my notes\n")

    return make


def _fifo(name: str) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        os.mkfifo(ctx.folder / name)
        ctx.note(name, "a named pipe (mkfifo): reading it would wait for ever")

    return make


def _symlink(name: str, target: str) -> Callable[[Ctx], None]:
    def make(ctx: Ctx) -> None:
        (ctx.folder / name).symlink_to(target)
        ctx.note(name, f"a symbolic link to {target}")

    return make


PATHS: list[tuple[Any, ...]] = [
    ("missing", "scores", "nope.csv", "a file that does not exist", {}),
    ("windows", "scores", "C:\\\\Users\\\\ada\\\\scores.csv", "a Windows path", {}),
    ("home", "scores", "~/no-such-scores.csv", "a ~ path that does not exist", {}),
    (
        "folder",
        "scores",
        "class.csv",
        "a folder named class.csv",
        {"class.csv": _folder("class.csv")},
    ),
    (
        "fifo",
        "scores",
        "pipe.csv",
        "a named pipe",
        {"pipe.csv": _fifo("pipe.csv")},
        ("named pipe", "not a regular file", "not a file"),
    ),
    ("shadow", "scores", "/etc/shadow", "/etc/shadow", {}),
    (
        "shadow-link",
        "scores",
        "s.csv",
        "s.csv -> /etc/shadow",
        {"s.csv": _symlink("s.csv", "/etc/shadow")},
    ),
    ("dev-zero", "scores", "/dev/zero", "/dev/zero", {}),
    ("txt", "scores", "notes.txt", "an existing .txt file", {"notes.txt": "test1,test2\n50,60\n"}),
    (
        "xlsx",
        "scores",
        "scores.xlsx",
        "an Excel workbook",
        {"scores.xlsx": b"PK\x03\x04" + bytes(200)},
    ),
    (
        "quiz-csv",
        "balderdash",
        "quiz.csv",
        "the quiz as a .csv",
        {"quiz.csv": "term,real\nNephroid,true\n"},
    ),
    ("quiz-shadow", "balderdash", "/etc/shadow", "the quiz: /etc/shadow", {}),
    ("quiz-missing", "balderdash", "quiz.toml", "a missing quiz", {}),
    ("terms-shadow", "math_terms", "/etc/shadow", "the terms list: /etc/shadow", {}),
    ("terms-missing", "math_terms", "terms.txt", "a missing terms list", {}),
    (
        "hopeless-folder",
        "hopeless",
        "rings.csv",
        "a folder named rings.csv",
        {"rings.csv": _folder("rings.csv")},
    ),
]
for slug, name, value, what, files, *about in PATHS:
    settings(
        f"cfg-path-{slug}",
        f"[data] {name}: {what}",
        f'[data]\n{name} = "{value}"\n',
        (name,),
        files=files,
        about=about[0] if about else (),
    )


# ---- the data files ----------------------------------------------------------------------------
def _rows(name: str) -> tuple[str, list[list[str]]]:
    lines = (ASSETS / name).read_text(encoding="utf-8").splitlines()
    return lines[0], [line.split(",") for line in lines[1:] if line.strip()]


SCORES_HEADER, SCORES = _rows("test_scores.csv")
SEP_HEADER, SEPARABLE = _rows("separable.csv")
RINGS_HEADER, RINGS = _rows("rings.csv")


def table(header: str, rows: list[list[str]], sep: str = ",", eol: str = "\n") -> str:
    return eol.join([header.replace(",", sep), *(sep.join(r) for r in rows)]) + eol


def scores_with(*rows: list[str]) -> str:
    return table(SCORES_HEADER, [*SCORES[:10], *rows])


SCORE_CHECK = same_values("regression.m_best", "regression.mse_best")
S = "scores.csv"
DATA_SCORES: list[tuple[str, str, str | bytes, dict[str, Any]]] = [
    ("empty", "an empty file", "", {}),
    ("header-only", "a header row only", "test1,test2\n", {}),
    ("header-no-newline", "a header without a newline", "test1,test2", {}),
    ("wrong-columns", "columns a,b", "a,b\n50,60\n70,80\n", {}),
    ("capitalised", "columns Test1,Test2", table("Test1,Test2", SCORES), {}),
    ("one-column", "only test1", "test1\n50\n60\n", {}),
    (
        "header-spaces",
        "spaces around the names",
        table(" test1 , test2 ", SCORES),
        {"accept": SCORE_CHECK},
    ),
    (
        "extra-column",
        "a name column first",
        table("name,test1,test2", [["Kim", *r] for r in SCORES]),
        {"accept": SCORE_CHECK},
    ),
    (
        "reordered",
        "test2 before test1",
        table("test2,test1", [[b, a] for a, b in SCORES]),
        {"accept": SCORE_CHECK},
    ),
    ("non-numeric", "n/a in a cell", scores_with(["50", "n/a"]), {}),
    ("empty-cell", "an empty cell", scores_with(["50", ""]), {}),
    ("nan", "nan in a cell", scores_with(["nan", "50"]), {}),
    ("inf", "inf in a cell", scores_with(["50", "inf"]), {}),
    ("huge", "1e300 points", scores_with(["1e300", "50"]), {}),
    ("negative", "a negative score", scores_with(["-5", "40"]), {}),
    ("over-1000", "1500 points", scores_with(["1500", "40"]), {}),
    ("percent", "85% written with a percent sign", scores_with(["85%", "40"]), {}),
    ("thousands", '"1,000" with a thousands comma', scores_with(['"1,000"', "40"]), {}),
    ("all-zero-x", "every test1 score 0", table(SCORES_HEADER, [["0", b] for _, b in SCORES]), {}),
    (
        "all-zero-y",
        "every test2 score 0",
        table(SCORES_HEADER, [[a, "0"] for a, _ in SCORES]),
        {"accept": finite_values},
    ),
    ("tiny", "scores of 1e-300", "test1,test2\n1e-300,2e-300\n3e-300,1e-300\n", {}),
    ("one-row", "one student", "test1,test2\n50,60\n", {}),
    (
        "two-rows",
        "two students (the fewest allowed)",
        "test1,test2\n50,60\n70,65\n",
        {"accept": finite_values},
    ),
    (
        "200-rows",
        "200 students (the most allowed)",
        table(SCORES_HEADER, (SCORES * 3)[:200]),
        {"accept": finite_values},
    ),
    ("201-rows", "201 students", table(SCORES_HEADER, (SCORES * 3)[:201]), {}),
    ("million-rows", "1,000,000 students", "test1,test2\n" + "50,60\n" * 1_000_000, {}),
    (
        "long-number",
        "one cell of 1.9 MB of digits",
        "test1,test2\n" + "5" * 1_900_000 + ",50\n50,60\n",
        {},
    ),
    (
        "latin1",
        "a name column in Latin-1 (Excel on Windows)",
        table("name,test1,test2", [["José", *r] for r in SCORES]).encode("latin-1"),
        {"about": ("UTF-8",)},
    ),
    (
        "utf16",
        "saved as UTF-16 (Excel 'Unicode text')",
        table(SCORES_HEADER, SCORES).encode("utf-16"),
        {"about": ("UTF-8", "UTF-16")},
    ),
    (
        "bom",
        "saved as CSV UTF-8 with a BOM (Excel)",
        "\ufeff" + table(SCORES_HEADER, SCORES),
        {"accept": SCORE_CHECK},
    ),
    (
        "semicolons",
        "separated by semicolons (Excel, European)",
        table(SCORES_HEADER, SCORES, ";"),
        {"accept": SCORE_CHECK, "about": (";", "semicolon", "comma")},
    ),
    (
        "decimal-comma",
        "semicolons and decimal commas",
        table(SCORES_HEADER, [[f"{a},0", f"{b},0"] for a, b in SCORES], ";"),
        {"accept": SCORE_CHECK, "about": (";", "semicolon", "comma")},
    ),
    (
        "tabs",
        "separated by tabs",
        table(SCORES_HEADER, SCORES, "\t"),
        {"accept": SCORE_CHECK, "about": ("tab", "\\t", "comma")},
    ),
    (
        "crlf",
        "Windows line endings",
        table(SCORES_HEADER, SCORES, eol="\r\n"),
        {"accept": SCORE_CHECK},
    ),
    (
        "quoted",
        "every number quoted",
        table('"test1","test2"', [[f'"{a}"', f'"{b}"'] for a, b in SCORES]),
        {"accept": SCORE_CHECK},
    ),
    (
        "blank-lines",
        "blank lines at the end",
        table(SCORES_HEADER, SCORES) + "\n\n  \n",
        {"accept": SCORE_CHECK},
    ),
    ("ragged", "a row with one cell", scores_with(["50"]), {}),
    (
        "comment-line",
        "a comment line above the header",
        "# exported\n" + table(SCORES_HEADER, SCORES),
        {},
    ),
    ("binary", "a PNG renamed .csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), {}),
]
for slug, what, content, extra in DATA_SCORES:
    data_file(f"data-scores-{slug}", f"scores: {what}", "scores", S, content, **extra)


def labeled(rows: list[list[str]], header: str = "x,y,c") -> str:
    return table(header, rows)


def relabel(rows: list[list[str]], label: Callable[[int, str], str]) -> list[list[str]]:
    return [[x, y, label(i, c)] for i, (x, y, c) in enumerate(rows)]


SEP_CHECK = same_values("logistic.cost.-1", "logistic.accuracy.-1")
RINGS_CHECK = same_values("hopeless.cost", "network.cost.-1")
DATA_LABELED: list[tuple[str, str, str, str | bytes, dict[str, Any]]] = [
    (
        "separable",
        "label-2",
        "a label 2",
        labeled(relabel(SEPARABLE, lambda i, c: "2" if i == 5 else c)),
        {},
    ),
    (
        "hopeless",
        "label-minus-1",
        "a label -1",
        labeled(relabel(RINGS, lambda i, c: "-1" if i == 3 else c)),
        {},
    ),
    (
        "separable",
        "label-text",
        "labels yes/no",
        labeled(relabel(SEPARABLE, lambda i, c: "yes" if c == "1" else "no")),
        {},
    ),
    (
        "separable",
        "label-half",
        "a label 0.5",
        labeled(relabel(SEPARABLE, lambda i, c: "0.5" if i == 0 else c)),
        {},
    ),
    (
        "separable",
        "label-bool",
        "labels true/false",
        labeled(relabel(SEPARABLE, lambda i, c: "true" if c == "1" else "false")),
        {},
    ),
    (
        "separable",
        "label-float",
        "labels 1.0/0.0",
        labeled(relabel(SEPARABLE, lambda i, c: f"{c}.0")),
        {"accept": SEP_CHECK},
    ),
    (
        "separable",
        "one-class",
        "every point class 0",
        labeled(relabel(SEPARABLE, lambda i, c: "0")),
        {},
    ),
    ("hopeless", "one-class", "every point class 1", labeled(relabel(RINGS, lambda i, c: "1")), {}),
    (
        "separable",
        "three-of-a-class",
        "class 1 has 3 points",
        labeled(relabel(SEPARABLE, lambda i, c: "1" if i < 3 else "0")),
        {"accept": rendered(20, finite_values)},
    ),
    (
        "hopeless",
        "three-of-a-class",
        "class 1 has 3 points",
        labeled(relabel(RINGS, lambda i, c: "1" if i < 3 else "0")),
        {"accept": rendered(20, finite_values)},
    ),
    (
        "separable",
        "two-points",
        "one point of each class",
        "x,y,c\n-1,0,0\n1,0,1\n",
        {"accept": rendered(20, finite_values)},
    ),
    ("separable", "one-row", "one point", "x,y,c\n1,0,1\n", {}),
    (
        "separable",
        "all-zero-x",
        "every x is 0",
        labeled([["0", y, c] for _, y, c in SEPARABLE]),
        {"accept": rendered(20, finite_values)},
    ),
    (
        "hopeless",
        "same-point",
        "every point at (0, 0), both classes",
        "x,y,c\n" + "0,0,0\n0,0,1\n" * 20,
        {"accept": rendered(20, finite_values)},
    ),
    ("hopeless", "huge", "a coordinate 1e300", labeled([*RINGS[:20], ["1e300", "0.2", "1"]]), {}),
    ("separable", "nan", "a coordinate nan", labeled([*SEPARABLE[:20], ["nan", "0.2", "1"]]), {}),
    ("separable", "inf", "a coordinate -inf", labeled([*SEPARABLE[:20], ["0.1", "-inf", "1"]]), {}),
    (
        "separable",
        "eleven",
        "a coordinate 11 (the plane shows -10 to 10)",
        labeled([*SEPARABLE[:20], ["11", "0", "1"]]),
        {},
    ),
    ("hopeless", "401-points", "401 points", labeled((RINGS * 3)[:401]), {}),
    (
        "hopeless",
        "400-points",
        "400 points (the most allowed)",
        labeled((RINGS * 3)[:400]),
        {"accept": rendered(20, finite_values)},
    ),
    (
        "hopeless",
        "million-rows",
        "1,000,000 points",
        "x,y,c\n" + "0.5,0.5,0\n-0.5,-0.5,1\n" * 500_000,
        {},
    ),
    ("separable", "label-column-name", "columns x,y,label", labeled(SEPARABLE, "x,y,label"), {}),
    ("hopeless", "no-c", "columns x,y only", table("x,y", [r[:2] for r in RINGS]), {}),
    (
        "hopeless",
        "separable-data",
        "the separable set as the hopeless one (the network fits all)",
        labeled(SEPARABLE),
        {"accept": rendered(20, finite_values)},
    ),
    (
        "separable",
        "bom-crlf",
        "a BOM and Windows line endings",
        "\ufeff" + table(SEP_HEADER, SEPARABLE, eol="\r\n"),
        {"accept": SEP_CHECK},
    ),
    (
        "hopeless",
        "crlf",
        "Windows line endings",
        table(RINGS_HEADER, RINGS, eol="\r\n"),
        {"accept": RINGS_CHECK},
    ),
]
for name, slug, what, content, extra in DATA_LABELED:
    data_file(f"data-{name}-{slug}", f"{name}: {what}", name, f"{name}.csv", content, **extra)

# math terms (the closing slide's network learns from them)
TERMS_TXT = (ASSETS / "math_terms.txt").read_text(encoding="utf-8")
DATA_TERMS: list[tuple[str, str, str | bytes, dict[str, Any]]] = [
    ("empty", "an empty terms list", "", {}),
    ("comments-only", "only comments", "# my terms\n# none yet\n", {}),
    ("one-term", "a single term", "Nephroid\n", {}),
    ("latin1", "a Latin-1 file", "Théorème\nLemme\n".encode("latin-1") * 40, {"about": ("UTF-8",)}),
    ("emoji", "an emoji in a term", TERMS_TXT + "Brain \U0001f9e0 lemma\n", {}),
    ("long-line", "a line of 5000 characters", TERMS_TXT + "x" * 5000 + "\n", {}),
    ("million-lines", "1,000,000 lines", "".join(f"Term {i}\n" for i in range(1_000_000)), {}),
]
for slug, what, content, extra in DATA_TERMS:
    data_file(
        f"data-terms-{slug}", f"math_terms: {what}", "math_terms", "terms.txt", content, **extra
    )

# ---- the quiz file -----------------------------------------------------------------------------
QUIZ_ENTRY = '[[quiz]]\nterm = "{}"\nreal = {}\n\n'
QUIZ = QUIZ_ENTRY.format("Nephroid", "true") + QUIZ_ENTRY.format("Axtric group", "false")
MORE = '[more]\ngenerated = ["Selfromorphism", "Compaction"]\n'
QUIZZES: list[tuple[str, str, str | bytes, dict[str, Any]]] = [
    ("empty", "an empty file", "", {}),
    ("no-quiz", "[more] only, no [[quiz]]", MORE, {}),
    ("no-more", "no [more] section", QUIZ, {}),
    ("more-without-generated", "[more] without generated", QUIZ + '[more]\nterms = ["a"]\n', {}),
    (
        "quiz-table",
        "[quiz] written as one table",
        '[quiz]\nterm = "Nephroid"\nreal = true\n\n' + MORE,
        {},
    ),
    ("quiz-string", 'quiz = "..."', 'quiz = "Nephroid"\n' + MORE, {}),
    ("quiz-typo", "[[quizz]] misspelt", QUIZ.replace("[[quiz]]", "[[quizz]]") + MORE, {}),
    ("real-text", 'real = "yes"', QUIZ_ENTRY.format("Nephroid", '"yes"') + MORE, {}),
    ("real-missing", "no real", '[[quiz]]\nterm = "Nephroid"\n\n' + MORE, {}),
    ("term-number", "term = 5", "[[quiz]]\nterm = 5\nreal = true\n\n" + MORE, {}),
    ("term-missing", "no term", "[[quiz]]\nreal = true\n\n" + MORE, {}),
    ("term-empty", 'term = ""', QUIZ_ENTRY.format("", "true") + MORE, {}),
    (
        "13-entries",
        "13 quiz entries (room for 12)",
        QUIZ_ENTRY.format("Nephroid", "true") * 13 + MORE,
        {},
    ),
    ("term-71", "a term of 71 characters", QUIZ_ENTRY.format("N" * 71, "true") + MORE, {}),
    ("term-500", "a term of 500 characters", QUIZ_ENTRY.format("N" * 500, "true") + MORE, {}),
    (
        "term-newline",
        "a term of two lines",
        QUIZ_ENTRY.format("Nephroid\\nlemma", "true") + MORE,
        {},
    ),
    (
        "term-emoji",
        "an emoji in a term",
        QUIZ_ENTRY.format("Robot \U0001f916 lemma", "false") + MORE,
        {},
    ),
    (
        "term-control",
        "a control character in a term",
        QUIZ_ENTRY.format("Neph\\u0007roid", "true") + MORE,
        {},
    ),
    (
        "more-21",
        "21 generated terms (room for 20)",
        QUIZ + "[more]\ngenerated = [" + ", ".join(f'"Term {i}"' for i in range(21)) + "]\n",
        {},
    ),
    (
        "more-41",
        "a generated term of 41 characters",
        QUIZ + f'[more]\ngenerated = ["{"G" * 41}"]\n',
        {},
    ),
    ("more-string", "generated = one text", QUIZ + '[more]\ngenerated = "Compaction"\n', {}),
    ("more-empty", "generated = []", QUIZ + "[more]\ngenerated = []\n", {}),
    ("more-numbers", "generated = [1, 2]", QUIZ + "[more]\ngenerated = [1, 2]\n", {}),
    ("more-blank", 'generated = [""]', QUIZ + '[more]\ngenerated = [""]\n', {}),
    ("syntax", "not valid TOML", QUIZ + "[more\ngenerated = []\n", {}),
    (
        "latin1",
        "a Latin-1 file",
        (QUIZ_ENTRY.format("Théorème", "true") + MORE).encode("latin-1"),
        {"about": ("UTF-8",)},
    ),
    (
        "longest",
        "12 entries of 70 characters and 20 generated of 40 (the most allowed)",
        "".join(QUIZ_ENTRY.format(W * 70, "true") for _ in range(12))
        + "[more]\ngenerated = ["
        + ", ".join(f'"{W * 40}"' for _ in range(20))
        + "]\n",
        {"accept": rendered(20)},
    ),
]
for slug, what, content, extra in QUIZZES:
    data_file(
        f"quiz-{slug}", f"quiz: {what}", "balderdash", "quiz.toml", content, group="quiz", **extra
    )

settings(
    "quiz-latex-term-drawn",
    "quiz terms of LaTeX specials, drawn in scene 2 (exactly as written; timeout 180 s: scene 2 "
    "alone renders in about a minute)",
    '[data]\nbalderdash = "quiz.toml"\n',
    (),
    files={
        "quiz.toml": QUIZ_ENTRY.format("\\\\input{/etc/passwd}", "false")
        + QUIZ_ENTRY.format("50% of $x_1$ & {y}", "true")
        + MORE
    },
    accept=rendered(2),
    scenes="2",
    group="quiz",
    timeout=180,
)


# ---- the command line --------------------------------------------------------------------------
def plain(*argv: str, scenes: str | None = "20") -> Callable[[Ctx], list[str]]:
    """``lecture ARGV`` with the sweep's --out and --build-dir (and --scenes 20) unless given."""

    def make(ctx: Ctx) -> list[str]:
        args = list(argv)
        if args and args[0] in ("render", "slides"):
            if "--scenes" not in args and scenes is not None:
                args += ["--scenes", scenes]
            if "--jobs" not in args and args[0] == "render":
                args += ["--jobs", "1"]
            if "--out" not in args:
                args += ["--out", ctx.rel(ctx.out)]
            if "--build-dir" not in args:
                args += ["--build-dir", str(ctx.build)]
        return args

    return make


def with_files(
    make: Callable[[Ctx], list[str]], prepare: Callable[[Ctx], None]
) -> Callable[[Ctx], list[str]]:
    def both(ctx: Ctx) -> list[str]:
        prepare(ctx)
        return make(ctx)

    return both


def mount_tmpfs(ctx: Ctx, name: str, size: str, *, readonly: bool = False) -> Path:
    target = ctx.folder / name
    target.mkdir()
    options = f"size={size}" + (",ro" if readonly else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        raise CannotTryError(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); run as root")
    ctx.cleanups.append(lambda: subprocess.run(["umount", "-l", str(target)], capture_output=True))
    ctx.note(
        name, f"a {'read-only ' if readonly else ''}tmpfs of {size} (mount -t tmpfs -o {options})"
    )
    return target


def _readonly_out(ctx: Ctx) -> list[str]:
    ctx.out = mount_tmpfs(ctx, "ro", "1m", readonly=True) / "out"
    return plain("render")(ctx)


def _readonly_build(ctx: Ctx) -> list[str]:
    ctx.build = mount_tmpfs(ctx, "ro", "1m", readonly=True) / "build"
    return plain("render")(ctx)


def _out_is_file(ctx: Ctx) -> list[str]:
    ctx.out = ctx.write("lecture.mp4", "an earlier video, not a folder\n")
    return plain("render")(ctx)


def _build_is_file(ctx: Ctx) -> list[str]:
    ctx.build = ctx.write("build", "not a folder\n")
    return plain("render")(ctx)


def _config_dir(ctx: Ctx) -> list[str]:
    (ctx.folder / "my_lecture").mkdir()
    ctx.note("my_lecture/", "a folder")
    return plain("render", "--config", "my_lecture")(ctx)


def _stale_lock(ctx: Ctx) -> list[str]:
    ctx.write(
        "out/low/.lecture.lock", "process 999999 (lecture render --scenes 20), started 2025-03-03\n"
    )
    return plain("render")(ctx)


def _lock_is_folder(ctx: Ctx) -> list[str]:
    (ctx.out / "low" / ".lecture.lock").mkdir(parents=True)
    ctx.note("out/low/.lecture.lock/", "a folder where the lock file goes")
    return plain("render")(ctx)


def _out_with_space(ctx: Ctx) -> list[str]:
    ctx.out = ctx.folder / "my lecture ü's 'out'"
    return plain("render")(ctx)


CLI: list[tuple[str, str, Callable[[Ctx], list[str]], tuple[str, ...], dict[str, Any]]] = [
    ("verb-unknown", "lecture draw", plain("draw"), ("draw",), {}),
    ("verb-typo", "lecture rendr", plain("rendr"), ("rendr",), {}),
    ("option-unknown", "--fast", plain("render", "--fast"), ("--fast",), {}),
    (
        "option-typo",
        "--scene 20 (singular)",
        plain("render", "--scene", "20", scenes=None),
        ("--scene",),
        {"accept": rendered(20)},
    ),
    (
        "positional-extra",
        "render 20 (scene without --scenes)",
        plain("render", "20"),
        ("20",),
        {},
    ),
    ("scenes-99", "--scenes 99", plain("render", "--scenes", "99"), ("--scenes", "99"), {}),
    ("scenes-8-4", "--scenes 8-4", plain("render", "--scenes", "8-4"), ("--scenes", "8-4"), {}),
    ("scenes-comma", "--scenes ,", plain("render", "--scenes", ","), ("--scenes",), {}),
    ("scenes-abc", "--scenes abc", plain("render", "--scenes", "abc"), ("--scenes", "abc"), {}),
    ("scenes-0", "--scenes 0", plain("render", "--scenes", "0"), ("--scenes", "0"), {}),
    ("scenes-empty", "--scenes ''", plain("render", "--scenes", ""), ("--scenes",), {}),
    ("scenes-1-99", "--scenes 1-99", plain("render", "--scenes", "1-99"), ("--scenes",), {}),
    ("scenes-decimal", "--scenes 4.5", plain("render", "--scenes", "4.5"), ("--scenes", "4.5"), {}),
    ("scenes-semicolon", "--scenes '4;8'", plain("render", "--scenes", "4;8"), ("--scenes",), {}),
    (
        "scenes-missing-value",
        "--scenes at the end",
        lambda ctx: ["render", "--out", "out", "--scenes"],
        ("--scenes",),
        {},
    ),
    (
        "scenes-duplicate",
        "--scenes 20,20",
        plain("render", "--scenes", "20,20"),
        (),
        {"accept": rendered(20)},
    ),
    (
        "scenes-lowercase-name",
        "--scenes thankyou",
        plain("render", "--scenes", "thankyou"),
        ("thankyou",),
        {"accept": rendered(20)},
    ),
    (
        "scenes-spaces",
        "--scenes ' 20 '",
        plain("render", "--scenes", " 20 "),
        (),
        {"accept": rendered(20)},
    ),
    ("jobs-0", "--jobs 0", plain("render", "--jobs", "0"), ("--jobs",), {}),
    ("jobs-negative", "--jobs -1", plain("render", "--jobs", "-1"), ("--jobs",), {}),
    ("jobs-abc", "--jobs abc", plain("render", "--jobs", "abc"), ("--jobs",), {}),
    ("jobs-decimal", "--jobs 1.5", plain("render", "--jobs", "1.5"), ("--jobs",), {}),
    (
        "jobs-1000",
        "--jobs 1000 for one scene",
        plain("render", "--jobs", "1000"),
        (),
        {"accept": rendered(20)},
    ),
    ("quality-8k", "--quality 8k", plain("render", "--quality", "8k"), ("--quality", "8k"), {}),
    ("quality-480p", "--quality 480p", plain("render", "--quality", "480p"), ("--quality",), {}),
    ("quality-upper", "--quality LOW", plain("render", "--quality", "LOW"), ("--quality",), {}),
    ("theme-blue", "--theme blue", plain("render", "--theme", "blue"), ("--theme",), {}),
    ("voice-robot", "--voice robot", plain("render", "--voice", "robot"), ("--voice",), {}),
    (
        "quiet-verbose",
        "--quiet --verbose",
        plain("render", "--quiet", "--verbose"),
        ("--quiet",),
        {},
    ),
    (
        "out-readonly",
        "--out on a read-only file system",
        _readonly_out,
        ("--out",),
        {"seed": False},
    ),
    ("out-file", "--out on an existing file", _out_is_file, ("--out",), {"seed": False}),
    ("out-dev-null", "--out /dev/null", plain("render", "--out", "/dev/null"), ("--out",), {}),
    ("out-proc", "--out /proc/lecture", plain("render", "--out", "/proc/lecture"), ("--out",), {}),
    (
        "out-space-unicode",
        "--out a folder with spaces, quotes and ü",
        _out_with_space,
        (),
        {"accept": rendered(20)},
    ),
    (
        "build-readonly",
        "--build-dir on a read-only file system",
        _readonly_build,
        ("--build-dir",),
        {},
    ),
    ("build-file", "--build-dir on an existing file", _build_is_file, ("--build-dir",), {}),
    ("config-dir", "--config on a folder", _config_dir, ("--config", "my_lecture"), {}),
    (
        "config-missing",
        "--config of a missing file",
        plain("render", "--config", "nope.toml"),
        ("nope.toml",),
        {},
    ),
    (
        "config-no-value",
        "--config at the end",
        lambda ctx: ["render", "--out", "out", "--config"],
        ("--config",),
        {},
    ),
    (
        "config-shadow",
        "--config /etc/shadow",
        plain("render", "--config", "/etc/shadow"),
        ("/etc/shadow",),
        {},
    ),
    (
        "config-dev-null",
        "--config /dev/null",
        plain("render", "--config", "/dev/null"),
        ("/dev/null",),
        {},
    ),
    (
        "config-csv",
        "--config of the scores CSV",
        plain("render", "--config", str(ASSETS / "test_scores.csv")),
        ("test_scores.csv",),
        {},
    ),
    ("config-empty-path", "--config ''", plain("render", "--config", ""), ("--config",), {}),
    (
        "summary-json-new-dir",
        "--summary-json in a folder not made yet",
        plain("render", "--summary-json", "reports/2025/run.json"),
        ("--summary-json",),
        {"accept": rendered(20, file_written("reports/2025/run.json"))},
    ),
    (
        "summary-json-under-file",
        "--summary-json under a file (notes/run.json, notes a file)",
        with_files(plain("render", "--summary-json", "notes/run.json"), _file("notes")),
        ("--summary-json",),
        {},
    ),
    (
        "chart-new-dir",
        "--chart in a folder not made yet",
        plain("render", "--chart", "charts/c.png"),
        ("--chart",),
        {"accept": rendered(20, file_written("charts/c.png"))},
    ),
    (
        "chart-under-file",
        "--chart under a file (notes/c.png, notes a file)",
        with_files(plain("render", "--chart", "notes/c.png"), _file("notes")),
        ("--chart",),
        {},
    ),
    (
        "chart-not-png",
        "--chart times.txt",
        plain("render", "--chart", "times.txt"),
        ("--chart",),
        {"accept": rendered(20, file_written("times.txt"))},
    ),
    (
        "cluster-refused",
        "--cluster where nothing listens",
        plain("render", "--cluster", "tcp://127.0.0.1:1"),
        ("--cluster",),
        {},
    ),
    (
        "cluster-garbage",
        "--cluster 'not an address'",
        plain("render", "--cluster", "not an address"),
        ("--cluster",),
        {},
    ),
    (
        "values-indent-abc",
        "values --indent abc",
        plain("values", "--indent", "abc"),
        ("--indent",),
        {},
    ),
    (
        "values-out-new-dir",
        "values --out in a folder not made yet",
        plain("values", "--out", "numbers/v.json"),
        ("--out",),
        {"accept": file_written("numbers/v.json")},
    ),
    (
        "values-out-under-file",
        "values --out under a file (notes/v.json, notes a file)",
        with_files(plain("values", "--out", "notes/v.json"), _file("notes")),
        ("--out",),
        {},
    ),
    (
        "values-out-dir",
        "values --out on a folder",
        with_files(plain("values", "--out", "vals"), _folder("vals")),
        ("--out", "vals"),
        {},
    ),
    ("preview-99", "preview 99", plain("preview", "99"), ("99",), {}),
    ("preview-abc", "preview abc", plain("preview", "abc"), ("abc",), {}),
    ("preview-none", "preview without a scene", plain("preview"), ("scenes",), {}),
    (
        "present-unbuilt",
        "present before the slides were built",
        lambda ctx: ["present", "--scenes", "20", "--out", ctx.rel(ctx.out)],
        ("slides",),
        {},
    ),
    (
        "slides-scenes-99",
        "slides --scenes 99",
        plain("slides", "--scenes", "99"),
        ("--scenes", "99"),
        {},
    ),
    ("list-extra", "list extra", plain("list", "extra"), ("extra",), {}),
    (
        "stale-lock",
        "a lock file left by a process that is gone",
        _stale_lock,
        (),
        {"accept": rendered(20, no_waiting)},
    ),
    ("lock-is-folder", "the lock file's name is a folder", _lock_is_folder, (".lecture.lock",), {}),
]
for slug, what, make, names, extra in CLI:
    cli(f"cli-{slug}", what, make, names, **extra)


# ---- faults ------------------------------------------------------------------------------------
def fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until ``leave`` bytes are free."""
    stats = os.statvfs(folder)
    size = max(0, stats.f_bavail * stats.f_frsize - leave)
    with open(folder / "filler", "wb") as filler:
        chunk = bytes(1 << 20)
        while size > 0:
            size -= filler.write(chunk[: min(size, len(chunk))])


def lost_seeds(ctx: Ctx, run: Run) -> list[str]:
    """The earlier good outputs (:data:`SEEDS`) that ``run`` lost: removed, replaced by a
    file that is not whole, or replaced although the run was refused or says it left them as
    they were (a scene failed, or it was interrupted)."""
    from PIL import Image

    lost = []
    promised = run.rc == 2 or "scene(s) failed" in run.stderr or "Interrupted" in run.stderr
    for name, digest in ctx.seeded.items():
        path = ctx.out / name
        if not path.is_file():
            lost.append(f"{name} removed")
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            continue
        whole = True
        if path.suffix == ".png":
            try:
                with Image.open(path) as image:
                    image.verify()
            except Exception:
                whole = False
        elif path.suffix == ".mp4":
            whole = broken_video(path) is None
        if not whole or promised:
            lost.append(f"{name} {'half-written' if not whole else 'replaced'}")
    return lost


def visible_outputs_broken(out: Path) -> list[str]:
    """Output files a teacher would open that are not whole (a video that does not play, a
    picture that does not open, JSON that does not parse)."""
    from PIL import Image

    broken = []
    for path in sorted(out.rglob("*")) if out.is_dir() else []:
        if not path.is_file() or path.name.startswith(".") or path.name == "filler":
            continue
        if path.as_posix().endswith(tuple(SEEDS)):
            continue
        problem = None
        if path.suffix == ".mp4":
            problem = broken_video(path)
        elif path.suffix == ".png":
            try:
                with Image.open(path) as image:
                    image.verify()
            except Exception as err:  # a half-written picture
                problem = str(err)
        elif path.suffix == ".json":
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as err:
                problem = str(err)
        if problem:
            broken.append(f"{path.relative_to(out)} ({problem[:80]})")
    return broken


def _verdict_failed_clearly(run: Run, ctx: Ctx, about: tuple[str, ...]) -> tuple[str, str]:
    """A fault that must stop the run: non-zero, a message saying what happened, nothing
    half-written, the earlier outputs kept."""
    broken = visible_outputs_broken(ctx.out) + (lost_seeds(ctx, run) if run.rc != 0 else [])
    if broken:
        return "lost-output", "half-written outputs: " + ", ".join(broken)
    if run.rc == 0:
        return "handled-correctly", "exit 0 and every output whole"
    text = run.stderr.lower()
    if not any(word.lower() in text for word in about):
        return (
            "unclear-message",
            f"exit {run.rc}, no mention of {' / '.join(about)}: {_last_line(run.stderr)!r}",
        )
    return "clear-error", f"exit {run.rc}: {_last_line(run.stderr)[:120]}"


def _fault_setup(scenes: str = "20") -> Setup:
    def setup(ctx: Ctx) -> list[str]:
        return plain("render", scenes=scenes)(ctx)

    return setup


def two_at_once(case: Case, ctx: Ctx, argv: list[str]) -> tuple[list[Run], tuple[str, str] | None]:
    """Two runs with different speakers on one output folder (scene 1 shows the speaker)."""
    ctx.build = ctx.folder / "build"
    commands = []
    for who in ("Ada Lovelace", "Emmy Noether"):
        config = f"{who.split()[0].lower()}.toml"
        ctx.write(config, f'[talk]\nspeaker = "{who}"\n')
        commands.append(
            (who, ["render", "--config", config, *plain("render", scenes="1")(ctx)[1:]])
        )
    started = [Command(commands[0][1], ctx.folder)]
    time.sleep(1.0)
    started.append(Command(commands[1][1], ctx.folder))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda c: c.finish(2.5 * case.timeout), started))
    if any(r.rc != 0 for r in runs):
        return runs, (
            "unclear-message",
            f"exits {[r.rc for r in runs]}: " + " | ".join(_last_line(r.stderr) for r in runs),
        )
    waited = [i for i, r in enumerate(runs) if "waiting for it to finish" in r.stderr]
    last = max(range(2), key=lambda i: runs[i].ended)
    notes = ctx.out / "low" / "scenes" / "01_TitleCard.json"
    text = notes.read_text(encoding="utf-8") if notes.is_file() else ""
    if commands[last][0] not in text or commands[1 - last][0] in text:
        return runs, (
            "silently-wrong",
            f"the title card's record is not the last run's ({commands[last][0]})",
        )
    if len(waited) != 1:
        return runs, ("silently-wrong", f"{len(waited)} runs said they waited (expected 1)")
    return runs, ("handled-correctly", "the second run waited, then rendered its own title card")


def _worker_pid(pid: int, spared: set[int] = frozenset(), least: int = 0) -> int | None:
    """The busiest multiprocessing child of ``pid`` not in ``spared`` that has used at least
    ``least`` CPU ticks (the scene's render worker)."""
    best, most = None, least - 1
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[1]) != pid or b"spawn_main" not in cmdline:
            continue
        if int(stat.parent.name) in spared:
            continue
        ticks = int(fields[11]) + int(fields[12])
        if ticks > most:
            best, most = int(stat.parent.name), ticks
    return best


def killed_worker(times: int) -> Fault:
    """The scene's render worker is killed (as the out-of-memory killer would) while it
    renders, ``times`` times: the product tries a scene whose worker died once more in a
    new process, so once emulates a one-off crash and twice a scene that always dies."""

    def run_it(case: Case, ctx: Ctx, argv: list[str]) -> tuple[list[Run], tuple[str, str] | None]:
        command = Command([*argv, "--force"], ctx.folder)
        if not command.wait_for("started", case.timeout):
            run = command.finish(case.timeout)
            return [run], ("unclear-message", f"never started a scene: {_last_line(run.stderr)}")
        killed: set[int] = set()
        deadline = time.monotonic() + case.timeout / 2
        while len(killed) < times and time.monotonic() < deadline:
            worker = _worker_pid(command.proc.pid, killed, least=100)  # 1 s of CPU: rendering
            if worker is None:
                time.sleep(0.2)
                continue
            os.kill(worker, signal.SIGKILL)
            killed.add(worker)
        run = command.finish(case.timeout)
        if len(killed) < times:
            return [run], ("sweep-error", f"killed {len(killed)} of {times} workers (emulation)")
        if times == 1:
            problem = run.rc != 0 and f"exit {run.rc}: {_last_line(run.stderr)}"
            problem = problem or rendered(20)(ctx, run)
            if problem:
                return [run], (
                    "silently-wrong",
                    f"a one-off worker crash was not recovered: {problem}",
                )
            return [run], ("handled-correctly", "the scene was tried again in a new process")
        verdict = _verdict_failed_clearly(run, ctx, ("worker process died",))
        if verdict[0] == "handled-correctly":
            verdict = ("silently-wrong", "exit 0 although every worker of the scene was killed")
        return [run], verdict

    return run_it


def stopped(number: int) -> Fault:
    def run_it(case: Case, ctx: Ctx, argv: list[str]) -> tuple[list[Run], tuple[str, str] | None]:
        command = Command([*argv, "--force"], ctx.folder)
        if not command.wait_for("started", case.timeout):
            run = command.finish(case.timeout)
            return [run], ("unclear-message", f"never started a scene: {_last_line(run.stderr)}")
        time.sleep(1.5)
        command.signal(number)
        run = command.finish(case.timeout)
        broken = visible_outputs_broken(ctx.out) + lost_seeds(ctx, run)
        if broken:
            return [run], ("lost-output", "half-written outputs: " + ", ".join(broken))
        if number == signal.SIGINT:
            if run.rc == 130 and "Interrupted" in run.stderr:
                return [run], ("handled-correctly", "exit 130, 'Interrupted: ...', outputs whole")
            return [run], ("unclear-message", f"exit {run.rc}: {_last_line(run.stderr)!r}")
        if run.rc == 0:
            return [run], ("silently-wrong", "exit 0 although it was stopped")
        return [run], ("handled-correctly", f"exit {run.rc}, nothing half-written")

    return run_it


def killed_then_rerun(
    case: Case, ctx: Ctx, argv: list[str]
) -> tuple[list[Run], tuple[str, str] | None]:
    """kill -9 of the whole run mid-scene, then the same command again: it must work."""
    command = Command([*argv, "--force"], ctx.folder)
    if not command.wait_for("started", case.timeout):
        run = command.finish(case.timeout)
        return [run], ("unclear-message", f"never started a scene: {_last_line(run.stderr)}")
    time.sleep(1.5)
    command.signal(signal.SIGKILL)
    first = command.finish(case.timeout)
    broken = visible_outputs_broken(ctx.out) + lost_seeds(ctx, first)
    if broken:
        return [first], ("lost-output", "after kill -9: " + ", ".join(broken))
    again = lecture(argv, ctx.folder, case.timeout)
    if again.rc != 0 or rendered(20)(ctx, again):
        return [first, again], (
            "silently-wrong",
            f"the rerun after kill -9 failed (exit {again.rc}): {_last_line(again.stderr)}",
        )
    return [first, again], ("handled-correctly", "nothing half-written; the rerun rendered")


def full_out_disk(leave: int) -> Fault:
    def run_it(case: Case, ctx: Ctx, argv: list[str]) -> tuple[list[Run], tuple[str, str] | None]:
        fill(ctx.out.parent, leave)
        run = lecture(argv, ctx.folder, case.timeout)
        return [run], _verdict_failed_clearly(run, ctx, ("space", "full"))

    return run_it


def _out_on_tmpfs(ctx: Ctx) -> list[str]:
    ctx.out = mount_tmpfs(ctx, "disk", "2m") / "out"
    return plain("render")(ctx)


def _build_on_tmpfs(ctx: Ctx) -> list[str]:
    disk = mount_tmpfs(ctx, "disk", "64m")
    ctx.build = disk / "build"
    return plain("render")(ctx)


def full_build_disk(
    case: Case, ctx: Ctx, argv: list[str]
) -> tuple[list[Run], tuple[str, str] | None]:
    """The build folder's disk is full during a render; space is freed; the same command must
    then render (no cut-short cache entry left behind)."""
    disk = ctx.build.parent
    fill(disk, 256 * 1024)
    first = lecture(argv, ctx.folder, case.timeout)
    verdict = _verdict_failed_clearly(first, ctx, ("space", "full"))
    if TRACEBACK in first.stderr:
        return [first], verdict
    (disk / "filler").unlink()
    again = lecture(argv, ctx.folder, case.timeout)
    if again.rc != 0 or rendered(20)(ctx, again):
        return [first, again], (
            "silently-wrong",
            "after space was freed the same command still "
            f"fails (a poisoned cache?): {_last_line(again.stderr)}",
        )
    if verdict[0] == "clear-error":
        return [first, again], (
            "clear-error",
            verdict[1] + "; after freeing space the rerun rendered",
        )
    return [first, again], verdict


def poisoned_cache(
    case: Case, ctx: Ctx, argv: list[str]
) -> tuple[list[Run], tuple[str, str] | None]:
    """Every cached text and LaTeX SVG cut to 0 bytes (what a full disk left before the fix);
    a forced render must rebuild them."""
    ctx.build = ctx.folder / "build"
    if (ctx.shared_build / "low" / "media").is_dir():
        shutil.copytree(ctx.shared_build, ctx.build, ignore=shutil.ignore_patterns(".lecture.lock"))
        ctx.note("build/", "a copy of the sweep's build folder")
    argv = plain("render")(ctx)
    runs = []
    if not list((ctx.build / "low" / "media").rglob("*.svg")):
        runs.append(lecture(argv, ctx.folder, case.timeout))
    emptied = 0
    for svg in (ctx.build / "low" / "media").rglob("*.svg"):
        svg.write_bytes(b"")
        emptied += 1
    ctx.note("build/low/media/**/*.svg", f"{emptied} cache entries emptied")
    run = lecture([*argv, "--force"], ctx.folder, case.timeout)
    runs.append(run)
    if run.rc != 0 or rendered(20)(ctx, run):
        return runs, (
            "silently-wrong",
            f"the emptied cache entries broke the render: {_last_line(run.stderr)}",
        )
    return runs, ("handled-correctly", f"{emptied} emptied cache entries rebuilt")


fault(
    "fault-two-runs-one-folder",
    "two renders at once on one --out, different speakers",
    _fault_setup("1"),
    two_at_once,
    timeout=90,
)
fault(
    "fault-killed-worker-once",
    "the render worker killed with SIGKILL mid-scene, once (a one-off crash or OOM kill)",
    _fault_setup(),
    killed_worker(1),
)
fault(
    "fault-killed-worker-always",
    "the render worker killed mid-scene, and its retry too (a scene that always dies)",
    _fault_setup(),
    killed_worker(2),
)
fault(
    "fault-kill-9-then-rerun",
    "kill -9 of the whole run mid-scene, then the same command",
    _fault_setup(),
    killed_then_rerun,
)
fault(
    "fault-ctrl-c",
    "Ctrl-C (SIGINT to the process group) mid-scene",
    _fault_setup(),
    stopped(signal.SIGINT),
)
fault(
    "fault-sigterm",
    "SIGTERM to the process group mid-scene",
    _fault_setup(),
    stopped(signal.SIGTERM),
)
fault(
    "fault-full-out-disk",
    "--out on a 2 MB tmpfs with 48 KB free",
    _out_on_tmpfs,
    full_out_disk(48 * 1024),
)
fault(
    "fault-full-out-disk-zero",
    "--out on a 2 MB tmpfs with nothing free",
    _out_on_tmpfs,
    full_out_disk(0),
)
fault(
    "fault-full-build-disk",
    "--build-dir on a tmpfs with 256 KB free, then space freed",
    _build_on_tmpfs,
    full_build_disk,
)
fault(
    "fault-poisoned-cache",
    "every cached SVG emptied, then a forced render",
    _fault_setup(),
    poisoned_cache,
)


# -- judging -------------------------------------------------------------------------------------
@dataclass
class Result:
    id: str
    group: str
    what: str
    rc: int | None
    seconds: float
    clear: bool | None  # None: nothing was refused
    traceback: bool
    wrote: list[str]
    klass: str
    note: str
    repro: str
    stderr: str


def message_problem(run: Run, case: Case, folder: Path | None = None) -> str | None:
    """None when stderr has one clear ``error:`` message; else what is missing. The case's
    ``folder`` is left out of the message before it is searched (its name is the case's)."""
    stderr = run.stderr.replace(str(folder), "CASE") if folder else run.stderr
    lines = [line for line in stderr.splitlines() if ERROR_LINE.match(line)]
    failed = re.search(r"^  (\d\d_\w+): (.*)$", stderr, re.MULTILINE)
    if not lines and failed and "scene(s) failed" in stderr:
        return (
            f"passed every check, then scene {failed[1]} failed while rendering "
            f"(exit {run.rc}): {failed[2][:140]}"
        )
    if not lines:
        return f"no 'error: ' line (stderr ends {_last_line(stderr)!r})"
    if len(lines) > 1:
        return f"{len(lines)} 'error: ' lines"
    message = stderr[stderr.index(lines[0]) :]
    problems = []
    if "  started " in run.stdout:
        problems.append("refused only after rendering started")
    if run.rc not in case.codes:
        problems.append(f"exit code {run.rc}, not {' or '.join(map(str, case.codes))}")
    missing = [name for name in case.names if name.lower() not in message.lower()]
    if missing:
        problems.append("does not name " + ", ".join(repr(m) for m in missing))
    if not HINT.search(message):
        problems.append("no 'Fix:' or accepted values")
    if case.about and not any(word.lower() in message.lower() for word in case.about):
        problems.append("does not say the actual problem (" + " / ".join(case.about) + ")")
    vague = [pattern for pattern in case.vague if re.search(pattern, message)]
    if vague:
        shown = re.search(vague[0], message)
        problems.append(f"vague or not the teacher's words ({shown[0] if shown else vague[0]!r})")
    return "; ".join(problems) or None


def snapshot(folder: Path) -> dict[str, str]:
    if folder.is_file():
        return {".": hashlib.sha256(folder.read_bytes()).hexdigest()}
    if not folder.is_dir():
        return {}
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "filler":
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return found


def run_case(case: Case, root: Path, shared_build: Path, keep: bool = False) -> Result:
    """Try one case in a new folder under ``root``; classify what the command did."""
    folder = Path(tempfile.mkdtemp(prefix=f"{case.id}-", dir=root))
    ctx = Ctx(folder, shared_build)
    try:
        try:
            argv = case.setup(ctx)
            if case.seed:
                ctx.seed()
            before = snapshot(ctx.out)
            if case.fault is not None:
                runs, verdict = case.fault(case, ctx, argv)
            else:
                runs, verdict = [lecture(argv, folder, case.timeout)], None
        except CannotTryError as why:
            return Result(
                case.id,
                case.group,
                case.what,
                None,
                0.0,
                None,
                False,
                [],
                "skipped",
                str(why),
                "",
                "",
            )
        after = snapshot(ctx.out)
        return judge(case, ctx, runs, verdict, before, after)
    finally:
        for cleanup in reversed(ctx.cleanups):
            cleanup()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def judge(
    case: Case,
    ctx: Ctx,
    runs: list[Run],
    verdict: tuple[str, str] | None,
    before: dict[str, str],
    after: dict[str, str],
) -> Result:
    run = runs[0]
    traceback = any(TRACEBACK in r.stderr or TRACEBACK in r.stdout for r in runs)
    wrote = sorted(p for p, digest in after.items() if before.get(p) != digest)
    damaged = lost_seeds(ctx, runs[-1]) if runs[-1].rc != 0 else []
    problem = message_problem(run, case, ctx.folder) if run.rc not in (0, None) else None
    clear = None if run.rc in (0, None) else problem is None
    if any(r.timed_out for r in runs):
        said = _last_line(next(r.stdout for r in runs if r.timed_out))
        klass, note = "hang", f"no exit within {case.timeout:.0f} s; killed (stdout: {said!r})"
    elif traceback:
        text = next(r.stderr + r.stdout for r in runs if TRACEBACK in r.stderr + r.stdout)
        klass, note = "traceback", _last_line(text.split(TRACEBACK, 1)[1])
    elif damaged:
        klass, note = "lost-output", "a failed run lost earlier outputs: " + ", ".join(damaged)
    elif verdict is not None:  # a fault: its failure report is judged by the fault's check
        klass, note = verdict
        clear = {"clear-error": True, "unclear-message": False}.get(klass, clear)
    elif run.rc == 0:
        if case.accept is None:
            klass, note = (
                "silently-wrong",
                "accepted (exit 0): "
                + (f"rendered {len(wrote)} file(s)" if wrote else "nothing written"),
            )
        else:
            try:
                failed = case.accept(ctx, run)
                klass, note = ("silently-wrong", failed) if failed else ("handled-correctly", "")
            except Exception as err:  # the sweep's own check broke: say so, do not guess
                klass, note = "sweep-error", f"the check failed: {type(err).__name__}: {err}"
    elif problem is None:
        klass, note = "clear-error", ""
    else:
        klass, note = "unclear-message", problem
    if case.accept is not None and klass == "clear-error":
        note = "refused (accepting was also fine)"
    if wrote and run.rc not in (0, None) and klass == "clear-error":
        note = (note + "; " if note else "") + "wrote " + ", ".join(wrote[:4])
    shown = [f"  {name}: {what}" for name, what in ctx.written]
    commands = [f"  lecture {shlex.join(r.argv)}" for r in runs]
    repro = "\n".join(shown + commands).replace(str(ctx.shared_build), "$BUILD")
    repro = repro.replace(str(ctx.folder) + "/", "").replace(str(ctx.folder), ".")
    return Result(
        case.id,
        case.group,
        case.what,
        run.rc,
        sum(r.seconds for r in runs),
        clear,
        traceback,
        wrote,
        klass,
        note,
        repro,
        "\n".join(r.stderr.strip()[-1500:] for r in runs),
    )


# -- the report ----------------------------------------------------------------------------------
def row(result: Result) -> str:
    clear = {None: "-", True: "yes", False: "no"}[result.clear]
    rc = "-" if result.rc is None else str(result.rc)
    wrote = str(len(result.wrote)) if result.wrote else "-"
    return (
        f"{result.id[:44]:<44} {rc:>4} {result.seconds:6.1f} {clear:>5} "
        f"{'yes' if result.traceback else '-':>3} {wrote:>5}  {result.klass:<17} {result.note[:90]}"
    )


HEADER = (
    f"{'case':<44} {'exit':>4} {'secs':>6} {'clear':>5} {'tb':>3} {'wrote':>5}  {'class':<17} note"
)


def report(results: list[Result], seconds: float) -> str:
    lines = [HEADER, "-" * len(HEADER)]
    lines += [row(r) for r in results]
    counts = Counter(r.klass for r in results)
    tried = sum(n for k, n in counts.items() if k not in ("skipped", "sweep-error"))
    lines += ["", f"{tried} cases tried in {seconds / 60:.1f} min:"]
    lines += [f"  {k:<18} {counts.get(k, 0):4d}" for k in CLASSES]
    for other in ("skipped", "sweep-error"):  # not tried, or the sweep's own check broke
        if counts.get(other):
            lines.append(f"  {other:<18} {counts[other]:4d}")
    groups = sorted({r.group for r in results})
    lines += ["", f"{'group':<10}" + "".join(f"{k[:12]:>13}" for k in CLASSES)]
    for group in groups:
        mine = Counter(r.klass for r in results if r.group == group)
        lines.append(f"{group:<10}" + "".join(f"{mine.get(k, 0):13d}" for k in CLASSES))
    short = [r for r in results if r.klass not in GOOD]
    if short:
        lines += ["", f"Fell short ({len(short)}):"]
        for r in short:
            lines += [
                "",
                f"[{r.klass}] {r.id}: {r.what}",
                f"  exit {r.rc}, {r.seconds:.1f} s: {r.note}",
                "  reproduce (in an empty folder; $BUILD: any build folder):",
                *("  " + line for line in r.repro.splitlines()),
            ]
            tail = [line for line in r.stderr.splitlines() if line.strip()][-4:]
            lines += ["  stderr (last lines):"] + [f"    | {line[:160]}" for line in tail]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", help="only the cases whose id contains this")
    parser.add_argument("--list", action="store_true", help="list the cases; run nothing")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    parser.add_argument("--keep", action="store_true", help="keep each case's folder")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before a hang")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--head", action="store_true", help="run a snapshot of git HEAD")
    where.add_argument("--checkout", type=Path, help="run the lecture of this copy instead")
    args = parser.parse_args(argv)
    # started in the background, this process ignores SIGINT, and so would every command it
    # starts: then the Ctrl-C fault would try nothing. Commands get the default back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cases = [c for c in CASES if not args.only or any(o in c.id for o in args.only)]
    if args.timeout != TIMEOUT:
        cases = [dataclasses.replace(c, timeout=args.timeout * c.timeout / TIMEOUT) for c in cases]
    if args.list:
        for c in cases:
            print(f"{c.id:<44} {c.group:<9} {c.what}")
        print(f"{len(cases)} cases")
        return 0
    root = Path(tempfile.mkdtemp(prefix="bad_input_sweep-"))
    shared_build = root / "shared-build"
    checkout = args.checkout
    if args.head:
        checkout = root / "head"
        checkout.mkdir()
        archive = subprocess.run(
            ["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", checkout], input=archive.stdout, check=True)
    if checkout is not None:
        LECTURE_ENV["PYTHONPATH"] = str(checkout.resolve())
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        print(f"lecture of {checkout}" + (f" (HEAD: {commit[:80]})" if args.head else ""))
    started = time.monotonic()
    results = []
    print(HEADER, flush=True)
    try:
        for case in cases:
            result = run_case(case, root, shared_build, keep=args.keep)
            results.append(result)
            print(row(result), flush=True)
    except KeyboardInterrupt:
        print("\nInterrupted: the report covers the cases tried so far.", file=sys.stderr)
    print("\n" + report(results, time.monotonic() - started))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1), encoding="utf-8")
    if args.keep:
        print(f"\nCase folders kept in {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
