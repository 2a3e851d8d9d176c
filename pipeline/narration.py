"""The lecture's voice in the build: settings checked first, each scene narrated and paced as
it renders, its audio muxed into its video.

A narrated run (``[narration] voice`` other than ``"none"``, or ``--voice``):

1. Before anything renders, :func:`check` makes the run's :class:`Narrator`: the voice
   (:func:`pipeline.speech.engines.choose_voice`: ``auto`` takes Piper's joe, else espeak-ng
   with the reason in the log), its speed, and the teacher's words for some slides
   (``[narration.slides]``, ids ``"Scene.N"``) with their ``{placeholders}`` filled from the
   lecture's values. An unknown voice, a missing voice package, a speed out of range, a slide
   id that does not exist or an unknown placeholder raise :class:`NarrationSettingError`
   naming the file and key and the fix. :func:`use` installs it for the run.
2. :func:`narrated_jobs` gives every scene job a :class:`SceneNarration` and a skip key that
   also covers the voice (name, engine version, speed, noise), the teacher's words for the
   scene, and the narration code (the pronunciation table, sentence timing, pacing). The
   narration text a scene writes is a function of its code and the lecture's values, which
   the scene's key already covers.
3. In the worker, before the scene renders, :func:`prepare_scene` builds the scene without
   drawing (:func:`pipeline.pacing.measure`: each slide's notes and animation time), takes
   each slide's narration (the teacher's words where given), says it sentence by sentence
   through the speech cache (``<build>/speech/``, shared by every quality: an unchanged rerun
   synthesizes nothing, an edited sentence alone is synthesized again), and plans the pacing.
   The scene renders with that plan (:func:`scenes.pacing.paced`) and records when each
   slide started; :func:`with_audio` places each slide's speech at its slide's start
   (:data:`pipeline.pacing.LEAD` after it) and muxes the track as AAC into the video, its
   video packets copied. :func:`record` is what the scene's record keeps of it: each slide's
   times, words and measured sentence timings (for the captions, the transcript and the
   lecture's track, :mod:`pipeline.narration_out`).

With ``voice = "none"`` nothing of this happens: the jobs, their keys and the scenes' timing
are exactly those of the silent lecture.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import json
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mathcore.config import DEFAULT_CONFIG, LectureConfig, NarrationOptions, default_config
from mathcore.errors import LectureInputError
from pipeline import pacing
from pipeline.speech.engines import Choice, SpeechSettingError, Voice, choose_voice

if TYPE_CHECKING:
    from pipeline.jobs import SceneJob
    from pipeline.speech.engines import Speech
    from pipeline.speech.sentences import Narration
    from scenes.base import LectureScene
    from scenes.pacing import Pacing

ROOT = Path(__file__).resolve().parent.parent
#: The code whose change changes what a narrated scene sounds like or how it is timed.
NARRATION_CODE = (
    *sorted((ROOT / "pipeline" / "speech").glob("*.py")),
    ROOT / "pipeline" / "pacing.py",
    Path(__file__).resolve(),
)
SPEECH_FOLDER = "speech"
"""The speech cache's folder in the build folder (beside the qualities' folders)."""


class NarrationSettingError(LectureInputError):
    """A narration setting that cannot be used; ``str(err)`` names the file and key, what is
    wrong and the fix."""


# -- the run's narrator ---------------------------------------------------------------------
@dataclass(frozen=True)
class Narrator:
    """The run's voice (``choice.voice`` None: the silent lecture) and the teacher's words
    for some slides: ``slides[(scene class name, slide number)]``, placeholders filled."""

    choice: Choice
    slides: dict[tuple[str, int], str] = dataclasses.field(default_factory=dict)

    @property
    def silent(self) -> bool:
        return self.choice.voice is None

    def overrides(self, scene: str) -> tuple[tuple[int, str], ...]:
        """The teacher's words for the slides of scene class ``scene``, by slide number."""
        return tuple(sorted((n, text) for (name, n), text in self.slides.items() if name == scene))


_state: dict[str, Narrator] = {}


def use(narrator: Narrator) -> None:
    """Make ``narrator`` the voice of the renders of this process."""
    _state["narrator"] = narrator


def current() -> Narrator:
    """The installed narrator; without one, the shipped settings' (``assets/lecture.toml``)."""
    if "narrator" not in _state:
        use(check(default_config()))
    return _state["narrator"]


def check(config: LectureConfig, voice: str | None = None) -> Narrator:
    """The narrator of ``config``'s ``[narration]`` (``voice``, e.g. ``--voice``, replaces its
    voice); :class:`NarrationSettingError` for a setting that cannot be used. The lecture's
    values must be installed (:func:`scenes.context.use_config`): placeholders are filled
    from them, and a slide id is checked by building its scene without drawing it."""
    options = config.narration or default_config().narration
    assert options is not None
    source = config.source or DEFAULT_CONFIG
    name = voice if voice is not None else options.voice
    try:
        choice = choose_voice(name, options.speed, deterministic=options.deterministic)
    except SpeechSettingError as err:
        if err.setting == "speed":
            where = f"{source}: [narration] speed = {err.value!r}"
        elif voice is not None:
            where = f"--voice {voice}"
        else:
            where = f'{source}: [narration] voice = "{name}"'
        raise NarrationSettingError(f"{where}: {err.problem}. Fix: {err.fix}") from None
    slides = _teachers_words(options, config.source or DEFAULT_CONFIG)
    return Narrator(choice, slides)


def _teachers_words(options: NarrationOptions, source: Path) -> dict[tuple[str, int], str]:
    """``[narration.slides]`` checked against the lecture: each id names a scene and one of
    its slides; each placeholder names one of the lecture's values."""
    from scenes.context import lecture
    from scenes.lecture import SCENES

    if not options.slides:
        return {}
    by_name = {entry.name: entry for entry in SCENES}
    tree = lecture().to_json()
    words: dict[tuple[str, int], str] = {}
    counts: dict[str, int] = {}
    for slide, text in options.slides:
        where = f'{source}: [narration.slides] "{slide}"'
        name, _, number = slide.rpartition(".")
        entry = by_name.get(name)
        if entry is None:
            close = difflib.get_close_matches(name, list(by_name), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise NarrationSettingError(
                f"{where}: the lecture has no scene {name}{hint}. Fix: use a class name from "
                f'`lecture list`, e.g. "{SCENES[7].name}.1"'
            )
        if name not in counts:
            from scenes.dry_run import dry_run

            counts[name] = dry_run(entry).slides
        if int(number) > counts[name]:
            raise NarrationSettingError(
                f"{where}: {name} has {counts[name]} slide(s), numbered 1 to {counts[name]}. "
                f'Fix: use a slide number from 1 to {counts[name]}, e.g. "{name}.{counts[name]}"'
            )
        words[(name, int(number))] = fill(text, tree, where)
    return words


class _Values(string.Formatter):
    """``{regression.m_best:.4f}``, ``{regression.descent.m[3]:.3f}``: the lecture's values
    (:meth:`mathcore.lecture.LectureValues.to_json`) by path."""

    def __init__(self, tree: dict[str, Any], where: str) -> None:
        self.tree = tree
        self.where = where

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Any) -> tuple[Any, str]:
        parts = re.findall(r"[^.\[\]]+|\[-?\d+\]", field_name)
        value: Any = self.tree
        path = ""
        for part in parts:
            if isinstance(value, dict) and part in value:
                value, path = value[part], f"{path}.{part}" if path else part
            elif isinstance(value, list) and part.startswith("["):
                index = int(part[1:-1])
                if not -len(value) <= index < len(value):
                    raise self._error(
                        field_name,
                        f"is out of range: {path} has {len(value)} values, [0] to "
                        f"[{len(value) - 1}] ([-1] is the last)",
                    )
                value, path = value[index], f"{path}{part}"
            else:
                raise self._error(field_name, self._unknown(field_name))
        if not parts or "".join(parts) != field_name.replace(".", ""):
            raise self._error(field_name, "is not a value's name")
        if isinstance(value, dict | list):
            raise self._error(
                field_name,
                f"names a group of values, not one ({_names(value, path)[:3]} ...)"
                if isinstance(value, dict)
                else f"names a list of {len(value)} values: pick one, e.g. {path}[0]",
            )
        return value, field_name

    def _unknown(self, field_name: str) -> str:
        if not field_name or field_name.isdigit():  # "{}" or "{0}"
            return "does not name a value"
        names = _names(self.tree, "")
        close = difflib.get_close_matches(field_name, names, n=1, cutoff=0.6)
        return "is not one of the lecture's values" + (
            f" (did you mean {{{close[0]}}}?)" if close else ""
        )

    def _error(self, field: str, problem: str) -> NarrationSettingError:
        return NarrationSettingError(
            f"{self.where}: the placeholder {{{field}}} {problem}. Fix: use a name that "
            "`lecture values` prints, e.g. {regression.m_best:.4f}; write {{ and }} for braces"
        )


def _names(tree: dict[str, Any], prefix: str) -> list[str]:
    """Every value's dotted name under ``prefix`` (lists as one name)."""
    out = []
    for key, value in tree.items():
        name = f"{prefix}.{key}" if prefix else key
        out.extend(_names(value, name) if isinstance(value, dict) else [name])
    return out


def fill(text: str, tree: dict[str, Any], where: str) -> str:
    """``text`` with its ``{placeholders}`` filled from the values ``tree``;
    :class:`NarrationSettingError` naming ``where`` for one that names no value, or a format
    the value does not take."""
    formatter = _Values(tree, where)
    try:
        return formatter.format(text)
    except NarrationSettingError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as err:
        raise NarrationSettingError(
            f"{where}: {err}. Fix: placeholders look like {{regression.m_best:.4f}} (a name "
            "`lecture values` prints, then an optional :format); write {{ and }} for braces"
        ) from None


# -- the jobs -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SceneNarration:
    """What a scene's render needs to narrate it (travels to the worker with the job)."""

    voice: str  # the engine's voice: "joe" or "espeak"
    speed: float
    deterministic: bool
    engine_version: str
    cache: Path  # the speech cache's folder
    overrides: tuple[tuple[int, str], ...] = ()  # (slide number, the teacher's words)

    @property
    def digest(self) -> str:
        """Everything but the scene's own code that decides its narrated video (computed
        where it is asked: a worker with other narration code gets another digest)."""
        payload = {
            "voice": self.voice,
            "speed": self.speed,
            "deterministic": self.deterministic,
            "engine": self.engine_version,
            "overrides": self.overrides,
            "code": _code_digest(),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in NARRATION_CODE:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def full_key(code_key: str, narration: SceneNarration | None) -> str:
    """A scene's skip key: its code key (:func:`pipeline.inputs.scene_key`), with the
    narration's digest when it is narrated."""
    if narration is None:
        return code_key
    return hashlib.sha256(f"{code_key}:narrated:{narration.digest}".encode()).hexdigest()


def narrated_jobs(jobs: Iterable[SceneJob], build: Path, narrator: Narrator) -> list[SceneJob]:
    """``jobs`` (keys from their code) narrated by ``narrator``: each with its
    :class:`SceneNarration` and a key that covers it; unchanged for the silent lecture."""
    jobs = list(jobs)
    voice = narrator.choice.voice
    if voice is None:
        return jobs
    version = voice.version
    return [
        dataclasses.replace(
            job,
            key=full_key(job.key, narration),
            narration=narration,
        )
        for job in jobs
        for narration in [
            SceneNarration(
                voice.name,
                voice.speed,
                getattr(voice, "deterministic", True),  # espeak-ng has no noise
                version,
                build / SPEECH_FOLDER,
                narrator.overrides(job.entry.name),
            )
        ]
    ]


# -- the worker -----------------------------------------------------------------------------
@functools.lru_cache(maxsize=2)
def _voice(name: str, speed: float, deterministic: bool) -> Voice:
    voice = choose_voice(name, speed, deterministic=deterministic).voice
    assert voice is not None
    return voice


def voice_of(narration: SceneNarration) -> Voice:
    """The voice of ``narration`` in this process; RuntimeError if it is not the version the
    run asked for (a worker machine set up differently)."""
    voice = _voice(narration.voice, narration.speed, narration.deterministic)
    if voice.version != narration.engine_version:
        raise RuntimeError(
            f"this machine's voice is {voice.version!r}, the run's is "
            f"{narration.engine_version!r}. Fix: run ./render.sh setup here, so both have the "
            "same voice packages"
        )
    return voice


@dataclass(frozen=True)
class Spoken:
    """A scene's narration, ready for its render: each slide's words as written (``texts``,
    "" for a silent slide), their speech (None when silent) and the pacing plan."""

    texts: tuple[str, ...]
    speech: tuple[Narration | None, ...]
    pacing: Pacing
    sample_rate: int
    synthesized: int = 0  # sentences the voice said now (the others came from the cache)
    cached: int = 0


def slide_texts(notes: Sequence[Any], overrides: Iterable[tuple[int, str]]) -> tuple[str, ...]:
    """Each slide's narration: the teacher's words where given, else its note's."""
    words = dict(overrides)
    return tuple(words.get(n, note.narration) for n, note in enumerate(notes, start=1))


def prepare_scene(job: SceneJob) -> Spoken | None:
    """Measure the scene, say each slide's narration through the cache and plan the pacing;
    None for a job of the silent lecture."""
    narration = job.narration
    if narration is None:
        return None
    from pipeline.speech.cache import SpeechCache  # (scipy: not for the silent lecture)
    from pipeline.speech.sentences import narrate

    measured = pacing.measure(job.entry, media_dir=job.build_dir / "media")
    texts = slide_texts(measured.run.notes, narration.overrides)
    voice = voice_of(narration)
    cache = SpeechCache(narration.cache, voice)
    speech = []
    for number, text in enumerate(texts, start=1):
        try:
            speech.append(narrate(text, cache) if text.strip() else None)
        except ValueError as err:
            raise ValueError(f"slide {number} of {job.entry.name}: {err}") from None
    plan = pacing.plan(
        measured.slides,
        [s.duration if s else 0.0 for s in speech],
        measured.steps,
        [tuple(t.start for t in s.sentences) if s else () for s in speech],
    )
    return Spoken(texts, tuple(speech), plan, voice.sample_rate, cache.synthesized, cache.hits)


def track(spoken: Spoken, slides: Sequence[Any], duration: float) -> Speech:
    """The scene's audio: each slide's speech :data:`pipeline.pacing.LEAD` after its start
    (``slides``: the :class:`scenes.pacing.SlideTime` the render recorded), silence
    elsewhere, ``duration`` seconds in all."""
    from pipeline.speech.audio import place

    if len(slides) != len(spoken.speech):
        raise RuntimeError(
            f"the scene made {len(slides)} slide(s) while rendering but {len(spoken.speech)} "
            "when measured: its construct must build the same slides every time"
        )
    clips = [
        (slide.start + pacing.LEAD, said.speech)
        for slide, said in zip(slides, spoken.speech, strict=True)
        if said is not None
    ]
    return place(clips, duration, spoken.sample_rate)


def with_audio(job: SceneJob, spoken: Spoken | None, scene: LectureScene, movie: Path) -> Path:
    """The rendered ``movie`` with the scene's narration muxed in as AAC (its video packets
    copied): a new file beside it, whose path is returned; ``movie`` itself when silent."""
    from pipeline.speech.audio import mux

    if spoken is None:
        return movie
    audio = track(spoken, scene.pacer.slides, float(scene.renderer.time))
    narrated = movie.with_name(f"{movie.stem}.narrated{movie.suffix}")
    mux(movie, narrated, audio)
    movie.unlink()  # the silent one: only the narrated video is kept
    return narrated


def record(scene: LectureScene, spoken: Spoken | None, job: SceneJob) -> dict[str, Any]:
    """What the scene's record keeps: each slide's times, and when narrated, the voice and
    each slide's words with its sentences' measured timings (seconds from the slide's voice
    start, which is :data:`pipeline.pacing.LEAD` after the slide's start)."""
    out: dict[str, Any] = {"slides": [dataclasses.asdict(t) for t in scene.pacer.slides]}
    if spoken is None or job.narration is None:
        return out
    out["narration"] = {
        "voice": job.narration.voice,
        "engine": job.narration.engine_version,
        "speed": job.narration.speed,
        "deterministic": job.narration.deterministic,
        "lead": pacing.LEAD,
        "sample_rate": spoken.sample_rate,
        "synthesized": spoken.synthesized,
        "cached": spoken.cached,
        "slides": [
            {
                "text": text,
                "speech": round(said.duration, 6) if said else 0.0,
                "sentences": [
                    [s.text, s.spoken, round(s.start, 6), round(s.end, 6)]
                    for s in (said.sentences if said else ())
                ],
            }
            for text, said in zip(spoken.texts, spoken.speech, strict=True)
        ],
    }
    return out
