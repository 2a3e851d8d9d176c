"""Look at a scene: render it at low quality and save a PNG of the screen at every beat.

lecture preview 8            # scene 8 -> build/preview/08_GradientDescent/*.png
lecture preview 13-14 --quality 720p
"""

from __future__ import annotations

import logging
from pathlib import Path

from manim import config, tempconfig
from PIL import Image

from mathcore.config import QUALITIES
from pipeline.paths import BUILD
from scenes.base import LectureScene
from scenes.lecture import select

logging.getLogger("manim-slides").setLevel(logging.WARNING)


def preview(spec: str, quality: str = "low", out: Path = BUILD / "preview") -> None:
    """Render the scenes of ``spec`` and save the screen at every beat as PNG in ``out``."""
    for entry in select(spec):
        folder = out / entry.slug
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

        def save(scene: LectureScene, label: str, folder: Path = folder) -> None:
            name = label.replace(" ", "_")
            Image.fromarray(scene.renderer.get_frame()).save(folder / f"{name}.png")

        LectureScene.beat_hook = save
        try:
            with tempconfig(
                {
                    **QUALITIES[quality].manim_config(),
                    "media_dir": str(BUILD / "media"),
                    "verbosity": "WARNING",
                    "progress_bar": "none",
                    "disable_caching": True,
                }
            ):
                entry.load()(output_folder=BUILD / "slides").render()
                print(folder, sorted(p.name for p in folder.glob("*.png")), config.pixel_height)
        finally:
            LectureScene.beat_hook = None
