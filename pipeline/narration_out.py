"""What a narrated run leaves for people once its scenes are rendered: captions, each slide's
audio for the HTML deck, and the lecture's soundtrack, captions, chapters and transcript.

Everything here is made from the scenes' records (when each slide started, its words, the
measured timing of each sentence: :func:`pipeline.narration.record`) and the speech cache,
never by listening again::

    <out>/<quality>/scenes/NN_Name.vtt     each scene's captions (the video has the voice)
    <out>/<quality>/lecture.mp4            video packets copied from the scenes, the narration
                                           as one AAC track, the captions as a soft subtitle
                                           track (mov_text), a chapter per scene
    <out>/<quality>/lecture.vtt            the lecture's captions
    <out>/<quality>/chapters.vtt           WebVTT chapters, one per scene
    <out>/<quality>/transcript.md          the words, a heading with its start time per scene
    <build>/<quality>/speech/<Scene>.<n>.m4a   slide n's audio, from the slide's start to its
                                           end (the voice LEAD s in): plays beside the
                                           manim-slides video of that slide
    <build>/<quality>/speech/<Scene>.<n>.vtt   slide n's captions, times from the slide's start
    <build>/<quality>/speech/<Scene>.json      the index of those files, per slide: audio,
                                           captions, start and length in the scene, voice span
                                           (:func:`slide_narration` reads it for the HTML's
                                           self-study mode)

Captions hold at most 2 lines of 42 characters, start no earlier than the voice they show
(cue times are the synthesis's own, per sentence, shared within a sentence by characters)
and never overlap. The lecture's audio is encoded once from the speech itself (no second
AAC generation); its video is joined by copying packets (:func:`pipeline.video.join_videos`).
For the silent lecture none of these files is written, and stale ones are removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mathcore.files import write_text_atomic
from pipeline.narration import SPEECH_FOLDER, voice_of
from pipeline.speech.audio import place, read_audio, write_m4a
from pipeline.speech.captions import (
    Chapter,
    Cue,
    Timed,
    TranscriptChapter,
    caption_cues,
    chapters_webvtt,
    transcript_markdown,
    webvtt,
)
from pipeline.speech.engines import Speech
from pipeline.video import join_videos
from scenes.pacing import SlideTime

if TYPE_CHECKING:
    from pipeline.jobs import SceneJob

LECTURE_FILES = ("lecture.vtt", "chapters.vtt", "transcript.md")
TOLERANCE = 0.002  # s: a sentence said again from the cache lands where the render put it


@dataclass(frozen=True)
class NarratedScene:
    """A rendered scene's narration as its record keeps it."""

    job: SceneJob
    slides: tuple[SlideTime, ...]
    texts: tuple[str, ...]
    #: per slide: (text, spoken, start, end) of each sentence, seconds from its voice start
    sentences: tuple[tuple[tuple[str, str, float, float], ...], ...]
    speech: tuple[float, ...]  # per slide: the length of its voice track (s)
    lead: float
    sample_rate: int

    @property
    def duration(self) -> float:
        return self.slides[-1].end if self.slides else 0.0

    def voice_start(self, slide: int) -> float:
        """Seconds from the scene's start to slide ``slide``'s (0-based) voice track."""
        return self.slides[slide].start + self.lead


def narrated_scene(job: SceneJob) -> NarratedScene | None:
    """The narration of ``job``'s last good render (None: silent, or no record)."""
    saved = job.previous()
    said = saved.get("narration")
    if not said or "slides" not in saved:
        return None
    return NarratedScene(
        job,
        tuple(SlideTime(**t) for t in saved["slides"]),
        tuple(s["text"] for s in said["slides"]),
        tuple(
            tuple((a, b, float(c), float(d)) for a, b, c, d in s["sentences"])
            for s in said["slides"]
        ),
        tuple(float(s["speech"]) for s in said["slides"]),
        float(said["lead"]),
        int(said["sample_rate"]),
    )


def captions_path(job: SceneJob) -> Path:
    """``<out>/<quality>/scenes/NN_Name.vtt``."""
    return job.video.with_suffix(".vtt")


def speech_folder(job: SceneJob) -> Path:
    """``<build>/<quality>/speech/``: each slide's audio and captions."""
    return job.build_dir / SPEECH_FOLDER


# -- cues -------------------------------------------------------------------------------------
def scene_cues(scene: NarratedScene, offset: float = 0.0) -> list[Cue]:
    """The scene's captions, times from ``offset`` s before the scene's start."""
    spans = [
        Timed(text, offset + scene.voice_start(k) + start, offset + scene.voice_start(k) + end)
        for k, sentences in enumerate(scene.sentences)
        for text, _, start, end in sentences
    ]
    return caption_cues(spans)


def slide_cues(scene: NarratedScene, slide: int) -> list[Cue]:
    """Slide ``slide``'s (0-based) captions, times from the slide's start."""
    return caption_cues(
        [
            Timed(text, scene.lead + start, scene.lead + end)
            for text, _, start, end in scene.sentences[slide]
        ]
    )


# -- audio ------------------------------------------------------------------------------------
def slide_speech(scene: NarratedScene) -> list[Speech | None]:
    """Each slide's voice track (None: silent), from the speech cache -- sentence by sentence
    as the worker said it -- or, if a sentence is not what the render used (another machine
    rendered it, or Piper's noise and a lost cache entry), cut from the scene's video."""
    from pipeline.speech.cache import SpeechCache
    from pipeline.speech.sentences import narrate

    narration = scene.job.narration
    cache = SpeechCache(narration.cache, voice_of(narration)) if narration else None
    out: list[Speech | None] = []
    from_video: Speech | None = None
    for k, text in enumerate(scene.texts):
        if not text.strip():
            out.append(None)
            continue
        said = narrate(text, cache) if cache is not None else None
        if (
            said is not None
            and _same_timing(said.sentences, scene.sentences[k])
            and abs(said.duration - scene.speech[k]) <= TOLERANCE
        ):
            out.append(said.speech)
            continue
        if from_video is None:
            from_video = read_audio(scene.job.video)
        start = round(scene.voice_start(k) * from_video.sample_rate)
        stop = start + round(scene.speech[k] * from_video.sample_rate)
        out.append(Speech(from_video.samples[start:stop], from_video.sample_rate))
    return out


def _same_timing(said: Sequence[Any], recorded: Sequence[tuple[str, str, float, float]]) -> bool:
    return len(said) == len(recorded) and all(
        s.text == r[0] and abs(s.start - r[2]) <= TOLERANCE and abs(s.end - r[3]) <= TOLERANCE
        for s, r in zip(said, recorded, strict=True)
    )


# -- after the scenes ---------------------------------------------------------------------------
def write_scene_files(jobs: Sequence[SceneJob]) -> list[str]:
    """Each narrated scene's captions and its slides' audio and captions (those already
    written for the same render are kept); a silent scene's are removed. Returns the
    problems (a file that could not be written), the others still written."""
    problems = []
    for job in jobs:
        try:
            scene = narrated_scene(job)
            if scene is None:
                _remove_scene_files(job)
                continue
            text = webvtt(scene_cues(scene))
            path = captions_path(job)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                write_text_atomic(path, text)
            _write_slide_files(scene)
        except Exception as err:  # e.g. a full disk: the videos are fine, say what is missing
            problems.append(f"narration files of {job.entry.slug} not written: {err}")
    return problems


def _index_path(job: SceneJob) -> Path:
    return speech_folder(job) / f"{job.entry.name}.json"


def _write_slide_files(scene: NarratedScene) -> None:
    job = scene.job
    folder, index_path = speech_folder(job), _index_path(job)
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    names = [f"{job.entry.name}.{k}" for k in range(1, len(scene.slides) + 1)]
    if index.get("key") == job.key and all(
        (folder / f"{name}{suffix}").is_file() for name in names for suffix in (".m4a", ".vtt")
    ):
        return
    speech = slide_speech(scene)
    slides = []
    for k, (name, slide, said) in enumerate(zip(names, scene.slides, speech, strict=True)):
        clips = [] if said is None else [(scene.lead, said)]
        write_m4a(folder / f"{name}.m4a", place(clips, slide.length, scene.sample_rate))
        write_text_atomic(folder / f"{name}.vtt", webvtt(slide_cues(scene, k)))
        slides.append(
            {
                "number": k + 1,
                "audio": f"{name}.m4a",
                "captions": f"{name}.vtt",
                "start": slide.start,
                "length": round(slide.length, 6),
                "voice": [scene.lead, round(scene.lead + scene.speech[k], 6)] if said else None,
                "text": scene.texts[k],
            }
        )
    write_text_atomic(
        index_path,
        json.dumps({"key": job.key, "scene": job.entry.name, "slides": slides}, indent=1),
    )


def slide_narration(job: SceneJob) -> list[tuple[Path, Path] | None]:
    """Per slide of ``job``'s last good render, its audio and captions
    (``<Scene>.<n>.m4a``, ``.vtt``) when the slide speaks, None for a slide without words;
    an empty list when the scene is silent or its files are not those of that render."""
    folder = speech_folder(job)
    try:
        index = json.loads(_index_path(job).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not index.get("key") or index.get("key") != job.previous().get("key"):
        return []
    said: list[tuple[Path, Path] | None] = []
    for slide in index.get("slides", []):
        audio, captions = folder / slide["audio"], folder / slide["captions"]
        if slide.get("voice") is None:
            said.append(None)
        elif audio.is_file() and captions.is_file():
            said.append((audio, captions))
        else:
            return []
    return said


def _remove_scene_files(job: SceneJob) -> None:
    captions_path(job).unlink(missing_ok=True)
    folder = speech_folder(job)
    if folder.is_dir():
        for path in folder.glob(f"{job.entry.name}.*"):
            path.unlink(missing_ok=True)


def join_lecture(
    parts: Sequence[tuple[Path, str]], target: Path, jobs: Sequence[SceneJob], title: str
) -> list[dict]:
    """Join the scene videos ``parts`` (video, chapter title) into ``target`` with chapters
    (:func:`pipeline.video.join_videos`: packets copied); when the scenes are narrated, add
    the narration as one AAC track and the captions as a soft subtitle track, and write
    ``lecture.vtt``, ``chapters.vtt`` and ``transcript.md`` beside it (``title`` heads the
    transcript). Returns the chapters."""
    from pipeline.speech.audio import mux

    scenes = [narrated_scene(job) for job in jobs]
    if not scenes or any(scene is None for scene in scenes):
        chapters = join_videos(parts, target)
        for name in LECTURE_FILES:
            (target.parent / name).unlink(missing_ok=True)
        return chapters
    silent = target.with_name(f".{target.stem}.silent.partial{target.suffix}")
    try:
        chapters = join_videos(parts, silent)
        starts = [chapter["start"] / 1000 for chapter in chapters]
        total = chapters[-1]["end"] / 1000
        rate = scenes[0].sample_rate
        clips, cues = [], []
        for scene, start in zip(scenes, starts, strict=True):
            for k, said in enumerate(slide_speech(scene)):
                if said is not None:
                    clips.append((start + scene.voice_start(k), said))
            cues.extend(scene_cues(scene, start))
        mux(silent, target, place(clips, total, rate), cues)
    finally:
        silent.unlink(missing_ok=True)
    folder = target.parent
    write_text_atomic(folder / "lecture.vtt", webvtt(cues))
    write_text_atomic(
        folder / "chapters.vtt",
        chapters_webvtt(
            [
                Chapter(ch["metadata"]["title"], ch["start"] / 1000, ch["end"] / 1000)
                for ch in chapters
            ]
        ),
    )
    write_text_atomic(
        folder / "transcript.md",
        transcript_markdown(
            title,
            [
                TranscriptChapter(scene.job.entry.title, start, scene.texts)
                for scene, start in zip(scenes, starts, strict=True)
            ],
        ),
    )
    return chapters
