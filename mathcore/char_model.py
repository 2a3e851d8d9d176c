"""A character-level network that writes new math terms, trained by backpropagation.

The talk opens with terms "generated using a neural network". This one reads a list of real
terms and learns, for each character, a probability for the next one given the k before it;
then it writes new terms a character at a time, drawing each from those probabilities.

Vocabulary: the V distinct characters of the list plus an end mark (index 0, written "|"),
which also pads the start: "Torus" gives the examples  ||| -> T,  ||T -> o, ..., rus -> |
(context k = 3 shown). Shapes for N examples: contexts ``X`` (N, k) of character indices,
targets ``t`` (N,). Parameters: an embedding ``E`` (V, d) (each character's d numbers),
``W1`` (k d, H), ``b1`` (H,), ``W2`` (H, V), ``b2`` (V,). For one example:

    e   = [E[x_1], ..., E[x_k]]             (k d,)   the context's characters, side by side
    a   = e W1 + b1                         (H,)     hidden pre-activations
    h   = tanh(a)                           (H,)     hidden units
    z   = h W2 + b2                         (V,)     one score per next character
    p_j = e^{z_j} / sum_m e^{z_m}           (V,)     softmax: probabilities of the next one
    J   = -ln p_t                                    cross-entropy (averaged over the N)

The softmax and cross-entropy gradient: J = -z_t + ln sum_m e^{z_m}, so

    dJ/dz_j = -1[j = t] + e^{z_j} / sum_m e^{z_m} = p_j - 1[j = t]

(the probability given minus the one wanted: the same (p - c) as logistic regression, where
V = 2). Backpropagation is the chain rule from there, one layer at a time, each local factor
named as in :mod:`mathcore.network`:

    z = h W2 + b2:   dz_j/dW2_ij = h_i,  dz_j/db2_j = 1,  dz_j/dh_i = W2_ij
                     -> dJ/dW2 = h^T dJ/dz,   dJ/db2 = dJ/dz,   dJ/dh = dJ/dz W2^T
    h = tanh(a):     dh_i/da_i = 1 - h_i^2
                     -> dJ/da = dJ/dh * (1 - h^2)
    a = e W1 + b1:   da_i/dW1_mi = e_m,  da_i/db1_i = 1,  da_i/de_m = W1_mi
                     -> dJ/dW1 = e^T dJ/da,   dJ/db1 = dJ/da,   dJ/de = dJ/da W1^T
    e = [E[x_1]..]:  de/dE[v] picks the slots where character v stands
                     -> dJ/dE[v] = sum over the slots s with x_s = v of dJ/de_s

Training is mini-batch gradient descent: B examples drawn by a seeded
``numpy.random.Generator``, every parameter moved by -lr times its gradient on them, the
learning rate lowered to a tenth for the last quarter of the steps. The same list and seed
give the same network and, sampled with the same seed, the same terms.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from mathcore.data import check_readable_file
from mathcore.errors import DataFileError, ParameterError
from mathcore.slide_text import undrawable

#: The end mark (index 0 of every vocabulary): ends a term and pads the start of a context.
END = "|"
#: Characters of context the network sees (k), and each character's embedding size (d).
CONTEXT = 4
EMBED = 12
#: Mini-batch size and learning rate of the training (the rate is a tenth of it at the end).
BATCH = 64
LR = 1.0
#: A training list: at least MIN_TERMS terms, at most MAX_TERMS, each at most MAX_LINE
#: characters (what trains in seconds and what a slide can show).
MIN_TERMS = 20
MAX_TERMS = 5000
MAX_LINE = 60
#: Sampled terms are kept only from MIN_LENGTH to MAX_LENGTH characters (the closing slide
#: shows them in the quiz's further-sampling size, at most 40 characters).
MIN_LENGTH = 5
MAX_LENGTH = 40
#: Full-data loss is recorded this many times over the training (and at the start).
LOSS_RECORDS = 10


@dataclass(frozen=True)
class TermList:
    """The terms of a training list file, in order, without duplicates (first kept)."""

    terms: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Vocabulary:
    """``chars[0]`` is :data:`END`; the others the list's characters in code point order."""

    chars: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.chars)

    def index(self) -> dict[str, int]:
        return {ch: i for i, ch in enumerate(self.chars)}


@dataclass(frozen=True)
class CharParams:
    """``E`` (V, d), ``W1`` (k d, H), ``b1`` (H,), ``W2`` (H, V), ``b2`` (V,). Gradients have
    the same shape and are returned as a CharParams too."""

    E: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray

    @property
    def context(self) -> int:
        return self.W1.shape[0] // self.E.shape[1]

    def flat(self) -> np.ndarray:
        """Every parameter in one vector: E, W1, b1, W2, b2, each row-major."""
        return np.concatenate([self.E.ravel(), self.W1.ravel(), self.b1, self.W2.ravel(), self.b2])

    def from_flat(self, vector: np.ndarray) -> CharParams:
        """A CharParams shaped like this one, filled from ``vector`` (inverse of :meth:`flat`)."""
        v = np.asarray(vector, dtype=float)
        parts, start = [], 0
        for array in (self.E, self.W1, self.b1, self.W2, self.b2):
            parts.append(v[start : start + array.size].reshape(array.shape))
            start += array.size
        return CharParams(*parts)


@dataclass(frozen=True)
class CharForward:
    """For N contexts: ``e`` (N, k d), ``a`` and ``h`` (N, H), ``z`` and ``p`` (N, V)."""

    e: np.ndarray
    a: np.ndarray
    h: np.ndarray
    z: np.ndarray
    p: np.ndarray


@dataclass(frozen=True)
class TermsModel:
    """A trained network and how it trained: the ``vocab``, the final ``params``, the
    ``hidden`` size, ``steps``, ``seed``, and ``loss`` (M,): the cross-entropy J on every
    example of the list at the steps ``loss_steps`` (M,), the first at step 0 (the random
    start, about ln V), the last at the end. ``examples`` is N."""

    vocab: Vocabulary
    params: CharParams
    hidden: int
    steps: int
    seed: int
    loss_steps: np.ndarray
    loss: np.ndarray
    examples: int


@dataclass(frozen=True)
class NewTerms:
    """``terms``: the new terms, in the order written; ``tried``: how many the network wrote
    to get them (the others were in the list, too short or long, or written twice)."""

    terms: tuple[str, ...]
    temperature: float
    seed: int
    tried: int


# -- the training list ------------------------------------------------------------------------
def load_term_list(path: str | Path) -> TermList:
    """One term a line (UTF-8; lines starting with # and blank lines skipped). Raises
    :class:`DataFileError` naming the file, the line and the fix for: text that is not
    UTF-8, a line longer than :data:`MAX_LINE` or with characters a slide cannot draw,
    fewer than :data:`MIN_TERMS` or more than :data:`MAX_TERMS` terms."""
    path = Path(path)
    kind = "a text file with one math term a line (like assets/math_terms.txt)"
    check_readable_file(path, kind)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataFileError(
            path,
            f"line {line} is not UTF-8 text (byte {err.start})",
            "save the file as UTF-8 text (in most editors: Save As, encoding UTF-8)",
        ) from None
    terms: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        term = unicodedata.normalize("NFC", line.strip())
        if not term or term.startswith("#"):
            continue
        # the messages name the line, never quote it (the file may not be a list of terms)
        if len(term) > MAX_LINE:
            raise DataFileError(
                path,
                f"line {number} has {len(term)} characters, more than {MAX_LINE}",
                f"shorten it to at most {MAX_LINE} characters, or put one term a line",
            )
        problem = undrawable(term)
        if problem:
            raise DataFileError(
                path,
                f"line {number} {problem}",
                "write the term in plain letters (tabs, control characters and emoji cannot "
                "be shown)",
            )
        if END in term:
            raise DataFileError(
                path,
                f"line {number} contains {END!r}, the network's end mark",
                f"write the term without {END!r}",
            )
        if term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
        if len(terms) > MAX_TERMS:
            raise DataFileError(
                path,
                f"has more than {MAX_TERMS} terms (line {number})",
                f"keep at most {MAX_TERMS} terms, so the network trains in seconds",
            )
    if len(terms) < MIN_TERMS:
        raise DataFileError(
            path,
            f"has {len(terms)} different term(s); the network needs at least {MIN_TERMS} to "
            "learn from",
            f"write at least {MIN_TERMS} real terms, one a line",
        )
    return TermList(terms=tuple(terms), source=str(path))


# -- the examples -----------------------------------------------------------------------------
def vocabulary(terms: tuple[str, ...] | list[str]) -> Vocabulary:
    """:data:`END` and every character of the terms, in code point order."""
    return Vocabulary((END, *sorted(set("".join(terms)))))


def examples(
    terms: tuple[str, ...] | list[str], vocab: Vocabulary, context: int = CONTEXT
) -> tuple[np.ndarray, np.ndarray]:
    """Contexts X (N, k) and targets t (N,): each character of each term and the end mark
    after it, with the k characters before it (padded with the end mark)."""
    index = vocab.index()
    rows: list[list[int]] = []
    targets: list[int] = []
    for term in terms:
        codes = [0] * context + [index[ch] for ch in term] + [0]
        for position in range(context, len(codes)):
            rows.append(codes[position - context : position])
            targets.append(codes[position])
    return np.array(rows, dtype=np.intp).reshape(-1, context), np.array(targets, dtype=np.intp)


def _stream(seed: int, purpose: int) -> np.random.Generator:
    """Independent seeded generators for the start (0), the batches (1) and the writing (2):
    asking for more terms does not change the network."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(purpose,)))


# -- the network ------------------------------------------------------------------------------
def init_params(
    vocab_size: int, context: int, embed: int, hidden: int, rng: np.random.Generator
) -> CharParams:
    """E ~ N(0, 1); W1 ~ N(0, 1/(k d)) (pre-activations of size about 1); W2 small, so the
    first guesses are nearly uniform (J about ln V); biases 0."""
    return CharParams(
        E=rng.normal(0.0, 1.0, (vocab_size, embed)),
        W1=rng.normal(0.0, 1.0 / np.sqrt(context * embed), (context * embed, hidden)),
        b1=np.zeros(hidden),
        W2=rng.normal(0.0, 0.01, (hidden, vocab_size)),
        b2=np.zeros(vocab_size),
    )


def softmax(z: np.ndarray) -> np.ndarray:
    """p_j = e^{z_j} / sum_m e^{z_m} along the last axis (shifted by max z: no overflow)."""
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def forward(params: CharParams, X: np.ndarray) -> CharForward:
    """e = the contexts' embeddings side by side, a = e W1 + b1, h = tanh a, z = h W2 + b2,
    p = softmax z."""
    e = params.E[X].reshape(len(X), -1)
    a = e @ params.W1 + params.b1
    h = np.tanh(a)
    z = h @ params.W2 + params.b2
    return CharForward(e=e, a=a, h=h, z=z, p=softmax(z))


def loss(params: CharParams, X: np.ndarray, t: np.ndarray) -> float:
    """J = -(1/N) sum ln p_t, from the scores z without log(0): ln p_t = z_t - logsumexp z."""
    z = forward(params, X).z
    top = z.max(axis=1)
    log_sum = top + np.log(np.sum(np.exp(z - top[:, None]), axis=1))
    return float(np.mean(log_sum - z[np.arange(len(t)), t]))


def gradients(params: CharParams, X: np.ndarray, t: np.ndarray) -> CharParams:
    """dJ/d(every parameter) of the mean cross-entropy, by the chain rule (module doc)."""
    n = len(t)
    fp = forward(params, X)
    # dJ/dz_j = p_j - 1[j = t]   (per example, / n for the mean)
    dJ_dz = fp.p.copy()
    dJ_dz[np.arange(n), t] -= 1.0
    dJ_dz /= n
    # z = h W2 + b2
    dJ_dW2 = fp.h.T @ dJ_dz
    dJ_db2 = dJ_dz.sum(axis=0)
    dJ_dh = dJ_dz @ params.W2.T
    # h = tanh(a):  dh/da = 1 - h^2
    dJ_da = dJ_dh * (1.0 - fp.h**2)
    # a = e W1 + b1
    dJ_dW1 = fp.e.T @ dJ_da
    dJ_db1 = dJ_da.sum(axis=0)
    dJ_de = dJ_da @ params.W1.T
    # e = [E[x_1], ..., E[x_k]]: each slot's gradient goes to the row of its character
    dJ_dE = np.zeros_like(params.E)
    np.add.at(dJ_dE, X.ravel(), dJ_de.reshape(X.size, -1))
    return CharParams(E=dJ_dE, W1=dJ_dW1, b1=dJ_db1, W2=dJ_dW2, b2=dJ_db2)


def train(
    terms: tuple[str, ...] | list[str],
    *,
    hidden: int,
    steps: int,
    seed: int,
    context: int = CONTEXT,
    embed: int = EMBED,
    batch: int = BATCH,
    lr: float = LR,
) -> TermsModel:
    """Train on the terms by mini-batch gradient descent from a seeded random start
    (module doc); records the loss on every example :data:`LOSS_RECORDS` times."""
    if hidden < 1:
        raise ParameterError("hidden", hidden, "the network needs hidden units", "use hidden = 64")
    if steps < 1:
        raise ParameterError("steps", steps, "the network needs training", "use steps = 3000")
    vocab = vocabulary(terms)
    X, t = examples(terms, vocab, context)
    params = init_params(vocab.size, context, embed, hidden, _stream(seed, 0))
    draws = _stream(seed, 1)
    record_at = set(np.linspace(0, steps, LOSS_RECORDS + 1).round().astype(int).tolist())
    loss_steps: list[int] = []
    losses: list[float] = []
    size = min(batch, len(t))
    for step in range(steps + 1):
        if step in record_at:
            loss_steps.append(step)
            losses.append(loss(params, X, t))
            if not np.isfinite(losses[-1]):
                raise ParameterError(
                    "hidden",
                    hidden,
                    f"training diverges: the loss is not finite at step {step}",
                    "use fewer hidden units (e.g. hidden = 64)",
                )
        if step == steps:
            break
        rate = lr if step < 0.75 * steps else lr / 10.0
        rows = draws.integers(0, len(t), size)
        g = gradients(params, X[rows], t[rows])
        params = CharParams(
            E=params.E - rate * g.E,
            W1=params.W1 - rate * g.W1,
            b1=params.b1 - rate * g.b1,
            W2=params.W2 - rate * g.W2,
            b2=params.b2 - rate * g.b2,
        )
    if not losses[-1] < losses[0]:
        raise ParameterError(
            "steps",
            steps,
            f"training does not learn: the loss is {losses[-1]:.4g} after {steps} steps, not "
            f"below its start {losses[0]:.4g}",
            "train for more steps (e.g. steps = 6000)",
        )
    return TermsModel(
        vocab=vocab,
        params=params,
        hidden=hidden,
        steps=steps,
        seed=seed,
        loss_steps=np.array(loss_steps),
        loss=np.array(losses),
        examples=len(t),
    )


# -- writing new terms ------------------------------------------------------------------------
def write_term(
    model: TermsModel, rng: np.random.Generator, temperature: float, longest: int
) -> str | None:
    """One term, a character at a time from p = softmax(z / temperature), until the end mark;
    None if it runs past ``longest`` characters."""
    k = model.params.context
    codes = [0] * k
    for _ in range(longest + 1):
        z = forward(model.params, np.array([codes[-k:]])).z[0]
        p = softmax(z / temperature)
        code = int(rng.choice(len(p), p=p))
        if code == 0:
            return "".join(model.vocab.chars[c] for c in codes[k:])
        codes.append(code)
    return None


def _letters(term: str) -> str:
    """The term's letters and digits, lower case, without possessive 's: "Lagrange's
    theorem" and "Lagrange theorem" are the same term."""
    return "".join(ch for ch in term.casefold().replace("'s", "") if ch.isalnum())


def sample(
    model: TermsModel,
    count: int,
    *,
    seed: int,
    temperature: float,
    training: tuple[str, ...] | list[str],
    shortest: int = MIN_LENGTH,
    longest: int = MAX_LENGTH,
    tries: int = 200,
) -> NewTerms:
    """``count`` new terms written by the model with a seeded generator: each one not a term
    of the ``training`` list nor part of one (comparing letters and digits only, ignoring case
    and possessive 's), from ``shortest`` to ``longest`` characters, without leading,
    trailing or doubled spaces, and not written before. Raises
    :class:`ParameterError` (``samples``) when ``tries`` times ``count`` attempts do not give
    that many."""
    if temperature <= 0.0:
        raise ParameterError("temperature", temperature, "must be > 0", "use temperature = 0.8")
    known = "\n".join(_letters(term) for term in training)
    rng = _stream(seed, 2)
    found: list[str] = []
    seen: set[str] = set()
    tried = 0
    while len(found) < count and tried < tries * count:
        tried += 1
        term = write_term(model, rng, temperature, longest)
        if term is None or not shortest <= len(term) <= longest:
            continue
        if " ".join(term.split()) != term:
            continue
        key = _letters(term)
        if key in known or key in seen:  # a list term, part of one, or written before
            continue
        seen.add(key)
        found.append(term)
    if len(found) < count:
        raise ParameterError(
            "samples",
            count,
            f"in {tried} tries the network wrote only {len(found)} new terms of "
            f"{shortest} to {longest} characters (the others copy the list or are too short "
            "or long)",
            "ask for fewer terms, train on a longer list, or raise the temperature",
        )
    return NewTerms(terms=tuple(found), temperature=temperature, seed=seed, tried=tried)


@lru_cache(maxsize=4)
def trained_terms(
    terms: tuple[str, ...], hidden: int, steps: int, seed: int, samples: int, temperature: float
) -> tuple[TermsModel, NewTerms]:
    """:func:`train` then :func:`sample` with the same seed, remembered for the last few
    inputs (the same inputs give the same result, so a process trains once per list)."""
    model = train(terms, hidden=hidden, steps=steps, seed=seed)
    return model, sample(model, samples, seed=seed, temperature=temperature, training=terms)
