"""Cold start: the heaviest scenes first, by the record or by the code's own estimate."""

from __future__ import annotations

import pytest

from pipeline.estimate import class_seconds, heaviest_first, video_seconds
from scenes import theme
from scenes.lecture import SCENES

SOURCE = """
class Short(LectureScene):
    def construct(self):
        self.play(FadeIn(a))
        self.beat(Note("one"))


class Long(LectureScene):
    def construct(self):
        self.play(Write(b), run_time=2.5)
        for step in range(4):
            self.play(k.animate.set_value(step), run_time=0.5)
            self.wait(0.25)
        for row in rows:  # turns not written: taken as 3
            self.play(FadeIn(row))
        self.beat(Note("two"), pause=1.5)
        self._more()

    def _more(self):
        for a, b in zip((1, 2), "abc"):
            self.play(Create(c))
"""


def test_estimate_reads_run_times_loops_and_beats():
    assert class_seconds(SOURCE, "Short") == pytest.approx(1.0 + theme.BEAT_PAUSE)
    # 2.5 + 4 * (0.5 + 0.25) + 3 * 1 + 1.5 + 2 * 1 (a zip over a pair)
    assert class_seconds(SOURCE, "Long") == pytest.approx(2.5 + 3.0 + 3.0 + 1.5 + 2.0)
    assert class_seconds(SOURCE, "Missing") == 0.0
    assert class_seconds("this is not python (", "Short") == 0.0


def test_estimate_of_the_lecture_puts_long_scenes_before_the_title_card():
    seconds = {entry.name: video_seconds(entry) for entry in SCENES}
    assert all(s > 0 for s in seconds.values())
    assert seconds["GradientDescent"] > 2 * seconds["TitleCard"]
    assert seconds["Backpropagation"] > 2 * seconds["TitleCard"]


def test_cold_start_orders_by_the_estimate():
    estimate = {"a": 1.0, "b": 5.0, "c": 3.0}
    assert heaviest_first(list("abc"), lambda _: None, estimate.get) == ["b", "c", "a"]


def test_records_win_and_scale_the_estimate_of_the_others():
    records = {"a": 10.0, "b": 2.0, "c": None, "d": None}
    estimate = {"a": 5.0, "b": 1.0, "c": 4.0, "d": 0.5}
    # two seconds of render per unit of estimate: c ~ 8 s, d ~ 1 s
    assert heaviest_first(list("abcd"), records.get, estimate.get) == ["a", "c", "b", "d"]


def test_warm_start_keeps_the_record_order_and_ties_keep_their_place():
    records = {"a": 3.0, "b": 3.0, "c": 7.0}
    assert heaviest_first(list("abc"), records.get, lambda _: 0.0) == ["c", "a", "b"]
