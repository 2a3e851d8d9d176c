"""Where the project and its default folders are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"  # what a run writes for people: videos, slides, handouts
BUILD = ROOT / "build"  # manim's working folders and caches
