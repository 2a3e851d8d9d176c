"""The generators behind the shipped CSV files in ``assets/``, kept so the files can be remade.

Each data set comes from its own seeded ``numpy.random.Generator``; ``write_assets`` rewrites
the files byte for byte (``python -m mathcore make-data``). A teacher may replace any file
with their own data in the same columns.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mathcore.files import atomic_path

SEEDS = {"test_scores": 2022, "separable": 16, "rings": 11}
FILES = {"test_scores": "test_scores.csv", "separable": "separable.csv", "rings": "rings.csv"}


def make_test_scores(rng: np.random.Generator, n: int = 90) -> np.ndarray:
    """Whole-number scores out of 100, shape (n, 2): Test 1 and a correlated Test 2."""
    test1 = np.clip(rng.normal(72.0, 12.0, n), 35, 100)
    test2 = np.clip(0.8 * test1 + 10.0 + rng.normal(0.0, 7.0, n), 20, 100)
    return np.rint(np.column_stack([test1, test2]))


def make_separable(rng: np.random.Generator, n: int = 100) -> np.ndarray:
    """Two overlapping Gaussian clouds a line mostly separates, shape (n, 3): x, y, c."""
    half = n // 2
    blue = rng.normal([-1.1, -0.7], 0.7, size=(half, 2))
    orange = rng.normal([1.1, 0.9], 0.7, size=(n - half, 2))
    X = np.vstack([blue, orange])
    c = np.r_[np.zeros(half), np.ones(n - half)]
    order = rng.permutation(n)
    return np.column_stack([X, c])[order].round(3)


def make_rings(rng: np.random.Generator, n: int = 160) -> np.ndarray:
    """One class ringed around the other, shape (n, 3): x, y, c. No line does much better
    than guessing the larger class."""
    half = n // 2
    radius = np.r_[np.abs(rng.normal(0.0, 0.8, half)), rng.normal(2.0, 0.35, n - half)]
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    c = np.r_[np.ones(half), np.zeros(n - half)]
    order = rng.permutation(n)
    return np.column_stack([X, c])[order].round(3)


def _write_csv(path: Path, header: str, rows: np.ndarray, fmt: str) -> None:
    """Write all rows at once or not at all (:func:`mathcore.files.atomic_path`)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(header + "\n")
        for row in rows:
            handle.write(",".join(fmt.format(v) for v in row) + "\n")


def write_assets(directory: str | Path) -> list[Path]:
    """(Re)write the three shipped data files into ``directory``; return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = {name: np.random.default_rng(seed) for name, seed in SEEDS.items()}
    scores = make_test_scores(rng["test_scores"])
    _write_csv(directory / FILES["test_scores"], "test1,test2", scores, "{:.0f}")
    _write_csv(directory / FILES["separable"], "x,y,c", make_separable(rng["separable"]), "{:g}")
    _write_csv(directory / FILES["rings"], "x,y,c", make_rings(rng["rings"]), "{:g}")
    return [directory / name for name in FILES.values()]
