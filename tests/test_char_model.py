"""The character-level network that writes new math terms: its gradient against central
finite differences of a forward pass written out here, its training (the loss falls, the same
seed gives the same bytes), its terms (new, the right length, the same for the same seed), a
teacher's own list, and every bad list refused with the file, the line and the fix."""

import time
from pathlib import Path

import numpy as np
import pytest
from scipy.special import logsumexp

from mathcore import char_model
from mathcore.char_model import CharParams
from mathcore.errors import DataFileError, ParameterError
from tests.oracles import central_gradient

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "assets" / "math_terms.txt"
#: The shipped lecture's training (assets/lecture.toml [terms_model]).
SHIPPED_SETTINGS = {"hidden": 64, "steps": 6000, "seed": 0}


def naive_loss(params, X, t):
    """-(1/N) sum ln p_t, example by example: the k embeddings side by side, tanh, scores,
    softmax written out."""
    total = 0.0
    for context, target in zip(X, t, strict=True):
        e = np.concatenate([params.E[code] for code in context])
        h = [
            np.tanh(sum(e[m] * params.W1[m, i] for m in range(len(e))) + params.b1[i])
            for i in range(len(params.b1))
        ]
        z = [
            sum(h[i] * params.W2[i, j] for i in range(len(h))) + params.b2[j]
            for j in range(len(params.b2))
        ]
        top = max(z)
        total += -(z[target] - top - np.log(sum(np.exp(v - top) for v in z)))
    return total / len(t)


def one_hot_loss(params, X, t):
    """The same mean loss for many examples, another way: one-hot contexts times E, scipy's
    logsumexp."""
    V = params.E.shape[0]
    one_hot = np.eye(V)[X]  # (N, k, V)
    e = np.einsum("nkv,vd->nkd", one_hot, params.E).reshape(len(X), -1)
    z = np.tanh(e @ params.W1 + params.b1) @ params.W2 + params.b2
    return float(np.mean(logsumexp(z, axis=1) - z[np.arange(len(t)), t]))


def small_problem(seed, vocab=7, context=3, embed=2, hidden=4, n=12):
    rng = np.random.default_rng(seed)
    params = CharParams(
        E=rng.normal(0, 1, (vocab, embed)),
        W1=rng.normal(0, 0.7, (context * embed, hidden)),
        b1=rng.normal(0, 0.5, hidden),
        W2=rng.normal(0, 0.7, (hidden, vocab)),
        b2=rng.normal(0, 0.5, vocab),
    )
    X = rng.integers(0, vocab, (n, context))
    t = rng.integers(0, vocab, n)
    return params, X, t


def write(tmp_path, text, name="terms.txt", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def letters(term):
    """Independent of mathcore: lower-case letters and digits, possessive 's dropped."""
    return "".join(ch for ch in term.lower().replace("'s", "") if ch.isalnum())


@pytest.fixture(scope="module")
def shipped_terms():
    return char_model.load_term_list(SHIPPED).terms


@pytest.fixture(scope="module")
def shipped_model(shipped_terms):
    started = time.perf_counter()
    model = char_model.train(shipped_terms, **SHIPPED_SETTINGS)
    return model, time.perf_counter() - started


# --- the network and its gradient ------------------------------------------------------------


def test_forward_and_loss_match_the_written_out_network():
    params, X, t = small_problem(0)
    fp = char_model.forward(params, X)
    assert fp.e.shape == (12, 6) and fp.h.shape == (12, 4) and fp.p.shape == (12, 7)
    np.testing.assert_allclose(fp.p.sum(axis=1), 1.0, rtol=1e-14)
    assert char_model.loss(params, X, t) == pytest.approx(naive_loss(params, X, t), rel=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gradient_of_every_parameter_matches_central_differences(seed):
    params, X, t = small_problem(seed)
    grad = char_model.gradients(params, X, t).flat()
    fd = central_gradient(lambda v: naive_loss(params.from_flat(v), X, t), params.flat())
    assert grad.shape == fd.shape == (params.flat().size,)
    np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-9)


def test_gradient_with_a_character_twice_in_one_context():
    # the embedding row of a repeated character gets both slots' gradients
    params, _, _ = small_problem(4)
    X = np.array([[2, 2, 5], [0, 2, 2], [3, 3, 3]])
    t = np.array([1, 0, 3])
    grad = char_model.gradients(params, X, t).flat()
    fd = central_gradient(lambda v: naive_loss(params.from_flat(v), X, t), params.flat())
    np.testing.assert_allclose(grad, fd, rtol=1e-6, atol=1e-9)


def test_score_gradient_is_p_minus_one_hot():
    params, X, t = small_problem(5, n=1)
    fp = char_model.forward(params, X)
    z = fp.z[0]
    h = 1e-6

    def J(zv):
        return -(zv[t[0]] - np.log(np.sum(np.exp(zv))))

    fd = central_gradient(J, z, h)
    expected = fp.p[0].copy()
    expected[t[0]] -= 1.0
    np.testing.assert_allclose(fd, expected, rtol=1e-6, atol=1e-9)
    # dJ/db2 of one example is exactly dJ/dz
    np.testing.assert_allclose(char_model.gradients(params, X, t).b2, expected, rtol=1e-12)


def test_flat_and_from_flat_are_inverse():
    params, _, _ = small_problem(6)
    back = params.from_flat(params.flat())
    for name in ("E", "W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(getattr(back, name), getattr(params, name))
    assert params.context == 3


# --- examples --------------------------------------------------------------------------------


def test_examples_by_hand():
    vocab = char_model.vocabulary(["Torus", "Tor"])
    assert vocab.chars == ("|", "T", "o", "r", "s", "u")
    X, t = char_model.examples(["Torus"], vocab, context=3)
    shown = [
        "".join(vocab.chars[k] for k in row) + "->" + vocab.chars[k]
        for row, k in zip(X, t, strict=True)
    ]
    assert shown == ["|||->T", "||T->o", "|To->r", "Tor->u", "oru->s", "rus->|"]


# --- training on the shipped list ------------------------------------------------------------


def test_shipped_list_has_hundreds_of_terms_and_says_where_they_come_from(shipped_terms):
    assert len(shipped_terms) >= 300
    header = SHIPPED.read_text(encoding="utf-8").split("\n\n")[0]
    assert "written for this project from standard mathematical vocabulary" in " ".join(
        line.lstrip("# ") for line in header.splitlines()
    )
    assert len({term.lower() for term in shipped_terms}) == len(shipped_terms)


def test_training_on_the_shipped_list_lowers_the_loss_in_seconds(shipped_model, shipped_terms):
    model, seconds = shipped_model
    assert seconds < 10.0, f"training took {seconds:.1f} s"
    vocab = char_model.vocabulary(shipped_terms)
    assert model.vocab == vocab
    X, t = char_model.examples(shipped_terms, vocab)
    assert model.examples == len(t)
    assert model.loss_steps[0] == 0 and model.loss_steps[-1] == SHIPPED_SETTINGS["steps"]
    # the random start guesses almost uniformly: J about ln V
    assert model.loss[0] == pytest.approx(np.log(vocab.size), abs=0.05)
    # the record is the loss on every example, and it falls a long way
    assert model.loss[-1] == pytest.approx(one_hot_loss(model.params, X, t), rel=1e-12)
    assert model.loss[-1] < 0.5 * model.loss[0]
    assert model.loss[-1] < 1.6


def test_new_terms_are_new_and_fit_the_slide(shipped_model, shipped_terms):
    model, _ = shipped_model
    new = char_model.sample(model, 12, seed=0, temperature=0.6, training=shipped_terms)
    assert len(new.terms) == 12 and new.tried >= 12
    known = [letters(term) for term in shipped_terms]
    for term in new.terms:
        assert term not in shipped_terms
        assert not any(letters(term) in k for k in known), term  # nor a part of a real one
        assert char_model.MIN_LENGTH <= len(term) <= char_model.MAX_LENGTH
        assert term == " ".join(term.split())
        assert set(term) <= set("".join(shipped_terms))
    assert len({letters(term) for term in new.terms}) == 12


def test_same_seed_same_bytes_other_seed_other_terms(shipped_terms):
    some = shipped_terms[::5]
    first = char_model.train(some, hidden=16, steps=300, seed=3)
    again = char_model.train(some, hidden=16, steps=300, seed=3)
    other = char_model.train(some, hidden=16, steps=300, seed=4)
    assert first.params.flat().tobytes() == again.params.flat().tobytes()
    assert first.loss.tobytes() == again.loss.tobytes()
    assert first.params.flat().tobytes() != other.params.flat().tobytes()
    kwargs = {"temperature": 1.0, "training": some}
    terms = char_model.sample(first, 6, seed=3, **kwargs).terms
    assert char_model.sample(again, 6, seed=3, **kwargs).terms == terms
    assert char_model.sample(first, 6, seed=5, **kwargs).terms != terms
    # asking for more terms does not change the first ones
    assert char_model.sample(first, 8, seed=3, **kwargs).terms[:6] == terms


def test_trained_terms_is_train_then_sample(shipped_terms):
    some = shipped_terms[::5]
    model, new = char_model.trained_terms(some, 16, 300, 3, 5, 1.0)
    assert char_model.trained_terms(some, 16, 300, 3, 5, 1.0)[0] is model  # remembered
    again = char_model.train(some, hidden=16, steps=300, seed=3)
    assert model.params.flat().tobytes() == again.params.flat().tobytes()
    sampled = char_model.sample(again, 5, seed=3, temperature=1.0, training=some)
    assert new.terms == sampled.terms


# --- a teacher's own list --------------------------------------------------------------------

TEACHER = """# my class's favourite words
Square
Triangle
Pentagon
Hexagon
Heptagon
Octagon
Rhombus
Trapezoid
Parallelogram
Kite
Circle
Ellipse
Sphere
Cylinder
Cone
Pyramid
Prism
Cube
Angle bisector
Perpendicular bisector
Right angle
Acute angle
Obtuse angle
Straight angle
Reflex angle
Isosceles triangle
Equilateral triangle
Scalene triangle
Right triangle
Hypotenuse
"""


def test_a_teachers_list_trains_and_writes_new_terms(tmp_path):
    path = write(tmp_path, TEACHER)
    terms = char_model.load_term_list(path).terms
    assert len(terms) == 30 and terms[0] == "Square"
    model = char_model.train(terms, hidden=32, steps=1500, seed=1)
    assert model.loss[-1] < model.loss[0]
    assert model.vocab.chars == ("|", *sorted(set("".join(terms))))
    new = char_model.sample(model, 5, seed=1, temperature=1.0, training=terms)
    for term in new.terms:
        assert not any(letters(term) in letters(known) for known in terms)
        assert set(term) <= set("".join(terms))


def test_list_with_accents_and_duplicates(tmp_path):
    lines = [f"Term number {i}" for i in range(25)] + ["Möbius strip", "MÖBIUS STRIP", "Poincaré"]
    path = write(tmp_path, "\n".join(lines) + "\n")
    terms = char_model.load_term_list(path).terms
    assert "Möbius strip" in terms and "MÖBIUS STRIP" not in terms and len(terms) == 27


# --- bad lists -------------------------------------------------------------------------------


def refused(path):
    with pytest.raises(DataFileError) as caught:
        char_model.load_term_list(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "Fix:" in message, message
    return message


def test_empty_list_is_refused(tmp_path):
    assert "has 0 different term(s)" in refused(write(tmp_path, ""))
    assert "has 0 different" in refused(write(tmp_path, "# only a comment\n\n", "c.txt"))


def test_too_few_terms_is_refused(tmp_path):
    message = refused(write(tmp_path, "Torus\nSphere\nTorus\n"))
    assert "has 2 different term(s)" in message and f"at least {char_model.MIN_TERMS}" in message


def test_non_utf8_is_refused_naming_the_line(tmp_path):
    text = "\n".join(f"Term {i}" for i in range(30)).replace("Term 7", "Poincar\u00e9")
    message = refused(write(tmp_path, text, encoding="latin-1"))
    assert "line 8 is not UTF-8" in message and "UTF-8" in message.split("Fix:")[1]


def test_long_line_is_refused_naming_the_line(tmp_path):
    lines = [f"Term {i}" for i in range(30)]
    lines[11] = "A" * (char_model.MAX_LINE + 1)
    message = refused(write(tmp_path, "\n".join(lines)))
    assert f"line 12 has {char_model.MAX_LINE + 1} characters" in message
    assert "AAA" not in message  # the line is named, not quoted


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("Tab\there", "control character"),
        ("Smile \U0001f600", "emoji"),
        ("Pipe | term", "end mark"),
    ],
)
def test_undrawable_or_end_mark_is_refused(tmp_path, bad, words):
    lines = [f"Term {i}" for i in range(30)]
    lines[4] = bad
    message = refused(write(tmp_path, "\n".join(lines)))
    assert "line 5" in message and words in message


def test_missing_file_and_folder_are_refused(tmp_path):
    refused(tmp_path / "nope.txt")
    refused(tmp_path)


def test_too_many_terms_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(char_model, "MAX_TERMS", 40)
    message = refused(write(tmp_path, "\n".join(f"Term {i}" for i in range(50))))
    assert "more than 40 terms (line 41)" in message


def test_bad_parameters_are_refused(shipped_terms):
    with pytest.raises(ParameterError, match="hidden"):
        char_model.train(shipped_terms, hidden=0, steps=10, seed=0)
    with pytest.raises(ParameterError, match="steps"):
        char_model.train(shipped_terms, hidden=4, steps=0, seed=0)
    model = char_model.train(shipped_terms[:40], hidden=8, steps=50, seed=0)
    with pytest.raises(ParameterError, match="temperature"):
        char_model.sample(model, 3, seed=0, temperature=0.0, training=shipped_terms)
    with pytest.raises(ParameterError, match="samples") as caught:
        char_model.sample(model, 3, seed=0, temperature=0.5, training=shipped_terms, tries=0)
    assert "Fix:" in str(caught.value)
