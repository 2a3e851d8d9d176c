"""The one pronunciation table: math notation in narration text -> words a synthesizer says.

The caption shows the readable text (``θ₁₁⁽¹⁾ = 0.52``); the voice gets :func:`spoken` of it
(``theta one one, layer one, equals zero point five two``). Everything the voice may say about
notation is decided here, in the tables and the ordered :data:`RULES` below, and nowhere else.
:func:`unspeakable` lists what the table cannot say; a test runs it over the narration.

Readings chosen (one per notation, used everywhere):

- indices are read digit by digit: ``θ₁₁`` "theta one one", ``xᵢ`` "x i", ``m₀`` "m zero";
- a parenthesized superscript is the layer: ``θ₁⁽²⁾`` "theta one, layer two";
- ``x²`` "x squared", ``x³`` "x cubed", other powers "to the power ...", ``e^(−x)``
  "e to the minus x";
- derivatives: ``∂J/∂m₁`` "partial J over partial m one", ``df/dx`` "d f over d x",
  ``σ′`` "sigma prime";
- ``Σ`` "sum of", ``Π`` "product of", ``ln`` "log", ``σ(z)`` "sigma of z", ``a(1 − a)`` "a
  times 1 minus a", ``f∘g`` "f composed with g", ``x̄`` "x bar", ``MSE`` "M S E";
- numbers: a decimal is read as on screen, digit by digit after the point, trailing zeros
  dropped (``0.9446`` "zero point nine four four six", ``1.30`` "1 point three"): the listener
  hears exactly the number on the slide, in the form English speakers use for decimals, and
  the narration's writer controls the precision through the number of decimals shown.
  ``98%`` "98 percent", a minus sign "minus"; whole numbers stay digits for the synthesizer.
- the variable ``a`` with an index is said "eh" (the letter name): the synthesizer would read
  a bare "a" as the article.

Latin letters with accents (é, â) are letters the synthesizers read: they pass through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

GREEK: dict[str, str] = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ϵ": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ϑ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "ς": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "ϕ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    "Γ": "gamma",
    "Δ": "delta",
    "Θ": "theta",
    "Λ": "lambda",
    "Φ": "phi",
    "Ψ": "psi",
    "Ω": "omega",
    "Σ": "sum of",
    "∑": "sum of",
    "Π": "product of",
    "∏": "product of",
}

SUBSCRIPTS: dict[str, str] = {
    **{chr(0x2080 + d): DIGITS[d] for d in range(10)},
    "ᵢ": "i",
    "ⱼ": "j",
    "ₖ": "k",
    "ₗ": "l",
    "ₘ": "m",
    "ₙ": "n",
    "ₐ": "a",
    "ₑ": "e",
    "ₒ": "o",
    "ₓ": "x",
    "ₕ": "h",
    "ₚ": "p",
    "ₛ": "s",
    "ₜ": "t",
    "ᵣ": "r",
    "ᵤ": "u",
    "ᵥ": "v",
    "₊": "plus",
    "₋": "minus",
}

SUPERSCRIPTS: dict[str, str] = {
    "⁰": "zero",
    "¹": "one",
    "²": "two",
    "³": "three",
    "⁴": "four",
    "⁵": "five",
    "⁶": "six",
    "⁷": "seven",
    "⁸": "eight",
    "⁹": "nine",
    "ⁿ": "n",
    "ⁱ": "i",
    "ᵏ": "k",
    "ᵀ": "T",
    "⁺": "plus",
    "⁻": "minus",
}

SYMBOLS: dict[str, str] = {
    "=": "equals",
    "≈": "is approximately",
    "≠": "is not equal to",
    "≡": "is identical to",
    "≥": "is greater than or equal to",
    "≤": "is less than or equal to",
    ">": "is greater than",
    "<": "is less than",
    "+": "plus",
    "−": "minus",
    "±": "plus or minus",
    "×": "times",
    "·": "times",
    "⋅": "times",
    "*": "times",
    "÷": "divided by",
    "∘": "composed with",
    "√": "the square root of",
    "→": "goes to",
    "⇒": "implies",
    "∞": "infinity",
    "∈": "in",
    "∇": "the gradient of",
    "∫": "the integral of",
    "∂": "partial",
    "½": "one half",
    "⅓": "one third",
    "¼": "one quarter",
    "¾": "three quarters",
    "°": "degrees",
    "&": "and",
    "✓": "tick",
    "✔": "tick",
    "✗": "cross",
    "✘": "cross",
    "⁽": "(",
    "⁾": ")",
    "′": "prime",
    "″": "double prime",
}
"""Single characters and the words said for them (operators get spaces around them)."""

ACRONYMS: dict[str, str] = {"MSE": "M S E", "RMS": "R M S"}
"""Capitals said letter by letter."""

FUNCTIONS: dict[str, str] = {
    "σ": "sigma",
    "MSE": "M S E",
    "ln": "log",
    "log": "log",
    "exp": "exp",
    "sin": "sine",
    "cos": "cosine",
    "tan": "tangent",
    "mean": "mean",
    "f": "f",
    "g": "g",
    "h": "h",
}
"""Names that, written right before "(", apply to it: ``σ(z)`` is "sigma of z"."""

MARKS: dict[str, str] = {
    "\u0304": "bar",
    "\u0305": "bar",
    "\u0302": "hat",
    "\u0303": "tilde",
    "\u0307": "dot",
}
"""Combining marks over a letter: ``x̄`` is "x bar", ``ŷ`` "y hat"."""

_SUB = "".join(SUBSCRIPTS)
_SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP = "".join(SUPERSCRIPTS)
_OPERATORS = frozenset("+−=·×<>≤≥≈")


def number_words(integer: str, fraction: str = "") -> str:
    """A decimal as said: ``("0", "9446")`` -> "zero point nine four four six". Trailing zeros
    of ``fraction`` are dropped; the whole part stays digits (``0`` is "zero")."""
    whole = "zero" if integer.strip("0") == "" else integer
    fraction = fraction.rstrip("0")
    if not fraction:
        return whole
    return f"{whole} point {' '.join(DIGITS[int(d)] for d in fraction)}"


def _decimal(match: re.Match[str]) -> str:
    return number_words(match.group(1), match.group(2))


def _slash(match: re.Match[str]) -> str:
    """``1/n`` "1 over n"; between two plain words (``yes/no``) "or"."""
    left, right = match.group(1), match.group(2)
    words = re.fullmatch(r"[A-Za-z]{2,}", left) and re.fullmatch(r"[A-Za-z]{2,}", right)
    return f"{left} or {right}" if words else f"{left} over {right}"


def _ellipsis(match: re.Match[str]) -> str:
    """``+ … +`` "dot dot dot"; ``a₁ … a₃`` "to"; ``a job for… Bloschtegans`` a pause."""
    before, gap, after = match.group(1), match.group(2), match.group(3)
    if before in _OPERATORS or after in _OPERATORS:
        return f"{before} dot dot dot {after}"
    if before and after and gap:
        return f"{before} to {after}"
    return f"{before}, {after}"


def _layer(match: re.Match[str]) -> str:
    return f", layer {' '.join(SUPERSCRIPTS[c] for c in match.group(1))},"


def _power(match: re.Match[str]) -> str:
    run = match.group(0)
    if run == "²":
        return " squared "
    if run == "³":
        return " cubed "
    return f" to the power {' '.join(SUPERSCRIPTS[c] for c in run)} "


def _subscript(match: re.Match[str]) -> str:
    return " " + " ".join(SUBSCRIPTS[c] for c in match.group(0)) + " "


def _marks(text: str) -> str:
    """A letter standing alone with a bar, hat, tilde or dot: "x bar" (decomposed first: ``ȳ``
    is y + bar); accented letters inside words (``â`` in a name) are left to the synthesizer."""
    decomposed = unicodedata.normalize("NFD", text)
    pattern = f"(?<![A-Za-z])([A-Za-z])([{''.join(MARKS)}])(?![A-Za-z])"
    said = re.sub(pattern, lambda m: f"{m.group(1)} {MARKS[m.group(2)]}", decomposed)
    return unicodedata.normalize("NFC", said)


_FUNCTION_NAMES = "|".join(sorted(map(re.escape, FUNCTIONS), key=len, reverse=True))

RULES: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    # typography
    ("[\u00a0\u2009\u202f]", " "),
    ("[‘’]", "'"),
    ("[“”]", '"'),
    ("—", ", "),
    (r"(?<=\d)–(?=\d)", " to "),
    ("–", ", "),
    (r"\[", "("),  # "[[" would be raw phonemes for Piper
    (r"\]", ")"),
    # derivatives and fractions, on the tokens as written
    (r"(?<![A-Za-z])d([A-Za-z])/d([A-Za-z])(?![A-Za-z])", r"d \1 over d \2"),
    (r"([^\s/]+)/([^\s/]+)", _slash),
    (r" / ", " over "),
    # numbers
    (r"(\d)\s*%", r"\1 percent"),
    (r"(?<![\w)])-(?=\d)", "minus "),
    (r" - ", " minus "),
    (r"(?<![\d.])(\d+)\.(\d+)(?!\d|\.\d)", _decimal),
    # powers written with a caret
    (r"(?<![A-Za-z])e\^[({]([^(){}]*)[)}]", r"e to the \1,"),
    (r"(?<![A-Za-z])e\^(\S+)", r"e to the \1"),
    (r"\^[({]([^(){}]*)[)}]", r" to the power \1,"),
    (r"\^([^\s()]+)", r" to the power \1"),
    # application and products
    (rf"(?<![A-Za-z])({_FUNCTION_NAMES})(′*)\(", r"\1\2 of ("),
    (rf"((?<![A-Za-z])[A-Za-z]|[\d)′⁾{_SUB}{_SUP}])\(", r"\1 times ("),
    # the variable a with an index is the letter, not the article
    (rf"(?<![A-Za-z])a(?=[{_SUB}⁽{_SUP}_])", "eh"),
    # indices and layers
    (rf"⁽([{_SUP_DIGITS}]+)⁾", _layer),
    (f"[{_SUP}]+", _power),
    (f"[{_SUB}]+", _subscript),
    # words
    (r"\bMSE\b", "M S E"),
    (r"\bRMS\b", "R M S"),
    (r"(?<![A-Za-z])ln(?![A-Za-z])", "log"),
    (r"(?<![A-Za-z])sin(?![A-Za-z])", "sine"),
    (r"(?<![A-Za-z])cos(?![A-Za-z])", "cosine"),
    (r"_", " "),
    (r"[{}]", " "),
    # ellipsis: after the operators are still symbols
    (r"(\S*)(\s*)…\s*(\S*)", _ellipsis),
)
"""Ordered (pattern, replacement) passes of :func:`spoken`; single symbols come after."""


def _symbols(text: str) -> str:
    out = []
    for char in text:
        if char in GREEK:
            out.append(f" {GREEK[char]} ")
        elif char in SYMBOLS:
            out.append(f" {SYMBOLS[char]} ")
        else:
            out.append(char)
    return "".join(out)


def _tidy(text: str) -> str:
    """Spaces collapsed, no space before punctuation, no doubled or dangling commas."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ([,.;:!?)])", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    text = re.sub(r",(\s*[,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s*,\s*", "(", text)
    text = re.sub(r",+", ",", text)
    text = re.sub(r",(?=[^\s\d])", ", ", text)
    text = re.sub(r"^[\s,]+|[\s,]+$", "", text)
    return text


def spoken(text: str) -> str:
    """``text`` as the synthesizer should say it: notation in words, ASCII wherever the table
    knows the symbol. Characters it does not know are left in (see :func:`unspeakable`)."""
    said = _marks(unicodedata.normalize("NFC", text))
    for pattern, replacement in RULES:
        said = re.sub(pattern, replacement, said)
    return _tidy(_symbols(said))


def _speakable(char: str) -> bool:
    if ord(char) < 128:
        return True
    return unicodedata.category(char).startswith("L") and unicodedata.name(char, "").startswith(
        "LATIN"
    )


def unspeakable(text: str) -> list[str]:
    """The characters of ``text`` the table cannot say, once each, in order of appearance:
    every non-ASCII character left in :func:`spoken` that is not a Latin letter."""
    seen: list[str] = []
    for char in spoken(text):
        if not _speakable(char) and char not in seen:
            seen.append(char)
    return seen
