"""The pronunciation table: math notation in, words a synthesizer can say out."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline.speech.pronounce import number_words, spoken, unspeakable

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("θ₁₁⁽¹⁾", "theta one one, layer one"),
        ("θ₁⁽²⁾", "theta one, layer two"),
        ("σ", "sigma"),
        ("σ′", "sigma prime"),
        ("∂J/∂m₁", "partial J over partial m one"),
        ("∂J/∂θ₁₁⁽¹⁾", "partial J over partial theta one one, layer one"),
        ("Σ xᵢ²", "sum of x i squared"),
        ("x ≈ 0.9446", "x is approximately zero point nine four four six"),
        ("1 − p", "1 minus p"),
        ("2 × 3 · 4", "2 times 3 times 4"),
        ("√2", "the square root of 2"),
        ("σ ≥ ½", "sigma is greater than or equal to one half"),
        ("m ≤ 3", "m is less than or equal to 3"),
        ("m → m_best", "m goes to m best"),
        ("x̄", "x bar"),
        ("ȳ", "y bar"),
        ("MSE", "M S E"),
        ("MSE′(m₀)", "M S E prime of (m zero)"),
        ("e^(−x)", "e to the minus x"),
        ("e^{−z}", "e to the minus z"),
        ("ln(ab) = ln a + ln b", "log of (ab) equals log a plus log b"),
        ("−0.248", "minus zero point two four eight"),
        ("-0.5", "minus zero point five"),
        ("98%", "98 percent"),
        ("49.5%", "49 point five percent"),
        ("1.30", "1 point three"),
        ("there are 12 students", "there are 12 students"),
        ("σ(x) = 1/(1 + e^(−x))", "sigma of (x) equals 1 over (1 plus e to the minus x)"),
        ("p(1 − p)", "p times (1 minus p)"),
        ("a₁(1 − a₁)", "eh one times (1 minus eh one)"),
        ("a₁ … a_3", "eh one to eh 3"),
        ("y₁ + … + yₙ", "y one plus dot dot dot plus y n"),
        ("f∘g∘h", "f composed with g composed with h"),
        ("df/dg · dg/dx", "d f over d g times d g over d x"),
        ("a yes/no answer", "a yes or no answer"),
        ("Σ xᵢyᵢ / Σ xᵢ²", "sum of x i y i over sum of x i squared"),
        ("Π pᵢ", "product of p i"),
        ("η", "eta"),
        ("(x, y) = (0.52, −1.30)", "(x, y) equals (zero point five two, minus 1 point three)"),
        ("[[x]]", "((x))"),
        ("a job for… the theorem", "a job for, the theorem"),
    ],
)
def test_spoken_reads_the_notation(text: str, said: str) -> None:
    assert spoken(text) == said
    assert unspeakable(text) == []


def test_a_whole_sentence_reads_naturally() -> None:
    text = "Here θ₁₁⁽¹⁾ = 0.52, and ∂J/∂θ₁⁽²⁾ = (p − c)·a₁ ≈ −0.0123."
    assert spoken(text) == (
        "Here theta one one, layer one, equals zero point five two, and partial J over partial "
        "theta one, layer two, equals (p minus c) times eh one is approximately minus zero "
        "point zero one two three."
    )


def test_number_words() -> None:
    assert number_words("0", "9446") == "zero point nine four four six"
    assert number_words("12", "500") == "12 point five"
    assert number_words("3", "000") == "3"


def test_the_output_is_ascii_for_the_lecture_symbols() -> None:
    symbols = "θσ′∂Σ≈−×·²√≥≤→x̄ₙᵢ₀₁₂₃⁽⁾¹η½…∘Π"
    assert spoken(symbols).isascii()


def test_an_unknown_symbol_is_reported_not_hidden() -> None:
    text = "x ⊗ y is ♠, 中"
    assert unspeakable(text) == ["⊗", "♠", "中"]
    assert "⊗" in spoken(text)  # left in, for the test to see


def test_accented_latin_letters_are_speakable() -> None:
    assert unspeakable("Sortenkeveâdynami, Poincaré") == []
    assert spoken("Poincaré") == "Poincaré"


def _string_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_the_table_says_every_symbol_the_scenes_write() -> None:
    """Every non-ASCII character in the scenes' strings (titles, labels, notes, narration)
    is in the table: a new symbol there fails here until the table learns to say it."""
    missing: dict[str, list[str]] = {}
    for path in sorted((ROOT / "scenes").rglob("*.py")):
        for literal in _string_literals(path):
            for char in unspeakable(literal):
                missing.setdefault(char, []).append(f"{path.relative_to(ROOT)}: {literal[:60]!r}")
    assert not missing, f"the pronunciation table cannot say: {missing}"
