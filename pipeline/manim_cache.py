"""manim's shared caches made safe for scenes rendering in parallel processes.

Scenes of one run share manim's media folder: compiled LaTeX (``Tex/``), Pango's text SVGs
(``texts/``). manim assumes one process; :func:`serialize_shared_files` adds a lock per
formula and per SVG file, and :func:`tidy_latex` does once, at the end of a run, the
clean-up manim would do after every formula.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from manim import config


@contextmanager
def _locked(key: str) -> Iterator[None]:
    """An exclusive lock across processes, one per ``key``, kept beside manim's media folder
    (not in the Tex folder: manim tidies that one file by file)."""
    name = hashlib.sha256(key.encode()).hexdigest()[:24]
    lock_path = Path(config.get_dir("media_dir")) / "locks" / f"{name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def serialize_shared_files() -> None:
    """Make manim's shared caches safe for scenes rendering in parallel processes.

    Two scenes may need the same formula or the same text at once. manim would compile a
    formula twice into the same files (one reading the other's half-written .dvi), and it
    loads every SVG through a temporary ``<name>_.svg`` beside it that it deletes afterwards
    (one process deleting the other's). Each formula and each SVG file gets its own lock, so
    different ones still proceed in parallel; cache hits take the lock only briefly.
    """
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject
    from manim.mobject.text.text_mobject import Text
    from manim.utils import tex_file_writing

    compile_tex = tex_file_writing.tex_to_svg_file
    if getattr(compile_tex, "serialized", False):
        return

    def tex_to_svg_file(expression: str, environment: str | None = None, tex_template=None):  # type: ignore[no-untyped-def]
        template = tex_template or config["tex_template"]
        with _locked(repr(("tex", expression, environment, template.body))):
            return compile_tex(expression, environment, tex_template)

    load_svg = SVGMobject.generate_mobject

    def generate_mobject(self: SVGMobject) -> SVGMobject:
        with _locked(repr(("svg", str(self.get_file_path())))):
            return load_svg(self)

    write_text_svg = Text._text2svg

    def _text2svg(self: Text, color):  # type: ignore[no-untyped-def]
        with _locked("pango text svg"):  # each file is written in place, then read back
            return write_text_svg(self, color)

    Text._text2svg = _text2svg  # type: ignore[method-assign]
    tex_to_svg_file.serialized = True  # type: ignore[attr-defined]
    tex_file_writing.tex_to_svg_file = tex_to_svg_file
    tex_mobject.tex_to_svg_file = tex_to_svg_file
    SVGMobject.generate_mobject = generate_mobject  # type: ignore[method-assign]


def tidy_latex(tex_dir: Path) -> None:
    """Delete LaTeX's by-products (.aux, .dvi, .log), keeping the cached .tex and .svg."""
    if tex_dir.is_dir():
        for path in tex_dir.iterdir():
            if path.is_file() and path.suffix not in (".svg", ".tex"):
                path.unlink(missing_ok=True)
