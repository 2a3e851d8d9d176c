"""A teacher's lecture in one TOML file: title slide, data files, every descent's knobs,
and how to render.

The project ships ``assets/lecture.toml``, which sets every key (and documents it). A
teacher's file sets only what differs; the rest comes from the shipped one::

    [talk]
    speaker = "Ada Lovelace"

    [data]
    scores = "my_class.csv"     # relative paths are read from this file's folder

    [regression]
    lr = 0.05

``load_config(path)`` checks the file before anything is computed: an unknown section or
key, a value of the wrong type or out of range, or a data file that does not exist raises
:class:`ConfigError`, whose message names the file, the ``[section] key`` and the values
it accepts. Numbers that depend on the data (a learning rate that would diverge) are
checked when the lecture is built (:func:`mathcore.lecture.build_lecture`).

The ``[talk]`` and ``[render]`` sections belong to the renderer (``python -m scenes``); they
are checked here too, so ``python -m mathcore values --config`` rejects the same files.
"""

from __future__ import annotations

import datetime
import difflib
import math
import numbers
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mathcore.errors import LectureInputError, ParameterError
from mathcore.slide_text import too_long, undrawable

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: The shipped settings: the one home of every default (each key set and explained there).
DEFAULT_CONFIG = ASSETS / "lecture.toml"
THEMES = ("dark", "light")
MAX_STEPS = 100_000
MAX_HIDDEN = 5  # the network diagrams have room for five hidden units
MAX_SEED = 2**32 - 1
MAX_START = 100.0  # starting parameters: |value| <= this (the slides print them in full)
#: The narration's voices (``pipeline.speech.engines`` makes them) and the speeds they take
#: (1 is the voice's natural pace): the settings file's and the engines' one list.
VOICE_NAMES = ("auto", "joe", "espeak", "none")
SPEED_RANGE = (0.5, 2.0)
MAX_SCORE_SCALE = 10_000.0  # score_scale: the slides print it as a whole number of points


@dataclass(frozen=True)
class Quality:
    """A render quality: its ``name`` in the settings file and on the command line, manim's
    name for it, and what it means (``label``); ``frame_rate`` when it is not manim's for
    that quality (1080p at 30 frames a second)."""

    name: str
    manim: str
    label: str
    frame_rate: int | None = None

    def manim_config(self) -> dict[str, object]:
        """manim's settings for this quality (``tempconfig``)."""
        settings: dict[str, object] = {"quality": self.manim}
        if self.frame_rate is not None:
            settings["frame_rate"] = self.frame_rate  # after the quality, which sets one
        return settings


#: Every quality the lecture renders at, by name (the one list: schema, CLI and renderer).
#: "1080p30" is projector quality at a lecture's frame rate: the same pixels as "1080p" at
#: half its frames (a slide's motion is slow; 60 frames a second costs twice the time).
QUALITIES: dict[str, Quality] = {
    q.name: q
    for q in (
        Quality("low", "low_quality", "480p15"),
        Quality("720p", "medium_quality", "720p30"),
        Quality("1080p30", "high_quality", "1080p30", frame_rate=30),
        Quality("1080p", "high_quality", "1080p60"),
        Quality("4k", "fourk_quality", "2160p60"),
    )
}


class ConfigError(LectureInputError):
    """A settings file that cannot be used; ``str(err)`` is the whole message."""


@dataclass(frozen=True)
class LectureSettings:
    """Data files and the knobs of every descent: what mathcore computes the lecture from.

    Every field is a key of the settings file, named there ``[section] key`` (e.g.
    ``regression_lr`` is ``[regression] lr``, ``scores_csv`` is ``[data] scores``); the
    values of the shipped lecture are in ``assets/lecture.toml`` (:func:`default_settings`),
    and nowhere else. Each value is checked once, against :data:`SCHEMA`, when the settings
    are made: from a file or in code, a bad one raises :class:`ParameterError` named
    ``section.key``.
    """

    scores_csv: Path
    separable_csv: Path
    hopeless_csv: Path
    terms_toml: Path
    score_scale: float  # regression works in units of score_scale points
    regression_lr: float
    regression_m0: float
    regression_steps: int
    logistic_lr: float
    logistic_start: tuple[float, float, float]
    logistic_steps: int
    hopeless_lr: float
    hopeless_start: tuple[float, float, float]
    hopeless_steps: int
    hidden: int
    network_lr: float
    network_steps: int
    network_seed: int
    terms_list: Path  # [data] math_terms: what the character network learns from
    terms_hidden: int
    terms_steps: int
    terms_seed: int
    terms_samples: int
    terms_temperature: float

    def __post_init__(self) -> None:
        for section, key, spec in _settings_keys():
            if section in PATH_KEYS:
                continue
            value = getattr(self, spec.field)  # type: ignore[arg-type]
            try:
                checked = spec.check(value)
            except (TypeError, _RejectError) as why:
                problem = str(why) if isinstance(why, _RejectError) else f"is {_kind(value)}"
                raise ParameterError(
                    f"{section}.{key}",
                    value,
                    f"{problem}; accepted: {spec.accepted}",
                    f"set it as in {spec.example}",
                ) from None
            object.__setattr__(self, spec.field, checked)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Talk:
    """The title slide's details (and the closing slide's speaker and club)."""

    title: str
    club: str
    speaker: str
    affiliation: str
    date: str


@dataclass(frozen=True)
class RenderOptions:
    """``scenes``: a selection such as ``"4-8,19"`` (None: every scene); ``theme``: one of
    :data:`THEMES`; ``quality``: a name in :data:`QUALITIES`; ``cluster``: the address of a
    Dask scheduler whose workers render the scenes (None: this machine)."""

    scenes: str | None
    theme: str
    quality: str
    cluster: str | None = None
    #: the quality ``lecture slides`` and ``lecture present`` use (projector-sharp)
    slides_quality: str = "1080p"


@dataclass(frozen=True)
class LectureConfig:
    """Everything one settings file decides. ``source`` is the teacher's file (None when
    only the shipped defaults are used)."""

    settings: LectureSettings
    talk: Talk
    render: RenderOptions
    source: Path | None = None
    #: the ``[narration]`` section (always set by :func:`load_config`)
    narration: NarrationOptions | None = None


@dataclass(frozen=True)
class NarrationOptions:
    """The lecture's voice (``pipeline.narration``): ``voice`` one of :data:`VOICE_NAMES`,
    ``speed`` within :data:`SPEED_RANGE`, ``deterministic`` (the
    same words give the same audio bytes), and ``slides``: (slide id, words) pairs replacing
    the narration of a slide, its id ``"Scene.N"`` (class name, slide number from 1), its
    ``{placeholders}`` filled from the lecture's values when the lecture is built."""

    voice: str
    speed: float
    deterministic: bool
    slides: tuple[tuple[str, str], ...] = ()


# -- the schema: every section, every key, what it accepts --------------------------------
@dataclass(frozen=True)
class _Key:
    accepted: str  # what the user is told, e.g. "a number > 0"
    example: str  # a valid line, e.g. "lr = 0.1"
    check: Callable[[Any], Any]  # returns the value to use, or raises _RejectError
    field: str | None = None  # the LectureSettings field it sets


class _RejectError(Exception):
    """A value of the right kind but unusable; the message says why."""


def _text(longest: int, lines: int) -> Callable[[Any], str]:
    """Text for a slide: not empty (the title slide has a line for it), at most ``lines``
    lines of at most ``longest`` characters (what fits where the slide puts it, in its
    size), nothing the slides cannot draw (:mod:`mathcore.slide_text`)."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError
        if not value.strip():
            raise _RejectError("is empty")
        problem = undrawable(value) or too_long(value, longest, lines)
        if problem:
            raise _RejectError(problem)
        return value

    return check


def _talk(key: str, longest: int, example: str, lines: int = 1) -> _Key:
    shape = "on one line" if lines == 1 else f"a line, at most {lines} lines"
    return _Key(
        f"text of 1 to {longest} characters {shape}, no emoji or CJK (the slides' fonts)",
        f'{key} = "{example}"',
        _text(longest, lines),
    )


def _path(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    if not value.strip():
        raise _RejectError("is empty")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    if not math.isfinite(value):
        raise _RejectError("is not a finite number")
    return float(value)


def _positive(value: Any) -> float:
    number = _number(value)
    if number <= 0.0:
        raise _RejectError("must be > 0")
    return number


def _between(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        number = _number(value)
        if not low <= number <= high:
            raise _RejectError("is out of range")
        return number

    return check


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError
        if not low <= value <= high:
            raise _RejectError("is out of range")
        return int(value)

    return check


def _starting(value: Any) -> float:
    number = _number(value)
    if abs(number) > MAX_START:
        raise _RejectError("is out of range")
    return number


def _slope_start(value: Any) -> float:
    number = _starting(value)
    if number < 0.0:
        raise _RejectError("is negative: the Gradient descent scene's m axis starts at 0")
    return number


def _start(value: Any) -> tuple[float, float, float]:
    if not isinstance(value, list | tuple) or len(value) != 3:
        raise TypeError
    for name, v in zip(("m1", "m2", "b"), value, strict=True):
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise _RejectError(f"has {_kind(v)} {_show(v)} for {name}, not a number")
    m1, m2, b = (_starting(v) for v in value)
    return (m1, m2, b)


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError
        if value not in options:
            raise _RejectError("is not an accepted value")
        return value

    return check


def _address(value: Any) -> str:
    """A Dask scheduler's address (``tcp://host:8786``, ``host:8786``, ``host``), or ""."""
    if not isinstance(value, str):
        raise TypeError
    if any(ch.isspace() for ch in value):
        raise _RejectError("contains a space")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def _speed(value: Any) -> float:
    number = _number(value)
    if not SPEED_RANGE[0] <= number <= SPEED_RANGE[1]:
        raise _RejectError("is out of range")
    return number


def _slide_words(value: Any) -> tuple[tuple[str, str], ...]:
    """``{"Scene.N" = "words"}`` (or the dotted form ``Scene.N = ...``, which TOML reads as
    ``{Scene = {N = ...}}``) -> sorted (id, words) pairs; the ids' scenes and slides are
    checked against the lecture by ``pipeline.narration``."""
    if not isinstance(value, dict):
        raise TypeError
    pairs = []
    for key, words in value.items():
        if isinstance(words, dict):  # Scene.3 = "..." written without quotes
            pairs.extend((f"{key}.{number}", text) for number, text in words.items())
        else:
            pairs.append((key, words))
    for slide, words in pairs:
        name, _, number = slide.rpartition(".")
        if not (name.isidentifier() and number.isdigit() and int(number) >= 1):
            raise _RejectError(
                f'has the key "{slide}", which is not a slide id such as "GradientDescent.3" '
                "(the scene's class name, a dot, the slide's number from 1)"
            )
        if isinstance(words, str) and not words.strip():
            raise _RejectError(
                f'gives "{slide}" empty words: say something on that slide, or leave the '
                "slide out to keep the lecture's own words"
            )
        if not isinstance(words, str):
            raise _RejectError(f'gives "{slide}" {_kind(words)}, not the words to say')
    return tuple(sorted((slide, words) for slide, words in pairs))


def _scenes(value: Any) -> str | None:
    """ "all", a selection string, or a list of scene numbers and names -> a selection."""
    if isinstance(value, str):
        spec = value.strip()
    elif isinstance(value, list) and value:
        for v in value:
            if not isinstance(v, str) and (not isinstance(v, int) or isinstance(v, bool)):
                raise _RejectError(
                    f"has {_show(v)} ({_kind(v)}), which is neither a scene number nor a name"
                )
        spec = ",".join(str(v).strip() for v in value)
    else:
        raise TypeError
    if not spec:
        raise _RejectError("is empty")
    return None if spec.lower() == "all" else spec


def _lr(field: str, example: float) -> _Key:
    return _Key("a number > 0", f"lr = {example}", _positive, field)


def _steps(field: str, low: int, example: int, why: str = "") -> _Key:
    return _Key(
        f"a whole number from {low} to {MAX_STEPS}{why}",
        f"steps = {example}",
        _whole(low, MAX_STEPS),
        field,
    )


def _start_key(field: str) -> _Key:
    return _Key(
        f"three numbers [m1, m2, b] from -{MAX_START:g} to {MAX_START:g}: the line's start",
        "start = [0.0, 0.0, 0.0]",
        _start,
        field,
    )


def _file(key: str, field: str, example: str) -> _Key:
    return _Key(
        "the path of a file (relative paths are read from the settings file's folder)",
        f'{key} = "{example}"',
        _path,
        field,
    )


SCHEMA: dict[str, dict[str, _Key]] = {
    "talk": {
        "title": _talk("title", 60, "The Mathematics of Deep Learning", lines=2),
        "club": _talk("club", 50, "Math Club"),
        "speaker": _talk("speaker", 40, "Ada Lovelace"),
        "affiliation": _talk("affiliation", 60, "Department of Mathematics", lines=2),
        "date": _talk("date", 50, "March 3, 2025"),
    },
    "data": {
        "scores": _file("scores", "scores_csv", "test_scores.csv"),
        "separable": _file("separable", "separable_csv", "separable.csv"),
        "hopeless": _file("hopeless", "hopeless_csv", "rings.csv"),
        "balderdash": _file("balderdash", "terms_toml", "balderdash.toml"),
        "math_terms": _file("math_terms", "terms_list", "math_terms.txt"),
    },
    "regression": {
        "score_scale": _Key(
            f"a number from 1 to {MAX_SCORE_SCALE:g} (the unit of x and y, in points)",
            "score_scale = 100",
            _between(1.0, MAX_SCORE_SCALE),
            "score_scale",
        ),
        "lr": _lr("regression_lr", 0.1),
        "m0": _Key(
            f"a number from 0 to {MAX_START:g} (the Gradient descent scene draws slopes from 0 "
            "up; with lr near its limit the data allow less)",
            "m0 = 0.2",
            _slope_start,
            "regression_m0",
        ),
        "steps": _steps(
            "regression_steps", 5, 100, " (the Gradient descent scene tabulates the first steps)"
        ),
    },
    "logistic": {
        "lr": _lr("logistic_lr", 0.5),
        "start": _start_key("logistic_start"),
        "steps": _steps("logistic_steps", 1, 200),
    },
    "hopeless": {
        "lr": _lr("hopeless_lr", 1.0),
        "start": _start_key("hopeless_start"),
        "steps": _steps("hopeless_steps", 0, 2000),
    },
    "network": {
        "hidden": _Key(
            f"a whole number from 1 to {MAX_HIDDEN} (the hidden units the diagrams draw)",
            "hidden = 4",
            _whole(1, MAX_HIDDEN),
            "hidden",
        ),
        "lr": _lr("network_lr", 2.0),
        "steps": _steps("network_steps", 1, 1500),
        "seed": _Key(
            f"a whole number from 0 to {MAX_SEED} (the network's random start)",
            "seed = 0",
            _whole(0, MAX_SEED),
            "network_seed",
        ),
    },
    "terms_model": {
        "hidden": _Key(
            "a whole number from 1 to 128 (the character network's hidden units)",
            "hidden = 64",
            _whole(1, 128),
            "terms_hidden",
        ),
        "steps": _steps("terms_steps", 1, 6000),
        "seed": _Key(
            f"a whole number from 0 to {MAX_SEED} (its random start, batches and writing)",
            "seed = 0",
            _whole(0, MAX_SEED),
            "terms_seed",
        ),
        "samples": _Key(
            "a whole number from 1 to 20 (the new terms it writes for the closing slide)",
            "samples = 10",
            _whole(1, 20),
            "terms_samples",
        ),
        "temperature": _Key(
            "a number from 0.1 to 2 (lower: terms nearer the real ones; higher: wilder)",
            "temperature = 0.6",
            _between(0.1, 2.0),
            "terms_temperature",
        ),
    },
    "render": {
        "scenes": _Key(
            '"all", or scene numbers, ranges and names: "4-8,19" or [1, "GradientDescent"]',
            'scenes = "all"',
            _scenes,
        ),
        "theme": _Key(
            " or ".join(f'"{t}"' for t in THEMES) + " (dark for projectors, light for print)",
            'theme = "dark"',
            _choice(THEMES),
        ),
        "quality": _Key(
            ", ".join(f'"{q.name}" ({q.label})' for q in QUALITIES.values()),
            'quality = "low"',
            _choice(tuple(QUALITIES)),
        ),
        "slides_quality": _Key(
            ", ".join(f'"{q.name}"' for q in QUALITIES.values())
            + " (the slides' quality: 1080p is sharp on a 1080p projector)",
            'slides_quality = "1080p"',
            _choice(tuple(QUALITIES)),
        ),
        "cluster": _Key(
            '"" (this machine) or a Dask scheduler\'s address, e.g. "tcp://render-1:8786"',
            'cluster = "tcp://render-1:8786"',
            _address,
        ),
    },
    "narration": {
        "voice": _Key(
            '"auto" (Piper\'s neural voice joe when installed, else espeak-ng), "joe", '
            '"espeak" or "none" (the silent lecture)',
            'voice = "auto"',
            _choice(VOICE_NAMES),
        ),
        "speed": _Key(
            f"a number from {SPEED_RANGE[0]:g} to {SPEED_RANGE[1]:g} (1 is the voice's "
            "natural pace, 1.2 a fifth faster)",
            "speed = 1.0",
            _speed,
        ),
        "deterministic": _Key(
            "true (the same words give the same audio bytes on every run and machine) or false "
            "(Piper's own variation from run to run)",
            "deterministic = true",
            _boolean,
        ),
        "slides": _Key(
            'a table of slide ids "Scene.N" (a scene\'s class name as `lecture list` shows it, '
            "the slide's number from 1) and the words the voice says on that slide, with "
            "{placeholders} of the lecture's values (`lecture values`)",
            'slides = { "GradientDescent.3" = "The slope ends at {regression.m_best:.4f}." }',
            _slide_words,
        ),
    },
}
PATH_KEYS = ("data",)
# Other names a teacher may reach for, and the key they mean
SYNONYMS = {
    "learning_rate": "lr",
    "rate": "lr",
    "eta": "lr",
    "alpha": "lr",
    "iterations": "steps",
    "epochs": "steps",
    "step": "steps",
    "hidden_units": "hidden",
    "units": "hidden",
    "random_seed": "seed",
    "m_0": "m0",
    "start_m": "m0",
    "scale": "score_scale",
    "name": "speaker",
    "author": "speaker",
    "terms": "balderdash",
}


def _settings_keys() -> Iterator[tuple[str, str, _Key]]:
    """(section, key, spec) of every key that sets a :class:`LectureSettings` field."""
    for section, keys in SCHEMA.items():
        for key, spec in keys.items():
            if spec.field is not None:
                yield section, key, spec


# -- loading ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def default_config() -> LectureConfig:
    """The shipped lecture's settings, talk and render options (``assets/lecture.toml``)."""
    return load_config()


def default_settings() -> LectureSettings:
    """The shipped lecture's settings (``assets/lecture.toml``)."""
    return default_config().settings


def load_config(path: str | Path | None = None) -> LectureConfig:
    """The shipped settings (``assets/lecture.toml``), overridden by the file at ``path``.

    Raises :class:`ConfigError` naming the file, the ``[section] key`` and what it accepts.
    """
    values = _read(DEFAULT_CONFIG, complete=True)
    source = None
    if path is not None:
        source = Path(path).expanduser().resolve()
        for section, keys in _read(source, complete=False).items():
            values[section].update(keys)
    return _assemble(values, source)


def _read(path: Path, *, complete: bool) -> dict[str, dict[str, Any]]:
    """One file's sections, checked key by key; file paths resolved against its folder."""
    doc = _parse(path)
    checked: dict[str, dict[str, Any]] = {section: {} for section in SCHEMA}
    for section, table in doc.items():
        if section not in SCHEMA:
            raise ConfigError(f"{path}: {_unknown_section(section, table)}")
        if not isinstance(table, dict):
            raise ConfigError(
                f"{path}: '{section}' must be a section [{section}] with keys "
                f"{', '.join(SCHEMA[section])}. Write it as\n  [{section}]\n  "
                f"{next(iter(SCHEMA[section].values())).example}"
            )
        for key, value in table.items():
            spec = SCHEMA[section].get(key)
            if spec is None:
                raise ConfigError(f"{path}: {_unknown_key(section, key)}")
            checked[section][key] = _check(path, section, key, value, spec)
    if complete:
        missing = [f"[{s}] {k}" for s, keys in SCHEMA.items() for k in keys if k not in checked[s]]
        if missing:
            raise ConfigError(
                f"{path}: the shipped settings must set every key; missing {', '.join(missing)}. "
                "Fix: restore the file from the repository (git checkout assets/lecture.toml)"
            )
    for section in PATH_KEYS:
        for key, value in checked[section].items():
            checked[section][key] = _existing_file(path, section, key, value)
    return checked


def _parse(path: Path) -> dict[str, Any]:
    if path.exists() and not path.is_file() and not path.is_dir():
        raise ConfigError(
            f"{path}: not a regular file (a named pipe or device). "
            "Fix: give --config the path of a settings file (TOML)"
        )
    if not path.is_file():
        raise ConfigError(f"{path}: settings file not found. Fix: check the path given to --config")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a BOM (Notepad) is fine
    except UnicodeDecodeError as err:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {err.start}). Fix: save the file as UTF-8"
        ) from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read ({err.strerror})") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(
            f"{path}: not valid TOML: {err}. Fix: correct the syntax there "
            '(text in double quotes, e.g. speaker = "Ada Lovelace"; numbers bare, e.g. lr = 0.1)'
        ) from None


def _check(path: Path, section: str, key: str, value: Any, spec: _Key) -> Any:
    try:
        return spec.check(value)
    except TypeError:
        problem = f"is {_kind(value)}"
        if isinstance(value, datetime.date | datetime.time):
            problem += f' (written without quotes). Fix: put it in quotes: {key} = "{value}"'
    except _RejectError as why:
        problem = str(why)
    raise ConfigError(
        f"{path}: [{section}] {key} = {_show(value)} {problem}. "
        f"Accepted: {spec.accepted}, e.g. {spec.example}"
    )


def _existing_file(path: Path, section: str, key: str, value: str) -> Path:
    """The data file a key names, resolved: an existing file of the kind the lecture reads
    (``.csv`` or ``.toml``, see :data:`DATA_SUFFIX`), checked by name before it is read, so
    a message never quotes some other file."""
    target = (path.parent / Path(value).expanduser()).resolve()
    where = f"{path}: [{section}] {key} = {_show(value)}"
    suffix = DATA_SUFFIX[key]
    if target.suffix.lower() != suffix:
        raise ConfigError(
            f"{where}: not a {suffix} file. Fix: name the {suffix} file the lecture reads "
            f"there (e.g. {SCHEMA[section][key].example})"
        )
    if target.is_dir():
        raise ConfigError(f"{where}: {target} is a folder, not a file. Fix: name a file in it")
    if target.exists() and not target.is_file():
        raise ConfigError(
            f"{where}: {target} is not a regular file (a named pipe or device), so it cannot "
            f"be read as data. Fix: name the {suffix} file itself"
        )
    if not target.is_file():
        raise ConfigError(
            f"{where}: file not found ({target}). "
            f"Fix: check the name; relative paths are read from {path.parent}"
        )
    return target


#: The kind of file each [data] key names.
DATA_SUFFIX = {
    "scores": ".csv",
    "separable": ".csv",
    "hopeless": ".csv",
    "balderdash": ".toml",
    "math_terms": ".txt",
}


def _assemble(values: dict[str, dict[str, Any]], source: Path | None) -> LectureConfig:
    fields = {
        spec.field: values[section][key]
        for section, keys in SCHEMA.items()
        for key, spec in keys.items()
        if spec.field is not None
    }
    render = values["render"]
    return LectureConfig(
        settings=LectureSettings(**fields),
        talk=Talk(**values["talk"]),
        render=RenderOptions(
            scenes=render["scenes"],
            theme=render["theme"],
            quality=render["quality"],
            cluster=render["cluster"] or None,
            slides_quality=render["slides_quality"],
        ),
        source=source,
        narration=NarrationOptions(**values["narration"]),
    )


# -- messages -----------------------------------------------------------------------------
def _unknown_section(section: str, table: Any) -> str:
    if not isinstance(table, dict):  # a key written above every section
        homes = [s for s, keys in SCHEMA.items() if section in keys]
        if homes:
            return f"key '{section}' is outside any section. Fix: put it under " + " or ".join(
                f"[{s}]" for s in homes
            )
        every_key = {k: s for s, keys in SCHEMA.items() for k in keys}
        close = difflib.get_close_matches(section.lower(), list(every_key), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}' in [{every_key[close[0]]}]?)" if close else ""
        return (
            f"key '{section}' is outside any section, and no section has a key '{section}'"
            f"{hint}. Fix: write each key under its section, e.g. [render] then quality = "
            '"low"; the sections: ' + ", ".join(f"[{s}]" for s in SCHEMA)
        )
    hint = _did_you_mean(section, SCHEMA, "[{}]")
    return f"unknown section [{section}]{hint}. Accepted sections: " + ", ".join(
        f"[{s}]" for s in SCHEMA
    )


def _unknown_key(section: str, key: str) -> str:
    meant = SYNONYMS.get(key.lower())
    hint = f" (did you mean '{meant}'?)" if meant in SCHEMA[section] else ""
    hint = hint or _did_you_mean(key, SCHEMA[section])
    elsewhere = [s for s, keys in SCHEMA.items() if key in keys and s != section]
    if not hint and elsewhere:
        hint = " (it belongs in " + " or ".join(f"[{s}]" for s in elsewhere) + ")"
    return f"unknown key '{key}' in [{section}]{hint}. Accepted keys in [{section}]: " + ", ".join(
        SCHEMA[section]
    )


def _did_you_mean(word: str, options: Mapping[str, Any], form: str = "'{}'") -> str:
    close = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return f" (did you mean {form.format(close[0])}?)" if close else ""


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.datetime):
        return "a TOML date and time, not text"
    if isinstance(value, datetime.date):
        return "a TOML date, not text"
    if isinstance(value, datetime.time):
        return "a TOML time, not text"
    return f"a {type(value).__name__}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return repr(value)
