"""The lecture's scenes in order: the single source for rendering, slides and tests."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from scenes.base import LectureScene


@dataclass(frozen=True)
class SceneEntry:
    """Storyboard row ``number``: the class ``name`` in ``scenes.<module>``, chapter ``title``."""

    number: int
    module: str
    name: str
    title: str

    @property
    def slug(self) -> str:
        """File name stem, e.g. '08_GradientDescent'."""
        return f"{self.number:02d}_{self.name}"

    def load(self) -> type[LectureScene]:
        return getattr(importlib.import_module(f"scenes.{self.module}"), self.name)


#: The lecture in order: (module, class, chapter title); a scene's number is its place here.
_ORDER: tuple[tuple[str, str, str], ...] = (
    ("intro", "TitleCard", "Title"),
    ("intro", "AIBalderdash", "AI Balderdash"),
    ("intro", "WhatWellMeet", "What we'll meet"),
    ("regression", "TestScores", "Test scores"),
    ("regression", "MeanSquaredError", "Mean squared error"),
    ("regression", "Calculus", "Calculus"),
    ("regression", "MSEAgainstSlope", "MSE against m"),
    ("regression", "GradientDescent", "Gradient descent"),
    ("regression", "Recap", "Recap"),
    ("classification", "ClassificationData", "Classification data"),
    ("classification", "LogisticModel", "Logistic model"),
    ("classification", "CostFunction", "Cost function"),
    ("classification", "LogisticResult", "Logistic result"),
    ("classification", "HopelessLine", "When a line is hopeless"),
    ("network", "LogisticAsGraph", "Logistic regression as a graph"),
    ("network", "StackingALayer", "Stacking a layer"),
    ("network", "NetworkResult", "Neural network result"),
    ("backprop", "ChainRule", "Chain rule"),
    ("backprop", "Backpropagation", "Backpropagation"),
    ("backprop", "ThankYou", "Thank you"),
)
SCENES: tuple[SceneEntry, ...] = tuple(
    SceneEntry(number, module, name, title)
    for number, (module, name, title) in enumerate(_ORDER, start=1)
)


def entry_of(cls: type) -> SceneEntry | None:
    """The row of the scene class ``cls`` in :data:`SCENES` (by module and class name), or
    None for a scene that is not in the lecture (e.g. a test's)."""
    for entry in SCENES:
        if (cls.__module__, cls.__name__) == (f"scenes.{entry.module}", entry.name):
            return entry
    return None


def select(spec: str | None) -> list[SceneEntry]:
    """Scenes by number or name: '5', '4-8', '8,GradientDescent', or None for all."""
    if not spec:
        return list(SCENES)
    by_name = {entry.name.lower(): entry for entry in SCENES}
    by_number = {entry.number: entry for entry in SCENES}
    chosen: list[SceneEntry] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if "-" in part and all(s.strip().isdigit() for s in part.split("-", 1)):
            lo, hi = (int(s) for s in part.split("-", 1))
            numbers = range(lo, hi + 1)
        elif part.isdigit():
            numbers = [int(part)]
        elif part.lower() in by_name:
            numbers = [by_name[part.lower()].number]
        else:
            raise ValueError(
                f"unknown scene '{part}'. Use numbers 1-{len(SCENES)} or names such as "
                f"{SCENES[7].name}"
            )
        for n in numbers:
            if n not in by_number:
                raise ValueError(f"no scene number {n}: the lecture has scenes 1-{len(SCENES)}")
            if by_number[n] not in chosen:
                chosen.append(by_number[n])
    return sorted(chosen, key=lambda e: e.number)
