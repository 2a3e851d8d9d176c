"""Look at a scene: render it at low quality and save a PNG of the screen at every beat.

python -m pipeline.preview 8            # scene 8 -> build/preview/08_GradientDescent/*.png
python -m pipeline.preview 13-14 --quality medium_quality
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from manim import config, tempconfig
from PIL import Image

from scenes.base import LectureScene
from scenes.lecture import select

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("manim-slides").setLevel(logging.WARNING)


def preview(
    spec: str, quality: str = "low_quality", out: Path = ROOT / "build" / "preview"
) -> None:
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
                    "quality": quality,
                    "media_dir": str(ROOT / "build" / "media"),
                    "verbosity": "WARNING",
                    "progress_bar": "none",
                    "disable_caching": True,
                }
            ):
                entry.load()(output_folder=ROOT / "build" / "slides").render()
                print(folder, sorted(p.name for p in folder.glob("*.png")), config.pixel_height)
        finally:
            LectureScene.beat_hook = None


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("scenes")
    parser.add_argument("--quality", default="low_quality")
    args = parser.parse_args()
    preview(args.scenes, args.quality)
