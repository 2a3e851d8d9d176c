"""manim's shared caches made safe for scenes rendering in parallel processes.

Scenes of one run share manim's media folder: compiled LaTeX (``Tex/``), Pango's text SVGs
(``texts/``). manim assumes one process; :func:`serialize_shared_files` makes every cache
entry appear in one step, whole (never visible while being written), remakes an entry that
is not whole, and adds a lock per entry and per SVG file; :func:`tidy_latex` does once, at
the end of a run, the clean-up manim would do after every formula. What manim parses out of
those SVGs is kept for the next process too (:mod:`pipeline.parsed_svg`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from manim import config

from pipeline import parsed_svg
from scenes.theme import drop_parsed_paths


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


def is_complete_svg(path: Path) -> bool:
    """Whether ``path`` holds a whole SVG file: not empty, ending with its closing ``</svg>``
    tag. A file cut short (a full disk, a killed process, an older run's race) does not."""
    try:
        with path.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            if size == 0:
                return False
            file.seek(max(0, size - 64))
            return file.read().rstrip().endswith(b"</svg>")
    except OSError:
        return False


class CacheEntryError(OSError):
    """A cache entry that could not be written whole (e.g. the disk is full)."""


def _publish(made: Path, target: Path, what: str) -> None:
    """Move a finished entry into place in one step (``os.replace``), after checking it is
    whole: readers see the previous state or the complete file, never a part of it."""
    if not is_complete_svg(made):
        made.unlink(missing_ok=True)
        raise CacheEntryError(
            f"{what} {target.name} could not be written completely in {target.parent} "
            "(is the disk full?). Fix: free some space and run again"
        )
    os.replace(made, target)


def _remove_last_m(file_name: str) -> None:
    """manimpango's ``PangoUtils.remove_last_M`` without rewriting a shared file in place.

    manim calls it on every Text's cached SVG after making it, each time the Text is built:
    the original truncates the file, then writes it back, so a process reading (or fixing)
    the same file at that moment reads nothing, and a full disk leaves it empty for good.
    The cache already holds the fixed content (applied before the entry was published), so
    here it only checks; a file that still needs the fix is replaced in one step.
    """
    path = Path(file_name)
    content = path.read_text()
    fixed = _LAST_M.sub('Z "/>', content)
    if fixed != content:
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
        try:
            tmp.write_text(fixed)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)


_LAST_M = re.compile(r'Z M [^A-Za-z]*? "\/>')  # the expression manimpango uses


def serialize_shared_files() -> None:
    """Make manim's shared caches safe for scenes rendering in parallel processes.

    manim assumes one process. Its caches are files named by a hash of what they hold
    (``texts/<hash>.svg`` for a Text, ``Tex/<hash>.svg`` for a formula), made when missing
    and used whenever the name exists, and written in place: Pango and dvisvgm write the
    final name progressively, and manim then rewrites each text SVG in place (truncate, then
    write) every time a Text is built. Another process could read such a file empty or half
    written (``ParseError: no element found``), and a file cut short stayed in the cache and
    failed every later run, even with ``--force``.

    Here every entry is made under a private temporary name (a formula in a private work
    folder), checked whole, and moved to its name in one step (``os.replace``); an entry
    that is not whole (empty, cut short) is made again. Each entry has a lock, so two
    processes needing the same one make it once. manim loads an SVG through a temporary
    ``<name>_.svg`` beside it that it deletes afterwards: a lock per SVG file keeps two
    processes from deleting each other's.
    """
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject, text_mobject
    from manim.utils import tex_file_writing

    compile_tex = tex_file_writing.tex_to_svg_file
    if getattr(compile_tex, "serialized", False):
        return

    def tex_to_svg_file(expression: str, environment: str | None = None, tex_template=None):  # type: ignore[no-untyped-def]
        template = tex_template or config["tex_template"]
        code = (
            template.get_texcode_for_expression(expression)
            if environment is None
            else template.get_texcode_for_expression_in_env(expression, environment)
        )
        tex_dir = Path(config.get_dir("tex_dir"))
        target = tex_dir / f"{tex_file_writing.tex_hash(code)}.svg"
        if is_complete_svg(target):
            return target
        with _locked(f"tex {target}"):
            if is_complete_svg(target):  # another process made it meanwhile
                return target
            target.unlink(missing_ok=True)  # not whole: made again
            work = tex_dir / f".{target.stem}.{os.getpid()}.partial"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            shared = config.tex_dir
            config.tex_dir = str(work)  # manim compiles (.tex, .dvi, .svg) in a private folder
            try:
                _publish(compile_tex(expression, environment, template), target, "formula")
            finally:
                config.tex_dir = shared
            shutil.rmtree(work, ignore_errors=True)  # kept on a LaTeX error: its .log
        return target

    load_svg = SVGMobject.generate_mobject

    def generate_mobject(self: SVGMobject) -> SVGMobject:
        path = Path(self.get_file_path())
        with _locked(f"svg {path}"):
            try:
                entry = parsed_svg.entry_path(self, path)
                if parsed_svg.load(self, entry):
                    return self
                load_svg(self)
                drop_parsed_paths(self)
                parsed_svg.save(self, entry)
                return self
            except ET.ParseError as err:
                if path.parent.name not in ("texts", "Tex"):
                    raise
                path.unlink(missing_ok=True)  # a damaged cache entry: the next run makes it again
                raise CacheEntryError(
                    f"manim's cache entry {path} was damaged ({err}); it was removed. "
                    "Fix: run the same command again"
                ) from None

    def patch_text(cls: type) -> None:
        write_svg = cls._text2svg
        hash_name = cls._text2hash

        def _text2svg(self, color):  # type: ignore[no-untyped-def]
            """manim's own ``_text2svg``, which names the file by ``self._text2hash(color)``
            and makes it when that name does not exist: given here a temporary name when
            the entry is missing or not whole, then moved into place."""
            entry: dict[str, Path] = {}
            with ExitStack() as held:

                def name_for(colour):  # type: ignore[no-untyped-def]
                    name = hash_name(self, colour)
                    target = Path(config.get_dir("text_dir")) / f"{name}.svg"
                    entry["target"] = target
                    if is_complete_svg(target):
                        return name
                    held.enter_context(_locked(f"text {target}"))
                    if is_complete_svg(target):  # another process made it meanwhile
                        return name
                    entry["made"] = target.with_name(f".{name}.{os.getpid()}.partial.svg")
                    entry["made"].unlink(missing_ok=True)
                    return entry["made"].stem

                self._text2hash = name_for
                try:
                    write_svg(self, color)
                    if "made" in entry:
                        _remove_last_m(str(entry["made"]))  # manim's fix, before publishing
                        _publish(entry["made"], entry["target"], "text")
                finally:
                    del self._text2hash
                    if "made" in entry:
                        entry["made"].unlink(missing_ok=True)  # published, or failed
            return str(entry["target"].resolve())

        cls._text2svg = _text2svg

    patch_text(text_mobject.Text)
    patch_text(text_mobject.MarkupText)
    text_mobject.PangoUtils = type(
        "PangoUtils", (text_mobject.PangoUtils,), {"remove_last_M": staticmethod(_remove_last_m)}
    )
    tex_to_svg_file.serialized = True  # type: ignore[attr-defined]
    tex_file_writing.tex_to_svg_file = tex_to_svg_file
    tex_mobject.tex_to_svg_file = tex_to_svg_file
    SVGMobject.generate_mobject = generate_mobject  # type: ignore[method-assign]


def tidy_latex(tex_dir: Path) -> None:
    """Delete LaTeX's by-products (.aux, .dvi, .log), keeping the cached .tex and .svg, and
    what a killed process left half made in the caches (``.<name>.partial`` files and
    folders, never a finished entry)."""
    for folder in (tex_dir, tex_dir.parent / "texts"):
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.startswith(".") and ".partial" in path.name:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            elif folder == tex_dir and path.is_file() and path.suffix not in (".svg", ".tex"):
                path.unlink(missing_ok=True)
