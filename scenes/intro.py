"""Storyboard rows 1-3: the title card, the AI Balderdash quiz, and what we will meet.

The quiz terms are untrusted text from assets (via ``self.values.balderdash``): they are
only ever drawn with Pango ``Text``, never LaTeX.
"""

from __future__ import annotations

from typing import TypeVar

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    LaggedStart,
    Line,
    Mobject,
    ReplacementTransform,
    VGroup,
    Wiggle,
    Write,
    config,
)

from mathcore import activation
from mathcore.config import default_settings
from mathcore.lecture import LectureValues
from scenes import theme
from scenes.base import LectureScene
from scenes.drawings.network_diagram import LayeredNetwork
from scenes.notes import Note, ints
from scenes.quiz import joke_term

M = TypeVar("M", bound=Mobject)
#: The widest a line of text on the title and closing slides may be (the frame is 14.2).
TEXT_WIDTH = 12.5

CHECK, CROSS = "\u2713", "\u2717"


class TitleCard(LectureScene):
    def construct(self) -> None:
        talk = self.talk
        network = LayeredNetwork(
            [["x", "y"], ["a_1", "a_2", "a_3", "a_4"], ["p"]],
            layer_gap=2.2,
            node_gap=0.62,
            radius=0.22,
            max_width=5.0,
        )
        network.edge_group.set_stroke(opacity=0.45)
        title = fit_width(theme.text(talk.title, size=theme.TITLE_SIZE, weight="BOLD"))
        half = 0.275 * title.width
        rule = Line(half * LEFT, half * RIGHT, color=theme.MODEL, stroke_width=3)
        club = fit_width(theme.text(talk.club, color=theme.MODEL))
        speaker = fit_width(theme.text(talk.speaker, size=theme.HEADING_SIZE * 0.85, weight="BOLD"))
        details = theme.caption(talk.affiliation, talk.date, size=theme.SMALL_SIZE)
        for line in details:
            fit_width(line).set_x(0)
        card = VGroup(network, title, rule, club, speaker, details)
        card.arrange(DOWN, buff=0.38)
        network.shift(0.15 * UP)
        details.shift(0.1 * DOWN)
        card.move_to(0)

        self.play(
            LaggedStart(*(Create(edge) for edge in network.edge_group), lag_ratio=0.04),
            LaggedStart(*(GrowFromCenter(node) for node in network.node_group), lag_ratio=0.1),
            run_time=2,
        )
        self.play(Write(title), run_time=1.5)
        self.play(GrowFromCenter(rule), FadeIn(club, shift=0.2 * UP))
        self.play(FadeIn(speaker, shift=0.2 * UP), FadeIn(details, shift=0.2 * UP))
        self.beat(
            Note(
                f"Welcome to the {talk.club}. I'm {talk.speaker}, from the {talk.affiliation}. "
                "Today: the mathematics behind deep learning. If you know what a derivative "
                f"is, you can follow every step; {_data_origin(self.values)}.",
                "Who has used a chatbot or an image generator this week? Keep it in mind: by "
                "the end you will know how the simplest of these networks learns.",
                narration=(
                    "Here is a small neural network, and the subject of this lecture: "
                    f"{talk.title}, a talk for the {talk.club}. I'm {talk.speaker}, from the "
                    f"{talk.affiliation}. Have you used a chatbot or an image generator this "
                    "week? By the end you will know how the simplest of these networks learns. "
                    "If you know what a derivative is, you can follow every step; "
                    f"{_data_origin(self.values)}."
                ),
            )
        )


def _data_origin(values: LectureValues) -> str:
    """Where the lecture's numbers come from, truthfully: the shipped data sets are made
    up (seeded generators, mathcore.datasets); a teacher's are their own."""
    shipped, mine = default_settings(), values.settings
    if (mine.scores_csv, mine.separable_csv, mine.hopeless_csv) == (
        shipped.scores_csv,
        shipped.separable_csv,
        shipped.hopeless_csv,
    ):
        return (
            "every number on the slides is computed, none typed in, from data sets made for "
            "this talk: the test scores are simulated, and the two sets of points are "
            "constructed, one that a line can separate and one that it cannot"
        )
    return "every number on the slides is computed, none typed in, from the data we use"


def stack(items: VGroup, pitch: float) -> VGroup:
    """Lines of text left-aligned, their tops ``pitch`` apart (even spacing, whatever the
    letters' descenders)."""
    for i, item in enumerate(items):
        item.align_to(items[0], LEFT).align_to(items[0].get_top() + i * pitch * DOWN, UP)
    return items


def fit_width(mob: M, width: float = TEXT_WIDTH) -> M:
    """``mob`` scaled down to ``width`` if it is wider (a teacher's long title-slide text:
    the schema's limits in :mod:`mathcore.config` keep the scaled text legible)."""
    if mob.width > width:
        mob.scale_to_fit_width(width)
    return mob


def fit_below(group: VGroup, above: VGroup, buff: float, width: float = 12.4) -> VGroup:
    """Put ``group`` under ``above``, shrunk if needed to stay inside the frame (long or many
    terms in the assets file)."""
    room = above.get_bottom()[1] - buff + config.frame_height / 2 - theme.EDGE_BUFFER
    if group.height > room or group.width > width:
        group.scale(min(room / group.height, width / group.width))
    return group.next_to(above, DOWN, buff=buff)


def in_words(items: list[str]) -> str:
    """Items as said in a sentence: "A, B and C" ("none" for no items)."""
    if not items:
        return "none"
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def quiz_row(number: int, term: str, size: float) -> VGroup:
    """'n.' and the term, side by side; ``row[0]`` the number, ``row[1]`` the term."""
    label = theme.text(f"{theme.fmt(number, 0)}.", size=size, color=theme.MUTED)
    return VGroup(label, theme.text(term, size=size))


class AIBalderdash(LectureScene):
    def construct(self) -> None:
        quiz = self.values.balderdash
        real = sum(entry.real for entry in quiz.quiz)
        n = len(quiz.quiz)
        counts = ints(("real terms", real), ("generated terms", n - real))
        fake_terms = [t.term for t in quiz.quiz if not t.real]
        heading = theme.heading("AI Balderdash")
        intro = theme.caption(
            f"{theme.fmt(real, 0)} of these are real mathematical terms (from encyclopediaofmath.org),",
            f"and {theme.fmt(len(quiz.quiz) - real, 0)} were generated by a neural network.",
            size=theme.SMALL_SIZE,
        ).next_to(heading, DOWN, buff=0.3)
        prompt = theme.text("Guess which!", size=theme.SMALL_SIZE, color=theme.ACCENT)
        prompt.next_to(intro, DOWN, buff=0.12, aligned_edge=LEFT)

        size = 26
        rows = VGroup(*(quiz_row(i, e.term, size) for i, e in enumerate(quiz.quiz, start=1)))
        stack(VGroup(*(row[1] for row in rows)), pitch=0.5)
        for row in rows:  # numbers right-aligned just left of their term
            row[0].next_to(row[1], LEFT, buff=0.25).align_to(row[1], UP)
        fit_below(rows, prompt, buff=0.4).set_x(0.3)

        self.play(FadeIn(heading), FadeIn(intro))
        self.play(
            LaggedStart(*(FadeIn(row, shift=0.2 * RIGHT) for row in rows), lag_ratio=0.12),
            FadeIn(prompt),
            run_time=2.5,
        )
        self.beat(
            Note(
                "A game to start: AI Balderdash. Some of these are real mathematical terms "
                "from the Encyclopedia of Mathematics; the others were made up by a neural "
                "network. Read the list aloud, slowly, with a straight face.",
                f"Guess which! Go down the list and take a show of hands for each number: real "
                f"or generated? Let them argue for a minute. {theme.fmt(real, 0)} are real, "
                f"{theme.fmt(n - real, 0)} are fake.",
                counts,
                narration=(
                    "Let's start with a game: AI Balderdash. "
                    f"{theme.fmt(real, 0)} of these terms are real mathematical terms, from the "
                    f"Encyclopedia of Mathematics, and {theme.fmt(n - real, 0)} were generated "
                    "by a neural network. Guess which! Go down the list, and for each number "
                    "decide: real, or made up? Take a moment, or pause the video, and make "
                    "your guesses before the answers appear."
                ),
            )
        )

        marks = VGroup()
        reveals = []
        for row, entry in zip(rows, quiz.quiz, strict=True):
            color = theme.REAL if entry.real else theme.FAKE
            mark = theme.text(CHECK if entry.real else CROSS, size=size, color=color)
            mark.move_to([rows.get_left()[0] - 0.55, row[1].get_y(), 0])  # one column of centres
            marks.add(mark)
            reveals.append(AnimationGroup(FadeIn(mark, scale=1.6), row[1].animate.set_color(color)))
        legend = (
            VGroup(
                theme.text(f"{CHECK} real", size=theme.SMALL_SIZE, color=theme.REAL),
                theme.text(f"{CROSS} generated", size=theme.SMALL_SIZE, color=theme.FAKE),
            )
            .arrange(RIGHT, buff=0.6)
            .move_to(prompt, LEFT)
        )
        # one baseline: the words' last letters ("l", "d") sit on it; centring the two texts
        # put "generated" (with its descender) lower
        legend[1].shift((legend[0][-1].get_bottom()[1] - legend[1][-1].get_bottom()[1]) * UP)
        self.play(ReplacementTransform(prompt, legend))
        self.play(LaggedStart(*reveals, lag_ratio=0.7), run_time=5)
        real_terms = ", ".join(t.term for t in quiz.quiz if t.real)
        self.beat(
            Note(
                f"The answers: the ticks are real ({real_terms}); the crosses were generated "
                f"({', '.join(fake_terms)}). The network never learned any mathematics: it "
                "learned what the words of mathematics look like, letter by letter.",
                f"Who got all {theme.fmt(n, 0)}? Who was fooled by '{fake_terms[0]}'?"
                if fake_terms
                else f"Who got all {theme.fmt(n, 0)}?",
                counts,
                narration=(
                    "Here are the answers: a tick for real, a cross for generated. The real "
                    f"ones: {in_words([t.term for t in quiz.quiz if t.real])}. The generated "
                    f"ones: {in_words(fake_terms)}. Did you get all {theme.fmt(n, 0)}? "
                    + (
                        f"If {fake_terms[0]} fooled you, you are in good company. "
                        if fake_terms
                        else ""
                    )
                    + "The network never learned any mathematics: it learned what the words "
                    "of mathematics look like, letter by letter."
                ),
            )
        )

        more = quiz.more_generated
        subheading = theme.text(
            "A further sampling from the AI-generated category:", color=theme.FAKE
        ).next_to(heading, DOWN, buff=0.45)
        terms = VGroup(*(theme.text(term, size=size) for term in more))
        half = (len(terms) + 1) // 2
        columns = VGroup(stack(terms[:half], pitch=0.56), stack(terms[half:], pitch=0.56))
        fit_below(columns.arrange(RIGHT, buff=1.2, aligned_edge=UP), subheading, buff=0.5)
        self.play(FadeOut(intro, legend, rows, marks), FadeIn(subheading, shift=0.2 * DOWN))
        self.play(
            LaggedStart(*(FadeIn(t, shift=0.15 * UP) for c in columns for t in c), lag_ratio=0.15),
            run_time=4,
        )
        self.beat(
            Note(
                "A further sampling from the generated category. Read out a few of your "
                f"favourites. Remember {joke_term(quiz)}: it comes back in a few minutes.",
                "Which of these would you believe if you met it in a textbook?",
                narration=(
                    "Here is a further sampling from the AI-generated category"
                    + (f": {in_words(list(more[:3]))}, and more. " if more else ". ")
                    + "Which of these would you believe if you met it in a textbook? A few of "
                    "them, surely: they have the sound of mathematics. Remember "
                    f"{joke_term(quiz)}: it comes back in a few minutes."
                ),
            )
        )


class WhatWellMeet(LectureScene):
    def construct(self) -> None:
        heading = theme.heading("What we'll meet")
        intro = theme.caption(
            "The goal: the mathematics behind neural networks like the one that",
            "generated those phrases. Along the way we will meet:",
        ).next_to(heading, DOWN, buff=0.3)
        sigma = theme.math(r"\sigma(x) = \frac{1}{1 + e^{-x}}", color=theme.MODEL)
        contents = [
            [theme.text("Using derivatives for optimization")],
            [theme.text("Probabilities")],
            [theme.text("The function"), sigma, theme.text("and its basic properties")],
            [theme.text("Using logs to turn a product into a sum")],
            [theme.text("The chain rule")],
            [theme.text("Nightmarish proliferation of notation")],
        ]
        # each badge in the color of what it is about (see scenes.theme): derivatives, the
        # model's probability p, the model's σ, the log-likelihood cost, derivatives again,
        # the model's parameters θ
        colors = [theme.GRADIENT, theme.MODEL, theme.MODEL, theme.COST, theme.GRADIENT, theme.MODEL]
        rows = VGroup()
        for number, (parts, color) in enumerate(zip(contents, colors, strict=True), start=1):
            badge = VGroup(
                Circle(radius=0.26, color=color, stroke_width=3),
                theme.text(theme.fmt(number, 0), size=theme.SMALL_SIZE, color=color),
            )
            rows.add(VGroup(badge, *parts).arrange(RIGHT, buff=0.3))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.32).next_to(intro, DOWN, buff=0.45)
        rows.set_x(0)
        notation = theme.math(
            r"\theta^{(1)}_{11}",
            r"\quad \frac{\partial J}{\partial \theta^{(2)}_1}",
            r"\quad a^{(1)}_1",
            r"\quad z^{(2)}",
            size=theme.LABEL_MATH_SIZE,
            color=theme.MUTED,
        ).next_to(rows[-1], RIGHT, buff=0.5)

        half = theme.fmt(float(activation.sigmoid(0.0)), 1)
        notes = [  # one per item of the list, said at its beat
            Note(
                "The goal of the talk: the mathematics behind neural networks like the one "
                "that generated those phrases. First stop: using derivatives for optimization. "
                "A smooth function is smallest where its derivative is zero, and the "
                "derivative tells us which way is downhill.",
                "Where is the derivative of a function zero? What does its sign tell you?",
                narration=(
                    "The goal of this lecture is the mathematics behind neural networks like "
                    "the one that generated those phrases. Along the way we will meet six "
                    "ideas. First, using derivatives for optimization. Where is a smooth "
                    "function smallest? Where its derivative is zero; and the sign of the "
                    "derivative tells us which way is downhill."
                ),
            ),
            Note(
                "Second: probabilities. Our classifier will not just say 'orange'; it will say "
                "'orange, with probability p', and we will judge it by how likely it finds the "
                "labels we actually saw.",
                narration=(
                    "Second, probabilities. Our classifier will not just say orange; it will "
                    "say orange with probability p, and we will judge it by how likely it "
                    "finds the labels we actually saw."
                ),
            ),
            Note(
                "Third: the function σ(x) = 1/(1 + e^(−x)), the sigmoid. It squashes any real "
                f"number into the interval from 0 to 1, and σ(0) = {half}: so its output can "
                "be read as a probability.",
                "What happens to σ(x) for a large positive x? For a large negative x?",
                narration=(
                    "Third, the function σ(x) = one over one plus e^(−x), the sigmoid, and its "
                    "basic properties. What happens to σ(x) for a large positive x? It gets "
                    "close to one; for a large negative x, close to zero. It squashes every "
                    "real number into the interval from zero to one, so its output can be "
                    "read as a probability."
                ),
            ),
            Note(
                "Fourth: logs turn a product into a sum, ln(ab) = ln a + ln b. A likelihood is "
                "a product of many probabilities; its log is a sum, which is far easier to "
                "differentiate (and does not underflow on a computer).",
                narration=(
                    "Fourth, using logs to turn a product into a sum: ln(a·b) = ln a + ln b. A "
                    "likelihood is a product of many probabilities; its log is a sum, which is "
                    "far easier to differentiate."
                ),
            ),
            Note(
                "Fifth: the chain rule, the derivative of a composition. It is the whole "
                "engine of backpropagation, the way every neural network is trained.",
                narration=(
                    "Fifth, the chain rule: the derivative of a composition of functions. It "
                    "is the whole engine of backpropagation, the way neural networks are "
                    "trained."
                ),
            ),
            Note(
                "And sixth: a nightmarish proliferation of notation. θ with a subscript and a "
                "superscript, partial derivatives of everything. I'll warn you when it gets "
                "bad; the ideas underneath stay simple.",
                "Show of hands: which of these six are you already comfortable with? That "
                "tells me where to slow down.",
                narration=(
                    "And sixth, a nightmarish proliferation of notation: θ₁₁⁽¹⁾, ∂J/∂θ₁⁽²⁾, "
                    "a₁⁽¹⁾, z⁽²⁾. Letters with subscripts and superscripts, and partial "
                    "derivatives of everything. Which of these six ideas do you already know "
                    "well? Whatever the answer, I will say what each symbol means when it "
                    "arrives: the ideas underneath stay simple."
                ),
            ),
        ]

        self.play(FadeIn(heading), FadeIn(intro))
        for row, note in zip(rows, notes, strict=True):
            self.play(FadeIn(row[0], scale=0.6), FadeIn(row[1:], shift=0.2 * RIGHT))
            if row is rows[-1]:
                centre = row[1:].get_center()
                self.play(
                    LaggedStart(*(FadeIn(part, scale=1.4) for part in notation), lag_ratio=0.3),
                    # about the words' centre where they stand: left unset, manim takes
                    # the centre again for each glyph at every frame (while the glyphs
                    # before it have moved: a centre that drifts, at a cost that grows
                    # with the square of the glyphs)
                    Wiggle(
                        row[1:],
                        scale_value=1.05,
                        scale_about_point=centre,
                        rotate_about_point=centre,
                    ),
                )
            self.beat(note)
