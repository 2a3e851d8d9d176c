"""The layout check itself can fail: a scene with overlapping and off-screen text is caught."""

from manim import LEFT, RIGHT

from scenes import theme
from scenes.base import LectureScene
from scenes.notes import Note
from tests.scene_probe import build, outside_frame, overlapping_texts


class _Crowded(LectureScene):
    def construct(self) -> None:
        self.add(theme.text("first words here"), theme.text("second words here").shift(0.1 * RIGHT))
        self.beat(Note("Two texts on top of each other."))
        self.clear()
        self.add(theme.text("far away").shift(9 * LEFT))


def test_probe_flags_overlap_and_off_screen():
    shots = build(_Crowded)
    assert [s.label for s in shots] == ["beat 1", "end"]
    assert overlapping_texts(shots[0]) == [("first words here", "second words here")]
    assert not outside_frame(shots[0])
    assert outside_frame(shots[1])
    assert not overlapping_texts(shots[1])
