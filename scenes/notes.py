"""Speaker notes: what the teacher says and asks on every slide, and the values it shows.

One place for all of them: :func:`lecture_notes` returns, for each scene (keyed by its class
name, as in ``scenes.lecture.SCENES``), one :class:`Note` per slide, in order. A slide is
what the presenter sees between two presses of "next": each ``beat()`` of a scene closes one
(see :func:`scenes.slides.count_slides`). The tests check that every slide of the lecture has
exactly one note, and that the values a note lists are on screen at that slide.

The notes are written from the talk (``shared/seed``) and the storyboard. Every number in
them is formatted from the lecture's values (mathcore, through ``scenes.context``) when the
notes are built, the same way the slide formats it: no result is typed in here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mathcore import activation
from mathcore.lecture import LectureValues
from scenes import context, theme
from scenes.context import TalkInfo
from scenes.drawings.scores_plot import decimals_needed

fmt, percent = theme.fmt, theme.percent


@dataclass(frozen=True)
class Note:
    """One slide's notes: what to ``say``, what to ``ask`` the class, and the lecture
    ``values`` the slide shows as (label, number exactly as on screen)."""

    say: str
    ask: str = ""
    values: tuple[tuple[str, str], ...] = ()

    def markdown(self) -> str:
        """The note for reveal.js's speaker view and the Qt presenter (Markdown)."""
        parts = [self.say]
        if self.ask:
            parts.append(f"**Ask the class:** {self.ask}")
        if self.values:
            shown = " · ".join(f"{label} = {value}" for label, value in self.values)
            parts.append(f"**On screen:** {shown}")
        return "\n\n".join(parts)


def _ints(*pairs: tuple[str, int]) -> tuple[tuple[str, str], ...]:
    return tuple((label, fmt(value, 0)) for label, value in pairs)


# -- 1-3: the opening -------------------------------------------------------------------
def _title_card(v: LectureValues, talk: TalkInfo) -> list[Note]:
    return [
        Note(
            f"Welcome to the {talk.club}. I'm {talk.speaker}, from the {talk.affiliation}. "
            "Today: the mathematics behind deep learning. If you know what a derivative is, "
            "you can follow every step; everything on the slides was computed from real data.",
            "Who has used a chatbot or an image generator this week? Keep it in mind: by the "
            "end you will know how the simplest of these networks learns.",
        )
    ]


def _balderdash(v: LectureValues, talk: TalkInfo) -> list[Note]:
    quiz = v.balderdash
    n, real = len(quiz.quiz), quiz.real_count
    real_terms = ", ".join(t.term for t in quiz.quiz if t.real)
    fake_terms = [t.term for t in quiz.quiz if not t.real]
    counts = _ints(("real terms", real), ("generated terms", n - real))
    return [
        Note(
            "A game to start: AI Balderdash. Some of these are real mathematical terms from "
            "the Encyclopedia of Mathematics; the others were made up by a neural network. "
            "Read the list aloud, slowly, with a straight face.",
            f"Guess which! Go down the list and take a show of hands for each number: real or "
            f"generated? Let them argue for a minute. {fmt(real, 0)} are real, "
            f"{fmt(n - real, 0)} are fake.",
            counts,
        ),
        Note(
            f"The answers: the ticks are real ({real_terms}); the crosses were generated "
            f"({', '.join(fake_terms)}). The network never learned any mathematics: it "
            "learned what the words of mathematics look like, letter by letter.",
            f"Who got all {fmt(n, 0)}? Who was fooled by '{fake_terms[0]}'?"
            if fake_terms
            else f"Who got all {fmt(n, 0)}?",
            counts,
        ),
        Note(
            "A further sampling from the generated category. Read out a few of your "
            "favourites. Remember Bloschteghans theorem: it comes back in a few minutes.",
            "Which of these would you believe if you met it in a textbook?",
        ),
    ]


def _what_well_meet(v: LectureValues, talk: TalkInfo) -> list[Note]:
    half = fmt(float(activation.sigmoid(0.0)), 1)
    return [
        Note(
            "The goal of the talk: the mathematics behind neural networks like the one that "
            "generated those phrases. First stop: using derivatives for optimization. A "
            "smooth function is smallest where its derivative is zero, and the derivative "
            "tells us which way is downhill.",
            "Where is the derivative of a function zero? What does its sign tell you?",
        ),
        Note(
            "Second: probabilities. Our classifier will not just say 'orange'; it will say "
            "'orange, with probability p', and we will judge it by how likely it finds the "
            "labels we actually saw.",
        ),
        Note(
            "Third: the function σ(x) = 1/(1 + e^(−x)), the sigmoid. It squashes any real "
            f"number into the interval from 0 to 1, and σ(0) = {half}: so its output can be "
            "read as a probability.",
            "What happens to σ(x) for a large positive x? For a large negative x?",
        ),
        Note(
            "Fourth: logs turn a product into a sum, ln(ab) = ln a + ln b. A likelihood is a "
            "product of many probabilities; its log is a sum, which is far easier to "
            "differentiate (and does not underflow on a computer).",
        ),
        Note(
            "Fifth: the chain rule, the derivative of a composition. It is the whole engine "
            "of backpropagation, the way every neural network is trained.",
        ),
        Note(
            "And sixth: a nightmarish proliferation of notation. θ with a subscript and a "
            "superscript, partial derivatives of everything. I'll warn you when it gets "
            "bad; the ideas underneath stay simple.",
            "Show of hands: which of these six are you already comfortable with? That tells "
            "me where to slow down.",
        ),
    ]


# -- 4-9: regression ----------------------------------------------------------------------
def _test_scores(v: LectureValues, talk: TalkInfo) -> list[Note]:
    n = len(v.regression.x)
    return [
        Note(
            f"Here are Test 1 and Test 2 scores for {fmt(n, 0)} students in a course. Each "
            "dot is one student: Test 1 across, Test 2 up.",
            "What do you notice? Do students who did well on Test 1 tend to do well on Test 2?",
            _ints(("students", n)),
        ),
        Note(
            "We want the line that best captures the relationship. To keep it simple, lines "
            "through the origin, y = m x: there is one number to choose, the slope m. Watch "
            "the line swing: too steep, then too flat.",
            "Which slope looks best to you? Have a few people call out a guess for m and "
            "write them on the board: we will compare them with the answer.",
        ),
    ]


def _mean_squared_error(v: LectureValues, talk: TalkInfo) -> list[Note]:
    return [
        Note(
            "How do we measure 'best'? The most common measure is the mean squared error: "
            "take the vertical distance from each point to the line, the red segments, "
            "square it, and average over all the points.",
            "Why vertical distances, and not the shortest distance to the line? (We predict "
            "Test 2 from Test 1: the error is in y.)",
        ),
        Note(
            "Written out: MSE = (1/n)((y₁ − m x₁)² + (y₂ − m x₂)² + … + (yₙ − m xₙ)²). Each "
            "term is one student's squared miss: the squares that light up on the plot.",
            "Why square the distances instead of just adding them up? (Misses above and "
            "below would cancel; squares also punish big misses, and are smooth to "
            "differentiate.)",
        ),
        Note(
            "Every slope m gives a line, and every line an MSE: watch both numbers as the "
            "line turns. The goal is to find the value of m that makes MSE as small as "
            "possible.",
            "As the line swings, when does MSE go down, and when up?",
        ),
    ]


def _calculus(v: LectureValues, talk: TalkInfo) -> list[Note]:
    r, fit = v.regression, v.regression.fit
    hundred = fmt(r.score_scale, 0)
    return [
        Note(
            "We want the m that makes MSE as small as possible. This sounds like a job for… "
            "Bloschtegans theorem!!! (Pause for the laugh.)",
            "Who remembers where that theorem came from? (The AI-generated list: it does not "
            "exist.)",
        ),
        Note(
            "I mean, calculus. Start from the cost: MSE(m) = (1/n) Σ (yᵢ − m xᵢ)². As a "
            "function of m it is a parabola, so it has one lowest point.",
        ),
        Note(
            "Set its derivative to zero. The chain rule on each square gives "
            "MSE′(m) = −(2/n) Σ xᵢ (yᵢ − m xᵢ) = 0.",
            "Where does the factor −2xᵢ come from?",
        ),
        Note(
            "Multiply by −n/2 and expand the sum: Σ xᵢyᵢ − m Σ xᵢ² = 0.",
        ),
        Note(
            "Solve for m: m = Σ xᵢyᵢ / Σ xᵢ². The talk calls it m_bestest.",
            "How do we know this is a minimum and not a maximum? (The second derivative, "
            "(2/n) Σ xᵢ², is positive.)",
        ),
        Note(
            f"For our {fmt(len(r.x), 0)} students, with scores in units of {hundred} points: "
            f"Σ xy = {fmt(fit.sum_xy)} and Σ x² = {fmt(fit.sum_xx)}, so the best slope is "
            f"m = {fmt(fit.m_best)}.",
            "How close were your guesses for the slope?",
            (
                ("Σ xᵢyᵢ", fmt(fit.sum_xy)),
                ("Σ xᵢ²", fmt(fit.sum_xx)),
                ("m_best", fmt(fit.m_best)),
                *_ints(("students", len(r.x)), ("points per unit", round(r.score_scale))),
            ),
        ),
    ]


def _mse_against_slope(v: LectureValues, talk: TalkInfo) -> list[Note]:
    fit = v.regression.fit
    best = (("m_best", fmt(fit.m_best)), ("smallest MSE", fmt(fit.mse_best, 4)))
    return [
        Note(
            "Here is a graph of MSE against m for the test scores. Each m gives a line, and "
            "each line an MSE: one point of this curve.",
            "Where is the minimum? Point to it on the screen.",
        ),
        Note(
            f"The lowest point is at m_best = {fmt(fit.m_best)}, where the MSE is "
            f"{fmt(fit.mse_best, 4)}: exactly the slope the calculus gave us.",
            values=best,
        ),
        Note(
            f"And here is the resulting line through the origin of best fit, "
            f"y = {fmt(fit.m_best)} x, with its residuals.",
            "Does it look like the line you would have drawn by eye?",
            (best[0],),
        ),
    ]


def _gradient_descent(v: LectureValues, talk: TalkInfo) -> list[Note]:
    r, d = v.regression, v.regression.descent
    lr = fmt(d.lr, decimals_needed(d.lr))
    m, grad, mse = d.m, d.grad, d.mse
    bound = fmt(r.lr_bound)
    return [
        Note(
            "A closed form for m_best is nice, but in bigger models there is none, or it is "
            "too costly to compute. Another way: start somewhere on the curve, compute the "
            f"derivative, and let it tell you where to go. We start at m₀ = {fmt(m[0])}: "
            f"the tangent there has slope MSE′(m₀) = {fmt(grad[0])}.",
            "The slope is negative. Which way should m move to go downhill?",
            (
                ("learning rate η", lr),
                ("m₀", fmt(m[0], 4)),
                ("MSE′(m₀)", fmt(grad[0])),
                ("MSE(m₀)", fmt(mse[0], 5)),
            ),
        ),
        Note(
            f"One step: m₁ = m₀ − η·MSE′(m₀) = {fmt(m[0])} − {lr}·({fmt(grad[0])}) = "
            f"{fmt(m[1])}. The dot moves down the parabola, and the line on the scatter "
            "turns with it.",
            values=(("m₁", fmt(m[1])), ("MSE(m₁)", fmt(mse[1], 5))),
        ),
        Note(
            f"And again: m₂ = {fmt(m[2])}, m₃ = {fmt(m[3])}. The steps get shorter as the "
            "curve flattens out.",
            "Why do the steps shrink, when η stays the same? (Each step is η times the "
            "slope, and the slope goes to zero at the bottom.)",
            (("m₂", fmt(m[2])), ("MSE′(m₂)", fmt(grad[2])), ("m₃", fmt(m[3]))),
        ),
        Note(
            f"After {fmt(d.steps, 0)} steps, m = {fmt(m[-1], 4)}, and the closed form gives "
            f"{fmt(r.fit.m_best, 4)}: the same answer, without solving anything. This is how "
            "neural networks are trained. A warning: each step multiplies the error in m by "
            "(1 − 2η·mean(x²)), so the descent only converges when η is below "
            f"1/mean(x²) = {bound}. That is why we measure scores in units of "
            f"{fmt(r.score_scale, 0)} points: on raw scores the same η diverges at once.",
            "What would happen with a learning rate twice as big? Ten times as big?",
            (
                (f"m after {fmt(d.steps, 0)} steps", fmt(m[-1], 4)),
                ("closed-form m_best", fmt(r.fit.m_best, 4)),
                *_ints(("steps", d.steps)),
            ),
        ),
    ]


def _recap(v: LectureValues, talk: TalkInfo) -> list[Note]:
    return [
        Note(
            "To recap what we did, in terms we can generalize. One: we started with "
            "labelled data, pairs (x, y), where y is the label we want to predict.",
        ),
        Note("Two: we chose a model, y = m x, with one parameter, m."),
        Note(
            "Three: we chose a cost function, the mean squared error, that says how bad a "
            "choice of m is.",
        ),
        Note(
            "Four: we optimized, finding the m that minimizes the cost, by calculus or by "
            "gradient descent. Everything else today is these four steps again, with a "
            "fancier model.",
            "Suppose we wanted to predict a yes/no answer instead of a score. Which of the "
            "four steps would have to change?",
        ),
    ]


# -- 10-14: classification --------------------------------------------------------------
def _classification_data(v: LectureValues, talk: TalkInfo) -> list[Note]:
    n = len(v.separable.c)
    return [
        Note(
            f"A new problem: {fmt(n, 0)} points, each labelled blue or orange. Step one is "
            "the same as before, labelled data, now (x, y, c): the label c is 0 for blue "
            "and 1 for orange.",
        ),
        Note(
            "We want the computer to learn what the difference is, and to decide the color "
            "of any future dot we give it.",
            "A new point lands here, in the middle. Blue or orange? How did you decide?",
        ),
    ]


def _logistic_model(v: LectureValues, talk: TalkInfo) -> list[Note]:
    half = fmt(float(activation.sigmoid(0.0)), 1)
    peak = fmt(float(activation.sigmoid_prime(0.0)), 2)
    return [
        Note(
            "Step two, a model. It needs the sigmoid, σ(z) = 1/(1 + e^(−z)): it squashes "
            f"any number z into the interval from 0 to 1, and σ(0) = {half}.",
            "What is σ(z) for a very large z? A very negative z? So what can we read σ as?",
        ),
        Note(
            "The model: colour a point orange (c = 1) if σ(m₁x + m₂y + b) ≥ ½, and blue "
            "otherwise. Three parameters, m₁, m₂ and b. Since σ ≥ ½ exactly when "
            "m₁x + m₂y + b ≥ 0, the boundary between the colors is a straight line.",
            "Why is the boundary a straight line?",
        ),
        Note(
            "One more property we will need: σ′ = σ(1 − σ). The derivative is built from σ "
            f"itself, which makes it cheap to compute. It peaks at z = 0, where σ′ = {peak}.",
            "Where is the sigmoid steepest, and what is σ′ far out on either side?",
        ),
    ]


def _cost_function(v: LectureValues, talk: TalkInfo) -> list[Note]:
    n = len(v.separable.c)
    return [
        Note(
            "Step three, a cost function. pᵢ = σ(m₁xᵢ + m₂yᵢ + b) is the model's chance "
            "that point i is orange. The likelihood of the labels we saw multiplies pᵢ for "
            "each orange point and 1 − pᵢ for each blue one: Π pᵢ^cᵢ (1 − pᵢ)^(1 − cᵢ). "
            "(The talk's formula for this line is garbled; this is what it means.)",
            "Why does the exponent trick pick the right factor? Try cᵢ = 1, then cᵢ = 0.",
        ),
        Note(
            "Logs turn the product into a sum: ln L = Σ [cᵢ ln pᵢ + (1 − cᵢ) ln(1 − pᵢ)]. "
            "The log is increasing, so the best parameters are the same; a sum is far easier "
            f"to differentiate, and {fmt(n, 0)} probabilities multiplied together are a "
            "number too small for a computer to hold.",
        ),
        Note(
            "The cost J = −(1/n) Σ [c ln p + (1 − c) ln(1 − p)], the mean negative "
            "log-likelihood. Note the minus sign: the talk wrote J without it, but then used "
            "∂J/∂p = (p − c)/(p(1 − p)), which is the derivative of this version. Gradient "
            "descent minimizes, so it descends on −ln L: a small J means likely labels.",
            "Spot the difference from the talk's formula. What would gradient descent do "
            "without the minus sign?",
        ),
    ]


def _logistic_result(v: LectureValues, talk: TalkInfo) -> list[Note]:
    fit = v.logistic
    start, end = fit.params[0], fit.params[-1]
    steps = len(fit.params) - 1
    lr = fmt(fit.lr, 2)

    def params(p: np.ndarray) -> tuple[tuple[str, str], ...]:
        return tuple((name, fmt(float(x))) for name, x in zip(("m₁", "m₂", "b"), p, strict=True))

    final = (
        *params(end),
        ("cost J", fmt(float(fit.cost[-1]))),
        ("accuracy", percent(float(fit.accuracy[-1]))),
    )
    return [
        Note(
            f"Step four: gradient descent on (m₁, m₂, b), with learning rate η = {lr}. We "
            f"start from a poor line: the cost is J = {fmt(float(fit.cost[0]))} and only "
            f"{percent(float(fit.accuracy[0]))} of the points are on the right side.",
            "Which way do you expect the line to move first?",
            (
                ("η", lr),
                *params(start),
                ("cost J", fmt(float(fit.cost[0]))),
                ("accuracy", percent(float(fit.accuracy[0]))),
            ),
        ),
        Note(
            f"Here's the result on the data: {fmt(steps, 0)} steps of descent. The line sweeps "
            f"into place, the cost falls to {fmt(float(fit.cost[-1]))} and the accuracy "
            f"climbs to {percent(float(fit.accuracy[-1]))}.",
            values=(*_ints(("steps", steps)), *final),
        ),
        Note(
            f"The learned line: {fmt(fit.m1)} x + {fmt(fit.m2)} y + {fmt(fit.b)} = 0. Nobody "
            "told the computer where it goes: it learned it from the labelled points.",
            "Which points are still on the wrong side? Could any straight line get them all?",
            final,
        ),
    ]


def _hopeless_line(v: LectureValues, talk: TalkInfo) -> list[Note]:
    fit = v.hopeless
    steps = len(fit.params) - 1
    accuracy = percent(float(fit.accuracy[-1]))
    return [
        Note(
            "In that demonstration the decision boundary was always a line. What if our data "
            "look like this: one color ringed by the other?",
            "Can anyone draw one straight line that separates blue from orange?",
        ),
        Note(
            f"A logistic regression is hopeless here: the best line, after {fmt(steps, 0)} "
            f"steps of descent, gets {accuracy} right, about a coin flip. Every circled point "
            "is on the wrong side.",
            values=(*_ints(("steps", steps)), ("accuracy", accuracy)),
        ),
        Note(
            "What we need is a curved boundary. Enter: neural networks!",
            "How could we build a curved boundary out of straight lines and sigmoids?",
            (("accuracy", accuracy),),
        ),
    ]


# -- 15-17: the network -------------------------------------------------------------------
def _logistic_as_graph(v: LectureValues, talk: TalkInfo) -> list[Note]:
    m1, m2, b = (float(x) for x in v.logistic.params[-1])
    return [
        Note(
            "The logistic regression we used can be drawn as a graph: the inputs x and y, "
            "edges weighted m₁ and m₂ into one σ neuron with bias b, and out comes p.",
        ),
        Note(
            f"With the fitted values, m₁ = {fmt(m1)}, m₂ = {fmt(m2)}, b = {fmt(b)}: the same "
            "model and the same line as before, just drawn differently.",
            "In this picture, what would it mean to add more neurons?",
            (("m₁", fmt(m1)), ("m₂", fmt(m2)), ("b", fmt(b))),
        ),
    ]


def _stacking_a_layer(v: LectureValues, talk: TalkInfo) -> list[Note]:
    trained = v.network
    final, k = trained.final, trained.hidden
    count = len(final.flat())
    return [
        Note(
            "Taking inspiration from neurons in the brain, or perhaps just driven by pure "
            f"masochism, we ramp up the complexity by stacking another layer: x and y feed "
            f"{fmt(k, 0)} hidden neurons a₁ … a_{fmt(k, 0)}, and those feed p.",
            "Before the next slide: how many parameters do you think this network has?",
        ),
        Note(
            "Each hidden neuron is its own little logistic regression, "
            "aᵢ = σ(θᵢ₁⁽¹⁾x + θᵢ₂⁽¹⁾y + bᵢ⁽¹⁾), and the output combines them: "
            f"p = σ(θ₁⁽²⁾a₁ + … + b⁽²⁾). That makes {fmt(count, 0)} parameters instead of "
            "three, all trained by gradient descent.",
            "Did your guess for the number of parameters match?",
            _ints(("hidden neurons", k), ("parameters", count)),
        ),
        Note(
            "These are the weights of the trained network: orange edges are positive "
            "weights, blue ones negative, and the wider the edge, the bigger the weight.",
            "Which hidden neuron listens mostly to x, and which to y?",
        ),
        Note(
            "Now the notation: one path through the network. θ₁₁⁽¹⁾ and θ₁₂⁽¹⁾ weight x and y "
            "into a₁, and θ₁⁽²⁾ weights a₁ into p. Superscript: the layer; subscripts: which "
            f"neuron, from which input. Here θ₁₁⁽¹⁾ = {fmt(final.theta1[0, 0])}, "
            f"θ₁₂⁽¹⁾ = {fmt(final.theta1[0, 1])} and θ₁⁽²⁾ = {fmt(final.theta2[0])}.",
            values=(
                ("θ₁₁⁽¹⁾", fmt(final.theta1[0, 0])),
                ("θ₁₂⁽¹⁾", fmt(final.theta1[0, 1])),
                ("θ₁⁽²⁾", fmt(final.theta2[0])),
            ),
        ),
    ]


def _network_result(v: LectureValues, talk: TalkInfo) -> list[Note]:
    trained = v.network
    lr, k, steps = fmt(trained.lr, 2), trained.hidden, trained.steps
    cost, accuracy = trained.cost, trained.accuracy
    net, line = percent(float(accuracy[-1])), percent(float(v.hopeless.accuracy[-1]))
    return [
        Note(
            "Training the network on the ring data: gradient descent, with the derivatives "
            f"computed by backpropagation. {fmt(k, 0)} hidden neurons, learning rate {lr}. At "
            f"the random start the cost is {fmt(float(cost[0]))} and the accuracy "
            f"{percent(float(accuracy[0]))}.",
            values=(
                *_ints(("hidden neurons", k)),
                ("η", lr),
                ("cost J", fmt(float(cost[0]))),
                ("accuracy", percent(float(accuracy[0]))),
            ),
        ),
        Note(
            f"{fmt(steps, 0)} epochs: watch the boundary bend around the ring as the cost "
            f"falls to {fmt(float(cost[-1]))}.",
            "What do you think each hidden neuron contributes to this curved boundary? (Each "
            "one is a line; the output combines them.)",
            (
                *_ints(("epochs", steps)),
                ("cost J", fmt(float(cost[-1]))),
                ("accuracy", net),
            ),
        ),
        Note(
            f"The network gets {net} of the points right, where the best line got {line}. "
            "Same four steps as the regression; only the model changed.",
            "What would you need to change to make the network even better, or to use it on "
            "a different problem?",
            (("network accuracy", net), ("best line accuracy", line)),
        ),
    ]


# -- 18-20: backpropagation and the close ------------------------------------------------
def _chain_rule(v: LectureValues, talk: TalkInfo) -> list[Note]:
    return [
        Note(
            "To train a network, gradient descent needs the derivative of the cost with "
            "respect to every weight. The tool is the chain rule. If f, g and h are all "
            "differentiable, each link in the chain has its own derivative.",
            "Warm-up: what is the derivative of sin(x²)? Which part is g, which is h?",
        ),
        Note(
            "The derivative of f∘g∘h is f′(g(h(x)))·g′(h(x))·h′(x), or in Leibniz notation "
            "df/dg · dg/dh · dh/dx. Multiply the local derivatives along the path: that is "
            "all backpropagation is.",
        ),
    ]


def _backpropagation(v: LectureValues, talk: TalkInfo) -> list[Note]:
    ex = v.backprop
    outer = (
        ("∂J/∂p", fmt(ex.dJ_dp)),
        ("∂p/∂z⁽²⁾", fmt(ex.dp_dz2)),
    )
    return [
        Note(
            "Wouldn't it be fun to work out ∂J/∂θ₁⁽²⁾ and ∂J/∂θ₁₁⁽¹⁾? For one input: this "
            f"training point, (x, y) = ({fmt(ex.x, 2)}, {fmt(ex.y, 2)}) with label "
            f"c = {fmt(ex.c, 0)}, in the trained network. The forward pass gives "
            f"a₁ = {fmt(ex.a1)}, and with θ₁⁽²⁾ = {fmt(ex.theta1_2)} the output is "
            f"p = {fmt(ex.p)}.",
            "Is the network right about this point? How sure is it?",
            (
                ("x", fmt(ex.x, 2)),
                ("y", fmt(ex.y, 2)),
                ("c", fmt(ex.c, 0)),
                ("a₁", fmt(ex.a1)),
                ("θ₁⁽²⁾", fmt(ex.theta1_2)),
                ("p", fmt(ex.p)),
            ),
        ),
        Note(
            "First, the output weight. Follow the path from J back to θ₁⁽²⁾: "
            "∂J/∂θ₁⁽²⁾ = ∂J/∂p · ∂p/∂z⁽²⁾ · ∂z⁽²⁾/∂θ₁⁽²⁾, and each local rule is easy: "
            "(p − c)/(p(1 − p)), then p(1 − p), then a₁.",
            "Which factors cancel when we multiply?",
        ),
        Note(
            "Put the numbers in: the p(1 − p) cancels, leaving (p − c)·a₁ = "
            f"{fmt(ex.dJ_dtheta1_2, 4)}. A finite difference, nudging θ₁⁽²⁾ a tiny bit and "
            f"watching J, gives {fmt(ex.fd_dJ_dtheta1_2, 4)}: the chain rule is right.",
            values=(
                *outer,
                ("∂z⁽²⁾/∂θ₁⁽²⁾ = a₁", fmt(ex.dz2_dtheta1_2)),
                ("∂J/∂θ₁⁽²⁾", fmt(ex.dJ_dtheta1_2, 4)),
                ("finite difference", fmt(ex.fd_dJ_dtheta1_2, 4)),
            ),
        ),
        Note(
            "Now a weight one layer deeper, θ₁₁⁽¹⁾: the path is two links longer, through a₁ "
            "and z₁⁽¹⁾. The first two factors are the ones we already computed: "
            "backpropagation reuses them instead of starting over. That is why it is fast.",
            "Which factors have we already computed? What are the new local rules?",
        ),
        Note(
            "The numbers: (p − c)·θ₁⁽²⁾·a₁(1 − a₁)·x = "
            f"{fmt(ex.dJ_dtheta11_1, 4)}, and the finite difference agrees: "
            f"{fmt(ex.fd_dJ_dtheta11_1, 4)}. One more note on signs: the talk used "
            "J = c ln p + (1 − c) ln(1 − p), but these derivatives belong to the negative "
            "log-likelihood, the cost gradient descent actually minimizes.",
            "How many such products would a network with a million weights need? (One per "
            "weight, and backpropagation shares the common factors.)",
            (
                *outer,
                ("∂z⁽²⁾/∂a₁ = θ₁⁽²⁾", fmt(ex.dz2_da1)),
                ("∂a₁/∂z₁⁽¹⁾", fmt(ex.da1_dz1)),
                ("∂z₁⁽¹⁾/∂θ₁₁⁽¹⁾ = x", fmt(ex.dz1_dtheta11)),
                ("∂J/∂θ₁₁⁽¹⁾", fmt(ex.dJ_dtheta11_1, 4)),
                ("finite difference", fmt(ex.fd_dJ_dtheta11_1, 4)),
            ),
        ),
    ]


def _thank_you(v: LectureValues, talk: TalkInfo) -> list[Note]:
    return [
        Note(
            "Thank you! The road we travelled: data, a model, a cost, gradient descent, and "
            "the chain rule to compute the gradients. The network that wrote the Balderdash "
            "terms is the same idea, with many more layers and weights.",
            "Questions? And: what would you like to teach a network to do?",
        ),
    ]


WRITERS: dict[str, Callable[[LectureValues, TalkInfo], list[Note]]] = {
    "TitleCard": _title_card,
    "AIBalderdash": _balderdash,
    "WhatWellMeet": _what_well_meet,
    "TestScores": _test_scores,
    "MeanSquaredError": _mean_squared_error,
    "Calculus": _calculus,
    "MSEAgainstSlope": _mse_against_slope,
    "GradientDescent": _gradient_descent,
    "Recap": _recap,
    "ClassificationData": _classification_data,
    "LogisticModel": _logistic_model,
    "CostFunction": _cost_function,
    "LogisticResult": _logistic_result,
    "HopelessLine": _hopeless_line,
    "LogisticAsGraph": _logistic_as_graph,
    "StackingALayer": _stacking_a_layer,
    "NetworkResult": _network_result,
    "ChainRule": _chain_rule,
    "Backpropagation": _backpropagation,
    "ThankYou": _thank_you,
}


def lecture_notes(
    values: LectureValues | None = None, talk: TalkInfo | None = None
) -> dict[str, tuple[Note, ...]]:
    """Every scene's notes, one per slide, from the lecture's values (default: the ones the
    scenes draw, ``scenes.context``)."""
    v = values or context.lecture()
    t = talk or context.talk()
    return {name: tuple(write(v, t)) for name, write in WRITERS.items()}
