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


SCENES: tuple[SceneEntry, ...] = (
    SceneEntry(1, "intro", "TitleCard", "Title"),
    SceneEntry(2, "intro", "AIBalderdash", "AI Balderdash"),
    SceneEntry(3, "intro", "WhatWellMeet", "What we'll meet"),
    SceneEntry(4, "regression", "TestScores", "Test scores"),
    SceneEntry(5, "regression", "MeanSquaredError", "Mean squared error"),
    SceneEntry(6, "regression", "Calculus", "Calculus"),
    SceneEntry(7, "regression", "MSEAgainstSlope", "MSE against m"),
    SceneEntry(8, "regression", "GradientDescent", "Gradient descent"),
    SceneEntry(9, "regression", "Recap", "Recap"),
    SceneEntry(10, "classification", "ClassificationData", "Classification data"),
    SceneEntry(11, "classification", "LogisticModel", "Logistic model"),
    SceneEntry(12, "classification", "CostFunction", "Cost function"),
    SceneEntry(13, "classification", "LogisticResult", "Logistic result"),
    SceneEntry(14, "classification", "HopelessLine", "When a line is hopeless"),
    SceneEntry(15, "network", "LogisticAsGraph", "Logistic regression as a graph"),
    SceneEntry(16, "network", "StackingALayer", "Stacking a layer"),
    SceneEntry(17, "network", "NetworkResult", "Neural network result"),
    SceneEntry(18, "backprop", "ChainRule", "Chain rule"),
    SceneEntry(19, "backprop", "Backpropagation", "Backpropagation"),
    SceneEntry(20, "backprop", "ThankYou", "Thank you"),
)


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
