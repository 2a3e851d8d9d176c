"""The layout checks themselves can fail: scenes with each defect a viewer saw are caught --
overlapping and off-screen text at a slide break, a ghost of a replaced read-out and a
counter growing into its neighbour inside an animation, and a formula too small to read."""

from manim import LEFT, RIGHT, UP, FadeIn, ValueTracker, VGroup, linear

from scenes import theme
from scenes.base import LectureScene
from scenes.notes import Note
from tests.scene_probe import (
    DIGIT_PX,
    LEGIBLE_PX,
    SAMPLES,
    arithmetic_errors,
    build,
    outside_frame,
    overlapping_texts,
    probe,
    px,
    stale_texts,
    too_small,
)


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


class _Ghost(LectureScene):
    """The old accuracy read-out: an updater swaps the percentage for a new MathTex while a
    tracker animates; the renderer still draws the first one under every new value."""

    def construct(self) -> None:
        step = ValueTracker(0)
        shown = VGroup(theme.math(r"35\%"))

        def follow(group: VGroup) -> None:
            fresh = theme.math(rf"{35 + round(step.get_value())}\%").move_to(group[0], LEFT)
            group.remove(group[0])
            group.add(fresh)

        self.add(shown)
        shown.add_updater(follow)
        self.play(step.animate.set_value(60), run_time=2)
        shown.clear_updaters()
        self.beat(Note("A ghost under the read-out."))


def test_probe_sees_a_ghost_inside_an_animation():
    found = probe(_Ghost, SAMPLES)
    assert not overlapping_texts(found.shots[0]), "at rest, the frame looks right"
    inside = found.moments[0]
    assert stale_texts(inside) == [r"35\%"]
    assert overlapping_texts(inside), "the ghost lies under the new value"
    assert inside.where == "slide 1, inside play 1 at 0.5"


class _Counter(LectureScene):
    """A live row laid out for a one-digit k: 'k = 3' then 'm_k =' just after it."""

    def construct(self) -> None:
        k = ValueTracker(3)
        number = theme.number(3, digits=0)
        row = VGroup(theme.math("k ="), number, theme.math("m_k =")).arrange(RIGHT, buff=0.08)
        number.add_updater(lambda n: n.set_value(round(k.get_value())))
        self.add(row)
        self.play(k.animate.set_value(100), run_time=3, rate_func=linear)
        self.beat(Note("A counter that runs into its neighbour."))


def test_probe_sees_a_counter_grow_into_its_neighbour():
    found = probe(_Counter, SAMPLES)
    assert ("52", "m_k =") in overlapping_texts(found.moments[0])
    assert overlapping_texts(found.rests[0]) == [("100", "m_k =")]


class _Tiny(LectureScene):
    """A formula 6 px high at 480p (its tallest letters; 13.5 px at 1080p), and digits that
    do not give the result they show."""

    def construct(self) -> None:
        tiny = theme.math(r"\frac{J(\theta+h)-J(\theta-h)}{2h}", size=13)
        self.play(FadeIn(tiny))
        self.beat(Note("Too small."))
        self.play(FadeIn(theme.math(r"0.1980 - 0.15 \cdot (-1.842) = 0.475").shift(2 * UP)))
        self.beat(Note("Digits that do not give the result shown."))


def test_probe_flags_a_formula_too_small_to_read_and_names_it():
    found = probe(_Tiny, SAMPLES)
    small = too_small(found.rests[0])
    assert [text for text, _, _ in small] == [r"\frac{J(\theta+h)-J(\theta-h)}{2h}"]
    ((_, height, needed),) = small
    assert height < needed == LEGIBLE_PX and 10 < height < 14.5  # 6 px at 480p
    assert found.rests[0].slide == 1
    assert px(theme.number(7, 0, size=30).height) > DIGIT_PX  # body-size digits pass


def test_probe_redoes_the_arithmetic_it_sees():
    found = probe(_Tiny, SAMPLES)
    errors = arithmetic_errors(found.shots[-1].strings())
    assert errors == ["0.1980 - 0.15 * (-1.842) = 0.475, but those digits give 0.47430"]
